// The AloVoice Trigger's own activation checks, run after the shared ones (security, IP
// allowlist): a route request's fallback action and rules, and the answer timeout where the
// workflow answers. Each would otherwise fail the first call from the PBX silently: a rule it
// cannot use is skipped, so a caller would get the fallback.
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { isExpression } from '../shared/webhook/activation';
import { ANSWER_TIMEOUT_SECONDS, checkAnswerTimeout } from './answerTimeout';
import { isRouteActionType, ROUTE_ACTION_TYPES, validateRouteAction } from './answers';
import { checkRouteRule, type RouteRule } from './route';

export interface RouteActivationSettings {
	/** Only for a route request; rules only in rules mode. */
	route?: {
		fallbackType: unknown;
		fallbackData: unknown;
		fallbackDataIsExpression: boolean;
		/** An undefined rule has an expression, read per request: not checked. */
		rules?: Array<RouteRule | undefined>;
	};
	/** Only where the workflow answers (route request, or call started in a workflow mode). */
	answerTimeout?: unknown;
}

function fallbackProblem(route: NonNullable<RouteActivationSettings['route']>): string | undefined {
	const type = String(route.fallbackType ?? '');
	const data = String(route.fallbackData ?? '').trim();
	if (!isRouteActionType(type))
		return `Fallback Action Type: "${type}" is not one of ${ROUTE_ACTION_TYPES.join(', ')}.`;
	// An empty queue means the queue the request names; an expression is read per request.
	if (route.fallbackDataIsExpression || (type === 'queue' && data === '')) return undefined;
	const checked = validateRouteAction({ action_type: type, action_data: data });
	return checked.ok ? undefined : `Fallback Action Data: ${checked.reason}.`;
}

/** The problems of the route and timeout settings; empty when there is none. Pure. */
export function routeActivationProblems(settings: RouteActivationSettings): string[] {
	const problems: string[] = [];
	if (settings.route) {
		const fallback = fallbackProblem(settings.route);
		if (fallback) problems.push(fallback);
		(settings.route.rules ?? []).forEach((rule, index) => {
			const problem = rule && checkRouteRule(rule, index);
			if (problem) problems.push(`Rules: ${problem}`);
		});
	}
	if (settings.answerTimeout !== undefined) {
		const timeout =
			typeof settings.answerTimeout === 'boolean'
				? { ok: false as const, reason: 'Answer Timeout must be a number of seconds.' }
				: checkAnswerTimeout(settings.answerTimeout);
		if (!timeout.ok) problems.push(`Answer Timeout (Seconds): ${timeout.reason}`);
	}
	return problems;
}

/** Whether the workflow, not the node, answers this event (so the answer timeout is used). */
function workflowAnswers(event: string, parameter: (name: string, fallback: string) => string) {
	if (event === 'routeRequest') return parameter('routeMode', 'rules') !== 'rules';
	if (event === 'callStarted') return parameter('callStartAnswer', 'node') !== 'node';
	return false;
}

function routeSettings(context: IHookFunctions): RouteActivationSettings['route'] {
	const node = context.getNode();
	const fallbackDataIsExpression = isExpression(node.parameters.fallbackActionData);
	const route: RouteActivationSettings['route'] = {
		fallbackType: context.getNodeParameter('fallbackActionType', 'queue'),
		fallbackData: fallbackDataIsExpression
			? ''
			: context.getNodeParameter('fallbackActionData', ''),
		fallbackDataIsExpression,
	};
	if (String(context.getNodeParameter('routeMode', 'rules') ?? 'rules') === 'rules') {
		const rules = ((node.parameters.rules as IDataObject | undefined)?.rule ?? []) as RouteRule[];
		route.rules = rules.map((rule) =>
			Object.values(rule ?? {}).some(isExpression) ? undefined : rule,
		);
	}
	return route;
}

/** The activation hook: reads the settings the checks above look at. */
export function aloVoiceActivation(context: IHookFunctions): string[] {
	const node = context.getNode();
	const parameter = (name: string, fallback: string) =>
		String(context.getNodeParameter(name, fallback) ?? fallback);
	const event = parameter('event', '');
	const settings: RouteActivationSettings = {};
	if (event === 'routeRequest') settings.route = routeSettings(context);
	// An expression is read per request, with the request's data: nothing to check here.
	if (workflowAnswers(event, parameter) && !isExpression(node.parameters.answerTimeout))
		settings.answerTimeout = context.getNodeParameter(
			'answerTimeout',
			ANSWER_TIMEOUT_SECONDS.default,
		);
	return routeActivationProblems(settings);
}
