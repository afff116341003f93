import type { INodeExecutionData } from 'n8n-workflow';

import type { StoredCampaign } from '../../server/alovoice';
import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../../server/alovoice';
import { capturedLogs, plainItems, runWorkflow } from '../../harness/engine';

const MP3 = fakeAudio('campaign message');

function audio(fileName = 'reminder.mp3', mimeType = 'audio/mpeg') {
	return { data: MP3.toString('base64'), mimeType, fileName, fileExtension: 'mp3' };
}

const BASE = {
	resource: 'campaign',
	operation: 'create',
	name: 'December reminder',
	fromDate: '2026.12.01',
	toDate: '2026-12-31',
	fromTime: '9:00',
	toTime: '20:59',
	trunks: ['551234567', '712345678'],
	maxLines: 3,
	goodTime: 4,
	attempts: 5,
	paused: true,
	timeZone: 'utc +5',
};

/** Items whose `phone` fields are the given values; the first carries the MP3 message. */
function phoneItems(
	phones: unknown[],
	extra: (index: number) => object = () => ({}),
): INodeExecutionData[] {
	return phones.map((phone, index) => {
		const item: INodeExecutionData = {
			json: { phone, ...extra(index) } as INodeExecutionData['json'],
		};
		if (index === 0) item.binary = { data: audio() };
		return item;
	});
}

