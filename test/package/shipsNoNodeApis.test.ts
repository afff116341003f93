// The project's charter for what ships (nodes/, credentials/): no Node modules (node:* or their
// bare names), no timers, no environment variables, no file access. n8n's community lint allows
// `crypto` (its no-restricted-imports keeps an exception for it); the charter does not, and the
// code needs none: n8n-workflow's randomInt makes the own call id, and the secret comparison is
// a pure constant-time loop. A source scan, so it also covers what eslint would let through.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { decodeCallStart } from '../../nodes/AloVoiceTrigger/callStartId';
import { ownCallId } from '../../nodes/AloVoiceTrigger/ownCallId';
import { OWN_CALL_ID } from '../ownCallId';
import { sameSecret } from '../../nodes/shared/webhook';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const NODE_MODULES = [
	'assert',
	'buffer',
	'child_process',
	'cluster',
	'crypto',
	'dgram',
	'dns',
	'events',
	'fs',
	'fs/promises',
	'http',
	'https',
	'http2',
	'net',
	'os',
	'path',
	'process',
	'stream',
	'timers',
	'timers/promises',
	'tls',
	'url',
	'util',
	'v8',
	'vm',
	'worker_threads',
	'zlib',
];

/** Each forbidden use in a source text, as `what`. Comments are skipped. */
export function forbidden(text: string): string[] {
	const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
	const found: string[] = [];
	for (const match of code.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
		const name = match[1];
		if (name.startsWith('node:') || NODE_MODULES.includes(name)) found.push(`import ${name}`);
	}
	for (const match of code.matchAll(
		/\b(setTimeout|clearTimeout|setInterval|clearInterval|setImmediate|clearImmediate|process\.env|readFileSync|writeFileSync)\b/g,
	))
		found.push(match[1]);
	return found;
}

describe('what ships uses no Node modules, timers, environment or files', () => {
	it('the scan finds each kind, and not what only looks like one', () => {
		expect(
			forbidden(
				"import { randomUUID } from 'node:crypto';\nimport { x } from 'crypto';\nconst fs = require('fs');\nsetTimeout(f, 1);\nconst v = process.env.X;",
			),
		).toEqual(['import node:crypto', 'import crypto', 'import fs', 'setTimeout', 'process.env']);
		expect(
			forbidden(
				"import { sleep } from 'n8n-workflow';\n// setTimeout is forbidden\n/* node:net */\nconst url = 'http://x'; const mySetTimeout = 1;",
			),
		).toEqual([]);
	});

	it('nodes/ and credentials/ have none', () => {
		const found = [...sources(join(root, 'nodes')), ...sources(join(root, 'credentials'))].flatMap(
			(path) =>
				forbidden(readFileSync(path, 'utf8')).map((what) => `${relative(root, path)}: ${what}`),
		);
		expect(found).toEqual([]);
	});
});

describe('sameSecret', () => {
	it.each([
		['abc', 'abc'],
		['', ''],
		['пароль:ä', 'пароль:ä'],
		['a'.repeat(40), 'a'.repeat(40)],
	])('%j equals %j', (given, expected) => expect(sameSecret(given, expected)).toBe(true));
	it.each([
		['abd', 'abc'],
		['ab', 'abc'],
		['abcd', 'abc'],
		['', 'abc'],
		['abc', ''],
		['ABC', 'abc'],
		['abc ', 'abc'],
		['пароль', 'пароли'],
		// Same UTF-16 length, different bytes; and the same bytes' length, different text.
		['é', 'e\u0301'],
		['\u00e9', '\u00c3'],
	])('%j does not equal %j', (given, expected) => expect(sameSecret(given, expected)).toBe(false));
});

describe('ownCallId', () => {
	const facts = {
		number: '+998994412860',
		innerPhone: '2424',
		line: '712037006',
		direction: 'incoming',
		startTime: 1_745_572_464,
	};
	it('32 characters of 0-9a-z, never all digits, a different one every call for the same facts', () => {
		const ids = Array.from({ length: 2000 }, () => ownCallId(facts));
		for (const id of ids) expect(id).toMatch(OWN_CALL_ID);
		expect(new Set(ids).size).toBe(ids.length);
		// n8n-workflow's randomInt feeds the nonce: the ids' random part varies in more than the
		// sequence (a broken generator that returned 0 would leave only the counter).
		expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBeGreaterThan(1);
	});
	it('decodes back to its facts', () => {
		expect(decodeCallStart(ownCallId(facts))).toMatchObject({
			ok: true,
			start: { number: facts.number, innerPhone: '2424', dropped: [] },
		});
	});
});
