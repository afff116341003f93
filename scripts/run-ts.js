#!/usr/bin/env node
// Runs one of the TypeScript scripts (dev, bench, screenshot) without a TypeScript runtime:
// compiles scripts/ and the stand-in PBX (test/server/) with the project's own tsc into
// node_modules/.cache, where they still find the dev dependencies, then runs the compiled file.
'use strict';
const { execFileSync } = require('node:child_process');
const { join, relative, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const entry = process.argv[2];
if (!entry || !entry.endsWith('.ts')) {
	console.error('usage: node scripts/run-ts.js scripts/<name>.ts [args…]');
	process.exit(2);
}
const outDir = join(root, 'node_modules', '.cache', 'n8n-nodes-alovoice-scripts');
try {
	execFileSync(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', join(__dirname, 'tsconfig.json')],
		{
			cwd: root,
			stdio: 'inherit',
		},
	);
} catch {
	console.error('scripts/run-ts.js: the TypeScript scripts do not compile (errors above)');
	process.exit(1);
}
const compiled = join(outDir, relative(root, resolve(entry))).replace(/\.ts$/, '.js');
process.argv.splice(1, 2, compiled);
require(compiled);
