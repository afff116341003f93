// UNIX times as the PBXs send them (seconds, sometimes milliseconds, as numbers or strings).

/** Seconds (or milliseconds, when the value is too large to be seconds) → ISO 8601 string. */
export function unixToIso(value: unknown): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(number) || number <= 0) return undefined;
	// Before 2286 in seconds a UNIX time has at most 10 digits; more means milliseconds.
	const milliseconds = number > 9_999_999_999 ? number : number * 1000;
	const date = new Date(milliseconds);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** "12" / 12 → 12; anything else → undefined. */
export function toSeconds(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	return Number.isFinite(number) && number >= 0 ? number : undefined;
}
