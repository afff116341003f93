// `npm run screenshot`: a headless Chromium logs into a real n8n with this package loaded,
// opens a workflow and the AloVoice node's panel, and saves docs/screenshot-editor.png.
// Needs Debian's chromium (apt-get install -y chromium) or CHROMIUM=<path>.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { ALOVOICE_TOKEN, AloVoiceServer } from '../test/server/alovoice';
import { CREDENTIAL, N8nInstance, OWNER, PACKAGE_ROOT, buildPackage, ensureN8n, readExamples, standInCredential } from './lib/n8n';

const log = (line: string) => console.log(`[screenshot] ${line}`);
const WORKFLOW_ID = 'ScreenshotFlow01';

function demoWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'AloVoice: list the lines',
		nodes: [
			{
				id: randomUUID(),
				name: 'When clicking ‘Execute workflow’',
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
			'When clicking ‘Execute workflow’': { main: [[{ node: 'AloVoice', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	buildPackage(log);
	const install = ensureN8n(log);
	const standIn = new AloVoiceServer();
	const n8n = new N8nInstance({ install, log });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox'],
	});
	try {
		const baseUrl = await standIn.start();
		await n8n.allocatePorts();
		n8n.installPackage();
		n8n.importCredentials(standInCredential(baseUrl, ALOVOICE_TOKEN));
		// Imported but not published: the picture needs no webhook.
		n8n.cli(['import:workflow', `--input=${writeJson(n8n, [demoWorkflow(), ...readExamples()])}`]);
		await n8n.start();
		await n8n.setupOwner();

		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });

		await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW_ID}`);
		const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'AloVoice' }).first();
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 30_000 });
		// Run the node once so the output pane shows what it returns from the stand-in PBX.
		await page.locator('[data-test-id="ndv"] button').filter({ hasText: 'Execute step' }).first().click();
		await page.locator('[data-test-id="ndv"]').getByText('712345678').first().waitFor({ timeout: 30_000 });
		// The operation list is what a reader wants to see: open that dropdown.
		await page.locator('[data-test-id="parameter-input-operation"]').first().click();
		await page.waitForTimeout(1000);
		const file = join(PACKAGE_ROOT, 'docs', 'screenshot-editor.png');
		await page.screenshot({ path: file });
		log(`Saved ${file}`);
	} finally {
		await browser.close();
		await n8n.stop();
		await standIn.stop();
		n8n.removeUserFolder();
	}
}

function writeJson(n8n: N8nInstance, value: unknown) {
	const file = join(n8n.userFolder, 'screenshot-workflows.json');
	require('node:fs').writeFileSync(file, JSON.stringify(value));
	return file;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
