import { ALOVOICE_TOKEN, AloVoiceServer } from '../../server/alovoice';
import { plainItems, runWorkflow } from '../../harness/engine';

describe('AloVoice → Call', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (
		parameters: Record<string, unknown>,
		options: { input?: Array<{ json: Record<string, unknown> }>; continueOnFail?: boolean } = {},
	) =>
		runWorkflow([{ parameters: parameters as never, continueOnFail: options.continueOnFail }], {
			credentials,
			input: options.input as never,
		});

	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => {
		server.reset();
		server.state.callAnswer = undefined;
	});

	describe('Start Two-Way Call', () => {
		const base = {
			resource: 'call',
			operation: 'startTwoWay',
			callFrom: '712 03-70-06',
			callFromLanguage: 'uz',
			recipients: {
				recipient: [
					{ phone: '994412860', language: 'ru' },
					{ phone: '+998 97 707 69 09', language: 'uz' },
				],
			},
			externalId: '123123',
		};

		it('POSTs the documented JSON to /requestcall/{token} and outputs what was requested', async () => {
			const result = await run(base);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			const [request] = server.requests;
			expect(request.method).toBe('POST');
			expect(request.path).toBe(`/requestcall/${ALOVOICE_TOKEN}`);
			expect(request.headers['content-type']).toBe('application/json');
			expect(request.json).toEqual({
				callfrom: { phone: '712037006', lang: 'uz' },
				callto: [
					{ phone: '994412860', lang: 'ru' },
					{ phone: '+998977076909', lang: 'uz' },
				],
				extid: '123123',
			});
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						success: true,
						callfrom: { phone: '712037006', lang: 'uz' },
						callto: [
							{ phone: '994412860', lang: 'ru' },
							{ phone: '+998977076909', lang: 'uz' },
						],
						extid: '123123',
						answer: true,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(server.state.callRequests).toHaveLength(1);
		});

		it('calls a queue instead of phones, without an external ID', async () => {
			const result = await run({
				...base,
				callToType: 'queue',
				queue: '6000',
				externalId: '',
				callFromLanguage: undefined,
			});
			expect(result.error).toBeUndefined();
			expect(server.requests[0].json).toEqual({
				callfrom: { phone: '712037006', lang: 'ru' },
				callto: [{ queue: '6000' }],
			});
			expect(result.output('AloVoice')[0].json).toEqual({
				success: true,
				callfrom: { phone: '712037006', lang: 'ru' },
				callto: [{ queue: '6000' }],
				answer: true,
			});
		});

		it('sends the same fields as multipart form fields (objects as JSON text) when asked', async () => {
			const result = await run({ ...base, options: { bodyFormat: 'multipart' } });
			expect(result.error).toBeUndefined();
			const [request] = server.requests;
			expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
			expect(request.fields).toEqual({
				callfrom: '{"phone":"712037006","lang":"uz"}',
				callto: '[{"phone":"994412860","lang":"ru"},{"phone":"+998977076909","lang":"uz"}]',
				extid: '123123',
			});
			expect(request.files).toEqual({});
			expect(result.output('AloVoice')[0].json).toMatchObject({
				success: true,
				extid: '123123',
				answer: true,
			});
		});

		it.each([
			[
				{ callFrom: '12345' },
				'Initiator Phone: "12345" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
			],
			[
				{ recipients: { recipient: [{ phone: '994412860' }, { phone: 'abc' }] } },
				'Recipients (entry 2) Phone: "abc" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
			],
			[{ recipients: {} }, 'Recipients: empty. Add at least one recipient phone, e.g. 994412860.'],
			[
				{ callToType: 'queue', queue: 'sales' },
				'Queue Number: "sales" is not a queue number. Use the digits of the queue, e.g. 6000.',
			],
			[
				{ callFromLanguage: '={{ "kk" }}' },
				'Initiator Language: "kk" is not a language AloVoice offers. Use ru (Russian) or uz (Uzbek).',
			],
			[
				{ recipients: { recipient: [{ phone: '994412860', language: 'en' }] } },
				'Recipients (entry 1) Language: "en" is not a language AloVoice offers. Use ru (Russian) or uz (Uzbek).',
			],
		])('refuses %p before any request', async (change, message) => {
			const result = await run({ ...base, ...change });
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(server.requests).toHaveLength(0);
		});

		it('a `false` answer is an error', async () => {
			server.fail({ status: 200, body: 'false' });
			const result = await run(base);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe('AloVoice refused the call: answered false');
			expect((result.error as { description?: string }).description).toBe(
				'The PBX answered: false',
			);
		});
	});

	describe('Call Into IVR', () => {
		const base = {
			resource: 'call',
			operation: 'callIvr',
			callTo: '712037006',
			ivrId: 222,
			fromLine: '712037006',
			language: 'uz',
			externalId: '123123',
		};

		it('POSTs {callto, ivrid, fromline, lang, extid} with numbers where documented', async () => {
			const result = await run(base);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({
				method: 'POST',
				path: `/requestcall/${ALOVOICE_TOKEN}`,
			});
			expect(server.requests[0].headers['content-type']).toBe('application/json');
			expect(server.requests[0].json).toEqual({
				callto: '712037006',
				ivrid: 222,
				fromline: 712037006,
				lang: 'uz',
				extid: '123123',
			});
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						success: true,
						callto: '712037006',
						ivrid: 222,
						fromline: 712037006,
						lang: 'uz',
						extid: '123123',
						answer: true,
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('sends lang ru when no language is chosen (the documented default)', async () => {
			const result = await run({ ...base, language: undefined, externalId: '' });
			expect(result.error).toBeUndefined();
			expect(server.requests[0].json).toEqual({
				callto: '712037006',
				ivrid: 222,
				fromline: 712037006,
				lang: 'ru',
			});
		});

		it.each([
			[
				{ callTo: '+7 999' },
				'Phone: "+7 999" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
			],
			[{ ivrId: '={{ "x1" }}' }, 'IVR ID: "x1" is not a whole number. Use digits only, e.g. 222.'],
			[
				{ fromLine: '={{ "" }}' },
				'From Line: "" is not a whole number. Use digits only, e.g. 712037006.',
			],
			[{ ivrId: 0 }, 'IVR ID: "0" is too small. Use a whole number from 1, e.g. 222.'],
			[{ ivrId: -3 }, 'IVR ID: "-3" is too small. Use a whole number from 1, e.g. 222.'],
			[{ ivrId: '={{ "-1" }}' }, 'IVR ID: "-1" is too small. Use a whole number from 1, e.g. 222.'],
			[{ ivrId: 2.5 }, 'IVR ID: "2.5" is not a whole number. Use digits only, e.g. 222.'],
			[
				{ language: '={{ "en" }}' },
				'Language: "en" is not a language AloVoice offers. Use ru (Russian) or uz (Uzbek).',
			],
		])('refuses %p before any request', async (change, message) => {
			const result = await run({ ...base, ...change });
			expect(result.error?.message).toBe(message);
			expect(server.requests).toHaveLength(0);
		});

		it('with Continue On Fail, a bad item becomes an error item paired to its input and the other is called', async () => {
			const result = await run(
				{ ...base, callTo: '={{ $json.phone }}' },
				{
					continueOnFail: true,
					input: [{ json: { phone: '994412860' } }, { json: { phone: 'oops' } }],
				},
			);
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						success: true,
						callto: '994412860',
						ivrid: 222,
						fromline: 712037006,
						lang: 'uz',
						extid: '123123',
						answer: true,
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						error:
							'Phone: "oops" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
					},
					pairedItem: { item: 1 },
				},
			]);
			expect(server.requests).toHaveLength(1);
		});
	});

	describe('Click-to-Call', () => {
		const base = {
			resource: 'call',
			operation: 'clickToCall',
			extension: '2424',
			number: '994412860',
			callId: 'e5e456se456s56w456',
			userId: '22',
		};

		it('POSTs JSON to /outcall/{token} with the number in +998 form', async () => {
			const result = await run(base);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({
				method: 'POST',
				path: `/outcall/${ALOVOICE_TOKEN}`,
			});
			expect(server.requests[0].headers['content-type']).toBe('application/json');
			expect(server.requests[0].json).toEqual({
				call_id: 'e5e456se456s56w456',
				inner_phone: 2424,
				number: '+998994412860',
				user_id: 22,
			});
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						success: true,
						call_id: 'e5e456se456s56w456',
						inner_phone: 2424,
						number: '+998994412860',
						user_id: 22,
						answer: true,
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('with Continue On Fail, a `false` answer (unknown extension) is an error item paired to its input', async () => {
			const result = await run(
				{ ...base, extension: '={{ $json.ext }}' },
				{ continueOnFail: true, input: [{ json: { ext: '9999' } }, { json: { ext: '2000' } }] },
			);
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						error: 'AloVoice refused the call: answered false',
						description: 'The PBX answered: false',
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						success: true,
						call_id: 'e5e456se456s56w456',
						inner_phone: 2000,
						number: '+998994412860',
						user_id: 22,
						answer: true,
					},
					pairedItem: { item: 1 },
				},
			]);
			expect(
				server.requests.map((request) => (request.json as { inner_phone: number }).inner_phone),
			).toEqual([9999, 2000]);
		});

		it('a `false` answer without Continue On Fail stops with the error', async () => {
			const result = await run({ ...base, extension: '9999' });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe('AloVoice refused the call: answered false');
		});

		it.each([
			[
				{ number: '12' },
				'Phone: "12" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
			],
			[
				{ extension: '={{ "" }}' },
				'Extension: "" is not a whole number. Use digits only, e.g. 2424.',
			],
			[
				{ callId: '={{ "" }}' },
				'CRM Call ID: "" is not a call ID. Use your CRM\'s ID of the call, up to 64 characters, e.g. e5e456se456s56w456.',
			],
			[{ userId: ' ' }, "CRM User ID: empty. Use your CRM's ID of the employee, e.g. 22."],
		])('refuses %p before any request', async (change, message) => {
			const result = await run({ ...base, ...change });
			expect(result.error?.message).toBe(message);
			expect(server.requests).toHaveLength(0);
		});
	});
});
