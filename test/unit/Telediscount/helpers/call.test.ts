// The one reader of a Telediscount call (nodes/Telediscount/helpers/call.ts): its E.164 rule,
// its time and price rules, and the item it makes of each source's fields.
import { defaultCalls } from '../../../server/telediscount';
import {
	callNumberE164,
	callPrice,
	callTime,
	telediscountCall,
} from '../../../../nodes/Telediscount/helpers/call';

describe('callNumberE164: the one E.164 rule for Telediscount numbers', () => {
	it.each([
		// +7, universal format, trunk prefix 8, with people's formatting
		['+79039998877', '+79039998877'],
		['79039998877', '+79039998877'],
		['89039998877', '+79039998877'],
		['+7 (903) 999-88-77', '+79039998877'],
		['8 903 999 88 77', '+79039998877'],
		['8-495-123-45-67', '+74951234567'],
		['7.903.999.88.77', '+79039998877'],
		['\u00a0+7\u00a0903\u00a0999\u00a088\u00a077 ', '+79039998877'],
		[79039998877, '+79039998877'],
		// 10-digit Russian national numbers: mobile 9, regions 3 and 4, 8 (St Petersburg, 800)
		['9039998877', '+79039998877'],
		['3432123456', '+73432123456'],
		['4951234567', '+74951234567'],
		['8123456789', '+78123456789'],
		['8001234567', '+78001234567'],
		[9039998877, '+79039998877'],
		// Kazakhstan shares +7: in universal format or with the 8 trunk prefix
		['77012345678', '+77012345678'],
		['87012345678', '+77012345678'],
		['+77012345678', '+77012345678'],
		// foreign numbers: with +, with 00 or 810, or in universal format (country code, digits)
		['+998994412860', '+998994412860'],
		['+49 30 1234567', '+49301234567'],
		['00998994412860', '+998994412860'],
		['81049301234567', '+49301234567'],
		['998994412860', '+998994412860'],
		['380441234567', '+380441234567'],
		['12025550123', '+12025550123'],
		['8613912345678', '+8613912345678'],
		// 11 digits starting with 8 that are no +7 number: universal format (Seoul)
		['82212345678', '+82212345678'],
	])('%p → %p', (value, e164) => {
		expect(callNumberE164(value)).toBe(e164);
	});

	it.each([
		// SIP accounts, extensions, short numbers, 9-digit local numbers: no country is guessed
		['SIP/00000000672', 'a SIP account'],
		['sip/672', 'a SIP account'],
		['00000000672', 'a SIP account without its prefix'],
		['672', 'an extension'],
		['2000', 'an extension'],
		['112', 'a short service number'],
		['0611', 'a short service number'],
		['994412860', 'a 9-digit (Uzbek local) number'],
		[994412860, 'a 9-digit number as a number'],
		// +7 numbers of the wrong length or range
		['+7994412860', '+7 with 9 digits'],
		['+790399988770', '+7 with 11 digits'],
		['790399988770', 'universal 7 with 11 digits'],
		['7903999887', 'a universal number missing a digit'],
		['70123456789', '+7 with a national number starting 0'],
		['+71234567890', '+7 with a national number starting 1'],
		['+75123456789', '+7 with a national number starting 5'],
		// not phone numbers
		['0123456789', '10 digits starting with 0'],
		['+1234567', 'too short for E.164'],
		['+1234567890123456', 'too long for E.164'],
		['1234567890123456', 'too long for universal format'],
		['tel:+79039998877', 'a URI'],
		['+7 903 999-88-77 доб. 12', 'an extension after the number'],
		['*21#', 'a service code'],
		['79039998877;ext=1', 'a parameter'],
		['++79039998877', 'two pluses'],
		['7903+9998877', 'a plus in the middle'],
		['', 'empty'],
		['   ', 'spaces'],
		[0, 'zero'],
		[-79039998877, 'a negative number'],
		[7903999.8877, 'a fraction'],
		[Number.NaN, 'NaN'],
		[null, 'null'],
		[undefined, 'undefined'],
		[true, 'a boolean'],
		[{ number: '79039998877' }, 'an object'],
		[['79039998877'], 'an array'],
	] as Array<[unknown, string]>)('%p (%s) → null', (value) => {
		expect(callNumberE164(value)).toBeNull();
	});
});

