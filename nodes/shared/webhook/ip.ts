// IPv4 / IPv6 addresses and CIDR ranges for the triggers' IP allowlist, parsed by hand: n8n's
// rules for community nodes forbid Node's `node:net` (isIP) in what ships. Pure and strict: an
// entry is either an address or address/prefix as people write them, or it is reported as bad.

export interface ParsedIp {
	family: 4 | 6;
	/** The address as a number: 32 bits for IPv4, 128 bits for IPv6. */
	value: bigint;
}

export interface ParsedRange extends ParsedIp {
	/** Prefix length: 0–32 for IPv4, 0–128 for IPv6; a plain address is a /32 or /128. */
	bits: number;
}

function parseIpv4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0n;
	for (const part of parts) {
		// No leading zeros: 010 is octal to some tools and decimal to others, so it is refused.
		if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
		const n = Number(part);
		if (n > 255) return undefined;
		value = (value << 8n) + BigInt(n);
	}
	return value;
}

function parseIpv6(text: string): bigint | undefined {
	// Only hex groups, colons and an IPv4 tail: a zone (fe80::1%eth0) names an interface, not an
	// address, so it is refused in a list (parsePeerIp drops it from a peer address).
	if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
	let address = text;
	const lastColon = address.lastIndexOf(':');
	const last = address.slice(lastColon + 1);
	if (last.includes('.')) {
		// An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is the last two groups.
		const v4 = parseIpv4(last);
		if (v4 === undefined) return undefined;
		address = `${address.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const groups = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groups(halves[0]);
	const tail = halves.length === 2 ? groups(halves[1]) : [];
	if ([...head, ...tail].some((part) => !/^[0-9a-fA-F]{1,4}$/.test(part))) return undefined;
	// Without "::" there are exactly 8 groups; "::" stands for at least one group of zeros.
	if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return undefined;
	const zeros = 8 - head.length - tail.length;
	const values = [
		...head.map((part) => BigInt(parseInt(part, 16))),
		...Array<bigint>(zeros).fill(0n),
		...tail.map((part) => BigInt(parseInt(part, 16))),
	];
	return values.reduce((acc, part) => (acc << 16n) + part, 0n);
}

// ::ffff:0:0/96, the IPv4-mapped block: the top 96 bits are 0…0ffff.
const MAPPED_PREFIX = 0xffffn;

/**
 * An address as text → its family and value; undefined when it is not one. An IPv4-mapped IPv6
 * address (::ffff:10.0.0.1, how a dual-stack server such as n8n's sees IPv4 peers) is read as the
 * IPv4 address it carries, so it matches the IPv4 entries people write.
 */
export function parseIp(text: string): ParsedIp | undefined {
	const trimmed = String(text ?? '').trim();
	if (trimmed === '') return undefined;
	if (!trimmed.includes(':')) {
		const v4 = parseIpv4(trimmed);
		return v4 === undefined ? undefined : { family: 4, value: v4 };
	}
	const v6 = parseIpv6(trimmed);
	if (v6 === undefined) return undefined;
	if (v6 >> 32n === MAPPED_PREFIX) return { family: 4, value: v6 & 0xffffffffn };
	return { family: 6, value: v6 };
}

/** A peer address as Node reports it: like parseIp, but an IPv6 zone (%eth0) is ignored. */
export function parsePeerIp(text: string): ParsedIp | undefined {
	const trimmed = String(text ?? '').trim();
	const zone = trimmed.indexOf('%');
	return parseIp(zone >= 0 && trimmed.includes(':') ? trimmed.slice(0, zone) : trimmed);
}

/** "10.0.0.0/8", "2001:db8::/32", "1.2.3.4" (a /32) → a range; undefined when it is not one. */
export function parseCidr(entry: string): ParsedRange | undefined {
	const text = String(entry ?? '').trim();
	const slash = text.indexOf('/');
	const address = slash >= 0 ? text.slice(0, slash) : text;
	const prefix = slash >= 0 ? text.slice(slash + 1) : undefined;
	const ip = parseIp(address);
	if (!ip) return undefined;
	// A mapped address written with an IPv6 prefix (::ffff:10.0.0.0/104) keeps its meaning in the
	// IPv4 space: 104 - 96 = /8.
	const mappedText = ip.family === 4 && address.includes(':');
	const width = ip.family === 4 ? 32 : 128;
	if (prefix === undefined) return { ...ip, bits: width };
	if (!/^\d{1,3}$/.test(prefix)) return undefined;
	let bits = Number(prefix);
	if (mappedText) {
		if (bits < 96 || bits > 128) return undefined;
		bits -= 96;
	}
	if (bits > width) return undefined;
	return { ...ip, bits };
}

/** The entries of an allowlist as typed: separated by commas, semicolons, spaces or new lines. */
export function splitAllowlist(list: string): string[] {
	return String(list ?? '')
		.split(/[\s,;]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

export type AllowlistCheck =
	| { ok: true; ranges: ParsedRange[] }
	| { ok: false; entry: string; reason: string };

/** Every entry of an allowlist must be an address or a CIDR range; the first that is not is named. */
export function checkAllowlist(list: string): AllowlistCheck {
	const ranges: ParsedRange[] = [];
	for (const entry of splitAllowlist(list)) {
		const range = parseCidr(entry);
		if (!range) {
			return {
				ok: false,
				entry,
				reason: `The IP allowlist entry "${entry}" is not an IPv4/IPv6 address or CIDR range (e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32).`,
			};
		}
		ranges.push(range);
	}
	return { ok: true, ranges };
}

function inRange(ip: ParsedIp, range: ParsedRange): boolean {
	if (ip.family !== range.family) return false;
	const shift = BigInt((ip.family === 4 ? 32 : 128) - range.bits);
	return ip.value >> shift === range.value >> shift;
}

/** Whether `ip` falls inside any range of the allowlist. Bad entries match nothing. */
export function ipAllowed(ip: string, list: string): boolean {
	const address = parsePeerIp(ip);
	if (!address) return false;
	return splitAllowlist(list).some((entry) => {
		const range = parseCidr(entry);
		return range !== undefined && inRange(address, range);
	});
}

/** The address as the allowlist compares it (a mapped ::ffff:a.b.c.d as a.b.c.d), for messages. */
export function plainIp(ip: string): string {
	const parsed = parsePeerIp(ip);
	if (parsed?.family === 4) {
		const v = parsed.value;
		return [24n, 16n, 8n, 0n].map((shift) => String((v >> shift) & 0xffn)).join('.');
	}
	return String(ip ?? '').trim();
}
