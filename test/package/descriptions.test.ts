// Every parameter a person sees in the editor says what it is for: a description on each one,
// nested collection and fixedCollection fields included, and a placeholder example on each
// text field (issue #11, item 6). Walks the four nodes' and both credentials' properties.
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
} from 'n8n-workflow';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AloVoice } from '../../nodes/AloVoice/AloVoice.node';
import { AloVoiceAnswer } from '../../nodes/AloVoiceAnswer/AloVoiceAnswer.node';
import { AloVoiceTrigger } from '../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { Telediscount } from '../../nodes/Telediscount/Telediscount.node';
import { TelediscountTrigger } from '../../nodes/TelediscountTrigger/TelediscountTrigger.node';

interface Found {
	path: string;
	property: INodeProperties;
}

/** Where a top-level parameter shows: "call/startTwoWay", "event=routeRequest", or "" (always). */
function shownFor(property: INodeProperties): string {
	const show = property.displayOptions?.show ?? {};
	const join = (values: unknown) => (Array.isArray(values) ? values.join('|') : String(values));
	if (show.resource || show.operation)
		return `${join(show.resource ?? '*')}/${join(show.operation ?? '*')}`;
	return Object.entries(show)
		.map(([name, values]) => `${name}=${join(values)}`)
		.join(',');
}

/** Every parameter, each named by its path of names ("options > timeout (call/startTwoWay)"). */
export function walk(properties: INodeProperties[], prefix = ''): Found[] {
	const found: Found[] = [];
	for (const property of properties) {
		const where = prefix ? '' : shownFor(property);
		const path = `${prefix}${property.name}${where ? ` (${where})` : ''}`;
		found.push({ path, property });
		if (property.type === 'collection' && Array.isArray(property.options)) {
			found.push(...walk(property.options as INodeProperties[], `${path} > `));
		}
		if (property.type === 'fixedCollection' && Array.isArray(property.options)) {
			for (const group of property.options as INodePropertyCollection[]) {
				found.push(...walk(group.values, `${path} > ${group.name} > `));
			}
		}
	}
	return found;
}

/** A notice is text itself, and a hidden parameter is never shown. */
const shown = ({ property }: Found) => property.type !== 'notice' && property.type !== 'hidden';
const hasText = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

export function missingDescriptions(properties: INodeProperties[]): string[] {
	return walk(properties)
		.filter(shown)
		.filter(({ property }) => !hasText(property.description))
		.map(({ path }) => path);
}

export function missingPlaceholders(properties: INodeProperties[]): string[] {
	return walk(properties)
		.filter(shown)
		.filter(({ property }) => property.type === 'string' && !hasText(property.placeholder))
		.map(({ path }) => path);
}

