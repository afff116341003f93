// Recording → Download: a call recording (a URL from a call event or result) or a call's stereo audio, as binary data.
import type { IExecuteFunctions, IN8nHttpFullResponse, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { bodyText, fileNameFromDisposition, headerValue, mimeTypeOf, quoteAnswer } from '../../../shared/http';
import { aloVoiceRequest, getAloVoiceCredentials } from '../../transport';
import { timeoutOf, timeoutProperty } from '../../../shared/options';

const show = { resource: ['recording'], operation: ['download'] };

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: "Call's Stereo Audio",
				value: 'stereo',
				description: 'The stereo audio of a call sent to speech analysis (/stereo/{call ID})',
			},
			{
				name: 'Recording URL',
				value: 'url',
				description: "The 'record' URL of a call-ended event or a call result",
			},
		],
		default: 'url',
		description: 'Where the audio comes from',
		displayOptions: { show },
	},
	{
		displayName: 'Recording URL',
		name: 'recordingUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://cld.alovoice.uz/records/2025/04/25/call-1001.mp3',
		description:
			"The recording's address as AloVoice gives it: absolute (http or https), or a path like /records/x.mp3 on the credential's Base URL. The token is never sent with it.",
		displayOptions: { show: { ...show, source: ['url'] } },
	},
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001',
		description: 'The call whose stereo audio to download (as in Speech Analysis results)',
		displayOptions: { show: { ...show, source: ['stereo'] } },
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'call-1001.mp3',
				description: "The output file's name; by default the name AloVoice gives, or the last part of the URL",
			},
			timeoutProperty('How long to wait for the recording before giving up'),
		],
	},
];

const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/ogg': 'ogg',
	'audio/webm': 'webm',
	'audio/mp4': 'm4a',
};

// A missing recording may come back as 200 with a text, HTML or JSON explanation.
const NOT_AUDIO = /^(text\/|application\/(json|xml|problem\+json)$)/;

/**
 * The absolute URL of a recording: an http(s) URL as it is, or a path (`/records/x.mp3`)
 * on the base URL; undefined for anything else.
 */
export function resolveRecordingUrl(value: string, baseUrl: string): string | undefined {
	const text = value.trim();
	if (text === '' || /\s/.test(text)) return undefined;
	try {
		if (text.startsWith('/') && !text.startsWith('//')) return new URL(`${baseUrl}${text}`).toString();
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
	} catch {
		return undefined;
	}
}

function lastPathPart(url: string): string | undefined {
	try {
		const part = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
		return part.trim() || undefined;
	} catch {
		return undefined;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const source = this.getNodeParameter('source', itemIndex, 'url') as string;
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (binaryPropertyName === '') {
		throw new NodeOperationError(
			node,
			'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.',
			{ itemIndex },
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };
	const { baseUrl, token } = await getAloVoiceCredentials.call(this);

	let url: string;
	let callId: string | undefined;
	if (source === 'stereo') {
		callId = String(this.getNodeParameter('callId', itemIndex, '') ?? '').trim();
		if (!/^[A-Za-z0-9_.-]{1,64}$/.test(callId) || /^\.+$/.test(callId)) {
			throw new NodeOperationError(
				node,
				`Call ID: "${callId}" is not a call ID. Use the ID of a recorded call as AloVoice gives it, e.g. 1001.`,
				{ itemIndex },
			);
		}
		url = `${baseUrl}/stereo/${encodeURIComponent(callId)}`;
	} else {
		const given = String(this.getNodeParameter('recordingUrl', itemIndex, '') ?? '');
		const resolved = resolveRecordingUrl(given, baseUrl);
		if (!resolved) {
			throw new NodeOperationError(
				node,
				`Recording URL: "${given.trim()}" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).`,
				{ itemIndex },
			);
		}
		url = resolved;
	}

	// The token is not documented for recordings: it is never sent, so it cannot reach another host.
	const answer = (await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: '',
		url,
		auth: 'none',
		action: 'downloading the recording',
		response: 'binary',
		timeout: timeoutOf.call(this, itemIndex),
	})) as IN8nHttpFullResponse & { body: Buffer };
	const headers = answer.headers ?? {};
	const mimeType = mimeTypeOf(headerValue(headers, 'content-type'));
	if (answer.body.length === 0 || (mimeType && NOT_AUDIO.test(mimeType))) {
		const said = answer.body.length === 0 ? 'an empty body' : quoteAnswer(bodyText(answer.body), [token]);
		throw new NodeApiError(node, { message: 'no recording' }, {
			message: 'AloVoice answered without a recording',
			description: `The PBX answered: ${said}`,
			httpCode: String(answer.statusCode),
			itemIndex,
		});
	}
	const extension = EXTENSIONS[mimeType ?? ''] ?? 'mp3';
	const fileName =
		options.fileName?.trim() ||
		fileNameFromDisposition(headerValue(headers, 'content-disposition')) ||
		(source === 'stereo' ? `stereo-${callId}.${extension}` : lastPathPart(url)) ||
		`recording.${extension}`;
	const binary = await this.helpers.prepareBinaryData(answer.body, fileName, mimeType ?? 'audio/mpeg');
	const json = source === 'stereo' ? { callId } : { url };
	return [
		{
			json: { ...json, fileName, mimeType: binary.mimeType, fileSize: answer.body.length },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
