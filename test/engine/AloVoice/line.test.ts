import { ALOVOICE_TOKEN, AloVoiceServer } from '../../server/alovoice';
import { capturedLogs, plainItems, runWorkflow } from '../../harness/engine';

describe('AloVoice → Line → Get Many', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;

	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('sends GET /mapi/getMyTrunks with the Bearer token and outputs one item per line', async () => {
		const result = await runWorkflow([{ parameters: { resource: 'line', operation: 'getMany' } }], {
			credentials,
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/mapi/getMyTrunks',
			headers: expect.objectContaining({ authorization: `Bearer ${ALOVOICE_TOKEN}` }),
		});
		expect(plainItems(result.output('AloVoice'))).toEqual([
			{ json: { line: '551234567' }, pairedItem: { item: 0 } },
			{ json: { line: '712345678' }, pairedItem: { item: 0 } },
		]);
	});

	it('honours the limit', async () => {
		const result = await runWorkflow(
			[{ parameters: { resource: 'line', operation: 'getMany', returnAll: false, limit: 1 } }],
			{ credentials },
		);
		expect(result.output('AloVoice').map((item) => item.json)).toEqual([{ line: '551234567' }]);
	});

	it('turns a refused token into a NodeApiError that does not contain the token', async () => {
		const wrong = {
			aloVoiceApi: { token: 'wrong-token-1234', baseUrl: credentials.aloVoiceApi.baseUrl },
		};
		const result = await runWorkflow([{ parameters: { resource: 'line', operation: 'getMany' } }], {
			credentials: wrong,
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'AloVoice answered 401 while listing the lines: the token was refused (check the credential)',
		);
		expect(result.serialized).not.toContain('wrong-token-1234');
		expect(capturedLogs.join('\n')).not.toContain('wrong-token-1234');
	});
});
