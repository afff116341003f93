// `npm run dev:queue`: the package inside n8n's queue mode (scripts/lib/queue.ts): PostgreSQL,
// Redis, one main, one webhook process and two workers, against the stand-in PBXs, with the
// examples published. Ctrl-C (or SIGTERM) stops every process and removes the temp folders.
import {
	CREDENTIAL,
	OWNER,
	buildPackage,
	ensureN8n,
	readExamples,
	readExampleDataTables,
	TELEDISCOUNT_CREDENTIAL,
} from './lib/n8n';
import { startStandIns } from './lib/standIns';
import { QueueStack, ensureQueueServers } from './lib/queue';

const log = (line: string) => console.log(`[dev:queue] ${line}`);

async function main() {
	buildPackage(log);
	const install = ensureN8n(log);
	ensureQueueServers(log);

	const standIns = await startStandIns(log);

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
		await standIns.stop();
		log(
			left.length
				? `Some processes did not stop: groups ${left.join(', ')}`
				: 'Stopped; nothing is left running.',
		);
		process.exit(left.length ? 1 : code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const examples = readExamples();
	try {
		await stack.setUp({
			credentials: standIns.credentials,
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
  Credentials:   "${CREDENTIAL.name}" → ${standIns.baseUrl}${standIns.isStandIn ? ' (stand-in PBX)' : ''}
                 "${TELEDISCOUNT_CREDENTIAL.name}" → ${standIns.telediscountUrl}
  Workflows:     ${examples.map((workflow) => workflow.name).join(', ') || '(none)'}

Production webhook URLs, served by the webhook process (paste them into the PBX's settings):
${hooks.map((hook) => `  ${hook.method.padEnd(5)} ${hook.url}   ← ${hook.workflow} / ${hook.node}`).join('\n') || '  (none)'}

Press Ctrl-C to stop.`);
}

void main();
