// The codec of the own call id that carries the call's start (docs/call-start-id.md): what goes
// in comes back as normalizeCallStart made it (or a documented drop); nothing else decodes.
import fc from 'fast-check';

import {
	decodeCallStart,
	encodeCallStart,
	type CallStart,
	type CallStartFacts,
} from '../../../nodes/AloVoiceTrigger/callStartId';
import { compactPhone } from '../../../nodes/shared/phone';
import { normalize as normalizeCallStart } from '../../../nodes/AloVoiceTrigger/events/callStarted.event';

/** The own id before the start travelled in it: 32 random hex characters. */
const legacyOwnCallId = () =>
	Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');

const ID = /^[0-9a-z]{1,32}$/;
const T2025 = 1_745_572_464;
const BASE: CallStartFacts = {
	number: '+998994412860',
	innerPhone: '2424',
	line: '712037006',
	direction: 'incoming',
	startTime: T2025,
};

function start(facts: CallStartFacts): CallStart {
	const decoded = decodeCallStart(encodeCallStart(facts));
	if (!decoded.ok) throw new Error(decoded.reason);
	return decoded.start;
}

/** The Call Started item's fields the start repeats. */
function itemStart(item: Record<string, unknown>) {
	const keys = ['number', 'numberE164', 'numberWithheld', 'innerPhone', 'line', 'lineE164'];
	const picked: Record<string, unknown> = {};
	for (const key of [...keys, 'direction', 'startTime', 'startTimeIso']) picked[key] = item[key];
	return picked;
}

const digits = (min: number, max: number) =>
	fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const uzNumber = fc
	.tuple(fc.constantFrom('+998', '998', ''), digits(9, 9))
	.map(([form, national]) => form + national);
const anyNumber = fc.oneof(
	uzNumber,
	fc.tuple(fc.constantFrom('+', ''), digits(1, 15)).map(([plus, d]) => plus + d),
	digits(16, 20),
	uzNumber.map((n) => n.replace(/^(\+?\d{3})(\d{2})(\d{3})/, '$1 ($2) $3-')),
	fc.constantFrom('anonymous', 'unknown', '', null, undefined, '0000'),
	fc.integer({ min: 1, max: 999_999_999_999 }),
);
const anyLine = fc.oneof(
	anyNumber,
	fc.constantFrom('main', 'Line 2', 'SIP/00000000672', '71 203-70-06', 2),
);
const anyExtension = fc.oneof(
	fc.integer({ min: 1, max: 99_999_999 }),
	digits(1, 8),
	fc.constantFrom('manager1', '0', '', null, undefined, ' 101 '),
);
const anyType = fc.constantFrom('inc', 'out', 'int', 'INC', 'Out', 'xyz', '', undefined);
const anyTime = fc.oneof(
	fc.integer({ min: 1_704_067_200, max: 1_704_067_200 + 2 ** 30 - 1 }),
	fc.integer({ min: 1_704_067_200, max: 2_000_000_000 }).map(String),
	fc.constantFrom(0, undefined, 'yesterday', 1_600_000_000, T2025 * 1000, T2025 + 0.5),
);
const anyBody = fc.record(
	{
		number: anyNumber,
		line: anyLine,
		inner_phone: anyExtension,
		type: anyType,
		start_time: anyTime,
	},
	{ requiredKeys: [] },
);

