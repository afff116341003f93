// What the speech analysis operations share: the call ID check and the timeout option.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { timeoutProperty } from '../../../shared/options';

/** A call ID goes into the URL path: letters, digits, dots, dashes and underscores only. */
export function callIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('callId', itemIndex, '') as unknown;
	const callId = raw === undefined || raw === null ? '' : String(raw).trim();
	if (!/^[A-Za-z0-9_.-]{1,64}$/.test(callId) || /^\.+$/.test(callId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Call ID: "${callId}" is not a call ID. Use the ID of a recorded call as AloVoice gives it, e.g. 1001.`,
			{ itemIndex },
		);
	}
	return callId;
}

export function callIdProperty(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001',
		description,
		displayOptions: { show: { resource: ['speechAnalytics'], operation: [operation] } },
	};
}

export const timeoutOption = timeoutProperty(
	'How long to wait for each AloVoice answer before giving up',
);
