// What a PBX may be answered, checked before anything is sent: a wrong route action ends the
// caller's call at once (shared/api/alovoice.md §6), a wrong callstart id breaks the join with
// callend. Pure, plus guardResponse, which owns an HTTP response object.
import { randomUUID } from 'node:crypto';

import { checkAloVoicePhone } from '../phone';

export const ROUTE_ACTION_TYPES = ['peer', 'queue', 'ivr', 'trunk', 'hangup'] as const;
export type RouteActionType = (typeof ROUTE_ACTION_TYPES)[number];
export interface RouteAction {
	action_type: RouteActionType;
	action_data?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

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
	const data = record.action_data === undefined || record.action_data === null ? '' : text(record.action_data);
	if (data === undefined) return { ok: false, reason: 'action_data must be text or a number' };
	if (type === 'hangup') {
		if (data !== '' && !/^\d{1,12}$/.test(data)) return { ok: false, reason: `action_data for hangup must be a sound-file id (digits) or empty, got "${data}"` };
		return { ok: true, value: data === '' ? { action_type: 'hangup' } : { action_type: 'hangup', action_data: data } };
	}
	if (type === 'trunk') {
		const phone = checkAloVoicePhone(data, 'action_data');
		if (!phone.ok) return { ok: false, reason: phone.reason };
		return { ok: true, value: { action_type: 'trunk', action_data: phone.value } };
	}
	if (!/^\d{1,12}$/.test(data)) {
		return { ok: false, reason: `action_data for ${type} must be its number (digits), got "${data}"` };
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
		if (Number.isInteger(value) && value >= 0 && String(value).length <= 12) return { ok: true, value: String(value) };
		return { ok: false, reason: `the id ${value} is not an integer of at most 12 digits` };
	}
	if (typeof value === 'string') {
		const id = value.trim();
		if (id === '') return { ok: false, reason: 'the id is empty' };
		if (id.length > 32) return { ok: false, reason: `the id has ${id.length} characters; at most 32 are allowed` };
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
		if (record.callto === undefined || record.callto === null || record.callto === '') return { ok: true, value: { id: id.value } };
		const phone = checkAloVoicePhone(record.callto, 'callto');
		if (!phone.ok) return { ok: false, reason: phone.reason };
		return { ok: true, value: { id: id.value, callto: phone.value } };
	}
	const id = validateCallId(answer);
	return id.ok ? { ok: true, value: { id: id.value } } : id;
}

/** The body sent for a callstart answer: the plain id, or `{"id","callto"}` when a number is named. */
export function callStartBody(answer: CallStartAnswer): { body: string; contentType: string } {
	if (answer.callto) return { body: JSON.stringify({ id: answer.id, callto: answer.callto }), contentType: 'application/json' };
	return { body: answer.id, contentType: 'text/plain; charset=utf-8' };
}

/** The node's own call id: 32 hex characters (the id rule's longest string), unique per call. */
export function ownCallId(): string {
	return randomUUID().replace(/-/g, '');
}

export type RuleMatch = 'any' | 'callerExact' | 'callerPrefix' | 'line' | 'queue' | 'direction';

export interface RouteRule {
	match: RuleMatch;
	value?: string;
	actionType: string;
	actionData?: string;
}

function digits(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

/** Whether a caller number (any of the PBX's forms) equals or starts with the rule's number/prefix. */
function callerMatches(from: unknown, wanted: string, prefix: boolean): boolean {
	const caller = digits(from);
	const want = digits(wanted);
	if (want === '') return false;
	// Compare in the 12-digit form when the caller came as 9 local digits.
	const forms = caller.length === 9 ? [caller, `998${caller}`] : [caller, caller.replace(/^998/, '')];
	return forms.some((form) => (prefix ? form.startsWith(want) : form === want));
}

/** The first rule that matches the request, in the order the user listed them. */
export function pickRoute(rules: RouteRule[], request: Record<string, unknown>): { rule: RouteRule; index: number } | undefined {
	for (const [index, rule] of rules.entries()) {
		const value = (rule.value ?? '').trim();
		let hit = false;
		switch (rule.match) {
			case 'any':
				hit = true;
				break;
			case 'callerExact':
				hit = callerMatches(request.from_number, value, false);
				break;
			case 'callerPrefix':
				hit = callerMatches(request.from_number, value, true);
				break;
			case 'line':
				hit = value !== '' && digits(request.line_number).endsWith(digits(value)) && digits(value) !== '';
				break;
			case 'queue':
				hit = value !== '' && String(request.queue_number ?? '').trim() === value;
				break;
			case 'direction':
				hit = value !== '' && String(request.direction ?? '').trim().toLowerCase() === value.toLowerCase();
				break;
		}
		if (hit) return { rule, index };
	}
	return undefined;
}

/** The minimal part of Node's http.ServerResponse (and Express's) that guardResponse touches. */
export interface ResponseLike {
	statusCode: number;
	headersSent?: boolean;
	setHeader(name: string, value: number | string | readonly string[]): unknown;
	removeHeader(name: string): void;
	getHeader(name: string): number | string | string[] | undefined;
	getHeaderNames?(): string[];
	writeHead(...args: unknown[]): unknown;
	write(...args: unknown[]): unknown;
	end(...args: unknown[]): unknown;
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
 * `judge` first, and a timer answers with the fallback if nothing comes in time. Everything
 * written after the answer is silently dropped, so n8n's late write neither reaches the PBX
 * nor throws ERR_HTTP_HEADERS_SENT.
 */
export function guardResponse(
	res: ResponseLike,
	options: {
		timeoutMs: number;
		judge: (written: { status: number; body: string; contentType: string }) => GuardDecision & { reason?: string };
		onTimeout: () => GuardDecision;
		onSettled?: (decision: GuardDecision, reason: string | undefined) => void;
	},
): Guard {
	const original = {
		setHeader: res.setHeader.bind(res),
		writeHead: res.writeHead.bind(res),
		write: res.write.bind(res),
		end: res.end.bind(res),
	};
	const chunks: Buffer[] = [];
	let settled = false;
	const toBuffer = (chunk: unknown) =>
		Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;

	const settle = (decision: GuardDecision, reason?: string): boolean => {
		if (settled) return false;
		settled = true;
		clearTimeout(timer);
		for (const name of res.getHeaderNames?.() ?? ['content-length', 'etag', 'content-type']) res.removeHeader(name);
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
		const decision = options.judge({ status: res.statusCode, body: Buffer.concat(chunks).toString(), contentType });
		settle(decision, decision.reason);
		return res;
	}) as ResponseLike['end'];

	const timer = setTimeout(() => settle(options.onTimeout(), 'timeout'), options.timeoutMs);
	return {
		settle,
		get settled() {
			return settled;
		},
	};
}
