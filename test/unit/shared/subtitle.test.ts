// nodes/shared/subtitle.ts: every node's subtitle reads as words, evaluated the way n8n's editor
// evaluates a node's subtitle (Workflow.expression.getSimpleParameterValue with only the node's
// parameters): operationSubtitle for every resource and operation of the AloVoice and Telediscount
// nodes, both versions ("Get Many: Line"); optionSubtitle for every event of both triggers and for
// what it must not rename.
import 'reflect-metadata';
import type { INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AloVoice } from '../../../nodes/AloVoice/AloVoice.node';
import { AloVoiceTrigger } from '../../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { Telediscount } from '../../../nodes/Telediscount/Telediscount.node';
import { TelediscountTrigger } from '../../../nodes/TelediscountTrigger/TelediscountTrigger.node';
import { optionSubtitle } from '../../../nodes/shared/subtitle';
import { PACKAGE, nodeTypes, registerNodeType } from '../../harness/engine';

// $parameter holds only the parameters the node type declares, so each subtitle is evaluated on
// its own node type; the helper's own cases on a test-only type with free-text parameters.
registerNodeType(new AloVoiceTrigger());
registerNodeType(new TelediscountTrigger());
registerNodeType(new Telediscount());
const textParameter = (name: string) => ({
	displayName: name,
	name,
	type: 'string' as const,
	default: '',
});
registerNodeType(
	{
		description: {
			displayName: 'Subtitle Test',
			name: 'subtitleTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Subtitle Test' },
			inputs: [],
			outputs: [],
			properties: [textParameter('event'), textParameter('mode')],
		},
	},
	'subtitleTest',
);

function subtitleOf(
	subtitle: string,
	parameters: Record<string, unknown>,
	type = 'subtitleTest',
	typeVersion = 1,
): unknown {
	const node = {
		id: 'subtitle-node',
		name: 'Trigger',
		type,
		typeVersion,
		position: [0, 0],
		parameters,
	} as INode;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {});
}

/** The subtitle of a versioned action node (AloVoice, Telediscount) of this version, on these parameters. */
const versionedSubtitle =
	(node: AloVoice | Telediscount, name: string) =>
	(version: number, parameters: Record<string, unknown>) =>
		subtitleOf(
			node.getNodeType(version).description.subtitle as string,
			parameters,
			`${PACKAGE}.${name}`,
			version,
		);
const aloVoiceSubtitle = versionedSubtitle(new AloVoice(), 'aloVoice');
const telediscountSubtitle = versionedSubtitle(new Telediscount(), 'telediscount');

function eventOptionsOf(node: INodeType): INodePropertyOptions[] {
	const event = node.description.properties.find((property) => property.name === 'event');
	return (event?.options ?? []) as INodePropertyOptions[];
}

describe('trigger subtitles', () => {
	const triggers: Array<[string, INodeType, string[]]> = [
		// Both versions of the AloVoice Trigger (a VersionedNodeType: each version is its own class).
		[
			'AloVoice Trigger v1',
			new AloVoiceTrigger().getNodeType(1),
			['Call Started', 'Call Ended', 'Call-Request Result', 'Route Request'],
		],
		[
			'AloVoice Trigger v2',
			new AloVoiceTrigger().getNodeType(2),
			['Call Started', 'Call Ended', 'Call-Request Result', 'Route Request'],
		],
		['Telediscount Trigger', new TelediscountTrigger(), ['Incoming Call Started', 'Call Finished']],
	];
	const typeOf = (node: INodeType) => `${PACKAGE}.${node.description.name}`;

	it.each(triggers)(
		'%s shows each event by the label of its Event dropdown',
		(_name, node, labels) => {
			const options = eventOptionsOf(node);
			expect(options.map((option) => option.name)).toEqual(labels);
			const subtitle = node.description.subtitle as string;
			for (const option of options) {
				expect([option.value, subtitleOf(subtitle, { event: option.value }, typeOf(node))]).toEqual(
					[option.value, option.name],
				);
			}
		},
	);

	it.each(triggers)(
		'%s shows a value its dropdown does not know as it is, not as another label',
		(_name, node) => {
			const subtitle = node.description.subtitle as string;
			expect(subtitleOf(subtitle, { event: 'somethingNew' }, typeOf(node))).toBe('somethingNew');
			// A label is not a value: only values are renamed.
			const label = eventOptionsOf(node)[0].name;
			expect(subtitleOf(subtitle, { event: label }, typeOf(node))).toBe(label);
		},
	);

	describe('optionSubtitle', () => {
		const options = [
			{ name: 'Call Started', value: 'callStarted' },
			{ name: 'Say "Hi" \\ Bye', value: 'quote"d' },
		];

		it('maps each value to its label, and quotes labels and values safely', () => {
			const subtitle = optionSubtitle('event', options);
			expect(subtitle.startsWith('={{')).toBe(true);
			expect(subtitleOf(subtitle, { event: 'callStarted' })).toBe('Call Started');
			expect(subtitleOf(subtitle, { event: 'quote"d' })).toBe('Say "Hi" \\ Bye');
		});

		it('does not rename a value that only resembles one: case, spaces, a prefix', () => {
			const subtitle = optionSubtitle('event', options);
			expect(subtitleOf(subtitle, { event: 'CallStarted' })).toBe('CallStarted');
			expect(subtitleOf(subtitle, { event: 'callStarted ' })).toBe('callStarted ');
			expect(subtitleOf(subtitle, { event: 'call' })).toBe('call');
		});

		it('reads the parameter it is given, not another one', () => {
			const subtitle = optionSubtitle('mode', options);
			expect(subtitleOf(subtitle, { mode: 'callStarted', event: 'quote"d' })).toBe('Call Started');
		});

		it('with no options shows the raw value', () => {
			expect(subtitleOf(optionSubtitle('event', []), { event: 'callEnded' })).toBe('callEnded');
		});
	});
});

