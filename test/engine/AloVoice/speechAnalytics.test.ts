import { ALOVOICE_TOKEN, AloVoiceServer, TAGS, TRANSCRIPT } from '../../server/alovoice';
import { capturedLogs, credentialReads, plainItems, runWorkflow } from '../../harness/engine';
import {
	cleanTranscript,
	isAnalysisReady,
	splitTags,
	transcriptText,
} from '../../../nodes/AloVoice/helpers/transcript';

const transcript = [
	{
		speaker: 'operator',
		text: 'Assalomu alaykum, AloVoice kompaniyasi',
		beginSeconds: 0,
		endSeconds: 2.4,
		fragmentId: 1,
	},
	{
		speaker: 'client',
		text: 'Здравствуйте, я хотел узнать про тариф',
		beginSeconds: 2.6,
		endSeconds: 5.1,
		fragmentId: 2,
	},
	{
		speaker: 'operator',
		text: 'Конечно, сейчас расскажу',
		beginSeconds: 5.3,
		endSeconds: 7,
		fragmentId: 3,
	},
];
const readyResult = {
	callId: '1001',
	ready: true,
	aiCallId: 'ai-1001',
	beginTime: '2025-04-25T09:14:24.000Z',
	beginTimeRaw: 1745572464,
	transcript,
	tags: TAGS,
	tagNamesMatched: ['Greeting'],
	tagNamesMissing: ['No company introduction'],
	stereoAudioPath: '/stereo/1001',
};

