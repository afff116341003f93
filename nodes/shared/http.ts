// The part of a provider's transport that does not depend on the provider: send one request,
// follow its redirects only where the host rule allows, stop when the execution is cancelled,
// map any failure to a redacted NodeApiError, and read the answer as JSON, text or bytes.
// Each provider's transport decides the URL and where its secret goes, then calls this.
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiErrorContext } from './apiError';
import { toApiError } from './apiError';
import type { HostRule } from './hosts';
import { hostRule, hostsOf } from './hosts';
import { redactText } from './redact';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface PbxHttpRequest {
	method: IHttpRequestMethods;
	/** The full URL, secret included where the provider wants it. */
	url: string;
	headers?: IDataObject;
	body?: IDataObject | FormData | string | Buffer;
	timeout: number;
	/** `json`: parsed (plain `true`/`false` tolerated); `text`: a string; `binary`: bytes and headers. */
	response: 'json' | 'text' | 'binary';
	error: ApiErrorContext;
	/**
	 * The hosts a redirect may lead to; default: the host of `url` alone. Only GET requests are
	 * redirected: a request that places a call or creates a campaign is sent once, to one place.
	 */
	redirects?: HostRule;
	/** How to allow a host a redirect was refused for, for the error: "Add it to Options → Allowed Hosts". */
	redirectHint?: string;
}

/** More hops than any PBX or storage needs; a loop ends here. */
export const MAX_REDIRECTS = 5;

export interface BinaryAnswer {
	body: Buffer;
	headers: IDataObject;
	statusCode: number;
}

/** Parses an answer that should be JSON; `true`/`false` plain-text answers become booleans. */
export function parseAnswer(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	if (trimmed === 'true') return true;
	if (trimmed === 'false') return false;
	return JSON.parse(trimmed);
}

/** A short, redacted quote of an answer for error descriptions. */
export function quoteAnswer(text: string, secrets: Array<string | undefined>, max = 200): string {
	const trimmed = text.trim();
	return redactText(trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed, secrets);
}

export function bodyText(body: unknown): string {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return String(body ?? '');
}

export async function pbxRequest(
	this: RequestContext,
	request: PbxHttpRequest & { response: 'binary' },
): Promise<BinaryAnswer>;
export async function pbxRequest(this: RequestContext, request: PbxHttpRequest): Promise<unknown>;
export async function pbxRequest(this: RequestContext, request: PbxHttpRequest): Promise<unknown> {
	const node = this.getNode();
	const context = { ...request.error, timeout: request.timeout };
	// n8n aborts this signal when the execution is cancelled; load-options contexts have none.
	const signal = (this as Partial<IExecuteFunctions>).getExecutionCancelSignal?.();
	const redirects = request.redirects ?? hostRule(hostsOf([request.url]));

	let url = request.url;
	for (let hops = 0; ; hops++) {
		if (signal?.aborted) throw cancelled(node, context);
		const response = await sendOnce.call(this, httpOptions(request, url, signal), context);
		const next = nextHop(node, response, { request, url, redirects, hops, context });
		if (next === undefined) return readAnswer(node, response, request.response, context);
		url = next;
	}
}

type Node = ReturnType<RequestContext['getNode']>;

/** One hop's options: n8n's own redirect following and status errors are off, handled here. */
export function httpOptions(
	request: PbxHttpRequest,
	url: string,
	signal: AbortSignal | undefined,
): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers: request.headers ?? {},
		timeout: request.timeout,
		returnFullResponse: true,
		encoding: request.response === 'binary' ? 'arraybuffer' : 'text',
		json: false,
		// Redirects are followed by nextHop, each hop checked against the host rule: n8n's own
		// following would take a recording URL's redirect to any address.
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
	};
	if (signal) options.abortSignal = signal;
	if (request.body !== undefined) options.body = request.body;
	return options;
}

async function sendOnce(
	this: RequestContext,
	options: IHttpRequestOptions,
	context: ApiErrorContext,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await this.helpers.httpRequest(options)) as IN8nHttpFullResponse;
	} catch (error) {
		// An abort surfaces as a network error; the user should read that they cancelled.
		if (options.abortSignal?.aborted) throw cancelled(this.getNode(), context);
		throw toApiError(this.getNode(), error, context);
	}
}

