// Turns whatever the HTTP layer threw into a NodeApiError that says what the PBX answered,
// built from a clean object so that no URL, header or request config (and so no secret)
// rides along inside the error's cause.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactText, redactValue } from './redact';

export interface ApiErrorContext {
	/** The PBX's name as the user knows it, e.g. "AloVoice". */
	provider: string;
	/** What the node was doing, e.g. "creating the campaign". */
	action: string;
	/** Values that must never appear in the error. */
	secrets: Array<string | undefined>;
	/** Timeout of the request, in milliseconds, to say it in the message. */
	timeout?: number;
}

interface HttpErrorLike {
	message?: string;
	code?: string;
	httpCode?: string | number;
	statusCode?: number;
	status?: number;
	response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown };
	cause?: HttpErrorLike;
	description?: string;
}

const MAX_BODY_CHARS = 500;

export function httpStatusOf(error: unknown): number | undefined {
	const e = (error ?? {}) as HttpErrorLike;
	const candidates = [
		e.response?.status,
		e.response?.statusCode,
		e.statusCode,
		e.status,
		e.httpCode,
		e.cause?.response?.status,
		e.cause?.statusCode,
	];
	for (const candidate of candidates) {
		const status = Number(candidate);
		if (Number.isInteger(status) && status >= 100 && status < 600) return status;
	}
	return undefined;
}

function bodyOf(error: HttpErrorLike): string | undefined {
	const raw = error.response?.data ?? error.response?.body ?? error.cause?.response?.data;
	if (raw === undefined || raw === null || raw === '') return undefined;
	let text: string;
	if (Buffer.isBuffer(raw)) text = raw.toString('utf8');
	else if (raw instanceof ArrayBuffer) text = Buffer.from(raw).toString('utf8');
	else if (typeof raw === 'string') text = raw;
	else text = JSON.stringify(raw);
	text = text.trim();
	return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…` : text;
}

function networkMessage(code: string | undefined, context: ApiErrorContext): string | undefined {
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
		case 'ESOCKETTIMEDOUT':
			return `${context.provider} did not answer in time${
				context.timeout ? ` (${Math.round(context.timeout / 1000)} s)` : ''
			} while ${context.action}`;
		case 'ECONNREFUSED':
			return `Could not connect to ${context.provider} while ${context.action}: connection refused (check the credential's Base URL)`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `Could not find the ${context.provider} server while ${context.action} (check the credential's Base URL)`;
		case 'ECONNRESET':
		case 'EPIPE':
			return `${context.provider} closed the connection while ${context.action}`;
		default:
			return undefined;
	}
}

export function statusMessage(status: number, context: ApiErrorContext): string {
	const base = `${context.provider} answered ${status} while ${context.action}`;
	if (status === 401 || status === 403)
		return `${base}: the token was refused (check the credential)`;
	if (status === 404) return `${base}: not found`;
	if (status === 429) return `${base}: too many requests, try again later`;
	if (status >= 300 && status < 400)
		return `${base}: a redirect, which is not followed for this request (check the credential's Base URL)`;
	if (status >= 500) return `${base}: the PBX failed to handle the request`;
	return base;
}

export function toApiError(node: INode, error: unknown, context: ApiErrorContext): NodeApiError {
	if (
		error instanceof NodeApiError &&
		(error as NodeApiError & { alreadyRedacted?: boolean }).alreadyRedacted
	) {
		return error;
	}
	const e = (error ?? {}) as HttpErrorLike;
	const status = httpStatusOf(e);
	const code = e.code ?? e.cause?.code;
	const body = bodyOf(e);
	const message =
		status !== undefined
			? statusMessage(status, context)
			: (networkMessage(code, context) ??
				`${context.provider} request failed while ${context.action}: ${e.message ?? 'unknown error'}`);
	const safeBody = body === undefined ? undefined : redactText(body, context.secrets);
	const description = safeBody
		? `The PBX answered: ${safeBody}`
		: status === undefined && e.message
			? redactText(e.message, context.secrets)
			: undefined;
	const clean = redactValue(
		{ message: redactText(message, context.secrets), httpCode: status, code, description },
		context.secrets,
	) as JsonObject;
	const apiError = new NodeApiError(node, clean, {
		message: redactText(message, context.secrets),
		description: description ?? undefined,
		httpCode: status !== undefined ? String(status) : undefined,
	});
	// NodeApiError swaps the message of a network error code (ECONNRESET, ECONNABORTED…) for a
	// generic "perhaps the server is offline"; ours names the PBX, the action and the timeout.
	apiError.message = redactText(message, context.secrets);
	(apiError as NodeApiError & { alreadyRedacted?: boolean }).alreadyRedacted = true;
	return apiError;
}
