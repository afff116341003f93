// Route Request (AloVoice's "API request" route type): a caller waits while the PBX asks where
// to send them. Rules in the node answer at once; otherwise the workflow answers through the
// guard. After the security checks every request gets a valid action, whatever it carries.
import type {
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	Reader,
	notThisEvent,
	show,
	type EventCheck,
	type NormalizeOptions,
} from '../../shared/webhook/fields';
import type { GuardDecision } from '../../shared/webhook/guard';
import type { Fields } from '../../shared/webhook/body';
import { answerJson, emit, receiveEvent } from '../../shared/webhook/node';
import { ROUTE_ACTIONS, validateRouteAction, type RouteAction } from '../answers';
import {
	fallbackRoute,
	pickRoute,
	safeRouteAction,
	UZBEKISTAN,
	type FallbackRoute,
	type RouteRule,
} from '../route';
import { guardWorkflowAnswer, warnFallback } from '../workflowAnswer';

export const option = {
	name: 'Route Request',
	value: 'routeRequest',
	description: 'A caller waits on the line for where to go',
};

/** Where to paste this event's URL, in the words of AloVoice's own screens. */
export const notice = {
	name: 'noticeRouteRequest',
	displayName:
		'Open Webhook URLs above and copy the Test URL (to try the workflow) or the Production URL (once it is active). In AloVoice, give a route the type "API request" (API запрос) and paste it as its address. The caller waits on the line for the answer.',
};

const rulesMode = {
	name: 'Rules in This Node (Answer at Once)',
	value: 'rules',
	description: 'Answers at once; the workflow cannot delay or break it',
};

/** Shown only when an AloVoice Answer node is to answer: which node to add, and where. */
const answerNodeNotice: INodeProperties = {
	displayName:
		'Add an AloVoice Answer node after this trigger (any branch) with Answer To: Route Request; it sends AloVoice where the caller goes. Without one, the fallback action goes out when the workflow ends or after the Answer Timeout.',
	name: 'noticeRouteRequestAnswerNode',
	type: 'notice',
	default: '',
	displayOptions: { show: { event: ['routeRequest'], routeMode: ['responseNode'] } },
};

const routeMode = (options: INodeProperties['options']): INodeProperties => ({
	displayName: 'Decide By',
	name: 'routeMode',
	type: 'options',
	description: 'Who decides where the waiting caller goes',
	displayOptions: { show: { event: ['routeRequest'] } },
	options,
	default: 'rules',
});

