// "Custom API Call" in a real n8n: n8n offers it on both action nodes (it injects the entry
// because the credentials have `authenticate`), and choosing it gives n8n's HTTP Request node
// with the credential as its predefined type — run here exactly so, against the stand-ins.
// The token and key reach the credential's Base URL (the token-in-path endpoints included)
// and no other host: a third server on another port, and the stand-in itself under another
// host name (localhost for 127.0.0.1), see no secret.
import { randomUUID } from 'node:crypto';

import { ALOVOICE_TOKEN } from '../server/alovoice';
import { StubServer, type RecordedRequest } from '../server/core';
import { TELEDISCOUNT_KEY } from '../server/telediscount';
import { CREDENTIAL, TELEDISCOUNT_CREDENTIAL } from '../../scripts/lib/n8n';
import {
	executionRunData,
	listExecutions,
	startStack,
	waitFor,
	type Stack,
	type Workflow,
} from './stack';

const HTTP_NODE = 'Custom API Call';

/** Webhook → HTTP Request (predefined credential type), the URL and method from the request body. */
function customCallWorkflow(
	id: string,
	credentialType: 'aloVoiceApi' | 'telediscountApi',
): Workflow {
	return {
		id,
		name: `e2e custom API call ${credentialType}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: `e2e-custom-${credentialType}`,
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: HTTP_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: '={{ $json.body.method }}',
					url: '={{ $json.body.url }}',
					authentication: 'predefinedCredentialType',
					nodeCredentialType: credentialType,
					options: { response: { response: { fullResponse: true, neverError: true } } },
				},
				credentials: {
					[credentialType]: credentialType === 'aloVoiceApi' ? CREDENTIAL : TELEDISCOUNT_CREDENTIAL,
				},
			},
		],
		connections: { Webhook: { main: [[{ node: HTTP_NODE, type: 'main', index: 0 }]] } },
	};
}

const ALOVOICE_WORKFLOW = 'e2eCustomAloVoice1';
const TELEDISCOUNT_WORKFLOW = 'e2eCustomTelediscnt';

let stack: Stack;
/** Another host: everything it receives is kept, and it answers every request. */
const elsewhere = new StubServer([
	{ method: 'GET', path: /.*/, handle: () => ({ body: { elsewhere: true } }) },
	{ method: 'POST', path: /.*/, handle: () => ({ body: { elsewhere: true } }) },
]);

beforeAll(
	async () => {
		await elsewhere.start();
		stack = await startStack([
			customCallWorkflow(ALOVOICE_WORKFLOW, 'aloVoiceApi'),
			customCallWorkflow(TELEDISCOUNT_WORKFLOW, 'telediscountApi'),
		]);
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
	await elsewhere.stop();
}, 60 * 1000);

type Answer = { statusCode: number; body: unknown; headers: Record<string, string> };

async function call(
	credentialType: 'aloVoiceApi' | 'telediscountApi',
	url: string,
	method = 'GET',
) {
	const answer = await fetch(`${stack.n8n.baseUrl}/webhook/e2e-custom-${credentialType}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url, method }),
	});
	return { status: answer.status, body: (await answer.json()) as Answer & { message?: string } };
}

const carries = (request: RecordedRequest, secret: string) =>
	JSON.stringify([
		request.path,
		request.query,
		request.headers,
		request.rawBody.toString('latin1'),
	]).includes(secret);

