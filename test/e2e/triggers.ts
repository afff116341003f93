// Trigger workflows for the e2e suite and the benchmarks, built from the AloVoice Trigger's own
// description (the event parameter is found by its options), plus the PBX's request bodies.
import { randomUUID } from 'node:crypto';

import { examples } from '../server/pbxSide';
import type { Workflow } from './stack';

export type EventKind = 'callStarted' | 'callEnded' | 'callRequestResult' | 'routeRequest';

const EVENT_WORDS: Record<EventKind, RegExp> = {
	callStarted: /call.?start|callstart/i,
	callEnded: /call.?end|callend/i,
	callRequestResult: /result/i,
	routeRequest: /route/i,
};

interface Description {
	properties: Array<{ name: string; type: string; options?: ReadonlyArray<object> }>;
}

/** The trigger's event parameter and the value that selects `kind`. */
export function eventParameter(
	description: Description,
	kind: EventKind,
): { name: string; value: unknown } {
	for (const property of description.properties) {
		if (property.type !== 'options' || !property.options) continue;
		const option = (property.options as Array<{ name?: string; value?: unknown }>).find(
			(candidate) =>
				EVENT_WORDS[kind].test(String(candidate.value)) ||
				EVENT_WORDS[kind].test(String(candidate.name)),
		);
		if (option && property.options.length >= 4) return { name: property.name, value: option.value };
	}
	throw new Error(`the AloVoice Trigger has no event option for ${kind}`);
}

export function triggerWorkflow(
	id: string,
	name: string,
	description: Description,
	kind: EventKind,
	extra: Record<string, unknown> = {},
): Workflow {
	const event = eventParameter(description, kind);
	return {
		id,
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'AloVoice Trigger',
				type: 'n8n-nodes-alovoice.aloVoiceTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { [event.name]: event.value, ...extra },
			},
		],
		connections: {},
	};
}

export const ALOVOICE_TRIGGER = {
	name: 'AloVoice Trigger',
	type: 'n8n-nodes-alovoice.aloVoiceTrigger',
};
export const TELEDISCOUNT_TRIGGER = {
	name: 'Telediscount Trigger',
	type: 'n8n-nodes-alovoice.telediscountTrigger',
};

export type ChainNode = {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: unknown;
};

/** A trigger (with its own webhook id) followed by a straight chain of nodes. */
export function chainWorkflow(
	id: string,
	name: string,
	trigger: {
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: unknown;
		/** 1 (a saved workflow's trigger) unless given. */
		typeVersion?: number;
	},
	chain: ChainNode[] = [],
): Workflow {
	const nodes = [
		{
			name: trigger.name,
			type: trigger.type,
			typeVersion: trigger.typeVersion ?? 1,
			parameters: trigger.parameters,
			webhookId: randomUUID(),
			...(trigger.credentials ? { credentials: trigger.credentials } : {}),
		},
		...chain,
	].map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], ...node }));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections };
}

/** n8n's Edit Fields (Set) node giving each field its value (a string may be an expression). */
export function setNode(name: string, fields: Record<string, string | number>): ChainNode {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([field, value]) => ({
					id: randomUUID(),
					name: field,
					value,
					type: typeof value === 'number' ? 'number' : 'string',
				})),
			},
			options: {},
		},
	};
}

/**
 * A body as the vendor's examples send it: JSON text with a trailing comma, posted with
 * `curl --data`, so Content-Type application/x-www-form-urlencoded.
 */
export function pbxBody(fields: Record<string, unknown>): {
	body: string;
	headers: Record<string, string>;
} {
	const json = JSON.stringify(fields);
	return {
		body: `${json.slice(0, -1)},}`,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	};
}

/**
 * A route-request trigger's parameters when the workflow answers: by its last node (`lastNode`)
 * or by an answer node (`responseNode`: the AloVoice Answer node or Respond to Webhook), with
 * the fallback the trigger sends when it does not in time.
 */
