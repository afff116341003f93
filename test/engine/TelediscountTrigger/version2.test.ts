// The Telediscount Trigger's version 2: the one Telediscount call shape (nodes/Telediscount/
// helpers/call.ts) for both events, the same keys and values as Call → Get Many version 2 for a
// call both read, no Default Country Code; and version 1's items, unchanged, beside it.
import type { IDataObject, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { hostWorkflow, type HostedWorkflow } from '../../harness/webhook';
import { exampleItems, examples, sendTelediscountEvent } from '../../server/pbxSide';
import { defaultCalls } from '../../server/telediscount';
import { useTelediscountServer } from '../Telediscount/setup';
import { CREDENTIALS, TD_TRIGGER } from '../triggers';
import { CALL_SOURCE_FIELDS } from '../../../nodes/Telediscount/helpers/call';
import { TelediscountTrigger } from '../../../nodes/TelediscountTrigger/TelediscountTrigger.node';

const TYPE = 'n8n-nodes-alovoice.telediscountTrigger';
const START = examples.telediscountStart;
const END = examples.telediscountEnd;
const START_V2 = exampleItems.telediscountStartV2;
const END_V2 = exampleItems.telediscountEndV2;
const START_V1 = exampleItems.telediscountStart;
const END_V1 = exampleItems.telediscountEnd;

const hosted: HostedWorkflow[] = [];
afterEach(async () => {
	await Promise.all(hosted.splice(0).map(async (host) => await host.close()));
});

async function tdHost(typeVersion: number, parameters: IDataObject) {
	const workflow = await hostWorkflow({
		trigger: { name: TD_TRIGGER, type: TYPE, typeVersion, parameters: parameters as never },
		credentials: CREDENTIALS,
	});
	hosted.push(workflow);
	return workflow;
}

/** The trigger's one item for `fields` sent as Telediscount sends them (GET, query parameters). */
async function itemFor(typeVersion: number, event: string, fields: Record<string, unknown>) {
	const workflow = await tdHost(typeVersion, { event });
	const answer = await sendTelediscountEvent(workflow.url, fields as Record<string, string>);
	expect([answer.status, answer.body]).toEqual([200, 'OK']);
	await workflow.settled();
	const items = workflow.executions.flatMap((run) => run.output(TD_TRIGGER));
	expect(items).toHaveLength(1);
	return items[0].json;
}

const without = (fields: Record<string, unknown>, ...names: string[]) =>
	Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));

const TIME_V2 = 'expected a UNIX time (seconds, or milliseconds) between 2000 and 2100';

