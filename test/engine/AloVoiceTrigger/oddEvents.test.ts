// Readable events with odd values, through n8n's webhook path: each row of the README table
// "What the triggers accept" is one case here. Every one is accepted with the answer its event
// needs, starts exactly one execution, and its item says what was odd in `warnings` (and an
// event that is merely unusual but normal, e.g. a withheld caller, has no warning).
import type { IDataObject } from 'n8n-workflow';

import { validateRouteAction } from '../../../nodes/AloVoiceTrigger/answers';
import { examples, sendEvent, sendTelediscountEvent } from '../../server/pbxSide';
import { TD_TRIGGER, host, itemsOf } from '../triggers';
import { OWN_CALL_ID } from '../../ownCallId';

type Row = [label: string, body: Record<string, unknown>, item: IDataObject, warnings: string[]];

const without = (fields: Record<string, unknown>, ...keys: string[]) =>
	Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)));

const TIME = 'expected a UNIX time in seconds';
const SECONDS = 'expected a number of seconds (0 or more)';
const WITHHELD = { number: null, numberE164: null, numberWithheld: true };

const callStarted: Row[] = [
	['withheld number "anonymous"', { ...examples.callStart, number: 'anonymous' }, WITHHELD, []],
	['withheld number ""', { ...examples.callStart, number: '' }, WITHHELD, []],
	['withheld number null', { ...examples.callStart, number: null }, WITHHELD, []],
	['withheld number missing', without(examples.callStart, 'number'), WITHHELD, []],
	['withheld number "Private"', { ...examples.callStart, number: 'Private' }, WITHHELD, []],
	[
		'number true (wrong type)',
		{ ...examples.callStart, number: true },
		WITHHELD,
		[
			'number is true; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
		],
	],
	[
		'number "xyz" (no digits)',
		{ ...examples.callStart, number: 'xyz' },
		WITHHELD,
		[
			'number is "xyz"; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
		],
	],
	[
		'number as an integer',
		{ ...examples.callStart, number: 994412860 },
		{ number: '994412860', numberE164: '+998994412860', numberWithheld: false },
		[],
	],
	[
		'number with formatting',
		{ ...examples.callStart, number: '8 (495) 123-45-67' },
		{ number: '8 (495) 123-45-67', numberE164: '+74951234567', numberWithheld: false },
		[],
	],
	[
		'number "000" (only zeros)',
		{ ...examples.callStart, number: '000' },
		WITHHELD,
		[
			'number is "000"; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
		],
	],
	['inner_phone null', { ...examples.callStart, inner_phone: null }, { innerPhone: null }, []],
	['inner_phone empty', { ...examples.callStart, inner_phone: '' }, { innerPhone: null }, []],
	[
		'line "main" (no digits)',
		{ ...examples.callStart, line: 'main' },
		{ line: null, lineE164: null },
		['line is "main"; expected a phone number'],
	],
	[
		'inner_phone missing (not at an extension yet)',
		without(examples.callStart, 'inner_phone'),
		{ innerPhone: null },
		[],
	],
	[
		'inner_phone 0',
		{ ...examples.callStart, inner_phone: 0 },
		{ innerPhone: null },
		['inner_phone is 0; expected an id (digits or text)'],
	],
	[
		'inner_phone an object',
		{ ...examples.callStart, inner_phone: { a: 1 } },
		{ innerPhone: null },
		['inner_phone is {"a":1}; expected an id (digits or text)'],
	],
	[
		'type unknown "fax"',
		{ ...examples.callStart, type: 'fax' },
		{ type: 'fax', direction: 'unknown (fax)' },
		['type is "fax"; expected inc, out or int (kept as sent)'],
	],
	[
		'type "OUT" in capitals',
		{ ...examples.callStart, type: 'OUT' },
		{ type: 'out', direction: 'outgoing' },
		[],
	],
	[
		'type missing',
		without(examples.callStart, 'type'),
		{ type: null, direction: null },
		['type is missing; expected inc, out or int'],
	],
	[
		'type null',
		{ ...examples.callStart, type: null },
		{ type: null, direction: null },
		['type is null; expected inc, out or int'],
	],
	[
		'start_time 0',
		{ ...examples.callStart, start_time: 0 },
		{ startTime: null, startTimeIso: null },
		[`start_time is 0; ${TIME}`],
	],
	[
		'start_time "yesterday"',
		{ ...examples.callStart, start_time: 'yesterday' },
		{ startTime: null, startTimeIso: null },
		[`start_time is "yesterday"; ${TIME}`],
	],
	[
		'line missing',
		without(examples.callStart, 'line'),
		{ line: null, lineE164: null },
		['line is missing; expected a phone number'],
	],
	[
		'line empty',
		{ ...examples.callStart, line: '' },
		{ line: null, lineE164: null },
		['line is empty; expected a phone number'],
	],
	[
		'only the number',
		{ number: '+998994412860' },
		{
			innerPhone: null,
			number: '+998994412860',
			line: null,
			type: null,
			direction: null,
			startTime: null,
		},
		[
			'line is missing; expected a phone number',
			'type is missing; expected inc, out or int',
			`start_time is missing; ${TIME}`,
		],
	],
];

