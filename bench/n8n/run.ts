// `npm run bench`: this package's nodes vs n8n's generic nodes, side by side in one real n8n
// 2.40.7 (SQLite, production webhooks) on this machine. Prints a Markdown report and writes it
// into BENCHMARKS.md between the "n8n-bench" markers (the rest of the file is left alone).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import { ALOVOICE_TOKEN, fakeAudio } from '../../test/server/alovoice';
import { executionCounts, startStack, waitFor, type Stack } from '../../test/e2e/stack';
import { PACKAGE_ROOT, N8N_VERSION, NODE_PACKAGE_VERSION } from '../../scripts/lib/n8n';
import {
	ROUTE_BASELINE,
	ROUTE_FLOOR,
	ratio,
	round1,
	routeRow,
	routeTable,
	storedTable,
	type RouteCost,
	type RouteRow,
} from './route';
import { TICK, procStat } from './proc';
import {
	CAMPAIGN,
	routeFloor,
	routeTriggerAnswerNode,
	campaignAloVoice,
	campaignHttpRequest,
	getResultsAloVoice,
	getResultsHttpRequest,
	routeTriggerRespondNode,
	routeTriggerRules,
	routeTriggerWorkflow,
	routeWebhookBaseline,
} from './workflows';

// --quick: the route rows only, fewer requests, both engine settings; printed and kept in
// results-quick.json, BENCHMARKS.md left alone. For a shared machine; the report comes from a full run.
const QUICK = process.argv.includes('--quick');
// --lazy-only (with --quick): only the lazy-acquisition setting, for a look when the machine is
// too busy for both; the report's first table then says so in its heading.
const LAZY_ONLY = QUICK && process.argv.includes('--lazy-only');
const ROUTE_REQUESTS = Number(process.env.BENCH_ROUTE_REQUESTS ?? (QUICK ? 100 : 300));
const RESULT_CALLS = Number(process.env.BENCH_RESULT_CALLS ?? 1000);
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

interface CampaignRow {
	variant: string;
	where: string;
	seconds: number;
	runs: number[];
	peakMb: number;
}

/** The campaign files every variant sends: 100,000 numbers and a short MP3 message. */
function campaignFiles(stack: Stack) {
	const dir = stack.n8n.userFolder;
	const csv = join(dir, 'recipients.csv');
	const mp3 = join(dir, 'message.mp3');
	writeFileSync(
		csv,
		Array.from({ length: RECIPIENTS }, (_, i) => `99890${String(1_000_000 + i).slice(-7)}`).join(
			'\n',
		) + '\n',
	);
	writeFileSync(mp3, fakeAudio('campaign message'));
	return { csv, mp3, csvBytes: readFileSync(csv), mp3Bytes: readFileSync(mp3) };
}

/** Checks that the stand-in PBX got one more campaign, with exactly this CSV and these fields. */
function checkCampaignArrived(
	stack: Stack,
	variant: string,
	campaignsBefore: number,
	csvBytes: Buffer,
) {
	const { standIn } = stack;
	if (standIn.state.nextCampaignId !== campaignsBefore + 1)
		throw new Error(`${variant}: the PBX got no campaign`);
	const posted = standIn.requests.filter((request) => request.path === '/mapi/addAutorule').at(-1);
	const recipients = posted?.files.recipients?.content;
	if (!recipients || sha256(Buffer.from(recipients)) !== sha256(csvBytes))
		throw new Error(`${variant}: the PBX got another recipients CSV`);
	for (const [name, value] of Object.entries(CAMPAIGN)) {
		if (posted!.fields[name] !== value)
			throw new Error(`${variant}: field ${name} is ${posted!.fields[name]}, not ${value}`);
	}
	// The stand-in keeps every request; drop the uploads so the runs do not pile up in memory.
	standIn.requests.length = 0;
}