describe('encode → decode gives the Call Started item back', () => {
	it('for random callstart bodies: every field equal, or null/compact and named in dropped', () => {
		let runs = 0;
		let drops = 0;
		fc.assert(
			fc.property(anyBody, (body) => {
				const normalized = normalizeCallStart(body as Record<string, unknown>);
				if (!normalized.ok) return true;
				const item = normalized.value as Record<string, unknown>;
				const id = encodeCallStart(item as unknown as CallStartFacts);
				expect(id).toMatch(/^[g-v][0-9a-z]{31}$/);
				const decoded = decodeCallStart(id);
				expect(decoded.ok).toBe(true);
				if (!decoded.ok) return false;
				const got = decoded.start;
				const want = itemStart(item);
				for (const [key, value] of Object.entries(want)) {
					const owner = ['number', 'line', 'startTime'].find((f) => key.startsWith(f)) ?? key;
					const gotValue = (got as unknown as Record<string, unknown>)[key];
					if (got.dropped.includes(owner as never)) {
						if (key !== 'numberWithheld') expect(gotValue).toBeNull();
						else expect(gotValue).toBe(false);
					} else if (got.dropped.includes(`${owner}Formatting` as never) && key === owner) {
						expect(gotValue).toBe(compactPhone(value as string));
					} else expect(gotValue).toEqual(value);
				}
				runs++;
				if (got.dropped.length > 0) drops++;
				return true;
			}),
			{ numRuns: 20_000 },
		);
		console.log(`round trips: ${runs} random callstart bodies, ${drops} with a drop`);
	});

	it('for the common case (Uzbek number and line, extension up to 5 digits, known direction, time) nothing is dropped', () => {
		fc.assert(
			fc.property(
				uzNumber,
				uzNumber,
				digits(1, 5).filter((d) => !/^0+$/.test(d)),
				fc.constantFrom('incoming', 'outgoing', 'internal', null),
				fc.integer({ min: 1_704_067_200, max: 1_704_067_200 + 2 ** 30 - 1 }),
				(number, line, innerPhone, direction, startTime) => {
					const got = start({ number, line, innerPhone, direction, startTime });
					expect(got).toMatchObject({
						number,
						line,
						innerPhone,
						direction,
						startTime,
						dropped: [],
					});
				},
			),
			{ numRuns: 5_000 },
		);
	});

	it('every id is 32 characters of [0-9a-z], starts with a letter, is never all digits', () => {
		fc.assert(
			fc.property(anyBody, (body) => {
				const normalized = normalizeCallStart(body as Record<string, unknown>);
				if (!normalized.ok) return;
				const id = encodeCallStart(normalized.value as unknown as CallStartFacts);
				expect(id).toHaveLength(32);
				expect(id).toMatch(ID);
				expect(id).not.toMatch(/^\d+$/);
			}),
			{ numRuns: 5_000 },
		);
	});
});

describe('unique per call', () => {
	it('1,000,000 ids for the same facts are distinct (the fullest facts that drop nothing)', () => {
		const facts = { ...BASE, number: '+998994412860', innerPhone: '12345' };
		expect(start(facts).dropped).toEqual([]);
		const began = Date.now();
		const ids = new Set<string>();
		for (let i = 0; i < 1_000_000; i++) ids.add(encodeCallStart(facts));
		console.log(`1,000,000 ids for the same facts: ${ids.size} distinct, ${Date.now() - began} ms`);
		expect(ids.size).toBe(1_000_000);
	});

	it('two processes (their own sequences) with withheld callers in the same second: the random part keeps them apart', () => {
		const facts = { ...BASE, number: null, innerPhone: null };
		const ids = new Set<string>();
		for (let process = 0; process < 2; process++)
			jest.isolateModules(() => {
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				const codec = require('../../../nodes/AloVoiceTrigger/callStartId');
				for (let i = 0; i < 50_000; i++) ids.add(codec.encodeCallStart(facts));
			});
		expect(ids.size).toBe(100_000);
	});

	it('the random source is injectable (n8n-workflow randomInt has this shape)', () => {
		const calls: number[] = [];
		encodeCallStart(BASE, (max) => {
			calls.push(max);
			return 0;
		});
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((max) => max === 65536)).toBe(true);
	});
});

