import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as create from './create.operation';
import * as get from './get.operation';

export const operations: Record<string, OperationModule> = { create, get };

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	description: 'What to do with an autodial campaign',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create an autodial campaign that plays an MP3 message to a list of numbers',
			action: 'Create a campaign',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a campaign by its ID',
			action: 'Get a campaign',
		},
	],
	default: 'create',
};

export const description: INodeProperties[] = [
	operation,
	...create.description,
	...get.description,
];

/** Version 2: Create's dates as n8n date pickers. */
export const descriptionV2: INodeProperties[] = [
	operation,
	...create.descriptionV2,
	...get.description,
];
