// nodes/AloVoiceTrigger/events/routeRequest.event.ts: the route request's normalizer (a body with
// any documented field is an item; each odd value is null, or kept, with a warning). Which action
// the request gets is route.ts's rule: test/unit/AloVoiceTrigger/route.test.ts.
import { FIELDS, normalize } from '../../../../nodes/AloVoiceTrigger/events/routeRequest.event';
import type { Fields } from '../../../../nodes/shared/webhook/body';
import { normalizedBy } from '../../normalized';
import { UZ_CALLER_FORMS, WITHHELD } from '../../../callerForms';

// The body of shared/api/alovoice.md §6 (and docs/alovoice-trigger.md's curl sample).
const SAMPLE: Fields = {
	from_number: '974244100',
	line_number: '712037006',
	queue_number: 6000,
	direction: 'inc',
};

const { item, withField } = normalizedBy(normalize, SAMPLE);

describe('the documented body', () => {
	it('becomes the item, every key in order, no warning', () => {
		const value = item(SAMPLE);
		expect(value).toEqual({
			event: 'routeRequest',
			fromNumber: '974244100',
			fromNumberE164: '+998974244100',
			fromNumberWithheld: false,
			lineNumber: '712037006',
			lineNumberE164: '+998712037006',
			queueNumber: '6000',
			direction: 'inc',
			warnings: [],
		});
		expect(Object.keys(value)).toEqual([
			'event',
			'fromNumber',
			'fromNumberE164',
			'fromNumberWithheld',
			'lineNumber',
			'lineNumberE164',
			'queueNumber',
			'direction',
			'warnings',
		]);
	});

	it('reads integers where the example has strings, and strings where it has integers', () =>
		expect(
			item({
				from_number: 974244100,
				line_number: 712037006,
				queue_number: '6000',
				direction: 'out',
			}),
		).toEqual({ ...item(SAMPLE), direction: 'out' }));

	it('uses the 998 calling code for 9-digit numbers unless told another', () =>
		expect(normalize(SAMPLE, { defaultCountry: '7' })).toMatchObject({
			value: { fromNumberE164: '+7974244100', lineNumberE164: '+7712037006' },
		}));
});

describe('not this event', () => {
	const refusal = {
		ok: false,
		reason:
			'the body carries none of the route request fields (from_number, line_number, queue_number, direction)',
	};
	it('lists the four documented fields', () =>
		expect(FIELDS).toEqual(['from_number', 'line_number', 'queue_number', 'direction']));
	it.each([
		['an empty object', {}],
		['a call start', { number: '974244100', line: 712037006, type: 'inc', start_time: 1 }],
		['a call end', { call_id: '4711', finish_time: 1745572524, status_code: 200 }],
		['a scanner', { q: 'x', FROM_NUMBER: '974244100', queue: 6000 }],
	])('%s is refused', (_, fields) => expect(normalize(fields)).toEqual(refusal));
	it.each(FIELDS.map((field) => [field]))('%s alone (even null) makes it the event', (field) =>
		expect(normalize({ [field]: null }).ok).toBe(true),
	);
});

describe('from_number: the caller', () => {
	it.each(UZ_CALLER_FORMS.map((form) => [form]))('%j is a caller, not withheld', (form) =>
		expect(withField('from_number', form)).toMatchObject({
			fromNumberWithheld: false,
			warnings: [],
		}),
	);

	it.each([
		['974244100', '974244100'],
		[974244100, '974244100'],
		['998974244100', '998974244100'],
		['+998 (97) 424-41-00', '+998 (97) 424-41-00'],
		[' 974244100 ', '974244100'],
	])('%j is kept as %j, E.164 +998974244100', (form, kept) =>
		expect(withField('from_number', form)).toMatchObject({
			fromNumber: kept,
			fromNumberE164: '+998974244100',
		}),
	);

	it('keeps a foreign caller with its own E.164 form', () =>
		expect(withField('from_number', '+7 903 999-88-77')).toMatchObject({
			fromNumber: '+7 903 999-88-77',
			fromNumberE164: '+79039998877',
			fromNumberWithheld: false,
		}));

	// The forms of test/callerForms.ts: the ones no caller rule matches.
	it.each(WITHHELD.map((form) => [form]))('%j is withheld: no number, no E.164', (form) =>
		expect(withField('from_number', form)).toMatchObject({
			fromNumber: null,
			fromNumberE164: null,
			fromNumberWithheld: true,
		}),
	);

	it.each([undefined, null, '', ' ', 'anonymous', 'Anonymous', 'private', 'unknown', 'withheld'])(
		'%j, a word PBXs write for a hidden number, gives no warning',
		(form) => expect(withField('from_number', form).warnings).toEqual([]),
	);

	it.each([
		['000000000', '"000000000"'],
		['12ab34', '"12ab34"'],
		[true, 'true'],
		[{}, '{}'],
		[-974244100, '-974244100'],
	])('%j is withheld with a warning', (form, shown) =>
		expect(withField('from_number', form).warnings).toEqual([
			`from_number is ${shown}; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld`,
		]),
	);
});

