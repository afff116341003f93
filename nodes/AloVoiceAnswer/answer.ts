// What the AloVoice Answer node sends, built from its parameters with the trigger's own rules
// (nodes/AloVoiceTrigger/answers.ts), so a value the trigger's guard would refuse is refused
// here first, naming the node's parameter. Pure.
import {
	callStartBody,
	validateCallStartAnswer,
	validateRouteAction,
} from '../AloVoiceTrigger/answers';

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

/** The node's parameter for each field of the answer a check can refuse. */
const ROUTE_PARAMETERS = {
	answer: 'Action Type',
	action_type: 'Action Type',
	action_data: 'Action Data',
};
const CALL_START_PARAMETERS = { answer: 'Call ID', id: 'Call ID', callto: 'Forward To (callto)' };

export function buildRouteAnswer(actionType: unknown, actionData: unknown): Built {
	const checked = validateRouteAction({ action_type: actionType, action_data: actionData });
	if (!checked.ok)
		return { ok: false, field: ROUTE_PARAMETERS[checked.field], reason: checked.reason };
	const sent: Record<string, string> = { action_type: checked.value.action_type };
	if (checked.value.action_data !== undefined) sent.action_data = checked.value.action_data;
	return { ok: true, answer: { body: JSON.stringify(sent), contentType: JSON_TYPE, sent } };
}

export function buildCallStartAnswer(callId: unknown, callTo: unknown): Built {
	const id = typeof callId === 'string' ? callId.trim() : callId;
	const to = typeof callTo === 'string' ? callTo.trim() : callTo;
	// The id is checked before callto, so an id problem is reported against Call ID.
	const checked = validateCallStartAnswer({ id, callto: to });
	if (!checked.ok)
		return { ok: false, field: CALL_START_PARAMETERS[checked.field], reason: checked.reason };
	const body = callStartBody(checked.value);
	const sent: Record<string, string> = { id: checked.value.id };
	if (checked.value.callto) sent.callto = checked.value.callto;
	return { ok: true, answer: { body: body.body, contentType: body.contentType, sent } };
}
