// Reading a PBX event whatever way it was sent. Pure: it sees only what n8n hands a webhook
// node (req.rawBody, the parsed req.body, req.query, the content type), never the network.
//
// Why rawBody first: the vendor's examples post JSON with `curl --data`, and n8n's body parser
// then turns every `+` of a phone number into a space (docs/n8n-internals.md, "The body parser
// turns + into a space"). The raw bytes keep the number intact.

export type Fields = Record<string, unknown>;

export interface IncomingEvent {
	method?: string;
	headers?: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	body?: unknown;
	rawBody?: Buffer | string;
}

export type BodyFormat = 'json' | 'formJson' | 'formFields' | 'textJson' | 'query' | 'parsed';

export type BodyResult =
	| { ok: true; fields: Fields; format: BodyFormat }
	| { ok: false; status: number; reason: string };

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function header(event: IncomingEvent, name: string): string {
	const value = event.headers?.[name];
	return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * JSON as PBXs write it: a trailing comma before `}` or `]` is dropped first (the vendor's
 * examples have one). Commas inside strings are left alone: the scan skips string literals.
 */
export function parseLenientJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		// fall through to the tolerant pass
	}
	let out = '';
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			out += char;
			if (char === '\\') {
				out += text[++index] ?? '';
			} else if (char === '"') {
				inString = false;
			}
			continue;
		}
		if (char === '"') inString = true;
		if (char === ',') {
			const rest = text.slice(index + 1).trimStart();
			if (rest.startsWith('}') || rest.startsWith(']')) continue;
		}
		out += char;
	}
	try {
		return { ok: true, value: JSON.parse(out) };
	} catch {
		return { ok: false };
	}
}

function isPlainObject(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJsonText(text: string, format: BodyFormat): BodyResult {
	const parsed = parseLenientJson(text);
	if (!parsed.ok) return { ok: false, status: 400, reason: 'The body is not valid JSON.' };
	if (!isPlainObject(parsed.value)) {
		return {
			ok: false,
			status: 400,
			reason: 'The body must be a JSON object with the event fields.',
		};
	}
	return { ok: true, fields: parsed.value, format };
}

function queryFields(event: IncomingEvent, drop: string[]): Fields {
	const fields: Fields = {};
	for (const [key, value] of Object.entries(event.query ?? {})) {
		if (drop.includes(key)) continue;
		fields[key] = Array.isArray(value) ? value[0] : value;
	}
	return fields;
}

type Refused = Extract<BodyResult, { ok: false }>;

const tooLarge = (bytes: number, maxBytes: number): Refused => ({
	ok: false,
	status: 413,
	reason: `The body is ${bytes} bytes; at most ${maxBytes} are accepted.`,
});

/** The body as text (the raw bytes n8n keeps, else a string body), or the 413 for its size. */
function bodyText(
	event: IncomingEvent,
	maxBytes: number,
): { ok: true; raw: string | undefined } | Refused {
	let raw: string | undefined;
	if (event.rawBody !== undefined) {
		const bytes = Buffer.isBuffer(event.rawBody)
			? event.rawBody.length
			: Buffer.byteLength(event.rawBody);
		if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
		raw = event.rawBody.toString();
	} else if (typeof event.body === 'string') {
		raw = event.body;
	}
	const declared = Number(header(event, 'content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(declared, maxBytes);
	return { ok: true, raw };
}

/** A body's text: JSON (whatever the content type says) or form fields. */
function fromBodyText(raw: string, contentType: string): BodyResult {
	const text = raw.replace(/^\uFEFF/, '').trim();
	if (text.startsWith('{') || text.startsWith('[')) {
		const format: BodyFormat =
			contentType === 'application/json'
				? 'json'
				: contentType === 'application/x-www-form-urlencoded'
					? 'formJson'
					: 'textJson';
		return fromJsonText(text, format);
	}
	if (
		contentType === 'application/x-www-form-urlencoded' ||
		(/^[\w.%-]+=/.test(text) && !contentType.startsWith('text/'))
	) {
		const fields: Fields = {};
		for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
		return { ok: true, fields, format: 'formFields' };
	}
	return { ok: false, status: 400, reason: 'The body is neither JSON nor form fields.' };
}

/**
 * The event's fields from the body (JSON, form-encoded JSON text, form fields, text/plain JSON)
 * or, when there is no body, from the query string. `dropQuery` names query parameters that are
 * not event fields (the shared secret), so they never reach an item.
 */
export function readEventFields(
	event: IncomingEvent,
	options: { maxBytes?: number; dropQuery?: string[] } = {},
): BodyResult {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
	const contentType = header(event, 'content-type').split(';')[0].trim().toLowerCase();
	const body = bodyText(event, maxBytes);
	if (!body.ok) return body;
	if (body.raw !== undefined && body.raw.trim() !== '') return fromBodyText(body.raw, contentType);

	// No raw body (n8n always keeps one; this covers callers that only pass the parsed body).
	if (isPlainObject(event.body) && Object.keys(event.body).length > 0) {
		const keys = Object.keys(event.body);
		if (keys.length === 1 && keys[0].trim().startsWith('{') && !event.body[keys[0]]) {
			return fromJsonText(keys[0], 'formJson');
		}
		return { ok: true, fields: event.body, format: 'parsed' };
	}

	const query = queryFields(event, options.dropQuery ?? []);
	if (Object.keys(query).length > 0) return { ok: true, fields: query, format: 'query' };
	return {
		ok: false,
		status: 400,
		reason: 'The request carries no event: the body and the query string are empty.',
	};
}
