import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as callIvr from './callIvr.operation';
import * as clickToCall from './clickToCall.operation';
import * as startTwoWay from './startTwoWay.operation';

export const operations: Record<string, OperationModule> = { callIvr, clickToCall, startTwoWay };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'Which call to place',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Call Into IVR',
				value: 'callIvr',
				description: 'Call a number and play it an IVR from one of the lines',
				action: 'Call a number and play an IVR',
			},
			{
				name: 'Click-to-Call',
				value: 'clickToCall',
				description: "Ring an employee's extension, then dial the client",
				action: 'Ring an extension and dial a client',
			},
			{
				name: 'Start Two-Way Call',
				value: 'startTwoWay',
				description:
					'Call the initiator, then the recipients in order (or a queue), and bridge them',
				action: 'Call an initiator and connect them to a recipient',
			},
		],
		default: 'startTwoWay',
	},
	...startTwoWay.description,
	...callIvr.description,
	...clickToCall.description,
];
