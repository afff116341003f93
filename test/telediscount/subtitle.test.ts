// The Telediscount node's subtitle reads as words ("Get Many: Call"), evaluated as n8n's editor
// evaluates a subtitle (getSimpleParameterValue with only the node's parameters).
import 'reflect-metadata';
import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Telediscount } from '../../nodes/Telediscount/Telediscount.node';
import { PACKAGE, nodeTypes, registerNodeType } from '../harness/engine';

registerNodeType(new Telediscount());

function subtitleOf(version: number, parameters: Record<string, unknown>): unknown {
	const node = {
		id: 'subtitle-node',
		name: 'Telediscount',
		type: `${PACKAGE}.telediscount`,
		typeVersion: version,
		position: [0, 0],
		parameters,
	} as INode;
	const subtitle = new Telediscount().getNodeType(version).description.subtitle as string;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {});
}

describe('Telediscount subtitle', () => {
	it.each([1, 2])('version %s shows each operation and resource by their labels', (version) => {
		expect(subtitleOf(version, { resource: 'call', operation: 'getMany' })).toBe('Get Many: Call');
		expect(subtitleOf(version, { resource: 'call', operation: 'make' })).toBe('Make: Call');
		expect(subtitleOf(version, { resource: 'recording', operation: 'download' })).toBe(
			'Download: Recording',
		);
	});

	it('a value the dropdowns do not know shows as it is', () => {
		expect(subtitleOf(2, { resource: 'call', operation: 'old' })).toBe('old: Call');
	});
});
