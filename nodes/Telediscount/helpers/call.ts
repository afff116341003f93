// One Telediscount call, one shape: the record get_calls lists and the "incoming call started" /
// "call finished" notifications carry the same fields (shared/api/telediscount.md), and this file
// turns any of them into the one item Call → Get Many (version 2) and the Telediscount Trigger
// (version 2) output. Pure: fields in, item and warnings out; no n8n here.
import { compactPhone } from '../../shared/phone';

/** The fields as they arrive: query parameters, a form, JSON or a get_calls record. */
export type CallFields = Record<string, unknown>;

/** Where the fields come from; it decides which absent fields are odd (documented there). */
export type CallSource = 'incomingCall' | 'callFinished' | 'callList';

/** The fields each source documents (shared/api/telediscount.md), in the page's order. */
export const CALL_SOURCE_FIELDS: Record<CallSource, readonly string[]> = {
	incomingCall: ['num_a', 'num_m', 'setup_time', 'api_call_id'],
	callFinished: [
		'num_a',
		'num_m',
		'num_b',
		'setup_time',
		'connection_time',
		'waiting_time',
		'api_call_id',
		'code_name_num_a',
		'code_name_num_b',
		'price',
	],
	callList: [
		'abonent_id',
		'setup_time',
		'service_name',
		'num_a',
		'code_name_num_a',
		'num_m',
		'num_b',
		'code_name_num_b',
		'num_a_connection_time',
		'num_b_connection_time',
		'connection_time',
		'num_a_waiting_time',
		'num_b_waiting_time',
		'recorder_file',
		'price',
		'api_call_id',
	],
};

/** A call as both Telediscount nodes output it (version 2); every key is always there. */
export interface TelediscountCallItem {
	/** api_call_id */
	callId: string | null;
	/** abonent_id (call list only) */
	accountId: string | null;
	/** service_name read: `ivr`, `outgoing` (sip_outcome), `internal` (sip_internal), others as sent. */
	kind: string | null;
	/** service_name as sent */
	serviceName: string | null;
	/** setup_time in UNIX seconds */
	startTime: number | null;
	/** setup_time as ISO 8601, UTC */
	startTimeIso: string | null;
	/** num_a as sent (a number or a SIP account) */
	caller: string | null;
	callerE164: string | null;
	/** No usable num_a: absent, empty, "anonymous" and the like, only zeros. */
	callerWithheld: boolean;
	/** code_name_num_a: the region and operator of a number, the user of a SIP account. */
	callerName: string | null;
	/** num_m: the account's number that was called */
	calledNumber: string | null;
	calledNumberE164: string | null;
	/** num_b: who answered (a SIP account or a number) */
	answeredBy: string | null;
	answeredByE164: string | null;
	/** code_name_num_b */
	answeredByName: string | null;
	/**
	 * connection_time or num_b_connection_time above 0; false when those known are 0; null when
	 * neither came (the incoming-call notification).
	 */
	answered: boolean | null;
	/** connection_time: talk time between caller and answerer */
	talkSeconds: number | null;
	/** waiting_time (call finished only) */
	waitSeconds: number | null;
	/** num_a_connection_time, num_b_connection_time (call list only) */
	callerTalkSeconds: number | null;
	answeredByTalkSeconds: number | null;
	/** num_a_waiting_time, num_b_waiting_time (call list only) */
	callerWaitSeconds: number | null;
	answeredByWaitSeconds: number | null;
	/** recorder_file; null when the call has none */
	recordingFile: string | null;
	/** price as a number; a decimal comma is read as a decimal point */
	price: number | null;
}

export interface TelediscountCallReading {
	item: TelediscountCallItem;
	/** One line per odd field: `<field> is <value>; expected <what>`. */
	warnings: string[];
}

// ——— E.164 ———

/** A national number of zone +7: Russia (3xx, 4xx, 8xx, 9xx) and Kazakhstan (6xx, 7xx). */
const ZONE_7_NATIONAL = /^[346789]\d{9}$/;
/** A 10-digit number without a prefix is read as Russian national only for Russia's own ranges. */
const RUSSIAN_NATIONAL = /^[3489]\d{9}$/;
/** What people and PBXs put between digits: spaces (no-break and thin ones too), dashes, dots, brackets. */
const FORMATTING = /[\s\u00a0\u2009\u202f\-.()]/g;

