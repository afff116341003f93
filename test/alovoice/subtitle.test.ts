// The AloVoice node's subtitle reads as words, "Get Many: Line": the expression operationSubtitle
// builds, evaluated as n8n's editor evaluates a subtitle (getSimpleParameterValue with only the
// node's parameters), for every resource and operation of both versions.
import 'reflect-metadata';
import type { INode, INodePropertyOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AloVoice } from '../../nodes/AloVoice/AloVoice.node';
import { PACKAGE, nodeTypes } from '../harness/engine';

function subtitleOf(version: number, parameters: Record<string, unknown>): unknown {
	const node = {
		id: 'subtitle-node',
		name: 'AloVoice',
		type: `${PACKAGE}.aloVoice`,
		typeVersion: version,
		position: [0, 0],
		parameters,
	} as INode;
	const subtitle = new AloVoice().getNodeType(version).description.subtitle as string;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {});
}

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
					String(subtitleOf(version, { resource: resource.value, operation: option.value })),
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
		expect(subtitleOf(2, { resource: 'line', operation: 'somethingNew' })).toBe(
			'somethingNew: Line',
		);
		// An unknown resource shows no operation parameter: n8n's own subtitle shows the same.
		expect(subtitleOf(2, { resource: 'fax', operation: 'send' })).toBe('undefined: fax');
	});

	it('shows the defaults of a new node by their labels', () => {
		expect(subtitleOf(2, {})).toBe('Start Two-Way Call: Call');
	});
});
