// `npm run dev:queue`: the package inside n8n's queue mode (scripts/lib/queue.ts): PostgreSQL,
// Redis, one main, one webhook process and two workers, against the stand-in PBXs, with the
// examples published. Ctrl-C (or SIGTERM) stops every process and removes the temp folders.
import { ALOVOICE_TOKEN, AloVoiceServer } from '../test/server/alovoice';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../test/server/telediscount';
import {
	CREDENTIAL,
	OWNER,
	buildPackage,
	ensureN8n,
	readExamples,
	readExampleDataTables,
	standInCredential,
	TELEDISCOUNT_CREDENTIAL,
	telediscountCredential,
} from './lib/n8n';
import { QueueStack, ensureQueueServers } from './lib/queue';

const log = (line: string) => console.log(`[dev:queue] ${line}`);

async function main() {
	buildPackage(log);
	const install = ensureN8n(log);
	ensureQueueServers(log);

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

	const stack = new QueueStack({
		install,
		log,
		port: process.env.N8N_PORT ? Number(process.env.N8N_PORT) : undefined,
		keepFolders: process.env.KEEP_USER_FOLDER === '1',
	});
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n (all processes), Redis, PostgreSQL and the stand-ins…');
		const left = await stack.stop();
		await standIn?.stop();
		await telediscount.stop();
		log(left.length ? `Some processes did not stop: groups ${left.join(', ')}` : 'Stopped; nothing is left running.');
		process.exit(left.length ? 1 : code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const examples = readExamples();
	try {
		await stack.setUp({
			credentials: [...standInCredential(baseUrl, token), ...telediscountCredential(telediscountUrl, TELEDISCOUNT_KEY)],
			workflows: examples,
			dataTables: readExampleDataTables(),
		});
	} catch (error) {
		console.error(error);
		stopping = false;
		await stop(1);
		return;
	}

	const hooks = stack.webhooks();
	const sides = [...stack.webhookProcesses, ...stack.workers];
	console.log(`
n8n ${'\u2714'} running in queue mode with n8n-nodes-alovoice loaded in every process

  Editor (main): ${stack.main.baseUrl}   log ${stack.main.logFile}
${sides.map((side) => `  ${side.name.padEnd(13)} ${side.kind === 'webhook' ? `http://localhost:${side.port}` : `health ${side.healthUrl}`}   log ${side.process.logFile}`).join('\n')}
  PostgreSQL:    127.0.0.1:${stack.postgres.port} (database ${stack.postgres.database}, user ${stack.postgres.user})
  Redis:         127.0.0.1:${stack.redis.port}
  Login:         ${OWNER.email}  /  ${OWNER.password}
  Credentials:   "${CREDENTIAL.name}" → ${baseUrl}${standIn ? ' (stand-in PBX)' : ''}
                 "${TELEDISCOUNT_CREDENTIAL.name}" → ${telediscountUrl}
  Workflows:     ${examples.map((workflow) => workflow.name).join(', ') || '(none)'}

Production webhook URLs, served by the webhook process (paste them into the PBX's settings):
${hooks.map((hook) => `  ${hook.method.padEnd(5)} ${hook.url}   ← ${hook.workflow} / ${hook.node}`).join('\n') || '  (none)'}

Press Ctrl-C to stop.`);
}

void main();
