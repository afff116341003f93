// The GitHub Actions workflows, checked without GitHub: `npm run check:workflows`
// (scripts/check-workflows.mjs, @action-validator/core) must accept ours and refuse broken ones;
// and what the schema cannot know is asserted on the parsed files: the release runs on version
// tags only, with the OIDC permission provenance needs, and publishes with provenance after the
// same checks as CI; CI runs what .ci/run runs; every `npm run` names a script that exists.
import { spawnSync } from 'node:child_process';
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// js-yaml comes with eslint (@eslint/eslintrc); typed here by what the test uses.
const yaml = require('js-yaml') as { load(text: string): unknown };

const root = join(__dirname, '..', '..');
const workflowsDir = join(root, '.github', 'workflows');
const text = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
	string,
	string
>;

type Step = {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
};
type Job = { needs?: string | string[]; permissions?: Record<string, string>; steps: Step[] };
type Workflow = {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
};
const load = (file: string) => yaml.load(text(file)) as Workflow;

function check(args: string[], cwd = root) {
	const result = spawnSync(
		process.execPath,
		[join(root, 'scripts', 'check-workflows.mjs'), ...args],
		{ cwd, encoding: 'utf8' },
	);
	return { status: result.status, output: result.stdout + result.stderr };
}

/** The shell commands of a job's steps, one per line, in order. */
const commands = (job: Job) =>
	job.steps.flatMap((step) =>
		(step.run ?? '')
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean),
	);

describe('npm run check:workflows (scripts/check-workflows.mjs)', () => {
	let work: string;
	beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'alovoice-workflows-'))));
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('accepts both workflow files of the repository', () => {
		const { status, output } = check([]);
		expect(output).toContain('✓ .github/workflows/ci.yml');
		expect(output).toContain('✓ .github/workflows/publish.yml');
		expect([status, output]).toEqual([0, expect.stringContaining('2 of 2 workflow files valid')]);
	});

	it.each([
		[
			'a misspelled job key',
			'publish.yml',
			'runs-on: ubuntu-latest',
			'runs-onn: ubuntu-latest',
			"Additional property 'runs-onn' is not allowed",
		],
		[
			'a permission value that does not exist',
			'publish.yml',
			'id-token: write',
			'id-token: writ',
			'/jobs/publish/permissions/id-token',
		],
		[
			'a permission that does not exist',
			'publish.yml',
			'id-token: write',
			'idtoken: write',
			'/jobs/publish/permissions',
		],
		[
			'a job needing a job that does not exist',
			'ci.yml',
			'needs: test',
			'needs: tests',
			'unresolved job tests',
		],
		[
			'a workflow without triggers',
			'publish.yml',
			'\non:\n',
			'\nonn:\n',
			"Additional property 'onn' is not allowed",
		],
		[
			'a timeout that is not a number',
			'ci.yml',
			'timeout-minutes: 20',
			'timeout-minutes: twenty',
			'/jobs/test/timeout-minutes',
		],
		[
			'YAML that does not parse',
			'ci.yml',
			"node: ['20', '24']",
			"node: ['20', '24'",
			'Parse Error',
		],
	])('refuses %s', (_what, file, from, to, expected) => {
		const original = text(file);
		expect(original).toContain(from);
		const broken = join(work, `broken-${file}`);
		writeFileSync(broken, original.replace(from, to));
		const { status, output } = check([broken]);
		expect(output).toContain(expected);
		expect([status, output]).toEqual([1, expect.stringContaining('0 of 1 workflow files valid')]);
	});

	it('refuses to pass when there is no workflow file to check', () => {
		// The script looks for .github/workflows beside its own folder: a copy in a repository without one.
		const bare = join(work, 'bare');
		mkdirSync(join(bare, 'scripts'), { recursive: true });
		copyFileSync(
			join(root, 'scripts', 'check-workflows.mjs'),
			join(bare, 'scripts', 'check-workflows.mjs'),
		);
		symlinkSync(join(root, 'node_modules'), join(bare, 'node_modules'), 'dir');
		const result = spawnSync(process.execPath, [join(bare, 'scripts', 'check-workflows.mjs')], {
			cwd: bare,
			encoding: 'utf8',
		});
		expect([result.status, result.stderr]).toEqual([
			1,
			expect.stringContaining('no workflow files to check'),
		]);
	});

	it('refuses a file it cannot read', () => {
		const { status, output } = check([join(work, 'missing.yml')]);
		expect([status, output]).toEqual([1, expect.stringContaining('cannot be read')]);
	});
});

