// The route request's decision, without n8n: which rule a caller matches and what the fallback
// is. Pure, so every rule and its "no" is unit-tested, and the activation check reuses the same
// functions. Numbers are compared as AloVoice's Uzbek numbers: 9 local digits or 998 and 9.
import { callerWithheld, numberText } from '../shared/webhook/fields';

import { isRouteActionType, validateRouteAction, type RouteAction } from './answers';

/** Uzbekistan's calling code: AloVoice's 9-digit local numbers are Uzbek. */
export const UZBEKISTAN = '998';

export type RuleMatch =
	| 'any'
	| 'callerExact'
	| 'callerPrefix'
	| 'callerWithheld'
	| 'line'
	| 'queue'
	| 'direction';

export const RULE_MATCHES: readonly RuleMatch[] = [
	'any',
	'callerExact',
	'callerPrefix',
	'callerWithheld',
	'line',
	'queue',
	'direction',
];

export interface RouteRule {
	match: RuleMatch;
	value?: string;
	actionType: string;
	actionData?: string;
}

/** The request fields the rules look at (as the PBX sent them: strings, numbers, null or missing). */
export type RouteFields = Record<string, unknown>;

/** The caller's number in the forms the rules compare; undefined when it is withheld. */
export interface NumberForms {
	/** Digits as sent (a leading 00 international prefix removed). */
	digits: string;
	/** For an Uzbek number: the 9 local digits and the 12-digit 998 form. */
	local?: string;
	full?: string;
}

export function numberForms(value: unknown): NumberForms | undefined {
	if (callerWithheld(value)) return undefined;
	let digits = numberText(value) as string;
	if (/^00998\d{9}$/.test(digits)) digits = digits.slice(2);
	if (digits.length === 9) return { digits, local: digits, full: `998${digits}` };
	if (digits.length === 12 && digits.startsWith('998'))
		return { digits, local: digits.slice(3), full: digits };
	return { digits };
}

/**
 * Caller "is" / "starts with". The value is compared in the form the person typed it:
 *  - typed with 998 or +998 → with the caller's 12-digit form (998 + 9 digits);
 *  - typed shorter, without 998 → with the caller's 9 local digits (an Uzbek caller) or, for
 *    a foreign caller, the digits as sent;
 * so `99` matches 991234567 and +998991234567 but not 974244100 (whose 12-digit form
 * 998974244100 does start with 99). A withheld caller matches no value. A value that is not a
 * number (letters, empty) matches nothing.
 */
export function callerMatches(from: unknown, wanted: unknown, prefix: boolean): boolean {
	const caller = numberForms(from);
	const want = numberText(wanted);
	if (!caller || want === undefined || want === '') return false;
	const typedFull = want.startsWith('998');
	const form =
		caller.local === undefined ? caller.digits : typedFull ? (caller.full as string) : caller.local;
	return prefix ? form.startsWith(want) : form === want;
}

/** One number in the form that makes its forms equal: 9 local digits for an Uzbek number, else the digits. */
function sameNumberKey(value: unknown): string | undefined {
	const text = numberText(value);
	if (text === undefined || text === '') return undefined;
	const digits = /^00998\d{9}$/.test(text) ? text.slice(2) : text;
	if (digits.length === 12 && digits.startsWith('998')) return digits.slice(3);
	return digits;
}

/** "Line Is": the same number in any of its forms (712037006, 998712037006, +998 71 203 70 06), never a part of it. */
export function lineMatches(line: unknown, wanted: unknown): boolean {
	const a = sameNumberKey(line);
	const b = sameNumberKey(wanted);
	return a !== undefined && b !== undefined && a === b;
}

/** "Queue Is": the queue number exactly (6000 and "6000" are the same; 600 is not 6000). */
export function queueMatches(queue: unknown, wanted: unknown): boolean {
	const a = numberText(queue);
	const b = numberText(wanted);
	return (
		a !== undefined &&
		b !== undefined &&
		a !== '' &&
		a.replace(/^0+(?=\d)/, '') === b.replace(/^0+(?=\d)/, '')
	);
}

const DIRECTIONS: Record<string, 'inc' | 'out'> = {
	inc: 'inc',
	incoming: 'inc',
	in: 'inc',
	out: 'out',
	outgoing: 'out',
};

