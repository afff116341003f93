// nodes/shared/time.ts: a UNIX time as the PBXs send it (seconds, or milliseconds past 10 digits,
// as a number or text) to ISO 8601, and a number of seconds (0 or more) from a number or text.
import { toSeconds, unixToIso } from '../../../nodes/shared/time';

describe('unixToIso: seconds, or milliseconds when too large for seconds', () => {
	it.each([
		[1700000000, '2023-11-14T22:13:20.000Z'],
		['1700000000', '2023-11-14T22:13:20.000Z'],
		[' 1700000000 ', '2023-11-14T22:13:20.000Z'],
		[1700000000.5, '2023-11-14T22:13:20.500Z'],
		['1700000000.5', '2023-11-14T22:13:20.500Z'],
		[1700000000123, '2023-11-14T22:13:20.123Z'],
		['1700000000123', '2023-11-14T22:13:20.123Z'],
		[1, '1970-01-01T00:00:01.000Z'],
		// the largest 10-digit number is still seconds (in 2286); one more is milliseconds
		[9_999_999_999, '2286-11-20T17:46:39.000Z'],
		[10_000_000_000, '1970-04-26T17:46:40.000Z'],
		// the last moment a Date can hold, in milliseconds
		[8.64e15, '+275760-09-13T00:00:00.000Z'],
	] as Array<[unknown, string]>)('%j → %j', (value, iso) => expect(unixToIso(value)).toBe(iso));

	it.each([
		[0, 'zero'],
		['0', 'zero as text'],
		[-1700000000, 'a negative number'],
		['-1700000000', 'a negative number as text'],
		['', 'empty'],
		['   ', 'spaces'],
		['yesterday', 'a word'],
		['2023-11-14T22:13:20Z', 'an ISO date (no UNIX time)'],
		['1700000000 s', 'a unit after the number'],
		['1,7e9', 'a decimal comma'],
		[8.64e15 + 1, 'past the last moment a Date can hold'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
		['Infinity', 'Infinity as text'],
		[null, 'null'],
		[undefined, 'undefined'],
		[true, 'a boolean'],
		[[1700000000], 'an array'],
		[{ seconds: 1700000000 }, 'an object'],
		[JSON.parse('{"toString": {}}'), 'an object whose toString is no function'],
	] as Array<[unknown, string]>)('%j (%s) → undefined', (value) =>
		expect(unixToIso(value)).toBeUndefined(),
	);
});

describe('toSeconds: a number of seconds, 0 or more', () => {
	it.each([
		[12, 12],
		['12', 12],
		[' 12 ', 12],
		[0, 0],
		['0', 0],
		[12.5, 12.5],
		['12.5', 12.5],
	] as Array<[unknown, number]>)('%j → %j', (value, seconds) =>
		expect(toSeconds(value)).toBe(seconds),
	);

	it.each([
		[-1, 'a negative number'],
		['-3', 'a negative number as text'],
		['', 'empty'],
		['   ', 'spaces'],
		['five', 'a word'],
		['00:00:12', 'a clock time'],
		['12 s', 'a unit after the number'],
		['12,5', 'a decimal comma'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
		['Infinity', 'Infinity as text'],
		[null, 'null'],
		[undefined, 'undefined'],
		[true, 'a boolean'],
		[[12], 'an array'],
		[{ seconds: 12 }, 'an object'],
	] as Array<[unknown, string]>)('%j (%s) → undefined', (value) =>
		expect(toSeconds(value)).toBeUndefined(),
	);
});