export function workflowRoute(
	routeMode: 'lastNode' | 'responseNode',
	fallback: { action_type: string; action_data: string },
	answerTimeout: number,
) {
	return {
		event: 'routeRequest',
		routeMode,
		fallbackActionType: fallback.action_type,
		fallbackActionData: fallback.action_data,
		answerTimeout,
	};
}

/** n8n's Respond to Webhook node; typeVersion 1 is the only one n8n lets a community trigger use. */
export function respondToWebhook(
	typeVersion: number,
	respondWith: 'json' | 'text',
	responseBody: string,
): ChainNode {
	return {
		name: 'Respond to Webhook',
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion,
		parameters: { respondWith, responseBody, options: {} },
	};
}

/** The AloVoice Trigger's item for `examples.routeRequest` as sendEvent sends it (form-encoded JSON), with the fallback it planned. */
export const routeRequestItem = (fallback: { action_type: string; action_data: string }) => ({
	event: 'routeRequest',
	fromNumber: '974244100',
	fromNumberE164: '+998974244100',
	fromNumberWithheld: false,
	lineNumber: '712037006',
	lineNumberE164: '+998712037006',
	queueNumber: '6000',
	direction: 'inc',
	warnings: [],
	receivedAs: 'formJson',
	raw: examples.routeRequest,
	fallback,
});

/** The AloVoice Answer node (its parameters: answer, actionType/actionData or callId/callTo). */
export const aloVoiceAnswerNode = (
	name: string,
	parameters: Record<string, unknown>,
): ChainNode => ({
	name,
	type: 'n8n-nodes-alovoice.aloVoiceAnswer',
	typeVersion: 1,
	parameters,
});

/** n8n's Wait node: a slow CRM. */
export const waitNode = (name: string, seconds: number): ChainNode => ({
	name,
	type: 'n8n-nodes-base.wait',
	typeVersion: 1.1,
	parameters: { resume: 'timeInterval', amount: seconds, unit: 'seconds' },
});

/** A PBX posts an event and does not wait forever: a request without an answer in 60 s counts as status 0. */
export async function postPbx(
	url: string,
	fields: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
	const { body, headers } = pbxBody(fields);
	try {
		const answer = await fetch(url, {
			method: 'POST',
			body,
			headers,
			signal: AbortSignal.timeout(60_000),
		});
		return { status: answer.status, text: await answer.text() };
	} catch (error) {
		return { status: 0, text: `no answer within 60 s (${(error as Error).name})` };
	}
}

/** A CRM call id the PBX accepts in answer to call started: at most 12 digits, or a string of at most 32 characters. */
export const CALL_ID = /^(\d{1,12}|[^\s]{1,32})$/;

export { OWN_CALL_ID } from '../ownCallId';

export function callStartFields(index: number) {
	return {
		inner_phone: 2000 + (index % 50),
		number: `+9989${String(10_000_000 + index).slice(-8)}`,
		line: 712345678,
		type: 'inc',
		start_time: 1_745_572_464 + index,
	};
}

export function callEndFields(callId: string, index: number) {
	return {
		call_id: callId,
		finish_time: 1_745_572_524 + index,
		duration: 60,
		status_code: 200,
		record: `https://cld.alovoice.uz/records/${index}.mp3`,
	};
}

