// nodes/AloVoiceTrigger/route.ts, pure: which rule a caller matches, the rules as activation
// checks them, the fallback, and thousands of random rule sets (the trigger over HTTP:
// test/engine/AloVoiceTrigger/routeFallback.test.ts).
import fc from 'fast-check';

import { validateRouteAction } from '../../../nodes/AloVoiceTrigger/answers';
import {
	callerMatches,
	checkRouteRule,
	directionMatches,
	fallbackRoute,
	lineMatches,
	pickRoute,
	queueMatches,
	ruleMatches,
	safeRouteAction,
	type RouteRule,
} from '../../../nodes/AloVoiceTrigger/route';
import { callerWithheld } from '../../../nodes/shared/webhook/fields';
import { UZ_CALLER_FORMS, WITHHELD } from '../../callerForms';

describe('Caller Number Starts With', () => {
	it.each([
		['99', '991234567'],
		['99', '+998991234567'],
		['99', 998991234567],
		['97', '974244100'],
		['9742', '+998 97 424 41 00'],
		['998', '974244100'],
		['+998 97', '974244100'],
		['99897', '998974244100'],
		['974244100', '974244100'],
		['7903', '79039998877'],
		['+7', '+7 903 999 88 77'],
		['1', '1001'],
	])('%j matches %j', (prefix, caller) => expect(callerMatches(caller, prefix, true)).toBe(true));
	it.each([
		// The case: the 12-digit form of every Uzbek number starts with 99.
		['99', '974244100'],
		['99', '+998974244100'],
		['99', 998974244100],
		['9', '74244100'],
		['97', '991234567'],
		['99898', '974244100'],
		['+998 99', '974244100'],
		['998', '79039998877'],
		['7', '974244100'],
		['74244100', '974244100'],
		['9742441001', '974244100'],
		['', '974244100'],
		['   ', '974244100'],
		['abc', '974244100'],
		['9x', '974244100'],
	])('%j does not match %j', (prefix, caller) =>
		expect(callerMatches(caller, prefix, true)).toBe(false),
	);
	it.each(WITHHELD.map((value) => [value]))('no prefix matches the withheld %j', (caller) => {
		for (const prefix of ['0', '9', '99', '998', '+', 'anonymous', ''])
			expect(callerMatches(caller, prefix, true)).toBe(false);
	});
});

describe('Caller Number Is', () => {
	it.each(
		UZ_CALLER_FORMS.flatMap((caller) =>
			['974244100', '998974244100', '+998974244100', '+998 97 424-41-00'].map((value) => [
				value,
				caller,
			]),
		),
	)('%j matches %j', (value, caller) => expect(callerMatches(caller, value, false)).toBe(true));
	it.each([
		['97424410', '974244100'],
		['97', '974244100'],
		['9742441000', '974244100'],
		['974244101', '974244100'],
		['998974244101', '974244100'],
		['74244100', '974244100'],
		['79039998877', '9039998877'],
		['', '974244100'],
		['anonymous', 'anonymous'],
		['', ''],
		['0', '0'],
	])('%j does not match %j', (value, caller) =>
		expect(callerMatches(caller, value, false)).toBe(false),
	);
});

describe('Line Is', () => {
	it.each([
		['712037006', '712037006'],
		['712037006', 712037006],
		['998712037006', '712037006'],
		['+998 71 203 70 06', 712037006],
		['712037006', '+998712037006'],
		['2000', '2000'],
	])('%j matches line %j', (value, line) => expect(lineMatches(line, value)).toBe(true));
	it.each([
		// The case: a suffix is not the line.
		['6', '712037006'],
		['006', '712037006'],
		['37006', '712037006'],
		['71203700', '712037006'],
		['7120370066', '712037006'],
		['712037007', '712037006'],
		['', '712037006'],
		['712037006', ''],
		['712037006', null],
		['712037006', undefined],
		['line 1', 'line 1'],
	])('%j does not match line %j', (value, line) => expect(lineMatches(line, value)).toBe(false));
});

describe('Queue Is', () => {
	it.each([
		['6000', 6000],
		['6000', '6000'],
		[' 6000 ', '6000'],
	])('%j matches queue %j', (value, queue) => expect(queueMatches(queue, value)).toBe(true));
	it.each([
		['600', 6000],
		['60000', 6000],
		['6000', 6001],
		['', 6000],
		['6000', null],
		['6000', undefined],
		['6000', ''],
		['sales', 'sales'],
	])('%j does not match queue %j', (value, queue) =>
		expect(queueMatches(queue, value)).toBe(false),
	);
});

