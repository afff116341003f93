// The stand-in PBX's side that SENDS events, exactly as shared/api/*.md show them. AloVoice's
// curl examples use `--data '{…,}'`: the JSON text (with a trailing comma) goes out as
// application/x-www-form-urlencoded. Telediscount sends GET with query parameters.

export interface SendOptions {
	/** How the body goes out; `curl` (the default) is the documented `curl --data` form. */
	as?: 'curl' | 'json' | 'form' | 'text' | 'none';
	headers?: Record<string, string>;
	/** Extra query parameters (e.g. a shared secret the user put into the pasted URL). */
	query?: Record<string, string>;
}

export interface PbxAnswer {
	status: number;
	contentType: string;
	body: string;
	/** The body parsed as JSON when it is JSON, else undefined. */
	json: unknown;
	ms: number;
}

/** `{"a":1,"b":2}` → `{"a":1,"b":2,}`: the vendor's examples end with a comma. */
export function withTrailingComma(fields: Record<string, unknown>): string {
	const json = JSON.stringify(fields);
	return `${json.slice(0, -1)},}`;
}

function withQuery(url: string, query?: Record<string, string>): string {
	if (!query) return url;
	const target = new URL(url);
	for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
	return target.toString();
}

async function answer(response: Response, started: number): Promise<PbxAnswer> {
	const body = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	return {
		status: response.status,
		contentType: response.headers.get('content-type') ?? '',
		body,
		json,
		ms: Date.now() - started,
	};
}

/** POSTs an AloVoice event the way the PBX does (default: curl --data, form-encoded JSON text). */
export async function sendEvent(
	url: string,
	fields: Record<string, unknown>,
	options: SendOptions = {},
): Promise<PbxAnswer> {
	const as = options.as ?? 'curl';
	const headers: Record<string, string> = { ...options.headers };
	let body: string | undefined;
	switch (as) {
		case 'curl':
			headers['content-type'] ??= 'application/x-www-form-urlencoded';
			body = withTrailingComma(fields);
			break;
		case 'json':
			headers['content-type'] ??= 'application/json';
			body = JSON.stringify(fields);
			break;
		case 'form':
			headers['content-type'] ??= 'application/x-www-form-urlencoded';
			body = new URLSearchParams(
				Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
			).toString();
			break;
		case 'text':
			headers['content-type'] ??= 'text/plain';
			body = withTrailingComma(fields);
			break;
		case 'none':
			break;
	}
	const started = Date.now();
	const response = await fetch(withQuery(url, options.query), { method: 'POST', headers, body });
	return await answer(response, started);
}

export const sendCallStart = sendEvent;
export const sendCallEnd = sendEvent;
export const sendCallRequestResult = sendEvent;
export const sendRouteRequest = sendEvent;

/** Telediscount: GET with the event's fields as query parameters (or POST with the same fields). */
export async function sendTelediscountEvent(
	url: string,
	fields: Record<string, string | number>,
	options: {
		method?: 'GET' | 'POST';
		as?: 'json' | 'form' | 'query';
		headers?: Record<string, string>;
		query?: Record<string, string>;
	} = {},
): Promise<PbxAnswer> {
	const method = options.method ?? 'GET';
	const headers: Record<string, string> = { ...options.headers };
	const strings = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
	let target = withQuery(url, options.query);
	let body: string | undefined;
	if (method === 'GET' || options.as === 'query') {
		target = withQuery(target, strings);
	} else if (options.as === 'json') {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(fields);
	} else {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(strings).toString();
	}
	const started = Date.now();
	return await answer(await fetch(target, { method, headers, body }), started);
}

