// The own call id that carries the call's start (issue 20): what callstart said, packed into the
// id the PBX echoes back as callend's call_id, so Call Ended knows who called without storage.
// Pure: no n8n, no Node, no clock. docs/call-start-id.md describes the layout for people.
import { compactPhone, toE164 } from '../shared/phone';
import { unixToIso } from '../shared/time';

/** The Call Started item's fields the id keeps (number null = withheld, as in the item). */
export interface CallStartFacts {
	number: string | null;
	innerPhone: string | null;
	line: string | null;
	direction: string | null;
	startTime: number | null;
}

/** What was lost on the way: a field kept as null, or a number kept compact (digits and +). */
export type DroppedFact =
	| 'number'
	| 'numberFormatting'
	| 'innerPhone'
	| 'line'
	| 'lineFormatting'
	| 'direction'
	| 'startTime';

/** The decoded start: the Call Started item's values for these fields, and what was dropped. */
export interface CallStart {
	number: string | null;
	numberE164: string | null;
	numberWithheld: boolean;
	innerPhone: string | null;
	line: string | null;
	lineE164: string | null;
	direction: string | null;
	startTime: number | null;
	startTimeIso: string | null;
	dropped: DroppedFact[];
}

export type CallStartDecoded = { ok: true; start: CallStart } | { ok: false; reason: string };

/** An integer in [0, max), max ≤ 2^32: n8n-workflow's randomInt fits; Math.random by default. */
export type RandomInt = (max: number) => number;

const defaultRandom: RandomInt = (max) => Math.floor(Math.random() * max);

// --- The layout (docs/call-start-id.md). One constant per rule. ---
const ID_LENGTH = 32;
const BASE = 36n;
/** Version 1 ids start with a letter g–v: never hex (today's 32-hex ids), never all digits. */
const V1_FIRST = 16n;
const V1_LOW = V1_FIRST * BASE ** 31n;
const V1_SPAN = 16n * BASE ** 31n;
/** The check: N − V1_LOW ≡ V1_RESIDUE (mod CHECK_PRIME), the largest prime below 2^28. */
const CHECK_PRIME = 268_435_399n;
const V1_RESIDUE = 161_803_398n;
/** How many payloads fit: facts (mixed radix, low digits) and the nonce above them. */
const CAPACITY = (V1_SPAN - 1n - V1_RESIDUE) / CHECK_PRIME + 1n;
/** The nonce's least room: the sequence part makes 2^20 ids of one process distinct. */
const SEQUENCE_SIZE = 1n << 20n;
/** Start times: whole seconds from 2024-01-01T00:00:00Z, for 2^30 s (to 2058-01-10). */
const TIME_EPOCH = 1_704_067_200;
const TIME_SPAN = 2 ** 30;
const DIRECTIONS = ['incoming', 'outgoing', 'internal'] as const;
/** Extensions of 1–6 digits (leading zeros kept). */
const EXTENSION_DIGITS = 6;
const EXTENSION_PATTERN = /^(?!0+$)\d{1,6}$/;
/** Phones: slot 0 none, 1 dropped, 2 any other number, 3–15 an Uzbek number (13 slots). */
const PHONE_SLOTS = 16n;
const UZ_SLOTS = 13n;
const UZ_FORMS = ['+998', '998', ''] as const;
const UZ_COUNT = 3n * 10n ** 9n;
const UZ_HIGH = (UZ_COUNT + UZ_SLOTS - 1n) / UZ_SLOTS;
/** Any other number: up to 15 digits (E.164's longest), with or without +, formatted or not. */
const PHONE_PATTERN = /^(\+?)(\d{1,15})$/;
/** Budget drops, first to last: docs/call-start-id.md says why. */
const BUDGET_DROPS = ['line', 'innerPhone', 'number'] as const;
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[g-v][0-9a-z]{31}$/;

/** Mixed-radix digits, lowest first. */
class Digits {
	value = 0n;
	scale = 1n;
	put(digit: bigint, radix: bigint): void {
		this.value += digit * this.scale;
		this.scale *= radix;
	}
}

class Taker {
	scale = 1n;
	constructor(public rest: bigint) {}
	take(radix: bigint): bigint {
		const digit = this.rest % radix;
		this.rest /= radix;
		this.scale *= radix;
		return digit;
	}
}

type Phone =
	| { kind: 'none' | 'dropped' }
	| { kind: 'uz'; form: number; digits: string }
	| { kind: 'other'; plus: boolean; formatted: boolean; digits: string };

/** A number or line as the item holds it → its phone form; unrepresentable → dropped. */
function phoneOf(text: unknown): Phone {
	if (text === null || text === undefined) return { kind: 'none' };
	if (typeof text !== 'string') return { kind: 'dropped' };
	const exact = /^\+?\d+$/.test(text);
	const compact = exact ? text : /^[\d\s\-.()+]+$/.test(text) ? compactPhone(text) : '';
	const match = PHONE_PATTERN.exec(compact);
	if (!match) return { kind: 'dropped' };
	if (exact) {
		const uz = /^(\+998|998|)(\d{9})$/.exec(text);
		if (uz) return { kind: 'uz', form: UZ_FORMS.indexOf(uz[1] as never), digits: uz[2] };
	}
	return { kind: 'other', plus: match[1] === '+', formatted: !exact, digits: match[2] };
}

