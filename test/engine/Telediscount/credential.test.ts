// The credential's "Test" button, the way n8n's CredentialsTester runs it: the credential type
// has no test request, so n8n looks for a node that names it with `testedBy` and calls that
// node's `methods.credentialTest` function with n8n-core's CredentialTestContext.
import type {
	ICredentialDataDecryptedObject,
	INodeCredentialTestResult,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { CredentialTestContext } from 'n8n-core';

import { TelediscountApi } from '../../../credentials/TelediscountApi.credentials';
import type { TelediscountVersion } from '../../../nodes/Telediscount/Telediscount.node';
import { Telediscount } from '../../../nodes/Telediscount/Telediscount.node';
import { capturedLogs } from '../../harness/engine';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../../server/telediscount';

/** n8n's CredentialsTester.getCredentialTestFunction + testCredentials, for this package's types. */
async function testCredential(
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const type = new TelediscountApi();
	if ('test' in type)
		throw new Error('a test request on the credential would win over the node function');
	// The version n8n gives a new node; both versions share the methods.
	const node = new Telediscount().getNodeType() as TelediscountVersion;
	const testedBy = node.description.credentials?.find(
		(credential) => credential.name === type.name,
	)?.testedBy;
	if (typeof testedBy !== 'string') throw new Error('no node tests this credential');
	const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
	const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	return await test.call(context, { id: '1', name: 'Telediscount account', type: type.name, data });
}

describe('Telediscount API credential test', () => {
	const server = new TelediscountServer();
	let baseUrl: string;
	beforeAll(async () => (baseUrl = await server.start()));
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('asks get_calls for one impossible call id with the key in the query string, and passes with the right key', async () => {
		const result = await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl: `${baseUrl}/` });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/api.php/telephony/get_calls',
		});
		expect(server.requests[0].query).toEqual({
			api_call_id: 'n8n-credential-test',
			abonent_api_key: TELEDISCOUNT_KEY,
		});
	});

	it.each([
		['an empty list', []],
		['false ("nothing found")', 'false'],
		['an empty body', ''],
		['{"error": null}', { error: null, calls: [] }],
		['{"error": 0}', { error: 0, data: [] }],
		['{"errors": []}', { errors: [], calls: [] }],
	])('passes when the history answers %s', async (_label, body) => {
		server.fail({ status: 200, body });
		expect(await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it.each([
		['{"error": …}', { error: 'Unknown abonent_api_key' }, 'Unknown abonent_api_key'],
		[
			'{"status": "error"}',
			{ status: 'error', message: 'key expired' },
			'status is error: key expired',
		],
		['{"success": false}', { success: false }, 'success is false'],
		['{"result": "error"}', { result: 'error' }, 'result is error'],
	])('fails on a 200 refusal %s, saying what Telediscount said', async (_label, body, reason) => {
		server.fail({ status: 200, body });
		expect(await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl })).toEqual({
			status: 'Error',
			message: `Telediscount refused the API key: ${reason}; copy it again from the "CRM integration" page of the Telediscount account`,
		});
	});

	it('fails with a wrong key (401), and neither the message nor the log holds the key the PBX echoed', async () => {
		const wrong = 'abonentWRONG0000ffffeeee';
		const logsFrom = capturedLogs.length;
		const result = await testCredential({ apiKey: wrong, baseUrl });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Telediscount refused the API key (401): copy it again from the "CRM integration" page of the Telediscount account',
		});
		expect(server.requests[0].query.abonent_api_key).toBe(wrong);
		expect(capturedLogs.slice(logsFrom).join('\n')).not.toContain(wrong);
	});

	it('a 200 refusal that quotes the key: the message shows *** instead', async () => {
		server.fail({ status: 200, body: { error: `abonent_api_key=${TELEDISCOUNT_KEY} is blocked` } });
		const result = await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Telediscount refused the API key: abonent_api_key=*** is blocked; copy it again from the "CRM integration" page of the Telediscount account',
		);
	});

	it.each([
		[
			'an HTML page (a Base URL that is a web site)',
			{ status: 200, body: '<html><body>Welcome</body></html>' },
			`Telediscount's history answered with something that is not a list of calls: check the Base URL (BASE)`,
		],
		[
			'404',
			{ status: 404, body: 'no' },
			'No Telediscount API at BASE (404): use https://my.telediscount.ru unless told otherwise',
		],
		[
			'500',
			{ status: 500, body: 'oops' },
			'Telediscount answered 500 to the test request: check the Base URL',
		],
		[
			'a redirect (not followed: the key stays on the Base URL)',
			{ status: 302, body: '', headers: { location: 'http://127.0.0.1:1/x' } },
			'Telediscount answered 302 to the test request: check the Base URL',
		],
	])('fails on %s', async (_label, failure, message) => {
		server.fail(failure);
		expect(await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl })).toEqual({
			status: 'Error',
			message: message.replace('BASE', baseUrl),
		});
		expect(server.requests).toHaveLength(1);
	});

	it('an empty key fails before any request; a server that is not there fails naming the Base URL', async () => {
		expect(await testCredential({ apiKey: ' ', baseUrl })).toEqual({
			status: 'Error',
			message:
				'API Key: empty; copy it again from the "CRM integration" page of the Telediscount account',
		});
		expect(server.requests).toHaveLength(0);
		expect(
			await testCredential({ apiKey: TELEDISCOUNT_KEY, baseUrl: 'http://127.0.0.1:1' }),
		).toEqual({
			status: 'Error',
			message:
				'Could not reach Telediscount at http://127.0.0.1:1 (ECONNREFUSED): check the Base URL',
		});
	});
});
