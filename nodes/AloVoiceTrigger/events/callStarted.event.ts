// Call Started (AloVoice's callstart): the PBX waits for the CRM id of the call, which it sends
// back with the call's callend. The node answers an own id at once, or the workflow answers
// through the guard with the own id as the fallback.
import type { INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	Reader,
	notThisEvent,
	show,
	type EventCheck,
	type NormalizeOptions,
} from '../../shared/webhook/fields';
import type { Fields } from '../../shared/webhook/body';
import { answerNow, emit, receiveEvent } from '../../shared/webhook/node';
import type { GuardDecision } from '../../shared/webhook/guard';
import { callStartBody, validateCallStartAnswer } from '../answers';
import { ownCallId, startFacts } from '../ownCallId';
import { UZBEKISTAN } from '../route';
import { guardWorkflowAnswer } from '../workflowAnswer';

export const option = {
	name: 'Call Started',
	value: 'callStarted',
	description: 'A call starts; AloVoice waits for an ID for the call',
};

/** Where to paste this event's URL, in the words of AloVoice's own screens. */
export const notice = {
	name: 'notice',
	displayName:
		'Open Webhook URLs above and copy the Test URL (to try the workflow) or the Production URL (once it is active). In AloVoice, open INTEGRATIONS (ИНТЕГРАЦИИ) and paste it as the handler for the start of a call.',
};

const ownIdAtOnce = {
	name: "Answer at Once With the Node's Own ID",
	value: 'node',
	description: 'A unique ID, answered at once; the item has it as callId',
};

const callStartAnswer = (options: INodeProperties['options']): INodeProperties => ({
	displayName: 'Answer',
	name: 'callStartAnswer',
	type: 'options',
	description:
		'Who answers AloVoice with an ID for the call; AloVoice sends the ID back when the call ends',
	hint: "A missing, invalid or late answer from the workflow falls back to the node's own ID",
	displayOptions: { show: { event: ['callStarted'] } },
	options,
	default: 'node',
});

/** Shown only when an AloVoice Answer node is to answer: which node to add, and where. */
const answerNodeNotice: INodeProperties = {
	displayName:
		"Add an AloVoice Answer node after this trigger (any branch) with Answer To: Call Started; it sends AloVoice the call's ID. Without one, the node's own ID goes out when the workflow ends or after the Answer Timeout.",
	name: 'noticeCallStartedAnswerNode',
	type: 'notice',
	default: '',
	displayOptions: { show: { event: ['callStarted'], callStartAnswer: ['responseNode'] } },
};

/** Version 2 serves the workflow's answer through the AloVoice Answer node alone. */
export const properties: Record<1 | 2, INodeProperties[]> = {
	1: [
		callStartAnswer([
			ownIdAtOnce,
			{
				name: 'From the Last Node',
				value: 'lastNode',
				description: "An ID, or {ID, callto}, from the last node's first item",
			},
			{
				name: 'From a Respond to Webhook Node',
				value: 'responseNode',
				description: "Respond to Webhook's version 1 only (see the docs)",
			},
		]),
	],
	2: [
		callStartAnswer([
			ownIdAtOnce,
			{
				name: 'From an AloVoice Answer Node',
				value: 'responseNode',
				description: 'An AloVoice Answer node in the workflow answers',
			},
		]),
		answerNodeNotice,
	],
};

/** The documented fields (shared/api/alovoice.md §3): a body with none of them is not this event. */
export const FIELDS = ['inner_phone', 'number', 'line', 'type', 'start_time'] as const;

/** callstart's `type` values and their readable direction (shared/api/alovoice.md §3). */
export const CALL_DIRECTIONS: Record<string, string> = {
	inc: 'incoming',
	out: 'outgoing',
	int: 'internal',
};

/** The call's type and its direction; an unknown type is kept as sent, with a warning. */
function direction(read: Reader): { type: string | null; direction: string | null } {
	const type = read.text('type', 'inc, out or int');
	if (type === null) return { type, direction: null };
	const known = CALL_DIRECTIONS[type.toLowerCase()];
	if (known) return { type: type.toLowerCase(), direction: known };
	read.warnings.push(`type is ${show(read.get('type'))}; expected inc, out or int (kept as sent)`);
	return { type, direction: `unknown (${type})` };
}

/** AloVoice callstart: `{ inner_phone, number, line, type, start_time }`. */
export function normalize(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(FIELDS)) return notThisEvent('call started', FIELDS);
	const country = options.defaultCountry ?? UZBEKISTAN;
	// An incoming call that has not reached an extension yet plausibly has none: quiet.
	const innerPhone = read.id('inner_phone', true);
	const caller = read.caller('number', country);
	const line = read.phone('line', country);
	const call = direction(read);
	const start = read.time('start_time');
	return {
		ok: true,
		value: {
			event: 'callStarted',
			innerPhone,
			number: caller.number,
			numberE164: caller.e164,
			numberWithheld: caller.withheld,
			line: line.number,
			lineE164: line.e164,
			direction: call.direction,
			type: call.type,
			startTime: start.seconds,
			startTimeIso: start.iso,
			warnings: read.warnings,
		},
	};
}

const TEXT = 'text/plain; charset=utf-8';

export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await receiveEvent(this, (fields) => normalize(fields));
	if (!received.ok) return received.response;
	const ownId = ownCallId(startFacts(received.item));
	// Passed on while unreadable, the PBX still waits for this call's id: a fresh own id per
	// call keeps its callend apart from every other call's (a constant answer joined them all).
	const mode = received.item.invalid
		? 'node'
		: (this.getNodeParameter('callStartAnswer', 'node') as string);
	if (mode === 'node') {
		answerNow(this, 200, ownId, TEXT);
		return emit({ ...received.item, callId: ownId, answeredBy: 'node' });
	}
	// The own id is the fallback, already in the item so a fallback answer can still be joined
	// to its callend.
	const fallback: GuardDecision = { status: 200, body: ownId, contentType: TEXT };
	guardWorkflowAnswer(this, 'callStarted', fallback, (value) => {
		const answer = validateCallStartAnswer(value);
		if (!answer.ok) return answer;
		return { ok: true, decision: { status: 200, ...callStartBody(answer.value) } };
	});
	return emit({ ...received.item, fallbackCallId: ownId, answeredBy: 'workflow' }, false);
}
