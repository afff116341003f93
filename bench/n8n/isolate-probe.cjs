// Bench-only preload (NODE_OPTIONS=--require, set by bench/n8n/run.ts): counts the expression
// isolates the n8n process creates and how it gets them, so a route row can say what a request
// costs in isolates. It wraps three methods of n8n 2.40.7's @n8n/expression-runtime (CJS build,
// which both require() and import() load: its package.json "exports" lists "node" first):
//   IsolatedVmBridge.initialize / initializeSync: one isolate created (pool warm-up, replenishment
//     after every acquire, or a cold start),
//   IsolatePool.acquire: a warm bridge popped, or PoolExhaustedError (the caller then cold-starts one).
// The counts go to the file named by BENCH_ISOLATE_PROBE every 200 ms. Only the n8n main process
// counts (task runners inherit NODE_OPTIONS and are skipped). Nothing here changes what n8n does.
'use strict';
const { createRequire } = require('node:module');
const { renameSync, writeFileSync } = require('node:fs');

const out = process.env.BENCH_ISOLATE_PROBE;
const entry = process.argv[1] ?? '';
if (out && /[\\/]n8n[\\/]bin[\\/]n8n$/.test(entry)) {
	const fromN8n = createRequire(entry);
	const fromWorkflow = createRequire(fromN8n.resolve('n8n-workflow'));
	const runtime = fromWorkflow('@n8n/expression-runtime');
	const { IsolatePool, PoolExhaustedError } = fromWorkflow(
		'@n8n/expression-runtime/dist/cjs/pool/isolate-pool.js',
	);
	const counts = { created: 0, warmAcquires: 0, coldAcquires: 0 };
	const bridge = runtime.IsolatedVmBridge.prototype;
	const initialize = bridge.initialize;
	bridge.initialize = async function (...args) {
		const result = await initialize.apply(this, args);
		counts.created++;
		return result;
	};
	const initializeSync = bridge.initializeSync;
	bridge.initializeSync = function (...args) {
		const result = initializeSync.apply(this, args);
		counts.created++;
		return result;
	};
	const acquire = IsolatePool.prototype.acquire;
	IsolatePool.prototype.acquire = function (...args) {
		try {
			const result = acquire.apply(this, args);
			counts.warmAcquires++;
			return result;
		} catch (error) {
			if (error instanceof PoolExhaustedError) counts.coldAcquires++;
			throw error;
		}
	};
	// Written aside and renamed, so the bench never reads a half-written file.
	setInterval(() => {
		writeFileSync(`${out}.tmp`, JSON.stringify(counts));
		renameSync(`${out}.tmp`, out);
	}, 200).unref();
}
