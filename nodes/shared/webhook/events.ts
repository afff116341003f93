// What each PBX event carries, and the clean item made of it. Pure functions shared by the
// AloVoice and Telediscount triggers: one normalizer per event shape, the field readers used by
// all of them.
//
// A PBX does not retry a webhook: an event refused here is lost for good. So a normalizer never
// refuses an event that carries any of its documented fields. A value that is missing, empty,
// null, zero, of the wrong type or not in the documented set becomes null (unknown codes and
// directions stay raw, with an "unknown (…)" name) and the item's `warnings` say which field was
// odd and how. The one refusal left: an object that carries none of the event's fields is not
// that event (a scanner, a wrong URL, another event's body) and gets ok: false.
// README "What the triggers accept" lists every row; test/triggers/oddEvents.test.ts tests them.
import type { Checked } from '../checked';
import { toE164 } from '../phone';
import { toSeconds, unixToIso } from '../time';

import type { Fields } from './body';
// A caller is withheld by the route rules' own rule, so an item says "withheld" exactly when no
// caller rule can match it: one rule, one place.
import { callerWithheld } from './route';

/** A normalized event (value: the item) or why the body is not this event: the package's one check result. */
export type EventCheck = Checked<Fields>;

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
	const key = String(code ?? '')
		.trim()
		.toUpperCase();
	return CALL_END_STATUSES[key] ?? `unknown (${key})`;
}

/** callstart's `type` values and their readable direction (shared/api/alovoice.md §3). */
export const CALL_DIRECTIONS: Record<string, string> = {
	inc: 'incoming',
	out: 'outgoing',
	int: 'internal',
};

/** The words PBXs write for a hidden caller; other digit-less values are withheld but odd. */
const WITHHELD_WORDS =
	/^\s*(|anonymous|anonym|private|restricted|unknown|unavailable|withheld|hidden|null|none|-)\s*$/i;

