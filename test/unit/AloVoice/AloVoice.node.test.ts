// What n8n and its editor read from the AloVoice node and credential: every API method as a
// resource/operation routed to its own file, the AI Agent's tool flag, icons, codex, and a
// description (and an example, for text) on every parameter.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { AloVoiceApi } from '../../../credentials/AloVoiceApi.credentials';
import { AloVoice } from '../../../nodes/AloVoice/AloVoice.node';
import { resources } from '../../../nodes/AloVoice/actions/router';

const nodeDir = join(__dirname, '../../../nodes/AloVoice');

describe('AloVoice node and credential descriptions', () => {
	// The default version; test/engine/AloVoice/versions.test.ts holds what differs from version 1.
	const { description } = new AloVoice().getNodeType(2);
	const operationProperty = (resource: string) =>
		description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		);

	it('offers every method of the API as a resource and operation, each routed to its own file', () => {
		const offered = Object.fromEntries(
			(description.properties[0].options as Array<{ name: string; value: string }>).map(
				({ name, value }) => [
					`${name} (${value})`,
					(
						operationProperty(value)?.options as Array<{
							name: string;
							value: string;
							action: string;
						}>
					).map((option) => `${option.name} (${option.value}): ${option.action}`),
				],
			),
		);
		expect(offered).toEqual({
			'Call (call)': [
				'Call Into IVR (callIvr): Call a number and play an IVR',
				'Click-to-Call (clickToCall): Ring an extension and dial a client',
				'Start Two-Way Call (startTwoWay): Call an initiator and connect them to a recipient',
			],
			'Campaign (campaign)': ['Create (create): Create a campaign', 'Get (get): Get a campaign'],
			'Extension (extension)': ['Get Many (getMany): Get many extensions'],
			'Line (line)': ['Get Many (getMany): Get many lines'],
			'Recording (recording)': ['Download (download): Download a recording'],
			'Speech Analysis (speechAnalytics)': [
				'Analyze Call (analyze): Analyze a call',
				'Get Result (getResult): Get an analysis result',
			],
		});
		const routed = Object.fromEntries(
			Object.entries(resources).map(([name, operations]) => [name, Object.keys(operations).sort()]),
		);
		const described = Object.fromEntries(
			Object.keys(routed).map((name) => [
				name,
				(operationProperty(name)?.options as Array<{ value: string }>).map((o) => o.value).sort(),
			]),
		);
		expect(routed).toEqual(described);
		for (const operations of Object.values(resources)) {
			for (const module of Object.values(operations)) {
				expect(typeof (module.execute ?? module.executeAll)).toBe('function');
			}
		}
	});

	it('is usable as a tool by the AI Agent, uses the AloVoice API credential, and has its icons and codex', () => {
		expect(description).toMatchObject({
			name: 'aloVoice',
			displayName: 'AloVoice',
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'aloVoiceApi', required: true }],
			icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		});
		for (const icon of ['alovoice.svg', 'alovoice.dark.svg']) {
			expect(readFileSync(join(nodeDir, icon), 'utf8')).toMatch(/^<svg[\s>][\s\S]*<\/svg>\s*$/);
		}
		const codex = JSON.parse(readFileSync(join(nodeDir, 'AloVoice.node.json'), 'utf8'));
		expect(codex).toMatchObject({
			node: 'n8n-nodes-alovoice.aloVoice',
			nodeVersion: '1.0',
			codexVersion: '1.0',
		});
	});

	it('describes every parameter (groups aside) in Title Case, with an example for every text field', () => {
		const all: INodeProperties[] = [];
		const walk = (list: Array<INodeProperties | INodePropertyCollection>) => {
			for (const entry of list) {
				if ('values' in entry) {
					walk(entry.values);
					continue;
				}
				all.push(entry);
				if (entry.type === 'collection' || entry.type === 'fixedCollection')
					walk(entry.options as INodeProperties[]);
			}
		};
		walk(
			description.properties.filter(
				(property) => !['resource', 'operation'].includes(property.name),
			),
		);
		const problems: string[] = [];
		const minor = new Set([
			'a',
			'an',
			'and',
			'as',
			'at',
			'by',
			'for',
			'in',
			'into',
			'of',
			'on',
			'or',
			'the',
			'to',
			'with',
		]);
		for (const property of all) {
			if (property.type === 'notice') continue;
			const group = property.type === 'collection' || property.type === 'fixedCollection';
			if (!group && !property.description && !property.hint)
				problems.push(`${property.name}: no description`);
			if (property.type === 'string' && !property.placeholder && !property.typeOptions?.password) {
				problems.push(`${property.name}: no placeholder`);
			}
			const lower = property.displayName
				.split(/[\s-]+/)
				.filter((word, index) => index > 0 && !minor.has(word) && /^[a-z]/.test(word));
			if (lower.length)
				problems.push(`${property.name}: "${property.displayName}" is not Title Case`);
		}
		expect(problems).toEqual([]);
		expect(all.length).toBeGreaterThan(40);
	});

	it('credential: the token is a password, the Base URL defaults to the real PBX, the test lists the lines', () => {
		const credential = new AloVoiceApi();
		expect(credential.name).toBe('aloVoiceApi');
		expect(credential.displayName).toBe('AloVoice API');
		expect(
			credential.properties.map((property) => [
				property.name,
				property.type,
				property.default,
				property.typeOptions,
			]),
		).toEqual([
			['token', 'string', '', { password: true }],
			['baseUrl', 'string', 'https://cld.alovoice.uz', undefined],
		]);
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/mapi/getMyTrunks' });
		expect(existsSync(join(nodeDir, 'alovoice.svg'))).toBe(true);
	});
});
