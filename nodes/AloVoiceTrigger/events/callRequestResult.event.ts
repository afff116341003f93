// Call-Request Result: AloVoice's report on a two-way or IVR call that the Call operations
// started. Acknowledged at once; the PBX waits for nothing else.
import type { INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	Reader,
	notThisEvent,
	type EventCheck,
	type NormalizeOptions,
} from '../../shared/webhook/fields';
import type { Fields } from '../../shared/webhook/body';
import { answerNow, emit, receiveEvent } from '../../shared/webhook/node';
import { UZBEKISTAN } from '../route';

export const option = {
	name: 'Call-Request Result',
	value: 'callRequestResult',
	description: 'How a two-way or IVR call the AloVoice node made went',
};

/** Where this event's URL goes: AloVoice registers it (shared/api/alovoice.md). */
export const notice = {
	name: 'noticeCallRequestResult',
	displayName:
		'AloVoice registers this URL for you: open Webhook URLs above and send the Production URL to AloVoice support. AloVoice then reports here how each two-way or IVR call started by the AloVoice node went.',
};

/** No parameters of its own in any version. */
export const properties: Record<1 | 2, INodeProperties[]> = { 1: [], 2: [] };

/** The documented fields: a body with none of them is not this event. */
export const FIELDS = [
	'id',
	'from_number',
	'to_number',
	'trunk_number',
	'begin_time',
	'answer_time',
	'end_time',
	'duration',
	'dialstatus',
	'record',
	'externalid',
	'attempts',
] as const;

/** AloVoice call-request result (two-way / IVR call started by the Call operations). */
export function normalize(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(FIELDS)) return notThisEvent('call-request result', FIELDS);
	const country = options.defaultCountry ?? UZBEKISTAN;
	// externalid exists only when the call was started with an extid: quiet; without both ids
	// the result cannot be joined to its call, which is worth a warning.
	const id = read.id('id', true);
	const externalId = read.id('externalid', true);
	if (id === null && externalId === null) {
		read.warnings.push(
			'id and externalid are both missing; the result cannot be joined to the call that was started',
		);
	}
	const from = read.phone('from_number', country);
	const to = read.phone('to_number', country);
	const trunk = read.text('trunk_number', 'the line number', true);
	const begin = read.time('begin_time');
	// A call nobody answered has no answer time (0, null or absent) and maybe no end time.
	const answer = read.time('answer_time', true);
	const end = read.time('end_time', true);
	const duration = read.seconds('duration');
	const dialStatus = read.text('dialstatus', 'the dial status (e.g. ANSWER, BUSY, NOANSWER)');
	// Without a dial status, an answer time is the only sign the call was answered.
	const answered =
		dialStatus !== null
			? /^ANSWER(ED)?$/i.test(dialStatus) || dialStatus === '200'
			: answer.seconds !== null;
	const record = read.text('record', 'a recording URL', true);
	const attempts = read.get('attempts');
	return {
		ok: true,
		value: {
			event: 'callRequestResult',
			id,
			externalId,
			fromNumber: from.number,
			fromNumberE164: from.e164,
			toNumber: to.number,
			toNumberE164: to.e164,
			trunkNumber: trunk,
			dialStatus,
			answered,
			duration,
			beginTime: begin.seconds,
			beginTimeIso: begin.iso,
			answerTime: answer.seconds,
			answerTimeIso: answer.iso,
			endTime: end.seconds,
			endTimeIso: end.iso,
			record,
			attempts: attempts === undefined ? null : attempts,
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
