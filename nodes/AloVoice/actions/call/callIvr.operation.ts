// Call → Call Into IVR: AloVoice calls a number and plays it an IVR from one of your AloVoice lines.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { IvrCallRequest } from '../../helpers/interfaces';
import {
	externalIdProperty,
	integerParameter,
	languageOptions,
	languageParameter,
	phoneParameter,
	requestCall,
	textParameter,
	timeoutOption,
} from './common';

const show = { resource: ['call'], operation: ['callIvr'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'callTo',
		type: 'string',
		required: true,
		default: '',
		placeholder: '994412860',
		description: 'The number AloVoice calls (9 local digits or + and 12 digits)',
		displayOptions: { show },
	},
	{
		displayName: 'IVR ID',
		name: 'ivrId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: '222',
		description: 'The IVR to play, by its ID in the AloVoice settings (a whole number from 1)',
		displayOptions: { show },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: languageOptions,
		default: 'ru',
		description: "Language of the IVR's announcements (lang)",
		displayOptions: { show },
	},
	{
		displayName: 'From Line Name or ID',
		name: 'fromLine',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLines' },
		required: true,
		default: '',
		description:
			'Your AloVoice line to call from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	externalIdProperty(show),
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const callto = phoneParameter.call(
		this,
		this.getNodeParameter('callTo', itemIndex),
		'Phone',
		itemIndex,
	);
	// 0 is no IVR id (and n8n's default for a number): refused here rather than sent for the PBX to drop.
	const ivrid = integerParameter.call(
		this,
		this.getNodeParameter('ivrId', itemIndex),
		'IVR ID',
		'222',
		itemIndex,
		1,
	);
	const fromline = integerParameter.call(
		this,
		this.getNodeParameter('fromLine', itemIndex),
		'From Line',
		'712037006',
		itemIndex,
	);
	const lang = languageParameter.call(
		this,
		this.getNodeParameter('language', itemIndex, 'ru'),
		'Language',
		itemIndex,
	);
	const body: IvrCallRequest = { callto, ivrid, fromline, lang };
	const extid = textParameter.call(this, 'externalId', itemIndex);
	if (extid !== '') body.extid = extid;

	const answer = await requestCall.call(this, itemIndex, {
		endpoint: '/requestcall/{token}',
		action: 'starting the IVR call',
		body: body as unknown as IDataObject,
	});
	return [{ json: { success: true, ...body, answer } as unknown as IDataObject }];
}
