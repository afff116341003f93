// The recipients CSV for 100,000 items, two ways.
// 1. Building it: the package's builder against writing the CSV by hand, 5 runs per variant.
// 2. End to end: Campaign → Create run by n8n-core's engine (items → CSV → multipart upload)
//    against a hand-written CSV uploaded with fetch + FormData, both to the stand-in PBX, which
//    runs in this (parent) process so the measured process holds only the client side; 3 runs.
// Each variant runs in its own child process (so one variant's garbage does not weigh on the
// next); the tables show the median wall time and the memory the work added. Outputs that must
// be the same CSV are compared byte for byte (SHA-256), and the uploads against the CSV written
// by hand. Run: npm run bench:csv
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import type { INodeExecutionData } from 'n8n-workflow';

import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../test/server/alovoice';

import { checkAloVoicePhone } from '../nodes/shared/phone';
import { buildCsv } from '../nodes/AloVoice/helpers/csv';
import { valueAtPath } from '../nodes/AloVoice/helpers/campaign';

const COUNT = 100_000;
const RUNS = 5;
const UPLOAD_RUNS = 3;

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

const variants: Record<
	string,
	{ label: string; columns: string; build: (items: Item[]) => string }
> = {
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
				.map((item) =>
					[item.json.phone, item.json.name]
						.map((value) => `"${String(value).replace(/"/g, '""')}"`)
						.join(','),
				)
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
					if (!phone.ok) throw new Error(phone.reason);
					return [phone.value, valueAtPath(item.json, 'name')];
				}),
			),
	},
};

