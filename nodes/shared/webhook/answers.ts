// What a PBX may be answered, checked before anything is sent: a wrong route action ends the
// caller's call at once (shared/api/alovoice.md §6), a wrong callstart id breaks the join with
// callend. Pure, plus guardResponse, which owns an HTTP response object.
import { randomInt, sleep } from 'n8n-workflow';

import type { Checked } from '../checked';
import { checkAloVoicePhone } from '../phone';

export const ROUTE_ACTION_TYPES = ['peer', 'queue', 'ivr', 'trunk', 'hangup'] as const;
export type RouteActionType = (typeof ROUTE_ACTION_TYPES)[number];
export interface RouteAction {
	action_type: RouteActionType;
	action_data?: string;
}

// The package's one check result (nodes/shared/checked.ts), re-exported under its old name here.
export type { Checked };

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string') return value.trim();
	return undefined;
}

/**
 * A route answer as the PBX needs it. peer/queue/ivr take digits, trunk a phone number
 * (9 local digits or + and 12 digits), hangup an optional sound-file id.
 */
export function validateRouteAction(value: unknown): Checked<RouteAction> {
	let answer = value;
	if (typeof answer === 'string') {
		try {
			answer = JSON.parse(answer);
		} catch {
			return { ok: false, reason: 'the answer is not JSON {action_type, action_data}' };
		}
	}
	if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
		return { ok: false, reason: 'the answer is not an object {action_type, action_data}' };
	}
	const record = answer as Record<string, unknown>;
	const type = text(record.action_type);
	if (!type || !(ROUTE_ACTION_TYPES as readonly string[]).includes(type)) {
		return {
			ok: false,
			reason: `action_type must be one of ${ROUTE_ACTION_TYPES.join(', ')}, got ${JSON.stringify(record.action_type ?? null)}`,
		};
	}
	const data =
		record.action_data === undefined || record.action_data === null ? '' : text(record.action_data);
	if (data === undefined) return { ok: false, reason: 'action_data must be text or a number' };
	if (type === 'hangup') {
		if (data !== '' && !/^\d{1,12}$/.test(data))
			return {
				ok: false,
				reason: `action_data for hangup must be a sound-file id (digits) or empty, got "${data}"`,
			};
		return {
			ok: true,
			value: data === '' ? { action_type: 'hangup' } : { action_type: 'hangup', action_data: data },
		};
	}
	if (type === 'trunk') {
		const phone = checkAloVoicePhone(data, 'action_data');
		if (!phone.ok) return { ok: false, reason: phone.reason };
		return { ok: true, value: { action_type: 'trunk', action_data: phone.value } };
	}
	if (!/^\d{1,12}$/.test(data)) {
		return {
			ok: false,
			reason: `action_data for ${type} must be its number (digits), got "${data}"`,
		};
	}
	return { ok: true, value: { action_type: type as RouteActionType, action_data: data } };
}

export interface CallStartAnswer {
	id: string;
	callto?: string;
}

/** The callstart id rule: an integer of at most 12 digits, or a string of at most 32 characters. */
export function validateCallId(value: unknown): Checked<string> {
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= 0 && String(value).length <= 12)
			return { ok: true, value: String(value) };
		return { ok: false, reason: `the id ${value} is not an integer of at most 12 digits` };
	}
	if (typeof value === 'string') {
		const id = value.trim();
		if (id === '') return { ok: false, reason: 'the id is empty' };
		if (id.length > 32)
			return { ok: false, reason: `the id has ${id.length} characters; at most 32 are allowed` };
		if (/[\r\n]/.test(id)) return { ok: false, reason: 'the id contains a line break' };
		return { ok: true, value: id };
	}
	return { ok: false, reason: 'the id must be an integer or text' };
}

/**
 * The workflow's callstart answer: a plain id (text or number), or an object
 * `{ id | call_id, callto? }`. callto, if present, must be a number AloVoice can dial.
 */
export function validateCallStartAnswer(value: unknown): Checked<CallStartAnswer> {
	let answer = value;
	if (typeof answer === 'string' && answer.trim().startsWith('{')) {
		try {
			answer = JSON.parse(answer);
		} catch {
			return { ok: false, reason: 'the answer looks like JSON but does not parse' };
		}
	}
	if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
		const record = answer as Record<string, unknown>;
		const id = validateCallId(record.id ?? record.call_id ?? record.callId);
		if (!id.ok) return id;
		if (record.callto === undefined || record.callto === null || record.callto === '')
			return { ok: true, value: { id: id.value } };
		const phone = checkAloVoicePhone(record.callto, 'callto');
		if (!phone.ok) return { ok: false, reason: phone.reason };
		return { ok: true, value: { id: id.value, callto: phone.value } };
	}
	const id = validateCallId(answer);
	return id.ok ? { ok: true, value: { id: id.value } } : id;
}

/** The body sent for a callstart answer: the plain id, or `{"id","callto"}` when a number is named. */
export function callStartBody(answer: CallStartAnswer): { body: string; contentType: string } {
	if (answer.callto)
		return {
			body: JSON.stringify({ id: answer.id, callto: answer.callto }),
			contentType: 'application/json',
		};
	return { body: answer.id, contentType: 'text/plain; charset=utf-8' };
}

