// A stand-in AloVoice PBX that speaks the API of shared/api/alovoice.md: its auth rules
// (Bearer for /mapi/*, token in the path elsewhere, getpeers' extra `token` header), its
// multipart and JSON bodies, and its answer shapes, with state enough for tests and demos.
import type { Reply, RecordedRequest, Route } from './core';
import { StubServer } from './core';

export const ALOVOICE_TOKEN = '22dfbb22-d073-4422-b322-22949d14a022';

export interface StoredCampaign {
	id: number;
	name: string;
	from: string;
	to: string;
	fromtime: string;
	totime: string;
	trunks: string[];
	record: string;
	recipients: number;
	maxline: string;
	goodtime: string;
	tryes: string;
	paused: string;
	status: string;
	timezone: number;
	updatedAt: string;
	createdAt: string;
}

export interface Peer {
	id: number;
	number: string;
	username: string;
	secret: string;
	paystatus: number;
	status: string;
	block: number;
	dnd: number;
	isws: number;
	lastip: string;
	isdef: number;
	extnumber: string;
	rule: string;
	trunk_id: number;
	amoid: string | null;
	bxid: string | null;
	windowsapp: number;
	mobileqr: string;
	payto: string;
}

export interface AloVoiceState {
	token: string;
	trunks: string[];
	peers: Peer[];
	campaigns: Map<number, StoredCampaign>;
	nextCampaignId: number;
	/** Calls sent to analysis, with how many result polls remain before the result is ready. */
	analyses: Map<string, { pollsLeft: number }>;
	/** How many "not ready" answers a freshly sent call gets before its result is ready. */
	analysisPolls: number;
	/** Calls whose recordings exist (for callsendai and /stereo). */
	recordedCalls: Set<string>;
	/** Two-way/IVR call requests received, in order (the PBX side answers them later). */
	callRequests: unknown[];
	/**
	 * How /requestcall and /outcall answer a valid request they accept. The API pages never say
	 * what /requestcall answers (/outcall: plain `true`/`false`), so the node must take each shape.
	 * Unset: plain `true` (and `false` from /outcall for an extension the PBX does not know).
	 */
	callAnswer?: CallAnswerShape;
}

/** Plausible answers to an accepted call request, by name (see `AloVoiceState.callAnswer`). */
export const CALL_ANSWER_SHAPES = {
	plainTrue: { body: 'true' },
	jsonTrue: { body: 'true', headers: { 'content-type': 'application/json' } },
	jsonObject: { body: { success: true } },
	jsonWithId: { body: { id: 58123, status: 'queued' } },
	jsonErrorNull: { body: { error: null, errors: [], result: 'ok' } },
	empty: { body: '' },
	noContent: { status: 204 },
	ok: { body: 'OK' },
	one: { body: '1' },
	html: {
		body: '<!DOCTYPE html><html><body>Call queued</body></html>',
		headers: { 'content-type': 'text/html; charset=utf-8' },
	},
} satisfies Record<string, Reply>;

export type CallAnswerShape = keyof typeof CALL_ANSWER_SHAPES;

export function defaultPeers(): Peer[] {
	const peer = (id: number, number: string, username: string, status: string): Peer => ({
		id,
		number,
		username,
		secret: `sip-secret-${number}`,
		paystatus: 1,
		status,
		block: 0,
		dnd: 0,
		isws: 0,
		lastip: '10.0.0.' + id,
		isdef: id === 1 ? 1 : 0,
		extnumber: '',
		rule: 'all',
		trunk_id: 253,
		amoid: null,
		bxid: null,
		windowsapp: 0,
		mobileqr: '',
		payto: '2026-12-31',
	});
	return [peer(1, '2000', 'Dilnoza', 'on'), peer(2, '2424', 'Aziz', 'off')];
}

export function createAloVoiceState(): AloVoiceState {
	return {
		token: ALOVOICE_TOKEN,
		trunks: ['551234567', '712345678'],
		peers: defaultPeers(),
		campaigns: new Map(),
		nextCampaignId: 123,
		analyses: new Map(),
		analysisPolls: 0,
		recordedCalls: new Set(['1001', '1002', '1003']),
		callRequests: [],
	};
}

/** A few bytes that start like an MP3 file, distinct per call. */
export function fakeAudio(callId: string): Buffer {
	return Buffer.concat([
		Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'),
		Buffer.from(`audio of ${callId}`),
	]);
}

