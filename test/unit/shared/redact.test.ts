// The redaction every transport runs its errors and answers through (nodes/shared/redact.ts).
import { REDACTED, redactText, redactValue } from '../../../nodes/shared/redact';

const SECRET = '22dfbb22-d073-4422-b322-22949d14a022';

describe('redactText', () => {
	it.each([
		[`/requestcall/${SECRET}`, '/requestcall/***'],
		[`key=${encodeURIComponent('a b/c+d')}`, 'key=***'],
		[`key=${new URLSearchParams({ s: 'a b/c+d' }).toString().slice(2)}`, 'key=***'],
	])('removes every spelling of a secret: %p', (text, expected) => {
		const secret = text.includes(SECRET) ? SECRET : 'a b/c+d';
		expect(redactText(text, [secret])).toBe(expected);
	});

	it('does not touch text without the secret, nor secrets too short to be told from words', () => {
		expect(redactText('nothing here', [SECRET])).toBe('nothing here');
		expect(redactText('abc abc', ['abc'])).toBe('abc abc');
		expect(redactText('text', [undefined, ''])).toBe('text');
	});
});

describe('redactValue', () => {
	it('redacts strings deep in objects and arrays, leaves other values as they are', () => {
		expect(redactValue({ a: [`x ${SECRET}`, 1, null, true], b: { c: SECRET } }, [SECRET])).toEqual({
			a: [`x ${REDACTED}`, 1, null, true],
			b: { c: REDACTED },
		});
	});

	it('keeps a "__proto__" key as a key (JSON.parse makes it an own property): neither dropped nor turned into the prototype', () => {
		const answer = JSON.parse(`{"__proto__": {"note": "token ${SECRET}"}, "id": 5}`) as Record<
			string,
			unknown
		>;
		const copy = redactValue(answer, [SECRET]);
		expect(Object.keys(copy)).toEqual(['__proto__', 'id']);
		expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({
			note: `token ${REDACTED}`,
		});
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect((copy as { note?: string }).note).toBeUndefined();
		expect(JSON.stringify(copy)).toBe('{"__proto__":{"note":"token ***"},"id":5}');
	});
});