/** The rules, whether each request also runs the workflow, and the fallback. */
const rulesAndFallback: INodeProperties[] = [
	{
		displayName: 'Rules',
		name: 'rules',
		placeholder: 'Add Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { event: ['routeRequest'], routeMode: ['rules'] } },
		default: {},
		description:
			'The first rule that matches decides; when none does, the fallback action is answered',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Match',
						name: 'match',
						type: 'options',
						options: [
							{
								name: 'Any Call',
								value: 'any',
								description: 'Every request; put it last as a catch-all',
							},
							{
								name: 'Caller Number Is',
								value: 'callerExact',
								description: 'The whole number: 991234567 is also +998991234567',
							},
							{
								name: 'Caller Number Is Withheld',
								value: 'callerWithheld',
								description: 'No usable number: missing, "anonymous", only zeros…',
							},
							{
								name: 'Caller Number Starts With',
								value: 'callerPrefix',
								description: 'A prefix: 99 matches 991234567 and +998991234567',
							},
							{
								name: 'Direction Is (Inc/Out)',
								value: 'direction',
								description: 'Inc or out (or incoming/outgoing), any letter case',
							},
							{
								name: 'Line Is',
								value: 'line',
								description: 'The called line in any form: 712037006 or +998712037006',
							},
							{
								name: 'Queue Is',
								value: 'queue',
								description: 'The queue (department) number, exactly: 6000, not 600',
							},
						],
						default: 'callerPrefix',
						description: 'What of the route request this rule looks at',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: '99890',
						displayOptions: { hide: { match: ['any', 'callerWithheld'] } },
						description:
							'What the rule compares: a number or prefix (spaces, dashes and + allowed), a line, a queue, or inc/out. A value that is not one matches nothing.',
						hint: 'Numbers typed with 998 or +998 compare with the 12-digit form, shorter ones with the 9 local digits; a foreign number digit by digit. A withheld number matches only Caller Number Is Withheld.',
					},
					{
						displayName: 'Action Type',
						name: 'actionType',
						type: 'options',
						options: [...ROUTE_ACTIONS],
						default: 'peer',
						description: 'Where a matching call goes',
					},
					{
						displayName: 'Action Data',
						name: 'actionData',
						type: 'string',
						default: '',
						placeholder: '2000',
						description:
							'The extension, queue, IVR ID or external number to send the call to; for Hang Up, a sound file ID or empty',
					},
				],
			},
		],
	},
	{
		displayName: 'Start an Execution for Each Request',
		name: 'runOnRuleAnswer',
		type: 'boolean',
		displayOptions: { show: { event: ['routeRequest'], routeMode: ['rules'] } },
		default: true,
		description:
			'Whether each route request, already answered, also runs the workflow (e.g. for logging)',
	},
	{
		displayName: 'Fallback Action Type',
		name: 'fallbackActionType',
		type: 'options',
		displayOptions: { show: { event: ['routeRequest'] } },
		options: [...ROUTE_ACTIONS],
		default: 'queue',
		description:
			"Answered when no rule matches, the request is unreadable, or the workflow's answer is missing, invalid, late, or the workflow fails",
	},
	{
		displayName: 'Fallback Action Data',
		name: 'fallbackActionData',
		type: 'string',
		displayOptions: { show: { event: ['routeRequest'] } },
		default: '',
		placeholder: '6000',
		description:
			"Empty with a queue: the queue the request names (queue_number). If the fallback is invalid, the request's queue (or else a hang-up) is answered instead, never an invalid action.",
	},
];

/** Version 2 serves the workflow's answer through the AloVoice Answer node alone. */
export const properties: Record<1 | 2, INodeProperties[]> = {
	1: [
		routeMode([
			rulesMode,
			{
				name: 'The Last Node',
				value: 'lastNode',
				description: "{action_type, action_data} from the last node's first item",
			},
			{
				name: 'A Respond to Webhook Node',
				value: 'responseNode',
				description: "Respond to Webhook's version 1 only (see the docs)",
			},
		]),
		...rulesAndFallback,
	],
	2: [
		routeMode([
			rulesMode,
			{
				name: 'An AloVoice Answer Node',
				value: 'responseNode',
				description: 'An AloVoice Answer node answers; the workflow goes on',
			},
		]),
		answerNodeNotice,
		...rulesAndFallback,
	],
};

/** The documented fields (shared/api/alovoice.md §6): a body with none of them is not this event. */
export const FIELDS = ['from_number', 'line_number', 'queue_number', 'direction'] as const;

/** The queue number: digits; anything else is null, with a warning unless it is absent. */
function queueNumber(read: Reader): string | null {
	const value = read.get('queue_number');
	if (
		(typeof value === 'number' && Number.isInteger(value) && value >= 0) ||
		(typeof value === 'string' && /^\s*\d+\s*$/.test(value))
	)
		return String(value).trim();
	if (!(value === undefined || value === null || value === ''))
		read.warn('queue_number', 'the queue number (digits)');
	return null;
}

/** AloVoice route request: `{ from_number, line_number, queue_number, direction }`. */
export function normalize(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(FIELDS)) return notThisEvent('route request', FIELDS);
	const country = options.defaultCountry ?? UZBEKISTAN;
	const caller = read.caller('from_number', country);
	const line = read.phone('line_number', country);
	const queue = queueNumber(read);
	const direction = read.text('direction', 'inc or out', true);
	if (direction !== null && !['inc', 'out'].includes(direction.toLowerCase())) {
		read.warnings.push(
			`direction is ${show(read.get('direction'))}; expected inc or out (kept as sent)`,
		);
	}
	return {
		ok: true,
		value: {
			event: 'routeRequest',
			fromNumber: caller.number,
			fromNumberE164: caller.e164,
			fromNumberWithheld: caller.withheld,
			lineNumber: line.number,
			lineNumberE164: line.e164,
			queueNumber: queue,
			direction,
			warnings: read.warnings,
		},
	};
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
 * Every authorized request gets a valid action: a matching rule's, the workflow's, or the
 * fallback (which fallbackRoute makes valid even when the configured one is not); an
 * unreadable body gets the fallback too. Anything unexpected on the way still answers the safe
 * action (the catch).
 */
