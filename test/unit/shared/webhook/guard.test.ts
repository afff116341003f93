// nodes/shared/webhook/guard.ts: one answer at most, judged, or the fallback at the deadline.
import { PassThrough } from 'node:stream';
import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';

import { guardResponse, type ResponseLike } from '../../../../nodes/shared/webhook/guard';

describe('guardResponse', () => {
	function response() {
		const req = new IncomingMessage(new Socket());
		const res = new ServerResponse(req);
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.assignSocket(out as unknown as Socket);
		return { res, text: () => Buffer.concat(chunks).toString() };
	}
	const fallback = { status: 200, body: 'FALLBACK', contentType: 'text/plain' };

	it('passes a judged answer, drops later writes', () => {
		const { res, text } = response();
		const settled: Array<string | undefined> = [];
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 1000,
			onTimeout: () => fallback,
			judge: (written) => ({
				status: 200,
				body: `seen ${written.status} ${written.body}`,
				contentType: 'text/plain',
			}),
			onSettled: (_d, reason) => settled.push(reason),
		});
		res.statusCode = 201;
		res.setHeader('content-type', 'application/json');
		res.end('{"x":1}');
		res.setHeader('x-late', '1');
		res.end('late');
		expect(text()).toMatch(
			/^HTTP\/1\.1 200 OK\r\n[\s\S]*content-type: text\/plain[\s\S]*\r\n\r\nseen 201 \{"x":1\}$/,
		);
		expect(settled).toEqual([undefined]);
	});

	it('answers the fallback on timeout', async () => {
		const { res, text } = response();
		const reasons: Array<string | undefined> = [];
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 20,
			onTimeout: () => fallback,
			judge: () => ({ status: 500, body: 'never', contentType: 'text/plain' }),
			onSettled: (_d, reason) => reasons.push(reason),
		});
		await new Promise((resolve) => setTimeout(resolve, 60));
		res.end('too late');
		expect(text()).toMatch(/\r\n\r\nFALLBACK$/);
		expect(reasons).toEqual(['timeout']);
	});

	// n8n 2.40.7 writes an answer that comes after the fallback (a node answering after the Answer
	// Timeout) with res.setHeaders(...) then res.send (webhook-request-handler.js,
	// webhook-response-headers.js); Node's setHeaders, appendHeader and removeHeader throw
	// ERR_HTTP_HEADERS_SENT once the head is out, and n8n logged "Error in handling webhook request".
	it('drops a late answer written with setHeaders, appendHeader and removeHeader without throwing', async () => {
		const { res, text } = response();
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 20,
			onTimeout: () => fallback,
			judge: () => ({ status: 500, body: 'never', contentType: 'text/plain' }),
		});
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(res.headersSent).toBe(true);
		expect(() =>
			res.setHeaders(new Map([['content-type', 'application/json; charset=utf-8']])),
		).not.toThrow();
		expect(() => res.appendHeader('x-late', '1')).not.toThrow();
		expect(() => res.removeHeader('content-type')).not.toThrow();
		res.end('{"action_type":"peer","action_data":"2000"}');
		expect(text()).toMatch(/\r\n\r\nFALLBACK$/);
		expect(text()).not.toMatch(/x-late|action_type/);
	});

	it('passes headers set with setHeaders and appendHeader before the answer, and removes them on a fallback', () => {
		const { res, text } = response();
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 1000,
			onTimeout: () => fallback,
			judge: (written) => ({
				status: 200,
				body: `seen ${written.contentType}`,
				contentType: 'text/plain',
			}),
		});
		res.setHeaders(new Map([['content-type', 'application/json; charset=utf-8']]));
		res.appendHeader('x-early', '1');
		res.end('{}');
		// The judged answer carries only its own content type: what n8n set before is removed.
		expect(text()).toMatch(/\r\n\r\nseen application\/json; charset=utf-8$/);
		expect(text()).not.toMatch(/x-early/);
	});
});

describe('the answer guard', () => {
	function response() {
		const req = new IncomingMessage(new Socket());
		const res = new ServerResponse(req);
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.assignSocket(out as unknown as Socket);
		return { res, text: () => Buffer.concat(chunks).toString() };
	}
	const fallback = { status: 200, body: 'FALLBACK', contentType: 'text/plain' };
	const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

	it('answers at the deadline, once, and drops the late answer', async () => {
		const { res, text } = response();
		const settled: Array<string | undefined> = [];
		const started = Date.now();
		let at = 0;
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 120,
			onTimeout: () => {
				at = Date.now() - started;
				return fallback;
			},
			judge: () => ({ status: 200, body: 'LATE', contentType: 'text/plain' }),
			onSettled: (_d, reason) => settled.push(reason),
		});
		await wait(300);
		res.end('late');
		expect(at).toBeGreaterThanOrEqual(110);
		expect(at).toBeLessThan(290);
		expect(text()).toMatch(/\r\n\r\nFALLBACK$/);
		expect(text()).not.toContain('LATE');
		expect(settled).toEqual(['timeout']);
	});

	it('an answer before the deadline cancels the deadline: no second answer, no timeout call', async () => {
		const { res, text } = response();
		let timeouts = 0;
		const settled: Array<string | undefined> = [];
		const guard = guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 80,
			onTimeout: () => {
				timeouts += 1;
				return fallback;
			},
			judge: (written) => ({ status: 200, body: `OK ${written.body}`, contentType: 'text/plain' }),
			onSettled: (_d, reason) => settled.push(reason),
		});
		res.end('1');
		await wait(200);
		expect(timeouts).toBe(0);
		expect(guard.settled).toBe(true);
		expect(guard.settle(fallback)).toBe(false);
		expect(text()).toMatch(/\r\n\r\nOK 1$/);
		expect(settled).toEqual([undefined]);
	});

	it('the PBX hanging up (close) cancels the wait: nothing is answered or logged afterwards', async () => {
		const { res, text } = response();
		let timeouts = 0;
		let closed = 0;
		const settled: unknown[] = [];
		const guard = guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 80,
			onTimeout: () => {
				timeouts += 1;
				return fallback;
			},
			judge: () => ({ status: 200, body: 'X', contentType: 'text/plain' }),
			onSettled: (decision) => settled.push(decision),
			onClosed: () => (closed += 1),
		});
		res.emit('close');
		await wait(200);
		res.end('after hang-up');
		expect([timeouts, closed, settled.length]).toEqual([0, 1, 0]);
		expect(guard.settled).toBe(true);
		expect(text()).toBe('');
	});

	it('uses no timer of its own (n8n-workflow sleep with an AbortSignal)', async () => {
		const source = (await import('node:fs')).readFileSync(
			require.resolve('../../../../nodes/shared/webhook/guard.ts'),
			'utf8',
		);
		expect(source).not.toMatch(/\b(setTimeout|clearTimeout|setInterval)\s*\(/);
		expect(source).toMatch(/sleep\(options\.timeoutMs, deadline\.signal\)/);
	});
});
