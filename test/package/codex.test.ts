// What a new user meets before reading anything: the words the node panel's search matches
// (each node's codex `alias`, read by n8n-core's DirectoryLoader.getCodex next to categories),
// and labels free of the PBX's jargon.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { AloVoice } from '../../nodes/AloVoice/AloVoice.node';
import { AloVoiceAnswer } from '../../nodes/AloVoiceAnswer/AloVoiceAnswer.node';
import { AloVoiceTrigger } from '../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { Telediscount } from '../../nodes/Telediscount/Telediscount.node';
import { TelediscountTrigger } from '../../nodes/TelediscountTrigger/TelediscountTrigger.node';

const nodesDir = join(__dirname, '..', '..', 'nodes');
const codexFiles = readdirSync(nodesDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
	.map((entry) => join(nodesDir, entry.name, `${entry.name}.node.json`));

/** What people type to find a PBX node, in English, Russian and Uzbek (Latin script). */
const EVERY_NODE = [
	'phone',
	'call',
	'telephony',
	'PBX',
	'VoIP',
	'SIP',
	'call center',
	'CRM',
	'телефон',
	'звонок',
	'АТС',
	'телефония',
	'колл-центр',
	'telefon',
	"qo'ng'iroq",
	'qoʻngʻiroq',
	'telefoniya',
];

/** What only some nodes do: autodial campaigns and IVRs are AloVoice's, not Telediscount's. */
const BY_NODE: Record<string, string[]> = {
	AloVoice: ['IVR', 'autodial', 'campaign', 'обзвон', 'автообзвон', "avtoqo'ng'iroq"],
	AloVoiceTrigger: ['IVR', 'incoming call', 'webhook'],
	AloVoiceAnswer: ['IVR', 'call routing'],
	Telediscount: ['click-to-call', 'call history'],
	TelediscountTrigger: ['incoming call', 'webhook'],
};

describe('node panel search (codex aliases)', () => {
	it('finds a codex file for each of the five nodes', () => {
		expect(codexFiles.map((file) => file.split(/[\\/]/).pop()).sort()).toEqual(
			Object.keys(BY_NODE)
				.map((name) => `${name}.node.json`)
				.sort(),
		);
	});

	it.each(codexFiles)('%s has the aliases, as n8n reads them', (file) => {
		const codex = JSON.parse(readFileSync(file, 'utf8'));
		const name = file.split(/[\\/]/).slice(-2)[0];
		// n8n's own format (nodes-base Code.node.json): a top-level array of strings.
		expect(Array.isArray(codex.alias)).toBe(true);
		for (const alias of codex.alias) expect(typeof alias).toBe('string');
		expect(codex.alias).toEqual(expect.arrayContaining([...EVERY_NODE, ...BY_NODE[name]]));
		expect(new Set(codex.alias).size).toBe(codex.alias.length);
		expect(codex.alias.every((alias: string) => alias.trim() === alias && alias !== '')).toBe(true);
	});

	it('offers autodial and campaign words only on the node that runs campaigns', () => {
		for (const file of codexFiles) {
			const codex = JSON.parse(readFileSync(file, 'utf8'));
			const runsCampaigns = file.endsWith(join('AloVoice', 'AloVoice.node.json'));
			expect([file, codex.alias.includes('campaign')]).toEqual([file, runsCampaigns]);
		}
	});
});

/** Words of the API or the PBX's internals, not of the screens a user knows. */
const JARGON = /callstart|callend|vpbx|trunk|peer/i;

/** The longest option description n8n's dropdown shows whole (longer ones are cut mid-sentence). */
const OPTION_DESCRIPTION_MAX = 80;

function labels(list: Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>) {
	const found: string[] = [];
	for (const entry of list) {
		if ('displayName' in entry) found.push(entry.displayName);
		if ('name' in entry && !('displayName' in entry)) found.push(String(entry.name));
		if ('options' in entry && Array.isArray(entry.options)) found.push(...labels(entry.options));
		if ('values' in entry) found.push(...labels(entry.values));
	}
	return found;
}

/** The descriptions of every dropdown option (options and multiOptions), nested ones included. */
function optionDescriptions(
	list: Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>,
): string[] {
	const found: string[] = [];
	for (const entry of list) {
		if ('value' in entry && typeof entry.description === 'string') found.push(entry.description);
		if ('options' in entry && Array.isArray(entry.options))
			found.push(...optionDescriptions(entry.options));
		if ('values' in entry) found.push(...optionDescriptions(entry.values));
	}
	return found;
}

function texts(list: Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>) {
	const found: string[] = [];
	for (const entry of list) {
		for (const key of ['description', 'hint', 'action'] as const)
			if (typeof (entry as unknown as Record<string, unknown>)[key] === 'string')
				found.push((entry as unknown as Record<string, string>)[key]);
		if ('options' in entry && Array.isArray(entry.options)) found.push(...texts(entry.options));
		if ('values' in entry) found.push(...texts(entry.values));
	}
	return found;
}

describe('plain words', () => {
	const aloVoice = new AloVoice();
	const actionNodes: Array<[string, INodeProperties[]]> = [
		['AloVoice v1', aloVoice.getNodeType(1).description.properties],
		['AloVoice v2', aloVoice.getNodeType(2).description.properties],
	];
	const everyNode: Array<[string, INodeProperties[]]> = [
		...actionNodes,
		['AloVoice Trigger v1', new AloVoiceTrigger().getNodeType(1).description.properties],
		['AloVoice Trigger v2', new AloVoiceTrigger().getNodeType(2).description.properties],
		['AloVoice Answer', new AloVoiceAnswer().description.properties],
		['Telediscount v1', new Telediscount().getNodeType(1).description.properties],
		['Telediscount v2', new Telediscount().getNodeType(2).description.properties],
		['Telediscount Trigger', new TelediscountTrigger().description.properties],
	];

	it.each(everyNode)('%s: no jargon in a display name or an option name', (_name, properties) => {
		expect(labels(properties).filter((label) => JARGON.test(label))).toEqual([]);
	});

	it.each(everyNode)('%s: no jargon in a description, hint or action', (_name, properties) => {
		expect(texts(properties).filter((text) => JARGON.test(text))).toEqual([]);
	});

	it.each(everyNode)(
		`%s: every option description fits the dropdown (at most ${OPTION_DESCRIPTION_MAX} characters)`,
		(_name, properties) => {
			expect(
				optionDescriptions(properties).filter((text) => text.length > OPTION_DESCRIPTION_MAX),
			).toEqual([]);
		},
	);

	it.each([
		['AloVoice Trigger v1', new AloVoiceTrigger().getNodeType(1).description],
		['AloVoice Trigger v2', new AloVoiceTrigger().getNodeType(2).description],
		['AloVoice Answer', new AloVoiceAnswer().description],
	])('%s: the node says what it does without jargon', (_name, description) => {
		const said = [
			description.description,
			description.eventTriggerDescription,
			description.activationMessage,
		].filter((text): text is string => typeof text === 'string');
		expect(said.filter((text) => JARGON.test(text))).toEqual([]);
	});

	it("uses n8n's own name for a binary input, with the parameter names saved workflows hold", () => {
		const create = aloVoice
			.getNodeType(2)
			.description.properties.filter((property) =>
				property.displayOptions?.show?.operation?.includes('create'),
			);
		const byName = Object.fromEntries(create.map((property) => [property.name, property]));
		expect(byName.messageBinaryProperty.displayName).toBe('Input Binary Field');
		expect(byName.recipientsBinaryProperty.displayName).toBe('Recipients Input Binary Field');
		expect(byName.trunks.displayName).toBe('Lines to Call From');
		expect(byName.goodTime.displayName).toBe('Successful Call After (Seconds)');
	});

	it('the check sees jargon where it is', () => {
		expect(
			labels([{ displayName: 'Trunk Names or IDs', name: 'x', type: 'string', default: '' }]),
		).toEqual(['Trunk Names or IDs']);
		expect(JARGON.test('Callstart: a call started')).toBe(true);
		expect(texts([{ name: 'A', value: 'a', description: 'in the vPBX' }])).toEqual(['in the vPBX']);
		expect(JARGON.test('Peer (Extension)')).toBe(true);
		const long = 'x'.repeat(OPTION_DESCRIPTION_MAX + 1);
		expect(
			optionDescriptions([
				{
					displayName: 'Match',
					name: 'match',
					type: 'options',
					default: 'a',
					options: [{ name: 'A', value: 'a', description: long }],
				},
			]),
		).toEqual([long]);
	});
});