export const TRANSCRIPT = [
	{
		begin: 0,
		end: 2400,
		direction: 'operator',
		text: 'Assalomu alaykum, AloVoice kompaniyasi',
		fragment_id: 1,
	},
	{
		begin: 2600,
		end: 5100,
		direction: 'client',
		text: 'Здравствуйте, я хотел узнать про тариф',
		fragment_id: 2,
	},
	{
		begin: 5300,
		end: 7000,
		direction: 'operator',
		text: 'Конечно, сейчас расскажу',
		fragment_id: 3,
	},
];

export const TAGS = [
	{
		name: 'Greeting',
		value: 'Assalomu alaykum',
		visible: true,
		tag_type: 'rule',
		begin: 0,
		end: 1200,
		match_text: 'Assalomu alaykum',
		fragment_id: 1,
	},
	{ name: 'No company introduction', value: '', visible: true, tag_type: 'rule' },
];

const json = (body: unknown, status = 200): Reply => ({ status, body });
const unauthorized = (): Reply => json({ error: 'Unauthorized' }, 401);

function bearerOk(request: RecordedRequest, state: AloVoiceState) {
	return request.headers.authorization === `Bearer ${state.token}`;
}

const DATE = /^\d{4}\.\d{2}\.\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

function campaignFromForm(request: RecordedRequest, state: AloVoiceState): Reply {
	const { fields, files } = request;
	const missing = ['name', 'from', 'to', 'fromtime', 'totime', 'trunks'].filter(
		(field) => !fields[field],
	);
	if (!files.record) missing.push('record');
	if (!files.recipients) missing.push('recipients');
	if (missing.length) return json({ error: `missing fields: ${missing.join(', ')}` }, 400);
	for (const field of ['from', 'to']) {
		if (!DATE.test(fields[field])) return json({ error: `${field} must be YYYY.MM.DD` }, 400);
	}
	for (const field of ['fromtime', 'totime']) {
		if (!TIME.test(fields[field])) return json({ error: `${field} must be HH:MM` }, 400);
	}
	const offset = /^utc\s*([+-])\s*(\d{1,2})(?::(\d{2}))?$/i.exec(fields.timezone ?? 'utc +5');
	if (!offset) return json({ error: 'timezone must look like "utc +5"' }, 400);
	const seconds =
		(offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 3600 + Number(offset[3] ?? 0) * 60);
	const now = new Date().toISOString();
	const id = state.nextCampaignId++;
	const campaign: StoredCampaign = {
		id,
		name: fields.name,
		from: fields.from.replace(/\./g, '-'),
		to: fields.to.replace(/\./g, '-'),
		fromtime: `${fields.fromtime}:00`,
		totime: `${fields.totime}:59`,
		trunks: fields.trunks.split(',').map((trunk) => trunk.trim()),
		record: `/play/${Buffer.from(files.record.content).toString('hex').slice(0, 32).padEnd(32, '0')}`,
		// The real PBX answers 0 here right after creation (it counts later); so does the stub.
		recipients: 0,
		maxline: fields.maxline ?? '1',
		goodtime: fields.goodtime ?? '3',
		tryes: fields.tryes ?? fields.tries ?? '2',
		paused: fields.paused ?? '0',
		status: 'new',
		timezone: seconds,
		updatedAt: now,
		createdAt: now,
	};
	state.campaigns.set(id, campaign);
	return json(campaign);
}

/** Decodes requestcall's body whatever form it came in: JSON, or multipart/url-encoded fields. */
function callRequestBody(request: RecordedRequest): Record<string, unknown> {
	if (request.json && typeof request.json === 'object')
		return request.json as Record<string, unknown>;
	const body: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(request.fields)) {
		try {
			body[name] = JSON.parse(value);
		} catch {
			body[name] = value;
		}
	}
	return body;
}

const PHONE = /^(\d{9}|\+\d{12}|\d{12})$/;

/** `lang` is optional (ru by default) and, when given, ru or uz. */
const langOk = (lang: unknown) => lang === undefined || lang === 'ru' || lang === 'uz';

function validCallRequest(body: Record<string, unknown>): string | undefined {
	if (body.ivrid !== undefined) {
		if (typeof body.callto !== 'string' || !PHONE.test(body.callto))
			return 'callto must be a phone number';
		if (!Number.isInteger(Number(body.ivrid)) || Number(body.ivrid) < 1)
			return 'ivrid must be an IVR id';
		if (!langOk(body.lang)) return 'lang must be ru or uz';
		return undefined;
	}
	const from = body.callfrom as { phone?: string; lang?: unknown } | undefined;
	if (!from || typeof from.phone !== 'string' || !PHONE.test(from.phone))
		return 'callfrom.phone is required';
	if (!langOk(from.lang)) return 'callfrom.lang must be ru or uz';
	if (!Array.isArray(body.callto) || body.callto.length === 0)
		return 'callto must be a non-empty list';
	for (const entry of body.callto as Array<{ phone?: string; queue?: unknown; lang?: unknown }>) {
		if (
			entry.queue === undefined &&
			!(typeof entry.phone === 'string' && PHONE.test(entry.phone))
		) {
			return 'each callto entry needs a phone or a queue';
		}
		if (!langOk(entry.lang)) return 'callto lang must be ru or uz';
	}
	return undefined;
}

