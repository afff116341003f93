// `npm run bench:queue`: the route rows of `npm run bench` and the queue suite's call-pair load,
// in n8n's queue mode (scripts/lib/queue.ts: PostgreSQL, Redis, a main, two webhook processes,
// two workers) with one and with two webhook processes serving the requests. Writes its report
// into BENCHMARKS.md between the "n8n-bench-queue" markers (`npm run bench` leaves them alone).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { ALOVOICE_TOKEN } from '../../test/server/alovoice';
import { CALL_ID, callEndFields, callStartFields, postPbx } from '../../test/e2e/triggers';
import { waitForCount } from '../../test/e2e/stack';
import {
	PACKAGE_ROOT,
	N8N_VERSION,
	NODE_PACKAGE_VERSION,
	buildPackage,
	ensureN8n,
	sleep,
	standInCredential,
} from '../../scripts/lib/n8n';
import {
	QueueStack,
	ensureQueueServers,
	postgresBin,
	type N8nSideProcess,
} from '../../scripts/lib/queue';
import { runLoad, type LoadResult } from '../../scripts/lib/load';
import {
	ROUTE_BASELINE,
	ROUTE_FLOOR,
	ratio,
	routeRow,
	routeTable,
	storedTable,
	type RouteRow,
} from './route';
import { TICK, procStat } from './proc';
import {
	callEventTrigger,
	routeFloor,
	routeTriggerAnswerNode,
	routeTriggerRules,
	routeWebhookBaseline,
} from './workflows';

// --quick: fewer requests, printed and kept in results-queue-quick.json, BENCHMARKS.md left alone.
const QUICK = process.argv.includes('--quick');
// --lazy-only: only the lazy-acquisition stack (half the run time), for a look on a busy machine.
const LAZY_ONLY = process.argv.includes('--lazy-only');
const REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? (QUICK ? 60 : 200));
const PAIRS = Number(process.env.BENCH_QUEUE_PAIRS ?? (QUICK ? 100 : 300));
const CALLERS = [1, 10, 50];
const PAIR_CONCURRENCY = 50;
const WORKERS = 2;
/** n8n's default `--concurrency` of a worker, as QueueStack starts it. */
const WORKER_CONCURRENCY = 10;

const log = (line: string) => process.stderr.write(`[bench:queue] ${line}\n`);

/** Lazy acquisition first: it is the setting the README recommends for route speed. */
const ENGINES: Array<{ label: string; env: Record<string, string> }> = [
	{
		label: '`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
	...(LAZY_ONLY ? [] : [{ label: "n8n's default engine settings", env: {} }]),
];

const ROUTE_VARIANTS = [
	{
		name: ROUTE_FLOOR,
		workflow: routeFloor('BenchRouteFloor2', 'bench: floor trigger v2', 'benchFloorTrigger', 2),
	},
	{ name: ROUTE_BASELINE, workflow: routeWebhookBaseline() },
	{
		name: 'AloVoice Trigger v2, rules, no execution',
		workflow: routeTriggerRules(
			'BenchRouteRul2x0',
			'bench: route trigger v2, rules, no execution',
			false,
			2,
		),
	},
	{
		name: 'AloVoice Trigger v2, rules + execution',
		workflow: routeTriggerRules(
			'BenchRouteRul2x1',
			'bench: route trigger v2, rules, execution per request',
			true,
			2,
		),
	},
	{ name: 'AloVoice Trigger v2 + AloVoice Answer node', workflow: routeTriggerAnswerNode() },
];

/** Call-started + call-ended pairs: version 2 (what a new node is) and version 1 (what the queue suite's load test uses). */
const PAIR_VARIANTS = [2, 1].map((version) => ({
	name: `Call Started + Call Ended, AloVoice Trigger v${version}`,
	started: callEventTrigger(
		`BenchCallStart${version}x`,
		`bench: call started v${version}`,
		'callStarted',
		version,
	),
	ended: callEventTrigger(
		`BenchCallEnded${version}x`,
		`bench: call ended v${version}`,
		'callEnded',
		version,
	),
}));

/** CPU seconds per role, read from /proc by process group (an n8n process's task runner is in its group). */
type Cpu = Record<string, number>;
const CPU_ROLES = [
	'webhook processes',
	'workers',
	'main',
	'PostgreSQL',
	'Redis',
	'bench client',
	'rest of the machine',
] as const;

function cpuTicksByGroup(): Map<number, number> {
	const ticks = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const fields = procStat(entry);
		if (!fields) continue; // exited meanwhile
		// pgrp (index 2), utime (11), stime (12), cutime (13), cstime (14).
		const group = Number(fields[2]);
		const used = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
		ticks.set(group, (ticks.get(group) ?? 0) + used);
	}
	return ticks;
}