describe('line_number: the called line', () => {
	it.each([
		['712037006', '712037006'],
		[712037006, '712037006'],
		['998712037006', '998712037006'],
		['+998 71 203 70 06', '+998 71 203 70 06'],
	])('%j is kept as %j, E.164 +998712037006', (line, kept) =>
		expect(withField('line_number', line)).toMatchObject({
			lineNumber: kept,
			lineNumberE164: '+998712037006',
			warnings: [],
		}),
	);

	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['main', 'is "main"'],
		[true, 'is true'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (line, what) =>
		expect(withField('line_number', line)).toMatchObject({
			lineNumber: null,
			lineNumberE164: null,
			warnings: [`line_number ${what}; expected a phone number`],
		}),
	);
});

describe('queue_number: digits', () => {
	it.each([
		[6000, '6000'],
		['6000', '6000'],
		[' 6000 ', '6000'],
		['06000', '06000'],
	])('%j → %j', (queue, kept) =>
		expect(withField('queue_number', queue)).toMatchObject({ queueNumber: kept, warnings: [] }),
	);

	// A route that names no queue is plausible: quiet.
	it.each([undefined, null, ''])('%j → null, no warning', (queue) =>
		expect(withField('queue_number', queue)).toMatchObject({ queueNumber: null, warnings: [] }),
	);

	it.each([
		['sales', '"sales"'],
		['60 00', '"60 00"'],
		['-1', '"-1"'],
		[-1, '-1'],
		[6000.5, '6000.5'],
		['6000.5', '"6000.5"'],
		['+6000', '"+6000"'],
		[true, 'true'],
		[{}, '{}'],
		[[6000], '[6000]'],
	])('%j → null, with a warning', (queue, shown) =>
		expect(withField('queue_number', queue)).toMatchObject({
			queueNumber: null,
			warnings: [`queue_number is ${shown}; expected the queue number (digits)`],
		}),
	);
});

describe('direction: inc or out', () => {
	it.each([
		['inc', 'inc'],
		['out', 'out'],
		['INC', 'INC'],
		['Out', 'Out'],
		[' inc ', 'inc'],
	])('%j is kept as %j, no warning', (direction, kept) =>
		expect(withField('direction', direction)).toMatchObject({ direction: kept, warnings: [] }),
	);

	it.each([undefined, null, '', '  '])('%j → null, no warning', (direction) =>
		expect(withField('direction', direction)).toMatchObject({ direction: null, warnings: [] }),
	);

	it.each([
		['incoming', 'incoming', '"incoming"'],
		['int', 'int', '"int"'],
		['in', 'in', '"in"'],
		[1, '1', '1'],
	])('%j is kept as %j, with a warning', (direction, kept, shown) =>
		expect(withField('direction', direction)).toMatchObject({
			direction: kept,
			warnings: [`direction is ${shown}; expected inc or out (kept as sent)`],
		}),
	);

	it.each([
		[true, 'true'],
		[{}, '{}'],
	])('%j → null, with a warning', (direction, shown) =>
		expect(withField('direction', direction)).toMatchObject({
			direction: null,
			warnings: [`direction is ${shown}; expected inc or out`],
		}),
	);
});

describe('several odd fields', () => {
	it('warn once each, in the order of the item', () =>
		expect(
			item({ from_number: '12ab34', line_number: 'main', queue_number: 'sales', direction: 'x' }),
		).toEqual({
			event: 'routeRequest',
			fromNumber: null,
			fromNumberE164: null,
			fromNumberWithheld: true,
			lineNumber: null,
			lineNumberE164: null,
			queueNumber: null,
			direction: 'x',
			warnings: [
				'from_number is "12ab34"; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld',
				'line_number is "main"; expected a phone number',
				'queue_number is "sales"; expected the queue number (digits)',
				'direction is "x"; expected inc or out (kept as sent)',
			],
		}));
});
