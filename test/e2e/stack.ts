// The e2e suite's n8n: the same install and set-up as `npm run dev`, plus readers for what n8n
// stored (executions through its REST API, counts and secret scans from its database).
import { join } from 'node:path';

import { ALOVOICE_TOKEN, AloVoiceServer } from '../server/alovoice';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../server/telediscount';
import {
	CACHE_DIR,
	N8nInstance,
	buildPackage,
	canBePublished,
	ensureN8n,
	readExamples,
	readExampleDataTables,
	standInCredential,
	telediscountCredential,
} from '../../scripts/lib/n8n';

export interface Stack {
	n8n: N8nInstance;
	standIn: AloVoiceServer;
	telediscount: TelediscountServer;
	stop(): Promise<void>;
}

export type Workflow = { id: string; name: string; nodes: unknown[]; connections: unknown };

const log = (line: string) => process.stderr.write(`[n8n] ${line}\n`);

export async function startStack(
	workflows: Workflow[],
	options: {
		logLevel?: 'debug' | 'info';
		credentials?: unknown[];
		n8nEnv?: Record<string, string>;
		extraPackages?: string[];
	} = {},
): Promise<Stack> {
	// CI builds before the suite; a developer running it alone gets a fresh build too.
	if (process.env.E2E_SKIP_BUILD !== '1') buildPackage(log);
	const install = ensureN8n(log);
	const standIn = new AloVoiceServer();
	const baseUrl = await standIn.start();
	const telediscount = new TelediscountServer();
	const telediscountUrl = await telediscount.start();
	const n8n = new N8nInstance({
		install,
		log,
		logLevel: options.logLevel ?? 'debug',
		keepUserFolder: process.env.E2E_KEEP === '1',
		env: options.n8nEnv,
		extraPackages: options.extraPackages,
	});
	try {
		await n8n.allocatePorts();
		n8n.installPackage();
		n8n.importCredentials([
			...standInCredential(baseUrl, ALOVOICE_TOKEN),
			...telediscountCredential(telediscountUrl, TELEDISCOUNT_KEY),
			// A suite's own credentials (e.g. a trigger's shared secret), n8n's import format.
			...(options.credentials ?? []),
		]);
		n8n.importWorkflows([...readExamples(), ...workflows]);
		await n8n.start();
		await n8n.setupOwner();
		await n8n.createDataTables(readExampleDataTables());
		// n8n 2.40.7 publishes imported workflows through an outbox after start-up, so webhooks
		// appear a moment after it reports ready; every suite waits here instead of racing it.
		// Soft: a workflow without a webhook only costs the wait, and the tests say what is missing.
		const names = [...readExamples(), ...workflows]
			.filter(canBePublished)
			.map((workflow) => (workflow as { name?: string }).name);
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			const registered = new Set(n8n.webhooks().map((hook) => hook.workflow));
			if (names.every((name) => !name || registered.has(name))) break;
			await new Promise((done) => setTimeout(done, 500));
		}
	} catch (error) {
		await n8n.stop();
		await standIn.stop();
		await telediscount.stop();
		const tail = n8n.log().split('\n').slice(-60).join('\n');
		n8n.removeUserFolder();
		throw new Error(`${(error as Error).message}\n--- n8n log tail ---\n${tail}`);
	}
	return {
		n8n,
		standIn,
		telediscount,
		async stop() {
			await n8n.stop();
			await standIn.stop();
			await telediscount.stop();
			n8n.removeUserFolder();
		},
	};
}

export interface StoredExecution {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
}

/** Executions as n8n's REST API lists them, newest first. */
export async function listExecutions(
	n8n: N8nInstance,
	workflowId: string,
): Promise<StoredExecution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await n8n.rest<{ results: StoredExecution[] }>(
		`/executions?filter=${filter}&limit=500`,
	);
	return page.results;
}

type RunItem = {
	json: unknown;
	binary?: Record<string, { mimeType: string; fileName?: string; fileSize?: string; id?: string }>;
};
export type RunData = Record<
	string,
	Array<{ data?: { main?: Array<RunItem[] | null> }; error?: unknown }>
>;

/** An execution's stored data (n8n stores it "flatted") read into its run data. */
export function parseRunData(text: string): RunData {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(CACHE_DIR, 'node_modules', 'flatted')) as {
		parse(text: string): unknown;
	};
	const data = flatted.parse(text) as { resultData: { runData: RunData } };
	return data.resultData.runData;
}

/** One execution's run data, read back through the REST API. */
export async function executionRunData(
	n8n: N8nInstance,
	id: string,
): Promise<{ status: string; runData: RunData }> {
	const execution = await n8n.rest<{ status: string; data: string }>(`/executions/${id}`);
	return { status: execution.status, runData: parseRunData(execution.data) };
}

export function nodeItems(runData: RunData, node: string): RunItem[] {
	const runs = runData[node];
	if (!runs?.length) throw new Error(`node "${node}" did not run`);
	return runs[0].data?.main?.[0] ?? [];
}

export function nodeOutput(runData: RunData, node: string): unknown[] {
	return nodeItems(runData, node).map((item) => item.json);
}

/** Exact execution counts per status for a workflow, straight from n8n's database. */
export function executionCounts(n8n: N8nInstance, workflowId: string): Record<string, number> {
	const rows = n8n.sql<{ status: string; count: number }>(
		'SELECT status, COUNT(*) AS count FROM execution_entity WHERE workflowId = ? GROUP BY status',
		[workflowId],
	);
	return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

export async function waitFor(
	check: () => boolean | Promise<boolean>,
	timeoutMs: number,
	what: string,
) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((done) => setTimeout(done, 1000));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Waits until `count()` reaches `target`, for as long as it keeps moving: fails only when it
 * has not grown for `stallMs` (or went past the target). n8n stores a burst of executions at
 * SQLite's pace, which depends on the machine, so a fixed deadline would measure the machine.
 */
export async function waitForCount(
	count: () => number,
	target: number,
	stallMs: number,
	what: string,
	describe?: () => string,
) {
	let last = count();
	let movedAt = Date.now();
	const started = Date.now();
	while (last !== target) {
		if (last > target)
			throw new Error(
				`${what}: ${last}, more than the ${target} expected${describe ? ` (${describe()})` : ''}`,
			);
		if (Date.now() - movedAt > stallMs) {
			throw new Error(
				`${what}: stuck at ${last} of ${target} for ${stallMs} ms${describe ? ` (${describe()})` : ''}`,
			);
		}
		await new Promise((done) => setTimeout(done, 1000));
		const now = count();
		if (now !== last) movedAt = Date.now();
		last = now;
	}
	return (Date.now() - started) / 1000;
}
