// Which hosts a download (and the redirects of any request) may reach. A recording URL comes from
// a call event or a workflow's data, so it may name any address: loopback, the cloud's metadata
// service, the n8n host's private network. By default only the PBX's own hosts are fetched from;
// the user lists others explicitly ("Allowed Hosts").
import type { Checked } from './checked';

export interface HostRule {
	/** Whether a URL's host is allowed. */
	allows(url: URL): boolean;
	/** The allowed hosts in words, for error messages: "127.0.0.1:5000, cld.alovoice.uz". */
	readonly described: string;
}

interface HostPattern {
	/** A normalized host name ("cld.alovoice.uz", "127.0.0.1", "[::1]"), without a port. */
	hostname: string;
	/** Only on this port (as URL.port writes it: "" for the scheme's default); any port when undefined. */
	port?: string;
	/** `*.example.com`: any subdomain of `hostname`, not `hostname` itself. */
	subdomains?: boolean;
}

/** A host as URL normalizes it (lower case, punycode, IPv4 in dotted form), or undefined when it is none. */
function normalizedHost(text: string): { hostname: string; port: string } | undefined {
	try {
		const url = new URL(`http://${text}`);
		if (
			url.username ||
			url.password ||
			url.pathname !== '/' ||
			url.search ||
			url.hash ||
			url.hostname === ''
		)
			return undefined;
		return { hostname: url.hostname, port: url.port };
	} catch {
		return undefined;
	}
}

function matches(pattern: HostPattern, url: URL): boolean {
	if (pattern.port !== undefined && pattern.port !== url.port) return false;
	if (pattern.subdomains) return url.hostname.endsWith(`.${pattern.hostname}`);
	return url.hostname === pattern.hostname;
}

/** The host of each URL, exactly (its port included): the hosts a provider may always be fetched from. */
export function hostsOf(urls: string[]): HostPattern[] {
	const patterns: HostPattern[] = [];
	for (const text of urls) {
		try {
			const url = new URL(text);
			patterns.push({ hostname: url.hostname, port: url.port });
		} catch {
			// A Base URL that is not a URL: its requests fail on their own, it allows nothing.
		}
	}
	return patterns;
}

/**
 * The user's "Allowed Hosts": host names separated by commas, spaces or new lines. `host` allows
 * that host on any port, `host:port` on that port only, `*.example.com` every subdomain of
 * example.com, and a lone `*` every host. An entry that is none of these is refused, naming it.
 */
export function parseAllowedHosts(
	value: unknown,
	field: string,
): Checked<{ any: boolean; patterns: HostPattern[] }> {
	const text = value === undefined || value === null ? '' : String(value);
	const patterns: HostPattern[] = [];
	let any = false;
	for (const entry of text.split(/[\s,]+/).filter((part) => part !== '')) {
		if (entry === '*') {
			any = true;
			continue;
		}
		const subdomains = entry.startsWith('*.');
		const host = normalizedHost(subdomains ? entry.slice(2) : entry);
		if (!host || host.hostname.includes('*')) {
			return {
				ok: false,
				reason: `${field}: "${entry}" is not a host. Use host names separated by commas, e.g. records.example.com, 10.0.0.5:8080, *.example.com, or * for any host.`,
			};
		}
		const hasPort = /:\d+$/.test(entry) && !entry.endsWith(']');
		patterns.push({ hostname: host.hostname, port: hasPort ? host.port : undefined, subdomains });
	}
	return { ok: true, value: { any, patterns } };
}

/** The PBX's own hosts plus the user's: what a download may reach. */
export function hostRule(
	own: HostPattern[],
	extra: { any: boolean; patterns: HostPattern[] } = { any: false, patterns: [] },
): HostRule {
	const patterns = [...own, ...extra.patterns];
	const words = (pattern: HostPattern) =>
		`${pattern.subdomains ? '*.' : ''}${pattern.hostname}${pattern.port ? `:${pattern.port}` : ''}`;
	return {
		allows: (url) =>
			(url.protocol === 'http:' || url.protocol === 'https:') &&
			(extra.any || patterns.some((pattern) => matches(pattern, url))),
		described: extra.any ? 'any host' : [...new Set(patterns.map(words))].join(', '),
	};
}
