// The package in n8n's editor, seen by a headless Chromium (Debian's chromium, driven by
// playwright-core): the AloVoice node's panel shows its icon, resources and operations as the
// node describes them, and runs the node against the stand-in PBX. Writes the screenshot too
// (docs/screenshot-editor.png when UPDATE_SCREENSHOT=1).
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { AloVoice } from '../../dist/nodes/AloVoice/AloVoice.node';
import {
	assertChromium,
	captureEditor,
	createEditorWorkflow,
	type EditorCapture,
} from '../../scripts/lib/editor';
import { PACKAGE_ROOT } from '../../scripts/lib/n8n';
import { startStack, type Stack } from './stack';

/** n8n adds this entry to the lists of nodes whose credential can sign any HTTP request. */
const N8N_CUSTOM_API_CALL = 'Custom API Call';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let stack: Stack;
let capture: EditorCapture;

beforeAll(
	async () => {
		// Before n8n's start-up, so a machine without Chromium hears it at once.
		assertChromium();
		stack = await startStack([]);
		const workflowId = await createEditorWorkflow(stack.n8n);
		// The browser's own failures (no chromium, a selector that no longer matches) fail every test.
		capture = await captureEditor(stack.n8n, {
			workflowId,
			file: join(stack.n8n.userFolder, 'screenshot-editor.png'),
			expectOutput: stack.standIn.state.trunks[0],
			log: (line) => process.stderr.write(`[editor] ${line}\n`),
		});
		if (process.env.UPDATE_SCREENSHOT === '1')
			copyFileSync(capture.file, join(PACKAGE_ROOT, 'docs', 'screenshot-editor.png'));
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

function options(property: 'resource' | 'operation', resource?: string): string[] {
	const found = new AloVoice()
		.getNodeType(2)
		.description.properties.find(
			(candidate) =>
				candidate.name === property &&
				(!resource || (candidate.displayOptions?.show?.resource ?? []).includes(resource)),
		);
	if (!found?.options)
		throw new Error(
			`the AloVoice node describes no ${property}${resource ? ` for ${resource}` : ''}`,
		);
	return found.options.map((option) => option.name);
}

const withoutN8nEntries = (listed: string[]) =>
	listed.filter((name) => name !== N8N_CUSTOM_API_CALL);

describe('the AloVoice node in the editor', () => {
	test("its icon is the package's SVG, loaded, in the panel and on the canvas", async () => {
		const ours = capture.icons.filter((icon) =>
			new URL(icon.src).pathname.endsWith('/n8n-nodes-alovoice/dist/nodes/AloVoice/alovoice.svg'),
		);
		expect(ours.filter((icon) => icon.inPanel && icon.naturalWidth > 0)).not.toHaveLength(0);
		expect(ours.filter((icon) => icon.inCanvas && icon.naturalWidth > 0)).not.toHaveLength(0);
		// What n8n serves there is the file the package ships.
		const served = await fetch(ours[0].src);
		expect(served.status).toBe(200);
		expect(await served.text()).toBe(
			readFileSync(join(PACKAGE_ROOT, 'dist', 'nodes', 'AloVoice', 'alovoice.svg'), 'utf8'),
		);
	});

	test('the resource selector lists the resources the node describes', () => {
		expect(withoutN8nEntries(capture.resources)).toEqual(options('resource'));
	});

	test("the operation dropdown lists the Line resource's operations as the node describes them", () => {
		expect(withoutN8nEntries(capture.operations)).toEqual(options('operation', 'line'));
	});

	test("Execute step shows the stand-in PBX's lines in the output pane", () => {
		for (const line of stack.standIn.state.trunks) expect(capture.output).toContain(line);
	});

	test('the screenshot is a PNG of some substance', () => {
		const png = readFileSync(capture.file);
		expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		expect(statSync(capture.file).size).toBeGreaterThan(20 * 1024);
	});
});
