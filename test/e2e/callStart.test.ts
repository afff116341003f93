// Issue 20 in a real n8n 2.40.7, through the production URLs: the id the AloVoice Trigger answers
// to call started carries the call's start, and Call Ended reads it back into `start`. For
// both trigger versions, for an incoming, an outgoing, an internal and a withheld call; across
// versions and workflows (nothing is stored between the two events); for the own-id fallback of
// a call start the workflow answers; and for ids that are not the trigger's own (a CRM's id, an
// old 32-hex id, a garbled one), which give `start: null` and a reason.
import { randomBytes, randomUUID } from 'node:crypto';

import { sendEvent } from '../server/pbxSide';
import { executionRunData, nodeOutput, startStack, waitFor, type Stack } from './stack';
import {
	ALOVOICE_TRIGGER,
	OWN_CALL_ID,
	aloVoiceAnswerNode,
	callEndFields,
	chainWorkflow,
	expectedStart,
	setNode,
	withoutStart,
	type ChainNode,
} from './triggers';

const TEXT = 'text/plain; charset=utf-8';
/** 2026-12-03 09:14:24 UTC: the calls' start time (each call a few seconds later). */
const START_TIME = 1_796_289_264;

/** A call start as the PBX sends it, and what the Call Started item must say about it. */
const CALLS = {
	incoming: {
		fields: {
			inner_phone: 2000,
			number: '+998901234567',
			line: 712345678,
			type: 'inc',
			start_time: START_TIME,
		},
		facts: {
			number: '+998901234567',
			numberE164: '+998901234567',
			numberWithheld: false,
			innerPhone: '2000',
			line: '712345678',
			lineE164: '+998712345678',
			direction: 'incoming',
			startTime: START_TIME,
			startTimeIso: '2026-12-03T09:14:24.000Z',
		},
		statusCode: '200',
	},
	outgoing: {
		fields: {
			inner_phone: 2424,
			number: '+998935551234',
			line: 551234567,
			type: 'out',
			start_time: START_TIME + 7,
		},
		facts: {
			number: '+998935551234',
			numberE164: '+998935551234',
			numberWithheld: false,
			innerPhone: '2424',
			line: '551234567',
			lineE164: '+998551234567',
			direction: 'outgoing',
			startTime: START_TIME + 7,
			startTimeIso: '2026-12-03T09:14:31.000Z',
		},
		statusCode: '486',
	},
	internal: {
		fields: {
			inner_phone: 2000,
			number: '2424',
			line: 712345678,
			type: 'int',
			start_time: START_TIME + 13,
		},
		facts: {
			number: '2424',
			numberWithheld: false,
			innerPhone: '2000',
			direction: 'internal',
			startTime: START_TIME + 13,
		},
		statusCode: '200',
	},
	withheld: {
		fields: {
			inner_phone: 2000,
			number: 'anonymous',
			line: 712345678,
			type: 'inc',
			start_time: START_TIME + 21,
		},
		facts: {
			number: null,
			numberE164: null,
			numberWithheld: true,
			innerPhone: '2000',
			direction: 'incoming',
			startTime: START_TIME + 21,
		},
		statusCode: '304',
	},
};
type Kind = keyof typeof CALLS;
const KINDS = Object.keys(CALLS) as Kind[];

const STATUS_NAMES: Record<string, string> = { '200': 'answered', '304': 'missed', '486': 'busy' };

function trigger(
	version: 1 | 2,
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	chain: ChainNode[] = [],
) {
	const workflow = chainWorkflow(id, name, { ...ALOVOICE_TRIGGER, parameters }, chain);
	(workflow.nodes[0] as { typeVersion: number }).typeVersion = version;
	return workflow;
}

/** n8n's IF node (typeVersion 2.2, as the examples use): `leftValue` equals `rightValue`. */
function ifEquals(name: string, leftValue: string, rightValue: string): ChainNode {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: randomUUID(),
						leftValue,
						rightValue,
						operator: { type: 'string', operation: 'equals' },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};
}

