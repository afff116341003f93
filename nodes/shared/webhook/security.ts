// Checks that make a guessed webhook URL useless, since neither PBX signs its requests.
// Pure: it sees the request's headers, query and address, and the settings.
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

import type { IncomingEvent } from './body';

export interface SecuritySettings {
	/** A shared secret the PBX sends in this header. */
	header?: { name: string; value: string };
	/** A shared secret the PBX sends in this query parameter (the URL pasted into the PBX carries it). */
	query?: { name: string; value: string };
	basic?: { user: string; password: string };
	/** Comma/space/newline separated IPv4/IPv6 addresses or CIDR ranges; empty allows all. */
	ipAllowlist?: string;
}

export type SecurityResult = { ok: true } | { ok: false; status: 401 | 403 | 500; reason: string };

/** Compares without leaking the length of the matching prefix through timing. */
export function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	if (a.length !== b.length) {
		timingSafeEqual(b, b);
		return false;
	}
	return timingSafeEqual(a, b);
}

function ipv4ToBigInt(ip: string): bigint {
	return ip.split('.').reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
	let address = ip;
	// An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
	const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
	if (v4) {
		const n = ipv4ToBigInt(v4[1]);
		address = address.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
	}
	const [head, tail] = address.split('::');
	const headParts = head ? head.split(':') : [];
	const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
	const missing = 8 - headParts.length - tailParts.length;
	const parts = [...headParts, ...Array(tail !== undefined ? missing : 0).fill('0'), ...tailParts];
	return parts.reduce((acc, part) => (acc << 16n) + BigInt(parseInt(part || '0', 16)), 0n);
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1, how Node reports IPv4 peers on a dual-stack socket) → 10.0.0.1. */
export function plainIp(ip: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip.trim());
	return mapped ? mapped[1] : ip.trim();
}

export type CidrCheck = { ok: true } | { ok: false; entry: string };

/** Every entry of an allowlist is an address or a CIDR range; returns the first that is not. */
export function checkAllowlist(list: string): CidrCheck {
	for (const entry of splitAllowlist(list)) {
		if (!parseCidr(entry)) return { ok: false, entry };
	}
	return { ok: true };
}

function splitAllowlist(list: string): string[] {
	return list
		.split(/[\s,;]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

function parseCidr(entry: string): { family: 4 | 6; base: bigint; bits: number } | undefined {
	const [address, prefixText] = entry.split('/');
	const family = isIP(plainIp(address));
	if (family === 0) return undefined;
	const width = family === 4 ? 32 : 128;
	const bits = prefixText === undefined ? width : Number(prefixText);
	if (!Number.isInteger(bits) || bits < 0 || bits > width || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
		return undefined;
	}
	const ip = plainIp(address);
	return { family: family as 4 | 6, base: family === 4 ? ipv4ToBigInt(ip) : ipv6ToBigInt(ip), bits };
}

/** Whether `ip` falls inside any range of the allowlist. */
export function ipAllowed(ip: string, list: string): boolean {
	const address = plainIp(ip);
	const family = isIP(address);
	if (family === 0) return false;
	const value = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
	for (const entry of splitAllowlist(list)) {
		const range = parseCidr(entry);
		if (!range || range.family !== family) continue;
		const width = family === 4 ? 32 : 128;
		const shift = BigInt(width - range.bits);
		if (value >> shift === range.base >> shift) return true;
	}
	return false;
}

function headerValue(event: IncomingEvent, name: string): string | undefined {
	const value = event.headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Runs the enabled checks: the IP allowlist first (403: the sender is not the PBX), then the
 * secrets (401). Reasons never repeat what was sent or expected.
 */
export function checkSecurity(event: IncomingEvent, ip: string | undefined, settings: SecuritySettings): SecurityResult {
	if (settings.ipAllowlist && settings.ipAllowlist.trim() !== '') {
		const list = checkAllowlist(settings.ipAllowlist);
		if (!list.ok) {
			return { ok: false, status: 500, reason: `The IP allowlist entry "${list.entry}" is not an address or CIDR range.` };
		}
		if (!ip || !ipAllowed(ip, settings.ipAllowlist)) {
			// Named as the allowlist compares it: a dual-stack server (n8n listens on ::) sees IPv4
			// peers as ::ffff:a.b.c.d, which is not how anyone writes them into the list.
			return { ok: false, status: 403, reason: `The address ${ip ? plainIp(ip) : '(unknown)'} is not in the IP allowlist.` };
		}
	}
	if (settings.header) {
		const given = headerValue(event, settings.header.name);
		if (given === undefined || !sameSecret(given, settings.header.value)) {
			return { ok: false, status: 401, reason: `The header ${settings.header.name} is missing or wrong.` };
		}
	}
	if (settings.query) {
		const raw = event.query?.[settings.query.name];
		const given = Array.isArray(raw) ? raw[0] : raw;
		if (typeof given !== 'string' || !sameSecret(given, settings.query.value)) {
			return { ok: false, status: 401, reason: `The query parameter ${settings.query.name} is missing or wrong.` };
		}
	}
	if (settings.basic) {
		const auth = headerValue(event, 'authorization') ?? '';
		const match = /^Basic\s+(.+)$/i.exec(auth);
		const decoded = match ? Buffer.from(match[1], 'base64').toString() : '';
		const colon = decoded.indexOf(':');
		const user = colon >= 0 ? decoded.slice(0, colon) : '';
		const password = colon >= 0 ? decoded.slice(colon + 1) : '';
		const userOk = sameSecret(user, settings.basic.user);
		const passwordOk = sameSecret(password, settings.basic.password);
		if (!match || colon < 0 || !userOk || !passwordOk) {
			return { ok: false, status: 401, reason: 'Basic authentication is missing or wrong.' };
		}
	}
	return { ok: true };
}
