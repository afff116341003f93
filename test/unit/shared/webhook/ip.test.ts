// The IP allowlist's parser and matcher (nodes/shared/webhook/ip.ts), written without node:net.
// node:net's isIP is used here only as the oracle for what is an address.
import { isIP } from 'node:net';

import fc from 'fast-check';

import {
	checkAllowlist,
	ipAllowed,
	parseCidr,
	parseIp,
	plainIp,
} from '../../../../nodes/shared/webhook/ip';

describe('parseIp', () => {
	it.each([
		['1.2.3.4', 4, 0x01020304n],
		['0.0.0.0', 4, 0n],
		['255.255.255.255', 4, 0xffffffffn],
		['::', 6, 0n],
		['::1', 6, 1n],
		['2001:db8::1', 6, 0x20010db8000000000000000000000001n],
		['2001:DB8:0:0:0:0:0:1', 6, 0x20010db8000000000000000000000001n],
		['fe80::', 6, 0xfe800000000000000000000000000000n],
		['1:2:3:4:5:6:7:8', 6, 0x00010002000300040005000600070008n],
		['1:2:3:4:5:6::', 6, 0x00010002000300040005000600000000n],
		['::2:3:4:5:6:7:8', 6, 0x00000002000300040005000600070008n],
		['64:ff9b::1.2.3.4', 6, 0x0064ff9b000000000000000001020304n],
		// IPv4-mapped IPv6 is the IPv4 address it carries.
		['::ffff:1.2.3.4', 4, 0x01020304n],
		['::FFFF:10.0.0.1', 4, 0x0a000001n],
		['::ffff:a00:1', 4, 0x0a000001n],
		[' 1.2.3.4 ', 4, 0x01020304n],
	])('%s → IPv%s', (text, family, value) => expect(parseIp(text)).toEqual({ family, value }));

	it.each([
		'',
		' ',
		'1.2.3',
		'1.2.3.4.5',
		'256.1.1.1',
		'1.2.3.-4',
		'01.2.3.4',
		'1.2.3.4a',
		'a.b.c.d',
		'1..2.3',
		':::',
		'1:2:3:4:5:6:7',
		'1:2:3:4:5:6:7:8:9',
		'1::2::3',
		'12345::1',
		'g::1',
		':1:2:3:4:5:6:7',
		'1:2:3:4:5:6:7:',
		'1:2:3:4:5:6:7::8',
		'::ffff:1.2.3',
		'::ffff:256.0.0.1',
		'1.2.3.4::',
		'fe80::1%eth0',
		'localhost',
		'example.com',
	])('%j is not an address', (text) => expect(parseIp(text)).toBeUndefined());

	it('agrees with node:net on what is an address (random texts built from address characters)', () => {
		const char = fc.constantFrom(...'0123456789abcdefABCDEF:.'.split(''));
		fc.assert(
			fc.property(
				fc.array(char, { maxLength: 45 }).map((chars) => chars.join('')),
				(text) => {
					const node = isIP(text);
					const ours = parseIp(text);
					// node:net accepts leading zeros nowhere in IPv4 either; both must agree on yes/no.
					expect(ours !== undefined).toBe(node !== 0);
				},
			),
			{ numRuns: 5000 },
		);
	});

	it('reads every random IPv4 and IPv6 address node:net accepts', () => {
		fc.assert(
			fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
				expect(parseIp(text)).toBeDefined();
			}),
			{ numRuns: 3000 },
		);
	});
});

describe('parseCidr', () => {
	it.each([
		['10.0.0.0/8', { family: 4, value: 0x0a000000n, bits: 8 }],
		['1.2.3.4', { family: 4, value: 0x01020304n, bits: 32 }],
		['0.0.0.0/0', { family: 4, value: 0n, bits: 0 }],
		['2001:db8::/32', { family: 6, value: 0x20010db8000000000000000000000000n, bits: 32 }],
		['::/0', { family: 6, value: 0n, bits: 0 }],
		['::1', { family: 6, value: 1n, bits: 128 }],
		['::ffff:10.0.0.0/104', { family: 4, value: 0x0a000000n, bits: 8 }],
	])('%s', (entry, range) => expect(parseCidr(entry)).toEqual(range));

	it.each([
		'10.0.0.0/33',
		'10.0.0.0/',
		'10.0.0.0/-1',
		'10.0.0.0/8/8',
		'10.0.0.0/ 8',
		'10.0.0.0/8a',
		'/8',
		'2001:db8::/129',
		'::ffff:10.0.0.0/95',
		'10.0.0.0/1e1',
		'x/8',
	])('%j is not a range', (entry) => expect(parseCidr(entry)).toBeUndefined());
});