describe('callTime: setup_time in any unit, between 2000 and 2100', () => {
	it.each([
		[1700000000, 1700000000],
		['1700000000', 1700000000],
		[' 1700000000 ', 1700000000],
		['1700000000.5', 1700000000.5],
		['1700000000123', 1700000000.123],
		[1700000000123, 1700000000.123],
		['1700000000123456', 1700000000.123456],
		['2023-11-14T22:13:20Z', 1700000000],
		['2023-11-15T01:13:20+03:00', 1700000000],
		['2023-11-15 01:13:20+0300', 1700000000],
	])('%p → %p', (value, seconds) => {
		expect(callTime(value)).toBeCloseTo(seconds, 6);
	});

	it.each([
		['98798798797897', "the API page's example: no unit puts it between 2000 and 2100"],
		['946684799', 'one second before 2000'],
		[4102444800, '2100'],
		['2023-11-14 22:13:20', 'a date and time without a zone'],
		['2023-11-14', 'a date'],
		['yesterday', 'a word'],
		['1,7e9', 'a number with a comma'],
		['0', 'zero'],
		[-1700000000, 'negative'],
		['', 'empty'],
		[null, 'null'],
		[{}, 'an object'],
	] as Array<[unknown, string]>)('%p (%s) → null', (value) => {
		expect(callTime(value)).toBeNull();
	});
});

describe('callPrice: a number, a decimal point or a decimal comma', () => {
	it.each([
		[12.5, 12.5],
		[0, 0],
		['12.50', 12.5],
		['12,50', 12.5],
		['12', 12],
		['0', 0],
		['0,025', 0.025],
		['1,234', 1.234],
		[' 3.20 ', 3.2],
		['1 234,50', 1234.5],
		['1\u00a0234,50', 1234.5],
		['12 345 678', 12345678],
		['-0.50', -0.5],
		['+1.5', 1.5],
		['-0', 0],
	])('%p → %p', (value, price) => {
		expect(callPrice(value)).toBe(price);
	});

	it.each([
		['free', 'a word'],
		['12.50 руб.', 'a currency'],
		['12,50 RUB', 'a currency code'],
		['₽12', 'a currency sign'],
		['1,234.50', 'both a comma and a point'],
		['1.234,50', 'both a point and a comma'],
		['12.5.0', 'two points'],
		['12,', 'a separator without decimals'],
		[',5', 'decimals without a whole part'],
		['12 34', 'a space that does not split groups of three'],
		['1e3', 'an exponent'],
		['0x10', 'hexadecimal'],
		['Infinity', 'Infinity'],
		[Number.POSITIVE_INFINITY, 'an infinite number'],
		[Number.NaN, 'NaN'],
		[true, 'a boolean'],
		[{ amount: 12 }, 'an object'],
	] as Array<[unknown, string]>)('%p (%s) → null', (value) => {
		expect(callPrice(value)).toBeNull();
	});
});

/** The stand-in's first listed call, its price written with a decimal comma. */
const listRecord = { ...defaultCalls()[0], price: '1,50' };

/** The "call finished" notification of the API page, with its values filled in. */
const finished = {
	num_a: '79039998877',
	num_m: '79037778899',
	num_b: 'SIP/0000000672',
	setup_time: '1700000000',
	connection_time: '12',
	waiting_time: '5',
	api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
	code_name_num_a: 'Moscow, MTS',
	code_name_num_b: 'Olga Manoli',
	price: '12,50',
};

const nothing = {
	callId: null,
	accountId: null,
	kind: null,
	serviceName: null,
	startTime: null,
	startTimeIso: null,
	caller: null,
	callerE164: null,
	callerWithheld: true,
	callerName: null,
	calledNumber: null,
	calledNumberE164: null,
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
};

