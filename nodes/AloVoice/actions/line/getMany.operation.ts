import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { aloVoiceRequest } from '../../transport';
import { toStringList } from '../../helpers/values';
import { returnAllAndLimit } from '../../../shared/options';

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

export const description: INodeProperties[] = [
	...returnAllAndLimit({ resource: ['line'], operation: ['getMany'] }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
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