describe('Direction Is', () => {
	it.each([
		['inc', 'inc'],
		['INC', 'inc'],
		['inc', 'incoming'],
		['out', 'OUT'],
		['outgoing', 'out'],
	])('%j matches %j', (value, direction) => expect(directionMatches(direction, value)).toBe(true));
	it.each([
		['inc', 'out'],
		['out', 'inc'],
		['inc', ''],
		['', ''],
		['inc', null],
		['inc', undefined],
		['in', 'inbound'],
		['inc', 1],
		['x', 'x'],
	])('%j does not match %j', (value, direction) =>
		expect(directionMatches(direction, value)).toBe(false),
	);
});

describe('pickRoute', () => {
	const rule = (match: string, value: string, actionData = '1'): RouteRule => ({
		match: match as RouteRule['match'],
		value,
		actionType: 'peer',
		actionData,
	});
	const request = {
		from_number: '974244100',
		line_number: '712037006',
		queue_number: 6000,
		direction: 'inc',
	};

	it('the first matching rule in the listed order wins', () => {
		expect(
			pickRoute(
				[rule('callerPrefix', '99', '1'), rule('line', '712037006', '2'), rule('any', '', '3')],
				request,
			),
		).toMatchObject({ index: 1 });
	});
	it('Caller Number Is Withheld matches only withheld callers', () => {
		const rules = [rule('callerWithheld', '', 'W'), rule('any', '', 'A')];
		for (const from of WITHHELD)
			expect(pickRoute(rules, { ...request, from_number: from })?.index).toBe(0);
		for (const from of UZ_CALLER_FORMS)
			expect(pickRoute(rules, { ...request, from_number: from })?.index).toBe(1);
		expect(pickRoute(rules, { line_number: '712037006' })?.index).toBe(0);
	});
	it('no rule, unknown rule types and odd rule lists match nothing', () => {
		expect(pickRoute([], request)).toBeUndefined();
		expect(pickRoute([rule('callerSounds', '9')], request)).toBeUndefined();
		expect(pickRoute(undefined as never, request)).toBeUndefined();
		expect(pickRoute([null as never, rule('any', '')], request)).toMatchObject({ index: 1 });
		expect(ruleMatches({ actionType: 'peer' } as never, request)).toBe(false);
	});
});

describe('checkRouteRule (activation)', () => {
	it.each([
		[{ match: 'callerPrefix', value: '+998 99', actionType: 'peer', actionData: '2000' }],
		[{ match: 'callerWithheld', value: '', actionType: 'hangup' }],
		[{ match: 'any', actionType: 'queue', actionData: '6000' }],
		[{ match: 'direction', value: 'OUT', actionType: 'ivr', actionData: '111' }],
	])('%j is fine', (rule) => expect(checkRouteRule(rule as RouteRule, 0)).toBeUndefined());
	it.each([
		[
			{ match: 'callerPrefix', value: '', actionType: 'peer', actionData: '2000' },
			'Rule 3: Value must be a number',
		],
		[
			{ match: 'line', value: 'main line', actionType: 'peer', actionData: '2000' },
			'Rule 3: Value must be a number',
		],
		[
			{ match: 'direction', value: 'both', actionType: 'peer', actionData: '2000' },
			'Rule 3: Value must be inc or out',
		],
		[
			{ match: 'queue', value: '6000', actionType: 'peer', actionData: 'boss' },
			'Rule 3: its action is invalid',
		],
		[
			{ match: 'voice', value: '1', actionType: 'peer', actionData: '1' },
			'Rule 3: the match type "voice" is unknown',
		],
	])('%j → %s', (rule, message) => expect(checkRouteRule(rule as RouteRule, 2)).toContain(message));
});

