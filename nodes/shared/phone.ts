// Phone numbers as both PBXs write them: 9 local digits (Uzbekistan), 12 digits with the
// country code, `+` and 12 digits, or a Russian 11-digit `7…`/`8…` number; with spaces,
// dashes or brackets typed by people.
import type { Checked } from './checked';

/** Digits and a leading `+` only: "+998 (99) 441-28-60" → "+998994412860". */
export function compactPhone(value: string): string {
	const trimmed = value.trim();
	const digits = trimmed.replace(/\D/g, '');
	return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/**
 * The E.164 form (`+998994412860`) of a number, or undefined when it is not a phone number
 * (an extension like `2000`, a SIP account like `SIP/00000000672`, empty).
 * `defaultCountry` is the calling code added to a 9-digit local number (998 for Uzbekistan).
 */
export function toE164(value: unknown, defaultCountry = '998'): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const raw = String(value).trim();
	if (raw === '' || /[a-z]/i.test(raw)) return undefined;
	const compact = compactPhone(raw);
	if (compact.startsWith('+')) return /^\+\d{8,15}$/.test(compact) ? compact : undefined;
	if (/^\d{9}$/.test(compact)) return `+${defaultCountry}${compact}`;
	if (/^998\d{9}$/.test(compact)) return `+${compact}`;
	// Russian numbers: 11 digits starting with 7, or 8 as the trunk prefix.
	if (/^7\d{10}$/.test(compact)) return `+${compact}`;
	if (/^8\d{10}$/.test(compact)) return `+7${compact.slice(1)}`;
	if (/^\d{11,15}$/.test(compact)) return `+${compact}`;
	return undefined;
}

/**
 * AloVoice's documented number forms for numbers it dials: `XXXXXXXXX` (9 local digits) or
 * `+XXXXXXXXXXXX`; `998XXXXXXXXX` is taken and sent with a `+`. People's spaces, dashes and
 * brackets are removed. `field` names the parameter in the error message.
 */
export function checkAloVoicePhone(value: unknown, field: string): Checked {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	const compact = compactPhone(text);
	if (/^\d{9}$/.test(compact)) return { ok: true, value: compact };
	if (/^\+\d{12}$/.test(compact)) return { ok: true, value: compact };
	if (/^998\d{9}$/.test(compact)) return { ok: true, value: `+${compact}` };
	return {
		ok: false,
		reason: `${field}: "${text}" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).`,
	};
}
