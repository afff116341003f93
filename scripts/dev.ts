// `npm run dev`: the package inside a real n8n, against the stand-in AloVoice PBX, ready to
// log into. Ctrl-C (or SIGTERM) stops n8n and the stand-in and removes the temp user folder.
import {
	CREDENTIAL,
	N8nInstance,
	OWNER,
	buildPackage,
	canBePublished,
	ensureN8n,
	readExamples,
	readExampleDataTables,
	sleep,
	TELEDISCOUNT_CREDENTIAL,
} from './lib/n8n';
import { startStandIns } from './lib/standIns';

const log = (line: string) => console.log(`[dev] ${line}`);

async function main() {
	buildPackage(log);
	const install = ensureN8n(log);

	const standIns = await startStandIns(log);

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
		await standIns.stop();
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
		n8n.importCredentials(standIns.credentials);
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
		if (examples.filter(canBePublished).every((workflow) => published.has(workflow.name))) break;
		await sleep(500);
	}
	const hooks = n8n.webhooks();
	console.log(`
n8n ${'\u2714'} running with ${'n8n-nodes-alovoice'} loaded

  Editor:      ${n8n.baseUrl}
  Login:       ${OWNER.email}  /  ${OWNER.password}
  Credentials: "${CREDENTIAL.name}" → ${standIns.baseUrl}${standIns.isStandIn ? ' (stand-in PBX)' : ''}
               "${TELEDISCOUNT_CREDENTIAL.name}" → ${standIns.telediscountUrl}
  Workflows:   ${examples.map((workflow) => workflow.name).join(', ') || '(none)'}
  n8n log:     ${n8n.logFile}

Production webhook URLs (paste them into the PBX's settings):
${hooks.map((hook) => `  ${hook.method.padEnd(5)} ${hook.url}   ← ${hook.workflow} / ${hook.node}`).join('\n') || '  (none)'}

Press Ctrl-C to stop.`);
}

void main();
