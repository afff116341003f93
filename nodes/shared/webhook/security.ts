// Checks that make a guessed webhook URL useless, since neither PBX signs its requests.
// Pure: it sees the request's headers, query and address, and the settings.
import type { IncomingEvent } from './body';
import { checkAllowlist, ipAllowed, plainIp } from './ip';
import { blankSecretField, type SecretKind } from './secrets';

export interface SecuritySettings {
	/** A shared secret the PBX sends in this header. */
	header?: { name: string; value: string };
	/** A shared secret the PBX sends in this query parameter (the URL pasted into the PBX carries it). */
	query?: { name: string; value: string };
	basic?: { user: string; password: string };
	/** Comma/space/newline separated IPv4/IPv6 addresses or CIDR ranges; empty allows all. */
	ipAllowlist?: string;
}

export type SecurityResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export type SettingsCheck = { ok: true } | { ok: false; field: string; reason: string };

/**
 * The settings themselves, before any request is compared with them: a secret that is empty
 * (or only spaces) would let every request through (`'' === ''`), and an allowlist entry that
 * is not an address would silently match nothing. Each problem names the field to fix. Used on
 * every request (refused with 403).
 */
export function checkSecuritySettings(settings: SecuritySettings): SettingsCheck {
	if (settings.ipAllowlist && settings.ipAllowlist.trim() !== '') {
		const list = checkAllowlist(settings.ipAllowlist);
		if (!list.ok) return { ok: false, field: 'IP Allowlist', reason: list.reason };
	}
	// The same blank-field rule and message as activation and the credential's Test button.
	const credentials: Array<[SecretKind, Record<string, unknown> | undefined]> = [
		[
			'headerAuth',
			settings.header && { name: settings.header.name, secret: settings.header.value },
		],
		['queryAuth', settings.query && { name: settings.query.name, secret: settings.query.value }],
		['basicAuth', settings.basic],
	];
	for (const [kind, data] of credentials) {
		const blank = data && blankSecretField(kind, data);
		if (blank) return { ok: false, field: blank.label, reason: blank.problem };
	}
	return { ok: true };
}

/**
 * Compares without leaking the length of the matching prefix through timing: every byte of the
 * expected secret is looked at whatever was sent. A pure loop: what ships imports no Node
 * module, not even the crypto n8n's lint allows (test/package/shipsNoNodeApis.test.ts).
 */
export function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	let difference = a.length ^ b.length;
	for (let index = 0; index < b.length; index++)
		difference |= (a[index % Math.max(a.length, 1)] ?? 0) ^ b[index];
	return difference === 0 && a.length === b.length;
}

function headerValue(event: IncomingEvent, name: string): string | undefined {
	const value = event.headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Runs the enabled checks: the settings themselves (403 with a configuration error: a blank
 * secret or a bad allowlist entry refuses everything rather than letting everything through),
 * the IP allowlist (403: the sender is not the PBX), then the secrets (401). Reasons never
 * repeat what was sent or expected.
 */
export function checkSecurity(
	event: IncomingEvent,
	ip: string | undefined,
	settings: SecuritySettings,
): SecurityResult {
	const configured = checkSecuritySettings(settings);
	if (!configured.ok) {
		return {
			ok: false,
			status: 403,
			reason: `The trigger is misconfigured (${configured.field}): ${configured.reason}`,
		};
	}
	if (settings.ipAllowlist && settings.ipAllowlist.trim() !== '') {
		if (!ip || !ipAllowed(ip, settings.ipAllowlist)) {
			// Named as the allowlist compares it: a dual-stack server (n8n listens on ::) sees IPv4
			// peers as ::ffff:a.b.c.d, which is not how anyone writes them into the list.
			return {
				ok: false,
				status: 403,
				reason: `The address ${ip ? plainIp(ip) : '(unknown)'} is not in the IP allowlist.`,
			};
		}
	}
	if (settings.header) {
		const given = headerValue(event, settings.header.name);
		if (given === undefined || !sameSecret(given, settings.header.value)) {
			return {
				ok: false,
				status: 401,
				reason: `The header ${settings.header.name} is missing or wrong.`,
			};
		}
	}
	if (settings.query) {
		const raw = event.query?.[settings.query.name];
		const given = Array.isArray(raw) ? raw[0] : raw;
		if (typeof given !== 'string' || !sameSecret(given, settings.query.value)) {
			return {
				ok: false,
				status: 401,
				reason: `The query parameter ${settings.query.name} is missing or wrong.`,
			};
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
