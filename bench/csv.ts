// Building the recipients CSV for 100,000 items: the package's builder against writing the CSV
// by hand. Each variant runs in its own child process (so one variant's garbage does not weigh
// on the next), 5 times; the table shows the median wall time and the memory the build added.
// Run: node scripts/run-ts.js bench/csv.ts
import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

import { checkAloVoicePhone } from '../nodes/shared/phone';
import { buildCsv } from '../nodes/AloVoice/helpers/csv';
import { valueAtPath } from '../nodes/AloVoice/helpers/campaign';

const COUNT = 100_000;
const RUNS = 5;

interface Item {
	json: { phone: string; name: string };
}

function makeItems(): Item[] {
	const items: Item[] = new Array(COUNT);
	for (let index = 0; index < COUNT; index++) {
		// One name in 100 needs quoting, as real client lists with "Surname, Name" do.
		const name = index % 100 === 0 ? `Doe, "John" ${index}` : `Client ${index}`;
		items[index] = { json: { phone: String(900_000_000 + index), name } };
	}
	return items;
}

const variants: Record<string, { label: string; columns: string; build: (items: Item[]) => string }> = {
	naiveJoin: {
		label: 'by hand: `items.map(i => i.phone).join("\\n")`',
		columns: 'phone',
		build: (items) => items.map((item) => item.json.phone).join('\n'),
	},
	builderPhone: {
		label: 'package `buildCsv`',
		columns: 'phone',
		build: (items) => buildCsv(items.map((item) => [item.json.phone])),
	},
	naiveQuoted: {
		label: 'by hand: quote every field, double quotes, join',
		columns: 'phone, name',
		build: (items) =>
			items
				.map((item) => [item.json.phone, item.json.name].map((value) => `"${String(value).replace(/"/g, '""')}"`).join(','))
				.join('\n'),
	},
	builderTwo: {
		label: 'package `buildCsv` (quotes only where RFC 4180 needs it)',
		columns: 'phone, name',
		build: (items) => buildCsv(items.map((item) => [item.json.phone, item.json.name])),
	},
	nodePath: {
		label: 'what Campaign → Create does: dot-path read + `checkAloVoicePhone` + `buildCsv`',
		columns: 'phone, name',
		build: (items) =>
			buildCsv(
				items.map((item) => {
					const phone = checkAloVoicePhone(valueAtPath(item.json, 'phone'), 'Phone Field');
					if (!phone.ok) throw new Error(phone.message);
					return [phone.value, valueAtPath(item.json, 'name')];
				}),
			),
	},
};

interface Measured {
	variant: string;
	medianMs: number;
	minMs: number;
	bytes: number;
	rows: number;
	heapDeltaMb: number;
	peakRssDeltaMb: number;
	firstRow: string;
	lastRow: string;
}

const gc = (globalThis as { gc?: () => void }).gc;

function child(variant: string) {
	const { build } = variants[variant];
	const items = makeItems();
	gc?.();
	const rssBefore = process.resourceUsage().maxRSS;
	const heapBefore = process.memoryUsage().heapUsed;
	const times: number[] = [];
	let csv = '';
	let heapDelta = 0;
	for (let run = 0; run < RUNS; run++) {
		csv = '';
		gc?.();
		const heapStart = process.memoryUsage().heapUsed;
		const started = process.hrtime.bigint();
		csv = build(items);
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
		heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - heapStart);
	}
	times.sort((a, b) => a - b);
	const lines = csv.split('\n');
	const result: Measured = {
		variant,
		medianMs: times[Math.floor(RUNS / 2)],
		minMs: times[0],
		bytes: Buffer.byteLength(csv),
		rows: lines.length,
		heapDeltaMb: heapDelta / 2 ** 20,
		peakRssDeltaMb: (process.resourceUsage().maxRSS - rssBefore) / 1024,
		firstRow: lines[0],
		lastRow: lines[lines.length - 1],
	};
	void heapBefore;
	process.send!(result);
}

async function runChild(variant: string): Promise<Measured> {
	return await new Promise((resolve, reject) => {
		const process_ = fork(__filename, ['--child', variant], { execArgv: ['--expose-gc'] });
		let measured: Measured | undefined;
		process_.on('message', (message) => (measured = message as Measured));
		process_.on('error', reject);
		process_.on('exit', (code) => (measured && code === 0 ? resolve(measured) : reject(new Error(`${variant} exited ${code}`))));
	});
}

async function main() {
	const results: Measured[] = [];
	for (const variant of Object.keys(variants)) {
		const measured = await runChild(variant);
		if (measured.rows !== COUNT) throw new Error(`${variant}: ${measured.rows} rows, expected ${COUNT}`);
		results.push(measured);
		process.stderr.write(`[bench:csv] ${JSON.stringify(measured)}\n`);
	}
	const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
	console.log(
		`Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}; ${COUNT} items, ${RUNS} runs per variant, each variant in its own process (--expose-gc).\n`,
	);
	console.log('| variant | columns | CSV MB | median ms | min ms | heap added MB | peak RSS added MB | first row | last row |');
	console.log('|---|---|---:|---:|---:|---:|---:|---|---|');
	for (const result of results) {
		const { label, columns } = variants[result.variant];
		console.log(
			`| ${label} | ${columns} | ${(result.bytes / 2 ** 20).toFixed(2)} | ${result.medianMs.toFixed(1)} | ${result.minMs.toFixed(1)} | ${result.heapDeltaMb.toFixed(1)} | ${result.peakRssDeltaMb.toFixed(1)} | \`${result.firstRow}\` | \`${result.lastRow}\` |`,
		);
	}
}

if (process.argv[2] === '--child') child(process.argv[3]);
else
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