describe('Telediscount Trigger version 2: the one call shape', () => {
	it('incoming call started, the example of the API page: every key, the 14-digit setup_time no time', async () => {
		// shared/api/telediscount.md, "start of an incoming call", as written there.
		const page = {
			num_a: '79039998877',
			num_m: '79037778899',
			setup_time: '98798798797897',
			api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
		};
		expect(await itemFor(2, 'callStarted', page)).toEqual({
			...START_V2,
			startTime: null,
			startTimeIso: null,
			warnings: [`setup_time is "98798798797897"; ${TIME_V2}`],
			receivedAs: 'query',
			raw: page,
		});
	});

	it('incoming call started with a usable time: exactly this item, in this key order', async () => {
		const item = await itemFor(2, 'callStarted', START);
		expect(item).toEqual({ ...START_V2, receivedAs: 'query', raw: START });
		expect(Object.keys(item)).toEqual([
			'event',
			'callId',
			'accountId',
			'kind',
			'serviceName',
			'startTime',
			'startTimeIso',
			'caller',
			'callerE164',
			'callerWithheld',
			'callerName',
			'calledNumber',
			'calledNumberE164',
			'answeredBy',
			'answeredByE164',
			'answeredByName',
			'answered',
			'talkSeconds',
			'waitSeconds',
			'callerTalkSeconds',
			'answeredByTalkSeconds',
			'callerWaitSeconds',
			'answeredByWaitSeconds',
			'recordingFile',
			'price',
			'warnings',
			'receivedAs',
			'raw',
		]);
	});

	it('call finished, the example of the API page (its "…" filled in): exactly this item', async () => {
		expect(await itemFor(2, 'callEnded', END)).toEqual({
			...END_V2,
			receivedAs: 'query',
			raw: END,
		});
	});

	it('both events have the same keys: what Incoming Call Started does not carry is null', async () => {
		const started = await itemFor(2, 'callStarted', START);
		const finished = await itemFor(2, 'callEnded', END);
		expect(Object.keys(started)).toEqual(Object.keys(finished));
	});

	it('a POST with the same fields gives the same item', async () => {
		const workflow = await tdHost(2, { event: 'callEnded' });
		await sendTelediscountEvent(workflow.url, END, { method: 'POST', as: 'json' });
		await workflow.settled();
		expect(workflow.executions[0].output(TD_TRIGGER).map((item) => item.json)).toEqual([
			{ ...END_V2, receivedAs: 'json', raw: END },
		]);
	});

	// Each row: what is sent (the call-finished example with one change), what version 2 and
	// version 1 (pinned as 0.1.0 outputs it) make of it.
	const oddEnded: Array<[string, Record<string, unknown>, IDataObject, IDataObject]> = [
		['price "12,50"', { ...END, price: '12,50' }, { price: 12.5 }, { price: '12,50' }],
		[
			'num_a 9039998877 (10 digits, no 7)',
			{ ...END, num_a: '9039998877' },
			{ caller: '9039998877', callerE164: '+79039998877' },
			{ caller: '9039998877', callerE164: null },
		],
		[
			'num_a 994412860 (9 digits)',
			{ ...END, num_a: '994412860' },
			{ caller: '994412860', callerE164: null },
			{ caller: '994412860', callerE164: '+7994412860' },
		],
		[
			'a SIP account as num_a (an outgoing call)',
			{ ...END, num_a: 'SIP/00000000672' },
			{ caller: 'SIP/00000000672', callerE164: null, callerWithheld: false },
			{
				caller: null,
				callerE164: null,
				callerWithheld: true,
				warnings: [
					'num_a is "SIP/00000000672"; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
				],
			},
		],
		[
			'setup_time in milliseconds',
			{ ...END, setup_time: '1745572464000' },
			{},
			{ setupTime: 1745572464000 },
		],
		[
			'setup_time in microseconds',
			{ ...END, setup_time: '1745572464000000' },
			{},
			{ setupTime: 1745572464000000, setupTimeIso: '+057284-12-27T00:00:00.000Z' },
		],
		[
			'only api_call_id and num_a: missing fields',
			{ api_call_id: 'x1', num_a: '79039998877' },
			{
				callId: 'x1',
				startTime: null,
				startTimeIso: null,
				callerName: null,
				calledNumber: null,
				calledNumberE164: null,
				answeredBy: null,
				answeredByName: null,
				answered: null,
				talkSeconds: null,
				waitSeconds: null,
				price: null,
				warnings: [
					'connection_time is missing; expected a number of seconds (0 or more)',
					`setup_time is missing; ${TIME_V2}`,
				],
			},
			{
				callId: 'x1',
				calledNumber: null,
				calledNumberE164: null,
				setupTime: null,
				setupTimeIso: null,
				answeredBy: null,
				callerRegion: null,
				answeredByRegion: null,
				connectionTime: null,
				waitingTime: null,
				answered: false,
				price: null,
				warnings: [
					'num_m is missing; expected a phone number',
					'setup_time is missing; expected a UNIX time in seconds',
					'connection_time is missing; expected a number of seconds (0 or more)',
				],
			},
		],
		[
			'nobody answered: connection_time 0, no num_b',
			{ ...without(END, 'num_b', 'code_name_num_b'), connection_time: '0' },
			{ answeredBy: null, answeredByName: null, answered: false, talkSeconds: 0 },
			{ answeredBy: null, answeredByRegion: null, answered: false, connectionTime: 0 },
		],
		[
			'price "free"',
			{ ...END, price: 'free' },
			{ price: null, warnings: ['price is "free"; expected a price such as 12.50 or 12,50'] },
			{ price: 'free' },
		],
	];

	it.each(oddEnded)(
		'call finished, %s: version 2 as the one shape reads it',
		async (_l, fields, v2) => {
			expect(await itemFor(2, 'callEnded', fields)).toEqual({
				...END_V2,
				...v2,
				receivedAs: 'query',
				raw: fields,
			});
		},
	);

	it.each(oddEnded)('call finished, %s: version 1 unchanged', async (_l, fields, _v2, v1) => {
		expect(await itemFor(1, 'callEnded', fields)).toEqual({
			...END_V1,
			...v1,
			receivedAs: 'query',
			raw: fields,
		});
	});

	const oddStarted: Array<[string, Record<string, unknown>, IDataObject, IDataObject]> = [
		[
			'num_a 9039998877',
			{ ...START, num_a: '9039998877' },
			{ caller: '9039998877', callerE164: '+79039998877' },
			{ caller: '9039998877', callerE164: null },
		],
		[
			'num_a 994412860',
			{ ...START, num_a: '994412860' },
			{ caller: '994412860', callerE164: null },
			{ caller: '994412860', callerE164: '+7994412860' },
		],
		[
			'a SIP account as num_a',
			{ ...START, num_a: 'SIP/00000000672' },
			{ caller: 'SIP/00000000672', callerE164: null },
			{
				caller: null,
				callerE164: null,
				callerWithheld: true,
				warnings: [
					'num_a is "SIP/00000000672"; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
				],
			},
		],
		[
			'setup_time in milliseconds',
			{ ...START, setup_time: '1745572464000' },
			{},
			{ setupTime: 1745572464000 },
		],
		[
			'setup_time in microseconds',
			{ ...START, setup_time: '1745572464000000' },
			{},
			{ setupTime: 1745572464000000, setupTimeIso: '+057284-12-27T00:00:00.000Z' },
		],
		[
			'only num_m: missing fields, the caller withheld',
			{ num_m: '79037778899' },
			{
				callId: null,
				startTime: null,
				startTimeIso: null,
				caller: null,
				callerE164: null,
				callerWithheld: true,
				warnings: [
					'api_call_id is missing; expected an id (letters and digits)',
					`setup_time is missing; ${TIME_V2}`,
				],
			},
			{
				callId: null,
				caller: null,
				callerE164: null,
				callerWithheld: true,
				setupTime: null,
				setupTimeIso: null,
				warnings: [
					'setup_time is missing; expected a UNIX time in seconds',
					'api_call_id is missing; expected an id (digits or text)',
				],
			},
		],
		[
			'num_a "anonymous"',
			{ ...START, num_a: 'anonymous' },
			{ caller: null, callerE164: null, callerWithheld: true },
			{ caller: null, callerE164: null, callerWithheld: true },
		],
	];

	it.each(oddStarted)('incoming call started, %s: version 2', async (_l, fields, v2) => {
		expect(await itemFor(2, 'callStarted', fields)).toEqual({
			...START_V2,
			...v2,
			receivedAs: 'query',
			raw: fields,
		});
	});

	it.each(oddStarted)(
		'incoming call started, %s: version 1 unchanged',
		async (_l, fields, _v2, v1) => {
			expect(await itemFor(1, 'callStarted', fields)).toEqual({
				...START_V1,
				...v1,
				receivedAs: 'query',
				raw: fields,
			});
		},
	);

	it('version 1 of the page examples is unchanged', async () => {
		expect(await itemFor(1, 'callStarted', START)).toEqual({
			...START_V1,
			receivedAs: 'query',
			raw: START,
		});
		expect(await itemFor(1, 'callEnded', END)).toEqual({
			...END_V1,
			receivedAs: 'query',
			raw: END,
		});
	});

	it.each([
		['callStarted', 'incoming call started', CALL_SOURCE_FIELDS.incomingCall],
		['callEnded', 'call finished', CALL_SOURCE_FIELDS.callFinished],
	] as const)(
		'%s: a body with none of the documented fields gets 400, naming them, and starts nothing',
		async (event, name, fields) => {
			const workflow = await tdHost(2, { event });
			const answer = await sendTelediscountEvent(workflow.url, { utm: 'x', page: '2' });
			expect([answer.status, answer.json]).toEqual([
				400,
				{
					error: `Not a readable event: the body carries none of the ${name} fields (${fields.join(', ')}).`,
				},
			]);
			await workflow.settled();
			expect(workflow.executions).toHaveLength(0);
		},
	);

	it('call finished: one documented field version 1 did not list (code_name_num_a) is the event in version 2', async () => {
		const fields = { code_name_num_a: 'Moscow' };
		const item = await itemFor(2, 'callEnded', fields);
		expect(item).toMatchObject({ event: 'callEnded', callerName: 'Moscow', callerWithheld: true });
		const v1 = await tdHost(1, { event: 'callEnded' });
		expect((await sendTelediscountEvent(v1.url, fields)).status).toBe(400);
	});

	it('the security options still apply in version 2 (its own Options collection)', async () => {
		const allowed = await tdHost(2, {
			event: 'callStarted',
			options: { ipAllowlist: '127.0.0.1/32' },
		});
		const refused = await tdHost(2, {
			event: 'callStarted',
			options: { ipAllowlist: '203.0.113.0/24' },
		});
		expect((await sendTelediscountEvent(allowed.url, START)).status).toBe(200);
		expect((await sendTelediscountEvent(refused.url, START)).status).toBe(403);
	});
});

