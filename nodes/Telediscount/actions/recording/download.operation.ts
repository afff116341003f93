// Recording → Download: get_record's audio as n8n binary data.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BinaryAnswer } from '../../../shared/http';
import { bodyText, fileNameFromDisposition, headerValue, mimeTypeOf, quoteAnswer } from '../../../shared/http';
import { optionsCollection } from '../../helpers/options';
import { timeoutOf } from '../../../shared/options';
import { checkCallId, extensionFor } from '../../helpers/values';
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
		description: 'The call whose recording to download (api_call_id), as given by Call → Make, Call → Get Many or a call event',
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	},
	optionsCollection('recording', 'download', [
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'call-c1f926a8.mp3',
			description: "The output file's name; by default the name Telediscount gives, or the call ID with the audio's extension",
		},
	]),
];

// A recording that does not exist may come back as 200 with a text or JSON explanation.
const NOT_AUDIO = /^(text\/|application\/(json|xml|problem\+json)$)/;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const callId = checkCallId(this.getNodeParameter('apiCallId', itemIndex), 'Call ID (api_call_id)');
	if (!callId.ok) throw new NodeOperationError(this.getNode(), callId.reason, { itemIndex });
	const apiCallId = callId.value;
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex) ?? '').trim();
	if (binaryPropertyName === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.',
			{ itemIndex },
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };

	const answer = (await telediscountRequest.call(this, {
		endpoint: 'get_record',
		query: { api_call_id: apiCallId },
		action: 'downloading the recording',
		response: 'binary',
		timeout: timeoutOf.call(this, itemIndex),
	})) as BinaryAnswer;
	const mimeType = mimeTypeOf(headerValue(answer.headers, 'content-type'));
	if (answer.body.length === 0 || (mimeType && NOT_AUDIO.test(mimeType))) {
		const { apiKey } = await getTelediscountCredentials.call(this);
		const said = answer.body.length === 0 ? 'an empty body' : quoteAnswer(bodyText(answer.body), [apiKey]);
		throw new NodeApiError(this.getNode(), { message: 'no recording' }, {
			message: `Telediscount answered without a recording for call ${apiCallId}`,
			description: `The PBX answered: ${said}`,
			httpCode: String(answer.statusCode),
		});
	}
	const fileName =
		options.fileName?.trim() ||
		fileNameFromDisposition(headerValue(answer.headers, 'content-disposition')) ||
		`${apiCallId}.${extensionFor(mimeType)}`;
	const binary = await this.helpers.prepareBinaryData(answer.body, fileName, mimeType ?? 'audio/mpeg');
	return [
		{
			json: { callId: apiCallId, fileName, mimeType: binary.mimeType, fileSize: answer.body.length },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