/** At least 200 requests no trigger may accept: malformed bodies of every kind. */
export function malformedRequests(): Array<{ label: string; init: RequestInit }> {
	const shapes: Array<[string, string | undefined, string | undefined]> = [
		['not JSON', 'hello there', 'text/plain'],
		['broken JSON', '{"inner_phone": 2000, "number": ', 'application/json'],
		['empty body', '', 'application/json'],
		['no body, no type', undefined, undefined],
		['JSON array', '[1,2,3]', 'application/json'],
		['JSON string', '"callstart"', 'application/json'],
		['JSON number', '42', 'application/json'],
		['JSON null', 'null', 'application/json'],
		['empty object', '{}', 'application/json'],
		['form field junk', 'a=1&b=2', 'application/x-www-form-urlencoded'],
		// Readable JSON objects that carry none of any AloVoice event's fields: not an event.
		['object without event fields', JSON.stringify({ hello: 'world', n: 1 }), 'application/json'],
		['curl body without event fields', '{"ping": true,}', 'application/x-www-form-urlencoded'],
		[
			'oversized',
			JSON.stringify({ number: '+998901234567', pad: 'x'.repeat(2 * 1024 * 1024) }),
			'application/json',
		],
	];
	const requests: Array<{ label: string; init: RequestInit }> = [];
	for (let round = 0; requests.length < 220; round++) {
		for (const [label, body, type] of shapes) {
			if (label === 'oversized' && round % 5 !== 0) continue;
			requests.push({
				label,
				init: { method: 'POST', body, headers: type ? { 'content-type': type } : {} },
			});
		}
	}
	return requests;
}

/** Values a PBX might send for a field that is odd: absent, null, empty, zero, wrong type… */
const ODD_JSON: Array<[string, unknown]> = [
	['missing', undefined],
	['null', null],
	['empty', ''],
	['zero', 0],
	['true', true],
	['an object', { a: 1 }],
	['an array', []],
	['text without digits', 'xyz'],
	['negative', -1],
	['anonymous', 'anonymous'],
];
const ODD_QUERY: Array<[string, string | undefined]> = [
	['missing', undefined],
	['empty', ''],
	['zero', '0'],
	['text', 'xyz'],
	['negative', '-1'],
];

export type OddKind = 'callStarted' | 'callEnded' | 'callRequestResult' | 'tdStart' | 'tdEnd';
export interface OddEvent {
	kind: OddKind;
	label: string;
	/** A unique value in an extra field (`probe`), so each stored execution names its request. */
	probe: string;
	fields: Record<string, unknown>;
}

/**
 * Readable events with one odd value each, over every event but the route request (the route
 * helper's suite sends those): each documented field in turn gets each odd value, `limit` per
 * event. Every one must be accepted and start exactly one execution.
 */
export function oddEvents(
	bases: Record<OddKind, Record<string, unknown>>,
	limit: Record<OddKind, number>,
): OddEvent[] {
	const events: OddEvent[] = [];
	for (const kind of Object.keys(bases) as OddKind[]) {
		const base = bases[kind];
		const values = kind.startsWith('td') ? ODD_QUERY : ODD_JSON;
		const fields = Object.keys(base);
		const cases: OddEvent[] = [];
		// Field-major order would spend the limit on the first fields; round-robin covers all.
		for (let v = 0; v < values.length; v++) {
			for (const field of fields) {
				const [label, value] = values[v];
				const copy: Record<string, unknown> = { ...base };
				if (value === undefined) delete copy[field];
				else copy[field] = value;
				const probe = `${kind}-${cases.length}`;
				cases.push({ kind, label: `${field} ${label}`, probe, fields: { ...copy, probe } });
			}
		}
		events.push(...cases.slice(0, limit[kind]));
	}
	return events;
}

/** The Call Started item's fields that Call Ended's `start` repeats (issue 20). */
export const START_FIELDS = [
	'number',
	'numberE164',
	'numberWithheld',
	'innerPhone',
	'line',
	'lineE164',
	'direction',
	'startTime',
	'startTimeIso',
] as const;

/** The `start` a Call Ended item must carry for the call whose Call Started item is `startItem`, nothing dropped. */
export function expectedStart(startItem: Record<string, unknown>): Record<string, unknown> {
	return {
		...Object.fromEntries(START_FIELDS.map((field) => [field, startItem[field]])),
		dropped: [],
	};
}

/** A Call Ended item without what issue 20 added (`start`, `startUnknown`): the fields that stay as they were. */
export function withoutStart(endItem: Record<string, unknown>): Record<string, unknown> {
	const { start: _start, startUnknown: _unknown, ...rest } = endItem;
	return rest;
}