describe('each field, each drop', () => {
	it.each([
		['+998994412860', '+998994412860'],
		['998994412860', '+998994412860'],
		['994412860', '+998994412860'],
		['+79161234567', '+79161234567'],
		['79161234567', '+79161234567'],
		['+442071234567', '+442071234567'],
		['123456789012345', '+123456789012345'],
		['0994412860', null],
		['101', null],
	])('number %s comes back as sent, E.164 %s', (number, e164) => {
		expect(start({ ...BASE, number })).toMatchObject({
			number,
			numberE164: e164,
			numberWithheld: false,
		});
	});

	it('a withheld caller comes back withheld, not dropped', () => {
		expect(start({ ...BASE, number: null })).toMatchObject({
			number: null,
			numberE164: null,
			numberWithheld: true,
			dropped: [],
		});
	});

	it('a formatted number comes back compact, same E.164, dropped says numberFormatting', () => {
		// Kept as any other 12-digit number: with an Uzbek line as well, the line goes for room.
		expect(start({ ...BASE, number: '+998 (99) 441-28-60' })).toMatchObject({
			number: '+998994412860',
			numberE164: '+998994412860',
			dropped: ['numberFormatting', 'line'],
		});
		// A formatted line costs 8 bits more than an Uzbek one: it fits with a 1-digit extension.
		expect(start({ ...BASE, innerPhone: '7', line: '71 203-70-06' })).toMatchObject({
			line: '712037006',
			lineE164: '+998712037006',
			dropped: ['lineFormatting'],
		});
	});

	it('a number of 16 digits or more is dropped', () => {
		expect(start({ ...BASE, number: '1234567890123456' })).toMatchObject({
			number: null,
			numberE164: null,
			numberWithheld: false,
			dropped: ['number'],
		});
	});

	it.each(['2424', '101', '7', '0101', '999999'])('extension %s comes back', (innerPhone) => {
		expect(start({ ...BASE, innerPhone })).toMatchObject({ innerPhone });
	});

	it.each(['manager1', '1234567', '24.5'])('extension %s (not 1-6 digits) is dropped', (ext) => {
		expect(start({ ...BASE, innerPhone: ext })).toMatchObject({
			innerPhone: null,
			dropped: ['innerPhone'],
		});
	});

	it('no extension comes back as none, not a drop', () => {
		expect(start({ ...BASE, innerPhone: null })).toMatchObject({ innerPhone: null, dropped: [] });
	});

	it.each(['main', 'Line 2', 'SIP/00000000672', '1234567890123456'])(
		'line %s (not a number) is dropped',
		(line) => {
			expect(start({ ...BASE, line })).toMatchObject({
				line: null,
				lineE164: null,
				dropped: ['line'],
			});
		},
	);

	it.each(['2', '+998712037006', '998712037006', '712037006'])('line %s comes back', (line) => {
		expect(start({ ...BASE, line })).toMatchObject({ line, dropped: [] });
	});

	it.each(['incoming', 'outgoing', 'internal', null])('direction %s comes back', (direction) => {
		expect(start({ ...BASE, direction })).toMatchObject({ direction, dropped: [] });
	});

	it('an unknown direction is dropped', () => {
		expect(start({ ...BASE, direction: 'unknown (xyz)' })).toMatchObject({
			direction: null,
			dropped: ['direction'],
		});
	});

	it('the start time comes back with its ISO form; outside 2024-01-01 .. 2058-01-10 or not whole seconds it is dropped', () => {
		expect(start(BASE)).toMatchObject({
			startTime: T2025,
			startTimeIso: '2025-04-25T09:14:24.000Z',
		});
		expect(start({ ...BASE, startTime: 1_704_067_200 })).toMatchObject({ dropped: [] });
		expect(start({ ...BASE, startTime: 1_704_067_200 + 2 ** 30 - 1 })).toMatchObject({
			dropped: [],
		});
		expect(start({ ...BASE, startTime: null })).toMatchObject({ startTime: null, dropped: [] });
		for (const startTime of [1_704_067_199, 1_704_067_200 + 2 ** 30, T2025 * 1000, T2025 + 0.5])
			expect(start({ ...BASE, startTime })).toMatchObject({
				startTime: null,
				startTimeIso: null,
				dropped: ['startTime'],
			});
	});

	it('when the facts do not fit, the line goes first, then the extension', () => {
		// A 6-digit extension with Uzbek number and line: the line goes.
		expect(start({ ...BASE, innerPhone: '123456' })).toMatchObject({
			innerPhone: '123456',
			line: null,
			dropped: ['line'],
		});
		// A Russian caller: the line goes, the extension stays.
		expect(start({ ...BASE, number: '+79161234567' })).toMatchObject({
			number: '+79161234567',
			innerPhone: '2424',
			line: null,
			dropped: ['line'],
		});
		// A 15-digit caller with a 6-digit extension: line and extension go; the number stays.
		expect(start({ ...BASE, number: '+123456789012345', innerPhone: '123456' })).toMatchObject({
			number: '+123456789012345',
			innerPhone: null,
			line: null,
			dropped: ['innerPhone', 'line'],
		});
	});

	it('odd inputs never throw', () => {
		const odd = { number: 5, innerPhone: {}, line: [], direction: 7, startTime: 'x' };
		expect(start(odd as unknown as CallStartFacts).dropped).toEqual([
			'number',
			'innerPhone',
			'line',
			'direction',
			'startTime',
		]);
	});
});

