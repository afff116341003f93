// The field reader every event normalizer is built from: it reads one field as an id, a time,
// a number of seconds, a phone number or a caller, and collects a warning for each odd value.
//
// Why warnings and not refusals: a PBX does not retry a webhook, so an event refused is lost for
// good. A normalizer therefore never refuses an event that carries any of its documented fields.
// A value that is missing, empty, null, zero, of the wrong type or not in the documented set
// becomes null (unknown codes and directions stay raw, with an "unknown (…)" name) and the
// item's `warnings` say which field was odd and how. The one refusal left: an object that
// carries none of the event's fields is not that event (a scanner, a wrong URL, another event's
// body): notThisEvent. docs/alovoice-trigger.md, "What the triggers accept", lists every row.
import type { Checked } from '../checked';
import { toE164 } from '../phone';
import { toSeconds, unixToIso } from '../time';

import type { Fields } from './body';

/** A normalized event (value: the item) or why the body is not this event: the package's one check result. */
export type EventCheck = Checked<Fields>;

/**
 * Formatting people and PBXs put into a phone number: spaces, dashes, dots, parentheses and one
 * leading +. What is left must be digits for the value to be a number.
 */
export function numberText(value: unknown): string | undefined {
	if (typeof value === 'number')
		return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
	if (typeof value !== 'string') return undefined;
	const stripped = value
		.trim()
		.replace(/[\s\-.()]/g, '')
		.replace(/^\+/, '');
	return /^\d+$/.test(stripped) ? stripped : undefined;
}

/**
 * Whether a caller number is withheld (or unusable as one): missing, null, empty, not text or
 * a number, words such as "anonymous", "unknown", "private", anything that is not digits after
 * spaces, dashes, parentheses and a leading + are removed, or only zeros. The PBXs document no
 * form for a withheld number, so every one of these counts. An item says "withheld" exactly
 * when a route rule on the caller cannot match it: the rules use this same function.
 */
export function callerWithheld(value: unknown): boolean {
	const text = numberText(value);
	return text === undefined || /^0+$/.test(text);
}

/** The words PBXs write for a hidden caller; other digit-less values are withheld but odd. */
const WITHHELD_WORDS =
	/^\s*(|anonymous|anonym|private|restricted|unknown|unavailable|withheld|hidden|null|none|-)\s*$/i;

export function show(value: unknown): string {
	if (value === undefined) return 'missing';
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Collects the item's warnings; each names the field, what came and what was expected. */
export class Reader {
	readonly warnings: string[] = [];

	constructor(readonly fields: Fields) {}

	has(field: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.fields, field);
	}

	get(field: string): unknown {
		return this.has(field) ? this.fields[field] : undefined;
	}

	warn(field: string, expected: string, value = this.get(field)): null {
		const what =
			value === undefined
				? 'is missing'
				: value === null
					? 'is null'
					: value === ''
						? 'is empty'
						: `is ${show(value)}`;
		this.warnings.push(`${field} ${what}; expected ${expected}`);
		return null;
	}

	/** Text or a number, trimmed; empty → null. `quiet` fields are normal when absent. */
	text(field: string, expected: string, quiet = false): string | null {
		const value = this.get(field);
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (
			quiet &&
			(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		)
			return null;
		return this.warn(field, expected);
	}

	/** An id: digits or text; 0, empty and anything else → null with a warning. */
	id(field: string, quiet = false): string | null {
		const value = this.get(field);
		const id =
			typeof value === 'number' && Number.isFinite(value)
				? String(value)
				: typeof value === 'string'
					? value.trim()
					: '';
		if (id !== '' && !/^0+$/.test(id)) return id;
		if (quiet && (value === undefined || value === null || value === '')) return null;
		return this.warn(field, 'an id (digits or text)');
	}

	/** A UNIX time (seconds or ms). 0 / null / missing mean "no time": quiet ones are not odd. */
	time(field: string, quiet = false): { seconds: number | null; iso: string | null } {
		const value = this.get(field);
		const iso = unixToIso(value);
		if (iso !== undefined) return { seconds: toSeconds(value) ?? null, iso };
		const none =
			value === undefined ||
			value === null ||
			((typeof value === 'number' || typeof value === 'string') && Number(value) === 0);
		if (!(quiet && none)) this.warn(field, 'a UNIX time in seconds');
		return { seconds: null, iso: null };
	}

	/** A number of seconds, 0 or more. */
	seconds(field: string, quiet = false): number | null {
		const value = this.get(field);
		if (typeof value === 'number' || typeof value === 'string') {
			const seconds = toSeconds(value);
			if (seconds !== undefined) return seconds;
		}
		if (quiet && (value === undefined || value === null || value === '')) return null;
		return this.warn(field, 'a number of seconds (0 or more)');
	}

	/** A phone number as text (null when it has no digit), and its E.164 form. */
	phone(
		field: string,
		country: string,
		quiet = false,
	): { number: string | null; e164: string | null } {
		const value = this.get(field);
		if (
			(typeof value === 'string' && /\d/.test(value)) ||
			(typeof value === 'number' && Number.isFinite(value))
		) {
			const number = String(value).trim();
			return { number, e164: toE164(number, country) ?? null };
		}
		if (!(quiet && (value === undefined || value === null || value === '')))
			this.warn(field, 'a phone number');
		return { number: null, e164: null };
	}

	/**
	 * A caller: withheld (callerWithheld) is normal, flagged without a warning, when
	 * it is absent or a word PBXs write for a hidden number; any other withheld value is odd.
	 */
	caller(
		field: string,
		country: string,
	): { number: string | null; e164: string | null; withheld: boolean } {
		const value = this.get(field);
		if (!callerWithheld(value)) {
			const number = String(value).trim();
			return { number, e164: toE164(number, country) ?? null, withheld: false };
		}
		const normal =
			value === undefined ||
			value === null ||
			(typeof value === 'string' && WITHHELD_WORDS.test(value));
		if (!normal)
			this.warn(
				field,
				'a phone number or a withheld-number word such as "anonymous"; taken as withheld',
			);
		return { number: null, e164: null, withheld: true };
	}

	/** Present with any of `fields`? An object with none of them is not this event. */
	carriesAny(fields: readonly string[]): boolean {
		return fields.some((field) => this.has(field));
	}
}

/** The refusal of a body that carries none of the event's documented fields. */
export function notThisEvent(name: string, fields: readonly string[]): EventCheck {
	return {
		ok: false,
		reason: `the body carries none of the ${name} fields (${fields.join(', ')})`,
	};
}

export interface NormalizeOptions {
	/** Calling code added to 9-digit local numbers for the E.164 fields (the provider's own). */
	defaultCountry?: string;
}
