// nodes/shared/webhook/security.ts (with the allowlist of ip.ts): what makes a guessed URL useless.
import { checkAllowlist, ipAllowed } from '../../../../nodes/shared/webhook/ip';
import { checkSecurity, checkSecuritySettings } from '../../../../nodes/shared/webhook/security';

describe('security', () => {
	it.each([
		['10.1.2.3', '10.0.0.0/8', true],
		['11.1.2.3', '10.0.0.0/8', false],
		['::ffff:192.168.1.7', '192.168.1.0/24', true],
		['2001:db8::1', '2001:db8::/32', true],
		['2001:db9::1', '2001:db8::/32', false],
		['::1', '::1', true],
		['1.2.3.4', '1.2.3.4', true],
		['1.2.3.5', '1.2.3.4', false],
	])('%s in %s → %s', (ip, list, expected) => expect(ipAllowed(ip, list)).toBe(expected));
	it('names a bad allowlist entry', () =>
		expect(checkAllowlist('10.0.0.0/8, 10.0.0.0/33')).toMatchObject({
			ok: false,
			entry: '10.0.0.0/33',
		}));
	it('header secret', () => {
		const settings = { header: { name: 'X-Secret', value: 'abc' } };
		expect(checkSecurity({ headers: { 'x-secret': 'abc' } }, '1.1.1.1', settings)).toEqual({
			ok: true,
		});
		expect(checkSecurity({ headers: { 'x-secret': 'abd' } }, '1.1.1.1', settings)).toEqual({
			ok: false,
			status: 401,
			reason: 'The header X-Secret is missing or wrong.',
		});
	});
	it('query secret', () => {
		const settings = { query: { name: 'key', value: 'abc' } };
		expect(checkSecurity({ query: { key: 'abc' } }, undefined, settings)).toEqual({ ok: true });
		expect(checkSecurity({ query: {} }, undefined, settings)).toMatchObject({
			ok: false,
			status: 401,
		});
	});
	it('basic auth, a colon in the password', () => {
		const settings = { basic: { user: 'u', password: 'p:w' } };
		const auth = (text: string) => ({
			headers: { authorization: `Basic ${Buffer.from(text).toString('base64')}` },
		});
		expect(checkSecurity(auth('u:p:w'), undefined, settings)).toEqual({ ok: true });
		expect(checkSecurity(auth('u:p'), undefined, settings)).toEqual({
			ok: false,
			status: 401,
			reason: 'Basic authentication is missing or wrong.',
		});
	});
	it('allowlist before secrets: 403 even with the right secret', () => {
		expect(
			checkSecurity({ headers: { 'x-s': 'a' } }, '8.8.8.8', {
				ipAllowlist: '10.0.0.0/8',
				header: { name: 'x-s', value: 'a' },
			}),
		).toEqual({
			ok: false,
			status: 403,
			reason: 'The address 8.8.8.8 is not in the IP allowlist.',
		});
	});
	it('a bad allowlist entry refuses every request with 403 naming it, even from an address the rest of the list allows', () => {
		for (const ip of ['10.0.0.1', '8.8.8.8', undefined]) {
			expect(checkSecurity({}, ip, { ipAllowlist: '10.0.0.0/8, 10.0.0.0/33' })).toEqual({
				ok: false,
				status: 403,
				reason: expect.stringContaining(
					'(IP Allowlist): The IP allowlist entry "10.0.0.0/33" is not an IPv4/IPv6 address or CIDR range',
				),
			});
		}
	});
	it.each([
		[
			'header value empty',
			{ header: { name: 'X-Secret', value: '' } },
			{ headers: { 'x-secret': '' } },
			'Secret',
		],
		[
			'header value blank',
			{ header: { name: 'X-Secret', value: '  ' } },
			{ headers: { 'x-secret': '  ' } },
			'Secret',
		],
		[
			'header name empty',
			{ header: { name: '', value: 'abc' } },
			{ headers: { '': 'abc' } },
			'Header Name',
		],
		['query value empty', { query: { name: 'key', value: '' } }, { query: { key: '' } }, 'Secret'],
		[
			'query name empty',
			{ query: { name: ' ', value: 'abc' } },
			{ query: { ' ': 'abc' } },
			'Parameter Name',
		],
		[
			'basic password empty',
			{ basic: { user: 'u', password: '' } },
			{ headers: { authorization: `Basic ${Buffer.from('u:').toString('base64')}` } },
			'Password',
		],
		[
			'basic user empty',
			{ basic: { user: '', password: 'p' } },
			{ headers: { authorization: `Basic ${Buffer.from(':p').toString('base64')}` } },
			'User',
		],
	])(
		'%s: refused with 403 naming the field, even when the request sends the same empty secret',
		(_label, settings, request, field) => {
			expect(checkSecuritySettings(settings)).toMatchObject({ ok: false, field });
			expect(checkSecurity(request, '1.1.1.1', settings)).toEqual({
				ok: false,
				status: 403,
				reason: expect.stringMatching(
					new RegExp(`^The trigger is misconfigured \\(${field}\\): .+`),
				),
			});
		},
	);
	it.each([
		[{}],
		[{ ipAllowlist: '' }],
		[{ ipAllowlist: ' , ' }],
		[{ header: { name: 'X', value: 'a' } }],
		[{ query: { name: 'k', value: ' a ' } }],
		[{ basic: { user: 'u', password: 'p' } }],
		[{ ipAllowlist: '10.0.0.0/8', basic: { user: 'u', password: 'p' } }],
	])('settings %j are fine', (settings) =>
		expect(checkSecuritySettings(settings)).toEqual({ ok: true }),
	);
	it('names an IPv4 peer of a dual-stack server as IPv4, the way the allowlist is written', () => {
		expect(checkSecurity({}, '::ffff:127.0.0.1', { ipAllowlist: '203.0.113.0/24' })).toEqual({
			ok: false,
			status: 403,
			reason: 'The address 127.0.0.1 is not in the IP allowlist.',
		});
	});
});
