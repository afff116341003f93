// The credentials' `authenticate` (what "Custom API Call" and the credential Test send): the
// secret goes to the credential's own Base URL and nowhere else. Both request shapes n8n hands
// over are covered: httpRequest's url + baseURL (the Test) and the legacy request's uri (n8n's
// HTTP Request node). The same requests sent for real, in a real n8n: test/e2e/customApiCall.test.ts.
import { AloVoiceApi } from '../../../credentials/AloVoiceApi.credentials';
import { TelediscountApi } from '../../../credentials/TelediscountApi.credentials';
import {
	aloVoiceAuthenticate,
	isOnBaseUrl,
	requestUrl,
	telediscountAuthenticate,
	type AnyRequestOptions,
} from '../../../nodes/shared/credentialAuth';

const TOKEN = 'a1b2c3d4-secret-token';
const KEY = 'abonent1609secretkey';
const alo = { token: TOKEN, baseUrl: 'https://cld.alovoice.uz' };
const tele = { apiKey: KEY, baseUrl: 'https://my.telediscount.ru' };
const uri = (value: string, extra: Partial<AnyRequestOptions> = {}) =>
	({ uri: value, url: '', method: 'GET', ...extra }) as AnyRequestOptions;

describe('requestUrl', () => {
	it('reads uri, an absolute url, or url joined to baseURL as axios joins them', () => {
		expect(requestUrl(uri('https://cld.alovoice.uz/mapi/getMyTrunks'))?.href).toBe(
			'https://cld.alovoice.uz/mapi/getMyTrunks',
		);
		expect(requestUrl({ url: 'http://a.test/x' } as AnyRequestOptions)?.href).toBe(
			'http://a.test/x',
		);
		expect(
			requestUrl({ baseURL: 'https://b.test/api/', url: '/v1' } as AnyRequestOptions)?.href,
		).toBe('https://b.test/api/v1');
	});

	it('gives nothing for a relative url without baseURL, a non-http scheme or nonsense', () => {
		expect(requestUrl({ url: '/mapi/getMyTrunks' } as AnyRequestOptions)).toBeUndefined();
		expect(requestUrl(uri('file:///etc/passwd'))).toBeUndefined();
		expect(requestUrl(uri('ftp://cld.alovoice.uz/x'))).toBeUndefined();
		expect(requestUrl(uri('http://'))).toBeUndefined();
		expect(requestUrl({} as AnyRequestOptions)).toBeUndefined();
	});
});

describe('isOnBaseUrl', () => {
	const on = (url: string, base = 'https://cld.alovoice.uz') => isOnBaseUrl(new URL(url), base);

	it('accepts the Base URL host, with or without a path, any case of host, default port spelled out', () => {
		expect(on('https://cld.alovoice.uz')).toBe(true);
		expect(on('https://cld.alovoice.uz/getpeers/x')).toBe(true);
		expect(on('https://CLD.alovoice.uz/x')).toBe(true);
		expect(on('https://cld.alovoice.uz:443/x')).toBe(true);
		expect(on('http://127.0.0.1:8080/pbx/mapi/x', 'http://127.0.0.1:8080/pbx/')).toBe(true);
		expect(on('http://127.0.0.1:8080/pbx', 'http://127.0.0.1:8080/pbx')).toBe(true);
	});

	it('refuses look-alike hosts, user-info tricks, another scheme or port, and paths outside the Base path', () => {
		expect(on('https://cld.alovoice.uz.evil.test/x')).toBe(false);
		expect(on('https://evil.test/cld.alovoice.uz')).toBe(false);
		expect(on('https://cld.alovoice.uz@evil.test/x')).toBe(false);
		expect(on('https://user:pw@cld.alovoice.uz/x')).toBe(false);
		expect(on('https://alovoice.uz/x')).toBe(false);
		expect(on('https://x.cld.alovoice.uz/x')).toBe(false);
		expect(on('http://cld.alovoice.uz/x')).toBe(false);
		expect(on('https://cld.alovoice.uz:8443/x')).toBe(false);
		expect(on('http://127.0.0.1:8080/pbx2/x', 'http://127.0.0.1:8080/pbx')).toBe(false);
		expect(on('http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/pbx')).toBe(false);
		expect(on('https://cld.alovoice.uz/x', 'not a url')).toBe(false);
	});
});

