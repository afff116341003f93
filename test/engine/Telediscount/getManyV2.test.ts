// Call → Get Many, version 2: the one call shape (nodes/Telediscount/helpers/call.ts) that the
// Telediscount Trigger version 2 shares, with its warnings and the record as sent.
import { plainItems } from '../../harness/engine';
import { TELEDISCOUNT_KEY, defaultCalls } from '../../server/telediscount';
import { NODE, useTelediscountServer } from './setup';

const [ivrCall, outgoingCall, internalCall] = defaultCalls();

const ivrItem = {
	callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
	accountId: '1609',
	kind: 'ivr',
	serviceName: 'ivr',
	startTime: 1700000000,
	startTimeIso: '2023-11-14T22:13:20.000Z',
	caller: '79039998877',
	callerE164: '+79039998877',
	callerWithheld: false,
	callerName: 'Moscow, MTS',
	calledNumber: '79037778899',
	calledNumberE164: '+79037778899',
	answeredBy: 'SIP/00000000672',
	answeredByE164: null,
	answeredByName: 'Olga Manoli',
	answered: true,
	talkSeconds: 37,
	waitSeconds: null,
	callerTalkSeconds: 42,
	answeredByTalkSeconds: 37,
	callerWaitSeconds: 5,
	answeredByWaitSeconds: 3,
	recordingFile: 'c1f926a8f5727b77f9cbf39d8f35d061.mp3',
	price: 1.5,
	warnings: [],
	raw: ivrCall,
};

const outgoingItem = {
	callId: 'a7b3c9d1e5f7081234567890abcdef01',
	accountId: '1609',
	kind: 'outgoing',
	serviceName: 'sip_outcome',
	startTime: 1700003600,
	startTimeIso: '2023-11-14T23:13:20.000Z',
	caller: 'SIP/00000000672',
	callerE164: null,
	callerWithheld: false,
	callerName: 'Olga Manoli',
	calledNumber: null,
	calledNumberE164: null,
	answeredBy: '74951234567',
	answeredByE164: '+74951234567',
	answeredByName: 'Moscow, Rostelecom',
	answered: true,
	talkSeconds: 118,
	waitSeconds: null,
	callerTalkSeconds: 120,
	answeredByTalkSeconds: 118,
	callerWaitSeconds: 2,
	answeredByWaitSeconds: 9,
	recordingFile: null,
	price: 3.2,
	warnings: [],
	raw: outgoingCall,
};

describe('Telediscount → Call → Get Many (version 2)', () => {
	const context = useTelediscountServer();
	const { server } = context;
	const run = (parameters: Record<string, unknown>) =>
		context.run({ resource: 'call', operation: 'getMany', ...parameters }, { typeVersion: 2 });

	it('sends the same request as version 1 and outputs one item per call in the one shape', async () => {
		const result = await run({});
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/api.php/telephony/get_calls',
		});
		expect(server.requests[0].query).toEqual({ abonent_api_key: TELEDISCOUNT_KEY });
		const items = plainItems(result.output(NODE));
		expect(items).toEqual([
			{ json: ivrItem, pairedItem: { item: 0 } },
			{ json: outgoingItem, pairedItem: { item: 0 } },
			{
				json: {
					...outgoingItem,
					callId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
					kind: 'internal',
					serviceName: 'sip_internal',
					startTime: 1700007200,
					startTimeIso: '2023-11-15T00:13:20.000Z',
					answeredBy: 'SIP/00000000673',
					answeredByE164: null,
					answeredByName: 'Igor Batov',
					answered: false,
					talkSeconds: 0,
					callerTalkSeconds: 0,
					answeredByTalkSeconds: 0,
					callerWaitSeconds: 15,
					answeredByWaitSeconds: 15,
					price: 0,
					raw: internalCall,
				},
				pairedItem: { item: 0 },
			},
		]);
		// The names in the order the README lists them.
		expect(Object.keys(items[0].json as object)).toEqual(Object.keys(ivrItem));
	});

	it('sends the filters as version 1 does, numbers in universal format', async () => {
		const result = await run({
			filters: {
				apiCallId: 'c1f926a8f5727b77f9cbf39d8f35d061',
				numA: '+7 903 999-88-77',
				numM: '8 903 777 88 99',
				numB: 'sip/00000000672',
			},
		});
		expect(server.requests.map((request) => request.query)).toEqual([
			{
				api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
				num_a: '79039998877',
				num_m: '79037778899',
				num_b: 'SIP/00000000672',
				abonent_api_key: TELEDISCOUNT_KEY,
			},
		]);
		expect(plainItems(result.output(NODE))).toEqual([{ json: ivrItem, pairedItem: { item: 0 } }]);
	});

	it('honours the limit', async () => {
		const result = await run({ returnAll: false, limit: 1 });
		expect(result.output(NODE).map((item) => item.json.callId)).toEqual([
			'c1f926a8f5727b77f9cbf39d8f35d061',
		]);
	});

	it('reads odd values by the one rule, and says which were odd instead of failing', async () => {
		server.state.calls = [
			{
				...ivrCall,
				num_a: '9039998877',
				num_m: '994412860',
				num_b: '+998 99 441-28-60',
				price: '12,50',
				setup_time: '1700000000123',
				connection_time: '00:00:37',
				service_name: 'sip_income',
			},
		];
		const result = await run({});
		expect(result.error).toBeUndefined();
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({
			caller: '9039998877',
			callerE164: '+79039998877',
			calledNumber: '994412860',
			calledNumberE164: null,
			answeredByE164: '+998994412860',
			price: 12.5,
			startTime: 1700000000.123,
			startTimeIso: '2023-11-14T22:13:20.123Z',
			talkSeconds: null,
			answered: true,
			kind: 'sip_income',
			warnings: [
				'connection_time is "00:00:37"; expected a number of seconds (0 or more)',
				'service_name is "sip_income"; expected ivr, sip_outcome or sip_internal (kept as sent)',
			],
		});
	});

	it('version 1 and version 2 of one workflow read the same record differently, each by its own rules', async () => {
		const v1 = await context.run({ resource: 'call', operation: 'getMany' }, { typeVersion: 1 });
		const v2 = await run({});
		expect(v1.output(NODE)[0].json).toHaveProperty('startedAt', '2023-11-14T22:13:20.000Z');
		expect(v1.output(NODE)[0].json).not.toHaveProperty('startTimeIso');
		expect(v2.output(NODE)[0].json).toHaveProperty('startTimeIso', '2023-11-14T22:13:20.000Z');
		expect(v2.output(NODE)[0].json).not.toHaveProperty('startedAt');
		const sent = server.requests.map(({ method, path, query }) => ({ method, path, query }));
		expect(sent).toEqual([sent[0], sent[0]]);
	});
});
