// One handler per event. Each first runs the shared checks (security, body, event rules) and
// then answers the PBX the way that event needs.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	callStartBody,
	guardResponse,
	normalizeCallEnd,
	normalizeCallResult,
	normalizeCallStart,
	normalizeRouteRequest,
	ownCallId,
	pickRoute,
	validateCallStartAnswer,
	validateRouteAction,
	type GuardDecision,
	type ResponseLike,
	type RouteAction,
	type RouteRule,
} from '../shared/webhook';
import { answerJson, answerNow, receiveEvent } from '../shared/webhook/node';

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

function emit(item: object, answered = true): IWebhookResponseData {
	return { workflowData: [[{ json: item as IDataObject }]], ...(answered ? { noWebhookResponse: true } : {}) };
}

function timeoutMs(context: IWebhookFunctions): number {
	const seconds = Number(context.getNodeParameter('answerTimeout', 3));
	return Math.max(50, Math.round((Number.isFinite(seconds) ? seconds : 3) * 1000));
}

/** What n8n wrote: a JSON text body is parsed (the last node's item), anything else kept as text. */
function writtenValue(body: string): unknown {
	const text = body.trim();
	if (text.startsWith('{') || text.startsWith('[')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

function failedWorkflow(written: { status: number; body: string }): string | undefined {
	if (written.status < 400) return undefined;
	return `the workflow failed (n8n answered ${written.status}: ${written.body.slice(0, 200)})`;
}

function warnFallback(context: IWebhookFunctions, event: string, reason: string | undefined, sent: string) {
	if (!reason) return;
	context.logger.warn(`AloVoice Trigger (${event}): fallback answer sent because ${reason}`, {
		node: context.getNode().name,
		workflowId: context.getWorkflow().id,
		sent,
	});
}

export async function callStarted(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await receiveEvent(this, (fields) => normalizeCallStart(fields));
	if (!received.ok) return received.response;
	const ownId = ownCallId();
	if (received.item.invalid) {
		// Passed on while unreadable: the PBX still waits for this call's id. A fresh own id per
		// call keeps its callend apart from every other call's (a constant answer joined them all).
		answerNow(this, 200, ownId, TEXT);
		return emit({ ...received.item, callId: ownId, answeredBy: 'node' });
	}
	const mode = this.getNodeParameter('callStartAnswer', 'node') as string;
	if (mode === 'node') {
		answerNow(this, 200, ownId, TEXT);
		return emit({ ...received.item, callId: ownId, answeredBy: 'node' });
	}
	// The workflow answers; the own id is the fallback, already in the item so a fallback
	// answer can still be joined to its callend.
	const fallback: GuardDecision = { status: 200, body: ownId, contentType: TEXT };
	guardResponse(this.getResponseObject() as unknown as ResponseLike, {
		timeoutMs: timeoutMs(this),
		onTimeout: () => fallback,
		judge: (written) => {
			const failed = failedWorkflow(written);
			if (failed) return { ...fallback, reason: failed };
			const answer = validateCallStartAnswer(writtenValue(written.body));
			if (!answer.ok) return { ...fallback, reason: `the workflow's answer is invalid: ${answer.reason}` };
			const body = callStartBody(answer.value);
			return { status: 200, body: body.body, contentType: body.contentType };
		},
		onSettled: (decision, reason) =>
			warnFallback(this, 'callStarted', reason === 'timeout' ? `no answer came within ${timeoutMs(this)} ms` : reason, decision.body),
	});
	return emit({ ...received.item, fallbackCallId: ownId, answeredBy: 'workflow' }, false);
}

export async function callEnded(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await receiveEvent(this, (fields) => normalizeCallEnd(fields));
	if (!received.ok) return received.response;
	answerNow(this, 200, 'true', TEXT);
	return emit(received.item);
}

export async function callRequestResult(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await receiveEvent(this, (fields) => normalizeCallResult(fields));
	if (!received.ok) return received.response;
	answerNow(this, 200, 'true', TEXT);
	return emit(received.item);
}

/** The fallback route action: the configured one, a queue from the request when its data is empty. */
function fallbackAction(this: IWebhookFunctions, raw: IDataObject): { action?: RouteAction; problem?: string } {
	const type = this.getNodeParameter('fallbackActionType', 'queue') as string;
	let data = String(this.getNodeParameter('fallbackActionData', '') ?? '').trim();
	if (data === '' && type === 'queue' && raw.queue_number !== undefined) data = String(raw.queue_number).trim();
	const checked = validateRouteAction({ action_type: type, action_data: data });
	if (checked.ok) return { action: checked.value };
	return { problem: `the fallback action is invalid (${checked.reason})` };
}

export async function routeRequest(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await receiveEvent(this, (fields) => normalizeRouteRequest(fields));
	if (!received.ok) return received.response;
	const raw = received.raw as IDataObject;
	const fallback = fallbackAction.call(this, raw);
	if (received.item.invalid) {
		// An invalid request still carries a waiting caller: answer the fallback when there is one.
		if (fallback.action) answerJson(this, 200, fallback.action);
		else answerJson(this, 400, { error: received.item.reason });
		return emit({ ...received.item, answer: fallback.action ?? null });
	}
	const mode = this.getNodeParameter('routeMode', 'rules') as string;

	if (mode === 'rules') {
		const rules = ((this.getNodeParameter('rules', {}) as IDataObject).rule ?? []) as RouteRule[];
		const picked = pickRoute(rules, raw);
		let answer: RouteAction | undefined;
		let reason: string | undefined;
		if (picked) {
			const checked = validateRouteAction({ action_type: picked.rule.actionType, action_data: picked.rule.actionData });
			if (checked.ok) answer = checked.value;
			else reason = `rule ${picked.index + 1}'s action is invalid: ${checked.reason}`;
		} else {
			reason = 'no rule matched';
		}
		if (!answer) answer = fallback.action;
		if (!answer) {
			// Nothing valid to send: a 500 makes the PBX apply its own failure handling rather
			// than receiving an action that would drop the caller.
			answerJson(this, 500, { error: fallback.problem });
			return { noWebhookResponse: true };
		}
		answerJson(this, 200, answer);
		if (!this.getNodeParameter('runOnRuleAnswer', true)) return { noWebhookResponse: true };
		return emit({
			...received.item,
			answer: answer as unknown as IDataObject,
			matchedRule: picked && !reason ? picked.index + 1 : null,
			fallbackUsed: reason !== undefined,
			...(reason ? { fallbackReason: reason } : {}),
		});
	}

	// The workflow decides (last node or Respond to Webhook). The guard validates its answer
	// and sends the fallback on an invalid answer, a failed workflow or the timeout.
	const fallbackDecision: GuardDecision = fallback.action
		? { status: 200, body: JSON.stringify(fallback.action), contentType: JSON_TYPE }
		: { status: 500, body: JSON.stringify({ error: fallback.problem }), contentType: JSON_TYPE };
	guardResponse(this.getResponseObject() as unknown as ResponseLike, {
		timeoutMs: timeoutMs(this),
		onTimeout: () => fallbackDecision,
		judge: (written) => {
			const failed = failedWorkflow(written);
			if (failed) return { ...fallbackDecision, reason: failed };
			const answer = validateRouteAction(writtenValue(written.body));
			if (!answer.ok) return { ...fallbackDecision, reason: `the workflow's answer is invalid: ${answer.reason}` };
			return { status: 200, body: JSON.stringify(answer.value), contentType: JSON_TYPE };
		},
		onSettled: (decision, reason) =>
			warnFallback(this, 'routeRequest', reason === 'timeout' ? `no answer came within ${timeoutMs(this)} ms` : reason, decision.body),
	});
	return emit({ ...received.item, fallback: (fallback.action ?? null) as unknown as IDataObject }, false);
}
