// nodes/AloVoice/helpers/values.ts: AloVoice's loosely typed values to clean output: a list of
// lines as text, numbers and booleans only when unambiguous, an extension's yes/no flags, its
// linked CRM user id, and whether it is paid.
import { ApplicationError } from 'n8n-workflow';

import {
	flagOf,
	linkedIdOf,
	paidOf,
	toBooleanIfClear,
	toNumberIfNumeric,
	toStringList,
} from '../../../../nodes/AloVoice/helpers/values';

describe('toStringList: a list answer as text', () => {
	it.each([
		[
			[712037006, '712037007'],
			['712037006', '712037007'],
		],
		[['998712037006'], ['998712037006']],
		[
			[1.5, 0],
			['1.5', '0'],
		],
		[[], []],
	])('%j → %j', (answer, list) => expect(toStringList(answer, 'the list of lines')).toEqual(list));

	it.each([[{ lines: ['712037006'] }], ['712037006'], [712037006], [null], [undefined], [true]])(
		'%j is no list: an error that says what was asked',
		(answer) => {
			const call = () => toStringList(answer, 'the list of lines');
			expect(call).toThrow(ApplicationError);
			expect(call).toThrow('AloVoice answered the list of lines with something that is not a list');
		},
	);
});

describe('toNumberIfNumeric: a plain decimal number as text becomes a number', () => {
	it.each([
		['5', 5],
		[' 5 ', 5],
		['0', 0],
		['-3', -3],
		['1.5', 1.5],
		['-0.25', -0.25],
		['10800', 10800],
	])('%j → %j', (value, number) => expect(toNumberIfNumeric(value)).toBe(number));

	it.each([
		['1e3', 'an exponent'],
		['0x10', 'hexadecimal'],
		['1,5', 'a decimal comma'],
		['.5', 'no whole part'],
		['5.', 'no decimals after the point'],
		['+5', 'a plus sign'],
		['1 000', 'a space inside'],
		['', 'empty'],
		['   ', 'spaces'],
		['five', 'a word'],
		['Infinity', 'Infinity'],
		[5, 'a number already'],
		[null, 'null'],
		[undefined, 'undefined'],
		[true, 'a boolean'],
	] as Array<[unknown, string]>)('%j (%s) stays as it came', (value) =>
		expect(toNumberIfNumeric(value)).toBe(value),
	);

	it('leaves an object as the same object', () => {
		const value = { a: 1 };
		expect(toNumberIfNumeric(value)).toBe(value);
	});
});

describe('toBooleanIfClear: 0/1 and true/false, as numbers, text or booleans', () => {
	it.each([
		[0, false],
		['0', false],
		['false', false],
		[false, false],
		[1, true],
		['1', true],
		['true', true],
		[true, true],
	])('%j → %j', (value, flag) => expect(toBooleanIfClear(value)).toBe(flag));

	it.each([
		['yes'],
		['no'],
		['TRUE'],
		['False'],
		[' 1 '],
		['01'],
		[2],
		[-1],
		[''],
		[null],
		[undefined],
	])('%j stays as it came', (value) => expect(toBooleanIfClear(value)).toBe(value));
});

describe('flagOf: a yes/no flag; not set is false, an unknown shape null', () => {
	it.each([
		[1, true],
		['1', true],
		[true, true],
		['true', true],
		[' TRUE ', true],
		['yes', true],
		['on', true],
		[0, false],
		['0', false],
		[false, false],
		['false', false],
		['False', false],
		['no', false],
		['off', false],
		// not set
		[null, false],
		[undefined, false],
		['', false],
		['   ', false],
	])('%j → %j', (value, flag) => expect(flagOf(value)).toBe(flag));

	it.each([['maybe'], ['2'], [2], [-1], [0.5], ['y'], [Number.NaN], [{}], [[]], [[1]]])(
		'%j → null (unknown)',
		(value) => expect(flagOf(value)).toBeNull(),
	);
});

describe('linkedIdOf: the id of a linked CRM user as text, null when not linked', () => {
	it.each([
		[4512, '4512'],
		['4512', '4512'],
		[' u-77 ', 'u-77'],
		[-5, '-5'],
		['1', '1'],
		['true', 'true'],
	])('%j → %j', (value, id) => expect(linkedIdOf(value)).toBe(id));

	it.each([
		[false, 'the API example'],
		['false', 'false as text'],
		['FALSE', 'false in capitals'],
		['no', 'no'],
		['off', 'off'],
		[0, 'zero'],
		['0', 'zero as text'],
		['', 'empty'],
		['   ', 'spaces'],
		[null, 'null'],
		[undefined, 'missing'],
		[true, 'true (no id given)'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
		[{ id: 4512 }, 'an object'],
		[[4512], 'an array'],
	] as Array<[unknown, string]>)('%j (%s) → null', (value) => expect(linkedIdOf(value)).toBeNull());
});

describe('paidOf: paid or free, in words or as a flag; null when it does not say', () => {
	it.each([
		['paid', true],
		[' PAID ', true],
		['free', false],
		['Free', false],
		[1, true],
		['1', true],
		[true, true],
		['true', true],
		[0, false],
		['0', false],
		[false, false],
		['false', false],
	])('%j → %j', (value, paid) => expect(paidOf(value)).toBe(paid));

	it.each([[null], [undefined], ['trial'], ['unpaid'], [2], [{}]])('%j → null', (value) =>
		expect(paidOf(value)).toBeNull(),
	);
});
