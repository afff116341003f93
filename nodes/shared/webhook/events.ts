// What each PBX event must contain, and the clean item made of it. Pure functions shared by
// the AloVoice and Telediscount triggers: one validator/normalizer per event shape, the field
// helpers used by both.
import { toE164 } from '../phone';
import { toSeconds, unixToIso } from '../time';

import type { Fields } from './body';

export type EventCheck = { ok: true; item: Fields } | { ok: false; reason: string };

/** AloVoice's callend status codes (shared/api/alovoice.md §3), in the table's order. */
export const CALL_END_STATUSES: Record<string, string> = {
	'200': 'answered',
	'304': 'missed',
	'603': 'declined',
	'603-S': 'cancelled',
	'403': 'forbidden',
	'404': 'wrong number',
	'486': 'busy',
	'484': 'direction unavailable',
	'503': 'direction unavailable',
	'480': 'temporarily unavailable',
	'402': 'insufficient funds',
	'423': 'blocked',
	OTHER: 'undetermined',
};

/** The status's readable name; unknown codes are kept and named "unknown (<code>)". */
export function statusName(code: unknown): string {
	const key = String(code ?? '').trim().toUpperCase();
	return CALL_END_STATUSES[key] ?? `unknown (${key})`;
}

type Kind = 'integer' | 'id' | 'text' | 'phone' | 'unix' | 'seconds';

interface Rule {
	field: string;
	kind: Kind;
	required: boolean;
}

function isInteger(value: unknown): boolean {
	return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^\s*\d+\s*$/.test(value));
}

function describe(kind: Kind): string {
	switch (kind) {
		case 'integer':
			return 'an integer (number or digits)';
		case 'id':
			return 'an id (digits or text)';
		case 'text':
			return 'text';
		case 'phone':
			return 'a phone number';
		case 'unix':
			return 'a UNIX time in seconds';
		case 'seconds':
			return 'a number of seconds';
	}
}

function valid(kind: Kind, value: unknown): boolean {
	switch (kind) {
		case 'integer':
			return isInteger(value);
		case 'id':
			return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '');
		case 'text':
			return typeof value === 'string' || typeof value === 'number';
		case 'phone':
			return (typeof value === 'string' && /\d/.test(value)) || (typeof value === 'number' && Number.isFinite(value));
		case 'unix':
			return unixToIso(value) !== undefined;
		case 'seconds':
			return toSeconds(value) !== undefined;
	}
}

/** Checks the rules; the reason names each wrong field and the form expected. */
function check(fields: Fields, rules: Rule[]): string | undefined {
	const problems: string[] = [];
	for (const rule of rules) {
		const value = fields[rule.field];
		const missing = value === undefined || value === null || value === '';
		if (missing) {
			if (rule.required) problems.push(`${rule.field} is missing (expected ${describe(rule.kind)})`);
			continue;
		}
		if (!valid(rule.kind, value)) problems.push(`${rule.field} must be ${describe(rule.kind)}, got ${JSON.stringify(value).slice(0, 40)}`);
	}
	return problems.length ? problems.join('; ') : undefined;
}

function num(value: unknown): number | undefined {
	return toSeconds(value);
}

function str(value: unknown): string | undefined {
	return value === undefined || value === null || value === '' ? undefined : String(value).trim();
}

function clean(item: Fields): Fields {
	const out: Fields = {};
	for (const [key, value] of Object.entries(item)) if (value !== undefined) out[key] = value;
	return out;
}

export interface NormalizeOptions {
	/** Calling code added to 9-digit local numbers (998 for AloVoice, 7 for Telediscount). */
	defaultCountry?: string;
}

/** AloVoice callstart: `{ inner_phone, number, line, type, start_time }`. */
export function normalizeCallStart(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const problem = check(fields, [
		{ field: 'inner_phone', kind: 'integer', required: false },
		{ field: 'number', kind: 'phone', required: true },
		{ field: 'line', kind: 'text', required: false },
		{ field: 'type', kind: 'text', required: true },
		{ field: 'start_time', kind: 'unix', required: true },
	]);
	if (problem) return { ok: false, reason: problem };
	const type = String(fields.type).trim();
	if (!['inc', 'out', 'int'].includes(type)) return { ok: false, reason: `type must be inc, out or int, got "${type}"` };
	const country = options.defaultCountry ?? '998';
	return {
		ok: true,
		item: clean({
			event: 'callStarted',
			innerPhone: str(fields.inner_phone),
			number: str(fields.number),
			numberE164: toE164(fields.number, country),
			line: str(fields.line),
			lineE164: toE164(fields.line, country),
			direction: type === 'inc' ? 'incoming' : type === 'out' ? 'outgoing' : 'internal',
			type,
			startTime: num(fields.start_time),
			startTimeIso: unixToIso(fields.start_time),
		}),
	};
}

/** AloVoice callend: `{ call_id, finish_time, duration, status_code, record }`. */
export function normalizeCallEnd(fields: Fields): EventCheck {
	const problem = check(fields, [
		{ field: 'call_id', kind: 'id', required: true },
		{ field: 'finish_time', kind: 'unix', required: true },
		{ field: 'duration', kind: 'seconds', required: true },
		{ field: 'status_code', kind: 'text', required: true },
		{ field: 'record', kind: 'text', required: false },
	]);
	if (problem) return { ok: false, reason: problem };
	const code = String(fields.status_code).trim().toUpperCase();
	return {
		ok: true,
		item: clean({
			event: 'callEnded',
			callId: str(fields.call_id),
			statusCode: code,
			status: statusName(code),
			answered: code === '200',
			duration: num(fields.duration),
			finishTime: num(fields.finish_time),
			finishTimeIso: unixToIso(fields.finish_time),
			record: str(fields.record),
		}),
	};
}