function show(value: unknown): string {
	if (value === undefined) return 'missing';
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Collects the item's warnings; each names the field, what came and what was expected. */
class Reader {
	readonly warnings: string[] = [];

	constructor(readonly fields: Fields) {}

	has(field: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.fields, field);
	}

	get(field: string): unknown {
		return this.has(field) ? this.fields[field] : undefined;
	}

	warn(field: string, expected: string, value = this.get(field)): null {
		const what =
			value === undefined
				? 'is missing'
				: value === null
					? 'is null'
					: value === ''
						? 'is empty'
						: `is ${show(value)}`;
		this.warnings.push(`${field} ${what}; expected ${expected}`);
		return null;
	}

	/** Text or a number, trimmed; empty → null. `quiet` fields are normal when absent. */
	text(field: string, expected: string, quiet = false): string | null {
		const value = this.get(field);
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (
			quiet &&
			(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		)
			return null;
		return this.warn(field, expected);
	}

	/** An id: digits or text; 0, empty and anything else → null with a warning. */
	id(field: string, quiet = false): string | null {
		const value = this.get(field);
		const id =
			typeof value === 'number' && Number.isFinite(value)
				? String(value)
				: typeof value === 'string'
					? value.trim()
					: '';
		if (id !== '' && !/^0+$/.test(id)) return id;
		if (quiet && (value === undefined || value === null || value === '')) return null;
		return this.warn(field, 'an id (digits or text)');
	}

	/** A UNIX time (seconds or ms). 0 / null / missing mean "no time": quiet ones are not odd. */
	time(field: string, quiet = false): { seconds: number | null; iso: string | null } {
		const value = this.get(field);
		const iso = unixToIso(value);
		if (iso !== undefined) return { seconds: toSeconds(value) ?? null, iso };
		const none =
			value === undefined ||
			value === null ||
			((typeof value === 'number' || typeof value === 'string') && Number(value) === 0);
		if (!(quiet && none)) this.warn(field, 'a UNIX time in seconds');
		return { seconds: null, iso: null };
	}

	/** A number of seconds, 0 or more. */
	seconds(field: string, quiet = false): number | null {
		const value = this.get(field);
		if (typeof value === 'number' || typeof value === 'string') {
			const seconds = toSeconds(value);
			if (seconds !== undefined) return seconds;
		}
		if (quiet && (value === undefined || value === null || value === '')) return null;
		return this.warn(field, 'a number of seconds (0 or more)');
	}

	/** A phone number as text (null when it has no digit), and its E.164 form. */
	phone(
		field: string,
		country: string,
		quiet = false,
	): { number: string | null; e164: string | null } {
		const value = this.get(field);
		if (
			(typeof value === 'string' && /\d/.test(value)) ||
			(typeof value === 'number' && Number.isFinite(value))
		) {
			const number = String(value).trim();
			return { number, e164: toE164(number, country) ?? null };
		}
		if (!(quiet && (value === undefined || value === null || value === '')))
			this.warn(field, 'a phone number');
		return { number: null, e164: null };
	}

	/**
	 * A caller: withheld (route.ts's callerWithheld) is normal, flagged without a warning, when
	 * it is absent or a word PBXs write for a hidden number; any other withheld value is odd.
	 */
	caller(
		field: string,
		country: string,
	): { number: string | null; e164: string | null; withheld: boolean } {
		const value = this.get(field);
		if (!callerWithheld(value)) {
			const number = String(value).trim();
			return { number, e164: toE164(number, country) ?? null, withheld: false };
		}
		const normal =
			value === undefined ||
			value === null ||
			(typeof value === 'string' && WITHHELD_WORDS.test(value));
		if (!normal)
			this.warn(
				field,
				'a phone number or a withheld-number word such as "anonymous"; taken as withheld',
			);
		return { number: null, e164: null, withheld: true };
	}

	/** Present with any of `fields`? An object with none of them is not this event. */
	carriesAny(fields: readonly string[]): boolean {
		return fields.some((field) => this.has(field));
	}
}

/** The documented fields of each event: a body with none of them is not that event. */
export const EVENT_FIELDS = {
	callStart: ['inner_phone', 'number', 'line', 'type', 'start_time'],
	callEnd: ['call_id', 'finish_time', 'duration', 'status_code', 'record'],
	callResult: [
		'id',
		'from_number',
		'to_number',
		'trunk_number',
		'begin_time',
		'answer_time',
		'end_time',
		'duration',
		'dialstatus',
		'record',
		'externalid',
		'attempts',
	],
	routeRequest: ['from_number', 'line_number', 'queue_number', 'direction'],
	telediscountStart: ['num_a', 'num_m', 'setup_time', 'api_call_id'],
	telediscountEnd: [
		'num_a',
		'num_m',
		'num_b',
		'setup_time',
		'api_call_id',
		'connection_time',
		'waiting_time',
		'price',
	],
} as const;

function notThisEvent(name: string, fields: readonly string[]): EventCheck {
	return {
		ok: false,
		reason: `the body carries none of the ${name} fields (${fields.join(', ')})`,
	};
}

export interface NormalizeOptions {
	/** Calling code added to 9-digit local numbers (998 for AloVoice, 7 for Telediscount). */
	defaultCountry?: string;
}

/** AloVoice callstart: `{ inner_phone, number, line, type, start_time }`. */
export function normalizeCallStart(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(EVENT_FIELDS.callStart))
		return notThisEvent('call started', EVENT_FIELDS.callStart);
	const country = options.defaultCountry ?? '998';
	// An incoming call that has not reached an extension yet plausibly has none: quiet.
	const innerPhone = read.id('inner_phone', true);
	const caller = read.caller('number', country);
	const line = read.phone('line', country);
	let type = read.text('type', 'inc, out or int');
	let direction: string | null = null;
	if (type !== null) {
		const known = CALL_DIRECTIONS[type.toLowerCase()];
		if (known) {
			type = type.toLowerCase();
			direction = known;
		} else {
			direction = `unknown (${type})`;
			read.warnings.push(
				`type is ${show(read.get('type'))}; expected inc, out or int (kept as sent)`,
			);
		}
	}
	const start = read.time('start_time');
	return {
		ok: true,
		value: {
			event: 'callStarted',
			innerPhone,
			number: caller.number,
			numberE164: caller.e164,
			numberWithheld: caller.withheld,
			line: line.number,
			lineE164: line.e164,
			direction,
			type,
			startTime: start.seconds,
			startTimeIso: start.iso,
			warnings: read.warnings,
		},
	};
}

