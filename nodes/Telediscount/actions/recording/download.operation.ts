// Recording → Download: get_record's audio as n8n binary data (the flow is shared with AloVoice: nodes/shared/download.ts).
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	ALLOW_HOST_HINT,
	allowedHostsOption,
	binaryFieldOf,
	binaryFieldProperty,
	downloadHostRule,
	fileNameOption,
	recordingItem,
} from '../../../shared/download';
import type { BinaryAnswer } from '../../../shared/http';
import { timeoutOf } from '../../../shared/options';
import { optionsCollection } from '../../helpers/options';
import { checkCallId } from '../../helpers/values';
import { getTelediscountCredentials, telediscountRequest } from '../../transport';

const show = { resource: ['recording'], operation: ['download'] };

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'apiCallId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'c1f926a8f5727b77f9cbf39d8f35d061',
		description:
			'The call whose recording to download (api_call_id), as given by Call → Make, Call → Get Many or a call event',
		displayOptions: { show },
	},
	binaryFieldProperty(show),
	optionsCollection('recording', 'download', [
		allowedHostsOption(
			"the credential's Base URL host (if get_record redirects to where the recordings are stored, add that host)",
		),
		fileNameOption(
			'call-c1f926a8.mp3',
			"The output file's name; by default the name Telediscount gives, or the call ID with the audio's extension",
		),
	]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const callId = checkCallId(
		this.getNodeParameter('apiCallId', itemIndex),
		'Call ID (api_call_id)',
	);
	if (!callId.ok) throw new NodeOperationError(this.getNode(), callId.reason, { itemIndex });
	const apiCallId = callId.value;
	const binaryPropertyName = binaryFieldOf.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };
	const { apiKey, baseUrl } = await getTelediscountCredentials.call(this);

	const answer = (await telediscountRequest.call(this, {
		endpoint: 'get_record',
		query: { api_call_id: apiCallId },
		action: 'downloading the recording',
		response: 'binary',
		timeout: timeoutOf.call(this, itemIndex),
		redirects: downloadHostRule.call(this, itemIndex, [baseUrl]),
		redirectHint: ALLOW_HOST_HINT,
	})) as BinaryAnswer;
	return await recordingItem.call(this, itemIndex, {
		provider: 'Telediscount',
		answer,
		secrets: [apiKey],
		binaryPropertyName,
		fileName: options.fileName,
		fallbackName: (extension) => `${apiCallId}.${extension}`,
		json: { callId: apiCallId },
		subject: `for call ${apiCallId}`,
	});
}