/** The CSV of `makeItems()` with both columns, written by hand with RFC 4180 quoting. */
function byHandCsv(items: Item[]): string {
	const field = (value: string) =>
		/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
	return items.map((item) => `${item.json.phone},${field(item.json.name)}`).join('\n');
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

interface Measured {
	variant: string;
	sha256: string;
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
		sha256: sha256(csv),
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

const CAMPAIGN = {
	resource: 'campaign',
	operation: 'create',
	name: 'Bench campaign',
	fromDate: '2026.12.01',
	toDate: '2026.12.31',
	fromTime: '09:00',
	toTime: '20:00',
	trunks: ['551234567'],
	recipientOptions: { extraColumns: 'name' },
};
const MP3 = fakeAudio('bench message');

/** `prepare` (not timed) gives what the client starts from; `upload` (timed) does the work. */
interface Upload {
	label: string;
	prepare: (items: Item[]) => unknown;
	upload: (prepared: never, baseUrl: string) => Promise<void>;
}

const uploads: Record<string, Upload> = {
	handUpload: {
		label: 'by hand: CSV quoted by hand, `fetch` + `FormData` POST',
		prepare: (items) => items,
		upload: async (items: Item[], baseUrl) => {
			const form = new FormData();
			for (const [name, value] of Object.entries({
				name: CAMPAIGN.name,
				from: CAMPAIGN.fromDate,
				to: CAMPAIGN.toDate,
				fromtime: CAMPAIGN.fromTime,
				totime: CAMPAIGN.toTime,
				trunks: CAMPAIGN.trunks.join(','),
			})) {
				form.append(name, value);
			}
			form.append('record', new Blob([MP3], { type: 'audio/mpeg' }), 'message.mp3');
			form.append(
				'recipients',
				new Blob([byHandCsv(items)], { type: 'text/csv' }),
				'recipients.csv',
			);
			const response = await fetch(`${baseUrl}/mapi/addAutorule`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${ALOVOICE_TOKEN}` },
				body: form,
			});
			if (!response.ok) throw new Error(`upload answered ${response.status}`);
			await response.json();
		},
	},
	engineCreate: {
		label: 'package: Campaign → Create run by n8n-core (`WorkflowExecute`)',
		// The node's input items, as the previous node would hand them over.
		prepare: (items) => {
			const input: INodeExecutionData[] = items.map((item) => ({ json: { ...item.json } }));
			input[0].binary = {
				data: { data: MP3.toString('base64'), mimeType: 'audio/mpeg', fileName: 'message.mp3' },
			};
			return input;
		},
		upload: async (input: INodeExecutionData[], baseUrl) => {
			// Loaded here, not at the top: the build-only children need no engine.
			const { runWorkflow } =
				require('../test/harness/engine') as typeof import('../test/harness/engine');
			const result = await runWorkflow([{ parameters: CAMPAIGN }], {
				credentials: { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl } },
				input,
			});
			if (result.error) throw result.error;
		},
	},
};

interface Uploaded {
	variant: string;
	medianMs: number;
	minMs: number;
	peakRssDeltaMb: number;
}

async function uploadChild(variant: string, baseUrl: string) {
	const { prepare, upload } = uploads[variant];
	// Warm up (module loading, JIT) on a small list, so the figures are the 100,000 items' own.
	await upload(prepare(makeItems().slice(0, 1000)) as never, baseUrl);
	const items = makeItems();
	gc?.();
	const rssBefore = process.resourceUsage().maxRSS;
	const times: number[] = [];
	for (let run = 0; run < UPLOAD_RUNS; run++) {
		const prepared = prepare(items) as never;
		gc?.();
		const started = process.hrtime.bigint();
		await upload(prepared, baseUrl);
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	times.sort((a, b) => a - b);
	const result: Uploaded = {
		variant,
		medianMs: times[Math.floor(UPLOAD_RUNS / 2)],
		minMs: times[0],
		peakRssDeltaMb: (process.resourceUsage().maxRSS - rssBefore) / 1024,
	};
	process.send!(result);
}

async function runChild<T = Measured>(variant: string, ...args: string[]): Promise<T> {
	return await new Promise((resolve, reject) => {
		const process_ = fork(__filename, [args.length ? '--upload' : '--child', variant, ...args], {
			execArgv: ['--expose-gc'],
		});
		let measured: T | undefined;
		process_.on('message', (message) => (measured = message as T));
		process_.on('error', reject);
		process_.on('exit', (code) =>
			measured && code === 0 ? resolve(measured) : reject(new Error(`${variant} exited ${code}`)),
		);
	});
}

async function main() {
	const results: Measured[] = [];
	for (const variant of Object.keys(variants)) {
		const measured = await runChild(variant);
		if (measured.rows !== COUNT)
			throw new Error(`${variant}: ${measured.rows} rows, expected ${COUNT}`);
		results.push(measured);
		process.stderr.write(`[bench:csv] ${JSON.stringify(measured)}\n`);
	}
	// Outputs that must be the same CSV are the same bytes.
	const hashOf = (variant: string) => results.find((result) => result.variant === variant)!.sha256;
	const expected = sha256(byHandCsv(makeItems()));
	if (hashOf('naiveJoin') !== hashOf('builderPhone'))
		throw new Error('buildCsv(phone) differs from the hand-written join');
	for (const variant of ['builderTwo', 'nodePath']) {
		if (hashOf(variant) !== expected)
			throw new Error(`${variant} differs from the CSV written by hand`);
	}

	const server = new AloVoiceServer();
	const baseUrl = await server.start();
	const uploaded: Uploaded[] = [];
	try {
		for (const variant of Object.keys(uploads)) {
			server.reset();
			const measured = await runChild<Uploaded>(variant, baseUrl);
			const received = server.requests.filter((request) => request.path === '/mapi/addAutorule');
			if (received.length !== UPLOAD_RUNS + 1)
				throw new Error(`${variant}: ${received.length} uploads`);
			for (const request of received.slice(1)) {
				if (sha256(request.files.recipients.content) !== expected)
					throw new Error(`${variant}: the uploaded CSV differs`);
			}
			uploaded.push(measured);
			process.stderr.write(`[bench:csv] ${JSON.stringify(measured)}\n`);
		}
	} finally {
		await server.stop();
	}

	const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
	console.log(
		`Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}; ${COUNT} items, ${RUNS} runs per variant, each variant in its own process (--expose-gc).\n`,
	);
	console.log(
		'| variant | columns | CSV MB | median ms | min ms | heap added MB | peak RSS added MB | first row | last row |',
	);
	console.log('|---|---|---:|---:|---:|---:|---:|---|---|');
	for (const result of results) {
		const { label, columns } = variants[result.variant];
		console.log(
			`| ${label} | ${columns} | ${(result.bytes / 2 ** 20).toFixed(2)} | ${result.medianMs.toFixed(1)} | ${result.minMs.toFixed(1)} | ${result.heapDeltaMb.toFixed(1)} | ${result.peakRssDeltaMb.toFixed(1)} | \`${result.firstRow}\` | \`${result.lastRow}\` |`,
		);
	}

	console.log(
		`\nEnd to end, ${COUNT} items with phone and name to the stand-in PBX on loopback (it runs in the parent process); ${UPLOAD_RUNS} runs per variant after a 1,000-item warm-up; every upload's CSV equals the one written by hand (SHA-256).\n`,
	);
	console.log('| variant | median ms | min ms | peak RSS added MB |');
	console.log('|---|---:|---:|---:|');
	for (const result of uploaded) {
		console.log(
			`| ${uploads[result.variant].label} | ${result.medianMs.toFixed(0)} | ${result.minMs.toFixed(0)} | ${result.peakRssDeltaMb.toFixed(1)} |`,
		);
	}
}

if (process.argv[2] === '--child') child(process.argv[3]);
else if (process.argv[2] === '--upload')
	uploadChild(process.argv[3], process.argv[4]).catch((error) => {
		console.error(error);
		process.exit(1);
	});
else
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