export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let request: IDataObject | undefined;
	let authorized = false;
	try {
		const received = await receiveEvent(this, (fields) => normalize(fields), {
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
		return decideRoute(this, received.item as IDataObject, request, unreadable);
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

/** What each way of deciding needs: the request, its item, the fallback and the item's extras. */
interface Decision {
	context: IWebhookFunctions;
	item: IDataObject;
	request: IDataObject;
	fallback: FallbackRoute;
	/** The item with `extra` and the fallback's problem, if any. */
	withFallback: (extra: IDataObject) => IDataObject;
}

function decideRoute(
	context: IWebhookFunctions,
	item: IDataObject,
	request: IDataObject,
	unreadable: boolean,
): IWebhookResponseData {
	const fallback = fallbackRoute(
		context.getNodeParameter('fallbackActionType', 'queue'),
		context.getNodeParameter('fallbackActionData', ''),
		request,
	);
	if (fallback.problem)
		warnFallback(
			context,
			'routeRequest',
			`${fallback.problem}; the safe action is used as the fallback`,
			JSON.stringify(fallback.action),
		);
	const withFallback = (extra: IDataObject) => ({
		...item,
		...extra,
		...(fallback.problem ? { fallbackProblem: fallback.problem } : {}),
	});
	const decision: Decision = { context, item, request, fallback, withFallback };
	if (unreadable) return answerUnreadable(decision);
	const mode = context.getNodeParameter('routeMode', 'rules') as string;
	return mode === 'rules' ? answerByRules(decision) : answerByWorkflow(decision);
}

/** Nothing to decide on: the fallback at once. No execution, unless Pass Invalid Events On asks for one. */
function answerUnreadable({ context, item, fallback, withFallback }: Decision) {
	answerJson(context, 200, fallback.action);
	warnFallback(
		context,
		'routeRequest',
		`the request is unreadable (${String(item.reason)})`,
		JSON.stringify(fallback.action),
	);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	if (options.passInvalid !== true) return { noWebhookResponse: true };
	return emit(withFallback({ answer: fallback.action as unknown as IDataObject }));
}

/** The first matching rule's action, or the fallback; answered before any execution exists. */
function answerByRules({ context, request, fallback, withFallback }: Decision) {
	const rules = ((context.getNodeParameter('rules', {}) as IDataObject).rule ?? []) as RouteRule[];
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
	answerJson(context, 200, answer);
	if (!context.getNodeParameter('runOnRuleAnswer', true)) return { noWebhookResponse: true };
	return emit(
		withFallback({
			answer: answer as unknown as IDataObject,
			matchedRule: picked && !reason ? picked.index + 1 : null,
			fallbackUsed: reason !== undefined,
			...(reason ? { fallbackReason: reason } : {}),
		}),
	);
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The workflow decides (an AloVoice Answer node, in version 1 also the last node or a Respond
 * to Webhook node); the guard validates its answer and sends the fallback when it is invalid,
 * the workflow fails or the timeout passes. It stops waiting when the PBX hangs up.
 */
function answerByWorkflow({ context, fallback, withFallback }: Decision) {
	const fallbackDecision: GuardDecision = {
		status: 200,
		body: JSON.stringify(fallback.action),
		contentType: JSON_TYPE,
	};
	guardWorkflowAnswer(context, 'routeRequest', fallbackDecision, (value) => {
		const answer = validateRouteAction(value);
		if (!answer.ok) return answer;
		return {
			ok: true,
			decision: { status: 200, body: JSON.stringify(answer.value), contentType: JSON_TYPE },
		};
	});
	return emit(withFallback({ fallback: fallback.action as unknown as IDataObject }), false);
}
