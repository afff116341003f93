// The skeleton of the stand-in PBX servers: an HTTP server on loopback that records every
// request (raw body, parsed JSON/form/multipart) for tests to assert on, routes it to a
// provider's handlers, and can be told to fail (status, slow, malformed body, reset).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';

export interface UploadedFile {
	filename: string;
	mimeType: string;
	content: Buffer;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string, as received (URL-encoded). */
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	/** Parsed JSON body, when the body is JSON. */
	json?: unknown;
	/** Multipart or url-encoded text fields. */
	fields: Record<string, string>;
	/** Multipart files by field name. */
	files: Record<string, UploadedFile>;
}

export interface Reply {
	status?: number;
	/** An object/array is sent as JSON; a string or Buffer as it is. */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Route {
	method: string;
	/** Matched against the path; groups are passed to the handler. */
	path: RegExp;
	handle: (request: RecordedRequest, params: string[]) => Reply | Promise<Reply>;
}

export interface Failure {
	/** Only requests whose path matches (default: every request). */
	path?: RegExp;
	status?: number;
	body?: unknown;
	/** Headers of the failure's answer, e.g. a redirect's `location`. */
	headers?: Record<string, string>;
	/** Wait this long before answering. */
	delayMs?: number;
	/** Answer 200 with a body that is not JSON. */
	malformed?: boolean;
	/** Destroy the socket without answering. */
	reset?: boolean;
	/** How many requests this failure applies to (default: all until cleared). */
	times?: number;
}

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class StubServer {
	readonly requests: RecordedRequest[] = [];

	/** Requests being answered right now, and the most at once since the last `reset()`. */
	inFlight = 0;

	maxInFlight = 0;

	private server?: Server;

	private failures: Failure[] = [];

	constructor(private readonly routes: Route[]) {}

	get url(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error('server not started');
		return `http://127.0.0.1:${address.port}`;
	}

	async start(port = 0): Promise<string> {
		this.server = createServer((req, res) => {
			this.inFlight += 1;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			res.on('close', () => (this.inFlight -= 1));
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: error.message }));
				}
			});
		});
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/** Makes matching requests fail until `clearFailures()` (or `times` requests). */
	fail(failure: Failure) {
		this.failures.push({ ...failure });
	}

	clearFailures() {
		this.failures = [];
	}

	reset() {
		this.requests.length = 0;
		this.maxInFlight = this.inFlight;
		this.clearFailures();
	}

	private takeFailure(path: string): Failure | undefined {
		const failure = this.failures.find((candidate) => !candidate.path || candidate.path.test(path));
		if (!failure) return undefined;
		if (failure.times !== undefined) {
			failure.times -= 1;
			if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
		}
		return failure;
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const recorded = await readRequest(req);
		this.requests.push(recorded);

		const failure = this.takeFailure(recorded.path);
		if (failure?.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
		if (failure?.reset) {
			req.socket.destroy();
			return;
		}
		if (failure?.malformed) return send(res, { status: 200, body: '<html>Bad gateway</html>' });
		if (failure?.status) {
			return send(res, {
				status: failure.status,
				body: failure.body ?? { error: 'failure' },
				headers: failure.headers,
			});
		}

		for (const route of this.routes) {
			if (route.method !== recorded.method) continue;
			const match = route.path.exec(recorded.path);
			if (!match) continue;
			return send(res, await route.handle(recorded, match.slice(1).map(decodeURIComponent)));
		}
		send(res, { status: 404, body: { error: 'no such endpoint' } });
	}
}

function send(res: ServerResponse, reply: Reply) {
	let body: Buffer | string;
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') {
		body = reply.body;
		headers['content-type'] = headers['content-type'] ?? 'text/plain; charset=utf-8';
	} else if (reply.body === undefined) {
		body = '';
	} else {
		body = JSON.stringify(reply.body);
		headers['content-type'] = headers['content-type'] ?? 'application/json; charset=utf-8';
	}
	res.writeHead(reply.status ?? 200, headers);
	res.end(body);
}

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const contentType = String(req.headers['content-type'] ?? '');
	const recorded: RecordedRequest = {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams.entries()),
		headers: req.headers,
		rawBody: Buffer.alloc(0),
		fields: {},
		files: {},
	};

	if (contentType.startsWith('multipart/form-data')) {
		const chunks: Buffer[] = [];
		await new Promise<void>((resolve, reject) => {
			const parser = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY_BYTES } });
			const pending: Array<Promise<void>> = [];
			parser.on('field', (name, value) => {
				recorded.fields[name] = value;
			});
			parser.on('file', (name, stream, info) => {
				const parts: Buffer[] = [];
				pending.push(
					new Promise<void>((done) => {
						stream.on('data', (part: Buffer) => parts.push(part));
						stream.on('end', () => {
							recorded.files[name] = {
								filename: info.filename ?? '',
								mimeType: info.mimeType,
								content: Buffer.concat(parts),
							};
							done();
						});
					}),
				);
			});
			parser.on('close', () => {
				Promise.all(pending).then(() => resolve(), reject);
			});
			parser.on('error', reject);
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.pipe(parser);
		});
		recorded.rawBody = Buffer.concat(chunks);
		return recorded;
	}

	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	recorded.rawBody = Buffer.concat(chunks);
	const text = recorded.rawBody.toString('utf8');
	if (contentType.includes('application/json')) {
		try {
			recorded.json = JSON.parse(text);
		} catch {
			recorded.json = undefined;
		}
	} else if (contentType.includes('application/x-www-form-urlencoded')) {
		recorded.fields = Object.fromEntries(new URLSearchParams(text).entries());
	}
	return recorded;
}
