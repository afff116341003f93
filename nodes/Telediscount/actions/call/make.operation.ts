// Call → Make: Telediscount rings the SIP account (num_a), then connects the number (num_b).
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { callNumberE164 } from '../../helpers/call';
import { optionsCollection } from '../../helpers/options';
import { timeoutOf } from '../../../shared/options';
import {
	checkSipAccount,
	checkUniversalNumber,
	parseCallIdAnswer,
	telediscountE164,
} from '../../helpers/values';
import { quoteAnswer } from '../../../shared/http';
import { refusalOf } from '../../../shared/refusal';
import { telediscountRequest } from '../../transport';

const show = { resource: ['call'], operation: ['make'] };

export const description: INodeProperties[] = [
	{
		displayName: 'SIP Account',
		name: 'numA',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'SIP/00000000672',
		description:
			'The SIP account that is rung first (num_a), as Telediscount names it, e.g. SIP/00000000672',
		displayOptions: { show },
	},
	{
		displayName: 'Number',
		name: 'numB',
		type: 'string',
		required: true,
		default: '',
		placeholder: '74951234567',
		description:
			'The number connected once the SIP account answers (num_b), with the country code, e.g. 74951234567. +7 …, 8 …, spaces and dashes are accepted.',
		displayOptions: { show },
	},
	optionsCollection('call', 'make'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const numA = checkSipAccount(this.getNodeParameter('numA', itemIndex), 'SIP Account (num_a)');
	if (!numA.ok) throw new NodeOperationError(this.getNode(), numA.reason, { itemIndex });
	const numB = checkUniversalNumber(this.getNodeParameter('numB', itemIndex), 'Number (num_b)');
	if (!numB.ok) throw new NodeOperationError(this.getNode(), numB.reason, { itemIndex });

	const answer = (await telediscountRequest.call(this, {
		endpoint: 'outcome',
		query: { num_a: numA.value, num_b: numB.value },
		action: 'placing the call',
		response: 'text',
		timeout: timeoutOf.call(this, itemIndex),
	})) as string;
	const { callId, raw } = parseCallIdAnswer(answer);
	// The answer's shape is reconstructed, not documented: any 2xx answer that is not an explicit
	// refusal (nodes/shared/refusal.ts) means the call was placed, with or without an id we can
	// read. Failing on it would invite a retry, and a retry rings the SIP account a second time.
	const refusal = refusalOf(raw);
	if (refusal !== undefined) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'refused' },
			{
				message: `Telediscount refused the request while placing the call: ${refusal}`,
				description: `The PBX answered: ${quoteAnswer(answer, [])}`,
			},
		);
	}
	return [
		{
			json: {
				callId,
				sipAccount: numA.value,
				number: numB.value,
				// Version 2 uses the E.164 rule of every call item (helpers/call.ts).
				numberE164:
					this.getNode().typeVersion >= 2
						? callNumberE164(numB.value)
						: (telediscountE164(numB.value) ?? null),
				raw: raw as IDataObject,
			},
		},
	];
}
