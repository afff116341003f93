// npm run schemas: writes the action nodes' output schemas (nodes/<Node>/__schema__/v<x.y.z>/
// <resource>/<operation>.json) from the output items of test/schema/scenarios.ts, run in the
// engine harness against the stand-in PBXs, and removes schema files no operation has any more.
// test/package/schema.test.ts fails, naming this command, whenever a node's output and its files differ.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { NODES, buildSchemas, runScenarios } from '../test/schema/scenarios';

const root = join(__dirname, '..', '..', '..', '..');

function filesUnder(directory: string): string[] {
	let names: string[];
	try {
		names = readdirSync(directory);
	} catch {
		return [];
	}
	return names.flatMap((name) => {
		const path = join(directory, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

async function main() {
	// The compiled script lives in node_modules/.cache/…/scripts/: the repository is four levels up.
	if (!statSync(join(root, 'package.json')).isFile()) throw new Error(`no repository at ${root}`);
	const prettier = await import('prettier');
	const files = buildSchemas(await runScenarios());
	const written = new Set<string>();
	for (const [file, schema] of files) {
		const path = join(root, file);
		const options = (await prettier.resolveConfig(path)) ?? {};
		const text = await prettier.format(JSON.stringify(schema), { ...options, filepath: path });
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
		written.add(path);
	}
	for (const { folder } of Object.values(NODES)) {
		const schemaDir = join(root, 'nodes', folder, '__schema__');
		for (const path of filesUnder(schemaDir)) {
			if (written.has(path)) continue;
			rmSync(path);
			console.log(`removed ${relative(root, path)}`);
		}
	}
	console.log(`wrote ${written.size} output schemas`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
