// Extension → Get Many: the employees' extensions (getpeers), with SIP secrets left out unless asked for.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiPeer } from '../../helpers/interfaces';
import {
	flagOf,
	linkedIdOf,
	paidOf,
	toBooleanIfClear,
	toNumberIfNumeric,
} from '../../helpers/values';
import { quoteAnswer } from '../../../shared/http';
import { aloVoiceRequest, getAloVoiceCredentials } from '../../transport';
import { returnAllAndLimit, timeoutOf, timeoutProperty } from '../../../shared/options';

const show = { resource: ['extension'], operation: ['getMany'] };

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Return only the extensions that match',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'off',
				description: 'Only extensions with this status as AloVoice gives it (e.g. "on", "off")',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Less common settings: SIP secrets and how long to wait for the PBX',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include SIP Secrets',
				name: 'includeSecrets',
				type: 'boolean',
				default: false,
				description:
					"Whether to output each extension's SIP password ('secret'); off by default, so the passwords do not end up in the execution data",
			},
			timeoutProperty('How long to wait for AloVoice to answer before giving up'),
		],
	},
];

const NUMBERS = ['id', 'trunk_id'] as const;
const BOOLEANS = ['block', 'dnd', 'isws', 'isdef', 'paystatus'] as const;

/** One extension, with the clear numbers and flags typed, and the secret only when asked for. */
export function cleanPeer(peer: ApiPeer, includeSecret: boolean): IDataObject {
	const clean: IDataObject = { ...(peer as unknown as IDataObject) };
	for (const key of NUMBERS) clean[key] = toNumberIfNumeric(peer[key]) as IDataObject[string];
	for (const key of BOOLEANS) clean[key] = toBooleanIfClear(peer[key]) as IDataObject[string];
	if (!includeSecret) delete clean.secret;
	return clean;
}

/**
 * Version 2 adds readable fields beside the raw ones (kept as version 1 outputs them). The API
 * page names these fields without saying what they mean; the readings below follow their names
 * and the example answer (docs/alovoice.md, "Extension").
 */
export function readablePeer(peer: ApiPeer): IDataObject {
	return {
		paid: paidOf(peer.paystatus),
		webPhone: flagOf(peer.isws),
		isDefault: flagOf(peer.isdef),
		amoCrmUserId: linkedIdOf(peer.amoid),
		bitrix24UserId: linkedIdOf(peer.bxid),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeSecrets?: boolean };
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
	const answer = await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: '/getpeers/{token}',
		auth: 'pathAndHeader',
		action: 'listing the extensions',
		timeout: timeoutOf.call(this, itemIndex),
	});
	if (!Array.isArray(answer)) {
		const { token } = await getAloVoiceCredentials.call(this);
		throw new NodeApiError(
			this.getNode(),
			{ message: 'not a list' },
			{
				message: 'AloVoice answered the list of extensions with something that is not a list',
				description: `The PBX answered: ${quoteAnswer(JSON.stringify(answer) ?? '', [token])}`,
				itemIndex,
			},
		);
	}
	let peers = (answer as ApiPeer[]).filter((peer) => peer && typeof peer === 'object');
	const status = filters.status?.trim().toLowerCase();
	if (status) peers = peers.filter((peer) => String(peer.status ?? '').toLowerCase() === status);
	if (!this.getNodeParameter('returnAll', itemIndex, true)) {
		peers = peers.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	}
	const readable = this.getNode().typeVersion >= 2;
	return peers.map((peer) => ({
		json: {
			...cleanPeer(peer, options.includeSecrets === true),
			...(readable ? readablePeer(peer) : {}),
		},
	}));
}
