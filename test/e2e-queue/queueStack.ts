// The queue-mode suite's stack: the same code as `npm run dev:queue` (scripts/lib/queue.ts),
// with the stand-ins, the examples and a suite's own workflows, and readers for what n8n stored
// in PostgreSQL and what each worker ran.
import { ALOVOICE_TOKEN, AloVoiceServer } from '../server/alovoice';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../server/telediscount';
import {
	buildPackage,
	ensureN8n,
	readExamples,
	readExampleDataTables,
	standInCredential,
	telediscountCredential,
} from '../../scripts/lib/n8n';
import {
	QueueStack,
	ensureQueueServers,
	literal,
	type QueueOptions,
} from '../../scripts/lib/queue';
import type { Workflow } from '../e2e/stack';

export interface QueueTestStack {
	queue: QueueStack;
	standIn: AloVoiceServer;
	telediscount: TelediscountServer;
	stop(): Promise<number[]>;
}

const log = (line: string) => process.stderr.write(`[queue] ${line}\n`);

export async function startQueueStack(
	workflows: Workflow[],
	options: {
		credentials?: unknown[];
		env?: Record<string, string>;
		workerConcurrency?: number;
	} = {},
): Promise<QueueTestStack> {
	if (process.env.E2E_SKIP_BUILD !== '1') buildPackage(log);
	const install = ensureN8n(log);
	ensureQueueServers(log);
	const standIn = new AloVoiceServer();
	const baseUrl = await standIn.start();
	const telediscount = new TelediscountServer();
	const telediscountUrl = await telediscount.start();
	const queueOptions: QueueOptions = {
		install,
		log,
		logLevel: 'info',
		keepFolders: process.env.E2E_KEEP === '1',
		env: options.env,
		workerConcurrency: options.workerConcurrency,
	};
	const queue = new QueueStack(queueOptions);
	try {
		await queue.setUp({
			credentials: [
				...standInCredential(baseUrl, ALOVOICE_TOKEN),
				...telediscountCredential(telediscountUrl, TELEDISCOUNT_KEY),
				...(options.credentials ?? []),
			],
			workflows: [...readExamples(), ...workflows],
			dataTables: readExampleDataTables(),
		});
	} catch (error) {
		await standIn.stop();
		await telediscount.stop();
		throw error;
	}
	return {
		queue,
		standIn,
		telediscount,
		async stop() {
			const left = await queue.stop();
			await standIn.stop();
			await telediscount.stop();
			return left;
		},
	};
}

/** Executions of a workflow in PostgreSQL that contain `text` in their data (e.g. a CRM call id). */
export function executionsContaining(
	queue: QueueStack,
	workflowId: string,
	text: string,
): Array<{ id: string; status: string }> {
	return queue.postgres.query(
		`SELECT e.id::text AS id, e.status AS status FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = ${literal(workflowId)} AND position(${literal(text)} in d.data) > 0`,
	);
}

/** Executions whose data or stored workflow contains a secret (must be none). */
export function executionsLeaking(queue: QueueStack, secret: string): string[] {
	return queue.postgres
		.query<{
			id: string;
		}>(
			`SELECT "executionId"::text AS id FROM execution_data WHERE position(${literal(secret)} in data) > 0 OR position(${literal(secret)} in "workflowData"::text) > 0`,
		)
		.map((row) => row.id);
}
