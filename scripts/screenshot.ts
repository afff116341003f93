// `npm run screenshot`: a headless Chromium logs into a real n8n with this package loaded,
// opens a workflow and the AloVoice node's panel, and saves docs/screenshot-editor.png.
// Needs Debian's chromium (apt-get install -y chromium) or CHROMIUM=<path>. The same capture,
// with assertions on what it shows, is a test of the e2e suite (test/e2e/editor.test.ts).
import { join } from 'node:path';

import { ALOVOICE_TOKEN, AloVoiceServer } from '../test/server/alovoice';
import { captureEditor, createEditorWorkflow } from './lib/editor';
import { N8nInstance, PACKAGE_ROOT, buildPackage, ensureN8n, standInCredential } from './lib/n8n';

const log = (line: string) => console.log(`[screenshot] ${line}`);

async function main() {
	buildPackage(log);
	const install = ensureN8n(log);
	const standIn = new AloVoiceServer();
	const n8n = new N8nInstance({ install, log });
	try {
		const baseUrl = await standIn.start();
		await n8n.allocatePorts();
		n8n.installPackage();
		n8n.importCredentials(standInCredential(baseUrl, ALOVOICE_TOKEN));
		await n8n.start();
		await n8n.setupOwner();
		const workflowId = await createEditorWorkflow(n8n);
		const capture = await captureEditor(n8n, {
			workflowId,
			file: join(PACKAGE_ROOT, 'docs', 'screenshot-editor.png'),
			expectOutput: standIn.state.trunks[0],
			log,
		});
		log(`Resources listed: ${capture.resources.join(', ')}`);
		log(`Operations listed: ${capture.operations.join(', ')}`);
		for (const icon of capture.icons)
			log(
				`Icon: ${icon.src} (${icon.naturalWidth} px wide${icon.inPanel ? ', in the panel' : ''}${icon.inCanvas ? ', on the canvas' : ''})`,
			);
	} finally {
		await n8n.stop();
		await standIn.stop();
		n8n.removeUserFolder();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
