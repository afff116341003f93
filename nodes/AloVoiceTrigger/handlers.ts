// One handler per event. Each first runs the shared checks (security, body, event rules) and
// then answers the PBX the way that event needs.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	ANSWER_TIMEOUT_SECONDS,
	answerTimeoutMs,
	callStartBody,
	fallbackRoute,
	guardResponse,
	normalizeCallEnd,
	normalizeCallResult,
	normalizeCallStart,
	normalizeRouteRequest,
	ownCallId,
	pickRoute,
	safeRouteAction,
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
	return {
		workflowData: [[{ json: item as IDataObject }]],
		...(answered ? { noWebhookResponse: true } : {}),
	};
}

/** Answer Timeout in ms, kept inside its bounds (ANSWER_TIMEOUT_SECONDS): a caller is waiting, so an out-of-range value is clamped, not refused. */
function timeoutMs(context: IWebhookFunctions): number {
	return answerTimeoutMs(context.getNodeParameter('answerTimeout', ANSWER_TIMEOUT_SECONDS.default));
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

function warnFallback(
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
			if (!answer.ok)
				return { ...fallback, reason: `the workflow's answer is invalid: ${answer.reason}` };
			const body = callStartBody(answer.value);
			return { status: 200, body: body.body, contentType: body.contentType };
		},
		onSettled: (decision, reason) =>
			warnFallback(
				this,
				'callStarted',
				reason === 'timeout' ? `no answer came within ${timeoutMs(this)} ms` : reason,
				decision.body,
			),
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

/** Whether anything went out on the response already (an answer, or a refusal by the checks). */
function responded(context: IWebhookFunctions): boolean {
	const res = context.getResponseObject() as unknown as {
		headersSent?: boolean;
		writableEnded?: boolean;
	};
	return res.headersSent === true || res.writableEnded === true;
}

/**
 * Route request: a caller is waiting. After the security checks every request gets a valid
 * action: a matching rule's, the workflow's, or the fallback (which fallbackRoute makes valid
 * even when the configured one is not); an unreadable body gets the fallback too. Anything
 * unexpected on the way still answers the safe action (the catch below).
 */
export async function routeRequest(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let request: IDataObject | undefined;
	let authorized = false;
	try {
		const received = await receiveEvent(this, (fields) => normalizeRouteRequest(fields), {
			keepCaller: true,
		});
		if (!received.ok) return received.response;
		authorized = true;
		request = received.raw as IDataObject;
		// A body that carries none of the route request's fields (`{}`, a scanner, another event's
		// body) is as unreadable as an empty one: nothing says who calls, so no rule may decide on
		// it (not even Caller Number Is Withheld); the fallback answers, as for any unreadable body.
		const unreadable =
			received.unreadable === true || (received.item as IDataObject).invalid === true;
		return decideRoute.call(this, received.item as IDataObject, request, unreadable);
	} catch (error) {
		const sent = responded(this);
		this.logger.warn(
			`AloVoice Trigger (routeRequest): ${sent ? 'an error after the answer' : 'the safe action was sent because of an error'}: ${(error as Error)?.message}`,
			{ node: this.getNode().name, workflowId: this.getWorkflow().id },
		);
		if (!sent) {
			if (authorized) answerJson(this, 200, safeRouteAction(request));
			else
				answerJson(this, 500, { error: 'The trigger failed before it could check the request.' });
		}
		return { noWebhookResponse: true };
	}
}

function decideRoute(
	this: IWebhookFunctions,
	item: IDataObject,
	request: IDataObject,
	unreadable: boolean,
): IWebhookResponseData {
	const fallback = fallbackRoute(
		this.getNodeParameter('fallbackActionType', 'queue'),
		this.getNodeParameter('fallbackActionData', ''),
		request,
	);
	if (fallback.problem)
		warnFallback(
			this,
			'routeRequest',
			`${fallback.problem}; the safe action is used as the fallback`,
			JSON.stringify(fallback.action),
		);
	const withFallback = (extra: IDataObject) => ({
		...item,
		...extra,
		...(fallback.problem ? { fallbackProblem: fallback.problem } : {}),
	});
	const options = this.getNodeParameter('options', {}) as IDataObject;

	if (unreadable) {
		// Nothing to decide on: the fallback at once. No execution, unless Pass Invalid Events On asks for one.
		answerJson(this, 200, fallback.action);
		warnFallback(
			this,
			'routeRequest',
			`the request is unreadable (${String(item.reason)})`,
			JSON.stringify(fallback.action),
		);
		if (options.passInvalid !== true) return { noWebhookResponse: true };
		return emit(withFallback({ answer: fallback.action as unknown as IDataObject }));
	}

	const mode = this.getNodeParameter('routeMode', 'rules') as string;
	if (mode === 'rules') {
		const rules = ((this.getNodeParameter('rules', {}) as IDataObject).rule ?? []) as RouteRule[];
		const picked = pickRoute(rules, request);
		let answer: RouteAction | undefined;
		let reason: string | undefined;
		if (picked) {
			const checked = validateRouteAction({
				action_type: picked.rule.actionType,
				action_data: picked.rule.actionData,
			});
			if (checked.ok) answer = checked.value;
			else reason = `rule ${picked.index + 1}'s action is invalid: ${checked.reason}`;
		} else {
			reason = 'no rule matched';
		}
		answer ??= fallback.action;
		answerJson(this, 200, answer);
		if (!this.getNodeParameter('runOnRuleAnswer', true)) return { noWebhookResponse: true };
		return emit(
			withFallback({
				answer: answer as unknown as IDataObject,
				matchedRule: picked && !reason ? picked.index + 1 : null,
				fallbackUsed: reason !== undefined,
				...(reason ? { fallbackReason: reason } : {}),
			}),
		);
	}

	// The workflow decides (last node or Respond to Webhook). The guard validates its answer
	// and sends the fallback on an invalid answer, a failed workflow, the timeout; it stops
	// waiting when the PBX hangs up.
	const fallbackDecision: GuardDecision = {
		status: 200,
		body: JSON.stringify(fallback.action),
		contentType: JSON_TYPE,
	};
	const waitMs = timeoutMs(this);
	guardResponse(this.getResponseObject() as unknown as ResponseLike, {
		timeoutMs: waitMs,
		onTimeout: () => fallbackDecision,
		judge: (written) => {
			const failed = failedWorkflow(written);
			if (failed) return { ...fallbackDecision, reason: failed };
			const answer = validateRouteAction(writtenValue(written.body));
			if (!answer.ok)
				return {
					...fallbackDecision,
					reason: `the workflow's answer is invalid: ${answer.reason}`,
				};
			return { status: 200, body: JSON.stringify(answer.value), contentType: JSON_TYPE };
		},
		onSettled: (decision, reason) =>
			warnFallback(
				this,
				'routeRequest',
				reason === 'timeout' ? `no answer came within ${waitMs} ms` : reason,
				decision.body,
			),
	});
	return emit(withFallback({ fallback: fallback.action as unknown as IDataObject }), false);
}
