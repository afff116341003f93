// What n8n and its editor read from the node and credential: names, resources and operations,
// icons, the codex file, and the AI Agent's tool flag.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import { TelediscountApi } from '../../../credentials/TelediscountApi.credentials';
import { Telediscount } from '../../../nodes/Telediscount/Telediscount.node';
import { resources } from '../../../nodes/Telediscount/actions/router';

const nodeDir = join(__dirname, '../../../nodes/Telediscount');

describe('Telediscount node and credential descriptions', () => {
	const node = new Telediscount();
	const { description } = node.getNodeType(2);

	it('has versions 1 and 2, 2 for new nodes, each built from the one base and version description', () => {
		expect(node.description.defaultVersion).toBe(2);
		expect(Object.keys(node.nodeVersions)).toEqual(['1', '2']);
		const [v1, v2] = [node.getNodeType(1).description, node.getNodeType(2).description];
		expect([v1.version, v2.version, node.getNodeType().description.version]).toEqual([1, 2, 2]);
		// Apart from the number, the versions describe the same node: the changes are in the output.
		expect({ ...v1, version: 2 }).toEqual(v2);
		// The icon is literal in the version description for n8n's lint; it must match the base.
		expect(v2.icon).toEqual(node.description.icon);
		expect(node.getNodeType(1).methods).toEqual(node.getNodeType(2).methods);
	});
	const options = (name: string, resource?: string) =>
		(
			description.properties.find(
				(property) =>
					property.name === name &&
					(resource === undefined || property.displayOptions?.show?.resource?.includes(resource)),
			)?.options as Array<{ value: string }>
		).map((option) => option.value);

	it('offers Call → Make / Get Many and Recording → Download, each routed to its own file', () => {
		expect(options('resource')).toEqual(['call', 'recording']);
		expect(options('operation', 'call')).toEqual(['getMany', 'make']);
		expect(options('operation', 'recording')).toEqual(['download']);
		expect(
			Object.fromEntries(
				Object.entries(resources).map(([name, ops]) => [name, Object.keys(ops).sort()]),
			),
		).toEqual({
			call: ['getMany', 'make'],
			recording: ['download'],
		});
	});

	it('is usable as a tool, uses the Telediscount API credential, and has its icons and codex', () => {
		expect(description).toMatchObject({
			name: 'telediscount',
			displayName: 'Telediscount',
			usableAsTool: true,
			credentials: [{ name: 'telediscountApi', required: true }],
			icon: { light: 'file:telediscount.svg', dark: 'file:telediscount.dark.svg' },
		});
		expect(existsSync(join(nodeDir, 'telediscount.svg'))).toBe(true);
		expect(existsSync(join(nodeDir, 'telediscount.dark.svg'))).toBe(true);
		const codex = JSON.parse(readFileSync(join(nodeDir, 'Telediscount.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-alovoice.telediscount');
	});

	it('describes every parameter (with an example where it is typed)', () => {
		const all: INodeProperties[] = [];
		const walk = (list: INodeProperties[]) => {
			for (const property of list) {
				all.push(property);
				if (property.type === 'collection') walk(property.options as INodeProperties[]);
			}
		};
		walk(
			description.properties.filter(
				(property) => !['resource', 'operation', 'returnAll', 'limit'].includes(property.name),
			),
		);
		for (const property of all) {
			if (property.type === 'collection') continue;
			expect([property.name, Boolean(property.description || property.hint)]).toEqual([
				property.name,
				true,
			]);
			if (property.type === 'string')
				expect([property.name, Boolean(property.placeholder)]).toEqual([property.name, true]);
		}
	});

	it('credential: apiKey is a password, baseUrl defaults to the real API, and the key goes in the query string', async () => {
		const credential = new TelediscountApi();
		expect(credential.name).toBe('telediscountApi');
		expect(
			credential.properties.map((property) => [
				property.name,
				property.default,
				property.typeOptions,
			]),
		).toEqual([
			['apiKey', '', { password: true }],
			['baseUrl', 'https://my.telediscount.ru', undefined],
		]);
		// Only for the Base URL: test/unit/shared/credentialAuth.test.ts has the hosts it must not go to.
		const signed = await credential.authenticate(
			{ apiKey: 'k1', baseUrl: 'https://my.telediscount.ru' },
			{ url: 'https://my.telediscount.ru/api.php/telephony/get_calls' },
		);
		expect(signed.qs).toEqual({ abonent_api_key: 'k1' });
	});
});
