import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as getMany from './getMany.operation';
import * as make from './make.operation';

export const operations: Record<string, OperationModule> = { make, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'Place a call or read the call history',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List calls from the call history, optionally filtered',
				action: 'Get many calls',
			},
			{
				name: 'Make',
				value: 'make',
				description: 'Ring a SIP account, then connect it to a number (click-to-call)',
				action: 'Make a call',
			},
		],
		default: 'make',
	},
	...make.description,
	...getMany.description,
];
