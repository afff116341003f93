// Campaign → Create: POST /mapi/addAutorule (multipart) with the MP3 message and the recipients
// CSV. One campaign for all input items: the recipients are either the input items themselves
// (one row per item) or a CSV file the first item carries.
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { aloVoiceRequest } from '../../transport';
import { buildCsv, countCsvRecords } from '../../helpers/csv';
import type { CampaignSettings, Skipped } from '../../helpers/recipients';
import { campaignForm, extraColumnsOf, recipientRows } from '../../helpers/recipients';
import type { Checked } from '../../../shared/checked';
import {
	TIME_ZONES,
	normalizeCampaign,
	toCampaignDate,
	toCampaignTime,
	toCampaignTimeZone,
	toTrunkList,
} from '../../helpers/campaign';
import { campaignObject } from './shared';

const show = { resource: ['campaign'], operation: ['create'] };

/**
 * A day of the calling window. Version 1: text (YYYY.MM.DD, as typed in saved workflows).
 * Version 2: n8n's date picker, whose "2026-12-01T00:00:00" is sent as 2026.12.01; typed
 * YYYY.MM.DD and expressions still work (helpers/campaign.ts, toCampaignDate).
 */
function dateProperty(
	name: string,
	displayName: string,
	which: string,
	example: string,
	version: number,
): INodeProperties {
	const property: INodeProperties = {
		displayName,
		name,
		type: version === 1 ? 'string' : 'dateTime',
		required: true,
		default: '',
		placeholder: example,
		description:
			version === 1
				? `${which} day of the calling window, YYYY.MM.DD (${example.replace(/\./g, '-')} and ISO date-times from expressions are converted)`
				: `${which} day of the calling window, in the campaign time zone; the time of day is ignored. An expression may give YYYY.MM.DD (${example}).`,
		displayOptions: { show },
	};
	return property;
}

function properties(version: number): INodeProperties[] {
	return [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'December payment reminder',
			description: 'The campaign name shown in AloVoice',
			displayOptions: { show },
		},
		{
			displayName: 'Input Binary Field',
			name: 'messageBinaryProperty',
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'data',
			description:
				'The binary field of the first input item that holds the MP3 message played to each recipient',
			hint: 'The MP3 message played to each recipient',
			displayOptions: { show },
		},
		{
			displayName: 'Recipients From',
			name: 'recipientsFrom',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Binary CSV File',
					value: 'binaryFile',
					description: 'A CSV file in a binary field of the first input item, uploaded as it is',
				},
				{
					name: 'Input Items',
					value: 'inputItems',
					description:
						'One recipient per input item: the node builds the CSV from a field of each item',
				},
			],
			default: 'inputItems',
			description: 'Where the list of numbers to call comes from',
			displayOptions: { show },
		},
		{
			displayName: 'Recipients Input Binary Field',
			name: 'recipientsBinaryProperty',
			type: 'string',
			required: true,
			default: 'recipients',
			placeholder: 'recipients',
			description: 'The binary field of the first input item that holds the recipients CSV file',
			displayOptions: { show: { ...show, recipientsFrom: ['binaryFile'] } },
		},
		{
			displayName: 'Phone Field',
			name: 'phoneField',
			type: 'string',
			required: true,
			default: 'phone',
			placeholder: 'contact.phone',
			description:
				'The field of each input item that holds the number to call; dots reach into objects (contact.phone). Numbers are 9 local digits (994412860) or + and 12 digits (+998994412860).',
			displayOptions: { show: { ...show, recipientsFrom: ['inputItems'] } },
		},
		dateProperty('fromDate', 'From Date', 'First', '2026.12.01', version),
		dateProperty('toDate', 'To Date', 'Last', '2026.12.31', version),
		{
			displayName: 'From Time',
			name: 'fromTime',
			type: 'string',
			required: true,
			default: '09:00',
			placeholder: '09:00',
			description: 'Daily start of calling, HH:MM on a 24-hour clock, in the campaign time zone',
			displayOptions: { show },
		},
		{
			displayName: 'To Time',
			name: 'toTime',
			type: 'string',
			required: true,
			default: '20:00',
			placeholder: '20:00',
			description: 'Daily end of calling, HH:MM on a 24-hour clock, in the campaign time zone',
			displayOptions: { show },
		},
		{
			displayName: 'Lines to Call From',
			name: 'trunks',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getLines' },
			required: true,
			default: [],
			description:
				'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Your AloVoice lines (the numbers calls come from). An expression may also give comma-separated numbers: 712037006,551234567.',
			displayOptions: { show },
		},
		{
			displayName: 'Max Lines',
			name: 'maxLines',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'How many calls the campaign may make at the same time (maxline)',
			displayOptions: { show },
		},
		{
			displayName: 'Successful Call After (Seconds)',
			name: 'goodTime',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			description:
				'A call counts as successful once the client has stayed on the line this many seconds after picking up (goodtime)',
			displayOptions: { show },
		},
		{
			displayName: 'Attempts',
			name: 'attempts',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 2,
			description: 'How many times each recipient is dialled (sent as both tryes and tries)',
			displayOptions: { show },
		},
		{
			displayName: 'Paused',
			name: 'paused',
			type: 'boolean',
			default: false,
			description:
				'Whether the campaign is created paused instead of starting when its window opens',
			displayOptions: { show },
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'options',
			options: TIME_ZONES.map((zone) => ({ name: zone.toUpperCase(), value: zone })),
			default: 'utc +5',
			description: 'The time zone of the calling window (UTC +5 is Tashkent)',
			displayOptions: { show },
		},
		{
			displayName: 'Recipient Options',
			name: 'recipientOptions',
			description:
				'How the recipients CSV is written: extra columns, a header row, invalid numbers skipped or refused',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { ...show, recipientsFrom: ['inputItems'] } },
			options: [
				{
					displayName: 'Extra Columns',
					name: 'extraColumns',
					type: 'string',
					default: '',
					placeholder: 'name, contract.amount',
					description:
						'Comma-separated fields of each item written as more CSV columns after the phone number',
				},
				{
					displayName: 'Include Header Row',
					name: 'includeHeader',
					type: 'boolean',
					default: false,
					description:
						'Whether the CSV starts with a row of column names (phone, then the extra columns). Off by default: AloVoice does not document a header, so a bare list of numbers is the safe reading.',
				},
				{
					displayName: 'Skip Invalid Numbers',
					name: 'skipInvalid',
					type: 'boolean',
					default: false,
					description:
						'Whether items without a valid number are left out (and listed in the output as skipped) instead of stopping the whole run',
				},
			],
		},
	];
}

