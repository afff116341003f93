// Call → Get Many: get_calls, every filter optional, one item per call: in version 2 the one
// call shape the Telediscount Trigger version 2 shares (helpers/call.ts), in version 1 its own.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { telediscountCall } from '../../helpers/call';
import type { TelediscountCallRecord } from '../../helpers/interfaces';
import { optionsCollection } from '../../helpers/options';
import { callRecords, checkCallId, filterNumber, toCall } from '../../helpers/values';
import { telediscountRequest } from '../../transport';
import { returnAllAndLimit, timeoutOf } from '../../../shared/options';

const show = { resource: ['call'], operation: ['getMany'] };

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Every filter is optional; with none, Telediscount returns the whole call history',
		displayOptions: { show },
		options: [
			{
				displayName: 'Call ID',
				name: 'apiCallId',
				type: 'string',
				default: '',
				placeholder: 'c1f926a8f5727b77f9cbf39d8f35d061',
				description:
					'Only the call with this ID (api_call_id), as given by Call → Make or a call event',
			},
			{
				displayName: 'Caller',
				name: 'numA',
				type: 'string',
				default: '',
				placeholder: '79039998877',
				description:
					'Only calls from this number or SIP account (num_a), e.g. 79039998877 or SIP/00000000672',
			},
			{
				displayName: 'Called Number',
				name: 'numM',
				type: 'string',
				default: '',
				placeholder: '79037778899',
				description: 'Only calls to this number of the account (num_m), e.g. 79037778899',
			},
			{
				displayName: 'Answered By',
				name: 'numB',
				type: 'string',
				default: '',
				placeholder: 'SIP/00000000672',
				description:
					'Only calls answered by this SIP account or number (num_b), e.g. SIP/00000000672',
			},
		],
	},
	optionsCollection('call', 'getMany'),
];

interface Filters {
	apiCallId?: string;
	numA?: string;
	numM?: string;
	numB?: string;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const query: Record<string, string> = {};
	if (String(filters.apiCallId ?? '').trim() !== '') {
		const callId = checkCallId(filters.apiCallId, 'Call ID (api_call_id)');
		if (!callId.ok) throw new NodeOperationError(this.getNode(), callId.reason, { itemIndex });
		query.api_call_id = callId.value;
	}
	const numberFilters: Array<[keyof Filters, string, string]> = [
		['numA', 'num_a', 'Caller (num_a)'],
		['numM', 'num_m', 'Called Number (num_m)'],
		['numB', 'num_b', 'Answered By (num_b)'],
	];
	for (const [name, parameter, field] of numberFilters) {
		const check = filterNumber(filters[name], field);
		if (!check.ok) throw new NodeOperationError(this.getNode(), check.reason, { itemIndex });
		if (check.value !== '') query[parameter] = check.value;
	}

	const answer = await telediscountRequest.call(this, {
		endpoint: 'get_calls',
		query,
		action: 'listing the calls',
		timeout: timeoutOf.call(this, itemIndex),
	});
	const records = callRecords(answer);
	if (!records) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'unexpected answer' },
			{
				message:
					'Telediscount answered the list of calls with something that is not a list of calls',
				description: `The PBX answered: ${JSON.stringify(answer).slice(0, 200)}`,
			},
		);
	}
	let calls = records;
	if (!this.getNodeParameter('returnAll', itemIndex, true)) {
		calls = calls.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	}
	const toItem = this.getNode().typeVersion >= 2 ? callItem : callItemV1;
	return calls.map((call) => ({ json: toItem(call) }));
}

/** Version 2: the one call shape, its warnings, and the record as the PBX sent it. */
function callItem(record: TelediscountCallRecord): IDataObject {
	const { item, warnings } = telediscountCall(record, 'callList');
	return { ...item, warnings, raw: record } as unknown as IDataObject;
}

/** Version 1, unchanged for saved workflows: its own names and rules (helpers/values.ts). */
function callItemV1(record: TelediscountCallRecord): IDataObject {
	return toCall(record) as unknown as IDataObject;
}
