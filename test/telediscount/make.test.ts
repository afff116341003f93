import { credentialReads, plainItems } from '../harness/engine';
import { TELEDISCOUNT_KEY } from '../server/telediscount';
import { NODE, loggedText, useTelediscountServer } from './setup';

describe('Telediscount → Call → Make', () => {
	const context = useTelediscountServer();
	const { server } = context;
	const make = (numA: unknown, numB: unknown) => ({ resource: 'call', operation: 'make', numA, numB }) as never;

	it('sends GET /api.php/telephony/outcome with num_a, num_b and the key in the query string, and outputs the call id', async () => {
		const result = await context.run(make('SIP/00000000672', '74951234567'));

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api.php/telephony/outcome' });
		expect(server.requests[0].query).toEqual({
			num_a: 'SIP/00000000672',
			num_b: '74951234567',
			abonent_api_key: TELEDISCOUNT_KEY,
		});
		expect(server.requests[0].headers.authorization).toBeUndefined();
		expect(plainItems(result.output(NODE))).toEqual([
			{
				json: {
					callId: 'd00d0000000000000000000000000001',
					sipAccount: 'SIP/00000000672',
					number: '74951234567',
					numberE164: '+74951234567',
					raw: { api_call_id: 'd00d0000000000000000000000000001' },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(server.state.placed).toEqual([
			{ num_a: 'SIP/00000000672', num_b: '74951234567', api_call_id: 'd00d0000000000000000000000000001' },
		]);
	});

	it('reads an answer that is the call id as plain text', async () => {
		server.state.outcomeAnswer = 'text';
		const result = await context.run(make('SIP/00000000672', '74951234567'));
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{
				callId: 'd00d0000000000000000000000000001',
				sipAccount: 'SIP/00000000672',
				number: '74951234567',
				numberE164: '+74951234567',
				raw: 'd00d0000000000000000000000000001',
			},
		]);
	});

	it.each([
		['+7 495 123-45-67', '74951234567'],
		['8 (495) 123-45-67', '74951234567'],
		['84951234567', '74951234567'],
		['9031234567', '79031234567'],
		['+998 99 441 28 60', '998994412860'],
		[74951234567, '74951234567'],
	])('sends the number %p as %p', async (typed, sent) => {
		const result = await context.run(make('sip/00000000672', typed));
		expect(result.error).toBeUndefined();
		expect(server.requests[0].query).toEqual({ num_a: 'SIP/00000000672', num_b: sent, abonent_api_key: TELEDISCOUNT_KEY });
	});

	it.each([
		[
			'SIP/00000000672',
			'call me',
			'Number (num_b): "call me" is not a phone number in universal format. Use the country code and the number, digits only, e.g. 74951234567 (+7 495 123-45-67 and 8 495 123-45-67 are accepted too).',
		],
		[
			'SIP/00000000672',
			'12345',
			'Number (num_b): "12345" is not a phone number in universal format. Use the country code and the number, digits only, e.g. 74951234567 (+7 495 123-45-67 and 8 495 123-45-67 are accepted too).',
		],
		[
			// An expression that resolves to nothing gets past n8n's own "required" check.
			'SIP/00000000672',
			'={{ "" }}',
			'Number (num_b): "" is not a phone number in universal format. Use the country code and the number, digits only, e.g. 74951234567 (+7 495 123-45-67 and 8 495 123-45-67 are accepted too).',
		],
		[
			'00000000672',
			'74951234567',
			'SIP Account (num_a): "00000000672" is not a SIP account. Use the SIP account\'s name as Telediscount shows it, e.g. SIP/00000000672. Did you mean SIP/00000000672?',
		],
		[
			'SIP/ 672; drop',
			'74951234567',
			'SIP Account (num_a): "SIP/ 672; drop" is not a SIP account. Use the SIP account\'s name as Telediscount shows it, e.g. SIP/00000000672.',
		],
	])('refuses num_a %p / num_b %p before any request', async (numA, numB, message) => {
		const result = await context.run(make(numA, numB));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(server.requests).toHaveLength(0);
	});

	it('reads the credential once for all items of a run', async () => {
		credentialReads.length = 0;
		const result = await context.run(
			{ resource: 'call', operation: 'make', numA: 'SIP/00000000672', numB: '={{ $json.phone }}' },
			{ input: [{ json: { phone: '74951234567' } }, { json: { phone: '79039998877' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.query.num_b)).toEqual(['74951234567', '79039998877']);
		expect(credentialReads).toEqual(['telediscountApi']);
	});

	it('with Continue On Fail, turns a bad item into an error item paired to it and places the other calls', async () => {
		const result = await context.run(
			{ resource: 'call', operation: 'make', numA: 'SIP/00000000672', numB: '={{ $json.phone }}' },
			{
				continueOnFail: true,
				input: [{ json: { phone: '+7 903 999-88-77' } }, { json: { phone: 'nobody' } }, { json: { phone: '74951234567' } }],
			},
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.query.num_b)).toEqual(['79039998877', '74951234567']);
		expect(plainItems(result.output(NODE))).toEqual([
			{
				json: {
					callId: 'd00d0000000000000000000000000001',
					sipAccount: 'SIP/00000000672',
					number: '79039998877',
					numberE164: '+79039998877',
					raw: { api_call_id: 'd00d0000000000000000000000000001' },
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error:
						'Number (num_b): "nobody" is not a phone number in universal format. Use the country code and the number, digits only, e.g. 74951234567 (+7 495 123-45-67 and 8 495 123-45-67 are accepted too).',
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					callId: 'd00d0000000000000000000000000002',
					sipAccount: 'SIP/00000000672',
					number: '74951234567',
					numberE164: '+74951234567',
					raw: { api_call_id: 'd00d0000000000000000000000000002' },
				},
				pairedItem: { item: 2 },
			},
		]);
	});

	it('turns a 200 answer that carries an error into a NodeApiError saying what the PBX answered', async () => {
		server.fail({ status: 200, body: { status: 'error', error: 'SIP account SIP/00000000672 is offline' } });
		const result = await context.run(make('SIP/00000000672', '74951234567'));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Telediscount refused the request while placing the call: SIP account SIP/00000000672 is offline',
		);
	});

	it('refused by the PBX with a wrong key: NodeApiError, and the key appears nowhere', async () => {
		const wrongKey = 'wrongkey-5566778899aabbcc';
		const result = await context.run(make('SIP/00000000672', '74951234567'), { apiKey: wrongKey });
		expect(server.requests[0].query.abonent_api_key).toBe(wrongKey);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Telediscount answered 401 while placing the call: the token was refused (check the credential)',
		);
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: {"error":"Unknown abonent_api_key ***"}',
		);
		expect(result.serialized).not.toContain(wrongKey);
		expect(loggedText()).not.toContain(wrongKey);
	});
});
