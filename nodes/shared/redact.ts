// Secrets of these APIs travel in URL paths and query strings: everything that leaves a
// transport (error messages, descriptions, bodies) goes through here first.

export const REDACTED = '***';

/** Every spelling of a secret that can appear in a URL or a body. */
function secretForms(secret: string): string[] {
	const forms = new Set<string>([secret]);
	forms.add(encodeURIComponent(secret));
	forms.add(encodeURI(secret));
	forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
	return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of secretForms(secret)) {
			result = result.split(form).join(REDACTED);
		}
	}
	return result;
}

/** Deep copy of a JSON-like value with every secret replaced; non-plain objects become strings. */
export function redactValue<T>(value: T, secrets: Array<string | undefined>, depth = 0): T {
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (value === null || typeof value !== 'object' || depth > 8) return value;
	if (Buffer.isBuffer(value)) return redactText(value.toString('utf8'), secrets) as T;
	if (Array.isArray(value)) {
		return value.map((entry) => redactValue(entry, secrets, depth + 1)) as T;
	}
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		// Not `copy[key] = …`: for a "__proto__" key (an own property after JSON.parse) that sets
		// the copy's prototype instead, and the key vanishes from the output.
		Object.defineProperty(copy, key, {
			value: redactValue(entry, secrets, depth + 1),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return copy as T;
}