/**
 * The E.164 form of a number in a Telediscount record, or null when it is not a phone number.
 * Telediscount is Russian and writes numbers in "universal format" (country code and digits,
 * 79039998877); people add `+`, `8`, spaces, dashes and brackets. The rule, in order:
 *
 * - anything with a letter or a sign other than a leading `+` (a SIP account `SIP/00000000672`,
 *   `tel:`, `*21#`, `доб. 12`) → null; spaces, dashes, dots and brackets are removed first;
 * - `+` and digits → as written; `00` + digits and `810` + 9 or more digits (the international
 *   prefixes) → `+` and the rest;
 * - 11 digits starting with `7` or `8` (universal format, or the Russian trunk prefix 8) whose
 *   last 10 are a +7 number (first digit 3, 4, 6, 7, 8 or 9) → `+7` and those 10; an 11-digit
 *   number starting with 8 that is not one (`82212345678`) is read as universal format (+82…);
 * - 10 digits starting with 3, 4, 8 or 9 (a Russian national number, as operators deliver caller
 *   ids) → `+7` and the 10; 10 to 15 other digits not starting with 0 → universal format, `+` and
 *   the digits (a foreign number with its country code: 998994412860 → +998994412860);
 * - 9 digits or fewer (extensions, short service numbers, an Uzbek local number) → null: no
 *   country is guessed;
 * - last, every result must be `+` and 8 to 15 digits, and a `+7` result must be `+7` and a
 *   zone-7 national number (10 digits, first 3, 4, 6, 7, 8 or 9); otherwise null. Foreign numbers
 *   are checked for their length only.
 *
 * So a 10-digit foreign number written without `+` (4930123456, Berlin) is taken as Russian
 * (+74930123456, a number in Ivanovo): Telediscount's own records carry the country code.
 */
export function callNumberE164(value: unknown): string | null {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value <= 0) return null;
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return null;
	}
	const compact = text.replace(FORMATTING, '');
	if (!/^\+?\d+$/.test(compact)) return null;
	return checkedE164(candidateE164(compactPhone(compact)));
}

function candidateE164(compact: string): string | null {
	if (compact.startsWith('+')) return compact;
	const digits = compact;
	if (digits.startsWith('00')) return `+${digits.slice(2)}`;
	if (digits.startsWith('810') && digits.length >= 12) return `+${digits.slice(3)}`;
	if (digits.length === 11 && /^[78]/.test(digits) && ZONE_7_NATIONAL.test(digits.slice(1)))
		return `+7${digits.slice(1)}`;
	if (digits.length === 10 && RUSSIAN_NATIONAL.test(digits)) return `+7${digits}`;
	if (digits.length >= 10 && digits.length <= 15 && !digits.startsWith('0')) return `+${digits}`;
	return null;
}

function checkedE164(candidate: string | null): string | null {
	if (candidate === null || !/^\+[1-9]\d{7,14}$/.test(candidate)) return null;
	if (candidate.startsWith('+7') && !ZONE_7_NATIONAL.test(candidate.slice(2))) return null;
	return candidate;
}

// ——— Reading the fields ———

/** A value as a warning quotes it: JSON, cut at 40 characters. */
function show(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Reads one field at a time and collects the warnings, in the triggers' format:
 * `<field> is missing | is null | is empty | is <value>; expected <what>`. A blank field is odd
 * only when the source documents it and it is not `quiet` (normal when absent); a field that is
 * present with a value of the wrong form is always odd.
 */
class CallReader {
	readonly warnings: string[] = [];

	constructor(
		private readonly fields: CallFields,
		private readonly documented: readonly string[],
	) {}

	get(field: string): unknown {
		return Object.prototype.hasOwnProperty.call(this.fields, field)
			? this.fields[field]
			: undefined;
	}

	warn(field: string, expected: string, note = ''): null {
		const value = this.get(field);
		const what =
			value === undefined
				? 'is missing'
				: value === null
					? 'is null'
					: typeof value === 'string' && value.trim() === ''
						? 'is empty'
						: `is ${show(value)}`;
		this.warnings.push(`${field} ${what}; expected ${expected}${note}`);
		return null;
	}

	/** null for a blank field, with a warning when the field should have been there. */
	blank(field: string, expected: string, quiet: boolean): null {
		if (quiet || !this.documented.includes(field)) return null;
		return this.warn(field, expected);
	}

	/** Text or a finite number, trimmed. */
	text(field: string, expected: string, quiet = false): string | null {
		const value = this.get(field);
		if (isBlank(value)) return this.blank(field, expected, quiet);
		if (typeof value === 'string') return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		return this.warn(field, expected);
	}

	/** An id: text or digits; only zeros is no id. */
	id(field: string): string | null {
		const id = this.text(field, 'an id (letters and digits)');
		if (id !== null && /^0+$/.test(id)) return this.warn(field, 'an id (letters and digits)');
		return id;
	}

	/** A number of seconds, 0 or more: a number or digits ("12", "12.5"). */
	seconds(field: string, quiet = false): number | null {
		const expected = 'a number of seconds (0 or more)';
		const value = this.get(field);
		if (isBlank(value)) return this.blank(field, expected, quiet);
		const number = plainNumber(value);
		if (number === null || number < 0) return this.warn(field, expected);
		return number;
	}

	/** A number or a SIP account: text with a digit in it, kept as sent. */
	party(field: string, quiet: boolean): string | null {
		const expected = 'a phone number or a SIP account';
		const text = this.text(field, expected, quiet);
		if (text !== null && !/\d/.test(text)) return this.warn(field, expected);
		return text;
	}
}

/** A finite number, or a string of one (`12`, `-3`, `12.5`); anything else null. */
function plainNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return null;
	return Number(value);
}

