// nodes/shared/options.ts: the Timeout (Seconds) option and its reading (seconds typed by a user to
// milliseconds, 30 s when unset or not a positive number), and the Return All / Limit pair.
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_TIMEOUT_MS,
	returnAllAndLimit,
	secondsToMs,
	timeoutOf,
	timeoutProperty,
} from '../../../nodes/shared/options';

describe('timeoutProperty', () => {
	it('is a number in seconds, 30 by default, from 0.1, with the description given', () => {
		expect(timeoutProperty('How long to wait')).toEqual({
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 30,
			description: 'How long to wait',
		});
	});

	it('has the default DEFAULT_TIMEOUT_MS says', () => {
		expect(DEFAULT_TIMEOUT_MS).toBe(Number(timeoutProperty('').default) * 1000);
	});
});

describe('secondsToMs: positive seconds to milliseconds, at least minSeconds', () => {
	it.each([
		[5, 5000],
		['5', 5000],
		[' 5 ', 5000],
		[2.5, 2500],
		['2.5', 2500],
		[0.1, 100],
		[120, 120_000],
		// below the minimum (0.1 s) it is the minimum, not the fallback
		[0.05, 100],
		['0.001', 100],
		// rounded to whole milliseconds
		[1.0004, 1000],
		[1.0006, 1001],
	] as Array<[unknown, number]>)('%j s → %j ms', (value, ms) =>
		expect(secondsToMs(value, 7000)).toBe(ms),
	);

	it.each([
		[0, 'zero'],
		['0', 'zero as text'],
		[-5, 'a negative number'],
		['-5', 'a negative number as text'],
		['', 'empty'],
		['   ', 'spaces'],
		['five', 'a word'],
		['5 s', 'a unit after the number'],
		['2,5', 'a decimal comma'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
		[null, 'null'],
		[undefined, 'undefined'],
		[{}, 'an object'],
	] as Array<[unknown, string]>)('%j (%s) → the fallback', (value) =>
		expect(secondsToMs(value, 7000)).toBe(7000),
	);

	it('takes another minimum', () => {
		expect(secondsToMs(1, 0, 2)).toBe(2000);
		expect(secondsToMs(3, 0, 2)).toBe(3000);
		expect(secondsToMs(0, 9, 2)).toBe(9);
	});
});

/** An n8n context whose only parameter is the item's Options collection. */
function context(options: unknown) {
	const getNodeParameter = jest.fn(
		(_name: string, _itemIndex: number, fallback: unknown) => options ?? fallback,
	);
	return { getNodeParameter, self: { getNodeParameter } as unknown as IExecuteFunctions };
}

describe("timeoutOf: the item's Options → Timeout in milliseconds", () => {
	it("reads the item's options, with an empty collection when unset", () => {
		const { getNodeParameter, self } = context({ timeout: 10 });
		expect(timeoutOf.call(self, 3)).toBe(10_000);
		expect(getNodeParameter).toHaveBeenCalledWith('options', 3, {});
	});

	it.each([
		[undefined, 'no options at all'],
		[{}, 'no timeout'],
		[{ timeout: '' }, 'an empty timeout'],
		[{ timeout: 0 }, 'a zero timeout'],
		[{ timeout: -1 }, 'a negative timeout'],
		[{ timeout: 'soon' }, 'a word'],
	] as Array<[unknown, string]>)('%j (%s) → 30 s', (options) => {
		expect(timeoutOf.call(context(options).self, 0)).toBe(30_000);
	});

	it('takes a fraction of a second and text', () => {
		expect(timeoutOf.call(context({ timeout: 0.5 }).self, 0)).toBe(500);
		expect(timeoutOf.call(context({ timeout: '45' }).self, 0)).toBe(45_000);
	});
});

describe('returnAllAndLimit', () => {
	it('shows Limit (from 1, 50 by default) only when Return All (on by default) is off', () => {
		const show = { resource: ['line'], operation: ['getMany'] };
		expect(returnAllAndLimit(show)).toEqual([
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: true,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: { show: { resource: ['line'], operation: ['getMany'] } },
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: {
					show: { resource: ['line'], operation: ['getMany'], returnAll: [false] },
				},
			},
		]);
	});

	it('leaves the show object it was given as it was', () => {
		const show = { resource: ['call'], operation: ['getMany'] };
		returnAllAndLimit(show);
		expect(show).toEqual({ resource: ['call'], operation: ['getMany'] });
	});
});
