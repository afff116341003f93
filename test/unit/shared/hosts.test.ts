// The host rule of downloads and redirects (nodes/shared/hosts.ts): what it lets through, and
// the addresses it must not, however they are spelled.
import { hostRule, hostsOf, parseAllowedHosts } from '../../../nodes/shared/hosts';

const own = hostsOf(['http://127.0.0.1:5000', 'https://cld.alovoice.uz']);
const rule = hostRule(own);
const allows = (url: string) => rule.allows(new URL(url));

describe('the PBX hosts a download may always reach', () => {
	it.each([
		'http://127.0.0.1:5000/records/x.mp3',
		'https://cld.alovoice.uz/records/2025/04/25/call-1001.mp3',
		'http://cld.alovoice.uz/records/x.mp3',
		'HTTPS://CLD.ALOVOICE.UZ/x.mp3',
		'https://cld.alovoice.uz:443/x.mp3',
		// The same address spelled as a number is the same host.
		'http://2130706433:5000/records/x.mp3',
	])('allows %p', (url) => {
		expect(allows(url)).toBe(true);
	});

	it.each([
		['loopback on another port', 'http://127.0.0.1:22/'],
		['loopback by name', 'http://localhost:5000/'],
		['loopback as a decimal number', 'http://2130706433:22/'],
		['loopback in hex', 'http://0x7f.0.0.1/'],
		['IPv6 loopback', 'http://[::1]:5000/'],
		['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
		['GCP metadata by name', 'http://metadata.google.internal/computeMetadata/v1/'],
		['a longer name ending like the PBX', 'https://cld.alovoice.uz.evil.test/x.mp3'],
		['a name that only starts like it', 'https://evilcld.alovoice.uz/x.mp3'],
		['a subdomain of the PBX host', 'https://records.cld.alovoice.uz/x.mp3'],
		['the PBX host as user name', 'http://cld.alovoice.uz@127.0.0.1/'],
		['the PBX host on another port', 'https://cld.alovoice.uz:8443/x.mp3'],
		['another scheme', 'ftp://cld.alovoice.uz/x.mp3'],
		['a file', 'file:///etc/passwd'],
	])('refuses %s (%p)', (_label, url) => {
		expect(allows(url)).toBe(false);
	});

	it('says which hosts are allowed', () => {
		expect(rule.described).toBe('127.0.0.1:5000, cld.alovoice.uz');
	});
});

describe("Allowed Hosts, the user's additions", () => {
	const withExtra = (text: string) => {
		const extra = parseAllowedHosts(text, 'Allowed Hosts');
		if (!extra.ok) throw new Error(extra.reason);
		return hostRule(own, extra.value);
	};

	it('a host name allows it on any port, not its subdomains nor names that end like it', () => {
		const extra = withExtra('records.example.com');
		expect(extra.allows(new URL('https://records.example.com/x.mp3'))).toBe(true);
		expect(extra.allows(new URL('http://Records.Example.com:8080/x.mp3'))).toBe(true);
		expect(extra.allows(new URL('https://a.records.example.com/x.mp3'))).toBe(false);
		expect(extra.allows(new URL('https://evilrecords.example.com/x.mp3'))).toBe(false);
		expect(extra.allows(new URL('https://example.com/x.mp3'))).toBe(false);
		expect(extra.described).toBe('127.0.0.1:5000, cld.alovoice.uz, records.example.com');
	});

	it('host:port allows that port only', () => {
		const extra = withExtra('10.0.0.5:8080');
		expect(extra.allows(new URL('http://10.0.0.5:8080/a'))).toBe(true);
		expect(extra.allows(new URL('http://10.0.0.5/a'))).toBe(false);
		expect(extra.allows(new URL('http://10.0.0.5:8081/a'))).toBe(false);
	});

	it('*.example.com allows subdomains, not example.com nor badexample.com', () => {
		const extra = withExtra(' *.example.com ,\nfiles.test');
		expect(extra.allows(new URL('https://eu.s3.example.com/x'))).toBe(true);
		expect(extra.allows(new URL('https://files.test/x'))).toBe(true);
		expect(extra.allows(new URL('https://example.com/x'))).toBe(false);
		expect(extra.allows(new URL('https://badexample.com/x'))).toBe(false);
		expect(extra.allows(new URL('https://example.com.evil.test/x'))).toBe(false);
	});

	it('a lone * allows any http(s) host, still not other schemes', () => {
		const extra = withExtra('*');
		expect(extra.allows(new URL('http://169.254.169.254/'))).toBe(true);
		expect(extra.allows(new URL('ftp://example.com/'))).toBe(false);
		expect(extra.described).toBe('any host');
	});

	it('an IP named explicitly allows it: 127.0.0.1 lets loopback through on any port, and only that address', () => {
		const extra = withExtra('127.0.0.1');
		expect(extra.allows(new URL('http://127.0.0.1:22/'))).toBe(true);
		expect(extra.allows(new URL('http://2130706433:22/'))).toBe(true);
		expect(extra.allows(new URL('http://127.0.0.2/'))).toBe(false);
		expect(extra.allows(new URL('http://[::1]/'))).toBe(false);
	});

	it.each([
		'http://example.com/x',
		'user@example.com',
		'exa mple.com',
		'*.',
		'*',
		'',
		'a*b.com',
		'*.*.example.com',
		'example.com/path',
	])('%p: accepted as a whole list only when every entry is a host', (text) => {
		const check = parseAllowedHosts(`ok.example.com, ${text}`, 'Allowed Hosts');
		const isHostList = ['', '*', 'exa mple.com'].includes(text);
		expect(check.ok).toBe(isHostList);
		if (!check.ok)
			expect(check.reason).toMatch(
				/^Allowed Hosts: ".+" is not a host\. Use host names separated by commas/,
			);
	});
});