describe('AloVoice → Campaign', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;

	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => {
		server.reset();
		server.state.campaigns.clear();
		server.state.nextCampaignId = 123;
	});

	describe('Create from input items', () => {
		it('posts the exact multipart form (both tryes and tries) with a CSV built from the items, and outputs the typed campaign', async () => {
			const input = phoneItems(
				['994412860', '+998 (97) 707-69-09', 998901234567, '712037006'],
				(index) =>
					[
						{ name: 'Plain', note: 'simple' },
						{ name: 'Doe, John', note: 'says "hi"' },
						{ name: 'Multi\nline', note: 'cr\r\nlf' },
						{ name: '', note: null },
					][index],
			);
			const result = await runWorkflow(
				[
					{
						parameters: {
							...BASE,
							phoneField: 'phone',
							recipientOptions: { extraColumns: 'name, note' },
						},
					},
				],
				{ credentials, input },
			);

			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			const request = server.requests[0];
			expect(request).toMatchObject({
				method: 'POST',
				path: '/mapi/addAutorule',
				headers: expect.objectContaining({ authorization: `Bearer ${ALOVOICE_TOKEN}` }),
			});
			expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
			expect(request.fields).toEqual({
				name: 'December reminder',
				from: '2026.12.01',
				to: '2026.12.31',
				fromtime: '09:00',
				totime: '20:59',
				trunks: '551234567,712345678',
				maxline: '3',
				goodtime: '4',
				tryes: '5',
				tries: '5',
				paused: '1',
				timezone: 'utc +5',
			});
			expect(Object.keys(request.files).sort()).toEqual(['recipients', 'record']);
			expect(request.files.record).toEqual({
				filename: 'reminder.mp3',
				mimeType: 'audio/mpeg',
				content: MP3,
			});
			expect(request.files.recipients.filename).toBe('recipients.csv');
			expect(request.files.recipients.mimeType).toBe('text/csv');
			expect(request.files.recipients.content.toString('utf8')).toBe(
				[
					'994412860,Plain,simple',
					'+998977076909,"Doe, John","says ""hi"""',
					'+998901234567,"Multi\nline","cr\r\nlf"',
					'712037006,,',
				].join('\n'),
			);

			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						id: 123,
						name: 'December reminder',
						from: '2026-12-01',
						to: '2026-12-31',
						fromtime: '09:00:00',
						totime: '20:59:59',
						trunks: ['551234567', '712345678'],
						record: `/play/${MP3.toString('hex').slice(0, 32)}`,
						recipients: 0,
						maxline: 3,
						goodtime: 4,
						tryes: 5,
						attempts: 5,
						paused: true,
						status: 'new',
						timezone: 18000,
						timezoneOffset: 'utc +5',
						updatedAt: expect.any(String),
						createdAt: expect.any(String),
						recipientsSent: 4,
					},
					pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }],
				},
			]);
		});

		it('sends the documented defaults and a header-less single phone column; a dot path reaches into objects', async () => {
			const input: INodeExecutionData[] = [
				{ json: { contact: { phone: '994412860' } }, binary: { data: audio('a.mp3') } },
				{ json: { contact: { phone: '977076909' } } },
			];
			const result = await runWorkflow(
				[
					{
						parameters: {
							resource: 'campaign',
							operation: 'create',
							name: 'Defaults',
							fromDate: '2026-12-01T10:00:00.000+05:00',
							toDate: '2026-12-02',
							fromTime: '10:00',
							toTime: '18:00',
							trunks: '={{ "551234567, 712345678" }}',
							phoneField: 'contact.phone',
						},
					},
				],
				{ credentials, input },
			);
			expect(result.error).toBeUndefined();
			expect(server.requests[0].fields).toEqual({
				name: 'Defaults',
				from: '2026.12.01',
				to: '2026.12.02',
				fromtime: '10:00',
				totime: '18:00',
				trunks: '551234567,712345678',
				maxline: '1',
				goodtime: '3',
				tryes: '2',
				tries: '2',
				paused: '0',
				timezone: 'utc +5',
			});
			expect(server.requests[0].files.recipients.content.toString('utf8')).toBe(
				'994412860\n977076909',
			);
			const [item] = result.output('AloVoice');
			expect(item.json).toMatchObject({
				maxline: 1,
				goodtime: 3,
				tryes: 2,
				attempts: 2,
				paused: false,
				recipientsSent: 2,
			});
		});

		it('writes a header row when asked, and skips invalid numbers listing them in the output when asked', async () => {
			const input = phoneItems(['994412860', '12345', '', '977076909']);
			const result = await runWorkflow(
				[
					{
						parameters: {
							...BASE,
							timeZone: 'utc -3',
							recipientOptions: { includeHeader: true, skipInvalid: true, extraColumns: 'missing' },
						},
					},
				],
				{ credentials, input },
			);
			expect(result.error).toBeUndefined();
			expect(server.requests[0].fields.timezone).toBe('utc -3');
			expect(server.requests[0].files.recipients.content.toString('utf8')).toBe(
				'phone,missing\n994412860,\n977076909,',
			);
			const [item] = plainItems(result.output('AloVoice'));
			expect(item.json).toMatchObject({
				timezone: -10800,
				timezoneOffset: 'utc -3',
				recipientsSent: 2,
				skipped: [
					{
						item: 1,
						value: '12345',
						reason:
							'Phone Field "phone" of input item 1 (counting from 0): "12345" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
					},
					{
						item: 2,
						value: '',
						reason:
							'Phone Field "phone" of input item 2 (counting from 0): "" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
					},
				],
			});
		});
	});

	describe('Create from a binary CSV file', () => {
		it('uploads the file as it is, under its own file name, and counts its rows', async () => {
			const csv = Buffer.from('phone,name\n994412860,"Doe, John"\r\n977076909,"a\nb"\n\n', 'utf8');
			const input: INodeExecutionData[] = [
				{
					json: {},
					binary: {
						data: audio(undefined as unknown as string, 'audio/mpeg'),
						list: { data: csv.toString('base64'), mimeType: 'text/csv', fileName: 'december.csv' },
					},
				},
			];
			delete (input[0].binary!.data as { fileName?: string }).fileName;
			const result = await runWorkflow(
				[
					{
						parameters: { ...BASE, recipientsFrom: 'binaryFile', recipientsBinaryProperty: 'list' },
					},
				],
				{ credentials, input },
			);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0].files.record).toEqual({
				filename: 'record.mp3',
				mimeType: 'audio/mpeg',
				content: MP3,
			});
			expect(server.requests[0].files.recipients).toEqual({
				filename: 'december.csv',
				mimeType: 'text/csv',
				content: csv,
			});
			expect(server.requests[0].fields.tryes).toBe('5');
			const [item] = plainItems(result.output('AloVoice'));
			expect(item.json).toMatchObject({ id: 123, recipientsSent: 3 });
			expect(item.json).not.toHaveProperty('skipped');
			expect(item.pairedItem).toEqual([{ item: 0 }]);
		});
	});

	it('takes dates given as Luxon DateTimes and JS Dates by expressions', async () => {
		const result = await runWorkflow(
			[
				{
					parameters: {
						...BASE,
						fromDate: "={{ DateTime.fromISO('2026-12-01T23:30:00', { zone: 'Asia/Tashkent' }) }}",
						toDate: "={{ new Date('2026-12-31T12:00:00Z') }}",
					},
				},
			],
			{ credentials, input: phoneItems(['994412860']) },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests[0].fields).toMatchObject({ from: '2026.12.01', to: '2026.12.31' });
	});

	it('takes an MP3 that came as application/octet-stream and sends it as audio/mpeg', async () => {
		const input = phoneItems(['994412860']);
		input[0].binary = { data: { ...audio('bucket.mp3', 'application/octet-stream') } };
		const result = await runWorkflow([{ parameters: { ...BASE } }], { credentials, input });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].files.record).toEqual({
			filename: 'bucket.mp3',
			mimeType: 'audio/mpeg',
			content: MP3,
		});
	});

	describe('Get', () => {
		it('sends GET /mapi/getAutorule/{id} per item and outputs the typed campaign', async () => {
			await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: phoneItems(['994412860']),
			});
			server.reset();

			const result = await runWorkflow(
				[{ parameters: { resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}' } }],
				{ credentials, input: [{ json: { id: 123 } }, { json: { id: ' 123 ' } }] },
			);
			expect(result.error).toBeUndefined();
			expect(
				server.requests.map((request) => [
					request.method,
					request.path,
					request.headers.authorization,
				]),
			).toEqual([
				['GET', '/mapi/getAutorule/123', `Bearer ${ALOVOICE_TOKEN}`],
				['GET', '/mapi/getAutorule/123', `Bearer ${ALOVOICE_TOKEN}`],
			]);
			const stored = server.state.campaigns.get(123)!;
			const expected = {
				id: 123,
				name: 'December reminder',
				from: '2026-12-01',
				to: '2026-12-31',
				fromtime: '09:00:00',
				totime: '20:59:59',
				trunks: ['551234567', '712345678'],
				record: stored.record,
				recipients: 0,
				maxline: 3,
				goodtime: 4,
				tryes: 5,
				attempts: 5,
				paused: true,
				status: 'new',
				timezone: 18000,
				timezoneOffset: 'utc +5',
				updatedAt: stored.updatedAt,
				createdAt: stored.createdAt,
			};
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{ json: expected, pairedItem: { item: 0 } },
				{ json: expected, pairedItem: { item: 1 } },
			]);
		});

		it('keeps what it cannot type: a string time zone, a comma-separated trunk list, unknown paused', async () => {
			// A campaign as an older or odder PBX might answer it: only the fields under test.
			const odd = {
				id: 7,
				trunks: '712037006, 551234567',
				paused: 'maybe',
				timezone: 'utc +5:30',
				maxline: 'many',
			};
			server.state.campaigns.set(7, odd as unknown as StoredCampaign);
			const result = await runWorkflow(
				[{ parameters: { resource: 'campaign', operation: 'get', campaignId: '7' } }],
				{
					credentials,
				},
			);
			expect(result.output('AloVoice')[0].json).toEqual({
				id: 7,
				trunks: ['712037006', '551234567'],
				paused: 'maybe',
				timezone: 'utc +5:30',
				timezoneOffset: 'utc +5:30',
				maxline: 'many',
			});
		});
	});

	describe('refuses bad input before any request', () => {
		it.each([
			[
				'From Date',
				{ fromDate: '01.12.2026' },
				'From Date: "01.12.2026" is not a date. Use YYYY.MM.DD (2026.12.01); 2026-12-01 and ISO date-times are converted.',
			],
			[
				'To Date',
				{ toDate: '2026.02.30' },
				'To Date: "2026.02.30" is not a date. Use YYYY.MM.DD (2026.12.01); 2026-12-01 and ISO date-times are converted.',
			],
			[
				'window',
				{ toDate: '2026.11.30' },
				'To Date: 2026.11.30 is before From Date 2026.12.01. The window must end on or after its first day.',
			],
			[
				'From Time',
				{ fromTime: '9am' },
				'From Time: "9am" is not a time of day. Use HH:MM on a 24-hour clock (18:10).',
			],
			[
				'To Time',
				{ toTime: '24:00' },
				'To Time: "24:00" is not a time of day. Use HH:MM on a 24-hour clock (18:10).',
			],
			[
				'Time Zone',
				{ timeZone: '={{ "Asia/Tashkent" }}' },
				'Time Zone: "Asia/Tashkent" is not a time zone. Use "utc +5" (from "utc -12" to "utc +14").',
			],
			[
				'Time Zone range',
				{ timeZone: '={{ "utc +15" }}' },
				'Time Zone: "utc +15" is not a time zone. Use "utc +5" (from "utc -12" to "utc +14").',
			],
			// n8n itself refuses an empty required list; an expression that gives none reaches the node.
			[
				'Trunks',
				{ trunks: '={{ [] }}' },
				'Lines to Call From: none chosen. Choose at least one line, or give them comma-separated (712037006,551234567).',
			],
			[
				'Name',
				{ name: ' ' },
				'Name: empty. Give the campaign a name, e.g. December payment reminder.',
			],
			['Attempts', { attempts: 0 }, 'Attempts: "0" is not a whole number of at least 1.'],
			[
				'missing message',
				{ messageBinaryProperty: 'audio' },
				'Input Binary Field: the first input item has no binary field "audio" (it has "data"). Give the field that holds the MP3 message.',
			],
		])('%s', async (_label, parameters, message) => {
			const result = await runWorkflow([{ parameters: { ...BASE, ...parameters } }], {
				credentials,
				input: phoneItems(['994412860', '977076909']),
			});
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(server.requests).toHaveLength(0);
		});

		it('refuses a bad phone at item 3 naming the item, the field and the expected form', async () => {
			const result = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: phoneItems(['994412860', '977076909', '712037006', '99441286', '994412861']),
			});
			expect(result.error?.message).toBe(
				'Phone Field "phone" of input item 3 (counting from 0): "99441286" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
			);
			expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(3);
			expect(server.requests).toHaveLength(0);
		});

		it('refuses a message that is not audio, and a first item without binary data', async () => {
			const notAudio: INodeExecutionData[] = [
				{
					json: { phone: '994412860' },
					binary: { data: { data: 'aGVsbG8=', mimeType: 'text/plain', fileName: 'x.txt' } },
				},
			];
			let result = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: notAudio,
			});
			expect(result.error?.message).toBe(
				'Input Binary Field: the file in "data" is text/plain, not audio. The message must be an MP3 file (audio/mpeg).',
			);
			result = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: [{ json: { phone: '994412860' } }],
			});
			expect(result.error?.message).toBe(
				'Input Binary Field: the first input item has no binary field "data" (it has none). Give the field that holds the MP3 message.',
			);
			result = await runWorkflow([{ parameters: { ...BASE, recipientsFrom: 'binaryFile' } }], {
				credentials,
				input: phoneItems(['994412860']),
			});
			expect(result.error?.message).toBe(
				'Recipients Input Binary Field: the first input item has no binary field "recipients" (it has "data"). Give the field that holds the recipients CSV file.',
			);
			result = await runWorkflow(
				[{ parameters: { ...BASE, recipientOptions: { skipInvalid: true } } }],
				{
					credentials,
					input: phoneItems(['1', '2']),
				},
			);
			expect(result.error?.message).toBe(
				'Phone Field "phone": no input item has a valid number, so there is nobody to call (2 skipped).',
			);
			expect(server.requests).toHaveLength(0);
		});

		it.each([['0'], ['-4'], ['12a'], [''], ['1.5']])(
			'refuses campaign ID %p on Get',
			async (campaignId) => {
				const parameters = {
					resource: 'campaign',
					operation: 'get',
					campaignId: `={{ ${JSON.stringify(campaignId)} }}`,
				};
				const result = await runWorkflow([{ parameters }], {
					credentials,
				});
				expect(result.error?.message).toBe(
					`Campaign ID: "${campaignId}" is not a campaign ID. Use the positive whole number AloVoice gave the campaign (123).`,
				);
				expect(server.requests).toHaveLength(0);
			},
		);
	});

	describe('API errors', () => {
		it('401: the token refused, without the token anywhere', async () => {
			const wrong = {
				aloVoiceApi: {
					token: 'wrong-campaign-token-9876',
					baseUrl: credentials.aloVoiceApi.baseUrl,
				},
			};
			const result = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials: wrong,
				input: phoneItems(['994412860']),
			});
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'AloVoice answered 401 while creating the campaign: the token was refused (check the credential)',
			);
			expect(server.requests).toHaveLength(1);
			expect(result.serialized).not.toContain('wrong-campaign-token-9876');
			expect(capturedLogs.join('\n')).not.toContain('wrong-campaign-token-9876');
		});

		it('404 on Get', async () => {
			const result = await runWorkflow(
				[{ parameters: { resource: 'campaign', operation: 'get', campaignId: '999' } }],
				{
					credentials,
				},
			);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'AloVoice answered 404 while getting the campaign: not found',
			);
			expect((result.error as { description?: string }).description).toBe(
				'The PBX answered: {"error":"Autorule not found"}',
			);
			expect(server.requests.map((request) => request.path)).toEqual(['/mapi/getAutorule/999']);
		});

		it('500 on Create', async () => {
			server.fail({ status: 500, times: 1 });
			const result = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: phoneItems(['994412860']),
			});
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'AloVoice answered 500 while creating the campaign: the PBX failed to handle the request',
			);
			expect((result.error as { httpCode?: string }).httpCode).toBe('500');
			expect(server.requests).toHaveLength(1);
			expect(server.state.campaigns.size).toBe(0);
		});

		it('a body that is not JSON', async () => {
			server.fail({ malformed: true, times: 1 });
			const result = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: phoneItems(['994412860']),
			});
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'AloVoice answered with a body that is not valid JSON while creating the campaign',
			);
			expect((result.error as { description?: string }).description).toBe(
				'The PBX answered: <html>Bad gateway</html>',
			);
		});

		it('JSON that is not a campaign', async () => {
			server.fail({ status: 200, body: ['x'] as never, times: 1 });
			const result = await runWorkflow(
				[{ parameters: { resource: 'campaign', operation: 'get', campaignId: '5' } }],
				{
					credentials,
				},
			);
			expect(result.error?.message).toBe(
				'AloVoice answered without a campaign while getting the campaign',
			);
			expect((result.error as { description?: string }).description).toBe(
				'The PBX answered: ["x"]',
			);
		});

		it('Continue On Fail on Get: an error item paired to each failing input, the others answered', async () => {
			await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: phoneItems(['994412860']),
			});
			server.reset();
			const result = await runWorkflow(
				[
					{
						parameters: { resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}' },
						continueOnFail: true,
					},
				],
				{
					credentials,
					input: [{ json: { id: 'abc' } }, { json: { id: 123 } }, { json: { id: 404 } }],
				},
			);
			expect(result.error).toBeUndefined();
			const items = plainItems(result.output('AloVoice'));
			expect(items).toHaveLength(3);
			expect(items[0]).toEqual({
				json: {
					error:
						'Campaign ID: "abc" is not a campaign ID. Use the positive whole number AloVoice gave the campaign (123).',
				},
				pairedItem: { item: 0 },
			});
			expect(items[1]).toMatchObject({ json: { id: 123, paused: true }, pairedItem: { item: 1 } });
			expect(items[2]).toEqual({
				json: {
					error: 'AloVoice answered 404 while getting the campaign: not found',
					description: 'The PBX answered: {"error":"Autorule not found"}',
					httpCode: '404',
				},
				pairedItem: { item: 2 },
			});
			expect(server.requests.map((request) => request.path)).toEqual([
				'/mapi/getAutorule/123',
				'/mapi/getAutorule/404',
			]);
		});

		it('Continue On Fail on Create: one error item paired with every input item, nothing sent', async () => {
			const result = await runWorkflow([{ parameters: { ...BASE }, continueOnFail: true }], {
				credentials,
				input: phoneItems(['994412860', 'nope']),
			});
			expect(result.error).toBeUndefined();
			const error =
				'Phone Field "phone" of input item 1 (counting from 0): "nope" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).';
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{ json: { error }, pairedItem: { item: 0 } },
				{ json: { error }, pairedItem: { item: 1 } },
			]);
			expect(server.requests).toHaveLength(0);
		});

		it('never puts the token in output, execution data or logs', async () => {
			capturedLogs.length = 0;
			const created = await runWorkflow([{ parameters: { ...BASE } }], {
				credentials,
				input: phoneItems(['994412860']),
			});
			expect(created.output('AloVoice')[0].json.id).toBe(123);
			server.fail({ status: 500, body: { error: `bad token ${ALOVOICE_TOKEN}` }, times: 1 });
			const failed = await runWorkflow(
				[{ parameters: { resource: 'campaign', operation: 'get', campaignId: '123' } }],
				{
					credentials,
				},
			);
			expect(failed.error?.name).toBe('NodeApiError');
			expect((failed.error as { description?: string }).description).not.toContain(ALOVOICE_TOKEN);
			expect(capturedLogs.length).toBeGreaterThan(0);
			const ok = await runWorkflow(
				[{ parameters: { resource: 'campaign', operation: 'get', campaignId: '123' } }],
				{
					credentials,
				},
			);
			for (const text of [
				created.serialized,
				failed.serialized,
				ok.serialized,
				capturedLogs.join('\n'),
			]) {
				expect(text).not.toContain(ALOVOICE_TOKEN);
			}
		});
	});
});
