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
	// Leaving a workflow whose panel was opened may ask "leave the page?": yes, always.
	page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
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

// ---------------------------------------------------------------------------------------------
// What a new user meets in the editor (test/e2e/firstHour.test.ts): the node panel's search, a
// node after a trigger with pinned data, each trigger event's panel.

/** An entry the node creator lists: its title and the line under it. */
export interface CreatorEntry {
	name: string;
	description: string;
}

/** What the node creator showed for one search. */
export interface CreatorSearch {
	query: string;
	/** The node creator's text before the query was typed: its view's title and list. */
	view: string;
	entries: CreatorEntry[];
	/** n8n's "No results" block was shown. */
	noResults: boolean;
	/** Each listed entry's description as shown, and whether it is cut (see TextBox.cut). */
	descriptions: TextBox[];
}

const NODE_CREATOR = '[data-test-id="node-creator"]';

/**
 * Opens the node creator with the canvas's "+" (in an empty workflow its first view is the
 * triggers; after a node, "What happens next?") and types each query into its search box,
 * reading the entries listed for each.
 */
export async function searchNodeCreator(
	page: Page,
	queries: string[],
	options: { screenshot?: (query: string) => string } = {},
): Promise<CreatorSearch[]> {
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	const search = page.locator(`${NODE_CREATOR} [data-test-id="node-creator-search-bar"]`).first();
	await search.waitFor();
	await page.waitForTimeout(500);
	const view = (await page.locator(NODE_CREATOR).first().innerText()).slice(0, 300);
	const found: CreatorSearch[] = [];
	for (const query of queries) {
		await search.fill('');
		await search.pressSequentially(query, { delay: 30 });
		const listed = await settledEntries(page);
		const descriptions = await measureTexts(
			page,
			`${NODE_CREATOR} [data-test-id="node-creator-item-description"]`,
		);
		found.push({ query, view, ...listed, descriptions });
		const file = options.screenshot?.(query);
		if (file) await page.screenshot({ path: file });
	}
	await page.keyboard.press('Escape');
	return found;
}

/** The node creator's list once it stops changing (its search is debounced and animated). */
type Listed = Omit<CreatorSearch, 'query' | 'view' | 'descriptions'>;

async function settledEntries(page: Page): Promise<Listed> {
	let last = '';
	let stable = 0;
	for (let attempt = 0; attempt < 40; attempt++) {
		await page.waitForTimeout(250);
		const reading = await creatorEntries(page);
		const key = JSON.stringify(reading);
		stable = key === last ? stable + 1 : 0;
		last = key;
		if (stable >= 3 && (reading.entries.length > 0 || reading.noResults)) return reading;
	}
	return JSON.parse(last) as Listed;
}

async function creatorEntries(page: Page): Promise<Listed> {
	const entries = await page
		.locator(`${NODE_CREATOR} [data-test-id="node-creator-item-name"]`)
		.evaluateAll((elements) =>
			(elements as unknown as PageElement[]).map((name) => {
				// The description is a sibling further down the same entry.
				let entry: PageElement | null = name.parentElement;
				for (let up = 0; up < 4 && entry; up++) {
					if (entry.querySelector('[data-test-id="node-creator-item-description"]')) break;
					entry = entry.parentElement;
				}
				const description = entry?.querySelector('[data-test-id="node-creator-item-description"]');
				return {
					name: (name.textContent ?? '').trim(),
					description: (description?.textContent ?? '').trim(),
				};
			}),
		);
	const noResults = await page
		.locator(`${NODE_CREATOR} [data-test-id="node-creator-no-results"]`)
		.isVisible();
	return { entries, noResults };
}

/** What a node's input pane shows when its panel opens. */
export interface InputReading {
	/** The input pane's whole text, as shown. */
	text: string;
	/** The field rows of the schema view (name and value), when it is the view shown. */
	schemaItems: string[];
}

/** Opens the node's panel and reads its input pane, without running anything. */
export async function readInputPanel(
	page: Page,
	baseUrl: string,
	workflowId: string,
	nodeName: string,
	screenshot?: string,
): Promise<InputReading> {
	const panel = await openNodePanel(page, baseUrl, workflowId, nodeName);
	const input = panel.locator('[data-test-id="ndv-input-panel"]').first();
	await input.waitFor();
	// The schema view draws its rows a moment after the pane.
	await input
		.locator('[data-test-id="run-data-schema-item"]')
		.first()
		.waitFor({ timeout: 10_000 })
		.catch(() => undefined);
	await page.waitForTimeout(500);
	const text = await input.innerText();
	const schemaItems = (
		await input.locator('[data-test-id="run-data-schema-item"]').allInnerTexts()
	).map((item) => item.replace(/\s+/g, ' ').trim());
	if (screenshot) await page.screenshot({ path: screenshot });
	return { text, schemaItems };
}

