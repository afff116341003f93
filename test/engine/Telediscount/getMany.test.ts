import { plainItems } from '../../harness/engine';
import { TELEDISCOUNT_KEY, defaultCalls } from '../../server/telediscount';
import { NODE, useTelediscountServer } from './setup';

const [ivrCall, outgoingCall, internalCall] = defaultCalls();

const readableIvrCall = {
	callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
	accountId: '1609',
	kind: 'ivr',
	serviceName: 'ivr',
	startedAt: '2023-11-14T22:13:20.000Z',
	caller: '79039998877',
	callerE164: '+79039998877',
	callerRegion: 'Moscow, MTS',
	calledNumber: '79037778899',
	calledNumberE164: '+79037778899',
	answeredBy: 'SIP/00000000672',
	answeredByE164: null,
	answeredByName: 'Olga Manoli',
	talkSeconds: 37,
	callerTalkSeconds: 42,
	answeredByTalkSeconds: 37,
	callerWaitSeconds: 5,
	answeredByWaitSeconds: 3,
	recordingFile: 'c1f926a8f5727b77f9cbf39d8f35d061.mp3',
	price: 1.5,
	raw: ivrCall,
};

const readableOutgoingCall = {
	callId: 'a7b3c9d1e5f7081234567890abcdef01',
	accountId: '1609',
	kind: 'outgoing',
	serviceName: 'sip_outcome',
	startedAt: '2023-11-14T23:13:20.000Z',
	caller: 'SIP/00000000672',
	callerE164: null,
	callerRegion: 'Olga Manoli',
	calledNumber: null,
	calledNumberE164: null,
	answeredBy: '74951234567',
	answeredByE164: '+74951234567',
	answeredByName: 'Moscow, Rostelecom',
	talkSeconds: 118,
	callerTalkSeconds: 120,
	answeredByTalkSeconds: 118,
	callerWaitSeconds: 2,
	answeredByWaitSeconds: 9,
	recordingFile: null,
	price: 3.2,
	raw: outgoingCall,
};

