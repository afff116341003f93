// nodes/shared/webhook/body.ts: an event's fields whatever way the PBX sent them.
import { parseLenientJson, readEventFields } from '../../../../nodes/shared/webhook/body';

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
