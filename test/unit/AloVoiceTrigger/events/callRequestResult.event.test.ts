// nodes/AloVoiceTrigger/events/callRequestResult.event.ts: the call-request result's normalizer
// (a body with any documented field is an item; each odd value is null with a warning; a call
// nobody answered is normal) and its rule for `answered`.
import {
	FIELDS,
	normalize,
} from '../../../../nodes/AloVoiceTrigger/events/callRequestResult.event';
import type { Fields } from '../../../../nodes/shared/webhook/body';
import { normalizedBy } from '../../normalized';

// The sample of docs/alovoice-trigger.md (curl), in the shape of shared/api/alovoice.md §2.
const SAMPLE: Fields = {
	id: 101,
	from_number: '712037006',
	to_number: '994412860',
	trunk_number: 712037006,
	begin_time: 1745572464,
	answer_time: 1745572470,
	end_time: 1745572530,
	duration: 60,
	dialstatus: 'ANSWER',
	record: 'https://cld.alovoice.uz/records/101.mp3',
	externalid: 123123,
	attempts: [],
};

const JOIN_WARNING =
	'id and externalid are both missing; the result cannot be joined to the call that was started';

const { item, withFields, withField } = normalizedBy(normalize, SAMPLE);

describe('the documented body', () => {
	it('becomes the item, every key in order, no warning', () => {
		const value = item(SAMPLE);
		expect(value).toEqual({
			event: 'callRequestResult',
			id: '101',
			externalId: '123123',
			fromNumber: '712037006',
			fromNumberE164: '+998712037006',
			toNumber: '994412860',
			toNumberE164: '+998994412860',
			trunkNumber: '712037006',
			dialStatus: 'ANSWER',
			answered: true,
			duration: 60,
			beginTime: 1745572464,
			beginTimeIso: '2025-04-25T09:14:24.000Z',
			answerTime: 1745572470,
			answerTimeIso: '2025-04-25T09:14:30.000Z',
			endTime: 1745572530,
			endTimeIso: '2025-04-25T09:15:30.000Z',
			record: 'https://cld.alovoice.uz/records/101.mp3',
			attempts: [],
			warnings: [],
		});
		expect(Object.keys(value)).toEqual([
			'event',
			'id',
			'externalId',
			'fromNumber',
			'fromNumberE164',
			'toNumber',
			'toNumberE164',
			'trunkNumber',
			'dialStatus',
			'answered',
			'duration',
			'beginTime',
			'beginTimeIso',
			'answerTime',
			'answerTimeIso',
			'endTime',
			'endTimeIso',
			'record',
			'attempts',
			'warnings',
		]);
	});

	it('reads the same values sent as strings (form fields)', () => {
		const strings = Object.fromEntries(
			Object.entries(SAMPLE).map(([field, value]) => [
				field,
				typeof value === 'number' ? String(value) : value,
			]),
		);
		expect(item(strings)).toEqual(item(SAMPLE));
	});

	it('uses the 998 calling code for 9-digit numbers unless told another', () =>
		expect(normalize(SAMPLE, { defaultCountry: '7' })).toMatchObject({
			value: { fromNumberE164: '+7712037006', toNumberE164: '+7994412860' },
		}));
});

describe('not this event', () => {
	it('lists the twelve documented fields', () =>
		expect(FIELDS).toEqual([
			'id',
			'from_number',
			'to_number',
			'trunk_number',
			'begin_time',
			'answer_time',
			'end_time',
			'duration',
			'dialstatus',
			'record',
			'externalid',
			'attempts',
		]));
	it.each([
		['an empty object', {}],
		['a call start', { inner_phone: 2000, number: '974244100', type: 'inc', start_time: 1 }],
		['a scanner', { ID: 1, extid: '123123', dialStatus: 'ANSWER' }],
	])('%s is refused', (_, fields) =>
		expect(normalize(fields)).toEqual({
			ok: false,
			reason: `the body carries none of the call-request result fields (${FIELDS.join(', ')})`,
		}),
	);
	it.each(FIELDS.map((field) => [field]))('%s alone (even null) makes it the event', (field) =>
		expect(normalize({ [field]: null }).ok).toBe(true),
	);
});

