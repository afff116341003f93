// What ships: the file list of `npm pack --dry-run --json` (the tarball npm would publish, from
// package.json's `files` and the build in dist/). Needs `npm run build` first (npm test does it).
// Only the built code (JavaScript, its type declarations and source maps), the icons and codex
// files n8n loads, README, LICENSE, package.json and index.js; never the sources, tests,
// stand-ins, scripts, benchmarks, examples, docs, tsc's build info or a copy of package.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The patterns a shipped file may match; anything else is a file that should not ship. */
const ALLOWED: RegExp[] = [
	/^(README\.md|LICENSE|package\.json|index\.js)$/,
	/^dist\/(nodes|credentials)\/[\w/.-]+\.(js|d\.ts|js\.map)$/,
	/^dist\/nodes\/[\w/.-]+\.svg$/,
	/^dist\/nodes\/\w+\/\w+\.node\.json$/,
	// The action nodes' output schemas, which n8n serves its editor from next to the compiled node.
	/^dist\/nodes\/\w+\/__schema__\/v\d+\.\d+\.\d+\/\w+\/\w+\.json$/,
];

/** The files of a pack list that should not ship. */
function unexpectedFiles(paths: string[]): string[] {
	return paths.filter(
		(path) =>
			!ALLOWED.some((pattern) => pattern.test(path)) ||
			/(^|\/)(test|tests|__tests__|bench|scripts)\//.test(path),
	);
}

interface Pack {
	size: number;
	unpackedSize: number;
	files: Array<{ path: string; size: number }>;
}

let pack: Pack;
beforeAll(() => {
	if (!existsSync(join(root, 'dist/nodes/AloVoice/AloVoice.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` (npm test builds before jest)');
	}
	// npm's cache and logs in a temp dir: the test must not need a writable home.
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' },
	});
	[pack] = JSON.parse(output) as Pack[];
}, 60_000);

describe('the files npm would publish', () => {
	it('only what n8n loads and the package documents: no file outside the allowed kinds', () => {
		expect(unexpectedFiles(pack.files.map((file) => file.path))).toEqual([]);
	});

	it('every node and credential n8n is told about, each node with its icons and codex', () => {
		const paths = new Set(pack.files.map((file) => file.path));
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials])
			expect([file, paths.has(file)]).toEqual([file, true]);
		for (const node of packageJson.n8n.nodes as string[]) {
			const dir = node.slice(0, node.lastIndexOf('/'));
			const codex = node.replace(/\.js$/, '.json');
			expect([codex, paths.has(codex)]).toEqual([codex, true]);
			const icons = [...paths].filter(
				(path) => path.startsWith(`${dir}/`) && path.endsWith('.svg'),
			);
			expect([dir, icons.length]).toEqual([dir, 2]);
		}
		for (const file of ['README.md', 'LICENSE', 'package.json', 'index.js'])
			expect(paths.has(file)).toBe(true);
		// Every compiled module comes with its declarations and source map, and nothing else in dist/ is code.
		const modules = [...paths].filter((path) => path.endsWith('.js') && path.startsWith('dist/'));
		expect(modules.length).toBeGreaterThan(60);
		for (const module of modules)
			expect([module, paths.has(module.replace(/\.js$/, '.d.ts'))]).toEqual([module, true]);
	});

	it("not tsc's build info, not the copy of package.json tsc used to put in dist/", () => {
		const paths = pack.files.map((file) => file.path);
		expect(paths.filter((path) => /tsbuildinfo|^dist\/package\.json$/.test(path))).toEqual([]);
	});

	it.each(['README.md', 'docs/development.md'])(
		"%s's stated size is the tarball's, within 15 %%",
		(page) => {
			const readme = readFileSync(join(root, page), 'utf8');
			const stated = /tarball is about ([\d.]+) kB \(([\d.]+) kB unpacked, (\d+) files\)/.exec(
				readme,
			);
			expect(stated).not.toBeNull();
			const [packed, unpacked] = [Number(stated![1]) * 1000, Number(stated![2]) * 1000];
			expect(Math.abs(pack.size - packed) / packed).toBeLessThan(0.15);
			expect(Math.abs(pack.unpackedSize - unpacked) / unpacked).toBeLessThan(0.15);
		},
	);
});

describe('unexpectedFiles (the rule above): what it must refuse', () => {
	it.each([
		'test/package/package.test.ts',
		'test/server/alovoice.js',
		'dist/test/harness/engine.js',
		'bench/n8n/run.js',
		'scripts/scan.mjs',
		'examples/call-events.json',
		'docs/ru/README.md',
		'nodes/AloVoice/AloVoice.node.ts',
		'credentials/AloVoiceApi.credentials.ts',
		'dist/tsconfig.tsbuildinfo',
		'dist/package.json',
		'.github/workflows/ci.yml',
		'.ci/run',
		'BENCHMARKS.md',
		'gulpfile.js',
		'tsconfig.json',
		'dist/nodes/AloVoice/notes.txt',
		'dist/nodes/AloVoice/__schema__/notes.json',
		'dist/nodes/AloVoice/__schema__/v1/call/startTwoWay.json',
	])('%s', (path) => {
		expect(unexpectedFiles([path])).toEqual([path]);
	});

	it('and what it lets through', () => {
		const shipped = [
			'README.md',
			'LICENSE',
			'package.json',
			'index.js',
			'dist/nodes/AloVoice/AloVoice.node.js',
			'dist/nodes/AloVoice/AloVoice.node.d.ts',
			'dist/nodes/AloVoice/AloVoice.node.js.map',
			'dist/nodes/AloVoice/AloVoice.node.json',
			'dist/nodes/AloVoice/alovoice.dark.svg',
			'dist/nodes/AloVoice/__schema__/v1.0.0/call/startTwoWay.json',
			'dist/nodes/Telediscount/__schema__/v2.1.0/call/make.json',
			'dist/nodes/shared/webhook/node.js',
			'dist/credentials/AloVoiceApi.credentials.js',
		];
		expect(unexpectedFiles(shipped)).toEqual([]);
	});
});