describe('AloVoice → Speech Analysis', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (
		parameters: Record<string, unknown>,
		options: { input?: Array<{ json: object }>; continueOnFail?: boolean } = {},
	) =>
		runWorkflow(
			[
				{
					parameters: { resource: 'speechAnalytics', ...parameters } as never,
					continueOnFail: options.continueOnFail,
				},
			],
			{
				credentials,
				input: options.input as never,
			},
		);

	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => {
		server.reset();
		server.state.analyses.clear();
		server.state.analysisPolls = 0;
	});

	describe('Analyze Call', () => {
		it('GETs /callsendai/{token}/{call_id} and outputs the analysis handle', async () => {
			const result = await run({ operation: 'analyze', callId: '1001' });
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({
				method: 'GET',
				path: `/callsendai/${ALOVOICE_TOKEN}/1001`,
			});
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						callId: '1001',
						aiCallId: 'ai-1001',
						beginTime: '2025-04-25T09:14:24.000Z',
						beginTimeRaw: 1745572464,
						stereoAudioPath: '/stereo/1001',
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it.each(['', '../x', '1001/2', '..'])(
			'refuses call ID %p before any request',
			async (callId) => {
				const result = await run({
					operation: 'analyze',
					callId: `={{ ${JSON.stringify(callId)} }}`,
				});
				expect(result.error?.name).toBe('NodeOperationError');
				expect(result.error?.message).toBe(
					`Call ID: "${callId}" is not a call ID. Use the ID of a recorded call as AloVoice gives it, e.g. 1001.`,
				);
				expect(server.requests).toHaveLength(0);
			},
		);

		it('with Continue On Fail, an unknown call is an error item paired to its input', async () => {
			const result = await run(
				{ operation: 'analyze', callId: '={{ $json.id }}' },
				{ continueOnFail: true, input: [{ json: { id: '9999' } }, { json: { id: '1002' } }] },
			);
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						error: 'AloVoice answered 404 while sending the call to analysis: not found',
						description: 'The PBX answered: {"error":"call not found"}',
						httpCode: '404',
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						callId: '1002',
						aiCallId: 'ai-1002',
						beginTime: '2025-04-25T09:14:24.000Z',
						beginTimeRaw: 1745572464,
						stereoAudioPath: '/stereo/1002',
					},
					pairedItem: { item: 1 },
				},
			]);
		});
	});

	describe('Get Result', () => {
		beforeEach(() => server.state.analyses.set('1001', { pollsLeft: 0 }));

		it('GETs /callgetaireresult/{token}/{call_id} and outputs transcript in seconds, tags and matched/missing names', async () => {
			const result = await run({ operation: 'getResult', callId: '1001' });
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({
				method: 'GET',
				path: `/callgetaireresult/${ALOVOICE_TOKEN}/1001`,
			});
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{ json: readyResult, pairedItem: { item: 0 } },
			]);
		});

		it('reads the credential once for all items of a run (n8n decrypts it from its database on every read)', async () => {
			for (const id of ['1002', '1003']) {
				server.state.recordedCalls.add(id);
				server.state.analyses.set(id, { pollsLeft: 0 });
			}
			credentialReads.length = 0;
			const result = await run(
				{ operation: 'getResult', callId: '={{ $json.callId }}' },
				{
					input: [
						{ json: { callId: '1001' } },
						{ json: { callId: '1002' } },
						{ json: { callId: '1003' } },
					],
				},
			);
			expect(result.error).toBeUndefined();
			// Up to ten items are asked at once (Get Result is read-only), so the arrival order is not fixed.
			expect(server.requests.map((request) => request.path).sort()).toEqual(
				['1001', '1002', '1003'].map((id) => `/callgetaireresult/${ALOVOICE_TOKEN}/${id}`),
			);
			expect(result.output('AloVoice').map((item) => item.json.callId)).toEqual([
				'1001',
				'1002',
				'1003',
			]);
			expect(credentialReads).toEqual(['aloVoiceApi']);
		});

		describe('many items (read-only, so up to ten at once)', () => {
			const ids = Array.from({ length: 25 }, (_, i) => `c-${i + 1}`);
			const input = (list: string[]) => list.map((callId) => ({ json: { callId } }));
			beforeEach(() => {
				for (const id of ids) {
					server.state.recordedCalls.add(id);
					server.state.analyses.set(id, { pollsLeft: 0 });
				}
				// Every answer takes 100 ms, the first item's 400 ms: answers come back out of order.
				server.fail({ path: /\/c-1$/, delayMs: 400 });
				server.fail({ path: /\/c-\d+$/, delayMs: 100 });
			});

			it('asks ten at a time, each call once, and outputs the items in input order, each paired to its input', async () => {
				const result = await run(
					{ operation: 'getResult', callId: '={{ $json.callId }}' },
					{ input: input(ids) },
				);
				expect(result.error).toBeUndefined();
				expect(server.maxInFlight).toBe(10);
				expect(server.requests.map((request) => request.path).sort()).toEqual(
					ids.map((id) => `/callgetaireresult/${ALOVOICE_TOKEN}/${id}`).sort(),
				);
				const output = result.output('AloVoice');
				expect(output.map((item) => item.json.callId)).toEqual(ids);
				expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
			});

			it('with Continue On Fail, failed items are error items at their own places', async () => {
				const list = [...ids.slice(0, 12), 'missing-1', ...ids.slice(12, 20), 'missing-2'];
				const result = await run(
					{ operation: 'getResult', callId: '={{ $json.callId }}' },
					{ input: input(list), continueOnFail: true },
				);
				expect(result.error).toBeUndefined();
				expect(
					result
						.output('AloVoice')
						.map(({ json, pairedItem }) => [json.callId ?? json.error, pairedItem]),
				).toEqual(
					list.map((id, item) => [
						id.startsWith('missing')
							? 'AloVoice answered 404 while getting the analysis result: not found'
							: id,
						{ item },
					]),
				);
			});

			it('without Continue On Fail, the first failed item stops the node and no item starts after it', async () => {
				const list = [...ids.slice(0, 3), 'missing-1', ...ids.slice(3)];
				const result = await run(
					{ operation: 'getResult', callId: '={{ $json.callId }}' },
					{ input: input(list) },
				);
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(
					'AloVoice answered 404 while getting the analysis result: not found',
				);
				expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(3);
				// The ten started together (the failed one answers at once, the others after 100 ms); none after.
				expect(server.requests).toHaveLength(10);
			});

			it('an operation that changes something (Analyze Call) still runs one item at a time', async () => {
				const result = await run(
					{ operation: 'analyze', callId: '={{ $json.callId }}' },
					{ input: input(ids.slice(0, 5)) },
				);
				expect(result.error).toBeUndefined();
				expect(server.maxInFlight).toBe(1);
				expect(server.requests.map((request) => request.path)).toEqual(
					ids.slice(0, 5).map((id) => `/callsendai/${ALOVOICE_TOKEN}/${id}`),
				);
			});
		});

		it('adds the transcript as one text in time order when asked', async () => {
			server.state.analyses.set('1001', { pollsLeft: 0 });
			const result = await run({
				operation: 'getResult',
				callId: '1001',
				options: { transcriptAsText: true },
			});
			expect(result.output('AloVoice')[0].json.transcriptText).toBe(
				'Operator: Assalomu alaykum, AloVoice kompaniyasi\nClient: Здравствуйте, я хотел узнать про тариф\nOperator: Конечно, сейчас расскажу',
			);
		});

		it('without waiting, a result not ready yet is output with ready false', async () => {
			server.state.analyses.set('1001', { pollsLeft: 3 });
			const result = await run({ operation: 'getResult', callId: '1001' });
			expect(server.requests).toHaveLength(1);
			expect(result.output('AloVoice')[0].json).toEqual({
				...readyResult,
				ready: false,
				transcript: [],
				tags: [],
				tagNamesMatched: [],
				tagNamesMissing: [],
			});
		});

		it('"Wait for Result" asks again every poll interval until the result is ready', async () => {
			server.state.analyses.set('1001', { pollsLeft: 2 });
			const started = Date.now();
			const result = await run({
				operation: 'getResult',
				callId: '1001',
				options: { waitForResult: true, pollInterval: 0.1, maxWait: 5 },
			});
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(3);
			expect(Date.now() - started).toBeGreaterThanOrEqual(200);
			expect(result.output('AloVoice')[0].json).toEqual({ ...readyResult, attempts: 3 });
		});

		it('"Wait for Result" stops at the max wait: ready false, or an error when chosen', async () => {
			server.state.analyses.set('1001', { pollsLeft: 1000 });
			const notReady = await run({
				operation: 'getResult',
				callId: '1001',
				options: { waitForResult: true, pollInterval: 0.1, maxWait: 0.35 },
			});
			const json = notReady.output('AloVoice')[0].json;
			expect(json.ready).toBe(false);
			expect(json.attempts).toBeGreaterThanOrEqual(3);
			expect(json.attempts).toBeLessThanOrEqual(6);
			expect(server.requests.length).toBe(json.attempts);

			server.reset();
			const failed = await run({
				operation: 'getResult',
				callId: '1001',
				options: { waitForResult: true, pollInterval: 0.1, maxWait: 0.2, onTimeout: 'error' },
			});
			expect(failed.error?.name).toBe('NodeOperationError');
			expect(failed.error?.message).toMatch(
				/^The analysis of call 1001 was not ready after 0\.2 s \(\d requests\)$/,
			);
		});

		it('skips transcript fragments and tags that are null or not objects, and reads null fields as empty', async () => {
			server.fail({
				status: 200,
				body: {
					answer: {
						begin_time: 1745572464,
						aicallid: 'ai-1001',
						stereoaudio: '/stereo/1001',
						stalk: [
							null,
							TRANSCRIPT[1],
							'noise',
							{ begin: 100, end: 900, direction: null, text: null, fragment_id: 9 },
							[],
							TRANSCRIPT[0],
						],
						tags: [
							null,
							TAGS[0],
							7,
							{ name: 'Farewell', value: null, visible: true, tag_type: 'rule' },
						],
					},
				},
			});
			const result = await run({
				operation: 'getResult',
				callId: '1001',
				options: { transcriptAsText: true },
			});
			expect(result.error).toBeUndefined();
			expect(result.output('AloVoice')[0].json).toEqual({
				...readyResult,
				transcript: [
					{
						speaker: 'operator',
						text: 'Assalomu alaykum, AloVoice kompaniyasi',
						beginSeconds: 0,
						endSeconds: 2.4,
						fragmentId: 1,
					},
					{ speaker: '', text: '', beginSeconds: 0.1, endSeconds: 0.9, fragmentId: 9 },
					{
						speaker: 'client',
						text: 'Здравствуйте, я хотел узнать про тариф',
						beginSeconds: 2.6,
						endSeconds: 5.1,
						fragmentId: 2,
					},
				],
				tags: [TAGS[0], { name: 'Farewell', value: null, visible: true, tag_type: 'rule' }],
				tagNamesMatched: ['Greeting'],
				tagNamesMissing: ['Farewell'],
				transcriptText:
					'Operator: Assalomu alaykum, AloVoice kompaniyasi\nUnknown: \nClient: Здравствуйте, я хотел узнать про тариф',
			});
		});

		describe('a cancelled execution (n8n\'s Stop) ends "Wait for Result" at once', () => {
			/** Waits for the stand-in to get somewhere, however loaded the machine is. */
			const waitFor = async (done: () => boolean, what: string, limitMs = 10_000) => {
				const until = Date.now() + limitMs;
				while (!done()) {
					if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
			};
			const waiting = {
				operation: 'getResult',
				callId: '1001',
				options: { waitForResult: true, pollInterval: 0.2, maxWait: 3600 },
			};

			it('between two questions: no question is asked after the cancel', async () => {
				server.state.analyses.set('1001', { pollsLeft: 1_000_000 });
				const stop = new AbortController();
				const running = runWorkflow(
					[{ parameters: { resource: 'speechAnalytics', ...waiting } as never }],
					{
						credentials,
						cancel: stop.signal,
					},
				);
				await waitFor(() => server.requests.length >= 2, 'two questions');
				stop.abort();
				const asked = server.requests.length;
				const result = await running;
				expect(result.run.status).toBe('canceled');
				// Five poll intervals: the old loop slept through the cancel and asked again every 0.2 s.
				await new Promise((resolve) => setTimeout(resolve, 1000));
				expect(server.requests.length).toBe(asked);
				expect(server.inFlight).toBe(0);
				expect(result.serialized).not.toContain(ALOVOICE_TOKEN);
			});

			it('during the wait between two questions: the node stops at once, not at the end of the poll interval', async () => {
				server.state.analyses.set('1001', { pollsLeft: 1_000_000 });
				const stop = new AbortController();
				const running = runWorkflow(
					[
						{
							parameters: {
								resource: 'speechAnalytics',
								...waiting,
								options: { ...waiting.options, pollInterval: 60 },
							} as never,
						},
					],
					{ credentials, cancel: stop.signal },
				);
				await waitFor(
					() => server.requests.length === 1 && server.inFlight === 0,
					'the first answer',
				);
				stop.abort();
				const result = await running;
				let over = false;
				void result.settled.then(() => (over = true));
				// The old wait slept the whole minute before it looked at anything.
				await waitFor(() => over, 'the node to stop', 5000);
				expect(server.requests).toHaveLength(1);
			});

			it('during a question: the request in flight is abandoned, not waited for', async () => {
				server.state.analyses.set('1001', { pollsLeft: 1_000_000 });
				server.fail({ path: /^\/callgetaireresult\//, delayMs: 8000 });
				const stop = new AbortController();
				const running = runWorkflow(
					[{ parameters: { resource: 'speechAnalytics', ...waiting } as never }],
					{
						credentials,
						cancel: stop.signal,
					},
				);
				await waitFor(() => server.inFlight === 1, 'the first question');
				stop.abort();
				await running;
				// The old request waited for the PBX's answer (8 s here, up to the 30 s timeout).
				await waitFor(() => server.inFlight === 0, 'the question to be abandoned', 5000);
				expect(server.requests).toHaveLength(1);
				// The request in flight had the token in its path: the abandoned request's error does not.
				const result = await running;
				await result.settled;
				expect(result.serialized).not.toContain(ALOVOICE_TOKEN);
				expect(capturedLogs.join('\n')).not.toContain(ALOVOICE_TOKEN);
			});
		});

		it('a call never sent to analysis: NodeApiError 404', async () => {
			const result = await run({ operation: 'getResult', callId: '1003' });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'AloVoice answered 404 while getting the analysis result: not found',
			);
			expect((result.error as { httpCode?: string }).httpCode).toBe('404');
		});

		it('an answer without its "answer" object is a NodeApiError', async () => {
			server.fail({ status: 200, body: { status: 'error' } });
			const result = await run({ operation: 'getResult', callId: '1001' });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'AloVoice answered the analysis result without its "answer" object',
			);
			expect((result.error as { description?: string }).description).toBe(
				'The PBX answered: {"status":"error"}',
			);
		});
	});
});

