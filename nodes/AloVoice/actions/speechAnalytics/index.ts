import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';
import * as analyze from './analyze.operation';
import * as getResult from './getResult.operation';

export const operations: Record<string, OperationModule> = { analyze, getResult };

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	description: "What to do with AloVoice's AI analysis of a recorded call",
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['speechAnalytics'] } },
	options: [
		{
			name: 'Analyze Call',
			value: 'analyze',
			description: "Send a recorded call to AloVoice's AI analysis",
			action: 'Analyze a call',
		},
		{
			name: 'Get Result',
			value: 'getResult',
			description: 'Get the transcript and quality tags of an analyzed call',
			action: 'Get an analysis result',
		},
	],
	default: 'analyze',
};

export const description: INodeProperties[] = [
	operation,
	...analyze.description,
	...getResult.description,
];

/** Version 2: Get Result waits for the analysis by default. */
export const descriptionV2: INodeProperties[] = [
	operation,
	...analyze.description,
	...getResult.descriptionV2,
];
