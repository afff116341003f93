import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as download from './download.operation';

export const operations: Record<string, OperationModule> = { download };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do with a call recording',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: "Download a call's recording as binary data",
				action: 'Download a recording',
			},
		],
		default: 'download',
	},
	...download.description,
];
