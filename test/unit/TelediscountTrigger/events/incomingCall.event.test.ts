// nodes/TelediscountTrigger/events/incomingCall.event.ts: "start of an incoming call" read by
// version 1's own names and rules (a body with any documented field is an item; each odd value is
// null with a warning) and by version 2 as the one call shape (whose field rules are
// test/unit/Telediscount/helpers/call.test.ts's).
import {
	FIELDS,
	normalize,
	normalizeV2,
	telediscountStart,
} from '../../../../nodes/TelediscountTrigger/events/incomingCall.event';
import { CALL_SOURCE_FIELDS } from '../../../../nodes/Telediscount/helpers/call';
import type { Fields } from '../../../../nodes/shared/webhook/body';
import { Reader } from '../../../../nodes/shared/webhook/fields';

// The curl sample of docs/alovoice-trigger.md (a GET's query: every value a string), with the
// fields of shared/api/telediscount.md's "start of an incoming call".
const SAMPLE: Fields = {
	num_a: '79039998877',
	num_m: '79037778899',
	setup_time: '1745572464',
	api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
};

function item(fields: Fields, defaultCountry?: string) {
	const result = normalize(fields, defaultCountry ? { defaultCountry } : {});
	if (!result.ok) throw new Error(result.reason);
	return result.value;
}

/** The sample with one field replaced (or removed, for `undefined`). */
function withField(field: string, value: unknown) {
	const fields: Fields = { ...SAMPLE };
	if (value === undefined) delete fields[field];
	else fields[field] = value;
	return item(fields);
}

describe('version 1: the documented event', () => {
	it('becomes the item, every key in order, no warning', () => {
		const value = item(SAMPLE);
		expect(value).toEqual({
			event: 'callStarted',
			callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
			caller: '79039998877',
			callerE164: '+79039998877',
			callerWithheld: false,
			calledNumber: '79037778899',
			calledNumberE164: '+79037778899',
			setupTime: 1745572464,
			setupTimeIso: '2025-04-25T09:14:24.000Z',
			warnings: [],
		});
		expect(Object.keys(value)).toEqual([
			'event',
			'callId',
			'caller',
			'callerE164',
			'callerWithheld',
			'calledNumber',
			'calledNumberE164',
			'setupTime',
			'setupTimeIso',
			'warnings',
		]);
	});

	it('reads the same event sent as JSON numbers', () =>
		expect(
			item({ ...SAMPLE, num_a: 79039998877, num_m: 79037778899, setup_time: 1745572464 }),
		).toEqual(item(SAMPLE)));

	// Default Country Code (7 by default) goes in front of 9-digit numbers.
	it('puts the Default Country Code before 9-digit numbers', () => {
		expect(item({ num_a: '994412860', num_m: '712037006' })).toMatchObject({
			callerE164: '+7994412860',
			calledNumberE164: '+7712037006',
		});
		expect(item({ num_a: '994412860', num_m: '712037006' }, '998')).toMatchObject({
			callerE164: '+998994412860',
			calledNumberE164: '+998712037006',
		});
	});
});

describe('version 1: not this event', () => {
	const refusal = {
		ok: false,
		reason:
			'the body carries none of the incoming call started fields (num_a, num_m, setup_time, api_call_id)',
	};
	it('lists the four documented fields', () =>
		expect(FIELDS).toEqual(['num_a', 'num_m', 'setup_time', 'api_call_id']));
	it.each([
		['an empty object', {}],
		['an AloVoice call start', { inner_phone: 2000, number: '974244100', start_time: 1 }],
		['only a call-finished field', { num_b: 'SIP/0000000672', price: '1.50' }],
		['a scanner', { abonent_api_key: 'x', NUM_A: '79039998877' }],
	])('%s is refused', (_, fields) => expect(normalize(fields)).toEqual(refusal));
	it.each(FIELDS.map((field) => [field]))('%s alone (even null) makes it the event', (field) =>
		expect(normalize({ [field]: null }).ok).toBe(true),
	);
});

describe('version 1: num_a, the caller', () => {
	it.each([
		['79039998877', '79039998877', '+79039998877'],
		['89039998877', '89039998877', '+79039998877'],
		['+7 903 999-88-77', '+7 903 999-88-77', '+79039998877'],
		[' 79039998877 ', '79039998877', '+79039998877'],
		['998994412860', '998994412860', '+998994412860'],
		['2000', '2000', null],
	])('%j is kept as %j, E.164 %j', (number, kept, e164) =>
		expect(withField('num_a', number)).toMatchObject({
			caller: kept,
			callerE164: e164,
			callerWithheld: false,
			warnings: [],
		}),
	);

	it.each([undefined, null, '', ' ', 'anonymous', 'Anonymous', 'unknown', 'private', 'hidden'])(
		'%j is withheld, no warning',
		(number) =>
			expect(withField('num_a', number)).toMatchObject({
				caller: null,
				callerE164: null,
				callerWithheld: true,
				warnings: [],
			}),
	);

	it.each([
		['SIP/0000000672', '"SIP/0000000672"'],
		['000', '"000"'],
		['Ivan', '"Ivan"'],
		[true, 'true'],
		[{}, '{}'],
	])('%j is taken as withheld, with a warning', (number, shown) =>
		expect(withField('num_a', number)).toMatchObject({
			caller: null,
			callerE164: null,
			callerWithheld: true,
			warnings: [
				`num_a is ${shown}; expected a phone number or a withheld-number word such as "anonymous"; taken as withheld`,
			],
		}),
	);
});

