import { plainItems } from '../../harness/engine';
import { SAMPLE_AUDIO, TELEDISCOUNT_KEY, TelediscountServer } from '../../server/telediscount';
import { NODE, useTelediscountServer } from './setup';

const CALL_ID = 'c1f926a8f5727b77f9cbf39d8f35d061';

describe('Telediscount → Recording → Download', () => {
	const context = useTelediscountServer();
	const { server } = context;

	it('sends GET /api.php/telephony/get_record with the call id and the key, and outputs the audio as binary data', async () => {
		const result = await context.run({
			resource: 'recording',
			operation: 'download',
			apiCallId: CALL_ID,
			binaryPropertyName: 'data',
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/api.php/telephony/get_record',
		});
		expect(server.requests[0].query).toEqual({
			api_call_id: CALL_ID,
			abonent_api_key: TELEDISCOUNT_KEY,
		});
		expect(plainItems(result.output(NODE))).toEqual([
			{
				json: {
					callId: CALL_ID,
					fileName: `${CALL_ID}.mp3`,
					mimeType: 'audio/mpeg',
					fileSize: SAMPLE_AUDIO.length,
				},
				binary: {
					data: {
						bytes: SAMPLE_AUDIO.length,
						fileType: 'audio',
						data: SAMPLE_AUDIO.toString('base64'),
						mimeType: 'audio/mpeg',
						fileName: `${CALL_ID}.mp3`,
						fileExtension: 'mp3',
						fileSize: `${SAMPLE_AUDIO.length} B`,
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('puts the file in the chosen field under the chosen name, with the mime type of the answer', async () => {
		server.state.recordings.set('a7b3c9d1e5f7081234567890abcdef01', {
			content: Buffer.from('RIFF....WAVEfmt '),
			mimeType: 'audio/wav',
		});
		const result = await context.run(
			{
				resource: 'recording',
				operation: 'download',
				apiCallId: '={{ $json.id }}',
				binaryPropertyName: 'recording',
				options: { fileName: 'call.wav' },
			},
			{ input: [{ json: { id: 'a7b3c9d1e5f7081234567890abcdef01' } }] },
		);
		const [item] = result.output(NODE);
		expect(Object.keys(item.binary ?? {})).toEqual(['recording']);
		expect(item.binary?.recording).toMatchObject({
			mimeType: 'audio/wav',
			fileName: 'call.wav',
			fileExtension: 'wav',
		});
		expect(Buffer.from(item.binary!.recording.data, 'base64').toString('latin1')).toBe(
			'RIFF....WAVEfmt ',
		);
	});

	it('names a file that came without a name after the call id and its audio type', async () => {
		server.state.recordings.set('a7b3c9d1e5f7081234567890abcdef01', {
			content: Buffer.from('OggS'),
			mimeType: 'audio/ogg',
		});
		const result = await context.run({
			resource: 'recording',
			operation: 'download',
			apiCallId: 'a7b3c9d1e5f7081234567890abcdef01',
			binaryPropertyName: 'data',
		});
		expect(result.output(NODE)[0].json).toEqual({
			callId: 'a7b3c9d1e5f7081234567890abcdef01',
			fileName: 'a7b3c9d1e5f7081234567890abcdef01.ogg',
			mimeType: 'audio/ogg',
			fileSize: 4,
		});
	});

	it('a call without a recording: NodeApiError with what the PBX answered', async () => {
		const result = await context.run({
			resource: 'recording',
			operation: 'download',
			apiCallId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
			binaryPropertyName: 'data',
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Telediscount answered 404 while downloading the recording: not found',
		);
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: {"error":"No record for call f0e1d2c3b4a5968778695a4b3c2d1e0f"}',
		);
	});

	it('a 200 answer that is text, not audio: NodeApiError instead of a broken file', async () => {
		server.fail({ status: 200, body: 'Record not found' });
		const result = await context.run({
			resource: 'recording',
			operation: 'download',
			apiCallId: CALL_ID,
			binaryPropertyName: 'data',
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Telediscount answered without a recording for call ${CALL_ID}`,
		);
		expect((result.error as { description?: string }).description).toBe(
			'The PBX answered: Record not found',
		);
	});

	it.each([
		[
			'',
			'data',
			'Call ID (api_call_id): "" is not a call ID. Use the ID as Telediscount gives it, letters and digits, e.g. c1f926a8f5727b77f9cbf39d8f35d061.',
		],
		[
			'../etc/passwd',
			'data',
			'Call ID (api_call_id): "../etc/passwd" is not a call ID. Use the ID as Telediscount gives it, letters and digits, e.g. c1f926a8f5727b77f9cbf39d8f35d061.',
		],
		[
			CALL_ID,
			' ',
			'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.',
		],
	])(
		'refuses call id %p / field %p before any request',
		async (apiCallId, binaryPropertyName, message) => {
			const result = await context.run({
				resource: 'recording',
				operation: 'download',
				apiCallId: `={{ ${JSON.stringify(apiCallId)} }}`,
				binaryPropertyName: `={{ ${JSON.stringify(binaryPropertyName)} }}`,
			});
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(server.requests).toHaveLength(0);
		},
	);

	it('with Continue On Fail, a missing recording becomes an error item paired to its input', async () => {
		const result = await context.run(
			{
				resource: 'recording',
				operation: 'download',
				apiCallId: '={{ $json.id }}',
				binaryPropertyName: 'data',
			},
			{ continueOnFail: true, input: [{ json: { id: 'nope' } }, { json: { id: CALL_ID } }] },
		);
		const items = plainItems(result.output(NODE));
		expect(items[0]).toEqual({
			json: {
				error: 'Telediscount answered 404 while downloading the recording: not found',
				description: 'The PBX answered: {"error":"No record for call nope"}',
				httpCode: '404',
			},
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({ json: { callId: CALL_ID }, pairedItem: { item: 1 } });
		expect(items).toHaveLength(2);
	});
	describe('redirects of get_record: only to the Base URL host unless Options → Allowed Hosts names another', () => {
		const storage = new TelediscountServer();
		beforeAll(async () => await storage.start());
		afterAll(async () => await storage.stop());
		beforeEach(() => storage.reset());
		const download = (options: Record<string, string> = {}) =>
			context.run({
				resource: 'recording',
				operation: 'download',
				apiCallId: CALL_ID,
				binaryPropertyName: 'data',
				options,
			});
		// The stand-in's own get_record, on the storage host, answers the file for the key it is given.
		const storedAt = () =>
			`${storage.url}/api.php/telephony/get_record?api_call_id=${CALL_ID}&abonent_api_key=${TELEDISCOUNT_KEY}`;

		it('a redirect to another host is refused, naming it and the option; the key stays on the Base URL host', async () => {
			server.fail({ status: 302, headers: { location: storedAt() } });
			const result = await download();
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				`Telediscount redirected the request to ${new URL(storage.url).host} while downloading the recording, and the node does not follow it there`,
			);
			expect((result.error as { description?: string }).description).toBe(
				`Requests may be redirected only to ${new URL(server.url).host}. To allow it, add the host to Options → Allowed Hosts.`,
			);
			expect(storage.requests).toHaveLength(0);
			expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
		});

		it('followed to a host Options → Allowed Hosts names', async () => {
			server.fail({ status: 302, headers: { location: storedAt() } });
			const result = await download({ allowedHosts: new URL(storage.url).host });
			expect(result.error).toBeUndefined();
			expect(storage.requests).toHaveLength(1);
			expect(result.output(NODE)[0].json).toEqual({
				callId: CALL_ID,
				fileName: `${CALL_ID}.mp3`,
				mimeType: 'audio/mpeg',
				fileSize: SAMPLE_AUDIO.length,
			});
		});

		it('a redirect on the Base URL host is followed without any option', async () => {
			server.fail({
				status: 307,
				headers: {
					location: `/api.php/telephony/get_record?api_call_id=${CALL_ID}&abonent_api_key=${TELEDISCOUNT_KEY}`,
				},
				times: 1,
			});
			const result = await download();
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(2);
			expect(result.output(NODE)[0].json.fileSize).toBe(SAMPLE_AUDIO.length);
		});
	});
});