describe('id and externalid: how the result is joined to its call', () => {
	it.each([
		[{ id: undefined }, null, '123123'],
		[{ externalid: undefined }, '101', null],
		[{ id: null }, null, '123123'],
		[{ externalid: '' }, '101', null],
		[{ id: '101', externalid: ' crm-7 ' }, '101', 'crm-7'],
	])('%j: the other id is enough, no warning', (changes, id, externalId) =>
		expect(withFields(changes)).toMatchObject({ id, externalId, warnings: [] }),
	);

	it.each([
		[{ id: undefined, externalid: undefined }],
		[{ id: null, externalid: null }],
		[{ id: '', externalid: undefined }],
	])('%j: neither, one warning', (changes) =>
		expect(withFields(changes)).toMatchObject({
			id: null,
			externalId: null,
			warnings: [JOIN_WARNING],
		}),
	);

	it.each([
		[0, '0'],
		['000', '"000"'],
		[{}, '{}'],
		[true, 'true'],
	])('id %j → null, with a warning', (id, shown) =>
		expect(withField('id', id)).toMatchObject({
			id: null,
			externalId: '123123',
			warnings: [`id is ${shown}; expected an id (digits or text)`],
		}),
	);

	it('warns about both odd ids and that the result cannot be joined', () =>
		expect(withFields({ id: 0, externalid: {} }).warnings).toEqual([
			'id is 0; expected an id (digits or text)',
			'externalid is {}; expected an id (digits or text)',
			JOIN_WARNING,
		]));
});

describe('from_number, to_number: phone numbers', () => {
	it.each([
		['+998 99 441-28-60', '+998 99 441-28-60', '+998994412860'],
		[994412860, '994412860', '+998994412860'],
		['998994412860', '998994412860', '+998994412860'],
		['2000', '2000', null],
	])('%j is kept as %j, E.164 %j', (number, kept, e164) => {
		expect(withField('from_number', number)).toMatchObject({
			fromNumber: kept,
			fromNumberE164: e164,
			warnings: [],
		});
		expect(withField('to_number', number)).toMatchObject({
			toNumber: kept,
			toNumberE164: e164,
			warnings: [],
		});
	});

	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['anonymous', 'is "anonymous"'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (number, what) => {
		expect(withField('from_number', number)).toMatchObject({
			fromNumber: null,
			fromNumberE164: null,
			warnings: [`from_number ${what}; expected a phone number`],
		});
		expect(withField('to_number', number)).toMatchObject({
			toNumber: null,
			toNumberE164: null,
			warnings: [`to_number ${what}; expected a phone number`],
		});
	});
});

describe('trunk_number: the line, as text', () => {
	it.each([
		[712037006, '712037006'],
		['712037006', '712037006'],
		[' +998712037006 ', '+998712037006'],
	])('%j → %j', (trunk, kept) =>
		expect(withField('trunk_number', trunk)).toMatchObject({ trunkNumber: kept, warnings: [] }),
	);
	it.each([undefined, null, '', '  '])('%j → null, no warning', (trunk) =>
		expect(withField('trunk_number', trunk)).toMatchObject({ trunkNumber: null, warnings: [] }),
	);
	it.each([
		[{}, '{}'],
		[true, 'true'],
		[[712037006], '[712037006]'],
	])('%j → null, with a warning', (trunk, shown) =>
		expect(withField('trunk_number', trunk)).toMatchObject({
			trunkNumber: null,
			warnings: [`trunk_number is ${shown}; expected the line number`],
		}),
	);
});

