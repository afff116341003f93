// What AloVoice may be answered, checked before anything is sent: a wrong route action ends the
// caller's call at once (shared/api/alovoice.md §6), a wrong callstart id breaks the join with
// callend. Pure. The trigger's guard and the AloVoice Answer node both check with these, so a
// value one refuses the other refuses too.
import type { Checked } from '../shared/checked';
import { checkAloVoicePhone } from '../shared/phone';

/** The route actions AloVoice knows, with the label every Action Type dropdown shows. */
export const ROUTE_ACTIONS = [
	{ name: 'Extension', value: 'peer' },
	{ name: 'Queue (Department)', value: 'queue' },
	{ name: 'IVR', value: 'ivr' },
	{ name: 'External Number', value: 'trunk' },
	{ name: 'Hang Up', value: 'hangup' },
] as const;

export type RouteActionType = (typeof ROUTE_ACTIONS)[number]['value'];
export const ROUTE_ACTION_TYPES: readonly RouteActionType[] = ROUTE_ACTIONS.map(
	(action) => action.value,
);

export interface RouteAction {
	action_type: RouteActionType;
	action_data?: string;
}

/** A refused answer names the answer's field it is about, as data: callers map it to their own labels. */
export type FieldChecked<T, F extends string> =
	| { ok: true; value: T }
	| { ok: false; field: F; reason: string };

export function isRouteActionType(value: unknown): value is RouteActionType {
	return (ROUTE_ACTION_TYPES as readonly unknown[]).includes(value);
}

/** A route action's number (peer, queue, IVR) or a hang-up's sound file: digits, at most 12. */
const ACTION_NUMBER = /^\d{1,12}$/;

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string') return value.trim();
	return undefined;
}

type RouteField = 'answer' | 'action_type' | 'action_data';

/** The answer as an object: a JSON text is parsed first. */
function answerObject(value: unknown): FieldChecked<Record<string, unknown>, RouteField> {
	let answer = value;
	if (typeof answer === 'string') {
		try {
			answer = JSON.parse(answer);
		} catch {
			return {
				ok: false,
				field: 'answer',
				reason: 'the answer is not JSON {action_type, action_data}',
			};
		}
	}
	if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
		return {
			ok: false,
			field: 'answer',
			reason: 'the answer is not an object {action_type, action_data}',
		};
	}
	return { ok: true, value: answer as Record<string, unknown> };
}

/** action_data checked for its type: hangup an optional sound file, trunk a phone number, else digits. */
function actionData(type: RouteActionType, data: string): FieldChecked<RouteAction, RouteField> {
	const refuse = (reason: string) => ({
		ok: false as const,
		field: 'action_data' as const,
		reason,
	});
	if (type === 'hangup') {
		if (data !== '' && !ACTION_NUMBER.test(data))
			return refuse(
				`action_data for hangup must be a sound-file id (digits) or empty, got "${data}"`,
			);
		return {
			ok: true,
			value: data === '' ? { action_type: 'hangup' } : { action_type: 'hangup', action_data: data },
		};
	}
	if (type === 'trunk') {
		const phone = checkAloVoicePhone(data, 'action_data');
		if (!phone.ok) return refuse(phone.reason);
		return { ok: true, value: { action_type: 'trunk', action_data: phone.value } };
	}
	if (!ACTION_NUMBER.test(data))
		return refuse(`action_data for ${type} must be its number (digits), got "${data}"`);
	return { ok: true, value: { action_type: type, action_data: data } };
}

/**
 * A route answer as the PBX needs it. peer/queue/ivr take digits, trunk a phone number
 * (9 local digits or + and 12 digits), hangup an optional sound-file id.
 */
export function validateRouteAction(value: unknown): FieldChecked<RouteAction, RouteField> {
	const answer = answerObject(value);
	if (!answer.ok) return answer;
	const record = answer.value;
	const type = text(record.action_type);
	if (!type || !isRouteActionType(type)) {
		return {
			ok: false,
			field: 'action_type',
			reason: `action_type must be one of ${ROUTE_ACTION_TYPES.join(', ')}, got ${JSON.stringify(record.action_type ?? null)}`,
		};
	}
	const data =
		record.action_data === undefined || record.action_data === null ? '' : text(record.action_data);
	if (data === undefined)
		return { ok: false, field: 'action_data', reason: 'action_data must be text or a number' };
	return actionData(type, data);
}

export interface CallStartAnswer {
	id: string;
	callto?: string;
}

/** The callstart id rule (shared/api/alovoice.md §3): an integer of at most 12 digits, or text of at most 32 characters. */
export const CALL_ID = { maxDigits: 12, maxLength: 32 } as const;

export function validateCallId(value: unknown): Checked<string> {
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= 0 && String(value).length <= CALL_ID.maxDigits)
			return { ok: true, value: String(value) };
		return {
			ok: false,
			reason: `the id ${value} is not an integer of at most ${CALL_ID.maxDigits} digits`,
		};
	}
	if (typeof value === 'string') {
		const id = value.trim();
		if (id === '') return { ok: false, reason: 'the id is empty' };
		if (id.length > CALL_ID.maxLength)
			return {
				ok: false,
				reason: `the id has ${id.length} characters; at most ${CALL_ID.maxLength} are allowed`,
			};
		if (/[\r\n]/.test(id)) return { ok: false, reason: 'the id contains a line break' };
		return { ok: true, value: id };
	}
	return { ok: false, reason: 'the id must be an integer or text' };
}

type CallStartField = 'answer' | 'id' | 'callto';

/**
 * The workflow's callstart answer: a plain id (text or number), or an object
 * `{ id | call_id, callto? }`. callto, if present, must be a number AloVoice can dial.
 */
export function validateCallStartAnswer(
	value: unknown,
): FieldChecked<CallStartAnswer, CallStartField> {
	let answer = value;
	if (typeof answer === 'string' && answer.trim().startsWith('{')) {
		try {
			answer = JSON.parse(answer);
		} catch {
			return {
				ok: false,
				field: 'answer',
				reason: 'the answer looks like JSON but does not parse',
			};
		}
	}
	if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
		const record = answer as Record<string, unknown>;
		const id = validateCallId(record.id ?? record.call_id ?? record.callId);
		if (!id.ok) return { ok: false, field: 'id', reason: id.reason };
		if (record.callto === undefined || record.callto === null || record.callto === '')
			return { ok: true, value: { id: id.value } };
		const phone = checkAloVoicePhone(record.callto, 'callto');
		if (!phone.ok) return { ok: false, field: 'callto', reason: phone.reason };
		return { ok: true, value: { id: id.value, callto: phone.value } };
	}
	const id = validateCallId(answer);
	return id.ok
		? { ok: true, value: { id: id.value } }
		: { ok: false, field: 'id', reason: id.reason };
}

/** The body sent for a callstart answer: the plain id, or `{"id","callto"}` when a number is named. */
export function callStartBody(answer: CallStartAnswer): { body: string; contentType: string } {
	if (answer.callto)
		return {
			body: JSON.stringify({ id: answer.id, callto: answer.callto }),
			contentType: 'application/json',
		};
	return { body: answer.id, contentType: 'text/plain; charset=utf-8' };
}
