// The one door to the AloVoice API: base URL and token placement. Sending, error mapping and
// answer parsing are shared with Telediscount (nodes/shared/http.ts); errors never carry the
// token although several endpoints have it in the URL path.
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HostRule } from '../../shared/hosts';
import type { BinaryAnswer, RequestContext } from '../../shared/http';
import { pbxRequest } from '../../shared/http';
import { DEFAULT_TIMEOUT_MS } from '../../shared/options';
import { credentialsOfRun } from '../../shared/credentials';

export type AloVoiceContext = RequestContext;

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
	/** Where a redirect may lead (default: the request's own host), and how to allow another host. */
	redirects?: HostRule;
	redirectHint?: string;
}

export interface AloVoiceCredentials {
	token: string;
	baseUrl: string;
}

export async function getAloVoiceCredentials(this: AloVoiceContext): Promise<AloVoiceCredentials> {
	const credentials = await credentialsOfRun(this, 'aloVoiceApi');
	const token = String(credentials.token ?? '').trim();
	const baseUrl = String(credentials.baseUrl || 'https://cld.alovoice.uz').replace(/\/+$/, '');
	return { token, baseUrl };
}

export async function aloVoiceRequest(
	this: AloVoiceContext,
	request: AloVoiceRequest & { response: 'binary' },
): Promise<BinaryAnswer>;
export async function aloVoiceRequest(
	this: AloVoiceContext,
	request: AloVoiceRequest,
): Promise<unknown>;
export async function aloVoiceRequest(
	this: AloVoiceContext,
	request: AloVoiceRequest,
): Promise<unknown> {
	const { token, baseUrl } = await getAloVoiceCredentials.call(this);
	if (request.url !== undefined && request.auth !== 'none') {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'absolute URL with a token' },
			{
				message: 'An absolute AloVoice URL is only requested without the token',
			},
		);
	}

	const headers: IDataObject = { ...(request.headers ?? {}) };
	if (request.auth === 'bearer') headers.Authorization = `Bearer ${token}`;
	if (request.auth === 'pathAndHeader') headers.token = token;
	const path = request.endpoint.split('{token}').join(encodeURIComponent(token));

	return await pbxRequest.call(this, {
		method: request.method,
		url: request.url ?? `${baseUrl}${path}`,
		headers,
		body: request.body,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
		response: request.response ?? 'json',
		error: { provider: 'AloVoice', action: request.action, secrets: [token] },
		redirects: request.redirects,
		redirectHint: request.redirectHint,
	});
}
