// The one door to the AloVoice API: base URL, token placement, response parsing, and errors
// that never carry the token (several endpoints have it in the URL path).
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toApiError } from '../../shared/apiError';
import { redactText } from '../../shared/redact';

export type AloVoiceContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * How the endpoint wants the token:
 * - `bearer`: `Authorization: Bearer <token>` (the /mapi/* endpoints);
 * - `path`: `{token}` in the endpoint is replaced by the token;
 * - `pathAndHeader`: as `path`, plus a `token: <token>` header (getpeers);
 * - `none`: no token at all (recording URLs, which may be on another host).
 */
export type TokenPlacement = 'bearer' | 'path' | 'pathAndHeader' | 'none';

export interface AloVoiceRequest {
	method: IHttpRequestMethods;
	/** Path from the base URL, with `{token}` where the token goes, e.g. `/outcall/{token}`. */
	endpoint: string;
	/** An absolute URL to use instead of base URL + endpoint; only with `auth: 'none'`, so the
	 *  token never goes to a host other than the credential's. */
	url?: string;
	auth: TokenPlacement;
	/** What the node is doing, for error messages: "starting the call". */
	action: string;
	body?: IDataObject | FormData | string | Buffer;
	headers?: IDataObject;
	/** `json` (default): parse the answer as JSON, tolerating plain `true`/`false`;
	 *  `text`: the answer as a string; `binary`: the raw bytes with the response headers. */
	response?: 'json' | 'text' | 'binary';
	timeout?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface AloVoiceCredentials {
	token: string;
	baseUrl: string;
}

export async function getAloVoiceCredentials(this: AloVoiceContext): Promise<AloVoiceCredentials> {
	const credentials = await this.getCredentials('aloVoiceApi');
	const token = String(credentials.token ?? '').trim();
	const baseUrl = String(credentials.baseUrl || 'https://cld.alovoice.uz').replace(/\/+$/, '');
	return { token, baseUrl };
}

/** Parses an answer that should be JSON; `true`/`false` plain-text answers become booleans. */
export function parseAnswer(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	if (trimmed === 'true') return true;
	if (trimmed === 'false') return false;
	return JSON.parse(trimmed);
}

export async function aloVoiceRequest(
	this: AloVoiceContext,
	request: AloVoiceRequest & { response: 'binary' },
): Promise<IN8nHttpFullResponse & { body: Buffer }>;
export async function aloVoiceRequest(this: AloVoiceContext, request: AloVoiceRequest): Promise<unknown>;
export async function aloVoiceRequest(this: AloVoiceContext, request: AloVoiceRequest): Promise<unknown> {
	const { token, baseUrl } = await getAloVoiceCredentials.call(this);
	const node = this.getNode();
	const timeout = request.timeout ?? DEFAULT_TIMEOUT_MS;
	const context = { provider: 'AloVoice', action: request.action, secrets: [token], timeout };

	const headers: IDataObject = { ...(request.headers ?? {}) };
	if (request.auth === 'bearer') headers.Authorization = `Bearer ${token}`;
	if (request.auth === 'pathAndHeader') headers.token = token;
	const path = request.endpoint.split('{token}').join(encodeURIComponent(token));
	if (request.url !== undefined && request.auth !== 'none') {
		throw new NodeApiError(node, { message: 'absolute URL with a token' }, {
			message: 'An absolute AloVoice URL is only requested without the token',
		});
	}

	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url ?? `${baseUrl}${path}`,
		headers,
		timeout,
		returnFullResponse: true,
		encoding: request.response === 'binary' ? 'arraybuffer' : 'text',
		json: false,
	};
	if (request.body !== undefined) options.body = request.body;

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest(options)) as IN8nHttpFullResponse;
	} catch (error) {
		throw toApiError(node, error, context);
	}

	if (request.response === 'binary') {
		return { ...response, body: Buffer.from(response.body as ArrayBuffer) };
	}
	const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.body ?? '');
	if (request.response === 'text') return text;
	try {
		return parseAnswer(text);
	} catch {
		const shown = redactText(text.length > 200 ? `${text.slice(0, 200)}…` : text, [token]);
		const error = new NodeApiError(node, { message: 'malformed answer' }, {
			message: `AloVoice answered with a body that is not valid JSON while ${request.action}`,
			description: `The PBX answered: ${shown}`,
			httpCode: String(response.statusCode),
		});
		throw error;
	}
}
