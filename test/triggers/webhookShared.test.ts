// Pure unit tests of the shared webhook logic (nodes/shared/webhook).
import { PassThrough } from 'node:stream';
import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';

import {
	validateCallId,
	validateCallStartAnswer,
	validateRouteAction,
} from '../../nodes/AloVoiceTrigger/answers';
import {
	CALL_END_STATUSES,
	normalize as normalizeCallEnd,
	statusName,
} from '../../nodes/AloVoiceTrigger/events/callEnded.event';
import { pickRoute } from '../../nodes/AloVoiceTrigger/route';
import {
	checkAllowlist,
	checkSecurity,
	checkSecuritySettings,
	guardResponse,
	ipAllowed,
	parseLenientJson,
	readEventFields,
	type ResponseLike,
} from '../../nodes/shared/webhook';

describe('readEventFields', () => {
	const fields = { a: 1, b: '+998' };
	it.each([
		['JSON', 'application/json', '{"a":1,"b":"+998"}', 'json'],
		[
			'curl --data with trailing comma',
			'application/x-www-form-urlencoded',
			'{"a":1,"b":"+998",}',
			'formJson',
		],
		['text/plain', 'text/plain', ' {"a":1,"b":"+998" , } ', 'textJson'],
		['no content type', '', '{"a":1,"b":"+998"}', 'textJson'],
	])('%s', (_label, type, raw, format) => {
		expect(
			readEventFields({ headers: { 'content-type': type }, rawBody: Buffer.from(raw) }),
		).toEqual({ ok: true, fields, format });
	});
	it('form fields', () => {
		expect(
			readEventFields({
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				rawBody: 'a=1&b=%2B998',
			}),
		).toEqual({
			ok: true,
			fields: { a: '1', b: '+998' },
			format: 'formFields',
		});
	});
	it('the parsed form body when there is no raw body keeps the JSON key', () => {
		expect(readEventFields({ body: { '{"a":1,"b":" 998",}': '' } })).toEqual({
			ok: true,
			fields: { a: 1, b: ' 998' },
			format: 'formJson',
		});
	});
	it('the query when the body is empty, without the secret parameter', () => {
		expect(
			readEventFields({ rawBody: '', query: { a: '1', key: 's3cret' } }, { dropQuery: ['key'] }),
		).toEqual({ ok: true, fields: { a: '1' }, format: 'query' });
	});
	it.each([
		['empty', '', 400, 'The request carries no event: the body and the query string are empty.'],
		['not JSON', 'hello', 400, 'The body is neither JSON nor form fields.'],
		['broken JSON', '{"a":', 400, 'The body is not valid JSON.'],
		['array', '[1]', 400, 'The body must be a JSON object with the event fields.'],
	])('%s → %s', (_label, raw, status, reason) => {
		expect(readEventFields({ headers: { 'content-type': 'text/plain' }, rawBody: raw })).toEqual({
			ok: false,
			status,
			reason,
		});
	});
	it('size limit', () => {
		expect(readEventFields({ rawBody: 'x'.repeat(11) }, { maxBytes: 10 })).toEqual({
			ok: false,
			status: 413,
			reason: 'The body is 11 bytes; at most 10 are accepted.',
		});
	});
	it('a trailing comma inside a string is kept', () => {
		expect(parseLenientJson('{"a":"x,}",}')).toEqual({ ok: true, value: { a: 'x,}' } });
	});
});

