import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, OperationModule> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to read about your AloVoice lines',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['line'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List your AloVoice lines (the numbers calls come from)',
				action: 'Get many lines',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
