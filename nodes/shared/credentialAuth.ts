// What the two credentials' `authenticate` does for requests n8n sends with them itself: the
// "Custom API Call" entry (n8n's HTTP Request node with the credential as its predefined type)
// and a credential's Test request. The nodes' own requests never come here: their transports
// place the secret themselves. The secret goes only to the credential's own Base URL: a
// request to any other host leaves as the user wrote it, without the token or key.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

/** Request options as either of n8n's helpers hands them over: httpRequest's url (+ baseURL), or the legacy request's uri. */
export type AnyRequestOptions = IHttpRequestOptions & { uri?: string };

/** Where the token goes in a path: `https://cld.alovoice.uz/getpeers/{token}`. */
export const TOKEN_PLACEHOLDER = '{token}';
const PLACEHOLDER_PATTERN = /\{token\}|%7Btoken%7D/gi;

/** The full URL a request goes to, or undefined when it is not an absolute http(s) URL. */
export function requestUrl(options: AnyRequestOptions): URL | undefined {
	const raw = typeof options.uri === 'string' ? options.uri : options.url;
	if (typeof raw !== 'string' || !raw) return undefined;
	let text = raw;
	if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
		if (typeof options.baseURL !== 'string' || !options.baseURL) return undefined;
		// How axios joins them (combineURLs).
		text = `${options.baseURL.replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`;
	}
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Whether a URL is on the Base URL: the same scheme, host and port, and under the Base URL's
 * path when it has one. `https://cld.alovoice.uz.evil.test`, `https://cld.alovoice.uz@evil.test`,
 * `http://` for an `https://` Base URL and another port are not.
 */
export function isOnBaseUrl(target: URL, baseUrl: string): boolean {
	let base: URL;
	try {
		base = new URL(baseUrl.trim());
	} catch {
		return false;
	}
	if (target.protocol !== base.protocol || target.host !== base.host) return false;
	if (target.username || target.password) return false;
	const basePath = base.pathname.replace(/\/+$/, '');
	return (
		basePath === '' || target.pathname === basePath || target.pathname.startsWith(`${basePath}/`)
	);
}

function withUrl(
	options: AnyRequestOptions,
	transform: (url: string) => string,
): AnyRequestOptions {
	if (typeof options.uri === 'string') return { ...options, uri: transform(options.uri) };
	return { ...options, url: transform(options.url) };
}

function hasPlaceholder(options: AnyRequestOptions): boolean {
	const raw = typeof options.uri === 'string' ? options.uri : options.url;
	return typeof raw === 'string' && new RegExp(PLACEHOLDER_PATTERN.source, 'i').test(raw);
}

/**
 * AloVoice: on the Base URL, `Authorization: Bearer <token>` (the /mapi/* endpoints), a
 * `token: <token>` header (getpeers) and `{token}` in the path replaced by the token (requestcall,
 * outcall, getpeers, callsendai, callgetaireresult). Elsewhere nothing; a `{token}` in a URL on
 * another host is an error rather than a request that would look like a token was sent.
 */
export function aloVoiceAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	options: AnyRequestOptions,
): AnyRequestOptions {
	const token = String(credentials.token ?? '').trim();
	const baseUrl = String(credentials.baseUrl || 'https://cld.alovoice.uz');
	const target = requestUrl(options);
	if (!target || !isOnBaseUrl(target, baseUrl)) {
		if (hasPlaceholder(options)) {
			throw new Error(
				`The AloVoice token is sent only to the credential's Base URL (${baseUrl}); ${target ? `${target.host} is another host` : 'this URL is not an absolute http(s) URL on it'}, so ${TOKEN_PLACEHOLDER} was not filled in`,
			);
		}
		return options;
	}
	const filled = withUrl(options, (url) =>
		url.replace(PLACEHOLDER_PATTERN, encodeURIComponent(token)),
	);
	filled.headers = { ...(options.headers ?? {}), Authorization: `Bearer ${token}`, token };
	return filled;
}

/** Telediscount: `abonent_api_key=<key>` in the query string, on the Base URL only. */
export function telediscountAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	options: AnyRequestOptions,
): AnyRequestOptions {
	const baseUrl = String(credentials.baseUrl || 'https://my.telediscount.ru');
	const target = requestUrl(options);
	if (!target || !isOnBaseUrl(target, baseUrl)) return options;
	return {
		...options,
		qs: {
			...((options.qs as IDataObject | undefined) ?? {}),
			abonent_api_key: String(credentials.apiKey ?? ''),
		},
	};
}
