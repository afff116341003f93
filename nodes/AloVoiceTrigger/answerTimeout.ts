// Answer Timeout: how long the workflow may take to answer a waiting PBX (route request, or
// call started in a workflow mode) before the fallback goes out. The bounds are written once,
// here; the parameter, the activation check and the per-request wait all derive from them.
import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';

/**
 * Answer Timeout's bounds in seconds. AloVoice documents no limit on how long it waits for the
 * route (or callstart) answer; the caller hears silence meanwhile. Ten seconds of silence is
 * already more than callers wait before hanging up, and more than the HTTP lookups of common
 * PBX software wait by default, so a longer timeout would only answer a caller who is gone.
 * The lower bound leaves the workflow at least one scheduling round.
 */
export const ANSWER_TIMEOUT_SECONDS = { min: 0.05, max: 10, default: 3 } as const;

/** Checks an Answer Timeout value as typed (activation refuses what is out of range). */
export function checkAnswerTimeout(
	value: unknown,
): { ok: true; seconds: number } | { ok: false; reason: string } {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds))
		return { ok: false, reason: 'Answer Timeout must be a number of seconds.' };
	const { min, max } = ANSWER_TIMEOUT_SECONDS;
	if (seconds < min || seconds > max) {
		return {
			ok: false,
			reason: `Answer Timeout must be between ${min} and ${max} seconds, got ${seconds}.`,
		};
	}
	return { ok: true, seconds };
}

/** The wait in milliseconds for a request: out-of-range values are clamped, never refused, since a caller is waiting. */
export function answerTimeoutMs(value: unknown): number {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const { min, max } = ANSWER_TIMEOUT_SECONDS;
	const usable =
		typeof seconds === 'number' && Number.isFinite(seconds)
			? seconds
			: ANSWER_TIMEOUT_SECONDS.default;
	return Math.round(Math.min(max, Math.max(min, usable)) * 1000);
}

/** The parameter as both of its declarations share it: only their displayOptions differ. */
export const answerTimeoutProperty: INodeProperties = {
	displayName: 'Answer Timeout (Seconds)',
	name: 'answerTimeout',
	type: 'number',
	typeOptions: {
		minValue: ANSWER_TIMEOUT_SECONDS.min,
		maxValue: ANSWER_TIMEOUT_SECONDS.max,
		numberPrecision: 2,
	},
	// Literal for n8n's lint; test/unit/AloVoiceTrigger/answerTimeout.test.ts keeps it the bound's default.
	default: 3,
	description: `Used when the workflow answers: when it has not answered by then, the fallback is sent. ${ANSWER_TIMEOUT_SECONDS.min} to ${ANSWER_TIMEOUT_SECONDS.max} seconds: the caller hears silence meanwhile, and AloVoice documents no longer wait.`,
};

/**
 * Answer Timeout, declared twice under the same name, as n8n's own nodes do (the Webhook node's
 * `responseMode`, `rawBody`): one declaration per event, each shown only where the workflow
 * answers, i.e. where the timeout acts. One declaration cannot say "(call started and not Own ID)
 * or (route request and not rules)": n8n fills hidden parameters' defaults before it checks
 * displayOptions, so the other event's mode always has its default, and a hide on it would hide
 * the parameter everywhere (docs/n8n-internals.md, "displayOptions and hidden defaults"). The
 * hides mirror workflowAnswers in activation.ts: any mode but the node's own answers. n8n keeps a
 * saved value under the declaration that is shown (NodeHelpers.getNodeParameters checks each
 * declaration of a duplicated name), so saved workflows read the same value as before.
 */
export const answerTimeoutProperties: INodeProperties[] = [
	{
		...answerTimeoutProperty,
		displayOptions: { show: { event: ['callStarted'] }, hide: { callStartAnswer: ['node'] } },
	},
	{
		...answerTimeoutProperty,
		displayOptions: { show: { event: ['routeRequest'] }, hide: { routeMode: ['rules'] } },
	},
];

/** This request's wait in ms, from the node's parameter. */
export function timeoutMs(context: IWebhookFunctions): number {
	return answerTimeoutMs(context.getNodeParameter('answerTimeout', ANSWER_TIMEOUT_SECONDS.default));
}