const nodes: Array<[string, INodeType]> = [
	// Both versions of the AloVoice node (a VersionedNodeType, as the trigger).
	['AloVoice v1', new AloVoice().getNodeType(1)],
	['AloVoice v2', new AloVoice().getNodeType(2)],
	// Both versions of the AloVoice Trigger (a VersionedNodeType: each version is its own class).
	['AloVoice Trigger v1', new AloVoiceTrigger().getNodeType(1)],
	['AloVoice Trigger v2', new AloVoiceTrigger().getNodeType(2)],
	['AloVoice Answer', new AloVoiceAnswer()],
	['Telediscount v1', new Telediscount().getNodeType(1)],
	['Telediscount v2', new Telediscount().getNodeType(2)],
	['Telediscount Trigger', new TelediscountTrigger()],
];
// Every credential the package lists (package.json "n8n"), whichever branch added it.
const listed: string[] = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
).n8n.credentials;
const credentials: Array<[string, ICredentialType]> = listed.map((file) => {
	const source = join(__dirname, '..', '..', file.replace(/^dist\//, '').replace(/\.js$/, ''));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(source) as Record<string, new () => ICredentialType>;
	const credential = new (Object.values(exported)[0])();
	return [credential.displayName, credential];
});
const everything: Array<[string, INodeProperties[]]> = [
	...nodes.map(([name, node]): [string, INodeProperties[]] => [name, node.description.properties]),
	...credentials.map(([name, credential]): [string, INodeProperties[]] => [
		name,
		credential.properties,
	]),
];

describe('parameter descriptions', () => {
	it.each(everything)('%s: every parameter has a description', (_name, properties) => {
		expect(missingDescriptions(properties)).toEqual([]);
	});

	it.each(everything)('%s: every text parameter has a placeholder example', (_name, properties) => {
		expect(missingPlaceholders(properties)).toEqual([]);
	});

	it('reaches into collections and fixedCollections: the walk finds their fields', () => {
		const all = walk(new AloVoice().getNodeType(2).description.properties).map(({ path }) => path);
		expect(all.some((path) => path.split(' > ').length === 2)).toBe(true);
		const trigger = walk(new AloVoiceTrigger().getNodeType(2).description.properties).map(
			({ path }) => path,
		);
		expect(trigger.some((path) => path.split(' > ').length === 3)).toBe(true);
	});

	it('covers every credential the package lists, the two API credentials among them', () => {
		expect(credentials.length).toBe(listed.length);
		expect(credentials.map(([name]) => name)).toEqual(
			expect.arrayContaining(['AloVoice API', 'Telediscount API']),
		);
	});

	describe('what the check must not accept', () => {
		const text = (extra: Partial<INodeProperties>): INodeProperties => ({
			displayName: 'Field',
			name: 'field',
			type: 'string',
			default: '',
			...extra,
		});

		it('a top-level parameter without a description, or with only spaces', () => {
			expect(missingDescriptions([text({ placeholder: 'x' })])).toEqual(['field']);
			expect(missingDescriptions([text({ description: '   ' })])).toEqual(['field']);
		});

		it('a field without a description inside a collection', () => {
			const collection: INodeProperties = {
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				description: 'More settings',
				options: [text({ name: 'inner' })],
			};
			expect(missingDescriptions([collection])).toEqual(['options > inner']);
		});

		it('a field without a description inside a fixedCollection group', () => {
			const fixed: INodeProperties = {
				displayName: 'Rules',
				name: 'rules',
				type: 'fixedCollection',
				default: {},
				description: 'Routing rules',
				options: [
					{
						name: 'rule',
						displayName: 'Rule',
						values: [text({ name: 'value', description: 'A value' }), text({ name: 'bare' })],
					},
				],
			};
			expect(missingDescriptions([fixed])).toEqual(['rules > rule > bare']);
		});

		it('a text field without a placeholder; a number or an empty placeholder does not count', () => {
			expect(missingPlaceholders([text({ description: 'd' })])).toEqual(['field']);
			expect(missingPlaceholders([text({ description: 'd', placeholder: '' })])).toEqual(['field']);
			expect(
				missingPlaceholders([{ displayName: 'N', name: 'n', type: 'number', default: 0 }]),
			).toEqual([]);
		});

		it('passes notices and hidden parameters, which have no description to give', () => {
			expect(
				missingDescriptions([{ displayName: 'Note', name: 'note', type: 'notice', default: '' }]),
			).toEqual([]);
			expect(
				missingDescriptions([{ displayName: 'H', name: 'h', type: 'hidden', default: '' }]),
			).toEqual([]);
		});
	});
});

/**
 * n8n's node panel lists a node and its trigger as one entry under the trigger's description, in
 * both of its views (docs/n8n-internals.md, "One entry for a node and its trigger"): so each
 * trigger's description says what the node does (names one of its resources) and that the
 * trigger starts workflows, and it does not read as a trigger alone.
 */
const TRIGGER_CLAUSE = /, and start workflows on its call events$/;
function describesNodeAndTrigger(text: string, resources: string[]): boolean {
	if (!TRIGGER_CLAUSE.test(text) || /^Starts the workflow/i.test(text)) return false;
	const actions = text.replace(TRIGGER_CLAUSE, '').toLowerCase();
	return resources.some((resource) => actions.includes(resource.toLowerCase()));
}

describe("the node panel's one entry per PBX: the trigger's description says both", () => {
	const resourcesOf = (node: INodeType) =>
		(
			node.description.properties.find((property) => property.name === 'resource')?.options as
				| Array<{ name: string }>
				| undefined
		)?.map((option) => option.name) ?? [];
	const pairs = [
		{
			trigger: new AloVoiceTrigger().description.description,
			node: new AloVoice().nodeVersions[2],
		},
		{
			trigger: new TelediscountTrigger().description.description,
			node: new Telediscount().nodeVersions[2],
		},
	];

	it.each(pairs)('$trigger', ({ trigger, node }) => {
		expect(resourcesOf(node).length).toBeGreaterThan(1);
		expect(describesNodeAndTrigger(trigger, resourcesOf(node))).toBe(true);
	});

	it('refuses a trigger-only text, an actions-only text and a clause with no resource', () => {
		const resources = resourcesOf(pairs[0].node);
		for (const text of [
			'Starts the workflow when a call starts or ends in AloVoice, when a requested call reports its result, or when a caller waits for where to go',
			'Starts the workflow when a Telediscount call starts or finishes',
			new AloVoice().description.description,
			'Works with the AloVoice cloud PBX, and start workflows on its call events',
		])
			expect(describesNodeAndTrigger(text, resources)).toBe(false);
	});
});
