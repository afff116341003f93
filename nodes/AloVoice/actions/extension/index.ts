import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, OperationModule> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: "What to read about the employees' extensions",
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['extension'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the employees' extensions in AloVoice",
				action: 'Get many extensions',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