/** "Direction Is": inc or out (incoming/outgoing accepted as the same), case-insensitive; anything else matches nothing. */
export function directionMatches(direction: unknown, wanted: unknown): boolean {
	if (typeof direction !== 'string' || typeof wanted !== 'string') return false;
	const a = DIRECTIONS[direction.trim().toLowerCase()];
	const b = DIRECTIONS[wanted.trim().toLowerCase()];
	return a !== undefined && a === b;
}

/** Whether one rule matches the request. Unknown rule types match nothing. */
export function ruleMatches(rule: RouteRule, request: RouteFields): boolean {
	switch (rule?.match) {
		case 'any':
			return true;
		case 'callerExact':
			return callerMatches(request.from_number, rule.value, false);
		case 'callerPrefix':
			return callerMatches(request.from_number, rule.value, true);
		case 'callerWithheld':
			return callerWithheld(request.from_number);
		case 'line':
			return lineMatches(request.line_number, rule.value);
		case 'queue':
			return queueMatches(request.queue_number, rule.value);
		case 'direction':
			return directionMatches(request.direction, rule.value);
		default:
			return false;
	}
}

/** The first rule that matches the request, in the order the user listed them. */
export function pickRoute(
	rules: readonly RouteRule[],
	request: RouteFields,
): { rule: RouteRule; index: number } | undefined {
	if (!Array.isArray(rules)) return undefined;
	for (const [index, rule] of rules.entries()) {
		if (rule && ruleMatches(rule, request ?? {})) return { rule, index };
	}
	return undefined;
}

/**
 * A rule's settings, checked as activation does: its value must be something the rule can
 * match (a number for the caller/line/queue rules, inc/out for the direction), and its action
 * valid. undefined when fine.
 */
export function checkRouteRule(rule: RouteRule, index: number): string | undefined {
	const name = `Rule ${index + 1}`;
	if (!RULE_MATCHES.includes(rule?.match))
		return `${name}: the match type "${String(rule?.match)}" is unknown.`;
	const value = typeof rule.value === 'string' ? rule.value.trim() : '';
	if (
		['callerExact', 'callerPrefix', 'line', 'queue'].includes(rule.match) &&
		numberText(value) === undefined
	) {
		return `${name}: Value must be a number (digits, optionally with + and spaces), got "${value}".`;
	}
	if (rule.match === 'direction' && DIRECTIONS[value.toLowerCase()] === undefined) {
		return `${name}: Value must be inc or out, got "${value}".`;
	}
	const action = validateRouteAction({
		action_type: rule.actionType,
		action_data: rule.actionData,
	});
	if (!action.ok) return `${name}: its action is invalid: ${action.reason}.`;
	return undefined;
}

/**
 * The node's own last resort when the configured fallback is invalid: the queue the request
 * names (the department the caller dialled), else hang up. Both are actions the PBX accepts;
 * an invalid answer would end the call in the same way, but with no sound and no log.
 */
export function safeRouteAction(request: RouteFields | undefined): RouteAction {
	const queue = numberText(request?.queue_number);
	if (queue !== undefined && queue !== '' && queue.length <= 12)
		return { action_type: 'queue', action_data: queue };
	return { action_type: 'hangup' };
}

export interface FallbackRoute {
	/** Always a valid action. */
	action: RouteAction;
	/** Set when the configured fallback could not be used (and the safe action is sent instead). */
	problem?: string;
}

/**
 * The fallback route: the configured type and data; a queue with empty data takes the queue the
 * request names. When that is not a valid action, the safe action (see safeRouteAction) with
 * the problem named.
 */
export function fallbackRoute(
	type: unknown,
	data: unknown,
	request: RouteFields | undefined,
): FallbackRoute {
	let text = typeof data === 'number' ? String(data) : typeof data === 'string' ? data.trim() : '';
	if (text === '' && type === 'queue') text = numberText(request?.queue_number) ?? '';
	const checked = validateRouteAction({ action_type: type, action_data: text });
	if (checked.ok) return { action: checked.value };
	const configured = isRouteActionType(type) ? String(type) : JSON.stringify(type ?? null);
	return {
		action: safeRouteAction(request),
		problem: `the fallback action (${configured}) is invalid: ${checked.reason}`,
	};
}
