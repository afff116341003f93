// A small closed-loop load generator: `concurrency` callers, each sending its next request as
// soon as the previous one is answered, as waiting PBX callers would. No dependencies.

export interface LoadResult {
	requests: number;
	concurrency: number;
	seconds: number;
	perSecond: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
}

export function percentile(sortedMs: number[], p: number): number {
	if (!sortedMs.length) return 0;
	const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
	return sortedMs[Math.max(0, index)];
}

/** Runs `send(i)` for i = 0..total-1 with at most `concurrency` in flight; `send` throws on a wrong answer. */
export async function runLoad(
	total: number,
	concurrency: number,
	send: (index: number) => Promise<void>,
): Promise<LoadResult> {
	const latencies: number[] = [];
	let next = 0;
	const started = process.hrtime.bigint();
	const caller = async () => {
		while (next < total) {
			const index = next++;
			const begun = process.hrtime.bigint();
			await send(index);
			latencies.push(Number(process.hrtime.bigint() - begun) / 1e6);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	latencies.sort((a, b) => a - b);
	return {
		requests: total,
		concurrency,
		seconds: round(seconds, 2),
		perSecond: round(total / seconds, 1),
		p50Ms: round(percentile(latencies, 50), 1),
		p99Ms: round(percentile(latencies, 99), 1),
		maxMs: round(latencies[latencies.length - 1] ?? 0, 1),
	};
}

function round(value: number, digits: number) {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
