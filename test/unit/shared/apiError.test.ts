// nodes/shared/apiError.ts: what the PBX answered (status, network failure, body) in one
// NodeApiError that names the provider and the action, built from a clean object so that no
// secret (a token in a URL, a header, a body) is in its message, description or cause.
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiErrorContext } from '../../../nodes/shared/apiError';
import { httpStatusOf, statusMessage, toApiError } from '../../../nodes/shared/apiError';

const node: INode = {
	id: 'n1',
	name: 'AloVoice',
	type: 'n8n-nodes-alovoice.aloVoice',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const TOKEN = 'tok-3f9a/b+c=secret';
const context: ApiErrorContext = {
	provider: 'AloVoice',
	action: 'listing the extensions',
	secrets: [TOKEN],
};

describe('httpStatusOf: the status wherever the HTTP layer put it', () => {
	it.each([
		[{ response: { status: 404 } }, 404],
		[{ response: { statusCode: 500 } }, 500],
		[{ statusCode: 401 }, 401],
		[{ status: 429 }, 429],
		[{ httpCode: '503' }, 503],
		[{ httpCode: 302 }, 302],
		[{ cause: { response: { status: 502 } } }, 502],
		[{ cause: { statusCode: 403 } }, 403],
		[{ status: 100 }, 100],
		[{ status: 599 }, 599],
		// the response's own status first
		[{ response: { status: 404 }, statusCode: 500, cause: { statusCode: 403 } }, 404],
		// a value that is no status is passed over for the next one
		[{ httpCode: 'ECONNREFUSED', cause: { statusCode: 403 } }, 403],
		[{ response: { status: 99 }, status: 400 }, 400],
	])('%j → %j', (error, status) => expect(httpStatusOf(error)).toBe(status));

	it.each([
		[{}],
		[{ status: 99 }],
		[{ status: 600 }],
		[{ status: 404.5 }],
		[{ status: '' }],
		[{ httpCode: 'ETIMEDOUT' }],
		[{ response: { status: null } }],
		[new Error('socket hang up')],
		[null],
		[undefined],
	])('%j → undefined', (error) => expect(httpStatusOf(error)).toBeUndefined());
});

describe('statusMessage: the status, the provider, the action, and what the status means', () => {
	const base = (status: number) => `AloVoice answered ${status} while listing the extensions`;
	it.each([
		[401, `${base(401)}: the token was refused (check the credential)`],
		[403, `${base(403)}: the token was refused (check the credential)`],
		[404, `${base(404)}: not found`],
		[429, `${base(429)}: too many requests, try again later`],
		[
			301,
			`${base(301)}: a redirect, which is not followed for this request (check the credential's Base URL)`,
		],
		[
			399,
			`${base(399)}: a redirect, which is not followed for this request (check the credential's Base URL)`,
		],
		[500, `${base(500)}: the PBX failed to handle the request`],
		[599, `${base(599)}: the PBX failed to handle the request`],
		// statuses with no meaning of their own say only the status
		[400, base(400)],
		[402, base(402)],
		[422, base(422)],
		[200, base(200)],
	])('%i → %j', (status, message) => expect(statusMessage(status, context)).toBe(message));
});

/** Everything of the error that could reach a user, a log or the execution data. */
function everything(error: NodeApiError): string {
	return [
		error.message,
		error.description ?? '',
		JSON.stringify(error),
		JSON.stringify(error.cause ?? null),
		JSON.stringify(error.context),
		JSON.stringify((error as unknown as { errorResponse?: unknown }).errorResponse ?? null),
		error.stack ?? '',
	].join('\n');
}

describe('toApiError: a status answer', () => {
	it('says the status message and quotes the body as the description, httpCode as text', () => {
		const error = toApiError(
			node,
			{ message: 'Request failed', response: { status: 404, data: { error: 'status 404' } } },
			context,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('AloVoice answered 404 while listing the extensions: not found');
		expect(error.description).toBe('The PBX answered: {"error":"status 404"}');
		expect(error.httpCode).toBe('404');
	});

	it.each([
		['text', '  Service down \n'],
		['a Buffer', Buffer.from('Service down')],
		['an ArrayBuffer', new Uint8Array(Buffer.from('Service down')).buffer],
	])('reads a body sent as %s, trimmed', (_shape, data) => {
		const error = toApiError(node, { response: { status: 503, data } }, context);
		expect(error.description).toBe('The PBX answered: Service down');
	});

	it('reads the body from response.body and from the cause too', () => {
		expect(toApiError(node, { response: { status: 500, body: 'b' } }, context).description).toBe(
			'The PBX answered: b',
		);
		expect(
			toApiError(node, { statusCode: 500, cause: { response: { data: 'c' } } }, context)
				.description,
		).toBe('The PBX answered: c');
	});

	it('cuts a long body at 500 characters', () => {
		const error = toApiError(node, { response: { status: 500, data: 'x'.repeat(501) } }, context);
		expect(error.description).toBe(`The PBX answered: ${'x'.repeat(500)}…`);
		const exact = toApiError(node, { response: { status: 500, data: 'y'.repeat(500) } }, context);
		expect(exact.description).toBe(`The PBX answered: ${'y'.repeat(500)}`);
	});

	it.each([[''], [null], [undefined]])(
		'quotes no body when it is %j, and never the HTTP layer message',
		(data) => {
			const error = toApiError(
				node,
				{ message: 'Request failed with status code 500', response: { status: 500, data } },
				context,
			);
			expect(error.description ?? '').not.toContain('The PBX answered');
			expect(error.description ?? '').not.toContain('Request failed');
		},
	);
});

describe('toApiError: no answer', () => {
	it.each([
		['ETIMEDOUT', 'AloVoice did not answer in time (30 s) while listing the extensions'],
		['ECONNABORTED', 'AloVoice did not answer in time (30 s) while listing the extensions'],
		['ESOCKETTIMEDOUT', 'AloVoice did not answer in time (30 s) while listing the extensions'],
		[
			'ECONNREFUSED',
			"Could not connect to AloVoice while listing the extensions: connection refused (check the credential's Base URL)",
		],
		[
			'ENOTFOUND',
			"Could not find the AloVoice server while listing the extensions (check the credential's Base URL)",
		],
		[
			'EAI_AGAIN',
			"Could not find the AloVoice server while listing the extensions (check the credential's Base URL)",
		],
		['ECONNRESET', 'AloVoice closed the connection while listing the extensions'],
		['EPIPE', 'AloVoice closed the connection while listing the extensions'],
	])('%s → %j, not n8n generic text', (code, message) => {
		const withTimeout = { ...context, timeout: 30_000 };
		expect(toApiError(node, { code, message: 'x' }, withTimeout).message).toBe(message);
		expect(toApiError(node, { cause: { code } }, withTimeout).message).toBe(message);
	});

	it('says the timeout in whole seconds, and nothing when it is not known', () => {
		expect(toApiError(node, { code: 'ETIMEDOUT' }, { ...context, timeout: 1500 }).message).toBe(
			'AloVoice did not answer in time (2 s) while listing the extensions',
		);
		expect(toApiError(node, { code: 'ETIMEDOUT' }, context).message).toBe(
			'AloVoice did not answer in time while listing the extensions',
		);
	});

	it('any other failure: its message, also as the description', () => {
		const error = toApiError(node, new Error('socket hang up'), context);
		expect(error.message).toBe(
			'AloVoice request failed while listing the extensions: socket hang up',
		);
		expect(error.description).toBe('socket hang up');
		expect(toApiError(node, { code: 'EWEIRD', message: 'odd' }, context).message).toBe(
			'AloVoice request failed while listing the extensions: odd',
		);
	});

	it.each([[{}], [null], [undefined], ['a string']])(
		'%j (nothing to read) → "unknown error"',
		(thrown) => {
			expect(toApiError(node, thrown, context).message).toBe(
				'AloVoice request failed while listing the extensions: unknown error',
			);
		},
	);
});

describe('toApiError: secrets', () => {
	const url = `https://pbx.example/getpeers/${TOKEN}`;
	const encoded = encodeURIComponent(TOKEN);
	const leaks = [
		[
			'a status answer whose body quotes the token',
			{
				message: `Request to ${url} failed`,
				config: { url, headers: { token: TOKEN } },
				response: { status: 500, data: { error: `bad token ${TOKEN}`, url: `/x/${encoded}` } },
			},
		],
		[
			'a failure whose message has the URL',
			{ message: `connect failed: ${url}?token=${encoded}`, options: { uri: url } },
		],
		[
			'a network error with the URL in its cause',
			{ code: 'ECONNRESET', message: `reset ${url}`, cause: { code: 'ECONNRESET', url } },
		],
	] as Array<[string, unknown]>;

	it.each(leaks)('%s: the token is in no part of the error', (_what, thrown) => {
		const error = toApiError(node, thrown, context);
		const text = everything(error);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain(encoded);
	});

	it('keeps the rest of what the PBX said, with the token replaced', () => {
		const error = toApiError(
			node,
			{ response: { status: 500, data: `bad token ${TOKEN}` } },
			context,
		);
		expect(error.description).toBe('The PBX answered: bad token ***');
		const failure = toApiError(node, new Error(`connect failed: /x/${encoded}`), context);
		expect(failure.message).toBe(
			'AloVoice request failed while listing the extensions: connect failed: /x/***',
		);
		expect(failure.description).toBe('connect failed: /x/***');
	});

	it('takes back an error it made itself as it is, and rebuilds any other NodeApiError', () => {
		const made = toApiError(node, { response: { status: 404 } }, context);
		expect(toApiError(node, made, { ...context, action: 'another action' })).toBe(made);
		const foreign = new NodeApiError(node, { message: `failed at ${url}` });
		const rebuilt = toApiError(node, foreign, context);
		expect(rebuilt).not.toBe(foreign);
		expect(everything(rebuilt)).not.toContain(TOKEN);
	});
});
