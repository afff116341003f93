import { credentialReads, plainItems } from '../../harness/engine';
import {
	OUTCOME_ANSWER_SHAPES,
	type OutcomeAnswerShape,
	TELEDISCOUNT_KEY,
} from '../../server/telediscount';
import { NODE, loggedText, useTelediscountServer } from './setup';

describe('Telediscount → Call → Make', () => {
	const context = useTelediscountServer();
	const { server } = context;
	const make = (numA: unknown, numB: unknown) =>
		({ resource: 'call', operation: 'make', numA, numB }) as never;

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
			{
				num_a: 'SIP/00000000672',
				num_b: '74951234567',
				api_call_id: 'd00d0000000000000000000000000001',
			},
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
		expect(server.requests[0].query).toEqual({
			num_a: 'SIP/00000000672',
			num_b: sent,
			abonent_api_key: TELEDISCOUNT_KEY,
		});
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
		expect(server.requests.map((request) => request.query.num_b)).toEqual([
			'74951234567',
			'79039998877',
		]);
		expect(credentialReads).toEqual(['telediscountApi']);
	});

	it('with Continue On Fail, turns a bad item into an error item paired to it and places the other calls', async () => {
		const result = await context.run(
			{ resource: 'call', operation: 'make', numA: 'SIP/00000000672', numB: '={{ $json.phone }}' },
			{
				continueOnFail: true,
				input: [
					{ json: { phone: '+7 903 999-88-77' } },
					{ json: { phone: 'nobody' } },
					{ json: { phone: '74951234567' } },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.query.num_b)).toEqual([
			'79039998877',
			'74951234567',
		]);
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
		server.fail({
			status: 200,
			body: { status: 'error', error: 'SIP account SIP/00000000672 is offline' },
		});
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
	describe('every plausible answer of outcome (its shape is reconstructed, not documented)', () => {
		const ID = 'd00d0000000000000000000000000001';
		/** [callId, raw] each shape comes out as. */
		const OUTPUTS: Record<OutcomeAnswerShape, [string | null, unknown]> = {
			json: [ID, { api_call_id: ID }],
			text: [ID, ID],
			nested: [ID, { result: 'ok', data: { call_id: ID } }],
			jsonWithoutId: [null, { result: 'ok' }],
			empty: [null, null],
			ok: [null, 'OK'],
			plainTrue: [null, true],
			html: [null, '<html><body>Call placed</body></html>'],
		};

		it('the stand-in has a shape for each expected output, and the other way round', () => {
			expect(Object.keys(OUTPUTS).sort()).toEqual(Object.keys(OUTCOME_ANSWER_SHAPES).sort());
		});

		it.each(Object.keys(OUTCOME_ANSWER_SHAPES) as OutcomeAnswerShape[])(
			'answered %s: one request, a placed call with the id when there is one and the raw answer',
			async (shape) => {
				server.state.outcomeAnswer = shape;
				const result = await context.run(make('SIP/00000000672', '74951234567'));
				expect(result.error).toBeUndefined();
				expect(server.requests).toHaveLength(1);
				expect(server.requests[0].query).toEqual({
					num_a: 'SIP/00000000672',
					num_b: '74951234567',
					abonent_api_key: TELEDISCOUNT_KEY,
				});
				const [callId, raw] = OUTPUTS[shape];
				expect(plainItems(result.output(NODE))).toEqual([
					{
						json: {
							callId,
							sipAccount: 'SIP/00000000672',
							number: '74951234567',
							numberE164: '+74951234567',
							raw,
						},
						pairedItem: { item: 0 },
					},
				]);
				expect(server.state.placed).toHaveLength(1);
			},
		);

		it.each([
			['plain false', 'false', 'answered false', 'false'],
			['{"success": false}', { success: false }, 'success is false', '{"success":false}'],
			[
				'{"error": …}',
				{ error: 'num_b is blocked' },
				'num_b is blocked',
				'{"error":"num_b is blocked"}',
			],
			[
				'{"result": "error"}',
				{ result: 'error', message: 'no money' },
				'result is error: no money',
				'{"result":"error","message":"no money"}',
			],
			['an ERROR text', 'ERROR no funds', 'answered "ERROR no funds"', 'ERROR no funds'],
		])(
			'refused with %s: a NodeApiError after one request',
			async (_label, body, reason, quoted) => {
				server.fail({ status: 200, body });
				const result = await context.run(make('SIP/00000000672', '74951234567'));
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(
					`Telediscount refused the request while placing the call: ${reason}`,
				);
				expect((result.error as { description?: string }).description).toBe(
					`The PBX answered: ${quoted}`,
				);
				expect(server.requests).toHaveLength(1);
			},
		);

		it.each([
			[{ error: null, api_call_id: 'c1f9' }, 'c1f9'],
			[{ error: 0, api_call_id: 'c1f9' }, 'c1f9'],
			[{ error: '', errors: [], api_call_id: 'c1f9' }, 'c1f9'],
			[{ success: true, error: 'slow line', id: 5 }, '5'],
		])('%p is not a refusal', async (body, callId) => {
			server.fail({ status: 200, body });
			const result = await context.run(make('SIP/00000000672', '74951234567'));
			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({ callId, raw: body });
		});

		it('a refusal that quotes the key: neither the error nor the run holds it', async () => {
			server.fail({ status: 200, body: `error: key ${TELEDISCOUNT_KEY} is blocked` });
			const result = await context.run(make('SIP/00000000672', '74951234567'));
			expect(result.error?.message).toBe(
				'Telediscount refused the request while placing the call: answered "error: key *** is blocked"',
			);
			expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
			expect(loggedText()).not.toContain(TELEDISCOUNT_KEY);
		});
	});

	it.each([
		['74951234567', '+74951234567', '+74951234567'],
		['998994412860', '+998994412860', '+998994412860'],
		// Not a +7 number (the national part starts with 0): version 2's one E.164 rule says so.
		['70123456789', '+70123456789', null],
	])(
		'number %p: numberE164 %p in version 1, %p in version 2 (the rule of every call item)',
		async (number, v1, v2) => {
			const parameters = make('SIP/00000000672', number);
			const one = await context.run(parameters, { typeVersion: 1 });
			const two = await context.run(parameters, { typeVersion: 2 });
			expect(one.output(NODE)[0].json.numberE164).toBe(v1);
			expect(two.output(NODE)[0].json.numberE164).toBe(v2);
			expect(context.server.state.placed.map((call) => call.num_b)).toEqual([number, number]);
		},
	);
});