describe('begin_time: always expected', () => {
	it.each([
		[0, 'is 0'],
		['0', 'is "0"'],
		[undefined, 'is missing'],
		[null, 'is null'],
		['soon', 'is "soon"'],
		[-1, 'is -1'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (time, what) =>
		expect(withField('begin_time', time)).toMatchObject({
			beginTime: null,
			beginTimeIso: null,
			warnings: [`begin_time ${what}; expected a UNIX time in seconds`],
		}),
	);
});

describe('answer_time, end_time: absent when nobody answered', () => {
	it.each(['answer_time', 'end_time'])('%s as a string is read as the number', (field) =>
		expect(withField(field, String(SAMPLE[field]))).toMatchObject({ warnings: [] }),
	);

	it.each([0, '0', null, undefined, ''])('%j → null, no warning', (time) => {
		const value = withFields({ answer_time: time, end_time: time });
		expect(value).toMatchObject({
			answerTime: null,
			answerTimeIso: null,
			endTime: null,
			endTimeIso: null,
			warnings: [],
		});
	});

	it.each([
		['soon', 'is "soon"'],
		[-1, 'is -1'],
		[{}, 'is {}'],
		[true, 'is true'],
	])('%j → null, with a warning', (time, what) => {
		expect(withField('answer_time', time)).toMatchObject({
			answerTime: null,
			answerTimeIso: null,
			warnings: [`answer_time ${what}; expected a UNIX time in seconds`],
		});
		expect(withField('end_time', time)).toMatchObject({
			endTime: null,
			endTimeIso: null,
			warnings: [`end_time ${what}; expected a UNIX time in seconds`],
		});
	});
});

describe('duration: seconds, 0 or more', () => {
	it.each([
		[60, 60],
		['60', 60],
		[0, 0],
		['0', 0],
	])('%j → %j', (duration, seconds) =>
		expect(withField('duration', duration)).toMatchObject({ duration: seconds, warnings: [] }),
	);
	it.each([
		[null, 'is null'],
		[undefined, 'is missing'],
		['', 'is empty'],
		[-1, 'is -1'],
		['long', 'is "long"'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (duration, what) =>
		expect(withField('duration', duration)).toMatchObject({
			duration: null,
			warnings: [`duration ${what}; expected a number of seconds (0 or more)`],
		}),
	);
});

describe('dialstatus and answered', () => {
	it.each([
		['ANSWER', 'ANSWER'],
		['ANSWERED', 'ANSWERED'],
		['answer', 'answer'],
		[' Answered ', 'Answered'],
		['200', '200'],
		[200, '200'],
	])('%j is answered', (status, kept) =>
		expect(withField('dialstatus', status)).toMatchObject({
			dialStatus: kept,
			answered: true,
			warnings: [],
		}),
	);

	// The dial status decides, even when an answer time came.
	it.each(['BUSY', 'NOANSWER', 'CANCEL', 'CONGESTION', 'FAILED', 'ANSWERING', 'NO ANSWER', '486'])(
		'%j is kept, not answered',
		(status) =>
			expect(withField('dialstatus', status)).toMatchObject({
				dialStatus: status,
				answered: false,
				warnings: [],
			}),
	);

	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		[{}, 'is {}'],
	])('%j → null with a warning; answered from the answer time', (status, what) => {
		const warning = `dialstatus ${what}; expected the dial status (e.g. ANSWER, BUSY, NOANSWER)`;
		expect(withField('dialstatus', status)).toMatchObject({
			dialStatus: null,
			answered: true,
			warnings: [warning],
		});
		expect(withFields({ dialstatus: status, answer_time: 0 })).toMatchObject({
			dialStatus: null,
			answered: false,
			warnings: [warning],
		});
		expect(withFields({ dialstatus: status, answer_time: 'soon' })).toMatchObject({
			answered: false,
		});
	});
});

describe('record: a recording URL, absent when nobody answered', () => {
	it.each([undefined, null, '', '  '])('%j → null, no warning', (record) =>
		expect(withField('record', record)).toMatchObject({ record: null, warnings: [] }),
	);
	it.each([
		[[], '[]'],
		[{}, '{}'],
		[true, 'true'],
	])('%j → null, with a warning', (record, shown) =>
		expect(withField('record', record)).toMatchObject({
			record: null,
			warnings: [`record is ${shown}; expected a recording URL`],
		}),
	);
});

describe('attempts: kept as sent', () => {
	// The page documents array|object|string and spells the tries `tryes` or `tries`.
	it.each([
		[[]],
		[[{ phone: '994412860', dialstatus: 'BUSY' }]],
		[{ tryes: 2 }],
		[{ tries: 2 }],
		['2'],
		[2],
		[null],
	])('%j', (attempts) =>
		expect(withField('attempts', attempts)).toMatchObject({ attempts, warnings: [] }),
	);
	it('missing → null, no warning', () =>
		expect(withField('attempts', undefined)).toMatchObject({ attempts: null, warnings: [] }));
});

describe('a call nobody answered', () => {
	it('is normal: no answer or end time, no recording, no warning', () =>
		expect(
			withFields({
				answer_time: 0,
				end_time: 0,
				duration: 0,
				dialstatus: 'NOANSWER',
				record: '',
			}),
		).toMatchObject({
			answered: false,
			duration: 0,
			answerTime: null,
			endTime: null,
			record: null,
			warnings: [],
		}));
});
