// Pure checks and conversions for Telediscount's values: no n8n here, so unit tests need none.
import type { Checked } from '../../shared/checked';
import { compactPhone, toE164 } from '../../shared/phone';
import { answerValue } from '../../shared/refusal';
import { toSeconds, unixToIso } from '../../shared/time';
import type { TelediscountCall, TelediscountCallRecord } from './interfaces';

/** A SIP account as Telediscount names it: `SIP/00000000672` (the prefix's case is forgiven). */
export function checkSipAccount(value: unknown, field: string): Checked {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = /^sip\/([A-Za-z0-9_.-]+)$/i.exec(text);
	if (match) return { ok: true, value: `SIP/${match[1]}` };
	const hint = /^\d+$/.test(text) ? ` Did you mean SIP/${text}?` : '';
	return {
		ok: false,
		reason: `${field}: "${text}" is not a SIP account. Use the SIP account's name as Telediscount shows it, e.g. SIP/00000000672.${hint}`,
	};
}

/**
 * A number in Telediscount's "universal format": country code and number, digits only
 * (74951234567). People's `+7 …`, `8 (495) …`, spaces, dashes and brackets are accepted;
 * a 10-digit Russian number gets its 7.
 */
export function checkUniversalNumber(value: unknown, field: string): Checked {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const refuse: Checked = {
		ok: false,
		reason: `${field}: "${text}" is not a phone number in universal format. Use the country code and the number, digits only, e.g. 74951234567 (+7 495 123-45-67 and 8 495 123-45-67 are accepted too).`,
	};
	if (!/^\+?[\d\s().-]+$/.test(text)) return refuse;
	const compact = compactPhone(text);
	const digits = compact.replace(/^\+/, '');
	if (!compact.startsWith('+')) {
		if (/^8\d{10}$/.test(digits)) return { ok: true, value: `7${digits.slice(1)}` };
		if (/^9\d{9}$/.test(digits)) return { ok: true, value: `7${digits}` };
	}
	if (/^[1-9]\d{10,14}$/.test(digits)) return { ok: true, value: digits };
	return refuse;
}

/** A call ID as Telediscount gives it (api_call_id): letters, digits and a few separators. */
export function checkCallId(value: unknown, field: string): Checked {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (/^[A-Za-z0-9_.:-]{1,128}$/.test(text)) return { ok: true, value: text };
	return {
		ok: false,
		reason: `${field}: "${text}" is not a call ID. Use the ID as Telediscount gives it, letters and digits, e.g. c1f926a8f5727b77f9cbf39d8f35d061.`,
	};
}

/** An optional filter: empty stays empty; a phone-looking value is sent in universal format. */
export function filterNumber(value: unknown, field: string): Checked {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') return { ok: true, value: '' };
	if (/^sip\//i.test(text)) return checkSipAccount(text, field);
	return checkUniversalNumber(text, field);
}

/** E.164 of a Telediscount number; its SIP accounts and short numbers have none. */
export function telediscountE164(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const digits = compactPhone(String(value)).replace(/^\+/, '');
	// 9 digits are an Uzbek local number to toE164, never a Russian one.
	if (digits.length < 10) return undefined;
	if (/^9\d{9}$/.test(digits) && !String(value).trim().startsWith('+')) return `+7${digits}`;
	return toE164(value, '7');
}

export interface CallIdAnswer {
	callId: string | null;
	raw: unknown;
}

const ID_KEYS = ['api_call_id', 'call_id', 'callId', 'id', 'uniqueid'];

/**
 * The call id in outcome's answer, whose shape the API page does not keep: a JSON object
 * (`{"api_call_id": …}`, `{"id": …}`, or these inside `data`/`result`), a JSON string or
 * number, or the id as plain text. `null` when none is recognisable (`OK`, an empty body, an
 * HTML page); the raw answer is kept as data (JSON, text, or `null` when empty).
 */
export function parseCallIdAnswer(text: string): CallIdAnswer {
	const raw = answerValue(text);
	return { callId: findId(raw, 0), raw };
}

/** An id as text: letters, digits and a few separators, with at least one digit ("OK" and "queued" are words, not ids). */
const ID_TEXT = /^(?=[^\d]*\d)[A-Za-z0-9_.:-]{1,128}$/;

function findId(value: unknown, depth: number): string | null {
	if (typeof value === 'string') return ID_TEXT.test(value.trim()) ? value.trim() : null;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value === null || typeof value !== 'object' || Array.isArray(value) || depth > 2) return null;
	const object = value as Record<string, unknown>;
	for (const key of ID_KEYS) {
		if (object[key] === undefined || object[key] === null || typeof object[key] === 'object')
			continue;
		const id = findId(object[key], depth + 1);
		if (id) return id;
	}
	for (const key of ['data', 'result', 'response']) {
		const inner = object[key];
		// `"result": "ok"` is a status, not an id: ids carry digits.
		if (typeof inner === 'string' && !/\d/.test(inner)) continue;
		if (inner !== undefined) {
			const id = findId(inner, depth + 1);
			if (id) return id;
		}
	}
	return null;
}