export const description = properties(1);
/** Version 2: the window's days as n8n date pickers. */
export const descriptionV2 = properties(2);

function refuse(this: IExecuteFunctions, message: string, itemIndex = 0): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex });
}

function checked(this: IExecuteFunctions, result: Checked): string {
	if (result.ok) return result.value;
	throw new NodeOperationError(this.getNode(), result.reason, { itemIndex: 0 });
}

/** The binary field `property` of the first item, or a refusal naming the parameter. */
function binaryOf(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	property: string,
	parameter: string,
	what: string,
): IBinaryData {
	const binary = items[0]?.binary?.[property];
	if (!property)
		refuse.call(
			this,
			`${parameter}: empty. Give the name of the binary field that holds ${what}, e.g. data.`,
		);
	if (binary) return binary;
	const present = Object.keys(items[0]?.binary ?? {});
	throw new NodeOperationError(
		this.getNode(),
		`${parameter}: the first input item has no binary field "${property}" (it has ${present.length ? present.map((name) => `"${name}"`).join(', ') : 'none'}). Give the field that holds ${what}.`,
		{ itemIndex: 0 },
	);
}

/**
 * An audio MIME type, or an MP3 that came without one: downloads from storage buckets often
 * arrive as application/octet-stream with their .mp3 name intact.
 */
function isAudio(binary: IBinaryData): boolean {
	const mimeType = String(binary.mimeType ?? '').toLowerCase();
	if (mimeType.startsWith('audio/')) return true;
	const named =
		(binary.fileExtension ?? binary.fileName?.split('.').pop() ?? '').toLowerCase() === 'mp3';
	return named && (mimeType === '' || mimeType === 'application/octet-stream');
}

/** The recipients CSV as it is uploaded, with what the output reports about it. */
export interface Recipients {
	csv: Buffer;
	fileName: string;
	sent: number;
	/** Present only when the user asked for invalid numbers to be skipped. */
	skipped?: Skipped[];
}

function readWindow(this: IExecuteFunctions) {
	const from = checked.call(
		this,
		toCampaignDate(this.getNodeParameter('fromDate', 0), 'From Date'),
	);
	const to = checked.call(this, toCampaignDate(this.getNodeParameter('toDate', 0), 'To Date'));
	if (to < from)
		refuse.call(
			this,
			`To Date: ${to} is before From Date ${from}. The window must end on or after its first day.`,
		);
	const fromTime = checked.call(
		this,
		toCampaignTime(this.getNodeParameter('fromTime', 0), 'From Time'),
	);
	const toTime = checked.call(this, toCampaignTime(this.getNodeParameter('toTime', 0), 'To Time'));
	const timeZone = checked.call(
		this,
		toCampaignTimeZone(this.getNodeParameter('timeZone', 0, 'utc +5'), 'Time Zone'),
	);
	return { from, to, fromTime, toTime, timeZone };
}

const COUNTS = [
	['maxLines', 'Max Lines', 1],
	['goodTime', 'Successful Call After (Seconds)', 0],
	['attempts', 'Attempts', 1],
] as const;