const W = {
	startV2: trigger(2, 'e2eCsStartV2own', 'e2e call start id: v2 started, own id', {
		event: 'callStarted',
		callStartAnswer: 'node',
	}),
	endV2: trigger(2, 'e2eCsEndedV2001', 'e2e call start id: v2 ended', { event: 'callEnded' }),
	startV1: trigger(1, 'e2eCsStartV1own', 'e2e call start id: v1 started, own id', {
		event: 'callStarted',
		callStartAnswer: 'node',
	}),
	endV1: trigger(1, 'e2eCsEndedV1001', 'e2e call start id: v1 ended', { event: 'callEnded' }),
	// Version 1, the last node answers: a CRM id for extension 2001, for any other an empty id,
	// which is invalid, so the trigger's own id goes out as the fallback.
	lastNodeV1: trigger(
		1,
		'e2eCsLastNodeV1',
		'e2e call start id: v1 started, last node answers',
		{ event: 'callStarted', callStartAnswer: 'lastNode', answerTimeout: 3 },
		[setNode('CRM id', { id: '={{ $json.innerPhone === "2001" ? "crm-e2e-2001" : "" }}' })],
	),
	// Version 2, an AloVoice Answer node answers, but only on the IF's true branch (extension
	// 2001): for any other extension the workflow ends without answering and the own id goes out.
	answerNodeV2: trigger(
		2,
		'e2eCsAnswerV2nd',
		'e2e call start id: v2 started, answer node on one branch',
		{ event: 'callStarted', callStartAnswer: 'responseNode', answerTimeout: 3 },
		[
			ifEquals('Known to the CRM?', '={{ $json.innerPhone }}', '2001'),
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'callStarted',
				callId: '=crm-e2e-{{ $json.innerPhone }}',
				callTo: '',
			}),
		],
	),
};
type Key = keyof typeof W;
const START = { 1: 'startV1', 2: 'startV2' } as const;
const END = { 1: 'endV1', 2: 'endV2' } as const;

let stack: Stack;
const urls = {} as Record<Key, string>;

beforeAll(
	async () => {
		stack = await startStack(Object.values(W));
		const hooks = stack.n8n.webhooks();
		for (const [key, wf] of Object.entries(W)) {
			const hook = hooks.find(
				(candidate) => candidate.workflow === wf.name && candidate.method === 'POST',
			);
			if (!hook)
				throw new Error(`n8n registered no POST webhook for ${wf.name}: ${JSON.stringify(hooks)}`);
			urls[key as Key] = hook.url;
		}
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

const PENDING = ['new', 'running', 'waiting'];

/**
 * The trigger's item of the one execution of `key`'s workflow whose data holds `text` (a call
 * id, a recording URL: each event of this suite has its own), once that execution finished; it
 * must have succeeded.
 */
async function storedItem(key: Key, text: string): Promise<Record<string, unknown>> {
	let rows: Array<{ id: string; status: string }> = [];
	await waitFor(
		() => {
			rows = stack.n8n.sql<{ id: string; status: string }>(
				'SELECT e.id AS id, e.status AS status FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? AND instr(d.data, ?) > 0',
				[W[key].id, text],
			);
			return rows.length > 0 && rows.every((row) => !PENDING.includes(row.status));
		},
		30_000,
		`the execution of ${W[key].id} holding ${text}`,
	);
	expect({ text, statuses: rows.map((row) => row.status) }).toEqual({
		text,
		statuses: ['success'],
	});
	const { runData } = await executionRunData(stack.n8n, String(rows[0].id));
	return nodeOutput(runData, 'AloVoice Trigger')[0] as Record<string, unknown>;
}

let events = 0;

/** A callend for `callId` with its own recording URL (how its execution is found), and the item it must give besides `start`. */
function callEnd(callId: string | number, statusCode: string) {
	const index = ++events;
	const fields = {
		...callEndFields(String(callId), index),
		call_id: callId,
		status_code: Number(statusCode),
		record: `https://cld.alovoice.uz/records/e2e-call-start-${index}.mp3`,
	};
	const finishTime = fields.finish_time;
	const item = {
		event: 'callEnded',
		callId: String(callId),
		statusCode,
		status: STATUS_NAMES[statusCode],
		answered: statusCode === '200',
		duration: 60,
		finishTime,
		finishTimeIso: new Date(finishTime * 1000).toISOString(),
		record: fields.record,
		warnings: [],
		receivedAs: 'formJson',
		raw: fields,
	};
	return { fields, item };
}

/** Sends the callend and returns the Call Ended item; everything but `start` and `startUnknown` must be as before issue 20. */
async function endCall(key: Key, callId: string | number, statusCode: string) {
	const end = callEnd(callId, statusCode);
	const answer = await sendEvent(urls[key], end.fields);
	expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: 'true' });
	const item = await storedItem(key, end.fields.record);
	expect(withoutStart(item)).toEqual(end.item);
	return item;
}

/** Call Ended decoded the start: `start` repeats the Call Started item's facts, nothing dropped. */
function expectDecoded(endItem: Record<string, unknown>, startItem: Record<string, unknown>) {
	expect(endItem.start).toEqual(expectedStart(startItem));
	expect(endItem.startUnknown ?? null).toBeNull();
}

/** Call Ended did not take the id for one of the trigger's own: no start, and a reason. */
function expectNotOurs(endItem: Record<string, unknown>) {
	expect(endItem.start).toBeNull();
	expect(typeof endItem.startUnknown).toBe('string');
	expect((endItem.startUnknown as string).length).toBeGreaterThan(0);
}