/** AloVoice callend: `{ call_id, finish_time, duration, status_code, record }`. */
export function normalizeCallEnd(fields: Fields): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(EVENT_FIELDS.callEnd))
		return notThisEvent('call ended', EVENT_FIELDS.callEnd);
	const callId = read.id('call_id');
	const finish = read.time('finish_time');
	const duration = read.seconds('duration');
	const code = read.text('status_code', 'a status code such as 200, 304 or 603-S');
	const statusCode = code === null ? null : code.toUpperCase();
	const status = statusCode === null ? null : statusName(statusCode);
	if (statusCode !== null && !(statusCode in CALL_END_STATUSES)) {
		read.warnings.push(
			`status_code is ${show(read.get('status_code'))}; not a documented status code (kept as sent)`,
		);
	}
	// No recording is normal for a call nobody answered.
	const record = read.text('record', 'a recording URL', true);
	return {
		ok: true,
		value: {
			event: 'callEnded',
			callId,
			statusCode,
			status,
			answered: statusCode === '200',
			duration,
			finishTime: finish.seconds,
			finishTimeIso: finish.iso,
			record,
			warnings: read.warnings,
		},
	};
}

/** AloVoice call-request result (two-way / IVR call started by the Call operations). */
export function normalizeCallResult(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(EVENT_FIELDS.callResult))
		return notThisEvent('call-request result', EVENT_FIELDS.callResult);
	const country = options.defaultCountry ?? '998';
	// externalid exists only when the call was started with an extid: quiet; without both ids
	// the result cannot be joined to its call, which is worth a warning.
	const id = read.id('id', true);
	const externalId = read.id('externalid', true);
	if (id === null && externalId === null) {
		read.warnings.push(
			'id and externalid are both missing; the result cannot be joined to the call that was started',
		);
	}
	const from = read.phone('from_number', country);
	const to = read.phone('to_number', country);
	const trunk = read.text('trunk_number', 'the line number', true);
	const begin = read.time('begin_time');
	// A call nobody answered has no answer time (0, null or absent) and maybe no end time.
	const answer = read.time('answer_time', true);
	const end = read.time('end_time', true);
	const duration = read.seconds('duration');
	const dialStatus = read.text('dialstatus', 'the dial status (e.g. ANSWER, BUSY, NOANSWER)');
	// Without a dial status, an answer time is the only sign the call was answered.
	const answered =
		dialStatus !== null
			? /^ANSWER(ED)?$/i.test(dialStatus) || dialStatus === '200'
			: answer.seconds !== null;
	const record = read.text('record', 'a recording URL', true);
	const attempts = read.get('attempts');
	return {
		ok: true,
		value: {
			event: 'callRequestResult',
			id,
			externalId,
			fromNumber: from.number,
			fromNumberE164: from.e164,
			toNumber: to.number,
			toNumberE164: to.e164,
			trunkNumber: trunk,
			dialStatus,
			answered,
			duration,
			beginTime: begin.seconds,
			beginTimeIso: begin.iso,
			answerTime: answer.seconds,
			answerTimeIso: answer.iso,
			endTime: end.seconds,
			endTimeIso: end.iso,
			record,
			attempts: attempts === undefined ? null : attempts,
			warnings: read.warnings,
		},
	};
}