describe('AloVoice credential authenticate', () => {
	it('on the Base URL: Bearer and token headers, {token} in the path filled in (encoded)', () => {
		const out = aloVoiceAuthenticate(
			alo,
			uri('https://cld.alovoice.uz/getpeers/{token}', { headers: { accept: 'x' } }),
		);
		expect(out.uri).toBe(`https://cld.alovoice.uz/getpeers/${TOKEN}`);
		expect(out.headers).toEqual({ accept: 'x', Authorization: `Bearer ${TOKEN}`, token: TOKEN });
		const odd = aloVoiceAuthenticate(
			{ ...alo, token: 'a/b c' },
			uri('https://cld.alovoice.uz/outcall/%7Btoken%7D'),
		);
		expect(odd.uri).toBe('https://cld.alovoice.uz/outcall/a%2Fb%20c');
	});

	it('the Test request (url + baseURL from the credential) gets the Bearer header', () => {
		const out = aloVoiceAuthenticate(alo, {
			baseURL: 'https://cld.alovoice.uz',
			url: '/mapi/getMyTrunks',
			method: 'GET',
		});
		expect(out.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
		expect(out.url).toBe('/mapi/getMyTrunks');
	});

	it('another host gets no token: no header, nothing in the URL, the options as they were', () => {
		for (const target of [
			'https://evil.test/mapi/getMyTrunks',
			'https://cld.alovoice.uz.evil.test/x',
			'http://cld.alovoice.uz/x',
		]) {
			const options = uri(target, { headers: { accept: 'x' } });
			const out = aloVoiceAuthenticate(alo, options);
			expect(out).toEqual(uri(target, { headers: { accept: 'x' } }));
			expect(JSON.stringify(out)).not.toContain(TOKEN);
		}
	});

	it('a {token} in a URL on another host is an error that names the hosts, not the token', () => {
		expect(() => aloVoiceAuthenticate(alo, uri('https://evil.test/getpeers/{token}'))).toThrow(
			/sent only to the credential's Base URL \(https:\/\/cld\.alovoice\.uz\); evil\.test is another host/,
		);
		try {
			aloVoiceAuthenticate(alo, uri('https://evil.test/getpeers/{token}'));
		} catch (error) {
			expect((error as Error).message).not.toContain(TOKEN);
		}
	});

	it('is what the credential class uses', async () => {
		const credential = new AloVoiceApi();
		expect(typeof credential.authenticate).toBe('function');
		const out = await (
			credential.authenticate as (c: object, o: AnyRequestOptions) => Promise<AnyRequestOptions>
		)(alo, uri('https://evil.test/x'));
		expect(JSON.stringify(out)).not.toContain(TOKEN);
	});
});

describe("what n8n's loader sees", () => {
	// n8n 2.40.7 load-nodes-and-credentials.js postProcessLoaders: types.credentials are
	// `{...credential}` copies, and injectCustomApiCallOptions offers "Custom API Call" on a node
	// only when such a copy has `authenticate`. A method would be lost in the copy.
	it.each([
		['AloVoice API', new AloVoiceApi()],
		['Telediscount API', new TelediscountApi()],
	])('%s: authenticate is an own property, kept by a {...credential} copy', (_name, credential) => {
		expect(typeof { ...credential }.authenticate).toBe('function');
	});

	it('the check fails for a method-defined authenticate', () => {
		class WithMethod {
			name = 'x';
			async authenticate() {
				return {};
			}
		}
		expect(({ ...new WithMethod() } as { authenticate?: unknown }).authenticate).toBeUndefined();
	});
});

describe('Telediscount credential authenticate', () => {
	it('on the Base URL: the key in the query string, beside the query the request has', () => {
		const out = telediscountAuthenticate(
			tele,
			uri('https://my.telediscount.ru/api.php/telephony/get_calls', { qs: { num_a: '7903' } }),
		);
		expect(out.qs).toEqual({ num_a: '7903', abonent_api_key: KEY });
	});

	it('another host gets no key', () => {
		for (const target of [
			'https://evil.test/api.php',
			'https://my.telediscount.ru.evil.test/',
			'http://my.telediscount.ru/api.php',
		]) {
			const out = telediscountAuthenticate(tele, uri(target, { qs: { a: '1' } }));
			expect(out.qs).toEqual({ a: '1' });
			expect(JSON.stringify(out)).not.toContain(KEY);
		}
	});

	it('is what the credential class uses', async () => {
		const credential = new TelediscountApi();
		const out = await (
			credential.authenticate as (c: object, o: AnyRequestOptions) => Promise<AnyRequestOptions>
		)(tele, uri('https://my.telediscount.ru/x'));
		expect(out.qs).toEqual({ abonent_api_key: KEY });
	});
});
