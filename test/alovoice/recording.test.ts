import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../server/alovoice';
import { capturedLogs, plainItems, runWorkflow } from '../harness/engine';

describe('AloVoice → Recording → Download', () => {
	const server = new AloVoiceServer();
	// A recording URL may point at another host: a second stand-in plays the file server there.
	const otherHost = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (parameters: Record<string, unknown>, options: { input?: Array<{ json: object }>; continueOnFail?: boolean } = {}) =>
		runWorkflow(
			[{ parameters: { resource: 'recording', operation: 'download', ...parameters } as never, continueOnFail: options.continueOnFail }],
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
		const result = await run({ source: 'url', recordingUrl: '/records/call-1001.mp3', binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({ method: 'GET', path: '/records/call-1001.mp3' });
		expect(request.headers.token).toBeUndefined();
		expect(request.headers.authorization).toBeUndefined();
		const audio = fakeAudio('call-1001.mp3');
		expect(plainItems(result.output('AloVoice'))).toEqual([
			{
				json: { url: `${server.url}/records/call-1001.mp3`, fileName: 'call-1001.mp3', mimeType: 'audio/mpeg', fileSize: audio.length },
				binary: { data: binaryOf(audio, 'call-1001.mp3') },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('downloads an absolute URL on another host, sending no token there', async () => {
		const url = `${otherHost.url}/records/2025-04-25-1002.mp3`;
		const result = await run({ source: 'url', recordingUrl: url, binaryPropertyName: 'recording', options: { fileName: 'call.mp3' } });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(0);
		expect(otherHost.requests).toHaveLength(1);
		const [request] = otherHost.requests;
		expect(request.path).toBe('/records/2025-04-25-1002.mp3');
		expect(JSON.stringify(request.headers)).not.toContain(ALOVOICE_TOKEN);
		const [item] = result.output('AloVoice');
		expect(item.json).toEqual({ url, fileName: 'call.mp3', mimeType: 'audio/mpeg', fileSize: fakeAudio('2025-04-25-1002.mp3').length });
		expect(Object.keys(item.binary ?? {})).toEqual(['recording']);
		expect(Buffer.from(item.binary!.recording.data, 'base64')).toEqual(fakeAudio('2025-04-25-1002.mp3'));
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
				json: { callId: '1001', fileName: 'stereo-1001.mp3', mimeType: 'audio/mpeg', fileSize: audio.length },
				binary: { data: binaryOf(audio, 'stereo-1001.mp3') },
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		[{ source: 'url', recordingUrl: 'ftp://cld.alovoice.uz/x.mp3' }, 'Recording URL: "ftp://cld.alovoice.uz/x.mp3" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).'],
		[{ source: 'url', recordingUrl: 'records x.mp3' }, 'Recording URL: "records x.mp3" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).'],
		[{ source: 'url', recordingUrl: 'javascript:alert(1)' }, 'Recording URL: "javascript:alert(1)" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).'],
		[{ source: 'stereo', callId: '../1001' }, 'Call ID: "../1001" is not a call ID. Use the ID of a recorded call as AloVoice gives it, e.g. 1001.'],
		[{ source: 'stereo', callId: '1001', binaryPropertyName: '={{ " " }}' }, 'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.'],
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
		expect(result.error?.message).toBe('AloVoice answered without a recording');
		expect((result.error as { description?: string }).description).toBe('The PBX answered: Record not found');
	});

	it('with Continue On Fail, a missing stereo audio is an error item paired to its input', async () => {
		const result = await run(
			{ source: 'stereo', callId: '={{ $json.id }}', binaryPropertyName: 'data' },
			{ continueOnFail: true, input: [{ json: { id: '1002' } }, { json: { id: '4040' } }] },
		);
		const items = plainItems(result.output('AloVoice'));
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ json: { callId: '1002', fileName: 'stereo-1002.mp3' }, pairedItem: { item: 0 } });
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
