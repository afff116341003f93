// Campaign → Get: GET /mapi/getAutorule/{id}, one campaign per input item.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { aloVoiceRequest } from '../../transport';
import { normalizeCampaign, toCampaignId } from '../../helpers/campaign';
import { campaignObject } from './shared';

const show = { resource: ['campaign'], operation: ['get'] };

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123',
		description: 'The ID AloVoice gave the campaign when it was created, e.g. 123',
		displayOptions: { show },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = toCampaignId(this.getNodeParameter('campaignId', itemIndex), 'Campaign ID');
	if (!id.ok) throw new NodeOperationError(this.getNode(), id.reason, { itemIndex });

	const answer = await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: `/mapi/getAutorule/${id.value}`,
		auth: 'bearer',
		action: 'getting the campaign',
	});
	return [
		{ json: normalizeCampaign(await campaignObject.call(this, answer, 'getting the campaign')) },
	];
}