describe('version 1: num_m, the number called', () => {
	it.each([
		['79037778899', '79037778899', '+79037778899'],
		[79037778899, '79037778899', '+79037778899'],
		['8 (903) 777-88-99', '8 (903) 777-88-99', '+79037778899'],
	])('%j is kept as %j, E.164 %j', (number, kept, e164) =>
		expect(withField('num_m', number)).toMatchObject({
			calledNumber: kept,
			calledNumberE164: e164,
			warnings: [],
		}),
	);
	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['office', 'is "office"'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (number, what) =>
		expect(withField('num_m', number)).toMatchObject({
			calledNumber: null,
			calledNumberE164: null,
			warnings: [`num_m ${what}; expected a phone number`],
		}),
	);
});

describe('version 1: api_call_id', () => {
	it.each([
		['c1f926a8f5727b77f9cbf39d8f35d061', 'c1f926a8f5727b77f9cbf39d8f35d061'],
		[' abc ', 'abc'],
		[4711, '4711'],
	])('%j → %j', (id, kept) =>
		expect(withField('api_call_id', id)).toMatchObject({ callId: kept, warnings: [] }),
	);
	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['0', 'is "0"'],
		[0, 'is 0'],
		[{}, 'is {}'],
	])('%j → null, with a warning', (id, what) =>
		expect(withField('api_call_id', id)).toMatchObject({
			callId: null,
			warnings: [`api_call_id ${what}; expected an id (digits or text)`],
		}),
	);
});

describe('version 1: setup_time', () => {
	it.each([
		[0, 'is 0'],
		['0', 'is "0"'],
		[undefined, 'is missing'],
		[null, 'is null'],
		['', 'is empty'],
		['today', 'is "today"'],
		['-1', 'is "-1"'],
	])('%j → null, with a warning', (time, what) =>
		expect(withField('setup_time', time)).toMatchObject({
			setupTime: null,
			setupTimeIso: null,
			warnings: [`setup_time ${what}; expected a UNIX time in seconds`],
		}),
	);
});

describe('telediscountStart', () => {
	it('reads the start fields into the given reader, its warnings in that reader', () => {
		const read = new Reader({ num_a: 'anonymous', num_m: '79037778899', setup_time: 'x' });
		expect(telediscountStart(read, '7')).toEqual({
			event: 'callStarted',
			callId: null,
			caller: null,
			callerE164: null,
			callerWithheld: true,
			calledNumber: '79037778899',
			calledNumberE164: '+79037778899',
			setupTime: null,
			setupTimeIso: null,
		});
		expect(read.warnings).toEqual([
			'setup_time is "x"; expected a UNIX time in seconds',
			'api_call_id is missing; expected an id (digits or text)',
		]);
	});
});

describe('version 2: the one call shape', () => {
	it('gives the documented keys of the event and null for the rest, answered too', () =>
		expect(normalizeV2(SAMPLE)).toEqual({
			ok: true,
			value: {
				event: 'callStarted',
				callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
				accountId: null,
				kind: null,
				serviceName: null,
				startTime: 1745572464,
				startTimeIso: '2025-04-25T09:14:24.000Z',
				caller: '79039998877',
				callerE164: '+79039998877',
				callerWithheld: false,
				callerName: null,
				calledNumber: '79037778899',
				calledNumberE164: '+79037778899',
				answeredBy: null,
				answeredByE164: null,
				answeredByName: null,
				answered: null,
				talkSeconds: null,
				waitSeconds: null,
				callerTalkSeconds: null,
				answeredByTalkSeconds: null,
				callerWaitSeconds: null,
				answeredByWaitSeconds: null,
				recordingFile: null,
				price: null,
				warnings: [],
			},
		}));

	it('has no Default Country Code: a 9-digit number has no E.164 form', () =>
		expect(normalizeV2({ num_a: '994412860' })).toMatchObject({
			value: { caller: '994412860', callerE164: null },
		}));

	it('refuses a body with none of the event fields, naming them', () => {
		expect(CALL_SOURCE_FIELDS.incomingCall).toEqual(FIELDS);
		for (const fields of [{}, { num_b: 'SIP/0000000672' }, { abonent_id: '1609' }])
			expect(normalizeV2(fields)).toEqual({
				ok: false,
				reason:
					'the body carries none of the incoming call started fields (num_a, num_m, setup_time, api_call_id)',
			});
	});
});
