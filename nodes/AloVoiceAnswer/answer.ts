// What the AloVoice Answer node sends, built from its parameters with the trigger's own rules
// (validateRouteAction, validateCallStartAnswer in shared/webhook/answers.ts), so a value the
// trigger's guard would refuse is refused here first, naming the field. Pure.
import {
	callStartBody,
	validateCallStartAnswer,
	validateRouteAction,
} from '../shared/webhook/answers';

export type AnswerKind = 'routeRequest' | 'callStarted';

export interface BuiltAnswer {
	/** What the PBX receives, exactly as the trigger's guard will pass it on. */
	body: string;
	contentType: string;
	/** The same answer as data, for the node's output item. */
	sent: Record<string, string>;
}

export type Built =
	| { ok: true; answer: BuiltAnswer }
	| { ok: false; field: string; reason: string };

const JSON_TYPE = 'application/json; charset=utf-8';

export function buildRouteAnswer(actionType: unknown, actionData: unknown): Built {
	const checked = validateRouteAction({ action_type: actionType, action_data: actionData });
	if (!checked.ok) {
		const field = /action_type/.test(checked.reason) ? 'Action Type' : 'Action Data';
		return { ok: false, field, reason: checked.reason };
	}
	const sent: Record<string, string> = { action_type: checked.value.action_type };
	if (checked.value.action_data !== undefined) sent.action_data = checked.value.action_data;
	return { ok: true, answer: { body: JSON.stringify(sent), contentType: JSON_TYPE, sent } };
}

export function buildCallStartAnswer(callId: unknown, callTo: unknown): Built {
	const id = typeof callId === 'string' ? callId.trim() : callId;
	const to = typeof callTo === 'string' ? callTo.trim() : callTo;
	// The id alone first, so an id problem is reported against Call ID, not the pair.
	const idOnly = validateCallStartAnswer({ id });
	if (!idOnly.ok) return { ok: false, field: 'Call ID', reason: idOnly.reason };
	const checked = validateCallStartAnswer({ id, callto: to });
	if (!checked.ok) return { ok: false, field: 'Forward To (callto)', reason: checked.reason };
	const body = callStartBody(checked.value);
	const sent: Record<string, string> = { id: checked.value.id };
	if (checked.value.callto) sent.callto = checked.value.callto;
	return { ok: true, answer: { body: body.body, contentType: body.contentType, sent } };
}
