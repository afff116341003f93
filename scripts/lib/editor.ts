// The editor, seen by a headless Chromium: signs in to a running n8n, opens the demo workflow
// and the AloVoice node's panel, runs the node, opens its operation list and saves a screenshot.
// Shared by `npm run screenshot` and test/e2e/editor.test.ts, which asserts what it observed.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { CREDENTIAL, OWNER, type Log, type N8nInstance } from './n8n';

export const EDITOR_WORKFLOW_NAME = 'AloVoice: list the lines';
const TRIGGER = 'When clicking ‘Execute workflow’';

/** Manual trigger → AloVoice Line → Get Many: a node whose output needs no outside event. */
export function editorWorkflow() {
	return {
		name: EDITOR_WORKFLOW_NAME,
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'AloVoice',
				type: 'n8n-nodes-alovoice.aloVoice',
				typeVersion: 1,
				position: [260, 0],
				parameters: { resource: 'line', operation: 'getMany', returnAll: true },
				credentials: { aloVoiceApi: CREDENTIAL },
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'AloVoice', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

/**
 * Creates the demo workflow through n8n's REST API (as the editor would), unpublished: it has
 * no webhook, so it stays out of the CLI import that publishes every workflow.
 */
export async function createEditorWorkflow(n8n: N8nInstance): Promise<string> {
	const created = await n8n.rest<{ id: string }>('/workflows', {
		method: 'POST',
		body: JSON.stringify(editorWorkflow()),
	});
	return created.id;
}

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * What a closed network needs: no sandbox (root in a container), no GPU, and none of
 * Chromium's own calls home (QUIC, component updates, sync), which would only time out here.
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface EditorCapture {
	/** The PNG written. */
	file: string;
	/** Every <img> of the package's AloVoice icon on the page, where it is and whether it loaded. */
	icons: Array<{ src: string; naturalWidth: number; inPanel: boolean; inCanvas: boolean }>;
	/** The options the Resource selector lists, as shown. */
	resources: string[];
	/** The options the Operation dropdown lists, as shown (the picture is taken with it open). */
	operations: string[];
	/** The text the panel's output pane shows after "Execute step". */
	output: string;
}

export interface CaptureOptions {
	workflowId: string;
	/** Where to write the PNG. */
	file: string;
	/** Text the node's output must show after it ran (it waits for it). */
	expectOutput: string;
	log?: Log;
}

/** Fails early, with the command that fixes it, when there is no Chromium to drive. */
export function assertChromium() {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM=<path>`,
		);
	}
}

export interface EditorSessionOptions {
	/** The browser window's size; the docs' pictures are 1440×900. */
	viewport?: { width: number; height: number };
	log?: Log;
}

/**
 * A fresh Chromium signed in to n8n as the owner: runs `steps` on its page, then closes it. When a
 * step fails, the page at that moment is saved to a PNG (outside the n8n user folder, which the
 * caller deletes) and named in the error.
 */
export async function withEditor<T>(
	n8n: N8nInstance,
	options: EditorSessionOptions,
	steps: (page: Page) => Promise<T>,
): Promise<T> {
	const log = options.log ?? (() => undefined);
	assertChromium();
	const profile = mkdtempSync(join(tmpdir(), 'alovoice-chromium-'));
	// A persistent context is how playwright takes an explicit --user-data-dir: a fresh one each run.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: options.viewport ?? { width: 1600, height: 1000 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	try {
		page.setDefaultTimeout(30_000);
		log('Signing in…');
		await page.goto(`${n8n.baseUrl}/signin`);
		await page
			.locator('input[type="email"], input[name="emailOrLdapLoginId"]')
			.first()
			.fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL((url) => !url.pathname.includes('signin'));
		return await steps(page);
	} catch (error) {
		const failed = join(tmpdir(), `alovoice-editor-failed-${Date.now()}.png`);
		const saved = await page.screenshot({ path: failed }).then(
			() => true,
			() => false,
		);
		if (saved) (error as Error).message += `\n(the page at that moment: ${failed})`;
		throw error;
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

/** Opens a saved workflow and double-clicks the canvas node whose text has `nodeName`. */
export async function openNodePanel(
	page: Page,
	baseUrl: string,
	workflowId: string,
	nodeName: string,
) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: nodeName }).first();
	await node.waitFor({ timeout: 60_000 });
	await node.dblclick();
	const panel = page.locator('[data-test-id="ndv"]').first();
	await panel.waitFor();
	return panel;
}

/** Signs in, opens the workflow and the AloVoice node's panel, and screenshots it. */
export async function captureEditor(
	n8n: N8nInstance,
	options: CaptureOptions,
): Promise<EditorCapture> {
	const log = options.log ?? (() => undefined);
	return await withEditor(n8n, { log }, async (page) => {
		log(`Opening workflow ${options.workflowId} and the AloVoice node's panel…`);
		const panel = await openNodePanel(page, n8n.baseUrl, options.workflowId, 'AloVoice');

		// Run the node once so the output pane shows what it returns from the stand-in PBX.
		await panel.locator('button').filter({ hasText: 'Execute step' }).first().click();
		const outputPane = panel.locator('[data-test-id="output-panel"]').first();
		await outputPane.getByText(options.expectOutput).first().waitFor();
		const output = await outputPane.innerText();

		const resources = await openOptions(page, 'resource');
		await closeOptions(page);
		// The operation list is what a reader wants to see: the picture is taken with it open.
		const operations = await openOptions(page, 'operation');
		const icons = await iconsOnPage(page);
		await page.waitForTimeout(500);
		await page.screenshot({ path: options.file });
		log(`Saved ${options.file}`);
		return { file: options.file, icons, resources, operations, output };
	});
}

const DROPDOWN_ITEMS =
	'.el-select-dropdown:visible .el-select-dropdown__item, [role="listbox"]:visible [role="option"]';

/** Clicks a parameter's dropdown in the panel and reads the options it lists. */
async function openOptions(page: Page, parameter: string): Promise<string[]> {
	await page
		.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]`)
		.first()
		.click();
	const items = page.locator(DROPDOWN_ITEMS);
	await items.first().waitFor();
	// The list is drawn in one go; a moment more for its last items.
	await page.waitForTimeout(300);
	const texts = await items.allInnerTexts();
	return texts.map((text) => text.split('\n')[0].trim()).filter(Boolean);
}

/** Closes the open dropdown and waits until it is gone, so the next one is read alone. */
async function closeOptions(page: Page) {
	await page.keyboard.press('Escape');
	await page.locator(DROPDOWN_ITEMS).first().waitFor({ state: 'hidden' });
}

/** The bits of an <img> read in the page (scripts compile without the DOM's types). */
type PageImage = {
	src: string;
	complete: boolean;
	naturalWidth: number;
	closest(selector: string): unknown;
};

async function iconsOnPage(page: Page): Promise<EditorCapture['icons']> {
	return await page.locator('img').evaluateAll((elements) =>
		(elements as unknown as PageImage[])
			.filter((img) => /alovoice[^/]*\.svg/i.test(img.src))
			.map((img) => ({
				src: img.src,
				naturalWidth: img.complete ? img.naturalWidth : 0,
				inPanel: Boolean(img.closest('[data-test-id="ndv"]')),
				inCanvas: Boolean(img.closest('[data-test-id="canvas-node"]')),
			})),
	);
}