function phoneText(phone: Phone): string | null {
	if (phone.kind === 'uz') return UZ_FORMS[phone.form] + phone.digits;
	if (phone.kind === 'other') return (phone.plus ? '+' : '') + phone.digits;
	return null;
}

function putPhone(out: Digits, phone: Phone): void {
	if (phone.kind === 'none' || phone.kind === 'dropped') {
		out.put(phone.kind === 'none' ? 0n : 1n, PHONE_SLOTS);
	} else if (phone.kind === 'uz') {
		const value = BigInt(phone.form) * 10n ** 9n + BigInt(phone.digits);
		out.put(3n + (value % UZ_SLOTS), PHONE_SLOTS);
		out.put(value / UZ_SLOTS, UZ_HIGH);
	} else if (phone.kind === 'other') {
		const length = phone.digits.length;
		out.put(2n, PHONE_SLOTS);
		out.put(BigInt(length - 1 + (phone.plus ? 15 : 0) + (phone.formatted ? 30 : 0)), 60n);
		out.put(BigInt(phone.digits), 10n ** BigInt(length));
	}
}

/** The phone back, or undefined when the digits are not what putPhone writes. */
function takePhone(input: Taker): Phone | undefined {
	const slot = input.take(PHONE_SLOTS);
	if (slot === 0n) return { kind: 'none' };
	if (slot === 1n) return { kind: 'dropped' };
	if (slot >= 3n) {
		const value = input.take(UZ_HIGH) * UZ_SLOTS + (slot - 3n);
		if (value >= UZ_COUNT) return undefined;
		const digits = String(value % 10n ** 9n).padStart(9, '0');
		return { kind: 'uz', form: Number(value / 10n ** 9n), digits };
	}
	const shape = Number(input.take(60n));
	const length = (shape % 15) + 1;
	const digits = String(input.take(10n ** BigInt(length))).padStart(length, '0');
	const phone: Phone = { kind: 'other', plus: shape % 30 >= 15, formatted: shape >= 30, digits };
	// The canonical form only: an Uzbek number written exactly is never stored as "other".
	const again = phone.formatted ? undefined : phoneOf(phoneText(phone));
	return again && again.kind === 'uz' ? undefined : phone;
}

interface Packed {
	number: Phone;
	line: Phone;
	/** 0 none, 1 dropped, 2 + length − 1 digits. */
	innerPhone: string | null | undefined;
	/** 0 none, 1 dropped, 2 + the index in DIRECTIONS. */
	direction: number;
	/** 0 none, 1 dropped, 2 + seconds since TIME_EPOCH. */
	time: number;
}

function pack(facts: CallStartFacts): Packed {
	const extension = facts.innerPhone;
	const direction = facts.direction;
	const time = facts.startTime;
	const number = phoneOf(facts.number);
	return {
		// All zeros is no caller (route.ts's callerWithheld): never one the item holds.
		number:
			number.kind !== 'none' && /^\+?0+$/.test(phoneText(number) ?? '')
				? { kind: 'dropped' }
				: number,
		line: phoneOf(facts.line),
		innerPhone:
			extension === null || extension === undefined
				? null
				: typeof extension === 'string' && EXTENSION_PATTERN.test(extension)
					? extension
					: undefined,
		direction:
			direction === null || direction === undefined
				? 0
				: DIRECTIONS.includes(direction as never)
					? 2 + DIRECTIONS.indexOf(direction as never)
					: 1,
		time:
			time === null || time === undefined
				? 0
				: Number.isInteger(time) && time >= TIME_EPOCH && time < TIME_EPOCH + TIME_SPAN
					? 2 + (time - TIME_EPOCH)
					: 1,
	};
}

function putFacts(packed: Packed): Digits {
	const out = new Digits();
	out.put(BigInt(packed.direction), BigInt(2 + DIRECTIONS.length));
	out.put(BigInt(packed.time), BigInt(2 + TIME_SPAN));
	const extension = packed.innerPhone;
	out.put(
		extension === null ? 0n : extension === undefined ? 1n : BigInt(1 + extension.length),
		BigInt(2 + EXTENSION_DIGITS),
	);
	if (typeof extension === 'string') out.put(BigInt(extension), 10n ** BigInt(extension.length));
	putPhone(out, packed.number);
	putPhone(out, packed.line);
	return out;
}

/** A random integer in [0, max) from 16-bit draws (the bias is far below the odds that matter). */
function randomBelow(max: bigint, random: RandomInt): bigint {
	let value = 0n;
	for (let room = 1n; room < max << 16n; room <<= 16n)
		value = (value << 16n) + BigInt(random(65536) & 0xffff);
	return value % max;
}

let sequence: bigint | undefined;

