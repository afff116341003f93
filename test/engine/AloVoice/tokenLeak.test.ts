// The token search over every AloVoice operation: each one is run through the engine when the
// PBX answers, when it refuses the token, when it fails with a body that quotes the token and the
// URL it was called at, and with Continue On Fail; the stored run, the error, the output items and
// every log line are searched for the token in each form it travels in.
import type { INodeExecutionData } from 'n8n-workflow';

import { capturedLogs, runWorkflow } from '../../harness/engine';
import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../../server/alovoice';

const MP3 = {
	data: fakeAudio('message').toString('base64'),
	mimeType: 'audio/mpeg',
	fileName: 'm.mp3',
	fileExtension: 'mp3',
};
const campaignInput: INodeExecutionData[] = [
	{ json: { phone: '994412860' }, binary: { data: MP3 } },
];

/** [operation, parameters, input, where the token goes: `bearer` header, `path`, or `none`]. */
const OPERATIONS: Array<
	[string, Record<string, unknown>, INodeExecutionData[] | undefined, 'bearer' | 'path' | 'none']
> = [
	[
		'Campaign → Create',
		{
			resource: 'campaign',
			operation: 'create',
			name: 'Leak check',
			fromDate: '2026.12.01',
			toDate: '2026.12.31',
			fromTime: '09:00',
			toTime: '20:59',
			trunks: ['551234567'],
		},
		campaignInput,
		'bearer',
	],
	[
		'Campaign → Get',
		{ resource: 'campaign', operation: 'get', campaignId: '123' },
		undefined,
		'bearer',
	],
	['Line → Get Many', { resource: 'line', operation: 'getMany' }, undefined, 'bearer'],
	[
		'Call → Start Two-Way Call',
		{
			resource: 'call',
			operation: 'startTwoWay',
			callFrom: '712037006',
			recipients: { recipient: [{ phone: '994412860' }] },
		},
		undefined,
		'path',
	],
	[
		'Call → Call Into IVR',
		{
			resource: 'call',
			operation: 'callIvr',
			callTo: '712037006',
			ivrId: 222,
			fromLine: '712037006',
		},
		undefined,
		'path',
	],
	[
		'Call → Click-to-Call',
		{
			resource: 'call',
			operation: 'clickToCall',
			extension: '2424',
			number: '994412860',
			callId: 'c1',
			userId: '22',
		},
		undefined,
		'path',
	],
	['Extension → Get Many', { resource: 'extension', operation: 'getMany' }, undefined, 'path'],
	[
		'Speech Analysis → Analyze Call',
		{ resource: 'speechAnalytics', operation: 'analyze', callId: '1001' },
		undefined,
		'path',
	],
	[
		'Speech Analysis → Get Result',
		{
			resource: 'speechAnalytics',
			operation: 'getResult',
			callId: '1001',
			options: { textTranscript: true },
		},
		undefined,
		'path',
	],
	[
		'Recording → Download (stereo audio)',
		{
			resource: 'recording',
			operation: 'download',
			source: 'stereo',
			callId: '1001',
			binaryPropertyName: 'data',
		},
		undefined,
		'none',
	],
	[
		'Recording → Download (recording URL)',
		{
			resource: 'recording',
			operation: 'download',
			source: 'url',
			recordingUrl: '/records/call-1001.mp3',
			binaryPropertyName: 'data',
		},
		undefined,
		'none',
	],
];

const FORMS = [
	ALOVOICE_TOKEN,
	encodeURIComponent(ALOVOICE_TOKEN),
	Buffer.from(ALOVOICE_TOKEN).toString('base64'),
];

function expectNoToken(label: string, ...texts: string[]) {
	for (const text of texts) {
		for (const form of FORMS) expect([label, text.includes(form)]).toEqual([label, false]);
	}
}

