// How every Telediscount event is received: the shared checks, the event's normalizer with the
// node's Default Country Code (version 1), and "OK" at once (Telediscount waits for nothing else).
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	CALL_SOURCE_FIELDS,
	telediscountCall,
	type CallSource,
} from '../Telediscount/helpers/call';
import type { Fields } from '../shared/webhook/body';
import {
	Reader,
	notThisEvent,
	type EventCheck,
	type NormalizeOptions,
} from '../shared/webhook/fields';
import { answerNow, emit, receiveEvent } from '../shared/webhook/node';

/** Russia's calling code: what Telediscount's 9- and 10-digit local numbers are taken to be in. */
export const RUSSIA = '7';

export async function receiveAndAcknowledge(
	context: IWebhookFunctions,
	normalize: (fields: Fields, options: NormalizeOptions) => EventCheck,
): Promise<IWebhookResponseData> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const defaultCountry = String(options.defaultCountry ?? RUSSIA);
	const received = await receiveEvent(context, (fields) => normalize(fields, { defaultCountry }));
	if (!received.ok) return received.response;
	answerNow(context, 200, 'OK', 'text/plain; charset=utf-8');
	return emit(received.item);
}

/** The two events of version 2 and how the one call shape names them. */
export type CallEvent = Extract<CallSource, 'incomingCall' | 'callFinished'>;

/**
 * Version 2's item for either event: the one Telediscount call shape (Call → Get Many version 2
 * outputs the same, nodes/Telediscount/helpers/call.ts) between `event` and `warnings`. A body
 * with none of the event's documented fields is not that event; anything else is an item.
 */
export function callEvent(
	fields: Fields,
	source: CallEvent,
	event: 'callStarted' | 'callEnded',
	name: string,
): EventCheck {
	const documented = CALL_SOURCE_FIELDS[source];
	if (!new Reader(fields).carriesAny(documented)) return notThisEvent(name, documented);
	const { item, warnings } = telediscountCall(fields, source);
	return { ok: true, value: { event, ...item, warnings } };
}
