// nodes/AloVoiceTrigger/events/callStarted.event.ts: callstart's normalizer (a body with any
// documented field is an item; each odd value is null with a warning naming the field) and the
// type → direction table.
import {
	CALL_DIRECTIONS,
	FIELDS,
	normalize,
} from '../../../../nodes/AloVoiceTrigger/events/callStarted.event';
import type { Fields } from '../../../../nodes/shared/webhook/body';
import { normalizedBy } from '../../normalized';

// The sample of docs/alovoice-trigger.md (curl), the body of shared/api/alovoice.md §3.
const SAMPLE: Fields = {
	inner_phone: 2000,
	number: '+998994412860',
	line: 712037006,
	type: 'inc',
	start_time: 1745572464,
};

const { item, withField } = normalizedBy(normalize, SAMPLE);

describe('the documented body', () => {
	it('becomes the item, every key in order, no warning', () => {
		const value = item(SAMPLE);
		expect(value).toEqual({
			event: 'callStarted',
			innerPhone: '2000',
			number: '+998994412860',
			numberE164: '+998994412860',
			numberWithheld: false,
			line: '712037006',
			lineE164: '+998712037006',
			direction: 'incoming',
			type: 'inc',
			startTime: 1745572464,
			startTimeIso: '2025-04-25T09:14:24.000Z',
			warnings: [],
		});
		expect(Object.keys(value)).toEqual([
			'event',
			'innerPhone',
			'number',
			'numberE164',
			'numberWithheld',
			'line',
			'lineE164',
			'direction',
			'type',
			'startTime',
			'startTimeIso',
			'warnings',
		]);
	});

	it('reads the same values sent as strings (form fields, query)', () =>
		expect(
			item({
				inner_phone: '2000',
				number: '+998994412860',
				line: '712037006',
				type: 'inc',
				start_time: '1745572464',
			}),
		).toEqual(item(SAMPLE)));

	it('uses the 998 calling code for 9-digit numbers unless told another', () => {
		expect(item({ number: '994412860', line: '712037006' })).toMatchObject({
			numberE164: '+998994412860',
			lineE164: '+998712037006',
		});
		expect(normalize({ number: '994412860' }, { defaultCountry: '7' })).toMatchObject({
			value: { numberE164: '+7994412860' },
		});
	});
});

describe('not this event', () => {
	const refusal = {
		ok: false,
		reason:
			'the body carries none of the call started fields (inner_phone, number, line, type, start_time)',
	};
	it('lists the five documented fields', () =>
		expect(FIELDS).toEqual(['inner_phone', 'number', 'line', 'type', 'start_time']));
	it.each([
		['an empty object', {}],
		['a call end', { call_id: '4711', finish_time: 1745572524, duration: 60, status_code: 200 }],
		['a route request', { from_number: '974244100', line_number: '712037006' }],
		['a scanner', { utm_source: 'x', Number: '974244100', START_TIME: 1 }],
	])('%s is refused', (_, fields) => expect(normalize(fields)).toEqual(refusal));
	it.each(FIELDS.map((field) => [field]))('%s alone (even null) makes it the event', (field) =>
		expect(normalize({ [field]: null }).ok).toBe(true),
	);
});

describe('number: the caller', () => {
	it.each([
		['+998994412860', '+998994412860', '+998994412860'],
		['994412860', '994412860', '+998994412860'],
		['998994412860', '998994412860', '+998994412860'],
		[994412860, '994412860', '+998994412860'],
		[998994412860, '998994412860', '+998994412860'],
		['+998 (99) 441-28-60', '+998 (99) 441-28-60', '+998994412860'],
		[' 994412860 ', '994412860', '+998994412860'],
		['8 (495) 123-45-67', '8 (495) 123-45-67', '+74951234567'],
		['79039998877', '79039998877', '+79039998877'],
	])('%j is kept as %j, E.164 %j, not withheld, no warning', (number, kept, e164) =>
		expect(withField('number', number)).toMatchObject({
			number: kept,
			numberE164: e164,
			numberWithheld: false,
			warnings: [],
		}),
	);

	it('keeps a number that has no E.164 form (an extension) without one', () =>
		expect(withField('number', '2000')).toMatchObject({
			number: '2000',
			numberE164: null,
			numberWithheld: false,
			warnings: [],
		}));

	// AloVoice documents no form for a withheld caller: the words PBXs write are normal.
	it.each([
		undefined,
		null,
		'',
		' ',
		'anonymous',
		'Anonymous',
		'ANONYMOUS',
		'private',
		'unknown',
		'restricted',
		'withheld',
		'hidden',
		'-',
	])('%j is withheld, no warning', (number) =>
		expect(withField('number', number)).toMatchObject({
			number: null,
			numberE164: null,
			numberWithheld: true,
			warnings: [],
		}),
	);

	it.each([
		[true, 'true'],
		['xyz', '"xyz"'],
		['000', '"000"'],
		[0, '0'],
		['SIP/0000000672', '"SIP/0000000672"'],
		['12ab34', '"12ab34"'],
		[-974244100, '-974244100'],
		[1.5, '1.5'],
		[{}, '{}'],
		[['974244100'], '["974244100"]'],
	])('%j is taken as withheld, with a warning', (number, shown) =>
		expect(withField('number', number)).toMatchObject({
			number: null,
			numberE164: null,
			numberWithheld: true,
			warnings: [
				`number is ${shown}; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld`,
			],
		}),
	);
});

