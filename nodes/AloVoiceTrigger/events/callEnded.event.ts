// Call Ended (AloVoice's callend): status, duration and recording of a finished call. The
// PBX waits for nothing but an acknowledgement, so the node answers at once.
import type { INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { Reader, notThisEvent, show, type EventCheck } from '../../shared/webhook/fields';
import type { Fields } from '../../shared/webhook/body';
import { answerNow, emit, receiveEvent } from '../../shared/webhook/node';
import { decodeCallStart, type CallStart } from '../callStartId';

export const option = {
	name: 'Call Ended',
	value: 'callEnded',
	description: 'A call ended: its status, duration and recording',
};

/** Where to paste this event's URL, in the words of AloVoice's own screens. */
export const notice = {
	name: 'noticeCallEnded',
	displayName:
		'Open Webhook URLs above and copy the Test URL (to try the workflow) or the Production URL (once it is active). In AloVoice, open INTEGRATIONS (ИНТЕГРАЦИИ) and paste it as the handler for the end of a call.',
};

/** No parameters of its own in any version. */
export const properties: Record<1 | 2, INodeProperties[]> = { 1: [], 2: [] };

/** The documented fields (shared/api/alovoice.md §3): a body with none of them is not this event. */
export const FIELDS = ['call_id', 'finish_time', 'duration', 'status_code', 'record'] as const;

/** AloVoice's callend status codes (shared/api/alovoice.md §3), in the table's order. */
export const CALL_END_STATUSES: Record<string, string> = {
	'200': 'answered',
	'304': 'missed',
	'603': 'declined',
	'603-S': 'cancelled',
	'403': 'forbidden',
	'404': 'wrong number',
	'486': 'busy',
	'484': 'direction unavailable',
	'503': 'direction unavailable',
	'480': 'temporarily unavailable',
	'402': 'insufficient funds',
	'423': 'blocked',
	OTHER: 'undetermined',
};

/** The status's readable name; unknown codes are kept and named "unknown (<code>)". */
export function statusName(code: unknown): string {
	const key = String(code ?? '')
		.trim()
		.toUpperCase();
	return CALL_END_STATUSES[key] ?? `unknown (${key})`;
}

/**
 * The call's start, read from the call id when this trigger made it (Answer at Once With the
 * Node's Own ID, or the own-id fallback): `start` holds what Call Started said, or is null with the reason in `startUnknown`
 * (a CRM's id, an id from before the start travelled in it). Not ours is normal, not a warning.
 */
export function callStart(callId: string | null): {
	start: CallStart | null;
	startUnknown: string | null;
} {
	if (callId === null) return { start: null, startUnknown: 'the event has no call_id' };
	const decoded = decodeCallStart(callId);
	return decoded.ok
		? { start: decoded.start, startUnknown: null }
		: { start: null, startUnknown: decoded.reason };
}

/** AloVoice callend: `{ call_id, finish_time, duration, status_code, record }`. */
export function normalize(fields: Fields): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(FIELDS)) return notThisEvent('call ended', FIELDS);
	const callId = read.id('call_id');
	const finish = read.time('finish_time');
	const duration = read.seconds('duration');
	const code = read.text('status_code', 'a status code such as 200, 304 or 603-S');
	const statusCode = code === null ? null : code.toUpperCase();
	const status = statusCode === null ? null : statusName(statusCode);
	if (statusCode !== null && !(statusCode in CALL_END_STATUSES)) {
		read.warnings.push(
			`status_code is ${show(read.get('status_code'))}; not a documented status code (kept as sent)`,
		);
	}
	// No recording is normal for a call nobody answered.
	const record = read.text('record', 'a recording URL', true);
	return {
		ok: true,
		value: {
			event: 'callEnded',
			callId,
			statusCode,
			status,
			answered: statusCode === '200',
			duration,
			finishTime: finish.seconds,
			finishTimeIso: finish.iso,
			record,
			...callStart(callId),
			warnings: read.warnings,
		},
	};
}

export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await receiveEvent(this, (fields) => normalize(fields));
	if (!received.ok) return received.response;
	answerNow(this, 200, 'true', 'text/plain; charset=utf-8');
	return emit(received.item);
}