export function aloVoiceRoutes(state: AloVoiceState): Route[] {
	const tokenOk = (token: string) => token === state.token;
	return [
		{
			method: 'POST',
			path: /^\/mapi\/addAutorule$/,
			handle: (request) =>
				bearerOk(request, state) ? campaignFromForm(request, state) : unauthorized(),
		},
		{
			method: 'GET',
			path: /^\/mapi\/getAutorule\/([^/]+)$/,
			handle: (request, [id]) => {
				if (!bearerOk(request, state)) return unauthorized();
				const campaign = state.campaigns.get(Number(id));
				return campaign ? json(campaign) : json({ error: 'Autorule not found' }, 404);
			},
		},
		{
			method: 'GET',
			path: /^\/mapi\/getMyTrunks$/,
			handle: (request) => (bearerOk(request, state) ? json(state.trunks) : unauthorized()),
		},
		{
			method: 'POST',
			path: /^\/requestcall\/([^/]+)$/,
			handle: (request, [token]) => {
				if (!tokenOk(token)) return unauthorized();
				const body = callRequestBody(request);
				const problem = validCallRequest(body);
				if (problem) return json({ error: problem }, 400);
				state.callRequests.push(body);
				return state.callAnswer ? CALL_ANSWER_SHAPES[state.callAnswer] : { body: 'true' };
			},
		},
		{
			method: 'POST',
			path: /^\/outcall\/([^/]+)$/,
			handle: (request, [token]) => {
				if (!tokenOk(token)) return unauthorized();
				const body = (request.json ?? request.fields) as Record<string, unknown>;
				const known = state.peers.some((peer) => String(peer.number) === String(body.inner_phone));
				if (!known || !body.number) return { body: 'false' };
				return state.callAnswer ? CALL_ANSWER_SHAPES[state.callAnswer] : { body: 'true' };
			},
		},
		{
			method: 'GET',
			path: /^\/getpeers\/([^/]+)$/,
			handle: (request, [token]) =>
				tokenOk(token) && request.headers.token === state.token
					? json(state.peers)
					: unauthorized(),
		},
		{
			method: 'GET',
			path: /^\/callsendai\/([^/]+)\/([^/]+)$/,
			handle: (_request, [token, callId]) => {
				if (!tokenOk(token)) return unauthorized();
				if (!state.recordedCalls.has(callId)) return json({ error: 'call not found' }, 404);
				state.analyses.set(callId, { pollsLeft: state.analysisPolls });
				return json({
					answer: {
						begin_time: 1745572464,
						aicallid: `ai-${callId}`,
						stereoaudio: `/stereo/${callId}`,
					},
				});
			},
		},
		{
			method: 'GET',
			path: /^\/callgetaireresult\/([^/]+)\/([^/]+)$/,
			handle: (_request, [token, callId]) => {
				if (!tokenOk(token)) return unauthorized();
				const analysis = state.analyses.get(callId);
				if (!analysis) return json({ error: 'call was not sent to analysis' }, 404);
				const base = {
					begin_time: 1745572464,
					aicallid: `ai-${callId}`,
					stereoaudio: `/stereo/${callId}`,
				};
				if (analysis.pollsLeft > 0) {
					analysis.pollsLeft -= 1;
					return json({ answer: { ...base, stalk: [], tags: [] } });
				}
				return json({ answer: { ...base, stalk: TRANSCRIPT, tags: TAGS } });
			},
		},
		{
			method: 'GET',
			path: /^\/stereo\/([^/]+)$/,
			handle: (_request, [callId]) =>
				state.recordedCalls.has(callId)
					? { body: fakeAudio(`stereo ${callId}`), headers: { 'content-type': 'audio/mpeg' } }
					: json({ error: 'not found' }, 404),
		},
		{
			method: 'GET',
			path: /^\/records\/([^/]+)$/,
			handle: (_request, [file]) => ({
				body: fakeAudio(file),
				headers: {
					'content-type': 'audio/mpeg',
					'content-disposition': `attachment; filename="${file}"`,
				},
			}),
		},
	];
}

export class AloVoiceServer extends StubServer {
	readonly state: AloVoiceState;

	constructor(state: AloVoiceState = createAloVoiceState()) {
		super(aloVoiceRoutes(state));
		this.state = state;
	}
}