/** AloVoice call-request result (two-way / IVR call started by the Call operations). */
export function normalizeCallResult(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const problem = check(fields, [
		{ field: 'id', kind: 'id', required: false },
		{ field: 'from_number', kind: 'text', required: false },
		{ field: 'to_number', kind: 'text', required: false },
		{ field: 'begin_time', kind: 'unix', required: false },
		{ field: 'answer_time', kind: 'unix', required: false },
		{ field: 'end_time', kind: 'unix', required: false },
		{ field: 'duration', kind: 'seconds', required: false },
		{ field: 'dialstatus', kind: 'text', required: true },
		{ field: 'externalid', kind: 'id', required: false },
	]);
	if (problem) return { ok: false, reason: problem };
	if (fields.id === undefined && fields.externalid === undefined) {
		return { ok: false, reason: 'id or externalid is missing (expected the call id or the extid given at the start)' };
	}
	const country = options.defaultCountry ?? '998';
	const dialstatus = String(fields.dialstatus).trim();
	return {
		ok: true,
		item: clean({
			event: 'callRequestResult',
			id: str(fields.id),
			externalId: str(fields.externalid),
			fromNumber: str(fields.from_number),
			fromNumberE164: toE164(fields.from_number, country),
			toNumber: str(fields.to_number),
			toNumberE164: toE164(fields.to_number, country),
			trunkNumber: str(fields.trunk_number),
			dialStatus: dialstatus,
			answered: /^ANSWER(ED)?$/i.test(dialstatus) || dialstatus === '200',
			duration: num(fields.duration),
			beginTime: num(fields.begin_time),
			beginTimeIso: unixToIso(fields.begin_time),
			answerTime: num(fields.answer_time),
			answerTimeIso: unixToIso(fields.answer_time),
			endTime: num(fields.end_time),
			endTimeIso: unixToIso(fields.end_time),
			record: str(fields.record),
			attempts: fields.attempts,
		}),
	};
}

/** AloVoice route request ("API request" route type): `{ from_number, line_number, queue_number, direction }`. */
export function normalizeRouteRequest(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const problem = check(fields, [
		{ field: 'from_number', kind: 'phone', required: true },
		{ field: 'line_number', kind: 'text', required: false },
		{ field: 'queue_number', kind: 'integer', required: false },
		{ field: 'direction', kind: 'text', required: false },
	]);
	if (problem) return { ok: false, reason: problem };
	const country = options.defaultCountry ?? '998';
	return {
		ok: true,
		item: clean({
			event: 'routeRequest',
			fromNumber: str(fields.from_number),
			fromNumberE164: toE164(fields.from_number, country),
			lineNumber: str(fields.line_number),
			lineNumberE164: toE164(fields.line_number, country),
			queueNumber: str(fields.queue_number),
			direction: str(fields.direction),
		}),
	};
}

/** Telediscount "start of an incoming call": `num_a, num_m, setup_time, api_call_id`. */
export function normalizeTelediscountStart(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const problem = check(fields, [
		{ field: 'num_a', kind: 'phone', required: true },
		{ field: 'num_m', kind: 'phone', required: false },
		{ field: 'setup_time', kind: 'unix', required: true },
		{ field: 'api_call_id', kind: 'id', required: true },
	]);
	if (problem) return { ok: false, reason: problem };
	const country = options.defaultCountry ?? '7';
	return {
		ok: true,
		item: clean({
			event: 'callStarted',
			callId: str(fields.api_call_id),
			caller: str(fields.num_a),
			callerE164: toE164(fields.num_a, country),
			calledNumber: str(fields.num_m),
			calledNumberE164: toE164(fields.num_m, country),
			setupTime: num(fields.setup_time),
			setupTimeIso: unixToIso(fields.setup_time),
		}),
	};
}

/** Telediscount "call finished": the start's fields plus num_b, connection/waiting time, price. */
export function normalizeTelediscountEnd(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const start = normalizeTelediscountStart(fields, options);
	if (!start.ok) return start;
	const problem = check(fields, [
		{ field: 'num_b', kind: 'text', required: false },
		{ field: 'connection_time', kind: 'seconds', required: true },
		{ field: 'waiting_time', kind: 'seconds', required: false },
		{ field: 'price', kind: 'text', required: false },
	]);
	if (problem) return { ok: false, reason: problem };
	const country = options.defaultCountry ?? '7';
	const connection = num(fields.connection_time) ?? 0;
	const price = str(fields.price);
	return {
		ok: true,
		item: clean({
			...start.item,
			event: 'callEnded',
			answeredBy: str(fields.num_b),
			answeredByE164: toE164(fields.num_b, country),
			callerRegion: str(fields.code_name_num_a),
			answeredByRegion: str(fields.code_name_num_b),
			connectionTime: connection,
			waitingTime: num(fields.waiting_time),
			answered: connection > 0,
			price: price !== undefined && Number.isFinite(Number(price)) ? Number(price) : price,
		}),
	};
}
