// UNIX times as the PBXs send them (seconds, sometimes milliseconds, as numbers or strings).

/** Seconds (or milliseconds, when the value is too large to be seconds) → ISO 8601 string. */
export function unixToIso(value: unknown): string | undefined {
	// Only numbers and text: String() of an object throws when its toString is not a function
	// ({"toString": {}} is valid JSON a PBX event may carry).
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	if (value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value.trim());
	if (!Number.isFinite(number) || number <= 0) return undefined;
	// Before 2286 in seconds a UNIX time has at most 10 digits; more means milliseconds.
	const milliseconds = number > 9_999_999_999 ? number : number * 1000;
	const date = new Date(milliseconds);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** "12" / 12 → 12; anything else → undefined. */
export function toSeconds(value: unknown): number | undefined {
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	if (value.toString().trim() === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value.trim());
	return Number.isFinite(number) && number >= 0 ? number : undefined;
}