describe('checkAllowlist', () => {
	it('accepts addresses and ranges separated by commas, semicolons, spaces and new lines', () => {
		const list = checkAllowlist('203.0.113.10, 198.51.100.0/24;2001:db8::/32\n::1  127.0.0.1');
		expect(list.ok).toBe(true);
		expect(list.ok && list.ranges).toHaveLength(5);
	});
	it.each([
		['10.0.0.0/8, 10.0.0.0/33', '10.0.0.0/33'],
		['10.0.0.1, pbx.alovoice.uz', 'pbx.alovoice.uz'],
		['300.1.1.1', '300.1.1.1'],
		['10.0.0.0/8 - 10.255.255.255', '-'],
		['fe80::1%eth0', 'fe80::1%eth0'],
	])('%j: names the bad entry %j', (list, entry) => {
		expect(checkAllowlist(list)).toEqual({
			ok: false,
			entry,
			reason: expect.stringContaining(`"${entry}" is not an IPv4/IPv6 address or CIDR range`),
		});
	});
	it('an empty list has no bad entry', () =>
		expect(checkAllowlist('  ,  ')).toEqual({ ok: true, ranges: [] }));
});

describe('ipAllowed', () => {
	it.each([
		['10.1.2.3', '10.0.0.0/8', true],
		['10.255.255.255', '10.0.0.0/8', true],
		['11.0.0.0', '10.0.0.0/8', false],
		['9.255.255.255', '10.0.0.0/8', false],
		['192.168.1.7', '192.168.1.0/24', true],
		['192.168.2.7', '192.168.1.0/24', false],
		['1.2.3.4', '1.2.3.4', true],
		['1.2.3.5', '1.2.3.4', false],
		['8.8.8.8', '0.0.0.0/0', true],
		// A dual-stack server reports IPv4 peers mapped into IPv6: they match IPv4 entries...
		['::ffff:192.168.1.7', '192.168.1.0/24', true],
		['::ffff:192.168.2.7', '192.168.1.0/24', false],
		['::ffff:127.0.0.1', '127.0.0.1', true],
		// ...and a mapped entry matches the plain IPv4 peer.
		['127.0.0.1', '::ffff:127.0.0.1', true],
		['2001:db8::1', '2001:db8::/32', true],
		['2001:db8:ffff:ffff::1', '2001:db8::/32', true],
		['2001:db9::1', '2001:db8::/32', false],
		['::1', '::1', true],
		['::2', '::1', false],
		['fe80::1%eth0', 'fe80::/10', true],
		// IPv4 and IPv6 never match each other (except the mapped form above).
		['::1', '127.0.0.1', false],
		['127.0.0.1', '::1', false],
		['::1', '0.0.0.0/0', false],
		['1.2.3.4', '::/0', false],
		['0.0.0.1', '::1', false],
		// Bad peers and bad entries match nothing.
		['', '0.0.0.0/0', false],
		['not-an-ip', '0.0.0.0/0', false],
		['10.0.0.1', 'garbage, 10.0.0.0/33', false],
		['10.0.0.1', '', false],
	])('%j in %j → %s', (ip, list, expected) => expect(ipAllowed(ip, list)).toBe(expected));

	it('an address is inside its own /n range and outside the next block (random)', () => {
		fc.assert(
			fc.property(fc.ipV4(), fc.integer({ min: 1, max: 32 }), (ip, bits) => {
				expect(ipAllowed(ip, `${ip}/${bits}`)).toBe(true);
				const value = parseIp(ip)!.value;
				const other = (value ^ (1n << BigInt(32 - bits))) & 0xffffffffn;
				const text = [24n, 16n, 8n, 0n].map((shift) => String((other >> shift) & 0xffn)).join('.');
				expect(ipAllowed(text, `${ip}/${bits}`)).toBe(false);
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('plainIp', () => {
	it.each([
		['::ffff:127.0.0.1', '127.0.0.1'],
		['127.0.0.1', '127.0.0.1'],
		['::1', '::1'],
		['nonsense', 'nonsense'],
	])('%s → %s', (ip, plain) => expect(plainIp(ip)).toBe(plain));
});
