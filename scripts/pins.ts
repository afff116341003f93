// npm run pins: writes each example workflow's pinned data (examples/*.json `pinData`) from
// what its trigger nodes output for the sample events (test/samples/pins.ts), run through the
// real triggers in the engine's webhook harness. test/package/examples.pinData.test.ts fails, naming
// this command, whenever a file's pins and the triggers' output differ.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PIN_PLAN, pinsFor, readExampleFiles } from '../test/samples/pins';

// The compiled script lives in node_modules/.cache/…/scripts/: the repository is four levels up.
const root = join(__dirname, '..', '..', '..', '..');

async function main() {
	if (!statSync(join(root, 'package.json')).isFile()) throw new Error(`no repository at ${root}`);
	const prettier = await import('prettier');
	const dir = join(root, 'examples');
	for (const { file, workflow } of readExampleFiles(dir)) {
		const path = join(dir, file);
		const pinData = PIN_PLAN[file] ? await pinsFor(file, workflow) : {};
		const updated = { ...workflow, pinData };
		const options = (await prettier.resolveConfig(path)) ?? {};
		const text = await prettier.format(JSON.stringify(updated, null, '\t'), {
			...options,
			filepath: path,
		});
		const changed = text !== readFileSync(path, 'utf8');
		if (changed) writeFileSync(path, text);
		console.log(
			`${changed ? 'wrote' : 'kept '} ${file}: ${Object.keys(pinData).join(', ') || 'no pins'}`,
		);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
