// The dropdowns the editor fills from the PBX: lines (Campaign → Create's trunks, Call Into IVR's
// From Line) and extensions (Click-to-Call), loaded through n8n-core's LoadOptionsContext.
import { AloVoice } from '../../../nodes/AloVoice/AloVoice.node';
import type { INodeProperties } from 'n8n-workflow';
import { loadNodeOptions } from '../../harness/editor';
import { ALOVOICE_TOKEN, AloVoiceServer } from '../../server/alovoice';

describe('AloVoice dropdowns loaded from the PBX', () => {
	const server = new AloVoiceServer();
	let credentials: Record<string, { token: string; baseUrl: string }>;
	beforeAll(async () => {
		const url = await server.start();
		credentials = { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('the parameters that name a line or an extension use these loaders', () => {
		const loaders = new AloVoice()
			.getNodeType(2)
			.description.properties.filter(
				(property: INodeProperties) => property.typeOptions?.loadOptionsMethod,
			)
			.map((property) => [
				property.name,
				property.displayOptions?.show?.operation?.[0],
				property.typeOptions?.loadOptionsMethod,
			]);
		expect(loaders).toEqual([
			['fromLine', 'callIvr', 'getLines'],
			['extension', 'clickToCall', 'getExtensions'],
			['trunks', 'create', 'getLines'],
		]);
	});

	it('lines: GET /mapi/getMyTrunks with the Bearer token, one option per line', async () => {
		const options = await loadNodeOptions('getLines', {
			credentials,
			parameters: { resource: 'campaign', operation: 'create' },
			path: 'parameters.trunks',
		});
		expect(options).toEqual([
			{ name: '551234567', value: '551234567' },
			{ name: '712345678', value: '712345678' },
		]);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/mapi/getMyTrunks' });
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${ALOVOICE_TOKEN}`);
	});

	it('extensions: GET /getpeers/{token} with the token header, named by number and user', async () => {
		const options = await loadNodeOptions('getExtensions', {
			credentials,
			parameters: { resource: 'call', operation: 'clickToCall' },
			path: 'parameters.extension',
		});
		expect(options).toEqual([
			{ name: '2000 (Dilnoza)', value: '2000' },
			{ name: '2424 (Aziz)', value: '2424' },
		]);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/getpeers/${ALOVOICE_TOKEN}`,
		});
		expect(server.requests[0].headers.token).toBe(ALOVOICE_TOKEN);
		// SIP secrets are in the PBX's answer but never in a dropdown.
		expect(JSON.stringify(options)).not.toContain('sip-secret');
	});

	it.each([
		['getLines', 'loading the lines'],
		['getExtensions', 'loading the extensions'],
	])(
		'%s: a refused token is a NodeApiError that says so, without the token',
		async (method, action) => {
			const wrong = {
				aloVoiceApi: { token: 'wrong-token-8765', baseUrl: credentials.aloVoiceApi.baseUrl },
			};
			const failure = await loadNodeOptions(method, { credentials: wrong }).then(
				() => undefined,
				(error: Error) => error,
			);
			expect(failure?.name).toBe('NodeApiError');
			expect(failure?.message).toBe(
				`AloVoice answered 401 while ${action}: the token was refused (check the credential)`,
			);
			expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).not.toContain(
				'wrong-token-8765',
			);
		},
	);
});