/** The node's own call id: 32 hex characters (the id rule's longest string), unique per call. */
export function ownCallId(): string {
	// n8n-workflow's randomInt (crypto.getRandomValues; in n8n-workflow since before 1.85, the
	// oldest n8n supported), not node:crypto: what ships imports no Node module.
	let id = '';
	for (let digit = 0; digit < 32; digit++) id += randomInt(16).toString(16);
	return id;
}

/** The minimal part of Node's http.ServerResponse (and Express's) that guardResponse touches. */
export interface ResponseLike {
	statusCode: number;
	headersSent?: boolean;
	setHeader(name: string, value: number | string | readonly string[]): unknown;
	/** Node >= 18.15; n8n 2.x writes a workflow's answer headers with it. */
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

export interface Guard {
	/** Answers now with `decision`, unless an answer went out already; later writes are dropped. */
	settle(decision: GuardDecision, reason?: string): boolean;
	readonly settled: boolean;
}

/**
 * Takes over an HTTP response so that whatever n8n later writes to it (the Respond to Webhook
 * node's answer, the last node's output, n8n's own "Error in workflow" 500) passes through
 * `judge` first, and the fallback is answered at the deadline if nothing came in time. One
 * answer at most: everything written after it is silently dropped, so n8n's late write neither
 * reaches the PBX nor throws ERR_HTTP_HEADERS_SENT.
 *
 * The deadline is n8n-workflow's `sleep` with an AbortSignal (n8n's rules for community nodes
 * forbid setTimeout/clearTimeout). The wait is cancelled when the answer goes out or the PBX
 * hangs up (the response's 'close'); an n8n-workflow whose `sleep` takes no signal just lets
 * the wait run out, and the `settled` flag keeps it from answering twice.
 */
export function guardResponse(
	res: ResponseLike,
	options: {
		timeoutMs: number;
		judge: (written: {
			status: number;
			body: string;
			contentType: string;
		}) => GuardDecision & { reason?: string };
		onTimeout: () => GuardDecision;
		onSettled?: (decision: GuardDecision, reason: string | undefined) => void;
		/** The connection closed before any answer (the PBX hung up): nothing is sent. */
		onClosed?: () => void;
	},
): Guard {
	const original = {
		setHeader: res.setHeader.bind(res),
		removeHeader: res.removeHeader.bind(res),
		writeHead: res.writeHead.bind(res),
		write: res.write.bind(res),
		end: res.end.bind(res),
	};
	const chunks: Buffer[] = [];
	let settled = false;
	const deadline = new AbortController();
	const toBuffer = (chunk: unknown) =>
		Buffer.isBuffer(chunk)
			? chunk
			: typeof chunk === 'string'
				? Buffer.from(chunk)
				: chunk instanceof Uint8Array
					? Buffer.from(chunk)
					: undefined;

	const settle = (decision: GuardDecision, reason?: string): boolean => {
		if (settled) return false;
		settled = true;
		deadline.abort();
		for (const name of res.getHeaderNames?.() ?? ['content-length', 'etag', 'content-type'])
			original.removeHeader(name);
		res.statusCode = decision.status;
		original.setHeader('content-type', decision.contentType);
		original.setHeader('content-length', Buffer.byteLength(decision.body));
		// Node's end() writes the head through this.writeHead, so the real one is put back for
		// that call; afterwards n8n's late writes hit the no-op again.
		const guarded = res.writeHead;
		res.writeHead = original.writeHead;
		original.end(decision.body);
		res.writeHead = guarded;
		options.onSettled?.(decision, reason);
		return true;
	};

	// Headers are held in memory until the answer is decided; writeHead's status is remembered.
	res.setHeader = ((name: string, value: number | string | readonly string[]) => {
		if (settled) return res;
		return original.setHeader(name, value);
	}) as ResponseLike['setHeader'];
	// Node throws ERR_HTTP_HEADERS_SENT from these once the head is out; n8n 2.x writes a late
	// answer with setHeaders, so after the answer they do nothing. Before it they are Node's own
	// (setHeaders and appendHeader go through the guarded setHeader or keep the header in memory).
	if (res.setHeaders) {
		const setHeaders = res.setHeaders.bind(res);
		res.setHeaders = (headers: unknown) => (settled ? res : setHeaders(headers));
	}
	if (res.appendHeader) {
		const appendHeader = res.appendHeader.bind(res);
		res.appendHeader = (name: string, value: string | readonly string[]) =>
			settled ? res : appendHeader(name, value);
	}
	res.removeHeader = (name: string) => {
		if (!settled) original.removeHeader(name);
	};
	res.writeHead = ((status: unknown) => {
		if (!settled && typeof status === 'number') res.statusCode = status;
		return res;
	}) as ResponseLike['writeHead'];
	res.write = ((chunk: unknown) => {
		const buffer = toBuffer(chunk);
		if (!settled && buffer) chunks.push(buffer);
		return true;
	}) as ResponseLike['write'];
	res.end = ((chunk?: unknown) => {
		if (settled) return res;
		const buffer = toBuffer(chunk);
		if (buffer) chunks.push(buffer);
		const contentType = String(res.getHeader('content-type') ?? '');
		const decision = options.judge({
			status: res.statusCode,
			body: Buffer.concat(chunks).toString(),
			contentType,
		});
		settle(decision, decision.reason);
		return res;
	}) as ResponseLike['end'];

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