describe('Custom API Call in a real n8n', () => {
	test('n8n offers "Custom API Call" as a resource of both action nodes (the node types the editor loads)', async () => {
		const answer = await stack.n8n.getAsOwner('/types/nodes.json');
		expect(answer.status).toBe(200);
		const types = (await answer.json()) as Array<{
			name: string;
			properties: Array<{ name: string; options?: Array<{ value: string }> }>;
		}>;
		for (const name of ['n8n-nodes-alovoice.aloVoice', 'n8n-nodes-alovoice.telediscount']) {
			const description = types.find((type) => type.name === name);
			expect(description).toBeDefined();
			const resource = description!.properties.find((property) => property.name === 'resource');
			expect([name, resource?.options?.map((option) => option.value)]).toEqual([
				name,
				expect.arrayContaining(['__CUSTOM_API_CALL__']),
			]);
		}
	});

	test('AloVoice, a Bearer endpoint: /mapi/getMyTrunks answers the lines', async () => {
		const { standIn } = stack;
		standIn.reset();
		const { status, body } = await call('aloVoiceApi', `${standIn.url}/mapi/getMyTrunks`);
		expect(status).toBe(200);
		expect([body.statusCode, body.body]).toEqual([200, ['551234567', '712345678']]);
		expect(standIn.requests.map((request) => request.headers.authorization)).toEqual([
			`Bearer ${ALOVOICE_TOKEN}`,
		]);
	});

	test('AloVoice, a token-in-path endpoint: /getpeers/{token} with its token header answers the extensions', async () => {
		const { standIn } = stack;
		standIn.reset();
		const { body } = await call('aloVoiceApi', `${standIn.url}/getpeers/{token}`);
		expect(body.statusCode).toBe(200);
		expect(Array.isArray(body.body) && (body.body as unknown[]).length).toBeGreaterThan(0);
		expect(standIn.requests.map((request) => [request.path, request.headers.token])).toEqual([
			[`/getpeers/${ALOVOICE_TOKEN}`, ALOVOICE_TOKEN],
		]);
	});

	test('Telediscount: get_calls gets abonent_api_key in the query', async () => {
		const { telediscount } = stack;
		telediscount.reset();
		const { body } = await call(
			'telediscountApi',
			`${telediscount.url}/api.php/telephony/get_calls?api_call_id=none`,
		);
		expect(body.statusCode).toBe(200);
		expect(telediscount.requests.map((request) => request.query)).toEqual([
			{ api_call_id: 'none', abonent_api_key: TELEDISCOUNT_KEY },
		]);
	});

	test('another host gets neither the token nor the key, by GET or POST', async () => {
		elsewhere.requests.length = 0;
		for (const method of ['GET', 'POST']) {
			const alo = await call('aloVoiceApi', `${elsewhere.url}/mapi/getMyTrunks`, method);
			expect([alo.body.statusCode, alo.body.body]).toEqual([200, { elsewhere: true }]);
			const tele = await call(
				'telediscountApi',
				`${elsewhere.url}/api.php/telephony/get_calls`,
				method,
			);
			expect([tele.body.statusCode, tele.body.body]).toEqual([200, { elsewhere: true }]);
		}
		expect(elsewhere.requests).toHaveLength(4);
		for (const request of elsewhere.requests) {
			expect([
				request.method,
				request.path,
				carries(request, ALOVOICE_TOKEN),
				carries(request, TELEDISCOUNT_KEY),
			]).toEqual([request.method, request.path, false, false]);
			expect(request.headers.authorization).toBeUndefined();
			expect(request.query.abonent_api_key).toBeUndefined();
		}
	});

	test('the stand-in itself under another host name (localhost, not 127.0.0.1) gets no token: it refuses the request', async () => {
		const { standIn, telediscount } = stack;
		standIn.reset();
		telediscount.reset();
		const alo = await call(
			'aloVoiceApi',
			`${standIn.url.replace('127.0.0.1', 'localhost')}/mapi/getMyTrunks`,
		);
		expect(alo.body.statusCode).toBe(401);
		const tele = await call(
			'telediscountApi',
			`${telediscount.url.replace('127.0.0.1', 'localhost')}/api.php/telephony/get_calls`,
		);
		expect(tele.body.statusCode).toBe(401);
		for (const request of [...standIn.requests, ...telediscount.requests]) {
			expect([carries(request, ALOVOICE_TOKEN), carries(request, TELEDISCOUNT_KEY)]).toEqual([
				false,
				false,
			]);
		}
		expect(standIn.requests.length + telediscount.requests.length).toBe(2);
	});

	test('{token} in a URL on another host: no request, and an error that says why without the token', async () => {
		elsewhere.requests.length = 0;
		const before = (await listExecutions(stack.n8n, ALOVOICE_WORKFLOW)).length;
		await call('aloVoiceApi', `${elsewhere.url}/getpeers/{token}`);
		expect(elsewhere.requests).toEqual([]);
		let executions = await listExecutions(stack.n8n, ALOVOICE_WORKFLOW);
		await waitFor(
			async () => (executions = await listExecutions(stack.n8n, ALOVOICE_WORKFLOW)).length > before,
			10_000,
			'the execution',
		);
		const { status, runData } = await executionRunData(stack.n8n, executions[0].id);
		expect(status).toBe('error');
		const error = JSON.stringify(runData[HTTP_NODE][0].error);
		expect(error).toContain("The AloVoice token is sent only to the credential's Base URL");
		expect(error).not.toContain(ALOVOICE_TOKEN);
	});

	test("neither secret is in the executions' data or n8n's log after all these calls", () => {
		for (const secret of [ALOVOICE_TOKEN, TELEDISCOUNT_KEY]) {
			const leaks = stack.n8n.sql(
				'SELECT executionId FROM execution_data WHERE instr(data, ?) > 0 OR instr(workflowData, ?) > 0',
				[secret, secret],
			);
			expect([secret.slice(0, 4), leaks]).toEqual([secret.slice(0, 4), []]);
			expect(stack.n8n.log().includes(secret)).toBe(false);
		}
	});
});
