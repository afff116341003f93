// Small pure conversions between the API's loosely typed values and clean output.
import { ApplicationError } from 'n8n-workflow';

/** An array answer whose entries are numbers or strings, as strings. */
export function toStringList(answer: unknown, what: string): string[] {
	if (!Array.isArray(answer)) {
		throw new ApplicationError(`AloVoice answered ${what} with something that is not a list`);
	}
	return answer.map((entry) => String(entry));
}

/** "5" → 5; anything that is not a plain decimal number stays as it came. */
export function toNumberIfNumeric(value: unknown): unknown {
	if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	return value;
}

/** "0"/"1"/0/1/"true"/"false" → boolean; anything else stays as it came. */
export function toBooleanIfClear(value: unknown): unknown {
	if (value === 0 || value === '0' || value === 'false' || value === false) return false;
	if (value === 1 || value === '1' || value === 'true' || value === true) return true;
	return value;
}

const YES = new Set(['1', 'true', 'yes', 'on']);
const NO = new Set(['0', 'false', 'no', 'off', '']);

/**
 * A yes/no flag the API sends as 1/0, "1"/"0", true/false, "true"/"false" or null: null,
 * missing and empty mean the flag is not set (false); a value of no such shape is unknown (null).
 */
export function flagOf(value: unknown): boolean | null {
	if (value === undefined || value === null) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'number' && typeof value !== 'string') return null;
	const text = String(value).trim().toLowerCase();
	if (YES.has(text)) return true;
	if (NO.has(text)) return false;
	return null;
}

/**
 * The id of a linked CRM user (an extension's amoCRM or Bitrix24 user), as text; null when not
 * linked: the API's example sends false, and null, 0, "" and a missing field read the same way.
 */
export function linkedIdOf(value: unknown): string | null {
	if (typeof value === 'number')
		return Number.isFinite(value) && value !== 0 ? String(value) : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text === '' || NO.has(text.toLowerCase()) ? null : text;
}

/**
 * Whether an extension is a paid one: the API's example has paystatus "free"; "paid" and the
 * flag shapes (1/"1"/true) read as paid, "free" and 0/"0"/false as not; null when it does not say.
 */
export function paidOf(value: unknown): boolean | null {
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'paid') return true;
		if (text === 'free') return false;
	}
	if (value === undefined || value === null) return null;
	return flagOf(value);
}
