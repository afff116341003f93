#!/usr/bin/env node
// `npm run scan`: n8n's verification scan (@n8n/scan-community-package) run here, both legs the
// way n8n runs them on a published version: its `analyzePackage` on the source checkout with
// its SOURCE_FILE_PATTERNS, and on the unpacked tarball with ['**/*.js', 'package.json'].
// n8n fetches both from the registry and GitHub; here the source is this checkout (its files as
// git sees them: tracked and untracked, not ignored) and the tarball is what `npm pack` makes of
// it after a clean `npm run build`. Everything happens in a copy in one temp dir, removed at the
// end: the checkout and its dist/ are not touched, and npm's cache and logs go there too.
// The provenance check cannot run offline (it reads the published version's attestation from
// the registry): publish.yml publishes with --provenance.
//
// Exits 1 on any finding, error or warning (n8n's gate refuses errors only; our bar is none),
// printing each as leg, file:line:column, rule and message.
//
// usage: node scripts/scan.mjs [package dir]   (default: this repository)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const work = mkdtempSync(join(tmpdir(), 'alovoice-scan-'));
// The scanner makes a temp dir of its own when it loads (for registry downloads it does not do
// here): pointing TMPDIR at ours keeps that one inside too.
process.env.TMPDIR = work;
// eslint-plugin-n8n-nodes-base lints in a mode of its own tests under NODE_ENV=test (every
// node counts as a trigger, for one): jest sets it, n8n's scan does not run with it.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
const npmEnv = {
	...process.env,
	npm_config_cache: join(work, 'npm-cache'),
	npm_config_update_notifier: 'false',
};

function run(command, args, cwd) {
	return execFileSync(command, args, {
		cwd,
		env: npmEnv,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/** The checkout as a clone would have it: git's tracked and untracked files, not the ignored ones. */
function copyCheckout(target) {
	let files;
	try {
		files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root)
			.split('\0')
			.filter(Boolean);
	} catch (error) {
		throw new Error(
			`${root} is not a git checkout (the scan lints what a clone has): ${error.message}`,
		);
	}
	for (const file of files) {
		const from = join(root, file);
		if (!existsSync(from)) continue; // deleted in the work tree, not yet in the index
		if (file === 'node_modules' || file.startsWith('node_modules/')) continue; // a symlinked one
		mkdirSync(dirname(join(target, file)), { recursive: true });
		cpSync(from, join(target, file));
	}
	// The build needs the dev dependencies; they are read, never written.
	symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
	return files.length;
}

/** Builds the copy and packs it; returns the unpacked tarball's folder (npm's `package/`). */
function buildAndPack(checkout) {
	try {
		run('npm', ['run', 'build', '--silent'], checkout);
	} catch (error) {
		throw new Error(`npm run build failed in the copy:\n${error.stdout}${error.stderr}`);
	}
	const packs = join(work, 'pack');
	mkdirSync(packs);
	const [{ filename, entryCount, size }] = JSON.parse(
		run('npm', ['pack', '--json', '--pack-destination', packs], checkout),
	);
	const unpacked = join(work, 'tarball');
	mkdirSync(unpacked);
	// As the scanner unpacks a downloaded tarball.
	run('tar', ['-xzf', join(packs, filename), '-C', unpacked, '--strip-components=1'], work);
	return { dir: unpacked, filename, entryCount, size };
}

async function main() {
	const checkout = join(work, 'checkout');
	const copied = copyCheckout(checkout);

	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const { ESLint } = await import('eslint');
	// analyzePackage returns a verdict and the stylish text only. To list each finding, keep the
	// results its ESLint run returns (the same ESLint class: one eslint in node_modules).
	const seen = [];
	const lintFiles = ESLint.prototype.lintFiles;
	ESLint.prototype.lintFiles = async function (...args) {
		const results = await lintFiles.apply(this, args);
		seen.push(...results);
		return results;
	};

	async function leg(name, dir, patterns) {
		seen.length = 0;
		const verdict = await scanner.analyzePackage(dir, patterns);
		const findings = seen.flatMap((result) =>
			result.messages.map((message) => ({
				file: relative(dir, result.filePath),
				line: message.line ?? 0,
				column: message.column ?? 0,
				severity: message.severity === 2 ? 'error' : 'warning',
				rule: message.ruleId ?? (message.fatal ? 'parse error' : 'eslint'),
				message: message.message.replace(/\s+/g, ' ').trim(),
			})),
		);
		console.log(`\n${name}: ${patterns.join(', ')} (${seen.length} files linted)`);
		for (const f of findings)
			console.log(`  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.message}`);
		if (!verdict.passed && findings.length === 0) {
			// A failure that is not a lint finding (the scanner itself failed, or it changed).
			console.log(`  ${verdict.message}${verdict.details ? `\n${verdict.details}` : ''}`);
		}
		const errors = findings.filter((f) => f.severity === 'error').length;
		console.log(
			`  n8n's verdict: ${verdict.passed ? 'passed' : `refused (${verdict.message})`}; ` +
				`${errors} errors, ${findings.length - errors} warnings`,
		);
		return {
			passed: verdict.passed && findings.length === 0,
			count: findings.length || (verdict.passed ? 0 : 1),
		};
	}

	console.log(`n8n community package scan (@n8n/scan-community-package), offline, of ${root}`);
	console.log(`source: ${copied} files of the checkout, copied to a temp dir`);
	const source = await leg('source leg (the checkout)', checkout, scanner.SOURCE_FILE_PATTERNS);

	const tarball = buildAndPack(checkout);
	console.log(
		`\ntarball: ${tarball.filename}, ${tarball.entryCount} files, ${tarball.size} bytes (npm pack after npm run build)`,
	);
	const packed = await leg('tarball leg (the packed package)', tarball.dir, [
		'**/*.js',
		'package.json',
	]);

	console.log(
		'\nprovenance: not checked. n8n reads the attestation of the published version from the npm registry, ' +
			'which this offline scan cannot reach; .github/workflows/publish.yml publishes with --provenance.',
	);
	const total = source.count + packed.count;
	if (source.passed && packed.passed) {
		console.log('\nscan passed: no findings in either leg.');
		return 0;
	}
	console.log(
		`\nscan failed: ${total} findings (source ${source.count}, tarball ${packed.count}).`,
	);
	return 1;
}

let code = 1;
try {
	code = await main();
} catch (error) {
	console.error(`scan could not run: ${error.stack ?? error}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(code);
