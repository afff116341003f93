// Campaign values in the forms AloVoice documents (dates YYYY.MM.DD, times HH:MM, time zones
// "utc +5"), and the campaign the PBX answers turned into typed output.
import type { IDataObject } from 'n8n-workflow';

import type { Checked } from '../../shared/checked';
import { toBooleanIfClear, toNumberIfNumeric } from './values';

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Text of a value an expression may produce: a string, a JS Date, or a Luxon DateTime. */
function dateText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		return String((value as { toISO: () => string }).toISO());
	}
	return typeof value === 'number' ? String(value) : '';
}

/**
 * A campaign day as AloVoice wants it (`YYYY.MM.DD`). Also takes `YYYY-MM-DD` and an ISO
 * date-time (its calendar date as written, the time zone is not applied: the campaign window
 * is in the campaign's own time zone).
 */
export function toCampaignDate(value: unknown, field: string): Checked {
	const text = dateText(value);
	const match =
		/^(\d{4})[.-](\d{2})[.-](\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
			text,
		);
	const separatorsMatch = match && text[4] === text[7];
	if (match && separatorsMatch) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
			return { ok: true, value: `${match[1]}.${match[2]}.${match[3]}` };
		}
	}
	return {
		ok: false,
		reason: `${field}: "${text}" is not a date. Use YYYY.MM.DD (2026.12.01); 2026-12-01 and ISO date-times are converted.`,
	};
}

/** A daily time as AloVoice wants it (`HH:MM`); `9:05` becomes `09:05`. */
export function toCampaignTime(value: unknown, field: string): Checked {
	const text =
		typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	if (match && Number(match[1]) <= 23 && Number(match[2]) <= 59) {
		return { ok: true, value: `${match[1].padStart(2, '0')}:${match[2]}` };
	}
	return {
		ok: false,
		reason: `${field}: "${text}" is not a time of day. Use HH:MM on a 24-hour clock (18:10).`,
	};
}

/** "utc -12" … "utc +14", AloVoice's own spelling (the default is "utc +5", Tashkent). */
export const TIME_ZONES: string[] = Array.from({ length: 27 }, (_, index) =>
	formatUtcOffset((index - 12) * 3600),
);

export function formatUtcOffset(seconds: number): string {
	const sign = seconds < 0 ? '-' : '+';
	const absolute = Math.abs(seconds);
	const hours = Math.floor(absolute / 3600);
	const minutes = Math.round((absolute % 3600) / 60);
	return `utc ${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** Longer than any spelling of a zone with spaces to spare ("utc  +  14"): not worth matching. */
const MAX_TIME_ZONE_CHARS = 20;

/** A time zone in AloVoice's spelling; takes "UTC+5", "utc + 5", "+5" from expressions. */
export function toCampaignTimeZone(value: unknown, field: string): Checked {
	const text =
		typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	// One `\s*` before the optional sign and one after it (`\s*([+-])?\s*`) let a long run of
	// spaces split between them in every way: quadratic, seconds for 100 KB. Here the spaces after
	// "utc" belong to the sign or, without a sign, to the digits; and long text is not tried at all.
	const match =
		text.length <= MAX_TIME_ZONE_CHARS ? /^(?:utc)?\s*(?:([+-])\s*)?(\d{1,2})$/i.exec(text) : null;
	if (match) {
		const hours = (match[1] === '-' ? -1 : 1) * Number(match[2]);
		if (hours >= -12 && hours <= 14) return { ok: true, value: formatUtcOffset(hours * 3600) };
	}
	return {
		ok: false,
		reason: `${field}: "${shortQuote(text)}" is not a time zone. Use "utc +5" (from "utc -12" to "utc +14").`,
	};
}

/** A typed value quoted in an error message, cut short: an expression may produce a whole document. */
function shortQuote(text: string): string {
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The id of a campaign: a positive integer. */
export function toCampaignId(value: unknown, field: string): Checked<number> {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (/^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text))) {
		return { ok: true, value: Number(text) };
	}
	return {
		ok: false,
		reason: `${field}: "${text}" is not a campaign ID. Use the positive whole number AloVoice gave the campaign (123).`,
	};
}

/** Trunk numbers from the multi-select (an array) or an expression ("712037006, 551234567"). */
export function toTrunkList(value: unknown): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'number'
			? [value]
			: String(value ?? '').split(',');
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/**
 * A campaign as the PBX answers it, with its numbers-as-strings turned into numbers and booleans
 * where the meaning is clear: `maxline`, `goodtime`, `tryes` (also given as `attempts`),
 * `recipients`, `paused` (boolean); `timezone` stays in seconds and gains a readable
 * `timezoneOffset` ("utc +5"). `from`/`to`/`fromtime`/`totime` stay as the PBX wrote them.
 */
export function normalizeCampaign(raw: IDataObject): IDataObject {
	const campaign: IDataObject = { ...raw };
	for (const key of ['id', 'maxline', 'goodtime', 'tryes', 'recipients']) {
		if (key in raw) campaign[key] = toNumberIfNumeric(raw[key]) as IDataObject[string];
	}
	if ('tryes' in raw || 'tries' in raw)
		campaign.attempts = (campaign.tryes ?? toNumberIfNumeric(raw.tries)) as IDataObject[string];
	if ('paused' in raw) campaign.paused = toBooleanIfClear(raw.paused) as IDataObject[string];
	if ('trunks' in raw) {
		campaign.trunks = Array.isArray(raw.trunks) ? raw.trunks.map(String) : toTrunkList(raw.trunks);
	}
	if ('timezone' in raw) {
		const seconds = toNumberIfNumeric(raw.timezone);
		if (typeof seconds === 'number') {
			campaign.timezone = seconds;
			campaign.timezoneOffset = formatUtcOffset(seconds);
		} else {
			const named = toCampaignTimeZone(raw.timezone, 'timezone');
			campaign.timezoneOffset = named.ok ? named.value : (raw.timezone as string);
		}
	}
	return campaign;
}

/** A value at a dot path (`contact.phone`, `phones.0`); a key that itself holds dots wins. */
export function valueAtPath(source: IDataObject, path: string): unknown {
	if (path in source) return source[path];
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