/** AloVoice route request ("API request" route type): `{ from_number, line_number, queue_number, direction }`. */
export function normalizeRouteRequest(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(EVENT_FIELDS.routeRequest))
		return notThisEvent('route request', EVENT_FIELDS.routeRequest);
	const country = options.defaultCountry ?? '998';
	const caller = read.caller('from_number', country);
	const line = read.phone('line_number', country);
	const queueValue = read.get('queue_number');
	let queueNumber: string | null = null;
	if (
		(typeof queueValue === 'number' && Number.isInteger(queueValue) && queueValue >= 0) ||
		(typeof queueValue === 'string' && /^\s*\d+\s*$/.test(queueValue))
	) {
		queueNumber = String(queueValue).trim();
	} else if (!(queueValue === undefined || queueValue === null || queueValue === '')) {
		read.warn('queue_number', 'the queue number (digits)');
	}
	const direction = read.text('direction', 'inc or out', true);
	if (direction !== null && !['inc', 'out'].includes(direction.toLowerCase())) {
		read.warnings.push(
			`direction is ${show(read.get('direction'))}; expected inc or out (kept as sent)`,
		);
	}
	return {
		ok: true,
		value: {
			event: 'routeRequest',
			fromNumber: caller.number,
			fromNumberE164: caller.e164,
			fromNumberWithheld: caller.withheld,
			lineNumber: line.number,
			lineNumberE164: line.e164,
			queueNumber,
			direction,
			warnings: read.warnings,
		},
	};
}

function telediscountStart(read: Reader, country: string): Fields {
	const caller = read.caller('num_a', country);
	const called = read.phone('num_m', country);
	const setup = read.time('setup_time');
	return {
		event: 'callStarted',
		callId: read.id('api_call_id'),
		caller: caller.number,
		callerE164: caller.e164,
		callerWithheld: caller.withheld,
		calledNumber: called.number,
		calledNumberE164: called.e164,
		setupTime: setup.seconds,
		setupTimeIso: setup.iso,
	};
}

/** Telediscount "start of an incoming call": `num_a, num_m, setup_time, api_call_id`. */
export function normalizeTelediscountStart(
	fields: Fields,
	options: NormalizeOptions = {},
): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(EVENT_FIELDS.telediscountStart))
		return notThisEvent('incoming call started', EVENT_FIELDS.telediscountStart);
	const item = telediscountStart(read, options.defaultCountry ?? '7');
	return { ok: true, value: { ...item, warnings: read.warnings } };
}

/** Telediscount "call finished": the start's fields plus num_b, connection/waiting time, price. */
export function normalizeTelediscountEnd(
	fields: Fields,
	options: NormalizeOptions = {},
): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(EVENT_FIELDS.telediscountEnd))
		return notThisEvent('call finished', EVENT_FIELDS.telediscountEnd);
	const country = options.defaultCountry ?? '7';
	const start = telediscountStart(read, country);
	// Nobody answered: no num_b is normal.
	const answeredBy = read.text('num_b', 'the number or SIP account that answered', true);
	const connection = read.seconds('connection_time');
	const waiting = read.seconds('waiting_time', true);
	const priceText = read.text('price', 'the price (a number)', true);
	const price =
		priceText !== null && Number.isFinite(Number(priceText)) ? Number(priceText) : priceText;
	return {
		ok: true,
		value: {
			...start,
			event: 'callEnded',
			answeredBy,
			answeredByE164: answeredBy === null ? null : (toE164(answeredBy, country) ?? null),
			callerRegion: read.text('code_name_num_a', 'the region name', true),
			answeredByRegion: read.text('code_name_num_b', 'the region name', true),
			connectionTime: connection,
			waitingTime: waiting,
			answered: connection !== null && connection > 0,
			price,
			warnings: read.warnings,
		},
	};
}
