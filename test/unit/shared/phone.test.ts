// nodes/shared/phone.ts: the E.164 form of the numbers both PBXs write (9 Uzbek local digits,
// 998…, +…, Russian 7…/8…), and AloVoice's stricter rule for the numbers it dials.
import { checkAloVoicePhone, compactPhone, toE164 } from '../../../nodes/shared/phone';
import { UZ_CALLER_FORMS } from '../../callerForms';

describe('compactPhone: digits, and a + only when it leads', () => {
	it.each([
		['+998 (99) 441-28-60', '+998994412860'],
		[' 99 441 28 60 ', '994412860'],
		['8-495-123-45-67', '84951234567'],
		['998.99.441.28.60', '998994412860'],
		['\u00a0+7\u00a0903\u00a0999\u00a088\u00a077\t', '+79039998877'],
		// it only strips, it does not judge: what is left of a SIP account, a plus in the middle
		['SIP/672', '672'],
		['99+8', '998'],
		['', ''],
		['   ', ''],
		['+', '+'],
	])('%j → %j', (value, compact) => expect(compactPhone(value)).toBe(compact));
});

describe('toE164: the E.164 form, or undefined when it is no phone number', () => {
	it.each(UZ_CALLER_FORMS.filter((value) => value !== '00998974244100').map((value) => [value]))(
		'%j (a form of one Uzbek number) → +998974244100',
		(value) => expect(toE164(value)).toBe('+998974244100'),
	);

	it.each([
		// 9 local digits get the default country (998), or the one given
		['994412860', undefined, '+998994412860'],
		[994412860, undefined, '+998994412860'],
		['99 441 28 60', undefined, '+998994412860'],
		['994412860', '998', '+998994412860'],
		['994412860', '7', '+7994412860'],
		// 998 and 9 digits, with or without +
		['998994412860', undefined, '+998994412860'],
		['998994412860', '7', '+998994412860'],
		['+998 (99) 441-28-60', undefined, '+998994412860'],
		// Russian: 7 and 10 digits, or the trunk prefix 8 and 10 digits
		['79039998877', undefined, '+79039998877'],
		['89039998877', undefined, '+79039998877'],
		['8 (495) 123-45-67', undefined, '+74951234567'],
		[89039998877, undefined, '+79039998877'],
		['+7 903 999-88-77', undefined, '+79039998877'],
		// any other 11 to 15 digits are taken as a country code and a number
		['12025550123', undefined, '+12025550123'],
		['380441234567', undefined, '+380441234567'],
		['491701234567890', undefined, '+491701234567890'],
		// with a +: 8 to 15 digits as typed
		['+4930123456', undefined, '+4930123456'],
		['+12345678', undefined, '+12345678'],
		['+123456789012345', undefined, '+123456789012345'],
	] as Array<[unknown, string | undefined, string]>)(
		'%j (country %j) → %j',
		(value, country, e164) => expect(toE164(value, country)).toBe(e164),
	);

	it.each([
		['2000', 'an extension'],
		[2000, 'an extension as a number'],
		['112', 'a short number'],
		['SIP/00000000672', 'a SIP account'],
		['sip/994412860', 'a SIP account of 9 digits'],
		['tel:+998994412860', 'a URI'],
		['99441286O', 'a letter O for a zero'],
		['+998 99 441 28 60 x12', 'an extension after the number'],
		['99441286', '8 digits'],
		['9944128600', '10 digits'],
		['1234567890123456', '16 digits'],
		['+1234567', '+ and 7 digits'],
		['+1234567890123456', '+ and 16 digits'],
		['+', 'a plus alone'],
		['', 'empty'],
		['   ', 'spaces'],
		[1e21, 'a number JavaScript writes with an exponent'],
		[Number.NaN, 'NaN'],
		[null, 'null'],
		[undefined, 'undefined'],
		[true, 'a boolean'],
		[{ number: '994412860' }, 'an object'],
		[['994412860'], 'an array'],
	] as Array<[unknown, string]>)('%j (%s) → undefined', (value) =>
		expect(toE164(value)).toBeUndefined(),
	);
});

const refusal = (text: string, field = 'Phone') =>
	`${field}: "${text}" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).`;

describe("checkAloVoicePhone: AloVoice's forms, XXXXXXXXX or +XXXXXXXXXXXX", () => {
	it.each([
		['994412860', '994412860'],
		[994412860, '994412860'],
		[' 99 441-28-60 ', '994412860'],
		['(99) 441 28 60', '994412860'],
		['+998994412860', '+998994412860'],
		['+998 (99) 441-28-60', '+998994412860'],
		['998994412860', '+998994412860'],
		[998994412860, '+998994412860'],
		['998 99 441 28 60', '+998994412860'],
		// + and 12 digits is the documented form, whatever the country
		['+491701234567', '+491701234567'],
	] as Array<[unknown, string]>)('%j → %j', (value, phone) =>
		expect(checkAloVoicePhone(value, 'Phone')).toEqual({ ok: true, value: phone }),
	);

	it.each([
		['12', '12'],
		['99441286', '99441286'],
		['9944128600', '9944128600'],
		['79039998877', '79039998877'],
		['89039998877', '89039998877'],
		['+79039998877', '+79039998877'],
		['+7 999', '+7 999'],
		['+99899441286', '+99899441286'],
		['+9989944128600', '+9989944128600'],
		['9989944128600', '9989944128600'],
		['2000', '2000'],
		['SIP/00000000672', 'SIP/00000000672'],
		['oops', 'oops'],
		['', ''],
		['   ', '   '],
		[79039998877, '79039998877'],
	] as Array<[unknown, string]>)('%j is refused, quoted as %j', (value, text) =>
		expect(checkAloVoicePhone(value, 'Phone')).toEqual({ ok: false, reason: refusal(text) }),
	);

	it.each([[null], [undefined], [true], [{ phone: '994412860' }], [['994412860']]])(
		'%j (no text) is refused, quoted as empty',
		(value) =>
			expect(checkAloVoicePhone(value, 'Phone')).toEqual({ ok: false, reason: refusal('') }),
	);

	it('names the field it was given in the reason', () => {
		expect(checkAloVoicePhone('12345', 'Initiator Phone')).toEqual({
			ok: false,
			reason: refusal('12345', 'Initiator Phone'),
		});
	});
});