const callEnded: Row[] = [
	[
		'duration null',
		{ ...examples.callEnd, duration: null },
		{ duration: null },
		[`duration is null; ${SECONDS}`],
	],
	[
		'duration -5',
		{ ...examples.callEnd, duration: -5 },
		{ duration: null },
		[`duration is -5; ${SECONDS}`],
	],
	[
		'duration "long"',
		{ ...examples.callEnd, duration: 'long' },
		{ duration: null },
		[`duration is "long"; ${SECONDS}`],
	],
	[
		'duration "0" (unanswered)',
		{ ...examples.callEnd, duration: '0', status_code: 304, record: '' },
		{ duration: 0, answered: false, status: 'missed', record: null },
		[],
	],
	[
		'status_code 999 (undocumented)',
		{ ...examples.callEnd, status_code: 999 },
		{ statusCode: '999', status: 'unknown (999)', answered: false },
		['status_code is 999; not a documented status code (kept as sent)'],
	],
	[
		'status_code missing',
		without(examples.callEnd, 'status_code'),
		{ statusCode: null, status: null, answered: false },
		['status_code is missing; expected a status code such as 200, 304 or 603-S'],
	],
	[
		'status_code "603-s"',
		{ ...examples.callEnd, status_code: '603-s' },
		{ statusCode: '603-S', status: 'cancelled' },
		[],
	],
	[
		'call_id missing',
		without(examples.callEnd, 'call_id'),
		{ callId: null },
		['call_id is missing; expected an id (digits or text)'],
	],
	[
		'call_id an object',
		{ ...examples.callEnd, call_id: { a: 1 } },
		{ callId: null },
		['call_id is {"a":1}; expected an id (digits or text)'],
	],
	[
		'call_id 0',
		{ ...examples.callEnd, call_id: 0 },
		{ callId: null },
		['call_id is 0; expected an id (digits or text)'],
	],
	[
		'finish_time 0',
		{ ...examples.callEnd, finish_time: 0 },
		{ finishTime: null, finishTimeIso: null },
		[`finish_time is 0; ${TIME}`],
	],
	[
		'finish_time "late"',
		{ ...examples.callEnd, finish_time: 'late' },
		{ finishTime: null, finishTimeIso: null },
		[`finish_time is "late"; ${TIME}`],
	],
	[
		'finish_time missing',
		without(examples.callEnd, 'finish_time'),
		{ finishTime: null, finishTimeIso: null },
		[`finish_time is missing; ${TIME}`],
	],
	[
		'record an object',
		{ ...examples.callEnd, record: { a: 1 } },
		{ record: null },
		['record is {"a":1}; expected a recording URL'],
	],
	['record missing (nobody answered)', without(examples.callEnd, 'record'), { record: null }, []],
	[
		'record an array',
		{ ...examples.callEnd, record: [] },
		{ record: null },
		['record is []; expected a recording URL'],
	],
];

