// Call → Click-to-Call: AloVoice rings an employee's extension, then dials the client's number.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ClickToCallRequest } from '../../helpers/interfaces';
import {
	integerParameter,
	phoneParameter,
	requestCall,
	textParameter,
	timeoutOption,
} from './common';

const show = { resource: ['call'], operation: ['clickToCall'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Extension Name or ID',
		name: 'extension',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getExtensions' },
		required: true,
		default: '',
		description:
			'The employee\'s extension that rings first. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'Phone',
		name: 'number',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+998994412860',
		description: "The client's number, dialled once the extension answers; sent as + and 12 digits",
		displayOptions: { show },
	},
	{
		displayName: 'CRM Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e5e456se456s56w456',
		description: "Your CRM's ID for this call (call_id)",
		displayOptions: { show },
	},
	{
		displayName: 'CRM User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '22',
		description: "Your CRM's ID of the employee who starts the call (user_id)",
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Less common settings, such as how long to wait for the PBX',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [timeoutOption],
	},
];

const asNumberIfDigits = (text: string): number | string =>
	/^\d{1,15}$/.test(text) ? Number(text) : text;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const innerPhone = integerParameter.call(
		this,
		this.getNodeParameter('extension', itemIndex),
		'Extension',
		'2424',
		itemIndex,
	);
	let number = phoneParameter.call(
		this,
		this.getNodeParameter('number', itemIndex),
		'Phone',
		itemIndex,
	);
	// outcall documents the number as +998…: a 9-digit local number gets the country code.
	if (/^\d{9}$/.test(number)) number = `+998${number}`;
	const callId = textParameter.call(this, 'callId', itemIndex);
	if (callId === '' || callId.length > 64) {
		throw new NodeOperationError(
			this.getNode(),
			`CRM Call ID: "${callId}" is not a call ID. Use your CRM's ID of the call, up to 64 characters, e.g. e5e456se456s56w456.`,
			{ itemIndex },
		);
	}
	const userId = textParameter.call(this, 'userId', itemIndex);
	if (userId === '') {
		throw new NodeOperationError(
			this.getNode(),
			"CRM User ID: empty. Use your CRM's ID of the employee, e.g. 22.",
			{
				itemIndex,
			},
		);
	}
	const body: ClickToCallRequest = {
		call_id: callId,
		inner_phone: innerPhone,
		number,
		user_id: asNumberIfDigits(userId),
	};

	const answer = await requestCall.call(this, itemIndex, {
		endpoint: '/outcall/{token}',
		action: 'starting the click-to-call',
		body: body as unknown as IDataObject,
	});
	return [{ json: { success: true, ...body, answer } as unknown as IDataObject }];
}