// ——— The values whose form the API page does not give ———

const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);
/** An ISO 8601 date and time with its zone (`Z` or `+03:00`); without one the instant is unknown. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * setup_time: "UNIX timestamp", unit not given (the page's example has 14 digits). Seconds,
 * milliseconds and microseconds are told apart by size: the unit that puts the call between
 * 2000 and 2100 is the one. An ISO 8601 time with its zone is taken too; a date and time
 * without a zone (`2023-11-14 22:13:20`) is not: Moscow or UTC cannot be told.
 */
export function callTime(value: unknown): number | null {
	if (typeof value === 'string' && ISO_WITH_ZONE.test(value.trim())) {
		const milliseconds = Date.parse(value.trim().replace(' ', 'T'));
		return inRange(milliseconds) ? milliseconds / 1000 : null;
	}
	const number = plainNumber(value);
	if (number === null || number <= 0) return null;
	for (const perSecond of [1, 1000, 1_000_000]) {
		const milliseconds = (number / perSecond) * 1000;
		if (inRange(milliseconds)) return number / perSecond;
	}
	return null;
}

const inRange = (milliseconds: number) =>
	Number.isFinite(milliseconds) && milliseconds >= YEAR_2000 && milliseconds < YEAR_2100;

/** Groups of three digits split by a space (no-break and thin ones too): "1 234". */
const PRICE = /^([+-]?)(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

/**
 * price: "cost", form not given. A number; digits with a decimal point or a decimal comma
 * (`12.50`, `12,50`: Russian writes a comma), a sign, and spaces between groups of three digits
 * (`1 234,50`). A comma is always the decimal separator, so `1,234` is 1.234; text with both a
 * comma and a point (`1,234.50`), more than one separator, a currency or letters is not a price.
 */
export function callPrice(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const match = PRICE.exec(value.trim());
	if (!match) return null;
	const [, sign, whole, fraction] = match;
	const number = Number(`${sign}${whole.replace(/\D/g, '')}.${fraction ?? '0'}`);
	return Object.is(number, -0) ? 0 : number;
}

/** The words PBXs write for a hidden caller; other digit-less values are withheld but odd. */
const WITHHELD_WORDS =
	/^(anonymous|anonym|private|restricted|unknown|unavailable|withheld|hidden|null|none|-)$/i;

function readCaller(read: CallReader): { caller: string | null; withheld: boolean } {
	const value = read.get('num_a');
	const expected = 'a phone number, a SIP account or a withheld-number word such as "anonymous"';
	if (isBlank(value)) return { caller: null, withheld: true };
	if (typeof value === 'string' && WITHHELD_WORDS.test(value.trim()))
		return { caller: null, withheld: true };
	const text =
		typeof value === 'string'
			? value.trim()
			: typeof value === 'number' && Number.isSafeInteger(value) && value > 0
				? String(value)
				: null;
	if (text === null || !/\d/.test(text) || /^\+?[0\s\-.()]+$/.test(text)) {
		read.warn('num_a', expected, '; taken as withheld');
		return { caller: null, withheld: true };
	}
	return { caller: text, withheld: false };
}

/** service_name's documented values and the kind of call each is (shared/api/telediscount.md). */
export const CALL_KINDS: Record<string, string> = {
	ivr: 'ivr',
	sip_outcome: 'outgoing',
	sip_internal: 'internal',
};

function readKind(read: CallReader): { kind: string | null; serviceName: string | null } {
	const serviceName = read.text('service_name', 'ivr, sip_outcome or sip_internal');
	if (serviceName === null) return { kind: null, serviceName };
	const kind = CALL_KINDS[serviceName.toLowerCase()];
	if (kind !== undefined) return { kind, serviceName };
	read.warn('service_name', 'ivr, sip_outcome or sip_internal', ' (kept as sent)');
	return { kind: serviceName, serviceName };
}

function readTime(read: CallReader): { startTime: number | null; startTimeIso: string | null } {
	const expected = 'a UNIX time (seconds, or milliseconds) between 2000 and 2100';
	const value = read.get('setup_time');
	if (isBlank(value))
		return { startTime: read.blank('setup_time', expected, false), startTimeIso: null };
	const startTime = callTime(value);
	if (startTime === null)
		return { startTime: read.warn('setup_time', expected), startTimeIso: null };
	return { startTime, startTimeIso: new Date(startTime * 1000).toISOString() };
}

function readPrice(read: CallReader): number | null {
	const value = read.get('price');
	if (isBlank(value)) return null;
	return callPrice(value) ?? read.warn('price', 'a price such as 12.50 or 12,50');
}

/** recorder_file: its form is not given; empty, null, 0 and false mean "no recording". */
function readRecording(read: CallReader): string | null {
	const value = read.get('recorder_file');
	if (value === 0 || value === false || (typeof value === 'string' && value.trim() === '0'))
		return null;
	return read.text('recorder_file', 'the recording file name or URL', true);
}

/**
 * Answered: the talk time between caller and answerer (or the answerer's leg) is above 0. The
 * caller's own leg does not count: a caller who listened to the IVR and hung up talked to nobody.
 */
function answered(...talkTimes: Array<number | null>): boolean | null {
	const known = talkTimes.filter((seconds): seconds is number => seconds !== null);
	return known.length === 0 ? null : known.some((seconds) => seconds > 0);
}

/**
 * One Telediscount call as one item, whichever way it came: a get_calls record
 * (`source: 'callList'`), the "call finished" or the "start of an incoming call" notification's
 * fields. Every key of the item is always there, null where the source does not carry it.
 *
 * Never refuses: a value that is missing where `source` documents it, or present in a form that
 * is not the field's, becomes null (unknown service names stay as sent) and `warnings` say
 * which field and what came. Normal absences say nothing: the caller withheld, no num_m (an
 * outgoing or internal call), no num_b (nobody answered), no names, no recording, no price, no
 * waiting time. Phone numbers: `callNumberE164`; the time: `callTime`; the price: `callPrice`.
 */
export function telediscountCall(
	fields: CallFields,
	source: CallSource = 'callList',
): TelediscountCallReading {
	const read = new CallReader(fields, CALL_SOURCE_FIELDS[source]);
	const { caller, withheld } = readCaller(read);
	const calledNumber = read.party('num_m', true);
	const answeredBy = read.party('num_b', true);
	const talkSeconds = read.seconds('connection_time');
	const callerTalkSeconds = read.seconds('num_a_connection_time');
	const answeredByTalkSeconds = read.seconds('num_b_connection_time');
	const item: TelediscountCallItem = {
		callId: read.id('api_call_id'),
		accountId: read.text('abonent_id', 'the account id'),
		...readKind(read),
		...readTime(read),
		caller,
		callerE164: callNumberE164(caller),
		callerWithheld: withheld,
		callerName: read.text('code_name_num_a', 'a name (text)', true),
		calledNumber,
		calledNumberE164: callNumberE164(calledNumber),
		answeredBy,
		answeredByE164: callNumberE164(answeredBy),
		answeredByName: read.text('code_name_num_b', 'a name (text)', true),
		answered: answered(talkSeconds, answeredByTalkSeconds),
		talkSeconds,
		waitSeconds: read.seconds('waiting_time', true),
		callerTalkSeconds,
		answeredByTalkSeconds,
		callerWaitSeconds: read.seconds('num_a_waiting_time'),
		answeredByWaitSeconds: read.seconds('num_b_waiting_time'),
		recordingFile: readRecording(read),
		price: readPrice(read),
	};
	return { item, warnings: read.warnings };
}