describe('the AloVoice token is never in an output, error, execution data or log line', () => {
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
		server.state.analyses.set('1001', { pollsLeft: 0 });
	});

	const run = async (
		parameters: Record<string, unknown>,
		input?: INodeExecutionData[],
		continueOnFail = false,
		token = ALOVOICE_TOKEN,
	) => {
		const logsFrom = capturedLogs.length;
		const result = await runWorkflow([{ parameters: parameters as never, continueOnFail }], {
			credentials: { aloVoiceApi: { ...credentials.aloVoiceApi, token } },
			input: input ? structuredClone(input) : undefined,
		});
		return { result, logs: capturedLogs.slice(logsFrom).join('\n') };
	};

	/** The token really went to the PBX where the endpoint wants it (so the search is not vacuous). */
	function expectTokenSent(placement: 'bearer' | 'path' | 'none', token = ALOVOICE_TOKEN) {
		expect(server.requests.length).toBeGreaterThan(0);
		for (const request of server.requests) {
			if (placement === 'bearer') expect(request.headers.authorization).toBe(`Bearer ${token}`);
			if (placement === 'path') expect(request.path).toContain(`/${encodeURIComponent(token)}`);
			if (placement === 'none') {
				expect(JSON.stringify([request.path, request.headers])).not.toContain(token);
			}
		}
	}

	describe.each(OPERATIONS)('%s', (_name, parameters, input, placement) => {
		it('answered: the output and the stored run hold no token', async () => {
			if (parameters.operation === 'get') {
				await run(OPERATIONS[0][1], OPERATIONS[0][2]);
				server.reset();
			}
			const { result, logs } = await run(parameters, input);
			expect(result.error).toBeUndefined();
			expect(result.output('AloVoice').length).toBeGreaterThan(0);
			expectTokenSent(placement);
			expectNoToken('answered', result.serialized, logs);
		});

		it('a failure whose body quotes the token and the URL: the error says what the PBX answered, without the token', async () => {
			const url = `${credentials.aloVoiceApi.baseUrl}/requestcall/${ALOVOICE_TOKEN}`;
			server.fail({
				status: 500,
				body: {
					error: `token ${ALOVOICE_TOKEN} at ${url} failed (${encodeURIComponent(ALOVOICE_TOKEN)})`,
				},
			});
			const { result, logs } = await run(parameters, input);
			expect(result.error?.name).toBe('NodeApiError');
			expect((result.error as { description?: string }).description).toContain('failed');
			expectTokenSent(placement);
			expectNoToken(
				'500',
				result.serialized,
				logs,
				result.error!.message,
				String((result.error as { description?: string }).description),
			);
		});

		if (parameters.resource === 'campaign') {
			it('a 200 answer that is not a campaign and quotes the token: the error quotes it without the token', async () => {
				server.fail({
					status: 200,
					body: [`token ${ALOVOICE_TOKEN} has no campaigns`, encodeURIComponent(ALOVOICE_TOKEN)],
				});
				const { result, logs } = await run(parameters, input);
				expect(result.error?.name).toBe('NodeApiError');
				const description = String((result.error as { description?: string }).description);
				expect(description).toBe('The PBX answered: ["token *** has no campaigns","***"]');
				expectNoToken(
					'not a campaign',
					result.serialized,
					logs,
					result.error!.message,
					description,
				);
			});
		}

		it('a refused token (401), with Continue On Fail: the error item holds no token', async () => {
			const wrong = 'wrong-token-2468-leak';
			server.fail({ status: 401, body: { error: `Unauthorized token ${wrong}` } });
			const logsFrom = capturedLogs.length;
			const result = await runWorkflow(
				[{ parameters: parameters as never, continueOnFail: true }],
				{
					credentials: { aloVoiceApi: { ...credentials.aloVoiceApi, token: wrong } },
					input: input ? structuredClone(input) : undefined,
				},
			);
			const items = result.output('AloVoice');
			expect(items[0].json.error).toEqual(expect.stringContaining('401'));
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expectTokenSent(placement, wrong);
			const texts = [
				result.serialized,
				capturedLogs.slice(logsFrom).join('\n'),
				JSON.stringify(items),
			];
			for (const text of texts) {
				expect(text).not.toContain(wrong);
				expect(text).not.toContain(ALOVOICE_TOKEN);
			}
		});
	});
});