function readCounts(this: IExecuteFunctions) {
	const counts = { maxLines: 0, goodTime: 0, attempts: 0 };
	for (const [parameter, label, min] of COUNTS) {
		const value = Number(this.getNodeParameter(parameter, 0));
		if (!Number.isInteger(value) || value < min)
			refuse.call(this, `${label}: "${value}" is not a whole number of at least ${min}.`);
		counts[parameter] = value;
	}
	return counts;
}

function readSettings(this: IExecuteFunctions): CampaignSettings {
	const name = String(this.getNodeParameter('name', 0, '')).trim();
	if (!name)
		refuse.call(this, 'Name: empty. Give the campaign a name, e.g. December payment reminder.');
	const window = readWindow.call(this);
	const trunks = toTrunkList(this.getNodeParameter('trunks', 0, []));
	if (!trunks.length)
		refuse.call(
			this,
			'Lines to Call From: none chosen. Choose at least one line, or give them comma-separated (712037006,551234567).',
		);
	const counts = readCounts.call(this);
	const paused = this.getNodeParameter('paused', 0, false) as boolean;
	return { name, ...window, trunks, ...counts, paused };
}

/** The MP3 message's binary field and its metadata; its bytes are read only once all is checked. */
function readMessage(this: IExecuteFunctions, items: INodeExecutionData[]) {
	const property = String(this.getNodeParameter('messageBinaryProperty', 0, 'data')).trim();
	const binary = binaryOf.call(this, items, property, 'Input Binary Field', 'the MP3 message');
	if (!isAudio(binary)) {
		refuse.call(
			this,
			`Input Binary Field: the file in "${property}" is ${binary.mimeType || 'of an unknown type'}, not audio. The message must be an MP3 file (audio/mpeg).`,
		);
	}
	return { property, binary };
}

async function recipientsFromFile(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<Recipients> {
	const property = String(
		this.getNodeParameter('recipientsBinaryProperty', 0, 'recipients'),
	).trim();
	const file = binaryOf.call(
		this,
		items,
		property,
		'Recipients Input Binary Field',
		'the recipients CSV file',
	);
	const csv = await this.helpers.getBinaryDataBuffer(0, property);
	const sent = countCsvRecords(csv.toString('utf8'));
	if (sent === 0)
		refuse.call(this, `Recipients Input Binary Field: the CSV file in "${property}" has no rows.`);
	return { csv, fileName: file.fileName || 'recipients.csv', sent };
}

function recipientsFromItems(this: IExecuteFunctions, items: INodeExecutionData[]): Recipients {
	const phoneField = String(this.getNodeParameter('phoneField', 0, 'phone')).trim();
	if (!phoneField)
		refuse.call(
			this,
			'Phone Field: empty. Give the field of each item that holds the number, e.g. phone.',
		);
	const options = this.getNodeParameter('recipientOptions', 0, {}) as IDataObject;
	const extraColumns = extraColumnsOf(options.extraColumns);
	const skipInvalid = options.skipInvalid === true;
	const { rows, skipped } = recipientRows(items, phoneField, extraColumns);
	// Without Skip Invalid Numbers the first bad number stops the run, on its own item.
	if (!skipInvalid && skipped.length) refuse.call(this, skipped[0].reason, skipped[0].item);
	if (!rows.length) {
		refuse.call(
			this,
			`Phone Field "${phoneField}": no input item has a valid number, so there is nobody to call (${skipped.length} skipped).`,
		);
	}
	const header = options.includeHeader === true ? [phoneField, ...extraColumns] : undefined;
	return {
		csv: Buffer.from(buildCsv(rows, header), 'utf8'),
		fileName: 'recipients.csv',
		sent: rows.length,
		...(skipInvalid ? { skipped } : {}),
	};
}

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const settings = readSettings.call(this);
	const message = readMessage.call(this, items);
	const recipientsFrom = this.getNodeParameter('recipientsFrom', 0, 'inputItems') as string;
	const recipients =
		recipientsFrom === 'binaryFile'
			? await recipientsFromFile.call(this, items)
			: recipientsFromItems.call(this, items);
	const audio = await this.helpers.getBinaryDataBuffer(0, message.property);

	const answer = await aloVoiceRequest.call(this, {
		method: 'POST',
		endpoint: '/mapi/addAutorule',
		auth: 'bearer',
		action: 'creating the campaign',
		body: campaignForm(settings, { audio, binary: message.binary }, recipients),
	});
	const json: IDataObject = {
		...normalizeCampaign(await campaignObject.call(this, answer, 'creating the campaign')),
		recipientsSent: recipients.sent,
	};
	if (recipients.skipped) json.skipped = recipients.skipped as unknown as IDataObject[];
	return [{ json, pairedItem: items.map((_, item) => ({ item })) }];
}
