// What the event unit tests share: an event's normalizer run on its documented sample, or on the
// sample with fields replaced or removed. A refusal fails the test with its reason.
import type { Fields } from '../../nodes/shared/webhook/body';

type Normalized<T> = { ok: true; value: T } | { ok: false; reason: string };

export function normalizedBy<T>(normalize: (fields: Fields) => Normalized<T>, sample: Fields) {
	function item(fields: Fields): T {
		const result = normalize(fields);
		if (!result.ok) throw new Error(result.reason);
		return result.value;
	}
	/** The sample with fields replaced (or removed, for `undefined`). */
	function withFields(changes: Record<string, unknown>): T {
		const fields: Fields = { ...sample };
		for (const [field, value] of Object.entries(changes)) {
			if (value === undefined) delete fields[field];
			else fields[field] = value;
		}
		return item(fields);
	}
	const withField = (field: string, value: unknown) => withFields({ [field]: value });
	return { item, withFields, withField };
}
