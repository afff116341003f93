// Call Finished (Telediscount's "call finished" webhook): the start's fields, who answered,
// talk and waiting time, and the price. Both versions' normalizers live here; the node's
// typeVersion picks one.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';
import type { Fields } from '../../shared/webhook/body';
import {
	Reader,
	notThisEvent,
	type EventCheck,
	type NormalizeOptions,
} from '../../shared/webhook/fields';
import { callEvent, receiveAndAcknowledge, RUSSIA } from '../receive';
import { telediscountStart } from './incomingCall.event';

export const option = {
	name: 'Call Finished',
	value: 'callEnded',
	description: 'A call ends: who answered, talk and waiting time, price',
};

/**
 * Version 1's list of the documented fields: a body with none of them is not this event. Version 2
 * reads CALL_SOURCE_FIELDS (nodes/Telediscount/helpers/call.ts), the page's full list.
 */
export const FIELDS = [
	'num_a',
	'num_m',
	'num_b',
	'setup_time',
	'api_call_id',
	'connection_time',
	'waiting_time',
	'price',
] as const;

/** Version 1 (saved workflows): the start's fields plus num_b, connection/waiting time, price. */
export function normalize(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(FIELDS)) return notThisEvent('call finished', FIELDS);
	const country = options.defaultCountry ?? RUSSIA;
	const start = telediscountStart(read, country);
	// Nobody answered: no num_b is normal.
	const answeredBy = read.text('num_b', 'the number or SIP account that answered', true);
	const connection = read.seconds('connection_time');
	const waiting = read.seconds('waiting_time', true);
	const priceText = read.text('price', 'the price (a number)', true);
	const price =
		priceText !== null && Number.isFinite(Number(priceText)) ? Number(priceText) : priceText;
	return {
		ok: true,
		value: {
			...start,
			event: 'callEnded',
			answeredBy,
			answeredByE164: answeredBy === null ? null : (toE164(answeredBy, country) ?? null),
			callerRegion: read.text('code_name_num_a', 'the region name', true),
			answeredByRegion: read.text('code_name_num_b', 'the region name', true),
			connectionTime: connection,
			waitingTime: waiting,
			answered: connection !== null && connection > 0,
			price,
			warnings: read.warnings,
		},
	};
}

/** Version 2: the one Telediscount call shape; the keys only the call list carries are null. */
export function normalizeV2(fields: Fields): EventCheck {
	return callEvent(fields, 'callFinished', 'callEnded', 'call finished');
}

export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const version = this.getNode().typeVersion;
	return await receiveAndAcknowledge(this, version >= 2 ? normalizeV2 : normalize);
}