/** A text block on the page and whether any of it is cut. */
export interface TextBox {
	text: string;
	/** First line of an option: its name. */
	name: string;
	/** An option's description (empty for a notice). */
	description: string;
	/**
	 * Why it is cut, or '' when it is not: an element of it that clips its content
	 * (scrollWidth > clientWidth or scrollHeight > clientHeight where overflow is not visible,
	 * which is how n8n's line clamp and ellipsis cut), or its right edge past its scroll box's.
	 */
	cut: string;
}

/** What a trigger's panel shows for one event. */
export interface PanelReading {
	/** Every notice (n8n's N8nNotice, role="alert") in the panel's parameters. */
	notices: TextBox[];
	/** Each options parameter opened: the options its dropdown lists. */
	dropdowns: Record<string, TextBox[]>;
	/** The options parameters that were asked for and are shown (the others are not). */
	shown: string[];
}

/**
 * Opens a trigger's panel, reads its notices and opens each of `dropdowns` that it shows
 * (parameter names), then closes them and saves the panel as it first looked.
 */
export async function readTriggerPanel(
	page: Page,
	baseUrl: string,
	workflowId: string,
	nodeName: string,
	options: { dropdowns: string[]; screenshot: string },
): Promise<PanelReading> {
	const panel = await openNodePanel(page, baseUrl, workflowId, nodeName);
	await panel.locator('[data-test-id="parameter-input-event"]').first().waitFor();
	await page.waitForTimeout(500);
	const notices = await measureTexts(page, '[data-test-id="ndv"] [role="alert"]');
	await page.screenshot({ path: options.screenshot });
	const dropdowns: Record<string, TextBox[]> = {};
	const shown: string[] = [];
	for (const parameter of options.dropdowns) {
		const input = page.locator(
			`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]`,
		);
		if ((await input.count()) === 0) continue;
		shown.push(parameter);
		await input.first().scrollIntoViewIfNeeded();
		await input.first().click();
		await page.locator(DROPDOWN_ITEMS).first().waitFor();
		await page.waitForTimeout(300);
		dropdowns[parameter] = await measureTexts(page, DROPDOWN_ITEMS);
		await closeOptions(page);
	}
	return { notices, dropdowns, shown };
}

/** The bits of an element read in the page (scripts compile without the DOM's types). */
type PageElement = {
	textContent: string | null;
	innerText: string;
	parentElement: PageElement | null;
	children: ArrayLike<PageElement>;
	scrollWidth: number;
	clientWidth: number;
	scrollHeight: number;
	clientHeight: number;
	tagName: string;
	className: unknown;
	querySelector(selector: string): PageElement | null;
	getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
};

/** Reads each element's text and whether any of it is cut (see TextBox.cut). */
async function measureTexts(page: Page, selector: string): Promise<TextBox[]> {
	return await page.locator(selector).evaluateAll((elements) => {
		type Style = { display: string; overflowX: string; overflowY: string };
		const styleOf = (element: PageElement) =>
			(globalThis as unknown as { getComputedStyle(element: unknown): Style }).getComputedStyle(
				element,
			);
		const label = (element: PageElement) =>
			`${element.tagName.toLowerCase()}.${String(element.className).split(' ').join('.')}`;
		// An element clips only where its overflow is not visible (line clamp, ellipsis, scroll).
		const clipped = (element: PageElement): string => {
			const style = styleOf(element);
			if (style.display !== 'inline') {
				if (style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1)
					return `${label(element)} is ${element.scrollWidth} px wide in ${element.clientWidth} px`;
				if (style.overflowY !== 'visible' && element.scrollHeight > element.clientHeight + 1)
					return `${label(element)} is ${element.scrollHeight} px high in ${element.clientHeight} px`;
			}
			for (const child of Array.from(element.children)) {
				const found = clipped(child);
				if (found) return found;
			}
			return '';
		};
		// Its right edge past the nearest ancestor that scrolls or clips sideways.
		const pastEdge = (element: PageElement): string => {
			const box = element.getBoundingClientRect();
			let up = element.parentElement;
			while (up && styleOf(up).overflowX === 'visible') up = up.parentElement;
			if (!up) return '';
			const outer = up.getBoundingClientRect();
			if (box.right > outer.right + 1 || box.left < outer.left - 1)
				return `${label(element)} spans ${Math.round(box.left)}–${Math.round(box.right)} px in ${label(up)}'s ${Math.round(outer.left)}–${Math.round(outer.right)} px`;
			return '';
		};
		return (elements as unknown as PageElement[]).map((element) => {
			const text = element.innerText.replace(/\s+/g, ' ').trim();
			const headline = element.querySelector('.option-headline');
			const description = element.querySelector('.option-description');
			return {
				text,
				name: (headline?.innerText ?? element.innerText.split('\n')[0]).trim(),
				description: (description?.innerText ?? '').replace(/\s+/g, ' ').trim(),
				cut: clipped(element) || pastEdge(element),
			};
		});
	});
}