function cpuNow(stack: QueueStack): Cpu {
	const ticks = cpuTicksByGroup();
	const of = (pids: Array<number | undefined>) =>
		pids.reduce<number>((sum, pid) => sum + (pid ? (ticks.get(pid) ?? 0) : 0), 0) / TICK;
	const own = process.cpuUsage();
	// The whole machine's busy time (/proc/stat: every field but idle and iowait), so what other
	// programs on a shared machine took shows as "rest of the machine".
	const total = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.trim()
		.split(/\s+/)
		.slice(1, 9)
		.map(Number);
	const machine = (total.reduce((a, b) => a + b, 0) - total[3] - total[4]) / TICK;
	const cpu = {
		'webhook processes': of(stack.webhookProcesses.map((side) => side.process.pid)),
		workers: of(stack.workers.map((side) => side.process.pid)),
		main: of([stack.main.pid]),
		PostgreSQL: of([stack.postgres.server.pid]),
		Redis: of([stack.redis.server?.pid]),
		'bench client': (own.user + own.system) / 1e6,
	};
	return { ...cpu, 'rest of the machine': machine - Object.values(cpu).reduce((a, b) => a + b, 0) };
}

/** Cores busy per role over `seconds` of wall time (1.00 = one core all the time). */
function coresBusy(before: Cpu, after: Cpu, seconds: number): Cpu {
	return Object.fromEntries(
		CPU_ROLES.map((role) => [
			role,
			Math.round(((after[role] - before[role]) / seconds) * 100) / 100,
		]),
	);
}

const minus = (
	after: Record<string, number>,
	before: Record<string, number>,
): Record<string, number> =>
	Object.fromEntries(
		Object.entries(after)
			.map(([key, value]) => [key, value - (before[key] ?? 0)])
			.filter(([, value]) => value !== 0),
	);

/** Waits (up to `ms`) until n8n has no queued or running execution of the workflow. */
async function settled(stack: QueueStack, workflowId: string, ms: number) {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		const counts = stack.executionCounts(workflowId);
		if (!counts.new && !counts.running) return true;
		await sleep(500);
	}
	return false;
}

type Topology = 1 | 2;
type QueueRouteRow = RouteRow & {
	processes: Topology;
	cores: Cpu;
	workerRuns: Record<string, number>;
	stored: Record<string, number>;
};

interface PairRow {
	variant: string;
	processes: Topology;
	pairs: number;
	/** Per pair: from the call-started request to the call-ended answer. */
	result: LoadResult;
	wrong: number;
	firstWrong: string[];
	/** Executions n8n stored for the pairs' events, per status (after they had settled). */
	stored: Record<string, number>;
	storedAllAfterSeconds: number | null;
	perWorker: Record<string, number>;
	cores: Cpu;
}

interface EngineRun {
	label: string;
	env: Record<string, string>;
	stackStartSeconds: number;
	loadBefore: number[];
	loadAfter: number[];
	route: QueueRouteRow[];
	pairs: PairRow[];
	firstWrong: string[];
}

interface MeasuredQueue {
	at: string;
	machine: string;
	settings: {
		requests: number;
		pairs: number;
		pairConcurrency: number;
		workers: number;
		workerConcurrency: number;
		quick?: boolean;
		lazyOnly?: boolean;
	};
	engines: EngineRun[];
	runSeconds: number;
}

const EXTRA_PACKAGES = [join(PACKAGE_ROOT, 'bench', 'floor')];
const RESULTS_FILE = join(
	PACKAGE_ROOT,
	'bench',
	'n8n',
	QUICK ? 'results-queue-quick.json' : 'results-queue.json',
);
const NOTES_FILE = join(PACKAGE_ROOT, 'bench', 'n8n', 'notes-queue.md');

/** The production URL of `workflow` on each webhook process that serves the row (1: the first only; 2: both). */
function urlsOf(stack: QueueStack, sides: N8nSideProcess[], workflow: string) {
	return sides.map((side) => {
		const hook = stack
			.webhooks(side)
			.find((candidate) => candidate.workflow === workflow && candidate.method === 'POST');
		if (!hook) throw new Error(`n8n registered no POST webhook for ${workflow}`);
		return hook.url;
	});
}