describe('fallbackRoute', () => {
	const request = { from_number: '974244100', queue_number: 6000 };
	it.each([
		['queue', '', request, { action_type: 'queue', action_data: '6000' }],
		['queue', '7000', request, { action_type: 'queue', action_data: '7000' }],
		['peer', '2000', request, { action_type: 'peer', action_data: '2000' }],
		['hangup', '', {}, { action_type: 'hangup' }],
		['trunk', '+998 71 203 70 06', {}, { action_type: 'trunk', action_data: '+998712037006' }],
	])('%s %j is used as configured', (type, data, req, action) =>
		expect(fallbackRoute(type, data, req)).toEqual({ action }),
	);
	it.each([
		['queue', '', {}, { action_type: 'hangup' }],
		['queue', '', { queue_number: 'sales' }, { action_type: 'hangup' }],
		['peer', '', request, { action_type: 'queue', action_data: '6000' }],
		['peer', 'boss', request, { action_type: 'queue', action_data: '6000' }],
		['trunk', '123', {}, { action_type: 'hangup' }],
		['dance', '1', request, { action_type: 'queue', action_data: '6000' }],
		[undefined, undefined, undefined, { action_type: 'hangup' }],
	])('invalid %s %j → the safe action, with the problem named', (type, data, req, action) => {
		const fallback = fallbackRoute(type, data, req as never);
		expect(fallback.action).toEqual(action);
		expect(fallback.problem).toMatch(/^the fallback action \(.+\) is invalid: /);
		expect(validateRouteAction(fallback.action).ok).toBe(true);
	});
	it('the safe action is the request queue or a hang-up', () => {
		expect(safeRouteAction({ queue_number: ' 6001 ' })).toEqual({
			action_type: 'queue',
			action_data: '6001',
		});
		expect(safeRouteAction({ queue_number: '1234567890123' })).toEqual({ action_type: 'hangup' });
		expect(safeRouteAction(undefined)).toEqual({ action_type: 'hangup' });
	});
});

describe('property: thousands of random rule sets and requests', () => {
	const phoneish = fc.oneof(
		fc.constantFrom(...WITHHELD),
		fc.constantFrom(...UZ_CALLER_FORMS),
		fc.stringMatching(/^\+?[0-9 ()-]{0,16}$/),
		fc.integer(),
		fc.double(),
		fc.string(),
		fc.anything(),
	);
	const ruleArb = fc.record(
		{
			match: fc.oneof(
				fc.constantFrom(
					'any',
					'callerExact',
					'callerPrefix',
					'callerWithheld',
					'line',
					'queue',
					'direction',
				),
				fc.string(),
			),
			value: fc.oneof(phoneish, fc.constantFrom('inc', 'out', 'INC', '')),
			actionType: fc.oneof(
				fc.constantFrom('peer', 'queue', 'ivr', 'trunk', 'hangup'),
				fc.string(),
				fc.anything(),
			),
			actionData: fc.oneof(fc.stringMatching(/^[0-9]{0,14}$/), fc.string(), fc.anything()),
		},
		{ requiredKeys: [] },
	);
	const requestArb = fc.oneof(
		fc.record(
			{
				from_number: phoneish,
				line_number: phoneish,
				queue_number: phoneish,
				direction: fc.oneof(fc.constantFrom('inc', 'out'), fc.anything()),
			},
			{ requiredKeys: [] },
		),
		fc.dictionary(fc.string(), fc.anything()),
	);

	it('the decision never throws and is always a valid action; withheld callers never match a caller rule', () => {
		fc.assert(
			fc.property(
				fc.array(ruleArb, { maxLength: 8 }),
				requestArb,
				fc.anything(),
				fc.anything(),
				(rules, request, type, data) => {
					const fallback = fallbackRoute(type, data, request);
					expect(validateRouteAction(fallback.action).ok).toBe(true);
					const picked = pickRoute(rules as RouteRule[], request);
					let answer = fallback.action;
					if (picked) {
						const checked = validateRouteAction({
							action_type: picked.rule.actionType,
							action_data: picked.rule.actionData,
						});
						if (checked.ok) answer = checked.value;
						if (callerWithheld(request.from_number))
							expect(['callerExact', 'callerPrefix']).not.toContain(picked.rule.match);
					}
					expect(validateRouteAction(answer).ok).toBe(true);
				},
			),
			{ numRuns: 5000 },
		);
	});

	it('a short prefix without 998 never matches an Uzbek caller whose local number does not start with it', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[0-9]{9}$/),
				fc.stringMatching(/^[1-9][0-9]{0,3}$/),
				(local, prefix) => {
					fc.pre(!prefix.startsWith('998'));
					for (const caller of [local, `998${local}`, `+998${local}`])
						expect(callerMatches(caller, prefix, true)).toBe(local.startsWith(prefix));
				},
			),
			{ numRuns: 3000 },
		);
	});
});

describe('pickRoute', () => {
	it('pickRoute takes the first match and knows 9 vs 12 digit callers', () => {
		const rules = [
			{ match: 'callerExact' as const, value: '998974244100', actionType: 'peer', actionData: '1' },
			{ match: 'any' as const, actionType: 'peer', actionData: '2' },
		];
		expect(pickRoute(rules, { from_number: '974244100' })?.index).toBe(0);
		expect(pickRoute(rules, { from_number: '974244101' })?.index).toBe(1);
		expect(pickRoute([], { from_number: '1' })).toBeUndefined();
	});
});
