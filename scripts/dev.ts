// `npm run dev`: the package inside a real n8n, against the stand-in AloVoice PBX, ready to
// log into. Ctrl-C (or SIGTERM) stops n8n and the stand-in and removes the temp user folder.
import { ALOVOICE_TOKEN, AloVoiceServer } from '../test/server/alovoice';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../test/server/telediscount';
import {
	CREDENTIAL,
	N8nInstance,
	OWNER,
	buildPackage,
	ensureN8n,
	readExamples,
	readExampleDataTables,
	sleep,
	standInCredential,
	TELEDISCOUNT_CREDENTIAL,
	telediscountCredential,
} from './lib/n8n';

const log = (line: string) => console.log(`[dev] ${line}`);

async function main() {
	buildPackage(log);
	const install = ensureN8n(log);

	// A real PBX instead of the stand-in: ALOVOICE_BASE_URL and ALOVOICE_TOKEN (or edit the
	// credential in the editor afterwards).
	let standIn: AloVoiceServer | undefined;
	let baseUrl = process.env.ALOVOICE_BASE_URL;
	const token = process.env.ALOVOICE_TOKEN ?? ALOVOICE_TOKEN;
	if (!baseUrl) {
		standIn = new AloVoiceServer();
		baseUrl = await standIn.start(Number(process.env.STAND_IN_PORT ?? 0));
		log(`Stand-in AloVoice PBX listening on ${baseUrl}`);
	}

	const telediscount = new TelediscountServer();
	const telediscountUrl = await telediscount.start();
	log(`Stand-in Telediscount API listening on ${telediscountUrl}`);

	const n8n = new N8nInstance({
		install,
		log,
		port: process.env.N8N_PORT ? Number(process.env.N8N_PORT) : undefined,
		keepUserFolder: process.env.KEEP_USER_FOLDER === '1',
	});
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the stand-in PBX…');
		await n8n.stop();
		await standIn?.stop();
		await telediscount.stop();
		n8n.removeUserFolder();
		log('Stopped; nothing is left running.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const examples = readExamples();
	try {
		await n8n.allocatePorts();
		n8n.installPackage();
		n8n.importCredentials([
			...standInCredential(baseUrl, token),
			...telediscountCredential(telediscountUrl, TELEDISCOUNT_KEY),
		]);
		if (examples.length) n8n.importWorkflows(examples);
		await n8n.start();
		await n8n.setupOwner();
		await n8n.createDataTables(readExampleDataTables());
	} catch (error) {
		console.error(error);
		console.error(n8n.log().split('\n').slice(-40).join('\n'));
		await stop(1);
		return;
	}

	// n8n 2.40.7 publishes imported workflows through an outbox after start-up: wait (up to 30 s)
	// until every example's webhooks are registered before printing them.
	for (let waited = 0; waited < 30_000; waited += 500) {
		const published = new Set(n8n.webhooks().map((hook) => hook.workflow));
		if (examples.every((workflow) => published.has(workflow.name))) break;
		await sleep(500);
	}
	const hooks = n8n.webhooks();
	console.log(`
n8n ${'\u2714'} running with ${'n8n-nodes-alovoice'} loaded

  Editor:      ${n8n.baseUrl}
  Login:       ${OWNER.email}  /  ${OWNER.password}
  Credentials: "${CREDENTIAL.name}" → ${baseUrl}${standIn ? ' (stand-in PBX)' : ''}
               "${TELEDISCOUNT_CREDENTIAL.name}" → ${telediscountUrl}
  Workflows:   ${examples.map((workflow) => workflow.name).join(', ') || '(none)'}
  n8n log:     ${n8n.logFile}

Production webhook URLs (paste them into the PBX's settings):
${hooks.map((hook) => `  ${hook.method.padEnd(5)} ${hook.url}   ← ${hook.workflow} / ${hook.node}`).join('\n') || '  (none)'}

Press Ctrl-C to stop.`);
}

void main();