describe('what is not ours decodes to "not ours", never throws', () => {
	function falseDecodes(inputs: unknown[]): number {
		return inputs.filter((input) => decodeCallStart(input).ok).length;
	}
	const base36 = (min: number, max: number) =>
		fc.string({
			unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'),
			minLength: min,
			maxLength: max,
		});

	it.each([
		['random strings of 0-32 characters of [0-9a-z]', base36(0, 32), 100_000],
		['random 32-character strings of [0-9a-z]', base36(32, 32), 200_000],
		[
			'random 32-character strings that start with g-v (the id shape)',
			base36(31, 31).chain((rest) =>
				fc.constantFrom(...'ghijklmnopqrstuv').map((first) => first + rest),
			),
			300_000,
		],
		[
			'random unicode strings of up to 32 characters',
			fc.string({ unit: 'grapheme', maxLength: 32 }),
			50_000,
		],
		['random integers of up to 12 digits', fc.integer({ min: 0, max: 999_999_999_999 }), 100_000],
		[
			'random integers of up to 12 digits, as text',
			fc.integer({ min: 0, max: 999_999_999_999 }).map(String),
			100_000,
		],
		[
			'random 32-hex strings',
			fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }),
			100_000,
		],
	] as const)('%s', (name, arbitrary, count) => {
		const inputs = fc.sample(arbitrary as fc.Arbitrary<unknown>, {
			numRuns: count,
			seed: Date.now(),
		});
		const found = falseDecodes(inputs);
		console.log(`${name}: ${inputs.length} inputs, ${found} false decodes`);
		expect(found).toBe(0);
	});

	it('the own ids from before this change (32 hex) are not ours', () => {
		const ids = Array.from({ length: 10_000 }, () => legacyOwnCallId());
		expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
		expect(falseDecodes(ids)).toBe(0);
	});

	it('every single-character change and every swap of neighbours of a real id is caught', () => {
		const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
		let garbled = 0;
		let found = 0;
		for (let sample = 0; sample < 20; sample++) {
			const id = encodeCallStart({ ...BASE, startTime: T2025 + sample });
			for (let at = 0; at < 32; at++) {
				for (const char of alphabet) {
					if (char === id[at]) continue;
					garbled++;
					if (decodeCallStart(id.slice(0, at) + char + id.slice(at + 1)).ok) found++;
				}
				if (at < 31 && id[at] !== id[at + 1]) {
					garbled++;
					const swapped = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
					if (decodeCallStart(swapped).ok) found++;
				}
			}
		}
		console.log(`garbled ids: ${garbled}, false decodes ${found}`);
		expect(found).toBe(0);
	});

	it.each([
		['a CRM id', '123456789012'],
		['a CRM id as a number', 123456789012],
		['the id one shorter', encodeCallStart(BASE).slice(0, 31)],
		['the id one longer', `${encodeCallStart(BASE)}0`],
		['the id in capitals', encodeCallStart(BASE).toUpperCase()],
		['the id with spaces around', ` ${encodeCallStart(BASE)} `],
		['all zeros after the letter', `g${'0'.repeat(31)}`],
		['the largest id-shaped text', `v${'z'.repeat(31)}`],
		['nothing', undefined],
		['null', null],
		['an object', { toString: {} }],
		['an array', [encodeCallStart(BASE)]],
	])('%s', (_name, input) => {
		const decoded = decodeCallStart(input);
		expect(decoded.ok).toBe(false);
		if (!decoded.ok) expect(decoded.reason).toMatch(/^not an id this trigger made: /);
	});
});