describe('the publish workflow', () => {
	const workflow = load('publish.yml');
	const job = workflow.jobs.publish;

	it('runs on a pushed version tag and on nothing else', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('may mint the OIDC token that signs the provenance statement, and only read the repository', () => {
		expect(workflow.permissions).toEqual({ contents: 'read' });
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('uses a Node whose npm can publish by trusted publishing (npm >= 11.5.1 ships with Node 24), from a fresh install', () => {
		const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with).toEqual({
			'node-version': '24',
			'registry-url': 'https://registry.npmjs.org',
		});
		expect(commands(job)).toContain('npm ci --no-audit --no-fund');
	});

	it('checks the tag against package.json, tests and scans, and publishes last, with provenance', () => {
		const run = commands(job);
		const at = (command: string) => run.findIndex((line) => line.startsWith(command));
		expect(run.some((line) => line.includes('$GITHUB_REF_NAME'))).toBe(true);
		const order = ['npm ci', 'npm test', 'npm run scan', 'npm publish'].map(at);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(run[run.length - 1]).toBe('npm publish --provenance --access public');
		expect(job.steps[job.steps.length - 1].env).toEqual({
			NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
		});
	});
});

describe('the CI workflow', () => {
	const workflow = load('ci.yml');
	const all = Object.values(workflow.jobs).flatMap(commands);

	it('runs on every push and pull request', () => {
		expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
		expect(workflow.on.push ?? null).toBeNull();
		expect(workflow.on.pull_request ?? null).toBeNull();
	});

	it("runs what .ci/run runs, and n8n's checks: install, lint, build, test, workflow check, scan, community lint, e2e", () => {
		for (const command of [
			'npm ci --no-audit --no-fund',
			'npm run lint',
			'npm run build',
			'npm test',
			'npm run check:workflows',
			'npm run scan',
			'npm run test:e2e',
		]) {
			expect([command, all.includes(command)]).toEqual([command, true]);
		}
		const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
		for (const command of ciRun
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => /^npm (ci|test|run)\b/.test(line))) {
			const bare = command.replace(/ --.*$/, '');
			expect([bare, all.some((line) => line.startsWith(bare))]).toEqual([bare, true]);
		}
	});

	it('runs the real-n8n suite only after the unit suite passed', () => {
		expect(workflow.jobs.e2e.needs).toBe('test');
	});
});

describe('every workflow and .ci/run', () => {
	const files = ['ci.yml', 'publish.yml'];

	it('names only npm scripts that exist', () => {
		const sources = [...files.map(text), readFileSync(join(root, '.ci', 'run'), 'utf8')];
		const named = sources.flatMap((source) =>
			[...source.matchAll(/npm run ([\w-]+(?::[\w-]+)*)/g)].map(([, name]) => name),
		);
		expect(named.length).toBeGreaterThan(5);
		for (const name of named) expect([name, name in scripts]).toEqual([name, true]);
	});

	it('pins every action to a version', () => {
		const uses = files.flatMap((file) =>
			Object.values(load(file).jobs).flatMap((job) =>
				job.steps.map((step) => step.uses).filter(Boolean),
			),
		);
		expect(uses.length).toBeGreaterThan(3);
		for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
	});

	it('are checked by .ci/run', () => {
		expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm run check:workflows$/m);
	});
});
