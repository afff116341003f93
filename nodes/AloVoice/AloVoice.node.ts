import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './actions/call';
import * as campaign from './actions/campaign';
import * as extension from './actions/extension';
import * as line from './actions/line';
import * as recording from './actions/recording';
import * as speechAnalytics from './actions/speechAnalytics';
import { router } from './actions/router';
import { loadOptions } from './methods/loadOptions';

export class AloVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AloVoice',
		name: 'aloVoice',
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Start autodial campaigns and calls, list lines and extensions, and get speech analytics and recordings from the AloVoice cloud PBX',
		defaults: { name: 'AloVoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aloVoiceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				description: 'What in the AloVoice PBX to work with',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Extension', value: 'extension' },
					{ name: 'Line', value: 'line' },
					{ name: 'Recording', value: 'recording' },
					{ name: 'Speech Analysis', value: 'speechAnalytics' },
				],
				default: 'call',
			},
			...call.description,
			...campaign.description,
			...extension.description,
			...line.description,
			...recording.description,
			...speechAnalytics.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