describe('transcript helpers (pure)', () => {
	it('sorts fragments by time, converts milliseconds to seconds and names unknown speakers as they came', () => {
		const fragments = cleanTranscript([
			{ begin: 4000, end: 5000, direction: 'client', text: ' second ', fragment_id: 2 },
			{ begin: '1500', end: 3000, direction: 'OPERATOR', text: 'first', fragment_id: 1 },
			{ begin: 6000, end: 6500, direction: 'robot', text: 'third', fragment_id: 3 },
			{ begin: 7000, end: 7500, text: 'fourth', fragment_id: 4 },
		]);
		expect(fragments.map((fragment) => [fragment.beginSeconds, fragment.endSeconds])).toEqual([
			[1.5, 3],
			[4, 5],
			[6, 6.5],
			[7, 7.5],
		]);
		expect(transcriptText(fragments)).toBe(
			'Operator: first\nClient: second\nrobot: third\nUnknown: fourth',
		);
	});

	it('tells matched rules from missing ones and readiness from an empty answer', () => {
		expect(
			splitTags([
				{ name: 'A', value: 'x' },
				{ name: 'B', value: '  ' },
				{ name: 'C', value: null },
			]),
		).toEqual({
			matched: ['A'],
			missing: ['B', 'C'],
		});
		expect(splitTags(undefined)).toEqual({ matched: [], missing: [] });
		expect(
			splitTags([null, 'A', 3, [], { name: 'B', value: 'y' }, { name: null, value: '' }]),
		).toEqual({ matched: ['B'], missing: [''] });
		expect(cleanTranscript([null, 'x', 1, [], { begin: 1000, end: 2000, text: 'only' }])).toEqual([
			{ speaker: '', text: 'only', beginSeconds: 1, endSeconds: 2, fragmentId: null },
		]);
		expect(isAnalysisReady({ stalk: [null], tags: [null] })).toBe(false);
		expect(cleanTranscript('not a list')).toEqual([]);
		expect(isAnalysisReady({ stalk: [], tags: [] })).toBe(false);
		expect(isAnalysisReady({})).toBe(false);
		expect(isAnalysisReady({ stalk: [], tags: [{ name: 'A' }] })).toBe(true);
		expect(isAnalysisReady({ stalk: [{}] })).toBe(true);
	});
});
