// The route rows' request, answer check and table, shared by the single-process bench (run.ts)
// and the queue-mode bench (queue.ts), so both tables measure and read the same way.
import { runLoad, type LoadResult } from '../../scripts/lib/load';
import { ROUTE_ANSWER, ROUTE_FALLBACK } from './workflows';

/** The baseline column: n8n's own Webhook + Respond to Webhook at the same number of callers. */
export const ROUTE_BASELINE = 'Webhook + Respond to Webhook';
/** The floor row: bench/floor's constant-answer trigger, the limit of n8n's webhook server. */
export const ROUTE_FLOOR = 'Floor: test-only trigger v2, constant answer, no execution';

export const round1 = (value: number, digits = 1) =>
	Math.round(value * 10 ** digits) / 10 ** digits;

/** What a row cost n8n (measured by the single-process bench since 2026-11-30's isolate look). */
export interface RouteCost {
	cpuMsPerRequest: number;
	isolatesPerRequest?: number;
	coldAcquiresPerRequest?: number;
	/** From the row's first request to its last execution's stoppedAt. */
	executionsDoneSeconds?: number;
}

/** `wrong` is counted only where a wrong answer is recorded instead of thrown (the queue bench). */
export type RouteRow = {
	variant: string;
	result: LoadResult;
	fallbacks: number;
	wrong?: number;
	cost?: RouteCost;
};

const ROUTE_BODY = JSON.stringify({
	from_number: '974244100',
	line_number: '712037006',
	queue_number: 6000,
	direction: 'inc',
});
const same = (
	action: Record<string, unknown>,
	expected: { action_type: string; action_data: string },
) => action.action_type === expected.action_type && action.action_data === expected.action_data;

/** One route request: 'answer' (the workflow's action), 'fallback' (the trigger's), or throws naming what came back. */
export async function routeRequest(
	name: string,
	url: string,
	timeoutMs?: number,
): Promise<'answer' | 'fallback'> {
	const answer = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: ROUTE_BODY,
		...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
	});
	const text = await answer.text();
	if (answer.status !== 200) throw new Error(`${name}: ${answer.status} ${text.slice(0, 200)}`);
	let action: Record<string, unknown>;
	try {
		action = JSON.parse(text) as Record<string, unknown>;
	} catch {
		throw new Error(`${name}: answered ${text.slice(0, 200)}`);
	}
	if (same(action, ROUTE_FALLBACK)) return 'fallback';
	if (!same(action, ROUTE_ANSWER)) throw new Error(`${name}: answered ${text.slice(0, 200)}`);
	return 'answer';
}

/**
 * `requests` route requests at `concurrency`; request i goes to `url(i)`. A wrong answer throws,
 * unless `wrongAnswers` is given: then it is pushed there and counted in the row.
 */
export async function routeRow(
	name: string,
	requests: number,
	concurrency: number,
	url: (index: number) => string,
	wrongAnswers?: string[],
): Promise<RouteRow> {
	let fallbacks = 0;
	let wrong = 0;
	const result = await runLoad(requests, concurrency, async (index) => {
		try {
			if ((await routeRequest(name, url(index), wrongAnswers ? 60_000 : undefined)) === 'fallback')
				fallbacks++;
		} catch (error) {
			if (!wrongAnswers) throw error;
			wrong++;
			wrongAnswers.push((error as Error).message);
		}
	});
	return { variant: name, result, fallbacks, ...(wrongAnswers ? { wrong } : {}) };
}

/** "1.18×": this row's figure over the baseline's, the way the issue asks the figures to be read. */
export const ratio = (value: number, baseline: number) =>
	baseline > 0 ? `${(value / baseline).toFixed(2)}×` : '–';

/** Each row against n8n's Webhook + Respond to Webhook at the same number of callers (req/s: higher is better; p99: lower is better). */
export function routeTable(rows: RouteRow[]) {
	const counted = rows.some((row) => row.wrong !== undefined);
	// Runs from before the cost columns existed (results.json of 2026-11-30T21:40) render as they did.
	const costs = rows.some((row) => row.cost);
	const lines = [
		`| concurrent callers | workflow | requests | req/s | req/s vs floor | req/s vs Webhook + Respond | p50 ms | p99 ms | p99 vs Webhook + Respond | max ms | fallback answers |${counted ? ' wrong answers |' : ''}${costs ? ' n8n CPU ms per request | isolates created per request | requests per s incl. their executions |' : ''}`,
		`|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${counted ? '---:|' : ''}${costs ? '---:|---:|---:|' : ''}`,
	];
	for (const { variant, result, fallbacks, wrong, cost } of rows) {
		const at = (name: string) =>
			rows.find((row) => row.variant === name && row.result.concurrency === result.concurrency)
				?.result;
		const baseline = at(ROUTE_BASELINE)!;
		// Runs from before the floor row existed (results.json of 2026-11-23) show "–".
		const floor = at(ROUTE_FLOOR);
		lines.push(
			`| ${result.concurrency} | ${variant} | ${result.requests} | ${result.perSecond} | ${floor ? ratio(result.perSecond, floor.perSecond) : '–'} | ${ratio(result.perSecond, baseline.perSecond)} | ${result.p50Ms} | ${result.p99Ms} | ${ratio(result.p99Ms, baseline.p99Ms)} | ${result.maxMs} | ${fallbacks} |${counted ? ` ${wrong ?? 0} |` : ''}${costs ? ` ${cost?.cpuMsPerRequest ?? '–'} | ${cost?.isolatesPerRequest ?? '–'} | ${cost?.executionsDoneSeconds ? round1(result.requests / Math.max(cost.executionsDoneSeconds, result.seconds)) : '–'} |` : ''}`,
		);
	}
	return lines.join('\n');
}

export function storedTable(stored: Array<{ variant: string; counts: Record<string, number> }>) {
	const lines = ['| workflow | executions stored by n8n (status: count) |', '|---|---|'];
	for (const row of stored) {
		const counts = Object.entries(row.counts)
			.map(([status, count]) => `${status}: ${count}`)
			.join(', ');
		lines.push(`| ${row.variant} | ${counts || 'none'} |`);
	}
	return lines.join('\n');
}
