// n8n in queue mode on one machine: Redis and a PostgreSQL cluster in temp folders on free
// loopback ports, then n8n 2.40.7 as one main, webhook process(es) and two workers, all with
// this package loaded. Shared by `npm run dev:queue` and the queue e2e suite (test/e2e-queue),
// so both run the same topology. Everything it starts runs in its own process group and is
// ended by stop(), which then checks that none of those processes is left.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chownSync,
	createWriteStream,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	N8nInstance,
	canBePublished,
	freePort,
	sleep,
	type DataTableDefinition,
	type Log,
	type N8nInstall,
} from './n8n';

/** Debian packages the stack needs, installed with apt when their programs are missing. */
export function ensureQueueServers(log: Log) {
	const missing: string[] = [];
	if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (!missing.length) return;
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const apt = (args: string[]) => {
		log(`$ ${[...sudo, 'apt-get', ...args].join(' ')}`);
		const [command, ...rest] = [
			...sudo,
			'env',
			'DEBIAN_FRONTEND=noninteractive',
			'apt-get',
			...args,
		];
		execFileSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'] });
	};
	try {
		apt(['install', '-y', '--no-install-recommends', ...missing]);
	} catch {
		apt(['update']);
		apt(['install', '-y', '--no-install-recommends', ...missing]);
	}
	if (!postgresBin())
		throw new Error('postgresql was installed but no /usr/lib/postgresql/*/bin/postgres exists');
}

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((major) => existsSync(join(root, major, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

function signalGroup(child: ChildProcess | undefined, signal: NodeJS.Signals) {
	if (!child?.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

function running(child: ChildProcess | undefined) {
	return !!child && child.exitCode === null && child.signalCode === null;
}

/** Whether any process of the group led by `pid` is still alive. */
export function groupAlive(pid: number | undefined) {
	if (!pid) return false;
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One long-running server process in its own process group, its output in a log file. */
export class ServerProcess {
	child?: ChildProcess;
	private exited?: Promise<void>;
	/** Every group this server ever led (a restart leads a new one); stop() checks them all. */
	readonly groups: number[] = [];

	constructor(
		readonly name: string,
		private readonly command: string,
		/** Read at each spawn(), so a restart can change them. */
		public args: string[],
		readonly logFile: string,
		private readonly options: {
			env?: NodeJS.ProcessEnv;
			cwd?: string;
			uid?: number;
			gid?: number;
		} = {},
	) {}

	get pid() {
		return this.child?.pid;
	}

	get running() {
		return running(this.child);
	}

	spawn() {
		const out = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(this.command, this.args, {
			env: this.options.env ?? process.env,
			cwd: this.options.cwd,
			uid: this.options.uid,
			gid: this.options.gid,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout!.pipe(out);
		child.stderr!.pipe(out);
		this.child = child;
		if (child.pid) this.groups.push(child.pid);
		this.exited = new Promise((done) => child.once('exit', () => done()));
	}

	/** Waits for `ready()`; fails when the process exits first or the time is up. */
	async waitReady(ready: () => Promise<boolean>, timeoutMs: number) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running)
				throw new Error(
					`${this.name} exited during start-up (code ${this.child?.exitCode}); see ${this.logFile}`,
				);
			if (await ready()) return;
			await sleep(300);
		}
		throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	/** kill -9 of the process itself (a crash), not of its group: what a fault test does. */
	crash() {
		if (this.child?.pid) process.kill(this.child.pid, 'SIGKILL');
	}

	async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) {
		const child = this.child;
		if (running(child)) {
			signalGroup(child, signal);
			const done = await Promise.race([
				this.exited!.then(() => true),
				sleep(graceMs).then(() => false),
			]);
			if (!done) signalGroup(child, 'SIGKILL');
			await this.exited;
		}
		// Helpers (n8n's task runner) may outlive their parent by a moment; the group is ours alone.
		signalGroup(child, 'SIGKILL');
	}

	log() {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}
}

/** A PostgreSQL cluster of its own: initdb into a temp folder, one server on a loopback port. */
export class Postgres {
	readonly dir = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	readonly data = join(this.dir, 'data');
	port = 0;
	readonly database = 'n8n';
	readonly user = 'postgres';
	readonly server: ServerProcess;
	private readonly bin: string;
	private readonly owner: { uid?: number; gid?: number } = {};

	constructor(private readonly log: Log) {
		const bin = postgresBin();
		if (!bin) throw new Error('PostgreSQL is not installed (ensureQueueServers installs it)');
		this.bin = bin;
		// PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user.
		if (process.getuid?.() === 0) {
			this.owner = {
				uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
				gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
			};
			chownSync(this.dir, this.owner.uid!, this.owner.gid!);
		}
		this.server = new ServerProcess(
			'PostgreSQL',
			join(this.bin, 'postgres'),
			[],
			join(this.dir, 'postgres.log'),
			{ cwd: this.dir, ...this.owner, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } },
		);
	}

	async start() {
		this.port = await freePort();
		execFileSync(
			join(this.bin, 'initdb'),
			['-D', this.data, '-U', this.user, '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C'],
			{
				cwd: this.dir,
				...this.owner,
				env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		await this.boot();
		this.psql('CREATE DATABASE n8n', 'postgres');
		this.log(
			`PostgreSQL ${this.bin.split('/').at(-2)} listening on 127.0.0.1:${this.port} (cluster ${this.data})`,
		);
	}

	private async boot() {
		this.server.args = [
			'-D',
			this.data,
			'-p',
			String(this.port),
			'-k',
			this.dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// A test cluster: losing it in a power cut costs nothing, and fsync costs the shared disk.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'max_connections=300',
		];
		this.server.spawn();
		await this.server.waitReady(async () => this.accepts(), 60_000);
	}

	private accepts() {
		try {
			execFileSync(
				join(this.bin, 'pg_isready'),
				['-h', '127.0.0.1', '-p', String(this.port), '-q'],
				{ stdio: 'ignore' },
			);
			return true;
		} catch {
			return false;
		}
	}

	/** Fast shutdown (SIGINT: open sessions are ended) and a fresh start on the same port. */
	async restart(downMs = 0) {
		await this.server.stop('SIGINT', 30_000);
		if (downMs) await sleep(downMs);
		await this.boot();
	}

	/** Runs SQL with psql as the superuser; answers psql's unaligned output. */
	psql(sql: string, database = this.database): string {
		return execFileSync(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.port),
				'-U',
				this.user,
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-X',
				'-q',
				'-A',
				'-t',
				'-c',
				sql,
			],
			{
				encoding: 'utf8',
				maxBuffer: 1024 * 1024 * 1024,
				env: { PATH: process.env.PATH, PGCONNECT_TIMEOUT: '10' },
			},
		);
	}

	/** A query's rows as JSON objects (the database builds the JSON, so every row comes back exactly). */
	query<T = Record<string, unknown>>(sql: string): T[] {
		const text = this.psql(
			`SELECT coalesce(json_agg(row_to_json(q)), '[]'::json) FROM (${sql}) q`,
		).trim();
		return JSON.parse(text) as T[];
	}

	async stop() {
		await this.server.stop('SIGINT', 30_000);
	}

	remove() {
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** A Redis server of its own (n8n's queue is the only thing in it). */
export class Redis {
	readonly dir = mkdtempSync(join(tmpdir(), 'n8n-queue-redis-'));
	port = 0;
	server?: ServerProcess;
	/** Each server run leads its own group; the stack's stop() checks them all. */
	readonly servers: ServerProcess[] = [];

	constructor(private readonly log: Log) {}

	async start() {
		if (!this.port) this.port = await freePort();
		this.server = new ServerProcess(
			'Redis',
			'/usr/bin/redis-server',
			// Append-only file on, as in production: n8n's waiting jobs live only here, and without it
			// a Redis restart would drop every queued execution (they would stay "new" for good).
			[
				'--port',
				String(this.port),
				'--bind',
				'127.0.0.1',
				'--dir',
				this.dir,
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'everysec',
				'--protected-mode',
				'no',
			],
			join(this.dir, 'redis.log'),
			{ cwd: this.dir },
		);
		this.server.spawn();
		await this.server.waitReady(async () => this.ping(), 30_000);
		this.log(`Redis listening on 127.0.0.1:${this.port}`);
	}

	ping() {
		try {
			return (
				execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), 'ping'], {
					encoding: 'utf8',
				}).trim() === 'PONG'
			);
		} catch {
			return false;
		}
	}

	async stop() {
		if (this.server) {
			this.servers.push(this.server);
			await this.server.stop('SIGTERM', 10_000);
		}
	}

	/** Stopped (SIGTERM: Redis writes its append-only file) for `downMs`, then started on the same port. */
	async restart(downMs: number) {
		await this.stop();
		await sleep(downMs);
		await this.start();
	}

	remove() {
		rmSync(this.dir, { recursive: true, force: true });
	}
}

export interface QueueOptions {
	install: N8nInstall;
	log: Log;
	/** Workers (`n8n worker`), each with its own health port. */
	workers?: number;
	/** Webhook processes (`n8n webhook`), each on its own port. */
	webhookProcesses?: number;
	/** Executions a worker runs at once (n8n's `--concurrency`, default 10). */
	workerConcurrency?: number;
	logLevel?: 'info' | 'debug';
	/** The main process's port (the editor). */
	port?: number;
	keepFolders?: boolean;
	/** More n8n settings for every process. */
	env?: Record<string, string>;
	/** More community package folders to load beside this one (the benchmark's floor trigger). */
	extraPackages?: string[];
}

/** An n8n process beside the main: `n8n webhook` or `n8n worker`. */
export interface N8nSideProcess {
	kind: 'webhook' | 'worker';
	name: string;
	port: number;
	/** Where it answers /healthz (a worker's health server). */
	healthUrl: string;
	process: ServerProcess;
}

/**
 * The whole stack. start() brings up PostgreSQL, Redis, imports credentials and workflows
 * through the main's CLI, then the main, the webhook process(es) and the workers.
 */
export class QueueStack {
	readonly postgres: Postgres;
	readonly redis: Redis;
	readonly main: N8nInstance;
	readonly webhookProcesses: N8nSideProcess[] = [];
	readonly workers: N8nSideProcess[] = [];
	/** Shared by every process: credentials stored by one are read by the others. */
	private readonly encryptionKey = randomBytes(24).toString('hex');
	/** The main's extra settings, filled in by startServers() once the ports are known. */
	private readonly mainEnv: Record<string, string> = {};

	constructor(private readonly options: QueueOptions) {
		this.postgres = new Postgres(options.log);
		this.redis = new Redis(options.log);
		this.main = new N8nInstance({
			install: options.install,
			log: options.log,
			logLevel: options.logLevel ?? 'info',
			port: options.port,
			keepUserFolder: options.keepFolders,
			env: this.mainEnv,
			extraPackages: options.extraPackages,
		});
	}

	/** The settings every process of the stack shares (the main's CLI imports use them too). */
	private queueEnv(): Record<string, string> {
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.postgres.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// Production webhooks only on the webhook process(es), as behind a load balancer that
			// sends /webhook/ there: the main serves the editor and the API.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// Workers answer /healthz on their own port.
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			// n8n pings its database every 2 s and, when a ping waits longer than 5 s, answers EVERY
			// request 503 "Database is not ready!" until a ping succeeds. Under 50 concurrent calls on
			// this 2-core machine the webhook process's ping waited behind the calls for a pool
			// connection: with n8n's pool of 2 and with 10, 962 of 1,000 call pairs got a 503
			// (measured, docs/queue-mode.md). A connection per concurrent call and a longer ping
			// timeout keep the calls answered; a database really down still fails them.
			DB_POSTGRESDB_POOL_SIZE: '50',
			DB_PING_TIMEOUT_MS: '20000',
			// n8n exits when Redis is unreachable for this long (default 10 s); a Redis restart or
			// failover takes about that, and an exited webhook process drops every call.
			QUEUE_BULL_REDIS_TIMEOUT_THRESHOLD: '60000',
			...this.options.env,
		};
	}

	/** The webhook process's base URL: the production URLs a PBX is given. */
	get webhookBaseUrl() {
		return `http://localhost:${this.webhookProcesses[0].port}`;
	}

	async startServers() {
		await this.postgres.start();
		await this.redis.start();
		await this.main.allocatePorts();
		Object.assign(this.mainEnv, this.queueEnv());
	}

	/** Starts the main, then the webhook process(es) and the workers side by side. */
	async startN8n() {
		const { log } = this.options;
		await this.main.start();
		const used = new Set([
			this.main.port,
			this.main.brokerPort,
			this.postgres.port,
			this.redis.port,
		]);
		const port = async () => {
			let candidate = await freePort();
			while (used.has(candidate)) candidate = await freePort();
			used.add(candidate);
			return candidate;
		};
		const side: N8nSideProcess[] = [];
		for (let i = 0; i < (this.options.webhookProcesses ?? 1); i++) {
			const own = await port();
			side.push(
				this.sideProcess(
					'webhook',
					`webhook-${i + 1}`,
					own,
					await port(),
					{},
					`http://localhost:${own}/healthz`,
				),
			);
		}
		for (let i = 0; i < (this.options.workers ?? 2); i++) {
			const health = await port();
			side.push(
				this.sideProcess(
					'worker',
					`worker-${i + 1}`,
					await port(),
					await port(),
					{ QUEUE_HEALTH_CHECK_PORT: String(health) },
					`http://localhost:${health}/healthz`,
				),
			);
		}
		for (const process of side) {
			(process.kind === 'webhook' ? this.webhookProcesses : this.workers).push(process);
			log(`Starting n8n ${process.name} (port ${process.port}, log ${process.process.logFile})…`);
			process.process.spawn();
		}
		await Promise.all(
			side.map((process) => process.process.waitReady(() => httpOk(process.healthUrl), 240_000)),
		);
	}

	private sideProcess(
		kind: 'webhook' | 'worker',
		name: string,
		port: number,
		brokerPort: number,
		extra: Record<string, string>,
		healthUrl: string,
	): N8nSideProcess {
		const { install } = this.options;
		const env = {
			...this.main.env(),
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...extra,
		};
		const args =
			kind === 'worker'
				? [install.n8nBin, 'worker', `--concurrency=${this.options.workerConcurrency ?? 10}`]
				: [install.n8nBin, 'webhook'];
		const process = new ServerProcess(
			`n8n ${name}`,
			install.node,
			args,
			join(this.main.userFolder, `${name}.log`),
			{
				env,
				cwd: this.main.userFolder,
			},
		);
		return { kind, name, port, healthUrl, process };
	}

	/**
	 * Everything `npm run dev` does, in queue mode: servers, the package in the shared user
	 * folder, credentials and workflows imported and published through the main's CLI (into
	 * PostgreSQL), all n8n processes, the owner, the data tables; then waits (up to 60 s) until
	 * every workflow's webhooks are registered. On failure everything started is stopped.
	 */
	async setUp(setup: {
		credentials: unknown[];
		workflows: Array<{ id: string; name?: string }>;
		dataTables?: DataTableDefinition[];
	}) {
		try {
			await this.startServers();
			this.main.installPackage();
			this.main.importCredentials(setup.credentials);
			if (setup.workflows.length) {
				this.main.importWorkflows(setup.workflows, { publish: false });
				this.publish(setup.workflows.filter(canBePublished).map((workflow) => workflow.id));
			}
			await this.startN8n();
			await this.main.setupOwner();
			await this.main.createDataTables(setup.dataTables ?? []);
			const names = setup.workflows.filter(canBePublished).map((workflow) => workflow.name);
			const deadline = Date.now() + 60_000;
			while (Date.now() < deadline) {
				const registered = new Set(this.webhooks().map((hook) => hook.workflow));
				if (names.every((name) => !name || registered.has(name))) break;
				await sleep(500);
			}
		} catch (error) {
			const tails = this.logs()
				.map((log) => `--- ${log.name} log tail ---\n${log.text.split('\n').slice(-30).join('\n')}`)
				.join('\n');
			await this.stop();
			throw new Error(`${(error as Error).message}\n${tails}`);
		}
	}

	/**
	 * Publishes (activates) the imported workflows before n8n starts, all in one statement: what
	 * n8n 2.40.7's `publish:workflow` does for one (`WorkflowRepository.publishVersion`: the
	 * current version, which must be in the workflow's history, becomes the active one; the
	 * main activates it at start-up). One CLI run per workflow took about 10 s each, 5–7 minutes
	 * of the suite's start-up. (`import:workflow --activeState=fromJson` failed to activate them
	 * from the CLI in n8n 2.40.7: "Failed to activate workflow".)
	 */
	publish(ids: string[]) {
		const published = JSON.parse(
			this.postgres.psql(
				`WITH done AS (UPDATE workflow_entity w SET active = true, "activeVersionId" = w."versionId"
				 WHERE w.id IN (${ids.map(literal).join(', ')}) AND NOT w."isArchived"
				 AND EXISTS (SELECT 1 FROM workflow_history h WHERE h."workflowId" = w.id AND h."versionId" = w."versionId")
				 RETURNING w.id) SELECT coalesce(json_agg(id), '[]'::json) FROM done`,
			),
		) as string[];
		const missing = ids.filter((id) => !published.includes(id));
		if (missing.length)
			throw new Error(
				`these workflows could not be published (archived, or no history entry): ${missing.join(', ')}`,
			);
	}

	/** Restarts one side process (e.g. a worker after kill -9) with its own ports. */
	async restartSide(side: N8nSideProcess) {
		await side.process.stop();
		side.process.spawn();
		await side.process.waitReady(() => httpOk(side.healthUrl), 240_000);
	}

	/** Every n8n process's log: the main's and each side process's. */
	logs(): Array<{ name: string; text: string }> {
		return [
			{ name: 'main', text: this.main.log() },
			...[...this.webhookProcesses, ...this.workers].map((side) => ({
				name: side.name,
				text: side.process.log(),
			})),
		];
	}

	/** Executions each worker started so far, counted in its log ("Worker started execution <id>"). */
	workerRuns(): Record<string, number> {
		return Object.fromEntries(
			this.workers.map((worker) => [
				worker.name,
				(worker.process.log().match(/Worker started execution \d+/g) ?? []).length,
			]),
		);
	}

	/** Whether every n8n process answers /healthz with ok. */
	async healthy(): Promise<Record<string, boolean>> {
		const result: Record<string, boolean> = { main: await this.main.healthy() };
		for (const side of [...this.webhookProcesses, ...this.workers])
			result[side.name] = await httpOk(side.healthUrl);
		return result;
	}

	/** The production webhooks n8n registered (in PostgreSQL), as URLs of the first webhook process (or of `side`). */
	webhooks(
		side: N8nSideProcess = this.webhookProcesses[0],
	): Array<{ workflow: string; node: string; method: string; url: string }> {
		const rows = this.postgres.query<{
			workflow: string;
			node: string;
			method: string;
			path: string;
		}>(
			'SELECT w.name AS workflow, h.node AS node, h.method AS method, h."webhookPath" AS path FROM webhook_entity h JOIN workflow_entity w ON w.id = h."workflowId" ORDER BY w.name, h.node, h.method',
		);
		return rows.map((row) => ({
			workflow: row.workflow,
			node: row.node,
			method: row.method,
			url: `http://localhost:${side.port}/webhook/${row.path}`,
		}));
	}

	/** Exact execution counts per status for a workflow (or several together), from PostgreSQL; with `sinceId`, only executions created after that one. */
	executionCounts(workflowIds: string | string[], sinceId = 0): Record<string, number> {
		const ids = [workflowIds].flat().map(literal).join(', ');
		const rows = this.postgres.query<{ status: string; count: number }>(
			`SELECT status, COUNT(*)::int AS count FROM execution_entity WHERE "workflowId" IN (${ids}) AND id > ${Number(sinceId)} GROUP BY status`,
		);
		return Object.fromEntries(rows.map((row) => [row.status, row.count]));
	}

	/** Process groups of everything the stack started (for the "nothing left running" check). */
	groups(): number[] {
		return [
			...this.postgres.server.groups,
			...this.redis.servers.flatMap((server) => server.groups),
			...(this.redis.server?.groups ?? []),
			...[...this.webhookProcesses, ...this.workers].flatMap((side) => side.process.groups),
			...(this.main.pid ? [this.main.pid] : []),
		];
	}

	async stop() {
		const sides = [...this.webhookProcesses, ...this.workers];
		await Promise.all(sides.map((side) => side.process.stop()));
		await this.main.stop();
		await this.redis.stop();
		await this.postgres.stop();
		const left = [...new Set(this.groups())].filter(groupAlive);
		if (left.length)
			this.options.log(`Still running after stop (process groups): ${left.join(', ')}`);
		if (!this.options.keepFolders) {
			this.main.removeUserFolder();
			this.redis.remove();
			this.postgres.remove();
		}
		return left;
	}
}

/** A SQL string literal (the values here are ids the suite chose; quotes are doubled anyway). */
export function literal(value: string) {
	return `'${value.replace(/'/g, "''")}'`;
}

async function httpOk(url: string) {
	try {
		const answer = await fetch(url, { signal: AbortSignal.timeout(5000) });
		await answer.arrayBuffer();
		return answer.ok;
	} catch {
		return false;
	}
}
