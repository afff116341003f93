import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './actions/call';
import * as recording from './actions/recording';
import { router } from './actions/router';
import { telediscountApiTest } from './methods/credentialTest';

export class Telediscount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telediscount',
		name: 'telediscount',
		icon: { light: 'file:telediscount.svg', dark: 'file:telediscount.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Make calls, list the call history and download recordings from the Telediscount cloud PBX',
		defaults: { name: 'Telediscount' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Tested by a function, not the credential's own request: see methods/credentialTest.ts.
		credentials: [{ name: 'telediscountApi', required: true, testedBy: 'telediscountApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				description: 'What in the Telediscount account to work with',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Recording', value: 'recording' },
				],
				default: 'call',
			},
			...call.description,
			...recording.description,
		],
	};

	methods = { credentialTest: { telediscountApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