describe('security', () => {
	it.each([
		['10.1.2.3', '10.0.0.0/8', true],
		['11.1.2.3', '10.0.0.0/8', false],
		['::ffff:192.168.1.7', '192.168.1.0/24', true],
		['2001:db8::1', '2001:db8::/32', true],
		['2001:db9::1', '2001:db8::/32', false],
		['::1', '::1', true],
		['1.2.3.4', '1.2.3.4', true],
		['1.2.3.5', '1.2.3.4', false],
	])('%s in %s → %s', (ip, list, expected) => expect(ipAllowed(ip, list)).toBe(expected));
	it('names a bad allowlist entry', () =>
		expect(checkAllowlist('10.0.0.0/8, 10.0.0.0/33')).toMatchObject({
			ok: false,
			entry: '10.0.0.0/33',
		}));
	it('header secret', () => {
		const settings = { header: { name: 'X-Secret', value: 'abc' } };
		expect(checkSecurity({ headers: { 'x-secret': 'abc' } }, '1.1.1.1', settings)).toEqual({
			ok: true,
		});
		expect(checkSecurity({ headers: { 'x-secret': 'abd' } }, '1.1.1.1', settings)).toEqual({
			ok: false,
			status: 401,
			reason: 'The header X-Secret is missing or wrong.',
		});
	});
	it('query secret', () => {
		const settings = { query: { name: 'key', value: 'abc' } };
		expect(checkSecurity({ query: { key: 'abc' } }, undefined, settings)).toEqual({ ok: true });
		expect(checkSecurity({ query: {} }, undefined, settings)).toMatchObject({
			ok: false,
			status: 401,
		});
	});
	it('basic auth, a colon in the password', () => {
		const settings = { basic: { user: 'u', password: 'p:w' } };
		const auth = (text: string) => ({
			headers: { authorization: `Basic ${Buffer.from(text).toString('base64')}` },
		});
		expect(checkSecurity(auth('u:p:w'), undefined, settings)).toEqual({ ok: true });
		expect(checkSecurity(auth('u:p'), undefined, settings)).toEqual({
			ok: false,
			status: 401,
			reason: 'Basic authentication is missing or wrong.',
		});
	});
	it('allowlist before secrets: 403 even with the right secret', () => {
		expect(
			checkSecurity({ headers: { 'x-s': 'a' } }, '8.8.8.8', {
				ipAllowlist: '10.0.0.0/8',
				header: { name: 'x-s', value: 'a' },
			}),
		).toEqual({
			ok: false,
			status: 403,
			reason: 'The address 8.8.8.8 is not in the IP allowlist.',
		});
	});
	it('a bad allowlist entry refuses every request with 403 naming it, even from an address the rest of the list allows', () => {
		for (const ip of ['10.0.0.1', '8.8.8.8', undefined]) {
			expect(checkSecurity({}, ip, { ipAllowlist: '10.0.0.0/8, 10.0.0.0/33' })).toEqual({
				ok: false,
				status: 403,
				reason: expect.stringContaining(
					'(IP Allowlist): The IP allowlist entry "10.0.0.0/33" is not an IPv4/IPv6 address or CIDR range',
				),
			});
		}
	});
	it.each([
		[
			'header value empty',
			{ header: { name: 'X-Secret', value: '' } },
			{ headers: { 'x-secret': '' } },
			'Secret',
		],
		[
			'header value blank',
			{ header: { name: 'X-Secret', value: '  ' } },
			{ headers: { 'x-secret': '  ' } },
			'Secret',
		],
		[
			'header name empty',
			{ header: { name: '', value: 'abc' } },
			{ headers: { '': 'abc' } },
			'Header Name',
		],
		['query value empty', { query: { name: 'key', value: '' } }, { query: { key: '' } }, 'Secret'],
		[
			'query name empty',
			{ query: { name: ' ', value: 'abc' } },
			{ query: { ' ': 'abc' } },
			'Parameter Name',
		],
		[
			'basic password empty',
			{ basic: { user: 'u', password: '' } },
			{ headers: { authorization: `Basic ${Buffer.from('u:').toString('base64')}` } },
			'Password',
		],
		[
			'basic user empty',
			{ basic: { user: '', password: 'p' } },
			{ headers: { authorization: `Basic ${Buffer.from(':p').toString('base64')}` } },
			'User',
		],
	])(
		'%s: refused with 403 naming the field, even when the request sends the same empty secret',
		(_label, settings, request, field) => {
			expect(checkSecuritySettings(settings)).toMatchObject({ ok: false, field });
			expect(checkSecurity(request, '1.1.1.1', settings)).toEqual({
				ok: false,
				status: 403,
				reason: expect.stringMatching(
					new RegExp(`^The trigger is misconfigured \\(${field}\\): .+`),
				),
			});
		},
	);
	it.each([
		[{}],
		[{ ipAllowlist: '' }],
		[{ ipAllowlist: ' , ' }],
		[{ header: { name: 'X', value: 'a' } }],
		[{ query: { name: 'k', value: ' a ' } }],
		[{ basic: { user: 'u', password: 'p' } }],
		[{ ipAllowlist: '10.0.0.0/8', basic: { user: 'u', password: 'p' } }],
	])('settings %j are fine', (settings) =>
		expect(checkSecuritySettings(settings)).toEqual({ ok: true }),
	);
	it('names an IPv4 peer of a dual-stack server as IPv4, the way the allowlist is written', () => {
		expect(checkSecurity({}, '::ffff:127.0.0.1', { ipAllowlist: '203.0.113.0/24' })).toEqual({
			ok: false,
			status: 403,
			reason: 'The address 127.0.0.1 is not in the IP allowlist.',
		});
	});
});