/** What a user without n8n runs: curl posting the campaign's multipart body to the PBX. */
async function curlCampaign(stack: Stack, files: ReturnType<typeof campaignFiles>) {
	const before = stack.standIn.state.nextCampaignId;
	const started = process.hrtime.bigint();
	// The stand-in answers from this process, so curl must run asynchronously.
	const { stdout, stderr, code } = await new Promise<{
		stdout: string;
		stderr: string;
		code: number | null;
	}>((done) => {
		const child = spawn('/usr/bin/time', [
			'-f',
			'TIME %e %M',
			'curl',
			'-sS',
			'-o',
			'/dev/null',
			'-w',
			'%{http_code}',
			'-H',
			`Authorization: Bearer ${ALOVOICE_TOKEN}`,
			...Object.entries(CAMPAIGN).flatMap(([name, value]) => ['-F', `${name}=${value}`]),
			'-F',
			`record=@${files.mp3};type=audio/mpeg`,
			'-F',
			`recipients=@${files.csv};type=text/csv`,
			`${stack.standIn.url}/mapi/addAutorule`,
		]);
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (err += chunk));
		child.on('close', (exit) => done({ stdout: out, stderr: err, code: exit }));
	});
	// Wall time from here (start of curl to its exit; time(1) only gives centiseconds), memory from time(1).
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const measured = /TIME ([\d.]+) (\d+)/.exec(stderr);
	if (code !== 0 || stdout !== '200' || !measured)
		throw new Error(`curl campaign failed: ${code} ${stdout} ${stderr}`);
	checkCampaignArrived(stack, 'curl', before, files.csvBytes);
	return { seconds, peakMb: Number(measured[2]) / 1024 };
}

/** The CRM's side in n8n: the same two files uploaded to a workflow's webhook, which creates the campaign. */
async function n8nCampaign(
	stack: Stack,
	variant: string,
	path: string,
	files: ReturnType<typeof campaignFiles>,
	withSecrets: boolean,
) {
	const before = stack.standIn.state.nextCampaignId;
	const form = new FormData();
	form.append('record', new Blob([files.mp3Bytes], { type: 'audio/mpeg' }), 'message.mp3');
	form.append('recipients', new Blob([files.csvBytes], { type: 'text/csv' }), 'recipients.csv');
	const query = withSecrets
		? `?${new URLSearchParams({ baseUrl: stack.standIn.url, token: ALOVOICE_TOKEN })}`
		: '';
	const measured = await withPeakMemory(stack.n8n.pid!, async () => {
		const answer = await fetch(`${stack.n8n.baseUrl}/webhook/${path}${query}`, {
			method: 'POST',
			body: form,
		});
		const text = await answer.text();
		if (answer.status !== 200 || !/"id":\s*\d+/.test(text))
			throw new Error(`${variant}: ${answer.status} ${text.slice(0, 500)}`);
	});
	checkCampaignArrived(stack, variant, before, files.csvBytes);
	return { seconds: measured.seconds, peakMb: measured.peakMb - measured.baseMb };
}

async function benchCampaign(stack: Stack) {
	const files = campaignFiles(stack);
	const variants: Array<{
		variant: string;
		where: string;
		run: () => Promise<{ seconds: number; peakMb: number }>;
	}> = [
		{
			variant: 'curl (multipart POST straight to the PBX)',
			where: 'curl process, peak RSS',
			run: () => curlCampaign(stack, files),
		},
		{
			variant: 'n8n: Webhook + HTTP Request node (multipart)',
			where: 'n8n, peak RSS − before',
			run: () => n8nCampaign(stack, 'HTTP Request', 'bench-campaign-http', files, true),
		},
		{
			variant: 'n8n: Webhook + AloVoice Campaign → Create',
			where: 'n8n, peak RSS − before',
			run: () => n8nCampaign(stack, 'AloVoice', 'bench-campaign-alovoice', files, false),
		},
	];
	for (const { run } of variants) await run(); // warm-up: n8n loads each workflow's nodes once
	const measured = variants.map(() => [] as Array<{ seconds: number; peakMb: number }>);
	// Alternating runs, so a slow moment of the machine does not land on one variant only.
	for (let round = 0; round < RUNS; round++) {
		for (const [index, { run }] of variants.entries()) measured[index].push(await run());
	}
	const rows: CampaignRow[] = variants.map(({ variant, where }, index) => ({
		variant,
		where,
		runs: measured[index].map((run) => run.seconds),
		seconds: median(measured[index].map((run) => run.seconds)),
		peakMb: Math.max(...measured[index].map((run) => run.peakMb)),
	}));
	process.stderr.write(`[bench] campaign ${JSON.stringify(rows)}\n`);
	return { rows, csvBytes: files.csvBytes.length };
}