/** The documented example bodies (shared/api/alovoice.md §2, §3, §6; telediscount.md Events). */
export const examples = {
	callStart: {
		inner_phone: 2000,
		number: '+998994412860',
		line: 712037006,
		type: 'inc',
		start_time: 1745572464,
	},
	callEnd: {
		call_id: 'e5e456se456s56w456',
		finish_time: 1745572524,
		duration: 60,
		status_code: 200,
		record: 'https://cld.alovoice.uz/records/1.mp3',
	},
	callResult: {
		id: 101,
		from_number: '712037006',
		to_number: '994412860',
		trunk_number: 712037006,
		begin_time: 1745572464,
		answer_time: 1745572470,
		end_time: 1745572530,
		duration: 60,
		dialstatus: 'ANSWER',
		record: 'https://cld.alovoice.uz/records/101.mp3',
		externalid: 123123,
		attempts: [],
	},
	routeRequest: {
		from_number: '974244100',
		line_number: '712037006',
		queue_number: 6000,
		direction: 'inc',
	},
	telediscountStart: {
		num_a: '79039998877',
		num_m: '79037778899',
		setup_time: '1745572464',
		api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
	},
	telediscountEnd: {
		num_a: '79039998877',
		num_m: '79037778899',
		num_b: 'SIP/0000000672',
		setup_time: '1745572464',
		connection_time: '12',
		waiting_time: '5',
		api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
		code_name_num_a: 'Moscow',
		code_name_num_b: 'SIP',
		price: '1.50',
	},
};

const telediscountStartItem = {
	event: 'callStarted',
	callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
	caller: '79039998877',
	callerE164: '+79039998877',
	callerWithheld: false,
	calledNumber: '79037778899',
	calledNumberE164: '+79037778899',
	setupTime: 1745572464,
	setupTimeIso: '2025-04-25T09:14:24.000Z',
};

/**
 * The Telediscount Trigger version 2's items: the one call shape (nodes/Telediscount/helpers/
 * call.ts), every key there, null where the event does not carry it.
 */
const telediscountCallV2 = {
	callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
	accountId: null,
	kind: null,
	serviceName: null,
	startTime: 1745572464,
	startTimeIso: '2025-04-25T09:14:24.000Z',
	caller: '79039998877',
	callerE164: '+79039998877',
	callerWithheld: false,
	callerName: null,
	calledNumber: '79037778899',
	calledNumberE164: '+79037778899',
	answeredBy: null,
	answeredByE164: null,
	answeredByName: null,
	answered: null,
	talkSeconds: null,
	waitSeconds: null,
	callerTalkSeconds: null,
	answeredByTalkSeconds: null,
	callerWaitSeconds: null,
	answeredByWaitSeconds: null,
	recordingFile: null,
	price: null,
};

/**
 * The triggers' items for those examples, without `receivedAs` and `raw` (they depend on how the
 * example was sent). One source for the engine tests and the real-n8n tests.
 */
export const exampleItems = {
	callStart: {
		event: 'callStarted',
		innerPhone: '2000',
		number: '+998994412860',
		numberE164: '+998994412860',
		numberWithheld: false,
		line: '712037006',
		lineE164: '+998712037006',
		direction: 'incoming',
		type: 'inc',
		startTime: 1745572464,
		startTimeIso: '2025-04-25T09:14:24.000Z',
		warnings: [] as string[],
	},
	callEnd: {
		event: 'callEnded',
		callId: 'e5e456se456s56w456',
		statusCode: '200',
		status: 'answered',
		answered: true,
		duration: 60,
		finishTime: 1745572524,
		finishTimeIso: '2025-04-25T09:15:24.000Z',
		record: 'https://cld.alovoice.uz/records/1.mp3',
		// The vendor's example id is no id this trigger made (docs/call-start-id.md).
		start: null,
		startUnknown: 'not an id this trigger made: not 32 characters',
		warnings: [] as string[],
	},
	telediscountStart: { ...telediscountStartItem, warnings: [] as string[] },
	telediscountEnd: {
		...telediscountStartItem,
		event: 'callEnded',
		answeredBy: 'SIP/0000000672',
		answeredByE164: null,
		callerRegion: 'Moscow',
		answeredByRegion: 'SIP',
		connectionTime: 12,
		waitingTime: 5,
		answered: true,
		price: 1.5,
		warnings: [] as string[],
	},
	telediscountStartV2: {
		event: 'callStarted',
		...telediscountCallV2,
		warnings: [] as string[],
	},
	telediscountEndV2: {
		event: 'callEnded',
		...telediscountCallV2,
		callerName: 'Moscow',
		answeredBy: 'SIP/0000000672',
		answeredByName: 'SIP',
		answered: true,
		talkSeconds: 12,
		waitSeconds: 5,
		price: 1.5,
		warnings: [] as string[],
	},
};
