import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../../server/alovoice';
import { capturedLogs, plainItems, runWorkflow } from '../../harness/engine';

describe('AloVoice → Recording → Download', () => {
	const server = new AloVoiceServer();
	// A recording URL may point at another host: a second stand-in plays the file server there.
	const otherHost = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (
		parameters: Record<string, unknown>,
		options: { input?: Array<{ json: object }>; continueOnFail?: boolean } = {},
	) =>
		runWorkflow(
			[
				{
					parameters: { resource: 'recording', operation: 'download', ...parameters } as never,
					continueOnFail: options.continueOnFail,
				},
			],
			{ credentials, input: options.input as never },
		);
	const binaryOf = (content: Buffer, fileName: string) => ({
		data: content.toString('base64'),
		mimeType: 'audio/mpeg',
		fileName,
		fileExtension: 'mp3',
		fileType: 'audio',
		fileSize: `${content.length} B`,
		bytes: content.length,
	});

	beforeAll(async () => {
		const url = await server.start();
		await otherHost.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => {
		await server.stop();
		await otherHost.stop();
	});
	beforeEach(() => {
		server.reset();
		otherHost.reset();
	});

	it('downloads a path-only recording URL from the base URL without the token, named by Content-Disposition', async () => {
		const result = await run({
			source: 'url',
			recordingUrl: '/records/call-1001.mp3',
			binaryPropertyName: 'data',
		});
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({ method: 'GET', path: '/records/call-1001.mp3' });
		expect(request.headers.token).toBeUndefined();
		expect(request.headers.authorization).toBeUndefined();
		const audio = fakeAudio('call-1001.mp3');
		expect(plainItems(result.output('AloVoice'))).toEqual([
			{
				json: {
					url: `${server.url}/records/call-1001.mp3`,
					fileName: 'call-1001.mp3',
					mimeType: 'audio/mpeg',
					fileSize: audio.length,
				},
				binary: { data: binaryOf(audio, 'call-1001.mp3') },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('downloads an absolute URL on another host when Options → Allowed Hosts names it, sending no token there', async () => {
		const url = `${otherHost.url}/records/2025-04-25-1002.mp3`;
		const result = await run({
			source: 'url',
			recordingUrl: url,
			binaryPropertyName: 'recording',
			options: { fileName: 'call.mp3', allowedHosts: new URL(otherHost.url).host },
		});
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(0);
		expect(otherHost.requests).toHaveLength(1);
		const [request] = otherHost.requests;
		expect(request.path).toBe('/records/2025-04-25-1002.mp3');
		expect(JSON.stringify(request.headers)).not.toContain(ALOVOICE_TOKEN);
		const [item] = result.output('AloVoice');
		expect(item.json).toEqual({
			url,
			fileName: 'call.mp3',
			mimeType: 'audio/mpeg',
			fileSize: fakeAudio('2025-04-25-1002.mp3').length,
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['recording']);
		expect(Buffer.from(item.binary!.recording.data, 'base64')).toEqual(
			fakeAudio('2025-04-25-1002.mp3'),
		);
	});

	describe('hosts a recording URL may not reach by default (it may come from a forged event)', () => {
		const refusal = (host: string) =>
			`Recording URL: the host ${host} is not one the node downloads from (allowed: ${new URL(server.url).host}, cld.alovoice.uz). To allow it, add the host to Options → Allowed Hosts.`;

		it.each([
			[
				'loopback on another port',
				() => `${otherHost.url}/records/x.mp3`,
				() => new URL(otherHost.url).host,
			],
			[
				'loopback spelled as a number',
				() => `http://2130706433:${new URL(otherHost.url).port}/records/x.mp3`,
				() => new URL(otherHost.url).host,
			],
			[
				'IPv6 loopback',
				() => `http://[::1]:${new URL(server.url).port}/records/x.mp3`,
				() => `[::1]:${new URL(server.url).port}`,
			],
			[
				'cloud metadata',
				() => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
				() => '169.254.169.254',
			],
			[
				'GCP metadata by name',
				() => 'http://metadata.google.internal/computeMetadata/v1/',
				() => 'metadata.google.internal',
			],
			[
				'a name that ends like the PBX',
				() => 'https://cld.alovoice.uz.evil.test/x.mp3',
				() => 'cld.alovoice.uz.evil.test',
			],
			[
				'the PBX host as a user name',
				() => `http://cld.alovoice.uz@127.0.0.1:${new URL(otherHost.url).port}/x.mp3`,
				() => new URL(otherHost.url).host,
			],
		])(
			'refuses %s before any request, naming the host and the option',
			async (_label, url, host) => {
				const result = await run({
					source: 'url',
					recordingUrl: url(),
					binaryPropertyName: 'data',
					options: { timeout: 1 },
				});
				expect(result.error?.name).toBe('NodeOperationError');
				expect(result.error?.message).toBe(refusal(host()));
				expect(server.requests).toHaveLength(0);
				expect(otherHost.requests).toHaveLength(0);
			},
		);

		it('with Continue On Fail, a refused host is an error item paired to its input, and the allowed item is downloaded', async () => {
			const result = await run(
				{ source: 'url', recordingUrl: '={{ $json.url }}', binaryPropertyName: 'data' },
				{
					continueOnFail: true,
					input: [
						{ json: { url: `${otherHost.url}/records/a.mp3` } },
						{ json: { url: '/records/b.mp3' } },
					],
				},
			);
			const items = plainItems(result.output('AloVoice'));
			expect(items[0]).toEqual({
				json: { error: refusal(new URL(otherHost.url).host) },
				pairedItem: { item: 0 },
			});
			expect(items[1]).toMatchObject({ json: { fileName: 'b.mp3' }, pairedItem: { item: 1 } });
			expect(otherHost.requests).toHaveLength(0);
		});

		it('a host list that is not one is refused before any request', async () => {
			const result = await run({
				source: 'url',
				recordingUrl: '/records/x.mp3',
				binaryPropertyName: 'data',
				options: { allowedHosts: 'records.example.com, http://files.example.com/x' },
			});
			expect(result.error?.message).toBe(
				'Allowed Hosts: "http://files.example.com/x" is not a host. Use host names separated by commas, e.g. records.example.com, 10.0.0.5:8080, *.example.com, or * for any host.',
			);
			expect(server.requests).toHaveLength(0);
		});
	});

	describe('redirects follow the same rule', () => {
		it('a redirect on the same host is followed', async () => {
			server.fail({
				path: /^\/records\/old\.mp3$/,
				status: 301,
				headers: { location: '/records/new.mp3' },
			});
			const result = await run({
				source: 'url',
				recordingUrl: '/records/old.mp3',
				binaryPropertyName: 'data',
			});
			expect(result.error).toBeUndefined();
			expect(server.requests.map((request) => request.path)).toEqual([
				'/records/old.mp3',
				'/records/new.mp3',
			]);
			expect(result.output('AloVoice')[0].json).toMatchObject({
				url: `${server.url}/records/old.mp3`,
				fileName: 'new.mp3',
			});
		});

		it('a redirect to another host is refused, naming it and the option; the other host gets nothing', async () => {
			server.fail({
				status: 302,
				headers: { location: `${otherHost.url}/latest/meta-data?token=${ALOVOICE_TOKEN}` },
			});
			const result = await run({ source: 'stereo', callId: '1001', binaryPropertyName: 'data' });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				`AloVoice redirected the request to ${new URL(otherHost.url).host} while downloading the recording, and the node does not follow it there`,
			);
			expect((result.error as { description?: string }).description).toBe(
				`Requests may be redirected only to ${new URL(server.url).host}, cld.alovoice.uz. To allow it, add the host to Options → Allowed Hosts.`,
			);
			expect(server.requests).toHaveLength(1);
			expect(otherHost.requests).toHaveLength(0);
			expect(result.serialized).not.toContain(ALOVOICE_TOKEN);
		});

		it('a redirect to a host Options → Allowed Hosts names is followed', async () => {
			server.fail({ status: 302, headers: { location: `${otherHost.url}/records/moved.mp3` } });
			const result = await run({
				source: 'stereo',
				callId: '1001',
				binaryPropertyName: 'data',
				options: { allowedHosts: '127.0.0.1' },
			});
			expect(result.error).toBeUndefined();
			expect(otherHost.requests.map((request) => request.path)).toEqual(['/records/moved.mp3']);
			expect(JSON.stringify(otherHost.requests[0].headers)).not.toContain(ALOVOICE_TOKEN);
			expect(result.output('AloVoice')[0].json).toMatchObject({
				callId: '1001',
				fileName: 'moved.mp3',
			});
		});
	});

	it("downloads a call's stereo audio from /stereo/{call ID}, named after the call", async () => {
		const result = await run({ source: 'stereo', callId: '1001', binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/stereo/1001' });
		expect(server.requests[0].headers.token).toBeUndefined();
		const audio = fakeAudio('stereo 1001');
		expect(plainItems(result.output('AloVoice'))).toEqual([
			{
				json: {
					callId: '1001',
					fileName: 'stereo-1001.mp3',
					mimeType: 'audio/mpeg',
					fileSize: audio.length,
				},
				binary: { data: binaryOf(audio, 'stereo-1001.mp3') },
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		[
			{ source: 'url', recordingUrl: 'ftp://cld.alovoice.uz/x.mp3' },
			'Recording URL: "ftp://cld.alovoice.uz/x.mp3" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).',
		],
		[
			{ source: 'url', recordingUrl: 'records x.mp3' },
			'Recording URL: "records x.mp3" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).',
		],
		[
			{ source: 'url', recordingUrl: 'javascript:alert(1)' },
			'Recording URL: "javascript:alert(1)" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).',
		],
		[
			{ source: 'stereo', callId: '../1001' },
			'Call ID: "../1001" is not a call ID. Use the ID of a recorded call as AloVoice gives it, e.g. 1001.',
		],
		[
			{ source: 'stereo', callId: '1001', binaryPropertyName: '={{ " " }}' },
			'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.',
		],
	])('refuses %p before any request', async (parameters, message) => {
		const result = await run({ binaryPropertyName: 'data', ...parameters });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(server.requests).toHaveLength(0);
	});

	it('a 200 answer that is text, not audio, is a NodeApiError instead of a broken file', async () => {
		server.fail({ status: 200, body: 'Record not found' });
		const result = await run({ source: 'stereo', callId: '1001', binaryPropertyName: 'data' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('AloVoice answered without a recording for call 1001');
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: Record not found',
		);
	});

	it('a 204 without a body is a NodeApiError saying so', async () => {
		server.fail({ status: 204, body: '' });
		const result = await run({ source: 'stereo', callId: '1001', binaryPropertyName: 'data' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('AloVoice answered without a recording for call 1001');
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: an empty body',
		);
	});

	it('with Continue On Fail, a missing stereo audio is an error item paired to its input', async () => {
		const result = await run(
			{ source: 'stereo', callId: '={{ $json.id }}', binaryPropertyName: 'data' },
			{ continueOnFail: true, input: [{ json: { id: '1002' } }, { json: { id: '4040' } }] },
		);
		const items = plainItems(result.output('AloVoice'));
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			json: { callId: '1002', fileName: 'stereo-1002.mp3' },
			pairedItem: { item: 0 },
		});
		expect(items[1]).toEqual({
			json: {
				error: 'AloVoice answered 404 while downloading the recording: not found',
				description: 'The PBX answered: {"error":"not found"}',
				httpCode: '404',
			},
			pairedItem: { item: 1 },
		});
		expect(result.serialized).not.toContain(ALOVOICE_TOKEN);
		expect(capturedLogs.join('\n')).not.toContain(ALOVOICE_TOKEN);
	});
});
