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