async function routeRows(stack: QueueStack, firstWrong: string[]): Promise<QueueRouteRow[]> {
	const rows: QueueRouteRow[] = [];
	for (const concurrency of CALLERS) {
		for (const variant of ROUTE_VARIANTS) {
			// The two topologies one right after the other for each row, so a busy moment of the
			// shared machine lands on both rather than on one.
			for (const processes of [1, 2] as Topology[]) {
				const urls = urlsOf(
					stack,
					stack.webhookProcesses.slice(0, processes),
					variant.workflow.name,
				);
				const storedBefore = stack.executionCounts(variant.workflow.id);
				const runsBefore = stack.workerRuns();
				const wrongAnswers: string[] = [];
				const cpuBefore = cpuNow(stack);
				const started = process.hrtime.bigint();
				// Round-robin by request, as a load balancer in front of the webhook processes would.
				const row = await routeRow(
					variant.name,
					REQUESTS,
					concurrency,
					(index) => urls[index % urls.length],
					wrongAnswers,
				);
				const cores = coresBusy(
					cpuBefore,
					cpuNow(stack),
					Number(process.hrtime.bigint() - started) / 1e9,
				);
				firstWrong.push(...wrongAnswers.slice(0, 3 - Math.min(3, firstWrong.length)));
				// Each row starts on a settled stack: executions a row left queued would load the next one.
				if (!(await settled(stack, variant.workflow.id, 120_000)))
					log(`${variant.name}: executions still queued or running after 120 s`);
				const queueRow = {
					...row,
					processes,
					cores,
					workerRuns: minus(stack.workerRuns(), runsBefore),
					stored: minus(stack.executionCounts(variant.workflow.id), storedBefore),
				};
				rows.push(queueRow);
				log(
					`route ${variant.name} c=${concurrency} processes=${processes}: ${JSON.stringify({ ...row.result, fallbacks: row.fallbacks, wrong: row.wrong, cores })}`,
				);
			}
		}
	}
	return rows;
}

/** `PAIRS` call-started + call-ended pairs at 50 concurrent; each request to the next webhook process in turn. */
async function pairRow(
	stack: QueueStack,
	variant: (typeof PAIR_VARIANTS)[number],
	processes: Topology,
	offset: number,
): Promise<PairRow> {
	const sides = stack.webhookProcesses.slice(0, processes);
	const startUrls = urlsOf(stack, sides, variant.started.name);
	const endUrls = urlsOf(stack, sides, variant.ended.name);
	let sent = 0;
	const next = (urls: string[]) => urls[sent++ % urls.length];
	const all = () => ({
		started: stack.executionCounts(variant.started.id),
		ended: stack.executionCounts(variant.ended.id),
	});
	const finished = (counts: ReturnType<typeof all>) =>
		[counts.started, counts.ended].reduce(
			(sum, byStatus) =>
				sum +
				Object.entries(byStatus)
					.filter(([status]) => status !== 'new' && status !== 'running')
					.reduce((a, [, n]) => a + n, 0),
			0,
		);
	const before = all();
	const finishedBefore = finished(before);
	const runsBefore = stack.workerRuns();
	const wrong: string[] = [];
	const ids = new Set<string>();
	let accepted = 0;
	const cpuBefore = cpuNow(stack);
	const result = await runLoad(PAIRS, PAIR_CONCURRENCY, async (index) => {
		const started = await postPbx(next(startUrls), callStartFields(offset + index));
		const callId = started.text.trim();
		if (started.status !== 200 || !CALL_ID.test(callId)) {
			wrong.push(`call started #${index}: ${started.status} ${started.text.slice(0, 120)}`);
			return;
		}
		accepted++;
		if (ids.has(callId)) wrong.push(`call started #${index}: id ${callId} answered twice`);
		ids.add(callId);
		const ended = await postPbx(next(endUrls), callEndFields(callId, offset + index));
		if (ended.status !== 200 || ended.text !== 'true') {
			wrong.push(`call ended #${index}: ${ended.status} ${ended.text.slice(0, 120)}`);
			return;
		}
		accepted++;
	});
	const cores = coresBusy(cpuBefore, cpuNow(stack), result.seconds);
	// Every answered event is an execution a worker runs after the answer: wait until n8n stored them all.
	let storedAllAfterSeconds: number | null = null;
	try {
		storedAllAfterSeconds = await waitForCount(
			() => finished(all()) - finishedBefore,
			accepted,
			60_000,
			'stored executions',
		);
	} catch (error) {
		log((error as Error).message);
	}
	const after = all();
	const stored: Record<string, number> = {};
	for (const [status, count] of [
		...Object.entries(minus(after.started, before.started)),
		...Object.entries(minus(after.ended, before.ended)),
	]) {
		stored[status] = (stored[status] ?? 0) + count;
	}
	// A worker's log line can reach its file a moment after the execution is stored.
	const storedTotal = Object.values(stored).reduce((a, b) => a + b, 0);
	const logged = () =>
		Object.values(minus(stack.workerRuns(), runsBefore)).reduce((a, b) => a + b, 0);
	for (let waited = 0; logged() < storedTotal && waited < 15; waited++) await sleep(1000);
	const row: PairRow = {
		variant: variant.name,
		processes,
		pairs: PAIRS,
		result,
		wrong: wrong.length,
		firstWrong: wrong.slice(0, 3),
		stored,
		storedAllAfterSeconds,
		perWorker: minus(stack.workerRuns(), runsBefore),
		cores,
	};
	log(`pairs ${variant.name} processes=${processes}: ${JSON.stringify(row)}`);
	return row;
}

