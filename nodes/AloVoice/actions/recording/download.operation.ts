// Recording → Download: a call recording (a URL from a call event or result) or a call's stereo audio, as binary data.
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
import type { HostRule } from '../../../shared/hosts';
import type { BinaryAnswer } from '../../../shared/http';
import { timeoutOf, timeoutProperty } from '../../../shared/options';
import { aloVoiceRequest, getAloVoiceCredentials } from '../../transport';

/** Where the API page says recordings are (a call-ended event's `record`: "https://cld.alovoice.uz/…"). */
export const RECORDING_HOST_URL = 'https://cld.alovoice.uz';

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
			"The recording's address as AloVoice gives it: absolute (http or https), or a path like /records/x.mp3 on the credential's Base URL. Only the Base URL's host and cld.alovoice.uz are fetched from unless Options → Allowed Hosts adds others. The token is never sent with it.",
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
	binaryFieldProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		description: 'Less common settings: file name, hosts allowed besides the PBX, how long to wait',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			allowedHostsOption("the credential's Base URL host and cld.alovoice.uz"),
			fileNameOption(
				'call-1001.mp3',
				"The output file's name; by default the name AloVoice gives, or the last part of the URL",
			),
			timeoutProperty('How long to wait for the recording before giving up'),
		],
	},
];

/**
 * The absolute URL of a recording: an http(s) URL as it is, or a path (`/records/x.mp3`)
 * on the base URL; undefined for anything else.
 */
export function resolveRecordingUrl(value: string, baseUrl: string): string | undefined {
	const text = value.trim();
	if (text === '' || /\s/.test(text)) return undefined;
	try {
		if (text.startsWith('/') && !text.startsWith('//'))
			return new URL(`${baseUrl}${text}`).toString();
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

/** The Call ID parameter, refused unless it can be one path segment of /stereo/. */
function stereoCallId(this: IExecuteFunctions, itemIndex: number): string {
	const callId = String(this.getNodeParameter('callId', itemIndex, '') ?? '').trim();
	if (!/^[A-Za-z0-9_.-]{1,64}$/.test(callId) || /^\.+$/.test(callId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Call ID: "${callId}" is not a call ID. Use the ID of a recorded call as AloVoice gives it, e.g. 1001.`,
			{ itemIndex },
		);
	}
	return callId;
}

/** The Recording URL parameter made absolute, on a host the node may download from. */
function recordingUrl(
	this: IExecuteFunctions,
	itemIndex: number,
	baseUrl: string,
	hosts: HostRule,
): string {
	const given = String(this.getNodeParameter('recordingUrl', itemIndex, '') ?? '');
	const resolved = resolveRecordingUrl(given, baseUrl);
	if (!resolved) {
		throw new NodeOperationError(
			this.getNode(),
			`Recording URL: "${given.trim()}" is not a recording address. Use an http(s) URL (https://cld.alovoice.uz/records/x.mp3) or a path on the Base URL (/records/x.mp3).`,
			{ itemIndex },
		);
	}
	// A recording URL may come from a forged event: refused before any connection is made.
	const host = new URL(resolved).host;
	if (!hosts.allows(new URL(resolved))) {
		throw new NodeOperationError(
			this.getNode(),
			`Recording URL: the host ${host} is not one the node downloads from (allowed: ${hosts.described}). ${ALLOW_HOST_HINT}`,
			{ itemIndex },
		);
	}
	return resolved;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('source', itemIndex, 'url') as string;
	const binaryPropertyName = binaryFieldOf.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };
	const { baseUrl, token } = await getAloVoiceCredentials.call(this);
	const hosts = downloadHostRule.call(this, itemIndex, [baseUrl, RECORDING_HOST_URL]);

	const callId = source === 'stereo' ? stereoCallId.call(this, itemIndex) : undefined;
	const url =
		callId !== undefined
			? `${baseUrl}/stereo/${encodeURIComponent(callId)}`
			: recordingUrl.call(this, itemIndex, baseUrl, hosts);

	// The token is not documented for recordings: it is never sent, so it cannot reach another host.
	const answer = (await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: '',
		url,
		auth: 'none',
		action: 'downloading the recording',
		response: 'binary',
		timeout: timeoutOf.call(this, itemIndex),
		redirects: hosts,
		redirectHint: ALLOW_HOST_HINT,
	})) as BinaryAnswer;
	return await recordingItem.call(this, itemIndex, {
		provider: 'AloVoice',
		answer,
		secrets: [token],
		binaryPropertyName,
		fileName: options.fileName,
		fallbackName: (extension) =>
			source === 'stereo'
				? `stereo-${callId}.${extension}`
				: (lastPathPart(url) ?? `recording.${extension}`),
		json: source === 'stereo' ? { callId } : { url },
		subject: source === 'stereo' ? `for call ${callId}` : undefined,
	});
}
