import { ALOVOICE_TOKEN, AloVoiceServer } from '../../server/alovoice';
import { plainItems, runWorkflow } from '../../harness/engine';

const dilnoza = {
	id: 1,
	number: '2000',
	username: 'Dilnoza',
	paystatus: true,
	status: 'on',
	block: false,
	dnd: false,
	isws: false,
	lastip: '10.0.0.1',
	isdef: true,
	extnumber: '',
	rule: 'all',
	trunk_id: 253,
	amoid: null,
	bxid: null,
	windowsapp: 0,
	mobileqr: '',
	payto: '2026-12-31',
};
const aziz = {
	...dilnoza,
	id: 2,
	number: '2424',
	username: 'Aziz',
	status: 'off',
	lastip: '10.0.0.2',
	isdef: false,
};

describe('AloVoice → Extension → Get Many', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	const run = (
		parameters: Record<string, unknown>,
		continueOnFail = false,
		input?: Array<{ json: object }>,
	) =>
		runWorkflow(
			[
				{
					parameters: { resource: 'extension', operation: 'getMany', ...parameters } as never,
					continueOnFail,
				},
			],
			{
				credentials,
				input: input as never,
			},
		);

	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('GETs /getpeers/{token} with the token header and outputs one clean item per extension, without SIP secrets', async () => {
		const result = await run({});
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/getpeers/${ALOVOICE_TOKEN}`,
		});
		expect(server.requests[0].headers.token).toBe(ALOVOICE_TOKEN);
		expect(server.requests[0].headers.authorization).toBeUndefined();
		expect(plainItems(result.output('AloVoice'))).toEqual([
			{ json: dilnoza, pairedItem: { item: 0 } },
			{ json: aziz, pairedItem: { item: 0 } },
		]);
		expect(result.serialized).not.toContain('sip-secret-');
	});

	it('outputs the SIP secrets only when "Include SIP Secrets" is on', async () => {
		const result = await run({ options: { includeSecrets: true } });
		expect(result.output('AloVoice').map((item) => item.json)).toEqual([
			{ ...dilnoza, secret: 'sip-secret-2000' },
			{ ...aziz, secret: 'sip-secret-2424' },
		]);
	});

	it('filters by status and honours the limit', async () => {
		const off = await run({ filters: { status: 'OFF' } });
		expect(off.output('AloVoice').map((item) => item.json)).toEqual([aziz]);
		const limited = await run({ returnAll: false, limit: 1 });
		expect(limited.output('AloVoice').map((item) => item.json)).toEqual([dilnoza]);
	});

	it('keeps values that are not clearly numbers or flags as they came', async () => {
		server.state.peers = [
			{
				...server.state.peers[0],
				id: 'x7' as never,
				block: 'maybe' as never,
				trunk_id: '254' as never,
			},
		];
		const result = await run({});
		expect(result.output('AloVoice')[0].json).toEqual({
			...dilnoza,
			id: 'x7',
			block: 'maybe',
			trunk_id: 254,
		});
		server.state.peers = (await import('../../server/alovoice')).defaultPeers();
	});

	it('an answer that is not a list is a NodeApiError; with Continue On Fail an error item per input item', async () => {
		server.fail({ status: 200, body: { error: 'oops' }, times: 1 });
		const result = await run({}, true, [{ json: {} }, { json: {} }]);
		expect(plainItems(result.output('AloVoice'))).toEqual([
			{
				json: {
					error: 'AloVoice answered the list of extensions with something that is not a list',
					description: 'The PBX answered: {"error":"oops"}',
				},
				pairedItem: { item: 0 },
			},
			{ json: dilnoza, pairedItem: { item: 1 } },
			{ json: aziz, pairedItem: { item: 1 } },
		]);
	});
});