async function measureEngine(engine: (typeof ENGINES)[number]): Promise<EngineRun> {
	const install = ensureN8n(log);
	const stack = new QueueStack({
		install,
		log,
		logLevel: 'info',
		webhookProcesses: 2,
		workers: WORKERS,
		workerConcurrency: WORKER_CONCURRENCY,
		env: engine.env,
		extraPackages: EXTRA_PACKAGES,
		keepFolders: process.env.BENCH_KEEP === '1',
	});
	const loadBefore = loadavg();
	const begun = Date.now();
	// No workflow here calls the PBX: the credential is there only because the CLI import wants one.
	await stack.setUp({
		credentials: standInCredential('http://127.0.0.1:9', ALOVOICE_TOKEN),
		workflows: [
			...ROUTE_VARIANTS.map((variant) => variant.workflow),
			...PAIR_VARIANTS.flatMap((variant) => [variant.started, variant.ended]),
		],
	});
	const stackStartSeconds = Math.round((Date.now() - begun) / 1000);
	log(`${engine.label}: stack up in ${stackStartSeconds} s`);
	const firstWrong: string[] = [];
	let route: QueueRouteRow[] = [];
	const pairs: PairRow[] = [];
	try {
		route = await routeRows(stack, firstWrong);
		let offset = 0;
		for (const variant of PAIR_VARIANTS) {
			for (const processes of [1, 2] as Topology[]) {
				const row = await pairRow(stack, variant, processes, offset);
				offset += PAIRS;
				firstWrong.push(...row.firstWrong.slice(0, 3 - Math.min(3, firstWrong.length)));
				pairs.push(row);
			}
		}
	} finally {
		const left = await stack.stop();
		// A run must stop everything it started.
		if (left.length)
			throw new Error(`processes left running after the stack stopped (groups ${left.join(', ')})`);
	}
	return {
		label: engine.label,
		env: engine.env,
		stackStartSeconds,
		loadBefore,
		loadAfter: loadavg(),
		route,
		pairs,
		firstWrong,
	};
}

