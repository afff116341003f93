// When the workflow answers AloVoice (a route request or a callstart in a workflow mode): the
// guard takes the response, passes a valid answer on and sends the fallback on an invalid
// answer, a failed workflow or the timeout, and every fallback is logged with its cause.
import type { IWebhookFunctions } from 'n8n-workflow';

import {
	failedWorkflow,
	guardResponse,
	writtenValue,
	type GuardDecision,
	type ResponseLike,
} from '../shared/webhook/guard';

import { timeoutMs } from './answerTimeout';

/** Logs why the fallback went out instead of an answer; nothing when there was no fallback. */
export function warnFallback(
	context: IWebhookFunctions,
	event: string,
	reason: string | undefined,
	sent: string,
) {
	if (!reason) return;
	context.logger.warn(`AloVoice Trigger (${event}): fallback answer sent because ${reason}`, {
		node: context.getNode().name,
		workflowId: context.getWorkflow().id,
		sent,
	});
}

/** The answer's check: the decision to send for a valid answer, or why it is invalid. */
export type AnswerCheck = (
	value: unknown,
) => { ok: true; decision: GuardDecision } | { ok: false; reason: string };

export function guardWorkflowAnswer(
	context: IWebhookFunctions,
	event: string,
	fallback: GuardDecision,
	check: AnswerCheck,
): void {
	const waitMs = timeoutMs(context);
	guardResponse(context.getResponseObject() as unknown as ResponseLike, {
		timeoutMs: waitMs,
		onTimeout: () => fallback,
		judge: (written) => {
			const failed = failedWorkflow(written);
			if (failed) return { ...fallback, reason: failed };
			const answer = check(writtenValue(written.body));
			if (!answer.ok)
				return { ...fallback, reason: `the workflow's answer is invalid: ${answer.reason}` };
			return answer.decision;
		},
		onSettled: (decision, reason) =>
			warnFallback(
				context,
				event,
				reason === 'timeout' ? `no answer came within ${waitMs} ms` : reason,
				decision.body,
			),
	});
}
