// The credential's "Test" button: n8n resolves the test request's expressions against the
// credential, adds what `authenticate` says (the key in the query string), and calls it.
import type { IDataObject } from 'n8n-workflow';

import { TelediscountApi } from '../../credentials/TelediscountApi.credentials';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../server/telediscount';

/** `={{ expression }}` resolved the way n8n resolves a credential's templates, for these simple ones. */
function resolve(template: unknown, credentials: IDataObject): string {
	const text = String(template);
	if (!text.startsWith('=')) return text;
	return text
		.slice(1)
		.replace(/\{\{([\s\S]+?)\}\}/g, (_match, expression: string) =>
			String(new Function('$credentials', `return (${expression});`)(credentials)),
		);
}

async function testCredential(credentials: IDataObject) {
	const type = new TelediscountApi();
	const { request } = type.test;
	const url = new URL(`${resolve(request.baseURL, credentials)}${request.url}`);
	const query = { ...(request.qs ?? {}), ...(type.authenticate.properties.qs ?? {}) };
	for (const [name, value] of Object.entries(query)) url.searchParams.append(name, resolve(value, credentials));
	const response = await fetch(url, { method: request.method });
	return { status: response.status, body: await response.text() };
}

describe('Telediscount API credential test', () => {
	const server = new TelediscountServer();
	let baseUrl: string;
	beforeAll(async () => (baseUrl = await server.start()));
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('asks get_calls for one impossible call id with the key in the query string, and passes with the right key', async () => {
		const answer = await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl: `${baseUrl}/` });
		expect(answer).toEqual({ status: 200, body: '[]' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api.php/telephony/get_calls' });
		expect(server.requests[0].query).toEqual({ api_call_id: 'n8n-credential-test', abonent_api_key: TELEDISCOUNT_KEY });
	});

	it('fails with a wrong key (n8n shows a non-2xx answer as a failed test)', async () => {
		const answer = await testCredential({ apiKey: 'abonentWRONG', baseUrl });
		expect(answer.status).toBe(401);
	});
});
