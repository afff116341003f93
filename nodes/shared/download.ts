// Recording → Download, as both providers do it: the output field, the File Name and Allowed Hosts
// options, which hosts a download may reach, and turning the answer into a binary item (refusing
// an answer that is not audio). Each provider's operation only says where its recording is.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BinaryAnswer } from './http';
import { bodyText, fileNameFromDisposition, headerValue, mimeTypeOf, quoteAnswer } from './http';
import type { HostRule } from './hosts';
import { hostRule, hostsOf, parseAllowedHosts } from './hosts';

/** Where a refused host is allowed, for error messages. */
export const ALLOW_HOST_HINT = 'To allow it, add the host to Options → Allowed Hosts.';

/** "Put Output File in Field", shown under `show`. */
export function binaryFieldProperty(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		description: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	};
}

/** Options → File Name. */
export function fileNameOption(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}

/** Options → Allowed Hosts; `ownHosts` says in words which hosts are allowed without it ("the credential's Base URL host"). */
export function allowedHostsOption(ownHosts: string): INodeProperties {
	return {
		displayName: 'Allowed Hosts',
		name: 'allowedHosts',
		type: 'string',
		default: '',
		placeholder: 'records.example.com, *.example.com',
		description: `Other hosts the recording may be downloaded from or redirected to, separated by commas: a host name (any port), host:port, *.example.com for its subdomains, or * for any host. By default only ${ownHosts}, so an address from an event cannot reach the n8n host's own network (loopback, cloud metadata, internal services).`,
	};
}

/** The item's output binary field, or a NodeOperationError before any request. */
export function binaryFieldOf(this: IExecuteFunctions, itemIndex: number): string {
	const name = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (name === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Put Output File in Field: empty. Give the name of the binary field for the file, e.g. data.',
			{ itemIndex },
		);
	}
	return name;
}

/** The hosts this item's download may reach: the provider's own (`ownUrls`' hosts) and Options → Allowed Hosts. */
export function downloadHostRule(
	this: IExecuteFunctions,
	itemIndex: number,
	ownUrls: string[],
): HostRule {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const extra = parseAllowedHosts(options.allowedHosts, 'Allowed Hosts');
	if (!extra.ok) throw new NodeOperationError(this.getNode(), extra.reason, { itemIndex });
	return hostRule(hostsOf(ownUrls), extra.value);
}

const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/ogg': 'ogg',
	'audio/webm': 'webm',
	'audio/mp4': 'm4a',
	'audio/gsm': 'gsm',
};

/** A file extension for an audio media type, for naming a download that came without a name (mp3 when unknown). */
export function audioExtension(mimeType: string | undefined): string {
	return EXTENSIONS[mimeType ?? ''] ?? 'mp3';
}

// A missing recording may come back as 200 with a text, HTML or JSON explanation.
const NOT_AUDIO = /^(text\/|application\/(json|xml|problem\+json)$)/;

export interface RecordingAnswer {
	/** "AloVoice". */
	provider: string;
	answer: BinaryAnswer;
	/** Never quoted in an error. */
	secrets: string[];
	binaryPropertyName: string;
	/** Options → File Name, when set. */
	fileName?: string;
	/** A name when neither the option nor the answer gives one. */
	fallbackName: (extension: string) => string;
	/** What identifies the recording in the output: `{ callId }`, `{ url }`. */
	json: IDataObject;
	/** Words after "answered without a recording": "for call 1001". */
	subject?: string;
}

/** The answer as an output item with the audio in its binary field, or a NodeApiError when it holds no audio. */
export async function recordingItem(
	this: IExecuteFunctions,
	itemIndex: number,
	recording: RecordingAnswer,
): Promise<INodeExecutionData[]> {
	const { answer } = recording;
	const mimeType = mimeTypeOf(headerValue(answer.headers, 'content-type'));
	if (answer.body.length === 0 || (mimeType && NOT_AUDIO.test(mimeType))) {
		const said =
			answer.body.length === 0
				? 'an empty body'
				: quoteAnswer(bodyText(answer.body), recording.secrets);
		throw new NodeApiError(
			this.getNode(),
			{ message: 'no recording' },
			{
				message: `${recording.provider} answered without a recording${recording.subject ? ` ${recording.subject}` : ''}`,
				description: `The PBX answered: ${said}`,
				httpCode: String(answer.statusCode),
				itemIndex,
			},
		);
	}
	const fileName =
		recording.fileName?.trim() ||
		fileNameFromDisposition(headerValue(answer.headers, 'content-disposition')) ||
		recording.fallbackName(audioExtension(mimeType));
	const binary = await this.helpers.prepareBinaryData(
		answer.body,
		fileName,
		mimeType ?? 'audio/mpeg',
	);
	return [
		{
			json: {
				...recording.json,
				fileName,
				mimeType: binary.mimeType,
				fileSize: answer.body.length,
			},
			binary: { [recording.binaryPropertyName]: binary },
		},
	];
}
