// nodes/shared/download.ts: Recording → Download for both providers: its parameters, the output
// field and the hosts an item may reach (checked before any request), the file extension of an
// audio type, and the answer as a binary item, refused (without the token) when it holds no audio.
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RecordingAnswer } from '../../../nodes/shared/download';
import {
	ALLOW_HOST_HINT,
	allowedHostsOption,
	audioExtension,
	binaryFieldOf,
	binaryFieldProperty,
	downloadHostRule,
	fileNameOption,
	recordingItem,
} from '../../../nodes/shared/download';

const node: INode = {
	id: 'n1',
	name: 'AloVoice',
	type: 'n8n-nodes-alovoice.aloVoice',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** An n8n context with the item's parameters, its node, and n8n's binary helper (which keeps what it is given). */
function context(parameters: Record<string, unknown> = {}) {
	const prepareBinaryData = jest.fn(async (data: Buffer, fileName?: string, mimeType?: string) => ({
		data: data.toString('base64'),
		fileName,
		mimeType: mimeType ?? 'application/octet-stream',
	}));
	const self = {
		getNode: () => node,
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback,
		helpers: { prepareBinaryData },
	} as unknown as IExecuteFunctions;
	return { self, prepareBinaryData };
}

describe('the parameters', () => {
	it('Put Output File in Field: required, "data" by default, under the given show', () => {
		expect(binaryFieldProperty({ resource: ['recording'] })).toEqual({
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'data',
			description: 'The name of the output binary field to put the file in',
			displayOptions: { show: { resource: ['recording'] } },
		});
	});

	it('File Name: empty by default, with the placeholder and description given', () => {
		expect(fileNameOption('call.mp3', 'The name')).toEqual({
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'call.mp3',
			description: 'The name',
		});
	});

	it('Allowed Hosts: empty by default, saying which hosts are allowed without it', () => {
		const option = allowedHostsOption("the credential's Base URL host");
		expect(option).toMatchObject({
			displayName: 'Allowed Hosts',
			name: 'allowedHosts',
			type: 'string',
			default: '',
		});
		expect(option.description).toContain("By default only the credential's Base URL host, so");
		expect(ALLOW_HOST_HINT).toContain(`Options → ${option.displayName}`);
	});
});

describe("binaryFieldOf: the item's output field, trimmed, never empty", () => {
	it.each([
		['data', 'data'],
		[' audio ', 'audio'],
		[5, '5'],
	])('%j → %j', (value, field) => {
		expect(binaryFieldOf.call(context({ binaryPropertyName: value }).self, 0)).toBe(field);
	});

	it('is "data" when the parameter is not set', () => {
		expect(binaryFieldOf.call(context().self, 0)).toBe('data');
	});

	it.each([[''], ['   '], [null]])('%j is refused before any request, with the item', (value) => {
		const call = () => binaryFieldOf.call(context({ binaryPropertyName: value }).self, 2);
		expect(call).toThrow(NodeOperationError);
		expect(call).toThrow(
			'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.',
		);
		try {
			call();
		} catch (error) {
			expect((error as NodeOperationError).context.itemIndex).toBe(2);
		}
	});
});

describe('downloadHostRule: the provider hosts plus Options → Allowed Hosts', () => {
	const own = ['https://cld.alovoice.uz/api', 'http://127.0.0.1:5000/x'];

	it('allows only the own hosts (with their ports) when the option is unset', () => {
		const rule = downloadHostRule.call(context().self, 0, own);
		expect(rule.described).toBe('cld.alovoice.uz, 127.0.0.1:5000');
		expect(rule.allows(new URL('https://cld.alovoice.uz/rec/1.mp3'))).toBe(true);
		expect(rule.allows(new URL('http://127.0.0.1:5000/rec'))).toBe(true);
		expect(rule.allows(new URL('http://127.0.0.1:5001/rec'))).toBe(false);
		expect(rule.allows(new URL('http://169.254.169.254/latest/meta-data'))).toBe(false);
		expect(rule.allows(new URL('https://records.example.com/1.mp3'))).toBe(false);
	});

	it('adds the hosts of the option', () => {
		const rule = downloadHostRule.call(
			context({ options: { allowedHosts: 'records.example.com, *.cdn.example' } }).self,
			0,
			own,
		);
		expect(rule.allows(new URL('https://records.example.com/1.mp3'))).toBe(true);
		expect(rule.allows(new URL('https://eu.cdn.example/1.mp3'))).toBe(true);
		expect(rule.allows(new URL('https://cld.alovoice.uz/1.mp3'))).toBe(true);
		expect(rule.allows(new URL('https://other.example.com/1.mp3'))).toBe(false);
	});

	it('refuses an entry that is no host before any request, naming the option and the item', () => {
		const call = () =>
			downloadHostRule.call(
				context({ options: { allowedHosts: 'records.example.com, http://x/y' } }).self,
				1,
				own,
			);
		expect(call).toThrow(NodeOperationError);
		expect(call).toThrow(/^Allowed Hosts: "http:\/\/x\/y" is not a host\./);
		try {
			call();
		} catch (error) {
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
		}
	});
});

describe('audioExtension: the extension of an audio type, mp3 when unknown', () => {
	it.each([
		['audio/mpeg', 'mp3'],
		['audio/mp3', 'mp3'],
		['audio/wav', 'wav'],
		['audio/x-wav', 'wav'],
		['audio/wave', 'wav'],
		['audio/ogg', 'ogg'],
		['audio/webm', 'webm'],
		['audio/mp4', 'm4a'],
		['audio/gsm', 'gsm'],
		['audio/flac', 'mp3'],
		['application/octet-stream', 'mp3'],
		['', 'mp3'],
		[undefined, 'mp3'],
		// it reads the media type as mimeTypeOf writes it (lower case, no parameters)
		['Audio/WAV', 'mp3'],
		['audio/wav; codecs=1', 'mp3'],
	])('%j → %j', (mimeType, extension) => expect(audioExtension(mimeType)).toBe(extension));
});

const TOKEN = 'tok-3f9a-secret';
const AUDIO = Buffer.from('ID3\u0003fake-mp3-bytes');

function recording(overrides: Partial<RecordingAnswer> = {}): RecordingAnswer {
	return {
		provider: 'AloVoice',
		answer: { body: AUDIO, headers: { 'content-type': 'audio/mpeg' }, statusCode: 200 },
		secrets: [TOKEN],
		binaryPropertyName: 'data',
		fallbackName: (extension) => `call-1001.${extension}`,
		json: { callId: '1001' },
		subject: 'for call 1001',
		...overrides,
	};
}

const answer = (headers: IDataObject, body = AUDIO, statusCode = 200) => ({
	answer: { body, headers, statusCode },
});

describe('recordingItem: the audio as a binary item', () => {
	it('puts the audio in the field, with its size, type and a name', async () => {
		const { self, prepareBinaryData } = context();
		const items = await recordingItem.call(self, 0, recording({ binaryPropertyName: 'audio' }));
		expect(prepareBinaryData).toHaveBeenCalledWith(AUDIO, 'call-1001.mp3', 'audio/mpeg');
		expect(items).toEqual([
			{
				json: {
					callId: '1001',
					fileName: 'call-1001.mp3',
					mimeType: 'audio/mpeg',
					fileSize: AUDIO.length,
				},
				binary: {
					audio: {
						data: AUDIO.toString('base64'),
						fileName: 'call-1001.mp3',
						mimeType: 'audio/mpeg',
					},
				},
			},
		]);
	});

	it('names the file by the option, then the Content-Disposition, then the fallback with the extension of its type', async () => {
		const name = async (overrides: Partial<RecordingAnswer>) =>
			(await recordingItem.call(context().self, 0, recording(overrides)))[0].json.fileName;
		const disposition = {
			'Content-Type': 'audio/wav',
			'Content-Disposition': 'attachment; filename="a.wav"',
		};
		expect(await name({ ...answer(disposition), fileName: ' mine.wav ' })).toBe('mine.wav');
		expect(await name({ ...answer(disposition), fileName: '   ' })).toBe('a.wav');
		expect(await name(answer(disposition))).toBe('a.wav');
		expect(await name(answer({ 'content-type': 'audio/x-wav' }))).toBe('call-1001.wav');
		expect(await name(answer({ 'content-type': 'audio/ogg; codecs=opus' }))).toBe('call-1001.ogg');
	});

	it('takes an answer without a type, or of a non-text type, as audio (mp3 when it says nothing)', async () => {
		const { self, prepareBinaryData } = context();
		await recordingItem.call(self, 0, recording(answer({})));
		expect(prepareBinaryData).toHaveBeenLastCalledWith(AUDIO, 'call-1001.mp3', 'audio/mpeg');
		await recordingItem.call(
			self,
			0,
			recording(answer({ 'content-type': 'application/octet-stream' })),
		);
		expect(prepareBinaryData).toHaveBeenLastCalledWith(
			AUDIO,
			'call-1001.mp3',
			'application/octet-stream',
		);
	});
});

describe('recordingItem: an answer without audio', () => {
	async function refusal(overrides: Partial<RecordingAnswer>, itemIndex = 0) {
		const { self, prepareBinaryData } = context();
		const error = await recordingItem.call(self, itemIndex, recording(overrides)).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(prepareBinaryData).not.toHaveBeenCalled();
		expect(error).toBeInstanceOf(NodeApiError);
		return error as NodeApiError;
	}

	it('an empty body: says so, with the status and the item', async () => {
		const error = await refusal(answer({ 'content-type': 'audio/mpeg' }, Buffer.alloc(0)), 3);
		expect(error.message).toBe('AloVoice answered without a recording for call 1001');
		expect(error.description).toBe('The PBX answered: an empty body');
		expect(error.httpCode).toBe('200');
		expect(error.context.itemIndex).toBe(3);
	});

	it.each([
		['text/plain', 'Record not found'],
		['text/html; charset=utf-8', '<html>No such file</html>'],
		['application/json', '{"error":"no record"}'],
		['application/xml', '<error>no record</error>'],
		['application/problem+json', '{"title":"Not Found"}'],
	])('%s: quotes what the PBX said instead', async (type, said) => {
		const error = await refusal(answer({ 'Content-Type': type }, Buffer.from(said)));
		expect(error.message).toBe('AloVoice answered without a recording for call 1001');
		expect(error.description).toBe(`The PBX answered: ${said}`);
	});

	it('without a subject, the sentence ends after "recording"', async () => {
		const error = await refusal({ ...answer({}, Buffer.alloc(0)), subject: undefined });
		expect(error.message).toBe('AloVoice answered without a recording');
	});

	it('never quotes the token, and cuts a long explanation', async () => {
		const said = `No recording at https://pbx.example/records/${TOKEN}/1001.mp3 ${'x'.repeat(300)}`;
		const error = await refusal(answer({ 'content-type': 'text/plain' }, Buffer.from(said)));
		const text = [error.message, error.description, JSON.stringify(error)].join('\n');
		expect(text).not.toContain(TOKEN);
		expect(error.description).toBe(
			`The PBX answered: ${said.slice(0, 200).replace(TOKEN, '***')}…`,
		);
	});
});