describe('Telediscount Trigger: the Default Country Code is version 1 only', () => {
	const description: INodeTypeDescription = new TelediscountTrigger().description;
	/** The option names the editor shows under Options for a node of this typeVersion. */
	const optionNames = (typeVersion: number) => {
		const node = { typeVersion, parameters: {} } as never;
		const shown = description.properties.filter(
			(property) =>
				property.name === 'options' &&
				NodeHelpers.displayParameter({}, property, node, description),
		);
		expect(shown).toHaveLength(1);
		return (shown[0].options as INodeProperties[]).map((option) => option.name);
	};

	it('version 1 shows it, version 2 does not', () => {
		expect(optionNames(1)).toEqual(['ipAllowlist', 'passInvalid', 'maxBodyKb', 'defaultCountry']);
		expect(optionNames(2)).toEqual(['ipAllowlist', 'passInvalid', 'maxBodyKb']);
	});

	it('a version 2 node with a Default Country Code saved anyway reads numbers by the one rule', async () => {
		const fields = { ...START, num_a: '994412860' };
		const v2 = await tdHost(2, { event: 'callStarted', options: { defaultCountry: '998' } });
		const v1 = await tdHost(1, { event: 'callStarted', options: { defaultCountry: '998' } });
		await sendTelediscountEvent(v2.url, fields);
		await sendTelediscountEvent(v1.url, fields);
		await Promise.all([v2.settled(), v1.settled()]);
		expect(v2.executions[0].output(TD_TRIGGER)[0].json.callerE164).toBeNull();
		expect(v1.executions[0].output(TD_TRIGGER)[0].json.callerE164).toBe('+998994412860');
	});
});

