// Every failure mode of the PBX once, as the user sees it, and a search for the token (which
// several endpoints carry in the URL path) in the stored run and the logs of failing runs.
import { ALOVOICE_TOKEN, AloVoiceServer } from '../../server/alovoice';
import { capturedLogs, plainItems, runWorkflow } from '../../harness/engine';

const EXTENSIONS = { resource: 'extension', operation: 'getMany' };

/** One operation per endpoint with the token in its path. */
const PATH_TOKEN_OPERATIONS: Array<[string, Record<string, unknown>, string]> = [
	[
		'requestcall',
		{
			resource: 'call',
			operation: 'startTwoWay',
			callFrom: '712037006',
			recipients: { recipient: [{ phone: '994412860' }] },
		},
		'starting the two-way call',
	],
	[
		'outcall',
		{
			resource: 'call',
			operation: 'clickToCall',
			extension: '2424',
			number: '994412860',
			callId: 'c1',
			userId: '22',
		},
		'starting the click-to-call',
	],
	['getpeers', EXTENSIONS, 'listing the extensions'],
	[
		'callsendai',
		{ resource: 'speechAnalytics', operation: 'analyze', callId: '1001' },
		'sending the call to analysis',
	],
	[
		'callgetaireresult',
		{ resource: 'speechAnalytics', operation: 'getResult', callId: '1001' },
		'getting the analysis result',
	],
];

describe('AloVoice actions: PBX failures', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (
		parameters: Record<string, unknown>,
		continueOnFail = false,
		input?: Array<{ json: object }>,
	) =>
		runWorkflow([{ parameters: parameters as never, continueOnFail }], {
			credentials,
			input: input as never,
		});

	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => {
		server.reset();
		server.state.analyses.set('1001', { pollsLeft: 0 });
	});

	it('401: the token was refused', async () => {
		const wrong = {
			aloVoiceApi: { token: 'wrong-token-5678', baseUrl: credentials.aloVoiceApi.baseUrl },
		};
		const result = await runWorkflow([{ parameters: EXTENSIONS as never }], { credentials: wrong });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'AloVoice answered 401 while listing the extensions: the token was refused (check the credential)',
		);
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect(server.requests[0].path).toBe('/getpeers/wrong-token-5678');
		expect(result.serialized).not.toContain('wrong-token-5678');
		expect(capturedLogs.join('\n')).not.toContain('wrong-token-5678');
	});

	it.each([
		[404, 'AloVoice answered 404 while listing the extensions: not found'],
		[429, 'AloVoice answered 429 while listing the extensions: too many requests, try again later'],
		[
			500,
			'AloVoice answered 500 while listing the extensions: the PBX failed to handle the request',
		],
	])('%i: NodeApiError with the status and what the PBX answered', async (status, message) => {
		server.fail({ status, body: { error: `status ${status}` } });
		const result = await run(EXTENSIONS);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect((result.error as { httpCode?: string }).httpCode).toBe(String(status));
		expect((result.error as { description?: string }).description).toBe(
			`The PBX answered: {"error":"status ${status}"}`,
		);
	});

	it('slow: gives up after the Timeout option', async () => {
		server.fail({ delayMs: 1500, times: 1 });
		const started = Date.now();
		const result = await run({ ...EXTENSIONS, options: { timeout: 1 } });
		expect(Date.now() - started).toBeLessThan(1450);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'AloVoice did not answer in time (1 s) while listing the extensions',
		);
	});

	it('slow but within the timeout: the answer is used', async () => {
		server.fail({ delayMs: 300, times: 1 });
		const result = await run({ ...EXTENSIONS, options: { timeout: 2 } });
		expect(result.error).toBeUndefined();
		expect(result.output('AloVoice')).toHaveLength(2);
	});

	it('malformed: a body that is not JSON', async () => {
		server.fail({ malformed: true });
		const result = await run(EXTENSIONS);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'AloVoice answered with a body that is not valid JSON while listing the extensions',
		);
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: <html>Bad gateway</html>',
		);
		expect((result.error as { httpCode?: string }).httpCode).toBe('200');
	});

	it('a 200 call answer that is neither true nor false is not a failure (its shape is not documented): the item carries it', async () => {
		server.fail({ malformed: true });
		const result = await run(PATH_TOKEN_OPERATIONS[0][1]);
		expect(result.error).toBeUndefined();
		expect(result.output('AloVoice')[0].json).toMatchObject({
			success: true,
			answer: '<html>Bad gateway</html>',
		});
		expect(server.requests).toHaveLength(1);
	});

	it('reset: the connection closed without an answer', async () => {
		server.fail({ reset: true });
		const result = await run(EXTENSIONS);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'AloVoice closed the connection while listing the extensions',
		);
	});

	it('with Continue On Fail, a failed request is an error item paired to its input, the next item goes on', async () => {
		server.fail({ status: 500, times: 1 });
		const result = await run(EXTENSIONS, true, [{ json: {} }, { json: {} }]);
		const items = plainItems(result.output('AloVoice'));
		expect(items[0]).toEqual({
			json: {
				error:
					'AloVoice answered 500 while listing the extensions: the PBX failed to handle the request',
				description: 'The PBX answered: {"error":"failure"}',
				httpCode: '500',
			},
			pairedItem: { item: 0 },
		});
		expect(items.slice(1).map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
	});

	describe.each(PATH_TOKEN_OPERATIONS)(
		'the token in the path of /%s never leaks',
		(endpoint, parameters, action) => {
			it.each([
				[
					'500',
					{ status: 500, body: { error: `internal error for /${endpoint}/${ALOVOICE_TOKEN}` } },
					`AloVoice answered 500 while ${action}: the PBX failed to handle the request`,
				],
				['reset', { reset: true }, `AloVoice closed the connection while ${action}`],
				['timeout', { delayMs: 1200 }, `AloVoice did not answer in time (1 s) while ${action}`],
			])('%s', async (_name, failure, message) => {
				server.fail({ ...failure, times: 1 });
				const result = await run({ ...parameters, options: { timeout: 0.6 } });
				expect(server.requests[0].path.startsWith(`/${endpoint}/${ALOVOICE_TOKEN}`)).toBe(true);
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(message);
				expect(result.serialized).not.toContain(ALOVOICE_TOKEN);
				expect(result.serialized).not.toContain(encodeURIComponent(ALOVOICE_TOKEN));
				expect(capturedLogs.join('\n')).not.toContain(ALOVOICE_TOKEN);
			});
		},
	);
});