/** Texts the cut check must call cut (the first two) and not cut (the last): its own test. */
export const CUT_PROBES = [
	'width:120px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis',
	'width:120px;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden',
	'width:120px',
];

/**
 * The cut check run on probes put on the page for it (CUT_PROBES, each a long sentence in a
 * 120 px box), then removed: shows the check sees n8n's two ways of cutting a text.
 */
export async function measureCutProbes(page: Page): Promise<TextBox[]> {
	type Node = {
		setAttribute(name: string, value: string): void;
		textContent: string;
		remove(): void;
	};
	type Doc = {
		createElement(tag: string): Node;
		querySelectorAll(selector: string): ArrayLike<Node>;
		body: { appendChild(node: Node): void };
	};
	await page.evaluate((styles) => {
		const doc = (globalThis as unknown as { document: Doc }).document;
		styles.forEach((style, index) => {
			const probe = doc.createElement('div');
			probe.setAttribute('data-test-id', 'alovoice-cut-probe');
			probe.setAttribute(
				'style',
				`position:fixed;left:10px;top:${10 + index * 120}px;z-index:99999;background:#fff;${style}`,
			);
			probe.textContent =
				'A sentence far too long to fit on one line of a box one hundred and twenty pixels wide, nor on two';
			doc.body.appendChild(probe);
		});
	}, CUT_PROBES);
	const boxes = await measureTexts(page, '[data-test-id="alovoice-cut-probe"]');
	await page.evaluate(() => {
		const doc = (globalThis as unknown as { document: Doc }).document;
		for (const probe of Array.from(doc.querySelectorAll('[data-test-id="alovoice-cut-probe"]')))
			probe.remove();
	});
	return boxes;
}

/** Where the canvas shows a listening trigger's hint, and whether it fits on the screen. */
export interface HintReading {
	/** Each visible tooltip box that shows the hint: its box in CSS px, its tag and classes. */
	boxes: Array<{ left: number; right: number; top: number; bottom: number; element: string }>;
	viewport: { width: number; height: number };
}

/**
 * Opens a workflow, clicks "Execute workflow" (its first trigger starts listening for a test
 * event) and reads where the canvas shows that trigger's hint (its eventTriggerDescription),
 * then stops listening.
 */
export async function readListeningHint(
	page: Page,
	baseUrl: string,
	workflowId: string,
	hint: string,
	screenshot?: string,
): Promise<HintReading> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	await page.waitForTimeout(500);
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	// n8n's canvas tooltip (an .n8n-tooltip box, whose text sits in a 1×1 px span) shows the hint
	// 500 ms after the node starts waiting.
	const shown = page.locator('.n8n-tooltip').filter({ hasText: hint, visible: true });
	await shown.first().waitFor({ timeout: 30_000 });
	await page.waitForTimeout(300);
	const boxes: HintReading['boxes'] = [];
	for (let index = 0; index < (await shown.count()); index++) {
		const match = shown.nth(index);
		const box = await match.boundingBox();
		if (!box || box.width <= 2 || box.height <= 2) continue;
		const element = await match.evaluate(
			(node) =>
				`${(node as unknown as { tagName: string }).tagName.toLowerCase()}.${String((node as unknown as { className: unknown }).className)}`,
		);
		boxes.push({
			left: box.x,
			right: box.x + box.width,
			top: box.y,
			bottom: box.y + box.height,
			element,
		});
	}
	const viewport = page.viewportSize() ?? { width: 0, height: 0 };
	if (screenshot) await page.screenshot({ path: screenshot });
	const stop = page.getByText('Stop listening').first();
	if (await stop.isVisible().catch(() => false)) await stop.click().catch(() => undefined);
	await page.waitForTimeout(500);
	return { boxes, viewport };
}