function isRecord(value: unknown): value is TelediscountCallRecord {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function looksLikeCall(value: unknown): boolean {
	return isRecord(value) && ('api_call_id' in value || 'setup_time' in value || 'num_a' in value);
}

/**
 * The records of get_calls' answer: a JSON array, an object holding one (`calls`, `data`,
 * `result`), a PHP associative array keyed by index, or one record; `null` when the answer
 * is none of these.
 */
export function callRecords(answer: unknown): TelediscountCallRecord[] | null {
	if (answer === null || answer === '' || answer === false) return [];
	if (Array.isArray(answer)) return answer.filter(isRecord);
	if (!isRecord(answer)) return null;
	if (looksLikeCall(answer)) return [answer];
	for (const key of ['calls', 'data', 'result', 'items']) {
		const inner = answer[key];
		if (Array.isArray(inner) || (isRecord(inner) && !looksLikeCall(answer))) {
			const records = callRecords(inner);
			if (records) return records;
		}
	}
	const values = Object.values(answer);
	if (values.length === 0) return [];
	if (values.every(looksLikeCall)) return values as TelediscountCallRecord[];
	return null;
}

const KINDS: Record<string, string> = {
	ivr: 'ivr',
	sip_outcome: 'outgoing',
	sip_internal: 'internal',
};

function text(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function number(value: unknown): number | null {
	return toSeconds(value) ?? null;
}

/** "12.50" → 12.5; a price that is not a plain number stays as it came. */
function price(value: unknown): number | string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number') return value;
	const normal = String(value).trim().replace(',', '.');
	return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : String(value);
}

/** A get_calls record with readable names, numbers as numbers and the time as ISO. */
export function toCall(record: TelediscountCallRecord): TelediscountCall {
	const serviceName = text(record.service_name);
	return {
		callId: text(record.api_call_id),
		accountId: text(record.abonent_id),
		kind: serviceName === null ? null : (KINDS[serviceName] ?? serviceName),
		serviceName,
		startedAt: unixToIso(record.setup_time) ?? null,
		caller: text(record.num_a),
		callerE164: telediscountE164(record.num_a) ?? null,
		callerRegion: text(record.code_name_num_a),
		calledNumber: text(record.num_m),
		calledNumberE164: telediscountE164(record.num_m) ?? null,
		answeredBy: text(record.num_b),
		answeredByE164: telediscountE164(record.num_b) ?? null,
		answeredByName: text(record.code_name_num_b),
		talkSeconds: number(record.connection_time),
		callerTalkSeconds: number(record.num_a_connection_time),
		answeredByTalkSeconds: number(record.num_b_connection_time),
		callerWaitSeconds: number(record.num_a_waiting_time),
		answeredByWaitSeconds: number(record.num_b_waiting_time),
		recordingFile: text(record.recorder_file),
		price: price(record.price),
		raw: record,
	};
}