describe('AloVoice actions: redirects', () => {
	const server = new AloVoiceServer();
	const elsewhere = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (parameters: Record<string, unknown>) =>
		runWorkflow([{ parameters: parameters as never }], { credentials });

	beforeAll(async () => {
		const url = await server.start();
		await elsewhere.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => {
		await server.stop();
		await elsewhere.stop();
	});
	beforeEach(() => {
		server.reset();
		elsewhere.reset();
	});

	it('a GET redirected on the same host is followed, its token header sent again there', async () => {
		server.fail({
			path: /^\/getpeers\/[^/]+$/,
			status: 302,
			headers: { location: `/getpeers/${ALOVOICE_TOKEN}/` },
			times: 1,
		});
		server.fail({
			path: /\/$/,
			status: 307,
			headers: { location: `${server.url}/getpeers/${ALOVOICE_TOKEN}` },
			times: 1,
		});
		const result = await run(EXTENSIONS);
		expect(result.error).toBeUndefined();
		expect(result.output('AloVoice')).toHaveLength(2);
		expect(server.requests.map((request) => request.path)).toEqual([
			`/getpeers/${ALOVOICE_TOKEN}`,
			`/getpeers/${ALOVOICE_TOKEN}/`,
			`/getpeers/${ALOVOICE_TOKEN}`,
		]);
		expect(server.requests.every((request) => request.headers.token === ALOVOICE_TOKEN)).toBe(true);
	});

	it("a GET redirected to another host is not followed: the token (path and header) stays on the credential's host", async () => {
		const target = `${elsewhere.url}/getpeers/${ALOVOICE_TOKEN}`;
		server.fail({ status: 302, headers: { location: target } });
		const logsFrom = capturedLogs.length;
		const result = await run(EXTENSIONS);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`AloVoice redirected the request to ${new URL(elsewhere.url).host} while listing the extensions, and the node does not follow it there`,
		);
		expect((result.error as { description?: string }).description).toBe(
			`Requests may be redirected only to ${new URL(server.url).host}.`,
		);
		expect(server.requests).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
		for (const text of [result.serialized, capturedLogs.slice(logsFrom).join('\n')])
			expect(text).not.toContain(ALOVOICE_TOKEN);
	});

	it('a call request (POST) is never redirected: the redirect is an error after one request, nothing is sent again', async () => {
		server.fail({
			status: 307,
			headers: { location: `${server.url}/requestcall/${ALOVOICE_TOKEN}` },
			times: 1,
		});
		const result = await run(PATH_TOKEN_OPERATIONS[0][1]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			"AloVoice answered 307 while starting the two-way call: a redirect, which is not followed for this request (check the credential's Base URL)",
		);
		expect(server.requests).toHaveLength(1);
		expect(server.state.callRequests).toHaveLength(0);
	});

	it('a redirect loop ends after five hops with an error', async () => {
		server.fail({ status: 302, headers: { location: `/getpeers/${ALOVOICE_TOKEN}` } });
		const result = await run(EXTENSIONS);
		expect(result.error?.message).toBe(
			'AloVoice redirected the request more than 5 times while listing the extensions',
		);
		expect(server.requests).toHaveLength(6);
	});
});
