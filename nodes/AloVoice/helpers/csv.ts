// The recipients CSV of an autodial campaign, built without n8n so it can be tested and benchmarked alone.
//
// Layout (AloVoice's page does not document one, so this is our choice, also written in
// docs/alovoice.md, "Campaign (autodial)"): one recipient per line, the phone number in the first column,
// optional extra columns after it; no header row unless asked for; lines end with LF and the
// last line has no line end, so a reader that splits on newlines finds no empty recipient.
// Fields are quoted as RFC 4180 says: a field holding a comma, a double quote, CR or LF is
// put in double quotes, and its double quotes are doubled.

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted only when RFC 4180 requires it. */
export function csvField(value: unknown): string {
	const text = csvText(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text of a value in a CSV cell: objects as JSON, null/undefined as an empty cell. */
export function csvText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (value instanceof Date) return value.toISOString();
	return JSON.stringify(value);
}

export const CSV_LINE_END = '\n';

/** Rows (arrays of cells) as CSV text, with an optional header row first. */
export function buildCsv(rows: unknown[][], header?: string[]): string {
	const lines: string[] = new Array(rows.length + (header ? 1 : 0));
	let index = 0;
	if (header) lines[index++] = header.map(csvField).join(',');
	for (const row of rows) {
		// A single phone column is the common case: skip the inner map/join for it.
		lines[index++] = row.length === 1 ? csvField(row[0]) : row.map(csvField).join(',');
	}
	return lines.join(CSV_LINE_END);
}

/**
 * The number of records in CSV text: line ends inside quoted fields do not count, empty lines
 * do not count. Used to report how many rows a user's own CSV file uploaded.
 */
export function countCsvRecords(text: string): number {
	let records = 0;
	let quoted = false;
	let lineHasContent = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (char === 34 /* " */) {
			quoted = !quoted;
			lineHasContent = true;
		} else if (!quoted && (char === 10 /* \n */ || char === 13) /* \r */) {
			if (lineHasContent) records++;
			lineHasContent = false;
		} else if (char !== 32 && char !== 9) {
			lineHasContent = true;
		}
	}
	if (lineHasContent) records++;
	return records;
}
