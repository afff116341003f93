// The answer guard: when the workflow, not the node, answers a waiting PBX, whatever n8n writes
// to the response passes through a judge first, and a fallback goes out at the deadline. Any
// trigger whose PBX waits for an answer uses it; the judge and the fallback are the provider's.
import { sleep } from 'n8n-workflow';

/** The minimal part of Node's http.ServerResponse (and Express's) that guardResponse touches. */
export interface ResponseLike {
	statusCode: number;
	headersSent?: boolean;
	setHeader(name: string, value: number | string | readonly string[]): unknown;
	/** Node >= 18.15; n8n writes a workflow's answer headers with it (see holdHeaders). */
	setHeaders?(headers: unknown): unknown;
	appendHeader?(name: string, value: string | readonly string[]): unknown;
	removeHeader(name: string): void;
	getHeader(name: string): number | string | string[] | undefined;
	getHeaderNames?(): string[];
	writeHead(...args: unknown[]): unknown;
	write(...args: unknown[]): unknown;
	end(...args: unknown[]): unknown;
	/** 'close': the connection ended (the PBX hung up) or the answer was sent. */
	once?(event: 'close', listener: () => void): unknown;
}

export interface GuardDecision {
	status: number;
	body: string;
	contentType: string;
}

/** What n8n wrote to the response, collected until its end(). */
export interface Written {
	status: number;
	body: string;
	contentType: string;
}

export interface Guard {
	/** Answers now with `decision`, unless an answer went out already; later writes are dropped. */
	settle(decision: GuardDecision, reason?: string): boolean;
	readonly settled: boolean;
}

export interface GuardOptions {
	timeoutMs: number;
	judge: (written: Written) => GuardDecision & { reason?: string };
	onTimeout: () => GuardDecision;
	onSettled?: (decision: GuardDecision, reason: string | undefined) => void;
	/** The connection closed before any answer (the PBX hung up): nothing is sent. */
	onClosed?: () => void;
}

type Writers = Pick<ResponseLike, 'setHeader' | 'removeHeader' | 'writeHead' | 'write' | 'end'>;

function realWriters(res: ResponseLike): Writers {
	return {
		setHeader: res.setHeader.bind(res),
		removeHeader: res.removeHeader.bind(res),
		writeHead: res.writeHead.bind(res),
		write: res.write.bind(res),
		end: res.end.bind(res),
	};
}

function toBuffer(chunk: unknown): Buffer | undefined {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (typeof chunk === 'string') return Buffer.from(chunk);
	if (chunk instanceof Uint8Array) return Buffer.from(chunk);
	return undefined;
}

/** Sends the one answer with the real writers, whatever headers n8n had set meanwhile. */
function sendDecision(res: ResponseLike, real: Writers, decision: GuardDecision): void {
	for (const name of res.getHeaderNames?.() ?? ['content-length', 'etag', 'content-type'])
		real.removeHeader(name);
	res.statusCode = decision.status;
	real.setHeader('content-type', decision.contentType);
	real.setHeader('content-length', Buffer.byteLength(decision.body));
	// Node's end() writes the head through this.writeHead, so the real one is put back for
	// that call; afterwards n8n's late writes hit the no-op again.
	const guarded = res.writeHead;
	res.writeHead = real.writeHead;
	real.end(decision.body);
	res.writeHead = guarded;
}

/**
 * Headers are held in memory until the answer is decided; after it every header write does
 * nothing. Node throws ERR_HTTP_HEADERS_SENT from setHeaders and appendHeader once the head is
 * out, and n8n writes a late answer with them (docs/n8n-internals.md, "A late answer's headers").
 */
function holdHeaders(res: ResponseLike, real: Writers, settled: () => boolean): void {
	res.setHeader = ((name: string, value: number | string | readonly string[]) => {
		if (settled()) return res;
		return real.setHeader(name, value);
	}) as ResponseLike['setHeader'];
	if (res.setHeaders) {
		const setHeaders = res.setHeaders.bind(res);
		res.setHeaders = (headers: unknown) => (settled() ? res : setHeaders(headers));
	}
	if (res.appendHeader) {
		const appendHeader = res.appendHeader.bind(res);
		res.appendHeader = (name: string, value: string | readonly string[]) =>
			settled() ? res : appendHeader(name, value);
	}
	res.removeHeader = (name: string) => {
		if (!settled()) real.removeHeader(name);
	};
	res.writeHead = ((status: unknown) => {
		if (!settled() && typeof status === 'number') res.statusCode = status;
		return res;
	}) as ResponseLike['writeHead'];
}

/** The body is collected, not sent; end() hands what was written to `onEnd`. */
function collectBody(
	res: ResponseLike,
	settled: () => boolean,
	onEnd: (written: Written) => void,
): void {
	const chunks: Buffer[] = [];
	res.write = ((chunk: unknown) => {
		const buffer = toBuffer(chunk);
		if (!settled() && buffer) chunks.push(buffer);
		return true;
	}) as ResponseLike['write'];
	res.end = ((chunk?: unknown) => {
		if (settled()) return res;
		const buffer = toBuffer(chunk);
		if (buffer) chunks.push(buffer);
		onEnd({
			status: res.statusCode,
			body: Buffer.concat(chunks).toString(),
			contentType: String(res.getHeader('content-type') ?? ''),
		});
		return res;
	}) as ResponseLike['end'];
}

/**
 * Takes over an HTTP response so that whatever n8n later writes to it (a node's sendResponse,
 * the last node's output, n8n's own "Error in workflow" 500) passes through `judge` first, and
 * the fallback is answered at the deadline if nothing came in time. One answer at most:
 * everything written after it is silently dropped, so n8n's late write neither reaches the PBX
 * nor throws ERR_HTTP_HEADERS_SENT.
 *
 * The deadline is n8n-workflow's `sleep` with an AbortSignal (docs/n8n-internals.md, "sleep
 * with an AbortSignal"), cancelled when the answer goes out or the PBX hangs up (the
 * response's 'close'); where the wait runs out anyway, the `settled` flag keeps it from
 * answering twice.
 */
export function guardResponse(res: ResponseLike, options: GuardOptions): Guard {
	const real = realWriters(res);
	let settled = false;
	const isSettled = () => settled;
	const deadline = new AbortController();
	const settle = (decision: GuardDecision, reason?: string): boolean => {
		if (settled) return false;
		settled = true;
		deadline.abort();
		sendDecision(res, real, decision);
		options.onSettled?.(decision, reason);
		return true;
	};
	holdHeaders(res, real, isSettled);
	collectBody(res, isSettled, (written) => {
		const decision = options.judge(written);
		settle(decision, decision.reason);
	});
	res.once?.('close', () => {
		if (settled) return;
		settled = true;
		deadline.abort();
		options.onClosed?.();
	});
	void sleep(options.timeoutMs, deadline.signal).then(
		() => {
			if (settled) return;
			try {
				settle(options.onTimeout(), 'timeout');
			} catch {
				// The socket is gone: there is nobody left to answer.
			}
		},
		() => undefined,
	);
	return {
		settle,
		get settled() {
			return settled;
		},
	};
}

/** What n8n wrote: a JSON text body is parsed (the last node's item), anything else kept as text. */
export function writtenValue(body: string): unknown {
	const text = body.trim();
	if (text.startsWith('{') || text.startsWith('[')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

/** Why the written answer is n8n's own error page rather than the workflow's answer, if it is. */
export function failedWorkflow(written: { status: number; body: string }): string | undefined {
	if (written.status < 400) return undefined;
	return `the workflow failed (n8n answered ${written.status}: ${written.body.slice(0, 200)})`;
}
