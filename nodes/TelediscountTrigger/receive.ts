// How every Telediscount event is received: the shared checks, the event's normalizer with the
// node's Default Country Code, and "OK" at once (Telediscount waits for nothing else).
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { Fields } from '../shared/webhook/body';
import type { EventCheck, NormalizeOptions } from '../shared/webhook/fields';
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
