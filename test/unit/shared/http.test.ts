// The options of one hop of pbxRequest (nodes/shared/http.ts, httpOptions): n8n's redirect
// following and status errors stay off, because pbxRequest checks each hop itself.
import type { PbxHttpRequest } from '../../../nodes/shared/http';
import { httpOptions } from '../../../nodes/shared/http';

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
