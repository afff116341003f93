// `npm run scan` (scripts/scan.mjs) on two one-node packages built here: one n8n's scanner has
// nothing to say about, and the same package with a timer in its node and no author email.
// The scan must pass the first, and fail the second listing each finding in both legs (the
// checkout and the packed tarball) with file:line and rule; it leaves nothing in the temp dir.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const ICON =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n';

const packageJson = (author: Record<string, string>) => ({
	name: 'n8n-nodes-scan-fixture',
	version: '0.1.0',
	description: 'A one-node package the scan test builds, packs and scans',
	keywords: ['n8n-community-node-package'],
	license: 'MIT',
	homepage: 'https://github.com/example/n8n-nodes-scan-fixture',
	author,
	repository: { type: 'git', url: 'https://github.com/example/n8n-nodes-scan-fixture.git' },
	scripts: { build: 'tsc -p tsconfig.json && cp nodes/Fixture/*.svg dist/nodes/Fixture/' },
	files: ['dist'],
	n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/nodes/Fixture/Fixture.node.js'] },
	peerDependencies: { 'n8n-workflow': '*' },
});

const nodeSource = (executeBody: string[]) =>
	[
		"import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';",
		"import { NodeConnectionTypes } from 'n8n-workflow';",
		'',
		'export class Fixture implements INodeType {',
		'\tdescription: INodeTypeDescription = {',
		"\t\tdisplayName: 'Fixture',",
		"\t\tname: 'fixture',",
		"\t\ticon: { light: 'file:fixture.svg', dark: 'file:fixture.dark.svg' },",
		"\t\tgroup: ['transform'],",
		"\t\tsubtitle: 'Pass Through',",
		'\t\tversion: 1,',
		"\t\tdescription: 'Passes its items through',",
		"\t\tdefaults: { name: 'Fixture' },",
		'\t\tusableAsTool: true,',
		'\t\tinputs: [NodeConnectionTypes.Main],',
		'\t\toutputs: [NodeConnectionTypes.Main],',
		'\t\tproperties: [],',
		'\t};',
		'',
		'\tasync execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {',
		...executeBody.map((line) => `\t\t${line}`),
		'\t\tconst items = this.getInputData();',
		'\t\treturn [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];',
		'\t}',
		'}',
		'',
	].join('\n');

function writePackage(dir: string, files: Record<string, string>) {
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		writeFileSync(join(dir, file), text);
	}
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

function fixture(
	dir: string,
	options: { author: Record<string, string>; executeBody: string[]; git?: boolean },
) {
	writePackage(dir, {
		'package.json': JSON.stringify(packageJson(options.author), null, 2) + '\n',
		'tsconfig.json': JSON.stringify({
			compilerOptions: {
				strict: true,
				module: 'commonjs',
				target: 'es2021',
				lib: ['es2021'],
				outDir: 'dist',
				rootDir: '.',
				types: [],
				skipLibCheck: true,
			},
			include: ['nodes/**/*'],
		}),
		'.gitignore': 'node_modules/\ndist/\n',
		'nodes/Fixture/fixture.svg': ICON,
		'nodes/Fixture/fixture.dark.svg': ICON,
		'nodes/Fixture/Fixture.node.ts': nodeSource(options.executeBody),
	});
	if (options.git !== false) execFileSync('git', ['init', '-q'], { cwd: dir });
}

