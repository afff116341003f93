// The triggers' activation check (their webhookMethods): neither PBX has an API to register a
// webhook (the URL is pasted into it by hand), so "create" is where n8n lets a node refuse to
// start. It checks what would otherwise fail on the first call from the PBX: the secret
// credential, the IP allowlist, and for a route request the fallback action and the answer
// timeout. Every problem found is listed, each naming the setting and what it must be.
import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ROUTE_ACTION_TYPES, validateRouteAction } from './answers';
import { checkAllowlist } from './ip';
import { checkAnswerTimeout, checkRouteRule, type RouteRule } from './route';
import {
	isSecretKind,
	LEGACY_CREDENTIALS,
	SECRET_CREDENTIAL_NAMES,
	SECRET_CREDENTIALS,
	secretProblem,
} from './secrets';

export interface ActivationSettings {
	authentication: string;
	/** The node's credential references by type (INode.credentials): what the user chose. */
	credentialRefs: Record<string, { name?: string } | undefined>;
	/** The chosen secret credential's data, or why it could not be read. */
	credential?: { data: ICredentialDataDecryptedObject } | { error: string };
	ipAllowlist: string;
	/** Only for a route request; rules only in rules mode. */
	route?: {
		fallbackType: unknown;
		fallbackData: unknown;
		fallbackDataIsExpression: boolean;
		rules?: Array<RouteRule | undefined>;
	};
	/** Only where the workflow answers (route request or call started in a workflow mode). */
	answerTimeout?: unknown;
}

/** Everything that would make the trigger fail its first call; empty when it can start. Pure. */
export function activationProblems(settings: ActivationSettings): string[] {
	const problems: string[] = [];
	const kind = settings.authentication;
	if (isSecretKind(kind)) {
		const wanted = SECRET_CREDENTIAL_NAMES[kind];
		const legacy = LEGACY_CREDENTIALS[kind];
		const chosen = settings.credentialRefs[SECRET_CREDENTIALS[kind]];
		const old = settings.credentialRefs[legacy.type];
		if (!chosen && old) {
			problems.push(
				`Authentication: the credential "${old.name ?? legacy.displayName}" is n8n's ${legacy.displayName}, which this node no longer reads (version 0.1.0 used it). Create an "${wanted}" credential with the same values and choose it (README, "Security").`,
			);
		} else if (!chosen || !settings.credential || 'error' in settings.credential) {
			problems.push(
				`Authentication: choose an "${wanted}" credential, or set Authentication to None.`,
			);
		} else {
			const problem = secretProblem(kind, settings.credential.data);
			if (problem) problems.push(`Credential "${chosen.name ?? wanted}": ${problem}`);
		}
	}
	if (settings.ipAllowlist.trim() !== '') {
		const list = checkAllowlist(settings.ipAllowlist);
		if (!list.ok) {
			problems.push(`IP Allowlist: ${list.reason}`);
		}
	}
	if (settings.route) {
		const { fallbackType, fallbackData, fallbackDataIsExpression } = settings.route;
		const type = String(fallbackType ?? '');
		const data = String(fallbackData ?? '').trim();
		if (!(ROUTE_ACTION_TYPES as readonly string[]).includes(type)) {
			problems.push(
				`Fallback Action Type: "${type}" is not one of ${ROUTE_ACTION_TYPES.join(', ')}.`,
			);
		} else if (!fallbackDataIsExpression && !(type === 'queue' && data === '')) {
			// An empty queue means the queue the request names; an expression is read per request.
			const checked = validateRouteAction({ action_type: type, action_data: data });
			if (!checked.ok) problems.push(`Fallback Action Data: ${checked.reason}.`);
		}
		// The rules as the route matching reads them (route.ts): a rule it cannot use is skipped
		// there, so a caller would silently get the fallback.
		// An undefined rule has an expression, read per request: not checked here.
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
function workflowAnswers(
	event: string,
	parameter: (name: string, fallback: string) => string,
): boolean {
	if (event === 'routeRequest') return parameter('routeMode', 'rules') !== 'rules';
	if (event === 'callStarted') return parameter('callStartAnswer', 'node') !== 'node';
	return false;
}

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** Reads the node's settings and refuses to activate, with every problem, when there is one. */
export async function checkActivation(context: IHookFunctions): Promise<void> {
	const node = context.getNode();
	const parameter = (name: string, fallback: string) =>
		String(context.getNodeParameter(name, fallback) ?? fallback);
	const authentication = parameter('authentication', 'none');
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const event = parameter('event', '');
	const settings: ActivationSettings = {
		authentication,
		credentialRefs: (node.credentials ?? {}) as ActivationSettings['credentialRefs'],
		ipAllowlist: String(options.ipAllowlist ?? ''),
	};
	if (isSecretKind(authentication) && node.credentials?.[SECRET_CREDENTIALS[authentication]]) {
		try {
			settings.credential = {
				data: await context.getCredentials(SECRET_CREDENTIALS[authentication]),
			};
		} catch (error) {
			settings.credential = { error: (error as Error).message };
		}
	}
	if (event === 'routeRequest' && node.type.endsWith('aloVoiceTrigger')) {
		const fallbackDataIsExpression = isExpression(node.parameters.fallbackActionData);
		settings.route = {
			fallbackType: context.getNodeParameter('fallbackActionType', 'queue'),
			fallbackData: fallbackDataIsExpression
				? ''
				: context.getNodeParameter('fallbackActionData', ''),
			fallbackDataIsExpression,
		};
		if (parameter('routeMode', 'rules') === 'rules') {
			const rules = ((node.parameters.rules as IDataObject | undefined)?.rule ?? []) as RouteRule[];
			settings.route.rules = rules.map((rule) =>
				Object.values(rule ?? {}).some(isExpression) ? undefined : rule,
			);
		}
	}
	// An expression is read per request, with the request's data: nothing to check here.
	if (
		node.type.endsWith('aloVoiceTrigger') &&
		workflowAnswers(event, parameter) &&
		!isExpression(node.parameters.answerTimeout)
	) {
		settings.answerTimeout = context.getNodeParameter('answerTimeout', 3);
	}
	const problems = activationProblems(settings);
	if (problems.length === 0) return;
	const list =
		problems.length === 1
			? problems[0]
			: problems.map((problem, index) => `${index + 1}. ${problem}`).join(' ');
	throw new NodeOperationError(node, `${node.name} cannot be activated: ${list}`, {
		description:
			'Nothing is registered at the PBX (its URL is pasted there by hand); these settings would make every call from it fail. Fix them and activate again.',
	});
}