/** Posts the call start to a trigger answering its own id; returns the id and the stored item. */
async function startCall(key: Key, fields: Record<string, unknown>) {
	const answer = await sendEvent(urls[key], fields);
	expect({ status: answer.status, contentType: answer.contentType }).toEqual({
		status: 200,
		contentType: TEXT,
	});
	const callId = answer.body;
	expect(callId).toMatch(OWN_CALL_ID);
	const item = await storedItem(key, callId);
	return { callId, item };
}

describe.each([2, 1] as const)(
	"trigger version %i: call started (Answer at Once With the Node's Own ID) → its answer → call ended with that id",
	(version) => {
		test.each(KINDS)(
			"%s call: Call Ended's start equals the Call Started item's facts, nothing dropped",
			async (kind) => {
				const call = CALLS[kind];
				const started = await startCall(START[version], call.fields);
				expect(started.item).toMatchObject({
					event: 'callStarted',
					callId: started.callId,
					answeredBy: 'node',
					warnings: [],
					...call.facts,
				});
				const ended = await endCall(END[version], started.callId, call.statusCode);
				expectDecoded(ended, started.item);
			},
		);

		test('two calls from the same number to the same extension in the same second: two ids, each decoded to those facts', async () => {
			const fields = { ...CALLS.incoming.fields, start_time: START_TIME + 100 + version };
			const first = await startCall(START[version], fields);
			const second = await startCall(START[version], fields);
			expect(second.callId).not.toBe(first.callId);
			for (const started of [first, second])
				expectDecoded(await endCall(END[version], started.callId, '304'), started.item);
		});
	},
);

test('across versions and workflows: a version 2 start decoded by the version 1 Call Ended, and a version 1 start by the version 2 one', async () => {
	const fromV2 = await startCall('startV2', CALLS.incoming.fields);
	expectDecoded(await endCall('endV1', fromV2.callId, '200'), fromV2.item);
	const fromV1 = await startCall('startV1', CALLS.outgoing.fields);
	expectDecoded(await endCall('endV2', fromV1.callId, '486'), fromV1.item);
});

describe.each([2, 1] as const)(
	'trigger version %i: ids that are not its own give start null and a reason, the rest of the item as before',
	(version) => {
		test('a CRM id, 12 digits as text and as a number, the vendor example id, an old 32-hex own id, a garbled own id', async () => {
			const own = (await startCall(START[version], CALLS.incoming.fields)).callId;
			const last = own.at(-1) === 'a' ? 'b' : 'a';
			const foreign: Array<string | number> = [
				`crm-${2000 + version}`,
				'123456789012',
				123456789012,
				'e5e456se456s56w456',
				randomBytes(16).toString('hex'),
				`${own.slice(0, -1)}${last}`,
			];
			for (const callId of foreign) expectNotOurs(await endCall(END[version], callId, '304'));
		});
	},
);

describe('the own-id fallback of a call start the workflow answers', () => {
	test('version 1, From the Last Node: an invalid answer sends the own id, which Call Ended decodes; the valid CRM id gives start null', async () => {
		const fallback = await sendEvent(urls.lastNodeV1, CALLS.incoming.fields);
		expect({ status: fallback.status, contentType: fallback.contentType }).toEqual({
			status: 200,
			contentType: TEXT,
		});
		expect(fallback.body).toMatch(OWN_CALL_ID);
		const startItem = await storedItem('lastNodeV1', fallback.body);
		expect(startItem).toMatchObject({
			fallbackCallId: fallback.body,
			answeredBy: 'workflow',
			...CALLS.incoming.facts,
		});
		expectDecoded(await endCall('endV1', fallback.body, '304'), startItem);

		const crm = await sendEvent(urls.lastNodeV1, { ...CALLS.incoming.fields, inner_phone: 2001 });
		expect([crm.status, crm.body]).toEqual([200, 'crm-e2e-2001']);
		expectNotOurs(await endCall('endV1', crm.body, '304'));
	});

	test('version 2, an AloVoice Answer node that does not answer: the own id goes out when the workflow ends, Call Ended decodes it; the answered CRM id gives start null', async () => {
		const fallback = await sendEvent(urls.answerNodeV2, CALLS.outgoing.fields);
		expect({ status: fallback.status, contentType: fallback.contentType }).toEqual({
			status: 200,
			contentType: TEXT,
		});
		expect(fallback.body).toMatch(OWN_CALL_ID);
		const startItem = await storedItem('answerNodeV2', fallback.body);
		expect(startItem).toMatchObject({
			fallbackCallId: fallback.body,
			answeredBy: 'workflow',
			...CALLS.outgoing.facts,
		});
		expectDecoded(await endCall('endV2', fallback.body, '486'), startItem);

		const crm = await sendEvent(urls.answerNodeV2, { ...CALLS.outgoing.fields, inner_phone: 2001 });
		expect([crm.status, crm.body]).toEqual([200, 'crm-e2e-2001']);
		expectNotOurs(await endCall('endV2', crm.body, '486'));
	});
});
