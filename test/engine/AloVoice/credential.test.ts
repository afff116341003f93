// The "AloVoice API" credential's Test button, sent the way n8n sends it (n8n-core's RoutingNode
// resolving the credential's expressions and applying its `authenticate`), with n8n's verdict.
import { createServer } from 'node:net';

import { AloVoiceApi } from '../../../credentials/AloVoiceApi.credentials';
import { capturedLogs } from '../../harness/engine';
import { testCredential } from '../../harness/editor';
import { ALOVOICE_TOKEN, AloVoiceServer } from '../../server/alovoice';

const REFUSED =
	"AloVoice refused the token: copy it again from your PBX's settings page in AloVoice (the Copy button)";

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

describe('AloVoice API credential: the Test button', () => {
	const server = new AloVoiceServer();
	const credential = new AloVoiceApi();
	let baseUrl: string;
	beforeAll(async () => (baseUrl = await server.start()));
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('lists the lines with the Bearer token (a trailing slash on the Base URL is fine) and passes', async () => {
		const result = await testCredential(credential, {
			token: ALOVOICE_TOKEN,
			baseUrl: `${baseUrl}/`,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/mapi/getMyTrunks' });
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${ALOVOICE_TOKEN}`);
	});

	it('a refused token (401) says so in words, without the token', async () => {
		const logsBefore = capturedLogs.length;
		const result = await testCredential(credential, { token: 'wrong-token-4321', baseUrl });
		expect(result).toEqual({ status: 'Error', message: REFUSED });
		expect(server.requests[0].headers.authorization).toBe('Bearer wrong-token-4321');
		expect(capturedLogs.slice(logsBefore).join('\n')).not.toContain('wrong-token-4321');
	});

	it('a 403 answer is the same refused token', async () => {
		server.fail({ status: 403, times: 1 });
		expect(await testCredential(credential, { token: ALOVOICE_TOKEN, baseUrl })).toEqual({
			status: 'Error',
			message: REFUSED,
		});
	});

	it('a Base URL that is not the AloVoice API (404) is named as the problem', async () => {
		const result = await testCredential(credential, {
			token: ALOVOICE_TOKEN,
			baseUrl: `${baseUrl}/not-alovoice`,
		});
		expect(server.requests[0].path).toBe('/not-alovoice/mapi/getMyTrunks');
		expect(result).toEqual({
			status: 'Error',
			message:
				'No AloVoice API at this Base URL: use https://cld.alovoice.uz unless your PBX has its own address',
		});
	});

	it('any other failure shows n8n’s default: the status text', async () => {
		server.fail({ status: 500, times: 1 });
		expect(await testCredential(credential, { token: ALOVOICE_TOKEN, baseUrl })).toEqual({
			status: 'Error',
			message: 'Internal Server Error',
		});
	});

	it('nothing listening at the Base URL: the connection error', async () => {
		const port = await closedPort();
		expect(
			await testCredential(credential, {
				token: ALOVOICE_TOKEN,
				baseUrl: `http://127.0.0.1:${port}`,
			}),
		).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});
});