describe('Telediscount Trigger version 2 and Call → Get Many version 2 read a call alike', () => {
	const context = useTelediscountServer();

	/** The call-finished notification Telediscount would send for a call of its list. */
	const finishedFor = (record: Record<string, unknown>) =>
		Object.fromEntries(
			CALL_SOURCE_FIELDS.callFinished
				.filter((field) => record[field] !== undefined)
				.map((field) => [field, record[field]]),
		);
	/** The keys whose fields both the list record and the notification carry. */
	const BOTH = [
		'callId',
		'startTime',
		'startTimeIso',
		'caller',
		'callerE164',
		'callerWithheld',
		'callerName',
		'calledNumber',
		'calledNumberE164',
		'answeredBy',
		'answeredByE164',
		'answeredByName',
		'talkSeconds',
		'price',
	];

	it.each(defaultCalls().map((record) => [record.service_name, record] as const))(
		'a %s call: the same keys, and the same values for every field both carry',
		async (_kind, record) => {
			const listed = await context.run(
				{ resource: 'call', operation: 'getMany', filters: { apiCallId: record.api_call_id } },
				{ typeVersion: 2 },
			);
			expect(listed.error).toBeUndefined();
			const fromList = listed
				.output('Telediscount')
				.map((item) => item.json)
				.find((item) => item.callId === record.api_call_id)!;
			expect(fromList).toBeDefined();
			const fields = finishedFor(record as unknown as Record<string, unknown>);
			const fromTrigger = await itemFor(2, 'callEnded', fields);

			const { event, receivedAs, ...triggerItem } = fromTrigger;
			expect([event, receivedAs]).toEqual(['callEnded', 'query']);
			expect(Object.keys(triggerItem)).toEqual(Object.keys(fromList));
			const pick = (item: IDataObject) => Object.fromEntries(BOTH.map((key) => [key, item[key]]));
			expect(pick(triggerItem)).toEqual(pick(fromList));
			// `answered`: the list has the answerer's leg as well, the notification the talk time only.
			expect(triggerItem.answered).toBe(fromList.answered);
			expect([triggerItem.warnings, fromList.warnings]).toEqual([[], []]);
		},
	);
});