describe('answers', () => {
	it.each([
		[
			{ action_type: 'peer', action_data: 2000 },
			{ action_type: 'peer', action_data: '2000' },
		],
		['{"action_type":"queue","action_data":"6000"}', { action_type: 'queue', action_data: '6000' }],
		[
			{ action_type: 'trunk', action_data: '998 765 432 100' },
			{ action_type: 'trunk', action_data: '+998765432100' },
		],
		[{ action_type: 'hangup' }, { action_type: 'hangup' }],
	])('valid route %j', (input, value) =>
		expect(validateRouteAction(input)).toEqual({ ok: true, value }),
	);
	it.each([
		[{ action_type: 'PEER', action_data: '1' }],
		[{ action_type: 'ivr', action_data: 'menu' }],
		[{ action_type: 'trunk', action_data: '123' }],
		['nope'],
		[null],
		[[1]],
	])('invalid route %j', (input) => expect(validateRouteAction(input).ok).toBe(false));
	it.each([
		[999999999999, true],
		[1000000000000, false],
		[-1, false],
		[1.5, false],
		['x'.repeat(32), true],
		['x'.repeat(33), false],
		['', false],
		[{}, false],
	])('call id %j → %s', (id, ok) => expect(validateCallId(id).ok).toBe(ok));
	it('callstart answer with callto', () => {
		expect(validateCallStartAnswer({ call_id: 7, callto: '+998 99 123 45 67' })).toEqual({
			ok: true,
			value: { id: '7', callto: '+998991234567' },
		});
		expect(validateCallStartAnswer('{"id":"a"}')).toEqual({ ok: true, value: { id: 'a' } });
	});
	it('pickRoute takes the first match and knows 9 vs 12 digit callers', () => {
		const rules = [
			{ match: 'callerExact' as const, value: '998974244100', actionType: 'peer', actionData: '1' },
			{ match: 'any' as const, actionType: 'peer', actionData: '2' },
		];
		expect(pickRoute(rules, { from_number: '974244100' })?.index).toBe(0);
		expect(pickRoute(rules, { from_number: '974244101' })?.index).toBe(1);
		expect(pickRoute([], { from_number: '1' })).toBeUndefined();
	});
});

describe('statuses', () => {
	it('has the 13 documented codes', () => expect(Object.keys(CALL_END_STATUSES)).toHaveLength(13));
	it('names codes case-insensitively and keeps unknown ones', () => {
		expect(statusName('603-s')).toBe('cancelled');
		expect(statusName(999)).toBe('unknown (999)');
		expect(
			normalizeCallEnd({ call_id: 1, finish_time: 1, duration: '5', status_code: 'other' }),
		).toMatchObject({ ok: true, value: { status: 'undetermined', answered: false, duration: 5 } });
	});
});