describe('where to paste the URL', () => {
	// What n8n shows on activation (activationMessage) names the PBX's settings page, per
	// shared/api/alovoice.md (the INTEGRATIONS menu, a route of type "API request"; each event's
	// own notice says which, test/unit/AloVoiceTrigger/description.test.ts) and shared/api/telediscount.md (the
	// CRM-integration page's Webhooks). While it waits for a test event n8n shows
	// eventTriggerDescription as one line above the node, neither wrapped nor kept on screen
	// (docs/n8n-internals.md, "The listening hint"): it names the PBX and the Test URL in a few
	// words, and the notice says where.
	const SHORT_HINT = 50;
	const hintReads = (text: unknown, pbx: string) =>
		typeof text === 'string' &&
		text.length <= SHORT_HINT &&
		text.includes(pbx) &&
		text.includes('Test URL');

	it.each([
		[
			'AloVoice Trigger v1',
			new AloVoiceTrigger().getNodeType(1),
			'AloVoice',
			[/INTEGRATIONS/, /route of type "API request"/],
		],
		[
			'AloVoice Trigger v2',
			new AloVoiceTrigger().getNodeType(2),
			'AloVoice',
			[/INTEGRATIONS/, /route of type "API request"/],
		],
		[
			'Telediscount Trigger',
			new TelediscountTrigger(),
			'Telediscount',
			[/"CRM integration" page/, /Webhooks/],
		],
	] as Array<[string, INodeType, string, RegExp[]]>)(
		'%s names the PBX page on activation, and the PBX and Test URL briefly while waiting',
		(_name, node, pbx, places) => {
			const { activationMessage, eventTriggerDescription } = node.description;
			expect(typeof activationMessage).toBe('string');
			for (const place of places) expect(activationMessage).toMatch(place);
			expect(activationMessage).toMatch(/Production URL/);
			expect(hintReads(eventTriggerDescription, pbx)).toBe(true);
		},
	);

	it('the hint check refuses a long hint, one without the Test URL and one for the other PBX', () => {
		expect(
			hintReads(
				'Waiting for AloVoice to call the Test URL: paste it in AloVoice where the notice says (INTEGRATIONS, or a route of type "API request"), then make a call',
				'AloVoice',
			),
		).toBe(false);
		expect(hintReads('Waiting for AloVoice to call', 'AloVoice')).toBe(false);
		expect(hintReads('Waiting for Telediscount to call the Test URL', 'AloVoice')).toBe(false);
	});
});

describe('AloVoice subtitle', () => {
	it.each([1, 2])('version %s shows each operation and resource by their labels', (version) => {
		const { properties } = new AloVoice().getNodeType(version).description;
		const resources = properties[0].options as INodePropertyOptions[];
		const shown: string[] = [];
		for (const resource of resources) {
			const operation = properties.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource.value as string),
			);
			for (const option of operation?.options as INodePropertyOptions[])
				shown.push(
					String(aloVoiceSubtitle(version, { resource: resource.value, operation: option.value })),
				);
		}
		expect(shown).toEqual([
			'Call Into IVR: Call',
			'Click-to-Call: Call',
			'Start Two-Way Call: Call',
			'Create: Campaign',
			'Get: Campaign',
			'Get Many: Extension',
			'Get Many: Line',
			'Download: Recording',
			'Analyze Call: Speech Analysis',
			'Get Result: Speech Analysis',
		]);
	});

	it('shows what it does not know as n8n would: an operation under its resource label, or both raw', () => {
		expect(aloVoiceSubtitle(2, { resource: 'line', operation: 'somethingNew' })).toBe(
			'somethingNew: Line',
		);
		// An unknown resource shows no operation parameter: n8n's own subtitle shows the same.
		expect(aloVoiceSubtitle(2, { resource: 'fax', operation: 'send' })).toBe('undefined: fax');
	});

	it('shows the defaults of a new node by their labels', () => {
		expect(aloVoiceSubtitle(2, {})).toBe('Start Two-Way Call: Call');
	});
});

describe('Telediscount subtitle', () => {
	it.each([1, 2])('version %s shows each operation and resource by their labels', (version) => {
		expect(telediscountSubtitle(version, { resource: 'call', operation: 'getMany' })).toBe(
			'Get Many: Call',
		);
		expect(telediscountSubtitle(version, { resource: 'call', operation: 'make' })).toBe(
			'Make: Call',
		);
		expect(telediscountSubtitle(version, { resource: 'recording', operation: 'download' })).toBe(
			'Download: Recording',
		);
	});

	it('a value the dropdowns do not know shows as it is', () => {
		expect(telediscountSubtitle(2, { resource: 'call', operation: 'old' })).toBe('old: Call');
	});
});