describe('telediscountCall: one item for the call list and both notifications', () => {
	it('reads a get_calls record into every field, without warnings', () => {
		expect(telediscountCall(listRecord)).toEqual({
			item: {
				callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
				accountId: '1609',
				kind: 'ivr',
				serviceName: 'ivr',
				startTime: 1700000000,
				startTimeIso: '2023-11-14T22:13:20.000Z',
				caller: '79039998877',
				callerE164: '+79039998877',
				callerWithheld: false,
				callerName: 'Moscow, MTS',
				calledNumber: '79037778899',
				calledNumberE164: '+79037778899',
				answeredBy: 'SIP/00000000672',
				answeredByE164: null,
				answeredByName: 'Olga Manoli',
				answered: true,
				talkSeconds: 37,
				waitSeconds: null,
				callerTalkSeconds: 42,
				answeredByTalkSeconds: 37,
				callerWaitSeconds: 5,
				answeredByWaitSeconds: 3,
				recordingFile: 'c1f926a8f5727b77f9cbf39d8f35d061.mp3',
				price: 1.5,
			},
			warnings: [],
		});
	});

	it('reads the call-finished notification into the same names, the list-only ones null', () => {
		expect(telediscountCall(finished, 'callFinished')).toEqual({
			item: {
				...nothing,
				callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
				startTime: 1700000000,
				startTimeIso: '2023-11-14T22:13:20.000Z',
				caller: '79039998877',
				callerE164: '+79039998877',
				callerWithheld: false,
				callerName: 'Moscow, MTS',
				calledNumber: '79037778899',
				calledNumberE164: '+79037778899',
				answeredBy: 'SIP/0000000672',
				answeredByName: 'Olga Manoli',
				answered: true,
				talkSeconds: 12,
				waitSeconds: 5,
				price: 12.5,
			},
			warnings: [],
		});
	});

	it('reads the incoming-call notification: answered and the times after the start are null', () => {
		const fields = {
			num_a: '79039998877',
			num_m: '79037778899',
			setup_time: '1700000000',
			api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
		};
		expect(telediscountCall(fields, 'incomingCall')).toEqual({
			item: {
				...nothing,
				callId: 'c1f926a8f5727b77f9cbf39d8f35d061',
				startTime: 1700000000,
				startTimeIso: '2023-11-14T22:13:20.000Z',
				caller: '79039998877',
				callerE164: '+79039998877',
				callerWithheld: false,
				calledNumber: '79037778899',
				calledNumberE164: '+79037778899',
			},
			warnings: [],
		});
	});

	it('gives the list and the notification one answer for one number (the two old rules did not)', () => {
		const fields = { ...finished, num_a: '9039998877', num_m: '994412860', num_b: '89039998877' };
		for (const source of ['callList', 'callFinished'] as const) {
			const { item } = telediscountCall(fields, source);
			expect([item.callerE164, item.calledNumberE164, item.answeredByE164]).toEqual([
				'+79039998877',
				null,
				'+79039998877',
			]);
		}
	});

	it('says which documented fields are missing, by source', () => {
		expect(telediscountCall({ num_a: '79039998877' }, 'incomingCall').warnings).toEqual([
			'api_call_id is missing; expected an id (letters and digits)',
			'setup_time is missing; expected a UNIX time (seconds, or milliseconds) between 2000 and 2100',
		]);
		expect(telediscountCall({ num_a: '79039998877' }, 'callFinished').warnings).toEqual([
			'connection_time is missing; expected a number of seconds (0 or more)',
			'api_call_id is missing; expected an id (letters and digits)',
			'setup_time is missing; expected a UNIX time (seconds, or milliseconds) between 2000 and 2100',
		]);
		expect(telediscountCall({ num_a: '79039998877' }, 'callList').warnings).toEqual([
			'connection_time is missing; expected a number of seconds (0 or more)',
			'num_a_connection_time is missing; expected a number of seconds (0 or more)',
			'num_b_connection_time is missing; expected a number of seconds (0 or more)',
			'api_call_id is missing; expected an id (letters and digits)',
			'abonent_id is missing; expected the account id',
			'service_name is missing; expected ivr, sip_outcome or sip_internal',
			'setup_time is missing; expected a UNIX time (seconds, or milliseconds) between 2000 and 2100',
			'num_a_waiting_time is missing; expected a number of seconds (0 or more)',
			'num_b_waiting_time is missing; expected a number of seconds (0 or more)',
		]);
	});

	it('says nothing about the normal absences: withheld caller, no num_m, nobody answered, no names, recording, price', () => {
		const unanswered = {
			...listRecord,
			num_a: 'anonymous',
			num_m: '',
			num_b: '',
			code_name_num_a: '',
			code_name_num_b: null,
			connection_time: '0',
			num_b_connection_time: 0,
			recorder_file: '0',
			price: '',
		};
		const { item, warnings } = telediscountCall(unanswered);
		expect(warnings).toEqual([]);
		expect(item).toMatchObject({
			caller: null,
			callerWithheld: true,
			calledNumber: null,
			answeredBy: null,
			callerName: null,
			answeredByName: null,
			answered: false,
			talkSeconds: 0,
			recordingFile: null,
			price: null,
		});
		const { waiting_time: _waiting, price: _price, ...withoutThem } = finished;
		expect(telediscountCall(withoutThem, 'callFinished').warnings).toEqual([]);
	});

	it.each([
		[
			'num_a',
			'Ivan',
			'num_a is "Ivan"; expected a phone number, a SIP account or a withheld-number word such as "anonymous"; taken as withheld',
		],
		[
			'num_a',
			'0000',
			'num_a is "0000"; expected a phone number, a SIP account or a withheld-number word such as "anonymous"; taken as withheld',
		],
		[
			'num_a',
			{ n: 1 },
			'num_a is {"n":1}; expected a phone number, a SIP account or a withheld-number word such as "anonymous"; taken as withheld',
		],
		['num_m', 'reception', 'num_m is "reception"; expected a phone number or a SIP account'],
		['num_b', ['SIP/1'], 'num_b is ["SIP/1"]; expected a phone number or a SIP account'],
		['api_call_id', '000', 'api_call_id is "000"; expected an id (letters and digits)'],
		[
			'setup_time',
			'98798798797897',
			'setup_time is "98798798797897"; expected a UNIX time (seconds, or milliseconds) between 2000 and 2100',
		],
		[
			'setup_time',
			'0',
			'setup_time is "0"; expected a UNIX time (seconds, or milliseconds) between 2000 and 2100',
		],
		[
			'setup_time',
			'',
			'setup_time is empty; expected a UNIX time (seconds, or milliseconds) between 2000 and 2100',
		],
		['connection_time', '-3', 'connection_time is "-3"; expected a number of seconds (0 or more)'],
		[
			'connection_time',
			'00:00:12',
			'connection_time is "00:00:12"; expected a number of seconds (0 or more)',
		],
		['connection_time', null, 'connection_time is null; expected a number of seconds (0 or more)'],
		['waiting_time', 'five', 'waiting_time is "five"; expected a number of seconds (0 or more)'],
		['price', 'free', 'price is "free"; expected a price such as 12.50 or 12,50'],
		['price', '1,234.50', 'price is "1,234.50"; expected a price such as 12.50 or 12,50'],
		[
			'code_name_num_b',
			{ name: 'Olga' },
			'code_name_num_b is {"name":"Olga"}; expected a name (text)',
		],
	])('%s %p → null with the warning %p', (field, value, warning) => {
		const { item, warnings } = telediscountCall({ ...finished, [field]: value }, 'callFinished');
		expect(warnings).toEqual([warning]);
		const out: Record<string, string> = {
			num_a: 'caller',
			num_m: 'calledNumber',
			num_b: 'answeredBy',
			api_call_id: 'callId',
			setup_time: 'startTime',
			connection_time: 'talkSeconds',
			waiting_time: 'waitSeconds',
			price: 'price',
			code_name_num_b: 'answeredByName',
		};
		expect((item as unknown as Record<string, unknown>)[out[field]]).toBeNull();
	});

	it('keeps an unknown service name as the kind, with a warning', () => {
		const { item, warnings } = telediscountCall({ ...listRecord, service_name: 'sip_income' });
		expect([item.kind, item.serviceName]).toEqual(['sip_income', 'sip_income']);
		expect(warnings).toEqual([
			'service_name is "sip_income"; expected ivr, sip_outcome or sip_internal (kept as sent)',
		]);
		expect(telediscountCall({ ...listRecord, service_name: 'SIP_OUTCOME' }).item.kind).toBe(
			'outgoing',
		);
		expect(telediscountCall({ ...listRecord, service_name: 'sip_internal' }).item.kind).toBe(
			'internal',
		);
	});

	it('takes numbers typed as numbers, a SIP caller as a caller, and a caller on the IVR alone as not answered', () => {
		const { item, warnings } = telediscountCall({
			...listRecord,
			num_a: 'SIP/00000000672',
			num_b: 74951234567,
			setup_time: 1700000000123,
			connection_time: 0,
			num_a_connection_time: 42,
			num_b_connection_time: 0,
			price: 3.2,
		});
		expect(warnings).toEqual([]);
		expect(item).toMatchObject({
			caller: 'SIP/00000000672',
			callerE164: null,
			callerWithheld: false,
			answeredBy: '74951234567',
			answeredByE164: '+74951234567',
			startTime: 1700000000.123,
			startTimeIso: '2023-11-14T22:13:20.123Z',
			answered: false,
			price: 3.2,
		});
	});

	it('reads only its own fields: a prototype-named field is data, and extra fields are ignored', () => {
		const fields = JSON.parse('{"__proto__": {"api_call_id": "x"}, "extra": 1}') as Record<
			string,
			unknown
		>;
		const { item } = telediscountCall(fields, 'incomingCall');
		expect(item.callId).toBeNull();
		expect(Object.keys(item)).toEqual(Object.keys(nothing));
	});
});