describe('guardResponse', () => {
	function response() {
		const req = new IncomingMessage(new Socket());
		const res = new ServerResponse(req);
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.assignSocket(out as unknown as Socket);
		return { res, text: () => Buffer.concat(chunks).toString() };
	}
	const fallback = { status: 200, body: 'FALLBACK', contentType: 'text/plain' };

	it('passes a judged answer, drops later writes', () => {
		const { res, text } = response();
		const settled: Array<string | undefined> = [];
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 1000,
			onTimeout: () => fallback,
			judge: (written) => ({
				status: 200,
				body: `seen ${written.status} ${written.body}`,
				contentType: 'text/plain',
			}),
			onSettled: (_d, reason) => settled.push(reason),
		});
		res.statusCode = 201;
		res.setHeader('content-type', 'application/json');
		res.end('{"x":1}');
		res.setHeader('x-late', '1');
		res.end('late');
		expect(text()).toMatch(
			/^HTTP\/1\.1 200 OK\r\n[\s\S]*content-type: text\/plain[\s\S]*\r\n\r\nseen 201 \{"x":1\}$/,
		);
		expect(settled).toEqual([undefined]);
	});

	it('answers the fallback on timeout', async () => {
		const { res, text } = response();
		const reasons: Array<string | undefined> = [];
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 20,
			onTimeout: () => fallback,
			judge: () => ({ status: 500, body: 'never', contentType: 'text/plain' }),
			onSettled: (_d, reason) => reasons.push(reason),
		});
		await new Promise((resolve) => setTimeout(resolve, 60));
		res.end('too late');
		expect(text()).toMatch(/\r\n\r\nFALLBACK$/);
		expect(reasons).toEqual(['timeout']);
	});

	// n8n 2.40.7 writes an answer that comes after the fallback (a node answering after the Answer
	// Timeout) with res.setHeaders(...) then res.send (webhook-request-handler.js,
	// webhook-response-headers.js); Node's setHeaders, appendHeader and removeHeader throw
	// ERR_HTTP_HEADERS_SENT once the head is out, and n8n logged "Error in handling webhook request".
	it('drops a late answer written with setHeaders, appendHeader and removeHeader without throwing', async () => {
		const { res, text } = response();
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 20,
			onTimeout: () => fallback,
			judge: () => ({ status: 500, body: 'never', contentType: 'text/plain' }),
		});
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(res.headersSent).toBe(true);
		expect(() =>
			res.setHeaders(new Map([['content-type', 'application/json; charset=utf-8']])),
		).not.toThrow();
		expect(() => res.appendHeader('x-late', '1')).not.toThrow();
		expect(() => res.removeHeader('content-type')).not.toThrow();
		res.end('{"action_type":"peer","action_data":"2000"}');
		expect(text()).toMatch(/\r\n\r\nFALLBACK$/);
		expect(text()).not.toMatch(/x-late|action_type/);
	});

	it('passes headers set with setHeaders and appendHeader before the answer, and removes them on a fallback', () => {
		const { res, text } = response();
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 1000,
			onTimeout: () => fallback,
			judge: (written) => ({
				status: 200,
				body: `seen ${written.contentType}`,
				contentType: 'text/plain',
			}),
		});
		res.setHeaders(new Map([['content-type', 'application/json; charset=utf-8']]));
		res.appendHeader('x-early', '1');
		res.end('{}');
		// The judged answer carries only its own content type: what n8n set before is removed.
		expect(text()).toMatch(/\r\n\r\nseen application\/json; charset=utf-8$/);
		expect(text()).not.toMatch(/x-early/);
	});
});
