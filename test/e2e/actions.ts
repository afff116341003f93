// One n8n workflow per AloVoice action operation: a production Webhook starts it and answers
// with the AloVoice node's output, so the suite can compare both the HTTP answer and the
// execution n8n stored. Every operation the built node offers must have a case here.
import { randomUUID } from 'node:crypto';

import type { AloVoiceServer } from '../server/alovoice';
import { CREDENTIAL } from '../../scripts/lib/n8n';
import type { Workflow } from './stack';

export interface ActionCase {
	resource: string;
	operation: string;
	parameters: Record<string, unknown>;
	/** The AloVoice node's output items (their json), exactly. */
	expected: (standIn: AloVoiceServer) => unknown[];
	/** What the stand-in PBX must have received, when the operation changes something there. */
	afterwards?: (standIn: AloVoiceServer) => void;
}

export const ACTION_CASES: ActionCase[] = [
	{
		resource: 'line',
		operation: 'getMany',
		parameters: { returnAll: true },
		expected: () => [{ line: '551234567' }, { line: '712345678' }],
	},
	{
		resource: 'line',
		operation: 'getMany',
		parameters: { returnAll: false, limit: 1 },
		expected: () => [{ line: '551234567' }],
	},
];

export const caseKey = (action: ActionCase) => `${action.resource}.${action.operation}`;

export function actionWorkflowId(index: number) {
	return `e2eAction${String(index).padStart(7, '0')}`;
}

export function actionPath(index: number) {
	return `e2e-action-${index}`;
}

export function actionWorkflow(action: ActionCase, index: number): Workflow {
	return {
		id: actionWorkflowId(index),
		name: `e2e ${caseKey(action)} #${index}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: actionPath(index),
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'AloVoice',
				type: 'n8n-nodes-alovoice.aloVoice',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: action.resource, operation: action.operation, ...action.parameters },
				credentials: { aloVoiceApi: CREDENTIAL },
			},
		],
		connections: { Webhook: { main: [[{ node: 'AloVoice', type: 'main', index: 0 }]] } },
	};
}

/** Every resource.operation the built node offers, from its description. */
export function offeredOperations(description: { properties: Array<Record<string, any>> }): string[] {
	const offered: string[] = [];
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of property.options ?? []) offered.push(`${resource}.${option.value}`);
		}
	}
	return offered.sort();
}