const callRequestResult: Row[] = [
	[
		'unanswered: answer_time 0, end_time 0',
		{
			...examples.callResult,
			answer_time: 0,
			end_time: 0,
			duration: 0,
			dialstatus: 'NOANSWER',
			record: '',
		},
		{
			answered: false,
			answerTime: null,
			answerTimeIso: null,
			endTime: null,
			endTimeIso: null,
			duration: 0,
			record: null,
			dialStatus: 'NOANSWER',
		},
		[],
	],
	[
		'unanswered: answer_time null, end_time missing',
		without({ ...examples.callResult, answer_time: null, dialstatus: 'BUSY' }, 'end_time'),
		{ answered: false, answerTime: null, endTime: null },
		[],
	],
	[
		'dialstatus missing, answered by its answer time',
		without(examples.callResult, 'dialstatus'),
		{ dialStatus: null, answered: true },
		['dialstatus is missing; expected the dial status (e.g. ANSWER, BUSY, NOANSWER)'],
	],
	[
		'dialstatus missing and no answer time',
		without({ ...examples.callResult, answer_time: 0 }, 'dialstatus'),
		{ dialStatus: null, answered: false, answerTime: null },
		['dialstatus is missing; expected the dial status (e.g. ANSWER, BUSY, NOANSWER)'],
	],
	[
		'no id nor externalid',
		without(examples.callResult, 'id', 'externalid'),
		{ id: null, externalId: null },
		[
			'id and externalid are both missing; the result cannot be joined to the call that was started',
		],
	],
	['only externalid', without(examples.callResult, 'id'), { id: null, externalId: '123123' }, []],
	[
		'begin_time "now"',
		{ ...examples.callResult, begin_time: 'now' },
		{ beginTime: null, beginTimeIso: null },
		[`begin_time is "now"; ${TIME}`],
	],
	[
		'answer_time text',
		{ ...examples.callResult, answer_time: 'soon' },
		{ answerTime: null },
		[`answer_time is "soon"; ${TIME}`],
	],
	[
		'end_time text',
		{ ...examples.callResult, end_time: 'later' },
		{ endTime: null, endTimeIso: null },
		[`end_time is "later"; ${TIME}`],
	],
	[
		'begin_time 0',
		{ ...examples.callResult, begin_time: 0 },
		{ beginTime: null, beginTimeIso: null },
		[`begin_time is 0; ${TIME}`],
	],
	[
		'to_number "none" (no digits)',
		{ ...examples.callResult, to_number: 'none' },
		{ toNumber: null, toNumberE164: null },
		['to_number is "none"; expected a phone number'],
	],
	[
		'duration null',
		{ ...examples.callResult, duration: null },
		{ duration: null },
		[`duration is null; ${SECONDS}`],
	],
	[
		'from_number "anonymous"',
		{ ...examples.callResult, from_number: 'anonymous' },
		{ fromNumber: null, fromNumberE164: null },
		['from_number is "anonymous"; expected a phone number'],
	],
	['attempts missing', without(examples.callResult, 'attempts'), { attempts: null }, []],
	['attempts a string', { ...examples.callResult, attempts: '2' }, { attempts: '2' }, []],
];

describe.each([
	['callStarted', callStarted],
	['callEnded', callEnded],
	['callRequestResult', callRequestResult],
] as const)('AloVoice %s with odd values: accepted, one execution, warnings', (event, rows) => {
	it.each(rows)('%s', async (_label, body, item, warnings) => {
		const workflow = await host({ event });
		const answer = await sendEvent(workflow.url, body, { as: 'json' });
		expect(answer.status).toBe(200);
		if (event === 'callStarted') expect(answer.body).toMatch(OWN_CALL_ID);
		else expect(answer.body).toBe('true');
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
		const [output] = await itemsOf(workflow);
		expect(output).toMatchObject({ event, ...item, raw: body });
		expect(output.warnings).toEqual(warnings);
	});
});