/** Against curl (the floor: no n8n at all) and against the generic n8n workflow (the second row). */
function campaignTable(
	{ rows, csvBytes }: { rows: CampaignRow[]; csvBytes: number },
	recipients: number,
) {
	const lines = [
		`| client | recipients | CSV MB | median wall time s (runs) | time vs curl | time vs Webhook + HTTP Request | peak memory MB | memory measured in |`,
		'|---|---:|---:|---:|---:|---:|---:|---|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.variant} | ${recipients} | ${(csvBytes / 2 ** 20).toFixed(1)} | ${row.seconds.toFixed(3)} (${row.runs.map((run) => run.toFixed(3)).join(', ')}) | ${ratio(row.seconds, rows[0].seconds)} | ${ratio(row.seconds, rows[1].seconds)} | ${row.peakMb.toFixed(0)} | ${row.where} |`,
		);
	}
	return lines.join('\n');
}

interface RouteVariant {
	name: string;
	url: string;
	workflowId: string;
}

/** CPU time of the n8n process so far, all its threads (the isolates' included), from /proc. */
function cpuMs(pid: number): number {
	const fields = procStat(pid);
	if (!fields) throw new Error(`n8n (pid ${pid}) has exited`);
	// utime and stime, in clock ticks.
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
}

type ProbeCounts = { created: number; warmAcquires: number; coldAcquires: number };

/** The isolate probe's counts (bench/n8n/isolate-probe.cjs), read after its next write. */
async function probeCounts(file: string): Promise<ProbeCounts | undefined> {
	await new Promise((done) => setTimeout(done, 400));
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProbeCounts) : undefined;
}

/** n8n settings that load the isolate probe; its counts go to a fresh file per n8n start. */
function withProbe(env: Record<string, string> = {}): {
	env: Record<string, string>;
	probeFile: string;
} {
	const probeFile = join(tmpdir(), `alovoice-bench-isolates-${process.pid}-${Date.now()}.json`);
	rmSync(probeFile, { force: true });
	return {
		env: {
			...env,
			NODE_OPTIONS: `--require ${join(PACKAGE_ROOT, 'bench', 'n8n', 'isolate-probe.cjs')}`,
			BENCH_ISOLATE_PROBE: probeFile,
		},
		probeFile,
	};
}

/** When the workflow's last stored execution stopped (ms since the epoch), from n8n's database. */
function lastStoppedAt(stack: Stack, workflowId: string): number | undefined {
	const [row] = stack.n8n.sql<{ stopped: string | null }>(
		'SELECT MAX(stoppedAt) AS stopped FROM execution_entity WHERE workflowId = ?',
		[workflowId],
	);
	return row?.stopped ? Date.parse(`${row.stopped.replace(' ', 'T')}Z`) : undefined;
}

async function benchRoute(stack: Stack, variants: RouteVariant[], probeFile: string) {
	const rows: RouteRow[] = [];
	for (const concurrency of ROUTE_CALLERS) {
		for (const variant of variants) {
			const pid = stack.n8n.pid!;
			const before = {
				cpu: cpuMs(pid),
				probe: await probeCounts(probeFile),
				stopped: lastStoppedAt(stack, variant.workflowId),
			};
			const startedAt = Date.now();
			// The workflow's answer, or the trigger's fallback (a caller still served, but not by the workflow).
			const { result, fallbacks } = await routeRow(
				variant.name,
				ROUTE_REQUESTS,
				concurrency,
				() => variant.url,
			);
			// Each row starts on a settled n8n: executions a row left running would otherwise load
			// the next row's n8n (and on a busy machine its SQLite answered 503 "Database is not ready").
			await waitFor(
				() => !('running' in executionCounts(stack.n8n, variant.workflowId)),
				60_000,
				'route executions',
			).catch(() => undefined);
			// What the row cost n8n, its executions included: CPU per request, isolates per request,
			// and when its last execution stopped (answers can run ahead of the executions they start).
			const probe = await probeCounts(probeFile);
			const stopped = lastStoppedAt(stack, variant.workflowId);
			const cost: RouteCost = {
				cpuMsPerRequest: round1((cpuMs(pid) - before.cpu) / ROUTE_REQUESTS),
			};
			if (probe && before.probe) {
				cost.isolatesPerRequest = round1(
					(probe.created - before.probe.created) / ROUTE_REQUESTS,
					2,
				);
				cost.coldAcquiresPerRequest = round1(
					(probe.coldAcquires - before.probe.coldAcquires) / ROUTE_REQUESTS,
					2,
				);
			}
			if (stopped !== undefined && stopped !== before.stopped)
				cost.executionsDoneSeconds = round1((stopped - startedAt) / 1000, 2);
			rows.push({ variant: variant.name, result, fallbacks, cost });
			process.stderr.write(
				`[bench] route ${variant.name} c=${concurrency}: ${JSON.stringify({ ...result, fallbacks, ...cost })}\n`,
			);
		}
	}
	// Let the executions of the last burst finish before the next benchmark uses the machine;
	// under load n8n may leave some "running" for good (its SQLite write lock timed out).
	for (const variant of variants) {
		await waitFor(
			() => !('running' in executionCounts(stack.n8n, variant.workflowId)),
			120_000,
			'route executions',
		).catch(() => undefined);
	}
	const stored = variants.map((variant) => ({
		variant: variant.name,
		counts: executionCounts(stack.n8n, variant.workflowId),
	}));
	return { rows, stored };
}

