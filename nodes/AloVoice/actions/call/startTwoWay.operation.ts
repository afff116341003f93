// Call → Start Two-Way Call: AloVoice rings the initiator, then the recipients in order (or a queue) and bridges them.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallLanguage, TwoWayCallRequest } from '../../helpers/interfaces';
import {
	externalIdProperty,
	languageOptions,
	languageParameter,
	phoneParameter,
	requestCall,
	textParameter,
	timeoutOption,
} from './common';

const show = { resource: ['call'], operation: ['startTwoWay'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Initiator Phone',
		name: 'callFrom',
		type: 'string',
		required: true,
		default: '',
		placeholder: '712037006',
		description:
			'Who AloVoice calls first (9 local digits or + and 12 digits); once they answer, the recipients are dialled',
		displayOptions: { show },
	},
	{
		displayName: 'Initiator Language',
		name: 'callFromLanguage',
		type: 'options',
		options: languageOptions,
		default: 'ru',
		description: 'Language of the announcements the initiator hears',
		displayOptions: { show },
	},
	{
		displayName: 'Call To',
		name: 'callToType',
		type: 'options',
		options: [
			{
				name: 'Phones in Order',
				value: 'phones',
				description: 'Dial the numbers one after another until one answers',
			},
			{
				name: 'Queue',
				value: 'queue',
				description: 'Put the call through to a queue (department)',
			},
		],
		default: 'phones',
		description: 'Whom to bridge the initiator with',
		displayOptions: { show },
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Recipient',
		default: {},
		description: 'The numbers to dial, in order, until one answers',
		displayOptions: { show: { ...show, callToType: ['phones'] } },
		options: [
			{
				displayName: 'Recipient',
				name: 'recipient',
				values: [
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: '994412860',
						description: 'Number to dial: 9 local digits or + and 12 digits',
					},
					{
						displayName: 'Language',
						name: 'language',
						type: 'options',
						options: languageOptions,
						default: 'ru',
						description: 'Language of the announcements this recipient hears',
					},
				],
			},
		],
	},
	{
		displayName: 'Queue Number',
		name: 'queue',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6000',
		description: 'The queue (department) number from the AloVoice settings',
		displayOptions: { show: { ...show, callToType: ['queue'] } },
	},
	externalIdProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		description: 'Less common settings: how long to wait for the PBX and the request body format',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Body Format',
				name: 'bodyFormat',
				type: 'options',
				options: [
					{ name: 'JSON', value: 'json', description: "The shape of the documentation's examples" },
					{
						name: 'Multipart',
						value: 'multipart',
						description: 'Form fields, as the documentation text says; objects as JSON text',
					},
				],
				default: 'json',
				description: 'How to send the request body (the AloVoice documentation names both)',
			},
			timeoutOption,
		],
	},
];

/** Whom the initiator is connected to: a queue, or the recipients with their languages. */
function calledParty(this: IExecuteFunctions, itemIndex: number): TwoWayCallRequest['callto'] {
	const type = this.getNodeParameter('callToType', itemIndex, 'phones') as string;
	if (type === 'queue') {
		const queue = textParameter.call(this, 'queue', itemIndex);
		if (!/^\d{1,10}$/.test(queue)) {
			throw new NodeOperationError(
				this.getNode(),
				`Queue Number: "${queue}" is not a queue number. Use the digits of the queue, e.g. 6000.`,
				{ itemIndex },
			);
		}
		return [{ queue }];
	}
	const entries =
		(this.getNodeParameter('recipients.recipient', itemIndex, []) as Array<{
			phone?: string;
			language?: CallLanguage;
		}>) ?? [];
	if (entries.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Recipients: empty. Add at least one recipient phone, e.g. 994412860.',
			{ itemIndex },
		);
	}
	return entries.map((entry, index) => ({
		phone: phoneParameter.call(
			this,
			entry.phone,
			`Recipients (entry ${index + 1}) Phone`,
			itemIndex,
		),
		lang: languageParameter.call(
			this,
			entry.language,
			`Recipients (entry ${index + 1}) Language`,
			itemIndex,
		),
	}));
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const lang = languageParameter.call(
		this,
		this.getNodeParameter('callFromLanguage', itemIndex, 'ru'),
		'Initiator Language',
		itemIndex,
	);
	const callfrom = {
		phone: phoneParameter.call(
			this,
			this.getNodeParameter('callFrom', itemIndex),
			'Initiator Phone',
			itemIndex,
		),
		lang,
	};
	const callto = calledParty.call(this, itemIndex);
	const body: TwoWayCallRequest = { callfrom, callto };
	const extid = textParameter.call(this, 'externalId', itemIndex);
	if (extid !== '') body.extid = extid;
	const options = this.getNodeParameter('options', itemIndex, {}) as { bodyFormat?: string };

	const answer = await requestCall.call(this, itemIndex, {
		endpoint: '/requestcall/{token}',
		action: 'starting the two-way call',
		body: body as unknown as IDataObject,
		multipart: options.bodyFormat === 'multipart',
	});
	return [{ json: { success: true, ...body, answer } as unknown as IDataObject }];
}
