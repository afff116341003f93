import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { aloVoiceRequest } from '../../transport';
import { toStringList } from '../../helpers/values';

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { resource: ['line'], operation: ['getMany'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['line'], operation: ['getMany'], returnAll: [false] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: '/mapi/getMyTrunks',
		auth: 'bearer',
		action: 'listing the lines',
	});
	let lines = toStringList(answer, 'the list of lines');
	if (!this.getNodeParameter('returnAll', itemIndex, true)) {
		lines = lines.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	}
	return lines.map((line) => ({ json: { line } }));
}