async function measure(): Promise<MeasuredQueue> {
	const begun = Date.now();
	buildPackage(log);
	ensureQueueServers(log);
	const engines: EngineRun[] = [];
	const postgresMajor = postgresBin()?.split('/').at(-2) ?? '?';
	const redisVersion =
		/v=([\d.]+)/.exec(
			execFileSync('/usr/bin/redis-server', ['--version'], { encoding: 'utf8' }),
		)?.[1] ?? '?';
	const measured = (): MeasuredQueue => ({
		at: new Date().toISOString().slice(0, 16),
		machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB, n8n ${N8N_VERSION} on Node ${NODE_PACKAGE_VERSION}, PostgreSQL ${postgresMajor}, Redis ${redisVersion}, log level info`,
		settings: {
			requests: REQUESTS,
			pairs: PAIRS,
			pairConcurrency: PAIR_CONCURRENCY,
			workers: WORKERS,
			workerConcurrency: WORKER_CONCURRENCY,
			...(QUICK ? { quick: true } : {}),
			...(LAZY_ONLY ? { lazyOnly: true } : {}),
		},
		engines,
		runSeconds: Math.round((Date.now() - begun) / 1000),
	});
	for (const engine of ENGINES) {
		engines.push(await measureEngine(engine));
		// Kept after each stack, so a later stack's failure does not lose the figures measured before it.
		writeFileSync(RESULTS_FILE, `${JSON.stringify(measured(), null, '\t')}\n`);
	}
	return measured();
}

const counts = (byStatus: Record<string, number>) =>
	Object.entries(byStatus)
		.map(([status, count]) => `${status}: ${count}`)
		.join(', ') || 'none';
const cores = (cpu: Cpu) => CPU_ROLES.map((role) => cpu[role].toFixed(2)).join(' · ');

/** Same rows side by side: what serving them from two webhook processes changed. */
function secondProcessTable(rows: QueueRouteRow[]) {
	const lines = [
		`| concurrent callers | workflow | req/s, 1 process | req/s, 2 processes | 2 vs 1 | p99 ms, 1 process | p99 ms, 2 processes | p99 2 vs 1 | cores busy, 1 process (${CPU_ROLES.join(' · ')}) | cores busy, 2 processes |`,
		'|---:|---|---:|---:|---:|---:|---:|---:|---|---|',
	];
	for (const one of rows.filter((row) => row.processes === 1)) {
		const two = rows.find(
			(row) =>
				row.processes === 2 &&
				row.variant === one.variant &&
				row.result.concurrency === one.result.concurrency,
		)!;
		lines.push(
			`| ${one.result.concurrency} | ${one.variant} | ${one.result.perSecond} | ${two.result.perSecond} | ${ratio(two.result.perSecond, one.result.perSecond)} | ${one.result.p99Ms} | ${two.result.p99Ms} | ${ratio(two.result.p99Ms, one.result.p99Ms)} | ${cores(one.cores)} | ${cores(two.cores)} |`,
		);
	}
	return lines.join('\n');
}

function storedByTopology(rows: QueueRouteRow[], processes: Topology) {
	return ROUTE_VARIANTS.map((variant) => {
		const total: Record<string, number> = {};
		for (const row of rows.filter(
			(candidate) => candidate.processes === processes && candidate.variant === variant.name,
		)) {
			for (const [status, count] of Object.entries(row.stored))
				total[status] = (total[status] ?? 0) + count;
		}
		return { variant: variant.name, counts: total };
	});
}

function pairTable(rows: PairRow[]) {
	const lines = [
		`| webhook processes | workflow pair | pairs | concurrent pairs | pairs/s | events/s | per-pair p50 ms | per-pair p99 ms | max ms | wrong answers | executions stored (status: count) | all stored s after the last answer | executions per worker | cores busy (${CPU_ROLES.join(' · ')}) |`,
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.processes} | ${row.variant} | ${row.pairs} | ${row.result.concurrency} | ${row.result.perSecond} | ${Math.round(row.result.perSecond * 20) / 10} | ${row.result.p50Ms} | ${row.result.p99Ms} | ${row.result.maxMs} | ${row.wrong} | ${counts(row.stored)} | ${row.storedAllAfterSeconds ?? 'not all within the wait'} | ${counts(row.perWorker)} | ${cores(row.cores)} |`,
		);
	}
	return lines.join('\n');
}

