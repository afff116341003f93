import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as line from './actions/line';
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
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'aloVoiceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Line', value: 'line' }],
				default: 'line',
			},
			...line.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