/** The nonce: this process's sequence (2^20 calls in a row never repeat it), random above. */
function nonce(room: bigint, random: RandomInt): bigint {
	if (sequence === undefined) sequence = randomBelow(SEQUENCE_SIZE, random);
	sequence = (sequence + 1n) % SEQUENCE_SIZE;
	return sequence + SEQUENCE_SIZE * randomBelow(room / SEQUENCE_SIZE, random);
}

/** Facts and a nonce above them; fields dropped in BUDGET_DROPS order until the nonce has room. */
function payloadOf(facts: CallStartFacts, random: RandomInt): bigint {
	const packed = pack(facts);
	let digits = putFacts(packed);
	for (const field of BUDGET_DROPS) {
		if (CAPACITY / digits.scale >= SEQUENCE_SIZE) break;
		if (field === 'innerPhone') packed.innerPhone = packed.innerPhone === null ? null : undefined;
		else if (packed[field].kind !== 'none') packed[field] = { kind: 'dropped' };
		digits = putFacts(packed);
	}
	return digits.value + digits.scale * nonce(CAPACITY / digits.scale, random);
}

/**
 * The own call id for a call that started with these facts (the Call Started item's values):
 * 32 characters of [0-9a-z], first a letter g–v, unique per call. Never throws.
 */
export function encodeCallStart(facts: CallStartFacts, random: RandomInt = defaultRandom): string {
	const payload = payloadOf(facts, random);
	return (V1_LOW + payload * CHECK_PRIME + V1_RESIDUE).toString(36);
}

function notOurs(reason: string): CallStartDecoded {
	return { ok: false, reason: `not an id this trigger made: ${reason}` };
}

/** The id as a number, when it has the shape and passes the check; the payload then. */
function payloadFrom(id: unknown): bigint | string {
	if (typeof id !== 'string') return 'not text';
	if (id.length !== ID_LENGTH) return `not ${ID_LENGTH} characters`;
	if (!ID_PATTERN.test(id)) return 'not a letter g-v followed by 31 of 0-9, a-z';
	let value = 0n;
	for (const char of id) value = value * BASE + BigInt(ALPHABET.indexOf(char));
	const rest = value - V1_LOW;
	if (rest % CHECK_PRIME !== V1_RESIDUE) return 'its check does not match';
	return (rest - V1_RESIDUE) / CHECK_PRIME;
}

function phoneDrops(phone: Phone, field: 'number' | 'line'): DroppedFact[] {
	if (phone.kind === 'dropped') return [field];
	if (phone.kind === 'other' && phone.formatted) return [`${field}Formatting`];
	return [];
}

/** Reads the facts back; a string when the digits are not what encodeCallStart writes. */
function takeFacts(input: Taker): CallStart | string {
	const direction = Number(input.take(BigInt(2 + DIRECTIONS.length)));
	const time = Number(input.take(BigInt(2 + TIME_SPAN)));
	const extension = Number(input.take(BigInt(2 + EXTENSION_DIGITS)));
	let innerPhone: string | null = null;
	if (extension >= 2) {
		innerPhone = String(input.take(10n ** BigInt(extension - 1))).padStart(extension - 1, '0');
		if (/^0+$/.test(innerPhone)) return 'an extension of zeros';
	}
	const number = takePhone(input);
	const line = takePhone(input);
	if (!number || !line) return 'a number in a form the encoder never writes';
	const numberText = phoneText(number);
	if (numberText !== null && /^\+?0+$/.test(numberText)) return 'a caller number of zeros';
	const lineText = phoneText(line);
	const startTime = time >= 2 ? TIME_EPOCH + time - 2 : null;
	const dropped: DroppedFact[] = [
		...phoneDrops(number, 'number'),
		...(extension === 1 ? (['innerPhone'] as const) : []),
		...phoneDrops(line, 'line'),
		...(direction === 1 ? (['direction'] as const) : []),
		...(time === 1 ? (['startTime'] as const) : []),
	];
	return {
		number: numberText,
		numberE164: numberText === null ? null : (toE164(numberText) ?? null),
		numberWithheld: number.kind === 'none',
		innerPhone,
		line: lineText,
		lineE164: lineText === null ? null : (toE164(lineText) ?? null),
		direction: direction >= 2 ? DIRECTIONS[direction - 2] : null,
		startTime,
		startTimeIso: startTime === null ? null : (unixToIso(startTime) ?? null),
		dropped,
	};
}

/**
 * The start an own id carries, or why the id is not one (a CRM id, an id from before ids
 * carried the start, a garbled or random text). Any input; never throws.
 */
export function decodeCallStart(id: unknown): CallStartDecoded {
	const payload = payloadFrom(id);
	if (typeof payload === 'string') return notOurs(payload);
	const input = new Taker(payload);
	const start = takeFacts(input);
	if (typeof start === 'string') return notOurs(start);
	// The nonce above the facts: in the room the encoder gives it, and that room big enough.
	const room = CAPACITY / input.scale;
	if (room < SEQUENCE_SIZE || input.rest >= SEQUENCE_SIZE * (room / SEQUENCE_SIZE))
		return notOurs('a nonce outside its room');
	return { ok: true, start };
}
