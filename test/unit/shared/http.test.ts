// nodes/shared/http.ts: the options of one hop of pbxRequest (httpOptions): n8n's redirect
// following and status errors stay off, because pbxRequest checks each hop itself; and the
// answer helpers (JSON with plain true/false, file names, media types).
import type { PbxHttpRequest } from '../../../nodes/shared/http';
import {
	fileNameFromDisposition,
	httpOptions,
	mimeTypeOf,
	parseAnswer,
} from '../../../nodes/shared/http';

const request: PbxHttpRequest = {
	method: 'GET',
	url: 'https://pbx.example/first',
	timeout: 5000,
	response: 'json',
	error: { provider: 'AloVoice', action: 'reading', secrets: [] },
};

describe('httpOptions', () => {
	it('asks for the full response, as text, nothing followed or thrown by n8n', () => {
		expect(httpOptions(request, 'https://pbx.example/second', undefined)).toEqual({
			method: 'GET',
			url: 'https://pbx.example/second',
			headers: {},
			timeout: 5000,
			returnFullResponse: true,
			encoding: 'text',
			json: false,
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
		});
	});

	it('reads bytes for a binary answer, and passes headers, body and the cancel signal', () => {
		const signal = new AbortController().signal;
		const options = httpOptions(
			{ ...request, response: 'binary', headers: { a: '1' }, body: 'x=1' },
			request.url,
			signal,
		);
		expect(options).toMatchObject({ encoding: 'arraybuffer', headers: { a: '1' }, body: 'x=1' });
		expect(options.abortSignal).toBe(signal);
	});

	it('leaves out a body the request does not have', () => {
		expect('body' in httpOptions(request, request.url, undefined)).toBe(false);
	});
});

describe('answer helpers', () => {
	it('JSON with plain true/false, file names and media types', () => {
		expect(parseAnswer(' true ')).toBe(true);
		expect(parseAnswer('')).toBeNull();
		expect(() => parseAnswer('<html>')).toThrow();
		expect(fileNameFromDisposition('attachment; filename="a b.mp3"')).toBe('a b.mp3');
		expect(
			fileNameFromDisposition(
				"attachment; filename*=UTF-8''%D0%B7%D0%B2%D0%BE%D0%BD%D0%BE%D0%BA.mp3",
			),
		).toBe('звонок.mp3');
		expect(fileNameFromDisposition('attachment; filename=../../etc/x.wav')).toBe('x.wav');
		expect(fileNameFromDisposition(undefined)).toBeUndefined();
		expect(mimeTypeOf('Audio/MPEG; charset=binary')).toBe('audio/mpeg');
		expect(mimeTypeOf('')).toBeUndefined();
	});
});