/** Peak resident memory of the n8n main process while `work` runs, sampled every 10 ms. */
async function withPeakMemory<T>(
	pid: number,
	work: () => Promise<T>,
): Promise<{ value: T; baseMb: number; peakMb: number; seconds: number }> {
	const rss = () => {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
	};
	const baseMb = rss();
	let peakMb = baseMb;
	const timer = setInterval(() => (peakMb = Math.max(peakMb, rss())), 10);
	const started = process.hrtime.bigint();
	try {
		const value = await work();
		return {
			value,
			baseMb,
			peakMb: Math.max(peakMb, rss()),
			seconds: Number(process.hrtime.bigint() - started) / 1e9,
		};
	} finally {
		clearInterval(timer);
	}
}

async function benchResults(
	stack: Stack,
	variants: Array<{ name: string; path: string; withSecrets: boolean }>,
) {
	const { n8n, standIn } = stack;
	const ids = Array.from({ length: RESULT_CALLS }, (_, i) => `bench-${i + 1}`);
	for (const id of ids) {
		standIn.state.recordedCalls.add(id);
		standIn.state.analyses.set(id, { pollsLeft: 0 });
	}
	const once = async (variant: (typeof variants)[number]) => {
		// The generic node needs the base URL and the token in each item (the endpoint takes the
		// token in its path); the AloVoice node reads both from its credential.
		const calls = ids.map((callId) =>
			variant.withSecrets ? { callId, baseUrl: standIn.url, token: ALOVOICE_TOKEN } : { callId },
		);
		const asked = () =>
			standIn.requests.filter((request) => request.path.startsWith('/callgetaireresult/')).length;
		standIn.requests.length = 0;
		const measured = await withPeakMemory(n8n.pid!, async () => {
			const answer = await fetch(`${n8n.baseUrl}/webhook/${variant.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ calls }),
			});
			if (answer.status !== 200)
				throw new Error(`${variant.name}: ${answer.status} ${await answer.text()}`);
		});
		// One request per call, no more, no less: both workflows did the same work.
		if (asked() !== RESULT_CALLS)
			throw new Error(`${variant.name}: the PBX was asked ${asked()} times, not ${RESULT_CALLS}`);
		standIn.requests.length = 0;
		return {
			seconds: measured.seconds,
			baseMb: measured.baseMb,
			addedMb: measured.peakMb - measured.baseMb,
		};
	};
	for (const variant of variants) await once(variant); // warm-up
	const measured = variants.map(
		() => [] as Array<{ seconds: number; baseMb: number; addedMb: number }>,
	);
	for (let round = 0; round < RUNS; round++) {
		for (const [index, variant] of variants.entries()) measured[index].push(await once(variant));
	}
	const rows = variants.map((variant, index) => ({
		variant: variant.name,
		runs: measured[index].map((run) => run.seconds),
		seconds: median(measured[index].map((run) => run.seconds)),
		baseMb: measured[index][0].baseMb,
		addedMb: Math.max(...measured[index].map((run) => run.addedMb)),
	}));
	process.stderr.write(`[bench] results ${JSON.stringify(rows)}\n`);
	return rows;
}

type ResultsRow = {
	variant: string;
	seconds: number;
	runs: number[];
	baseMb: number;
	addedMb: number;
};

/** Against the first row, the HTTP Request node (time: lower is better). */
function resultsTable(rows: ResultsRow[], calls: number) {
	const lines = [
		'| workflow | calls | median wall time s (runs) | time vs HTTP Request | n8n RSS before MB | n8n peak RSS − before MB |',
		'|---|---:|---:|---:|---:|---:|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.variant} | ${calls} | ${row.seconds.toFixed(2)} (${row.runs.map((run) => run.toFixed(2)).join(', ')}) | ${ratio(row.seconds, rows[0].seconds)} | ${row.baseMb.toFixed(0)} | ${row.addedMb.toFixed(0)} |`,
		);
	}
	return lines.join('\n');
}

const ROUTE_WORKFLOWS = () => [
	routeFloor('BenchRouteFloor2', 'bench: floor trigger v2', 'benchFloorTrigger', 2),
	routeFloor(
		'BenchRouteFloor1',
		'bench: floor trigger v1 (binaryData read)',
		'benchFloorTrigger',
		1,
	),
	routeFloor(
		'BenchRouteFloorX',
		'bench: floor trigger v2, responseMode expression',
		'benchFloorExpressionTrigger',
		2,
	),
	routeWebhookBaseline(),
	routeTriggerRules('BenchRouteRules1', 'bench: route trigger, rules, execution per request', true),
	routeTriggerRules('BenchRouteRules0', 'bench: route trigger, rules, no execution', false),
	routeTriggerRules(
		'BenchRouteRul2x1',
		'bench: route trigger v2, rules, execution per request',
		true,
		2,
	),
	routeTriggerRules('BenchRouteRul2x0', 'bench: route trigger v2, rules, no execution', false, 2),
	routeTriggerWorkflow(),
	routeTriggerRespondNode(),
	routeTriggerAnswerNode(),
];

/**
 * BENCH_ROWS (workflow ids, comma-separated, e.g. BenchRouteRul2x1) and BENCH_CALLERS (e.g. 1 or
 * 1,10) keep a --quick look short on a shared machine; the floor and Webhook + Respond rows always
 * run, as every ratio needs them. A full run for BENCHMARKS.md takes every row.
 */
const ROUTE_ROWS = process.env.BENCH_ROWS?.split(',')
	.map((id) => id.trim())
	.filter(Boolean);
const ROUTE_CALLERS = (process.env.BENCH_CALLERS ?? '1,10,50').split(',').map(Number);
if (!QUICK && (ROUTE_ROWS || process.env.BENCH_CALLERS))
	throw new Error('BENCH_ROWS and BENCH_CALLERS are for --quick runs only');

function routeVariants(stack: Stack): RouteVariant[] {
	const all = allRouteVariants(stack);
	return ROUTE_ROWS
		? all.filter(
				(v) =>
					v.name === ROUTE_FLOOR || v.name === ROUTE_BASELINE || ROUTE_ROWS.includes(v.workflowId),
			)
		: all;
}

function allRouteVariants(stack: Stack): RouteVariant[] {
	const hooks = stack.n8n.webhooks();
	const hook = (workflow: string) =>
		hooks.find((candidate) => candidate.workflow === workflow)!.url;
	return [
		{ name: ROUTE_FLOOR, url: hook('bench: floor trigger v2'), workflowId: 'BenchRouteFloor2' },
		{
			name: 'Floor trigger at typeVersion 1 (n8n reads binaryData)',
			url: hook('bench: floor trigger v1 (binaryData read)'),
			workflowId: 'BenchRouteFloor1',
		},
		{
			name: 'Floor trigger, responseMode an expression',
			url: hook('bench: floor trigger v2, responseMode expression'),
			workflowId: 'BenchRouteFloorX',
		},
		{
			name: 'Webhook + Respond to Webhook',
			url: `${stack.n8n.baseUrl}/webhook/bench-route-webhook`,
			workflowId: 'BenchRouteWebhk1',
		},
		{
			name: 'AloVoice Trigger v1, rules, no execution',
			url: hook('bench: route trigger, rules, no execution'),
			workflowId: 'BenchRouteRules0',
		},
		{
			name: 'AloVoice Trigger v2, rules, no execution',
			url: hook('bench: route trigger v2, rules, no execution'),
			workflowId: 'BenchRouteRul2x0',
		},
		{
			name: 'AloVoice Trigger v1, rules + execution',
			url: hook('bench: route trigger, rules, execution per request'),
			workflowId: 'BenchRouteRules1',
		},
		{
			name: 'AloVoice Trigger v2, rules + execution',
			url: hook('bench: route trigger v2, rules, execution per request'),
			workflowId: 'BenchRouteRul2x1',
		},
		{
			name: 'AloVoice Trigger v1 + Respond to Webhook',
			url: hook('bench: route trigger, Respond to Webhook answers'),
			workflowId: 'BenchRouteTrgRn1',
		},
		{
			name: 'AloVoice Trigger v1, last node answers',
			url: hook('bench: route trigger, workflow decides'),
			workflowId: 'BenchRouteTrgWf1',
		},
		{
			name: 'AloVoice Trigger v2 + AloVoice Answer node',
			url: hook('bench: route trigger v2, AloVoice Answer node answers'),
			workflowId: 'BenchRouteAnsNd2',
		},
	];
}

/**
 * The route requests again under the n8n setting that changes how expression isolates are handed
 * out (n8n 2.40.7, @n8n/config ExpressionEngineConfig; why it matters: notes.md). Default: an
 * isolate taken for every execution and, for any trigger but n8n's own Webhook node, for the
 * webhook phase too; lazy acquisition: only when an expression is evaluated. Every row runs under
 * both (issue #12). (N8N_EXPRESSION_ENGINE_POOL_SIZE=2 changed nothing in the 2026-11-23 run and
 * is no longer measured.)
 */
const ROUTE_SETTINGS: Array<Record<string, string>> = [
	{ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
];

const EXTRA_PACKAGES = [join(PACKAGE_ROOT, 'bench', 'floor')];

/** Everything a run measured; kept in bench/n8n/results.json so the report can be re-rendered (`npm run bench -- --report`). */
interface Measured {
	at: string;
	machine: string;
	settings: {
		routeRequests: number;
		resultCalls: number;
		recipients: number;
		runs: number;
		quick?: boolean;
		lazyOnly?: boolean;
	};
	route: Awaited<ReturnType<typeof benchRoute>>;
	routeSettings: Array<{ env: Record<string, string> } & Awaited<ReturnType<typeof benchRoute>>>;
	/** Absent in a --quick run. */
	results?: ResultsRow[];
	campaign?: Awaited<ReturnType<typeof benchCampaign>>;
}

const RESULTS_FILE = join(PACKAGE_ROOT, 'bench', 'n8n', 'results.json');
const QUICK_RESULTS_FILE = join(PACKAGE_ROOT, 'bench', 'n8n', 'results-quick.json');
const NOTES_FILE = join(PACKAGE_ROOT, 'bench', 'n8n', 'notes.md');

async function measure(): Promise<Measured> {
	const workflows = [
		...ROUTE_WORKFLOWS(),
		...(QUICK
			? []
			: [
					getResultsHttpRequest(),
					getResultsAloVoice({
						resource: 'speechAnalytics',
						operation: 'getResult',
						callId: '={{ $json.callId }}',
						options: {},
					}),
					campaignHttpRequest(),
					campaignAloVoice(),
				]),
	];
	const probe = withProbe(LAZY_ONLY ? ROUTE_SETTINGS[0] : undefined);
	const stack = await startStack(workflows, {
		logLevel: 'info',
		extraPackages: EXTRA_PACKAGES,
		n8nEnv: probe.env,
	});
	let route: Awaited<ReturnType<typeof benchRoute>>;
	let results: ResultsRow[] | undefined;
	let campaign: Awaited<ReturnType<typeof benchCampaign>> | undefined;
	try {
		route = await benchRoute(stack, routeVariants(stack), probe.probeFile);
		if (!QUICK) {
			results = await benchResults(stack, [
				{
					name: 'Webhook + Split Out + HTTP Request node',
					path: 'bench-results-http',
					withSecrets: true,
				},
				{
					name: 'Webhook + Split Out + AloVoice Speech Analysis → Get Result',
					path: 'bench-results-alovoice',
					withSecrets: false,
				},
			]);
			campaign = await benchCampaign(stack);
		}
	} finally {
		await stack.stop();
	}
	const routeSettings: Measured['routeSettings'] = [];
	for (const env of LAZY_ONLY ? [] : ROUTE_SETTINGS) {
		const tunedProbe = withProbe(env);
		const tuned = await startStack(ROUTE_WORKFLOWS(), {
			logLevel: 'info',
			n8nEnv: tunedProbe.env,
			extraPackages: EXTRA_PACKAGES,
		});
		try {
			routeSettings.push({
				env,
				...(await benchRoute(tuned, routeVariants(tuned), tunedProbe.probeFile)),
			});
		} finally {
			await tuned.stop();
		}
	}
	return {
		at: new Date().toISOString().slice(0, 16),
		machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB, n8n ${N8N_VERSION} on Node ${NODE_PACKAGE_VERSION} with SQLite, log level info`,
		settings: {
			routeRequests: ROUTE_REQUESTS,
			resultCalls: RESULT_CALLS,
			recipients: RECIPIENTS,
			runs: RUNS,
			...(QUICK ? { quick: true } : {}),
			...(LAZY_ONLY ? { lazyOnly: true } : {}),
		},
		route,
		routeSettings,
		results,
		campaign,
	};
}

function render(measured: Measured) {
	const { settings } = measured;
	return [
		`Measured ${measured.at}Z on ${measured.machine}; the stand-in PBX runs in the benchmark's process. Reproduce: \`${[
			settings.routeRequests !== 300 ? `BENCH_ROUTE_REQUESTS=${settings.routeRequests}` : '',
			settings.runs !== 3 ? `BENCH_RUNS=${settings.runs}` : '',
		]
			.filter(Boolean)
			.map((part) => `${part} `)
			.join(
				'',
			)}npm run bench\` (raw figures: \`bench/n8n/results.json\`${settings.quick ? '; this was a `--quick` run' : ''}). Ratios are this row over the baseline named in the column: for req/s above 1× is better, for times below 1× is better. The floor row is a test-only trigger (bench/floor) with no parameters that answers a constant without an execution: the fastest answer n8n's webhook server gives a community trigger.`,
		'',
		`### Route request answered through n8n (${settings.routeRequests} requests per row), ${
			settings.lazyOnly
				? `only with ${Object.entries(ROUTE_SETTINGS[0])
						.map(([name, value]) => `\`${name}=${value}\``)
						.join(', ')}`
				: "n8n's default settings"
		}`,
		'',
		routeTable(measured.route.rows),
		'',
		`Executions n8n stored for those ${3 * settings.routeRequests} requests per workflow (after the last burst had settled):`,
		'',
		storedTable(measured.route.stored),
		'',
		...measured.routeSettings.flatMap(({ env, rows, stored }) => [
			`### The same route requests (every row) with ${Object.entries(env)
				.map(([name, value]) => `\`${name}=${value}\``)
				.join(', ')}`,
			'',
			routeTable(rows),
			'',
			storedTable(stored),
			'',
		]),
		...(measured.results
			? [
					`### Speech analytics "Get Result" for ${settings.resultCalls} calls in one execution (median of ${settings.runs} alternating runs after a warm-up)`,
					'',
					resultsTable(measured.results, settings.resultCalls),
					'',
				]
			: []),
		...(measured.campaign
			? [
					`### Creating a campaign with ${settings.recipients} recipients (median of ${settings.runs} alternating runs after a warm-up)`,
					'',
					campaignTable(measured.campaign, settings.recipients),
					'',
				]
			: []),
		...(settings.quick ? [] : [readFileSync(NOTES_FILE, 'utf8').trimEnd()]),
	].join('\n');
}

async function main() {
	// --report: re-render BENCHMARKS.md from the last run's figures (after editing notes.md) without measuring again.
	const reportOnly = process.argv.includes('--report');
	const file = QUICK ? QUICK_RESULTS_FILE : RESULTS_FILE;
	const measured: Measured = reportOnly ? JSON.parse(readFileSync(file, 'utf8')) : await measure();
	if (!reportOnly) writeFileSync(file, `${JSON.stringify(measured, null, '\t')}\n`);
	const report = render(measured);
	console.log(report);
	// A quick run is for looking, not for the record: BENCHMARKS.md only takes a full run.
	if (!QUICK) writeSection(report);
}

function writeSection(report: string) {
	const file = join(PACKAGE_ROOT, 'BENCHMARKS.md');
	const start = '<!-- n8n-bench:start (written by npm run bench) -->';
	const end = '<!-- n8n-bench:end -->';
	const section = `${start}\n## In a real n8n: this package vs n8n's generic nodes\n\n${report}\n${end}`;
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
	const at = current.indexOf(start);
	const next =
		at >= 0
			? current.slice(0, at) + section + current.slice(current.indexOf(end) + end.length)
			: `${current.trimEnd()}\n\n${section}\n`;
	writeFileSync(file, next);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