// The README's Route Request table: the request's own fields, read the same way (the answer is
// the fallback here: no rules; routeFallback.test.ts covers the action for every kind of request).
const routeRequest: Row[] = [
	[
		'from_number "anonymous" (withheld)',
		{ ...examples.routeRequest, from_number: 'anonymous' },
		{ fromNumber: null, fromNumberE164: null, fromNumberWithheld: true },
		[],
	],
	[
		'from_number null (withheld)',
		{ ...examples.routeRequest, from_number: null },
		{ fromNumber: null, fromNumberE164: null, fromNumberWithheld: true },
		[],
	],
	[
		'queue_number "sales"',
		{ ...examples.routeRequest, queue_number: 'sales' },
		{ queueNumber: null },
		['queue_number is "sales"; expected the queue number (digits)'],
	],
	[
		'direction "both"',
		{ ...examples.routeRequest, direction: 'both' },
		{ direction: 'both' },
		['direction is "both"; expected inc or out (kept as sent)'],
	],
	[
		'line_number missing',
		without(examples.routeRequest, 'line_number'),
		{ lineNumber: null, lineNumberE164: null },
		['line_number is missing; expected a phone number'],
	],
	[
		'line_number "main" (no digits)',
		{ ...examples.routeRequest, line_number: 'main' },
		{ lineNumber: null, lineNumberE164: null },
		['line_number is "main"; expected a phone number'],
	],
];

describe('AloVoice routeRequest with odd values: a valid action, one execution, warnings', () => {
	it.each(routeRequest)('%s', async (_label, body, item, warnings) => {
		const workflow = await host({ event: 'routeRequest' });
		const answer = await sendEvent(workflow.url, body, { as: 'json' });
		expect(answer.status).toBe(200);
		expect(validateRouteAction(answer.json).ok).toBe(true);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
		const [output] = await itemsOf(workflow);
		expect(output).toMatchObject({ event: 'routeRequest', ...item, raw: body });
		expect(output.warnings).toEqual(warnings);
	});
});

const TD_WITHHELD = { caller: null, callerE164: null, callerWithheld: true };
const tdStart: Row[] = [
	['num_a empty (withheld)', { ...examples.telediscountStart, num_a: '' }, TD_WITHHELD, []],
	['num_a "anonymous"', { ...examples.telediscountStart, num_a: 'anonymous' }, TD_WITHHELD, []],
	['num_a missing', without(examples.telediscountStart, 'num_a'), TD_WITHHELD, []],
	[
		'api_call_id missing',
		without(examples.telediscountStart, 'api_call_id'),
		{ callId: null },
		['api_call_id is missing; expected an id (digits or text)'],
	],
	[
		'setup_time "today"',
		{ ...examples.telediscountStart, setup_time: 'today' },
		{ setupTime: null, setupTimeIso: null },
		[`setup_time is "today"; ${TIME}`],
	],
	[
		'setup_time "0"',
		{ ...examples.telediscountStart, setup_time: '0' },
		{ setupTime: null },
		[`setup_time is "0"; ${TIME}`],
	],
	[
		'num_m missing',
		without(examples.telediscountStart, 'num_m'),
		{ calledNumber: null, calledNumberE164: null },
		['num_m is missing; expected a phone number'],
	],
];

const tdEnd: Row[] = [
	[
		'connection_time empty',
		{ ...examples.telediscountEnd, connection_time: '' },
		{ connectionTime: null, answered: false },
		[`connection_time is empty; ${SECONDS}`],
	],
	[
		'connection_time "long"',
		{ ...examples.telediscountEnd, connection_time: 'long' },
		{ connectionTime: null, answered: false },
		[`connection_time is "long"; ${SECONDS}`],
	],
	[
		'unanswered: connection_time 0, num_b empty',
		{ ...examples.telediscountEnd, connection_time: '0', num_b: '', code_name_num_b: '' },
		{
			connectionTime: 0,
			answered: false,
			answeredBy: null,
			answeredByE164: null,
			answeredByRegion: null,
		},
		[],
	],
	[
		'waiting_time "-3"',
		{ ...examples.telediscountEnd, waiting_time: '-3' },
		{ waitingTime: null },
		[`waiting_time is "-3"; ${SECONDS}`],
	],
	[
		'price "free" (kept as text)',
		{ ...examples.telediscountEnd, price: 'free' },
		{ price: 'free' },
		[],
	],
	['price missing', without(examples.telediscountEnd, 'price'), { price: null }, []],
	[
		'waiting_time and code_name_num_* missing',
		without(examples.telediscountEnd, 'waiting_time', 'code_name_num_a', 'code_name_num_b'),
		{ waitingTime: null, callerRegion: null, answeredByRegion: null },
		[],
	],
	['num_a withheld', { ...examples.telediscountEnd, num_a: '' }, TD_WITHHELD, []],
];