/** Runs the scan with its own TMPDIR, to see what it leaves there. */
function scan(dir: string, scratch: string): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(root, 'scripts', 'scan.mjs'), dir], {
			env: { ...process.env, TMPDIR: scratch },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe('npm run scan (scripts/scan.mjs)', () => {
	let work: string;
	const scratch = { clean: '', dirty: '', plain: '' };
	let clean: { code: number | null; output: string };
	let dirty: { code: number | null; output: string };
	const timerLine = 'await new Promise((resolve) => setTimeout(resolve, 1));';

	beforeAll(async () => {
		work = mkdtempSync(join(tmpdir(), 'alovoice-scan-test-'));
		for (const name of Object.keys(scratch) as Array<keyof typeof scratch>) {
			scratch[name] = join(work, `tmp-${name}`);
			mkdirSync(scratch[name]);
		}
		fixture(join(work, 'clean'), {
			author: { name: 'Fixture', email: 'fixture@example.com' },
			executeBody: [],
		});
		fixture(join(work, 'dirty'), { author: { name: 'Fixture' }, executeBody: [timerLine] });
		// Both at once: each builds, packs and lints for a few seconds.
		[clean, dirty] = await Promise.all([
			scan(join(work, 'clean'), scratch.clean),
			scan(join(work, 'dirty'), scratch.dirty),
		]);
	}, 120_000);

	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('passes a package n8n has nothing to say about, both legs, and says provenance was not checked', () => {
		expect([clean.code, clean.output]).toEqual([
			0,
			expect.stringContaining('scan passed: no findings in either leg.'),
		]);
		expect(clean.output).toMatch(
			/source leg \(the checkout\): package\.json, \{nodes,credentials\}\/\*\*\/\*\.\{js,ts,json\} \(2 files linted\)/,
		);
		expect(clean.output).toMatch(
			/tarball leg \(the packed package\): \*\*\/\*\.js, package\.json \(2 files linted\)/,
		);
		expect(clean.output.match(/n8n's verdict: passed; 0 errors, 0 warnings/g)).toHaveLength(2);
		expect(clean.output).toContain('provenance: not checked');
	});

	it('fails a package with a timer and no author email, listing each finding of each leg with file:line and rule', () => {
		expect(dirty.code).toBe(1);
		const line =
			nodeSource([timerLine])
				.split('\n')
				.findIndex((text) => text.includes('setTimeout')) + 1;
		const column = nodeSource([timerLine]).split('\n')[line - 1].indexOf('setTimeout') + 1;
		const [source, tarball] = dirty.output.split('tarball leg');
		expect(source).toContain(
			`nodes/Fixture/Fixture.node.ts:${line}:${column}  error  @n8n/community-nodes/no-restricted-globals`,
		);
		expect(source).toMatch(/package\.json:\d+:\d+ {2}error {2}@n8n\/community-nodes\/valid-author/);
		expect(tarball).toMatch(
			/dist\/nodes\/Fixture\/Fixture\.node\.js:\d+:\d+ {2}error {2}@n8n\/community-nodes\/no-restricted-globals/,
		);
		expect(tarball).toMatch(
			/package\.json:\d+:\d+ {2}error {2}@n8n\/community-nodes\/valid-author/,
		);
		expect(
			dirty.output.match(
				/n8n's verdict: refused \(ESLint violations found\); 2 errors, 0 warnings/g,
			),
		).toHaveLength(2);
		expect(dirty.output).toContain('scan failed: 4 findings (source 2, tarball 2).');
	});

	it('leaves nothing behind in the temp dir and writes nothing into the package', () => {
		expect(readdirSync(scratch.clean)).toEqual([]);
		expect(readdirSync(scratch.dirty)).toEqual([]);
		for (const name of ['clean', 'dirty']) {
			expect(readdirSync(join(work, name)).sort()).toEqual([
				'.git',
				'.gitignore',
				'node_modules',
				'nodes',
				'package.json',
				'tsconfig.json',
			]);
		}
	});

	it('refuses a folder that is not a git checkout instead of guessing what a clone would hold', async () => {
		fixture(join(work, 'plain'), {
			author: { name: 'Fixture', email: 'fixture@example.com' },
			executeBody: [],
			git: false,
		});
		const result = await scan(join(work, 'plain'), scratch.plain);
		expect(result.code).toBe(1);
		expect(result.output).toContain('is not a git checkout');
		expect(readdirSync(scratch.plain)).toEqual([]);
	});
});
