// AloVoice node version 2 (README, "AloVoice node versions"): the defaults a first run needs,
// run through n8n-core against the stand-in PBX, beside version 1, which stays as it was.
import type { INodeProperties } from 'n8n-workflow';

import { AloVoice } from '../../../nodes/AloVoice/AloVoice.node';
import type { Peer } from '../../server/alovoice';
import { ALOVOICE_TOKEN, AloVoiceServer, defaultPeers, fakeAudio } from '../../server/alovoice';
import { runWorkflow } from '../../harness/engine';

const MP3 = fakeAudio('campaign message');
const node = new AloVoice();
const propertiesOf = (version: number) => node.getNodeType(version).description.properties;
const find = (version: number, name: string, operation: string) =>
	propertiesOf(version).find(
		(property) =>
			property.name === name && property.displayOptions?.show?.operation?.includes(operation),
	) as INodeProperties;

describe('AloVoice node versions', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	const run = (typeVersion: number, parameters: Record<string, unknown>, input?: never) =>
		runWorkflow([{ typeVersion, parameters: parameters as never }], {
			credentials,
			...(input ? { input } : {}),
		});

	it('new nodes get version 2; version 1 is still offered for saved workflows', () => {
		expect(node.description.defaultVersion).toBe(2);
		expect(Object.keys(node.nodeVersions)).toEqual(['1', '2']);
		expect(node.getNodeType(1).description.version).toBe(1);
		expect(node.getNodeType(2).description.version).toBe(2);
	});

	it('version 1 keeps its parameters: Wait for Result an option, off; the dates typed text', () => {
		const options = find(1, 'options', 'getResult').options as INodeProperties[];
		expect(options.find((option) => option.name === 'waitForResult')).toMatchObject({
			type: 'boolean',
			default: false,
		});
		expect(find(1, 'waitForResult', 'getResult')).toBeUndefined();
		expect(find(1, 'fromDate', 'create')).toMatchObject({ type: 'string', default: '' });
		expect(find(1, 'toDate', 'create')).toMatchObject({ type: 'string', default: '' });
	});

	it('version 2: Wait for Result on the panel, on; the dates are n8n date pickers', () => {
		expect(find(2, 'waitForResult', 'getResult')).toMatchObject({ type: 'boolean', default: true });
		const options = find(2, 'options', 'getResult').options as INodeProperties[];
		expect(options.map((option) => option.name)).not.toContain('waitForResult');
		expect(find(2, 'fromDate', 'create')).toMatchObject({ type: 'dateTime', required: true });
		expect(find(2, 'toDate', 'create')).toMatchObject({ type: 'dateTime', required: true });
	});

	it('only those parameters differ between the versions', () => {
		const names = (version: number) =>
			propertiesOf(version).map((property) => `${property.name}/${property.type}`);
		const v1 = names(1);
		const v2 = names(2);
		expect(v2.filter((name) => !v1.includes(name))).toEqual([
			'fromDate/dateTime',
			'toDate/dateTime',
			'waitForResult/boolean',
		]);
		expect(v1.filter((name) => !v2.includes(name))).toEqual(['fromDate/string', 'toDate/string']);
	});

	describe('Speech Analysis → Get Result', () => {
		it('version 2 left at its defaults waits until the result is ready', async () => {
			server.state.analyses.set('1001', { pollsLeft: 1 });
			// Poll Interval is the one option given, to keep the test short (default 5 s).
			const result = await run(2, {
				resource: 'speechAnalytics',
				operation: 'getResult',
				callId: '1001',
				options: { pollInterval: 0.1 },
			});
			expect(result.error).toBeUndefined();
			expect(server.requests.map((request) => request.path)).toEqual([
				`/callgetaireresult/${ALOVOICE_TOKEN}/1001`,
				`/callgetaireresult/${ALOVOICE_TOKEN}/1001`,
			]);
			expect(result.output('AloVoice')[0].json).toMatchObject({
				callId: '1001',
				ready: true,
				attempts: 2,
			});
		});

		it('version 2 with Wait for Result off answers at once', async () => {
			server.state.analyses.set('1001', { pollsLeft: 1 });
			const result = await run(2, {
				resource: 'speechAnalytics',
				operation: 'getResult',
				callId: '1001',
				waitForResult: false,
			});
			expect(server.requests).toHaveLength(1);
			const json = result.output('AloVoice')[0].json;
			expect(json.ready).toBe(false);
			expect(json).not.toHaveProperty('attempts');
		});

		it('version 1 left at its defaults answers at once, as saved workflows expect', async () => {
			server.state.analyses.set('1001', { pollsLeft: 1 });
			const result = await run(1, {
				resource: 'speechAnalytics',
				operation: 'getResult',
				callId: '1001',
				// A stray top-level value (not a version 1 parameter) changes nothing.
				waitForResult: true,
			});
			expect(server.requests).toHaveLength(1);
			expect(result.output('AloVoice')[0].json).toMatchObject({ ready: false });
		});
	});

	describe('Campaign → Create dates (version 2 date pickers)', () => {
		const input = () =>
			[
				{
					json: { phone: '994412860' },
					binary: {
						data: {
							data: MP3.toString('base64'),
							mimeType: 'audio/mpeg',
							fileName: 'reminder.mp3',
							fileExtension: 'mp3',
						},
					},
				},
			] as never;
		const create = (typeVersion: number, fromDate: unknown, toDate: unknown) =>
			run(
				typeVersion,
				{
					resource: 'campaign',
					operation: 'create',
					name: 'December reminder',
					fromDate,
					toDate,
					trunks: ['551234567'],
				},
				input(),
			);

		it.each([
			['the date picker', '2026-12-01T00:00:00', '2026-12-31T00:00:00'],
			['typed YYYY.MM.DD', '2026.12.01', '2026.12.31'],
			['YYYY-MM-DD', '2026-12-01', '2026-12-31'],
			['ISO with a zone', '2026-12-01T00:00:00.000+05:00', '2026-12-31T23:59:59Z'],
			[
				'a Luxon DateTime from an expression',
				"={{ DateTime.fromISO('2026-12-01T09:30:00', { zone: 'Asia/Tashkent' }) }}",
				"={{ DateTime.fromISO('2026-12-31T00:00:00', { zone: 'Asia/Tashkent' }) }}",
			],
			[
				'an expression giving text',
				"={{ '2026.12.' + '01' }}",
				"={{ $json.phone ? '2026-12-31T00:00:00' : '' }}",
			],
		])('sends 2026.12.01 and 2026.12.31 from %s', async (_name, fromDate, toDate) => {
			const result = await create(2, fromDate, toDate);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/mapi/addAutorule' });
			expect(server.requests[0].fields).toMatchObject({ from: '2026.12.01', to: '2026.12.31' });
		});

		it('version 1 still takes the typed text of saved workflows', async () => {
			const result = await create(1, '2026.12.01', '2026-12-31');
			expect(result.error).toBeUndefined();
			expect(server.requests[0].fields).toMatchObject({ from: '2026.12.01', to: '2026.12.31' });
		});

		it.each([
			['From Date', '2026/12/01', '2026-12-31T00:00:00', '2026/12/01'],
			['From Date', '2026-02-30T00:00:00', '2026-12-31T00:00:00', '2026-02-30T00:00:00'],
			['To Date', '2026-12-01T00:00:00', '31.12.2026', '31.12.2026'],
			['To Date', '2026-12-01T00:00:00', '2026.12-31', '2026.12-31'],
			['To Date', '2026-12-01T00:00:00', 'tomorrow', 'tomorrow'],
		])(
			'refuses a bad %s before any request, naming the field and the form',
			async (field, fromDate, toDate, shown) => {
				const result = await create(2, fromDate, toDate);
				expect(server.requests).toHaveLength(0);
				expect(result.error?.message).toBe(
					`${field}: "${shown}" is not a date. Use YYYY.MM.DD (2026.12.01); 2026-12-01 and ISO date-times are converted.`,
				);
			},
		);

		it('refuses a window that ends before it starts, before any request', async () => {
			const result = await create(2, '2026-12-31T00:00:00', '2026-12-01T00:00:00');
			expect(server.requests).toHaveLength(0);
			expect(result.error?.message).toBe(
				'To Date: 2026.12.01 is before From Date 2026.12.31. The window must end on or after its first day.',
			);
		});
	});

	describe('Extension → Get Many readable fields', () => {
		const withFlags = (fields: Partial<Record<keyof Peer, unknown>>): Peer[] => [
			{ ...defaultPeers()[0], ...fields } as Peer,
		];
		const getMany = async (typeVersion: number) => {
			const result = await run(typeVersion, { resource: 'extension', operation: 'getMany' });
			expect(result.error).toBeUndefined();
			return result.output('AloVoice')[0].json;
		};

		it("version 2 adds them beside the raw fields, read from the API page's example", async () => {
			// The example answer of the API page: paystatus "free", isws false, isdef null, amoid/bxid false.
			server.state.peers = withFlags({
				paystatus: 'free',
				isws: false,
				isdef: null,
				amoid: false,
				bxid: false,
			});
			const json = await getMany(2);
			expect(json).toMatchObject({
				paystatus: 'free',
				isws: false,
				isdef: null,
				amoid: false,
				bxid: false,
				paid: false,
				webPhone: false,
				isDefault: false,
				amoCrmUserId: null,
				bitrix24UserId: null,
			});
		});

		it('version 1 outputs the raw fields only, as saved workflows know them', async () => {
			server.state.peers = withFlags({ paystatus: 'free', isws: 1 });
			const json = await getMany(1);
			expect(json).toMatchObject({ paystatus: 'free', isws: true });
			for (const key of ['paid', 'webPhone', 'isDefault', 'amoCrmUserId', 'bitrix24UserId'])
				expect(json).not.toHaveProperty(key);
		});

		it.each([
			['"1"', '1', true],
			['1', 1, true],
			['true', true, true],
			['"true"', 'true', true],
			['"0"', '0', false],
			['0', 0, false],
			['false', false, false],
			['"false"', 'false', false],
			['null', null, false],
			['"" (empty)', '', false],
			['"maybe" (unknown)', 'maybe', null],
		])('flags isws / isdef as %s', async (_name, value, expected) => {
			server.state.peers = withFlags({ isws: value, isdef: value });
			const json = await getMany(2);
			expect([json.webPhone, json.isDefault]).toEqual([expected, expected]);
		});

		it('flags missing isws / isdef as not set', async () => {
			const peer = { ...defaultPeers()[0] } as Partial<Peer>;
			delete peer.isws;
			delete peer.isdef;
			delete peer.paystatus;
			delete peer.amoid;
			delete peer.bxid;
			server.state.peers = [peer as Peer];
			const json = await getMany(2);
			expect(json).toMatchObject({
				webPhone: false,
				isDefault: false,
				paid: null,
				amoCrmUserId: null,
				bitrix24UserId: null,
			});
		});

		it.each([
			['"paid"', 'paid', true],
			['"Free"', 'Free', false],
			['1', 1, true],
			['"1"', '1', true],
			['true', true, true],
			['0', 0, false],
			['"0"', '0', false],
			['false', false, false],
			['null', null, null],
			['"trial" (unknown)', 'trial', null],
		])('reads paystatus %s as paid = %s', async (_name, value, expected) => {
			server.state.peers = withFlags({ paystatus: value });
			expect((await getMany(2)).paid).toBe(expected);
		});

		it.each([
			['a number', 4512, '4512'],
			['digits as text', '4512', '4512'],
			['text with spaces', ' u-77 ', 'u-77'],
			['false (not linked, the API example)', false, null],
			['"false"', 'false', null],
			['0', 0, null],
			['"0"', '0', null],
			['null', null, null],
			['""', '', null],
			['true (no id given)', true, null],
		])('reads amoid / bxid given as %s', async (_name, value, expected) => {
			server.state.peers = withFlags({ amoid: value, bxid: value });
			const json = await getMany(2);
			expect([json.amoCrmUserId, json.bitrix24UserId]).toEqual([expected, expected]);
		});
	});
});