// Version 1, as saved workflows run it (the harness's default typeVersion); version 2's shape is
// in getManyV2.test.ts.
describe('Telediscount → Call → Get Many (version 1)', () => {
	const context = useTelediscountServer();
	const { server } = context;

	it('keeps its output byte for byte: the same keys in the same order, the same values', async () => {
		const result = await context.run(
			{ resource: 'call', operation: 'getMany' },
			{ typeVersion: 1 },
		);
		const [first, second] = result.output(NODE).map((item) => JSON.stringify(item.json));
		expect(first).toBe(JSON.stringify(readableIvrCall));
		expect(second).toBe(JSON.stringify(readableOutgoingCall));
	});

	it('keeps its own rules for odd values: "12,50" a number, 9039998877 +7, 994412860 no E.164, no warnings', async () => {
		server.state.calls = [
			{ ...ivrCall, num_a: '9039998877', num_m: '994412860', price: '12,50', setup_time: 'x' },
		];
		const result = await context.run({ resource: 'call', operation: 'getMany' });
		expect(result.output(NODE)[0].json).toMatchObject({
			callerE164: '+79039998877',
			calledNumberE164: null,
			price: 12.5,
			startedAt: null,
		});
		expect(result.output(NODE)[0].json).not.toHaveProperty('warnings');
	});

	it('without filters sends only the key, and outputs one readable item per call', async () => {
		const result = await context.run({ resource: 'call', operation: 'getMany' });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/api.php/telephony/get_calls',
		});
		expect(server.requests[0].query).toEqual({ abonent_api_key: TELEDISCOUNT_KEY });
		const items = plainItems(result.output(NODE));
		expect(items).toHaveLength(3);
		expect(items[0]).toEqual({ json: readableIvrCall, pairedItem: { item: 0 } });
		expect(items[1]).toEqual({ json: readableOutgoingCall, pairedItem: { item: 0 } });
		expect(items[2].json).toMatchObject({
			callId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
			kind: 'internal',
			talkSeconds: 0,
			price: 0,
			raw: internalCall,
		});
	});

	it('sends every filter, numbers normalized to universal format, and outputs what matches', async () => {
		const result = await context.run({
			resource: 'call',
			operation: 'getMany',
			filters: {
				apiCallId: 'c1f926a8f5727b77f9cbf39d8f35d061',
				numA: '+7 903 999-88-77',
				numM: '8 903 777 88 99',
				numB: 'sip/00000000672',
			},
		});
		expect(server.requests[0].query).toEqual({
			api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
			num_a: '79039998877',
			num_m: '79037778899',
			num_b: 'SIP/00000000672',
			abonent_api_key: TELEDISCOUNT_KEY,
		});
		expect(plainItems(result.output(NODE))).toEqual([
			{ json: readableIvrCall, pairedItem: { item: 0 } },
		]);
	});

	it('sends only the filters that are set', async () => {
		const result = await context.run({
			resource: 'call',
			operation: 'getMany',
			filters: { numA: 'SIP/00000000672', numM: '' },
		});
		expect(server.requests[0].query).toEqual({
			num_a: 'SIP/00000000672',
			abonent_api_key: TELEDISCOUNT_KEY,
		});
		expect(result.output(NODE).map((item) => item.json.callId)).toEqual([
			'a7b3c9d1e5f7081234567890abcdef01',
			'f0e1d2c3b4a5968778695a4b3c2d1e0f',
		]);
	});

	it('outputs nothing when no call matches', async () => {
		const result = await context.run({
			resource: 'call',
			operation: 'getMany',
			filters: { apiCallId: 'nothing' },
		});
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([]);
	});

	it('honours the limit', async () => {
		const result = await context.run({
			resource: 'call',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		});
		expect(result.output(NODE).map((item) => item.json.callId)).toEqual([
			'c1f926a8f5727b77f9cbf39d8f35d061',
			'a7b3c9d1e5f7081234567890abcdef01',
		]);
	});

	it('runs once per input item, each result paired to its item', async () => {
		const result = await context.run(
			{ resource: 'call', operation: 'getMany', filters: { apiCallId: '={{ $json.id }}' } },
			{
				input: [
					{ json: { id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' } },
					{ json: { id: 'c1f926a8f5727b77f9cbf39d8f35d061' } },
				],
			},
		);
		expect(server.requests.map((request) => request.query.api_call_id)).toEqual([
			'f0e1d2c3b4a5968778695a4b3c2d1e0f',
			'c1f926a8f5727b77f9cbf39d8f35d061',
		]);
		expect(result.output(NODE).map((item) => [item.json.callId, item.pairedItem])).toEqual([
			['f0e1d2c3b4a5968778695a4b3c2d1e0f', { item: 0 }],
			['c1f926a8f5727b77f9cbf39d8f35d061', { item: 1 }],
		]);
	});

	it.each([
		[
			{ numA: 'Ivan' },
			'Caller (num_a): "Ivan" is not a phone number in universal format. Use the country code and the number, digits only, e.g. 74951234567 (+7 495 123-45-67 and 8 495 123-45-67 are accepted too).',
		],
		[
			{ numB: 'SIP/' },
			'Answered By (num_b): "SIP/" is not a SIP account. Use the SIP account\'s name as Telediscount shows it, e.g. SIP/00000000672.',
		],
		[
			{ apiCallId: 'a b&c=d' },
			'Call ID (api_call_id): "a b&c=d" is not a call ID. Use the ID as Telediscount gives it, letters and digits, e.g. c1f926a8f5727b77f9cbf39d8f35d061.',
		],
	])('refuses the filter %p before any request', async (filters, message) => {
		const result = await context.run({ resource: 'call', operation: 'getMany', filters });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(server.requests).toHaveLength(0);
	});

	it('reads the records from a PHP associative array as well as from a list', async () => {
		server.fail({ status: 200, body: { 0: ivrCall, 1: outgoingCall } });
		const result = await context.run({ resource: 'call', operation: 'getMany' });
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			readableIvrCall,
			readableOutgoingCall,
		]);
	});

	it('refuses an answer that is not a list of calls with a NodeApiError quoting it', async () => {
		server.fail({ status: 200, body: { balance: '1733.98' } });
		const result = await context.run({ resource: 'call', operation: 'getMany' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Telediscount answered the list of calls with something that is not a list of calls',
		);
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: {"balance":"1733.98"}',
		);
	});
	it('keeps a record field named "__proto__" in the raw record (redacting the answer used to turn it into a prototype)', async () => {
		const record = { ...ivrCall, __note: 'x' };
		const text = JSON.stringify([record]).replace(
			'"__note":"x"',
			`"__proto__":{"comment":"key ${TELEDISCOUNT_KEY}"}`,
		);
		server.fail({ status: 200, body: text });
		const result = await context.run({ resource: 'call', operation: 'getMany' });
		expect(result.error).toBeUndefined();
		const [item] = result.output(NODE);
		const raw = item.json.raw as Record<string, unknown>;
		expect(Object.getOwnPropertyDescriptor(raw, '__proto__')?.value).toEqual({
			comment: 'key ***',
		});
		expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
		expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
	});
});
