// Call → Make: Telediscount rings the SIP account (num_a), then connects the number (num_b).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/options';
import { timeoutOf } from '../../../shared/options';
import { checkSipAccount, checkUniversalNumber, parseCallIdAnswer, telediscountE164 } from '../../helpers/values';
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
		description: 'The SIP account that is rung first (num_a), as Telediscount names it, e.g. SIP/00000000672',
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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
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
	// Whatever shape the id comes in, an empty or HTML answer is a failed request, not a call.
	if (typeof raw === 'string' && (raw === '' || raw.startsWith('<'))) {
		throw new NodeApiError(this.getNode(), { message: 'no call id' }, {
			message: 'Telediscount answered without a call ID while placing the call',
			description: raw === '' ? 'The PBX answered with an empty body' : `The PBX answered: ${raw.slice(0, 200)}`,
		});
	}
	return [
		{
			json: {
				callId,
				sipAccount: numA.value,
				number: numB.value,
				numberE164: telediscountE164(numB.value) ?? null,
				raw: raw as IDataObject,
			},
		},
	];
}