function render(measured: MeasuredQueue) {
	const { settings } = measured;
	const command = [
		settings.requests !== 200 ? `BENCH_QUEUE_REQUESTS=${settings.requests}` : '',
		settings.pairs !== 300 ? `BENCH_QUEUE_PAIRS=${settings.pairs}` : '',
		'npm run bench:queue',
		settings.lazyOnly ? '-- --lazy-only' : '',
	]
		.filter(Boolean)
		.join(' ');
	const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ');
	return [
		`Measured ${measured.at}Z on ${measured.machine}. Reproduce: \`${command}\` (this run took ${Math.round(measured.runSeconds / 60)} min; raw figures: \`bench/n8n/results-queue.json\`${settings.quick ? '; this was a `--quick` run' : ''}).`,
		'',
		`The stack (\`scripts/lib/queue.ts\`, as \`npm run dev:queue\` and the queue suite start it): one main, two webhook processes, ${settings.workers} workers (each running up to ${settings.workerConcurrency} executions at once), PostgreSQL and Redis, all on this machine; the benchmark's client runs on it too. One stack per engine setting. The "1 webhook process" rows send every request to the first webhook process while the second idles; the "2 webhook processes" rows send request i to process i mod 2 (round-robin by request, as a load balancer would), and both rows are measured one right after the other. Route rows: ${settings.requests} requests each, the same request, answer check, percentiles and ratio columns as the single-process table above; a wrong answer (anything but the workflow's action or the trigger's fallback, or no answer in 60 s) is counted, not thrown. "Cores busy" is the CPU time each part of the stack used during the row over the row's wall time (1.00 = one of the ${cpus().length} cores all the time), read from /proc by process group.`,
		'',
		...measured.engines.flatMap((engine) => [
			`### Queue mode, ${engine.label}`,
			'',
			`Stack up in ${engine.stackStartSeconds} s; load average (1 / 5 / 15 min) ${load(engine.loadBefore)} before, ${load(engine.loadAfter)} after.${engine.firstWrong.length ? ` First wrong answers: ${engine.firstWrong.map((line) => `\`${line.replace(/\|/g, '/')}\``).join('; ')}.` : ''}`,
			'',
			'One webhook process:',
			'',
			routeTable(engine.route.filter((row) => row.processes === 1)),
			'',
			'Two webhook processes (round-robin by request):',
			'',
			routeTable(engine.route.filter((row) => row.processes === 2)),
			'',
			'What the second webhook process changed, row by row:',
			'',
			secondProcessTable(engine.route),
			'',
			`Executions n8n stored for those ${CALLERS.length * settings.requests} requests per workflow (after each row had settled):`,
			'',
			'One webhook process:',
			'',
			storedTable(storedByTopology(engine.route, 1)),
			'',
			'Two webhook processes:',
			'',
			storedTable(storedByTopology(engine.route, 2)),
			'',
			`Load: ${settings.pairs} call-started + call-ended pairs, ${settings.pairConcurrency} pairs at once (each pair waits for the call-started answer, a CRM id, then sends call ended with it, answered \`true\`); latency per pair, from the first request to the second answer:`,
			'',
			pairTable(engine.pairs),
			'',
		]),
		...(settings.quick || !existsSync(NOTES_FILE)
			? []
			: [readFileSync(NOTES_FILE, 'utf8').trimEnd()]),
	].join('\n');
}

function writeSection(report: string) {
	const file = join(PACKAGE_ROOT, 'BENCHMARKS.md');
	const start = '<!-- n8n-bench-queue:start (written by npm run bench:queue) -->';
	const end = '<!-- n8n-bench-queue:end -->';
	const section = `${start}\n## In a real n8n in queue mode: one and two webhook processes\n\n${report}\n${end}`;
	const current = readFileSync(file, 'utf8');
	const at = current.indexOf(start);
	// A first run puts the section right after the single-process one.
	const after = '<!-- n8n-bench:end -->';
	const next =
		at >= 0
			? current.slice(0, at) + section + current.slice(current.indexOf(end) + end.length)
			: current.includes(after)
				? current.replace(after, `${after}\n\n${section}`)
				: `${current.trimEnd()}\n\n${section}\n`;
	writeFileSync(file, next);
}

async function main() {
	// The stack's PostgreSQL, Redis and n8n folders go under the package (.bench-tmp/, ignored by
	// git) instead of /tmp: on a shared machine a sweep of /tmp/n8n-* by another run removed the
	// cluster of a running benchmark.
	process.env.TMPDIR = process.env.BENCH_QUEUE_TMPDIR ?? join(PACKAGE_ROOT, '.bench-tmp');
	mkdirSync(process.env.TMPDIR, { recursive: true });
	// --report: re-render BENCHMARKS.md from the last run's figures (after editing notes-queue.md) without measuring again.
	const reportOnly = process.argv.includes('--report');
	const measured: MeasuredQueue = reportOnly
		? JSON.parse(readFileSync(RESULTS_FILE, 'utf8'))
		: await measure();
	if (!reportOnly) writeFileSync(RESULTS_FILE, `${JSON.stringify(measured, null, '\t')}\n`);
	const report = render(measured);
	console.log(report);
	if (!QUICK) writeSection(report);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