describe('inner_phone: the extension', () => {
	it.each([
		[2000, '2000'],
		['2000', '2000'],
		[' 2000 ', '2000'],
		['101a', '101a'],
	])('%j → %j', (innerPhone, kept) =>
		expect(withField('inner_phone', innerPhone)).toMatchObject({
			innerPhone: kept,
			warnings: [],
		}),
	);

	// A call that has not reached an extension yet plausibly has none.
	it.each([undefined, null, ''])('%j → null, no warning', (innerPhone) =>
		expect(withField('inner_phone', innerPhone)).toMatchObject({
			innerPhone: null,
			warnings: [],
		}),
	);

	it.each([
		[0, '0'],
		['0', '"0"'],
		['000', '"000"'],
		[{}, '{}'],
		[true, 'true'],
		[[2000], '[2000]'],
	])('%j → null, with a warning', (innerPhone, shown) =>
		expect(withField('inner_phone', innerPhone)).toMatchObject({
			innerPhone: null,
			warnings: [`inner_phone is ${shown}; expected an id (digits or text)`],
		}),
	);
});

describe('line: the called line', () => {
	it.each([
		[712037006, '712037006', '+998712037006'],
		['712037006', '712037006', '+998712037006'],
		['998712037006', '998712037006', '+998712037006'],
		['+998 71 203 70 06', '+998 71 203 70 06', '+998712037006'],
		[' 712037006 ', '712037006', '+998712037006'],
	])('%j is kept as %j, E.164 %j', (line, kept, e164) =>
		expect(withField('line', line)).toMatchObject({ line: kept, lineE164: e164, warnings: [] }),
	);

	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['main', 'is "main"'],
		[true, 'is true'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (line, what) =>
		expect(withField('line', line)).toMatchObject({
			line: null,
			lineE164: null,
			warnings: [`line ${what}; expected a phone number`],
		}),
	);
});

describe('type: the direction', () => {
	it('has the three documented types', () =>
		expect(CALL_DIRECTIONS).toEqual({ inc: 'incoming', out: 'outgoing', int: 'internal' }));

	it.each([
		['inc', 'inc', 'incoming'],
		['out', 'out', 'outgoing'],
		['int', 'int', 'internal'],
		['OUT', 'out', 'outgoing'],
		['Inc', 'inc', 'incoming'],
		[' int ', 'int', 'internal'],
	])('%j → type %j, direction %j, no warning', (type, kept, direction) =>
		expect(withField('type', type)).toMatchObject({ type: kept, direction, warnings: [] }),
	);

	it.each([
		['fax', 'fax', '"fax"'],
		['incoming', 'incoming', '"incoming"'],
		['in', 'in', '"in"'],
		[1, '1', '1'],
	])('%j is kept as sent, direction unknown, with a warning', (type, kept, shown) =>
		expect(withField('type', type)).toMatchObject({
			type: kept,
			direction: `unknown (${kept})`,
			warnings: [`type is ${shown}; expected inc, out or int (kept as sent)`],
		}),
	);

	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['  ', 'is "  "'],
		[{}, 'is {}'],
		[true, 'is true'],
	])('%j → type and direction null, with a warning', (type, what) =>
		expect(withField('type', type)).toMatchObject({
			type: null,
			direction: null,
			warnings: [`type ${what}; expected inc, out or int`],
		}),
	);
});

describe('start_time: the UNIX time', () => {
	it.each([1745572464, '1745572464', ' 1745572464 '])('%j → 1745572464 and its ISO form', (time) =>
		expect(withField('start_time', time)).toMatchObject({
			startTime: 1745572464,
			startTimeIso: '2025-04-25T09:14:24.000Z',
			warnings: [],
		}),
	);

	it.each([
		[0, 'is 0'],
		['0', 'is "0"'],
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['soon', 'is "soon"'],
		['2025-04-25', 'is "2025-04-25"'],
		[-5, 'is -5'],
		[{}, 'is {}'],
		[true, 'is true'],
	])('%j → null, with a warning', (time, what) =>
		expect(withField('start_time', time)).toMatchObject({
			startTime: null,
			startTimeIso: null,
			warnings: [`start_time ${what}; expected a UNIX time in seconds`],
		}),
	);
});

describe('several odd fields', () => {
	it('warn once each, in the order of the item', () =>
		expect(
			item({ inner_phone: 0, number: 'xyz', line: '', type: 'fax', start_time: 'soon' }),
		).toEqual({
			event: 'callStarted',
			innerPhone: null,
			number: null,
			numberE164: null,
			numberWithheld: true,
			line: null,
			lineE164: null,
			direction: 'unknown (fax)',
			type: 'fax',
			startTime: null,
			startTimeIso: null,
			warnings: [
				'inner_phone is 0; expected an id (digits or text)',
				'number is "xyz"; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
				'line is empty; expected a phone number',
				'type is "fax"; expected inc, out or int (kept as sent)',
				'start_time is "soon"; expected a UNIX time in seconds',
			],
		}));
});