interface Hop {
	request: PbxHttpRequest;
	url: string;
	redirects: HostRule;
	hops: number;
	context: ApiErrorContext;
}

/** Undefined when the answer is a success; the URL to follow for an allowed redirect; else throws. */
function nextHop(node: Node, response: IN8nHttpFullResponse, hop: Hop): string | undefined {
	const { request, url, redirects, context } = hop;
	const status = Number(response.statusCode);
	if (status >= 200 && status < 300) return undefined;
	const location =
		status >= 300 && status < 400 ? headerValue(response.headers ?? {}, 'location') : undefined;
	if (location === undefined || request.method !== 'GET') {
		throw toApiError(
			node,
			{ statusCode: status, response: { status, data: response.body } },
			context,
		);
	}
	const next = redirectTarget(location, url);
	const downgrade = new URL(url).protocol === 'https:' && next?.protocol === 'http:';
	if (!next || !redirects.allows(next) || downgrade) {
		throw redirectRefused(node, {
			next,
			downgrade,
			status,
			redirects,
			hint: request.redirectHint,
			context,
		});
	}
	if (hop.hops >= MAX_REDIRECTS) {
		throw new NodeApiError(
			node,
			{ message: 'too many redirects' },
			{
				message: `${context.provider} redirected the request more than ${MAX_REDIRECTS} times while ${context.action}`,
				httpCode: String(status),
			},
		);
	}
	return next.toString();
}

function redirectRefused(
	node: Node,
	refusal: {
		next: URL | undefined;
		downgrade: boolean;
		status: number;
		redirects: HostRule;
		hint: string | undefined;
		context: ApiErrorContext;
	},
): NodeApiError {
	const { next, downgrade, redirects, context } = refusal;
	return new NodeApiError(
		node,
		{ message: 'redirect refused' },
		{
			message: redactText(
				`${context.provider} redirected the request to ${next ? next.host || next.protocol : 'an unreadable address'} while ${context.action}, and the node does not follow it there`,
				context.secrets,
			),
			description: redactText(
				`Requests may be redirected only to ${redirects.described}${downgrade ? ', and not from https to http' : ''}. ${refusal.hint ?? ''}`.trim(),
				context.secrets,
			),
			httpCode: String(refusal.status),
		},
	);
}

/** A successful answer read as the request asked: bytes and headers, text, or parsed JSON. */
function readAnswer(
	node: Node,
	response: IN8nHttpFullResponse,
	as: PbxHttpRequest['response'],
	context: ApiErrorContext,
): unknown {
	if (as === 'binary') {
		const body = Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(response.body as ArrayBuffer);
		return { body, headers: response.headers ?? {}, statusCode: response.statusCode };
	}
	const text = bodyText(response.body);
	if (as === 'text') return text;
	try {
		return parseAnswer(text);
	} catch {
		throw new NodeApiError(
			node,
			{ message: 'malformed answer' },
			{
				message: `${context.provider} answered with a body that is not valid JSON while ${context.action}`,
				description: `The PBX answered: ${quoteAnswer(text, context.secrets)}`,
				httpCode: String(response.statusCode),
			},
		);
	}
}

/** The absolute URL a `Location` header points to, or undefined when it is not an address. */
function redirectTarget(location: string, from: string): URL | undefined {
	try {
		return new URL(location, from);
	} catch {
		return undefined;
	}
}

function cancelled(node: Node, context: ApiErrorContext): NodeApiError {
	return new NodeApiError(
		node,
		{ message: 'cancelled' },
		{
			message: `The execution was cancelled while ${context.action}`,
		},
	);
}

/** A response header's value whatever its case, as one string. */
export function headerValue(headers: IDataObject, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

/** The file name of a `Content-Disposition` header (`filename*=` preferred), if any. */
export function fileNameFromDisposition(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A broken percent-encoding: fall through to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
	const name = (plain?.[2] ?? plain?.[1])?.trim();
	return name ? name.replace(/^.*[\\/]/, '') : undefined;
}

/** The media type of a `Content-Type` header without its parameters: "audio/mpeg". */
export function mimeTypeOf(contentType: string | undefined): string | undefined {
	const type = contentType?.split(';')[0].trim().toLowerCase();
	return type ? type : undefined;
}