describe.each([
	['callStarted', tdStart],
	['callEnded', tdEnd],
] as const)('Telediscount %s with odd values: accepted, one execution, warnings', (event, rows) => {
	it.each(rows)('%s', async (_label, body, item, warnings) => {
		const workflow = await host({ event }, [], 'n8n-nodes-alovoice.telediscountTrigger');
		const answer = await sendTelediscountEvent(workflow.url, body as Record<string, string>);
		expect([answer.status, answer.body]).toEqual([200, 'OK']);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
		const [output] = await itemsOf(workflow, TD_TRIGGER);
		expect(output).toMatchObject({ event, ...item, raw: body });
		expect(output.warnings).toEqual(warnings);
	});
});

describe('what is still refused: no event at all', () => {
	it.each([
		[
			'callStarted',
			{ call_id: 'x', duration: 5 },
			'the body carries none of the call started fields',
		],
		[
			'callEnded',
			{ number: '+998994412860', type: 'inc' },
			'the body carries none of the call ended fields',
		],
		[
			'callRequestResult',
			{ a: 1, b: 2 },
			'the body carries none of the call-request result fields',
		],
	])(
		'%s: a body without any of its fields gets 400 and starts nothing',
		async (event, body, reason) => {
			const workflow = await host({ event });
			const answer = await sendEvent(workflow.url, body, { as: 'json' });
			expect(answer.status).toBe(400);
			expect(String((answer.json as IDataObject).error)).toContain(reason);
			await workflow.settled();
			expect(workflow.executions).toHaveLength(0);
		},
	);

	it.each([
		['callStarted', {}],
		['callStarted', { abonent: '1' }],
		['callEnded', { foo: 'bar' }],
	] as Array<[string, Record<string, string>]>)(
		'Telediscount %s: %j gets 400 and starts nothing',
		async (event, query) => {
			const workflow = await host({ event }, [], 'n8n-nodes-alovoice.telediscountTrigger');
			const answer = await sendTelediscountEvent(workflow.url, query);
			expect(answer.status).toBe(400);
			await workflow.settled();
			expect(workflow.executions).toHaveLength(0);
		},
	);
});

describe('Pass Invalid Events On: only unreadable bodies', () => {
	it('a call started that cannot be read gets a fresh own id per call, not one constant answer', async () => {
		const workflow = await host({ event: 'callStarted', options: { passInvalid: true } });
		const send = async () =>
			await fetch(workflow.url, {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: 'ring ring',
			});
		const answers = [];
		for (let index = 0; index < 5; index++) {
			const response = await send();
			answers.push({ status: response.status, body: await response.text() });
		}
		for (const answer of answers)
			expect(answer).toEqual({ status: 200, body: expect.stringMatching(OWN_CALL_ID) });
		expect(new Set(answers.map((answer) => answer.body)).size).toBe(5);
		const items = await itemsOf(workflow);
		expect(items.map((item) => item.callId)).toEqual(answers.map((answer) => answer.body));
		for (const item of items)
			expect(item).toMatchObject({
				invalid: true,
				reason: 'The body is neither JSON nor form fields.',
				answeredBy: 'node',
			});
	});

	it('a readable odd event is not marked invalid with it on: the same item as without it', async () => {
		const workflow = await host({ event: 'callEnded', options: { passInvalid: true } });
		await sendEvent(workflow.url, { ...examples.callEnd, duration: null }, { as: 'json' });
		const [item] = await itemsOf(workflow);
		expect(item.invalid).toBeUndefined();
		expect(item).toMatchObject({ duration: null, warnings: [`duration is null; ${SECONDS}`] });
	});

	it('an oversized body is still refused with it on', async () => {
		const workflow = await host({
			event: 'callEnded',
			options: { passInvalid: true, maxBodyKb: 1 },
		});
		const answer = await sendEvent(
			workflow.url,
			{ ...examples.callEnd, pad: 'x'.repeat(2048) },
			{ as: 'json' },
		);
		expect(answer.status).toBe(413);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});
});
