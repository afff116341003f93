// The route request's decision (nodes/AloVoiceTrigger/route.ts) and the answer guard, then the
// trigger in n8n-core against loopback HTTP: after the security checks, every route request
// gets a valid action, whatever it carries.
import { PassThrough } from 'node:stream';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

import fc from 'fast-check';

import {
	ANSWER_TIMEOUT_SECONDS,
	answerTimeoutMs,
	checkAnswerTimeout,
} from '../../nodes/AloVoiceTrigger/answerTimeout';
import { validateRouteAction } from '../../nodes/AloVoiceTrigger/answers';
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
} from '../../nodes/AloVoiceTrigger/route';
import { callerWithheld, guardResponse, type ResponseLike } from '../../nodes/shared/webhook';
import { capturedLogs } from '../harness/engine';
import { examples, sendEvent } from '../server/pbxSide';
import { answerNode, host, itemsOf, respondNode } from './helpers';

const WITHHELD: unknown[] = [
	undefined,
	null,
	'',
	' ',
	'anonymous',
	'Anonymous',
	'unknown',
	'private',
	'restricted',
	'withheld',
	'+',
	'-',
	'0',
	'000000000',
	'+0',
	'null',
	'undefined',
	'12ab34',
	'99 89 x',
	'9989742441OO',
	true,
	false,
	{},
	[],
	['974244100'],
	{ number: '974244100' },
	-974244100,
	1.5,
	NaN,
	Infinity,
];
const UZ_CALLER_FORMS: unknown[] = [
	'974244100',
	974244100,
	'998974244100',
	998974244100,
	'+998974244100',
	'+998 97 424 41 00',
	'+998 (97) 424-41-00',
	'00998974244100',
	' 974244100 ',
];

describe('callerWithheld', () => {
	it.each(WITHHELD.map((value) => [value]))('%j is withheld', (value) =>
		expect(callerWithheld(value)).toBe(true),
	);
	it.each(
		[...UZ_CALLER_FORMS, '79039998877', '+7 903 999-88-77', '2000', 2000, '1'].map((value) => [
			value,
		]),
	)('%j is a number, not withheld', (value) => expect(callerWithheld(value)).toBe(false));
});

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

describe('Answer Timeout bounds', () => {
	it('0.05 to 10 seconds', () =>
		expect(ANSWER_TIMEOUT_SECONDS).toEqual({ min: 0.05, max: 10, default: 3 }));
	it.each([[0.05], [3], ['2.5'], [10]])('%j is accepted', (value) =>
		expect(checkAnswerTimeout(value).ok).toBe(true),
	);
	it.each([[0], [0.04], [10.01], [60], [-1], ['soon'], [null], [undefined], [NaN], [Infinity]])(
		'%j is refused at activation',
		(value) =>
			expect(checkAnswerTimeout(value)).toMatchObject({
				ok: false,
				reason: expect.stringMatching(/^Answer Timeout must be/),
			}),
	);
	it.each([
		[3, 3000],
		[0, 50],
		[60, 10000],
		[-5, 50],
		['x', 3000],
		[undefined, 3000],
		[0.3, 300],
	])('a request waits %j s → %s ms (clamped, never refused: a caller is waiting)', (value, ms) =>
		expect(answerTimeoutMs(value)).toBe(ms),
	);
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

describe('the answer guard', () => {
	function response() {
		const req = new IncomingMessage(new Socket());
		const res = new ServerResponse(req);
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.assignSocket(out as unknown as Socket);
		return { res, text: () => Buffer.concat(chunks).toString() };
	}
	const fallback = { status: 200, body: 'FALLBACK', contentType: 'text/plain' };
	const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

	it('answers at the deadline, once, and drops the late answer', async () => {
		const { res, text } = response();
		const settled: Array<string | undefined> = [];
		const started = Date.now();
		let at = 0;
		guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 120,
			onTimeout: () => {
				at = Date.now() - started;
				return fallback;
			},
			judge: () => ({ status: 200, body: 'LATE', contentType: 'text/plain' }),
			onSettled: (_d, reason) => settled.push(reason),
		});
		await wait(300);
		res.end('late');
		expect(at).toBeGreaterThanOrEqual(110);
		expect(at).toBeLessThan(290);
		expect(text()).toMatch(/\r\n\r\nFALLBACK$/);
		expect(text()).not.toContain('LATE');
		expect(settled).toEqual(['timeout']);
	});

	it('an answer before the deadline cancels the deadline: no second answer, no timeout call', async () => {
		const { res, text } = response();
		let timeouts = 0;
		const settled: Array<string | undefined> = [];
		const guard = guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 80,
			onTimeout: () => {
				timeouts += 1;
				return fallback;
			},
			judge: (written) => ({ status: 200, body: `OK ${written.body}`, contentType: 'text/plain' }),
			onSettled: (_d, reason) => settled.push(reason),
		});
		res.end('1');
		await wait(200);
		expect(timeouts).toBe(0);
		expect(guard.settled).toBe(true);
		expect(guard.settle(fallback)).toBe(false);
		expect(text()).toMatch(/\r\n\r\nOK 1$/);
		expect(settled).toEqual([undefined]);
	});

	it('the PBX hanging up (close) cancels the wait: nothing is answered or logged afterwards', async () => {
		const { res, text } = response();
		let timeouts = 0;
		let closed = 0;
		const settled: unknown[] = [];
		const guard = guardResponse(res as unknown as ResponseLike, {
			timeoutMs: 80,
			onTimeout: () => {
				timeouts += 1;
				return fallback;
			},
			judge: () => ({ status: 200, body: 'X', contentType: 'text/plain' }),
			onSettled: (decision) => settled.push(decision),
			onClosed: () => (closed += 1),
		});
		res.emit('close');
		await wait(200);
		res.end('after hang-up');
		expect([timeouts, closed, settled.length]).toEqual([0, 1, 0]);
		expect(guard.settled).toBe(true);
		expect(text()).toBe('');
	});

	it('uses no timer of its own (n8n-workflow sleep with an AbortSignal)', async () => {
		const source = (await import('node:fs')).readFileSync(
			require.resolve('../../nodes/shared/webhook/guard.ts'),
			'utf8',
		);
		expect(source).not.toMatch(/\b(setTimeout|clearTimeout|setInterval)\s*\(/);
		expect(source).toMatch(/sleep\(options\.timeoutMs, deadline\.signal\)/);
	});
});

// ---- the trigger in n8n-core, over loopback HTTP ----

const RULES = {
	rule: [
		{ match: 'callerPrefix', value: '99', actionType: 'peer', actionData: '2099' },
		{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6500' },
		{ match: 'line', value: '6', actionType: 'peer', actionData: '2006' },
	],
};
const post = (body: string | undefined, type?: string) => ({
	body,
	headers: (type ? { 'content-type': type } : {}) as Record<string, string>,
});
const UNREADABLE: Array<[string, { body?: string; headers: Record<string, string> }]> = [
	['empty body', post('', 'application/json')],
	['no body, no type', post(undefined)],
	['not JSON', post('route me', 'text/plain')],
	['broken JSON as form', post('{"from_number": ', 'application/x-www-form-urlencoded')],
	['JSON array', post('[1,2]', 'text/plain')],
	['JSON string', post('"x"', 'text/plain')],
	['JSON null', post('null', 'text/plain')],
	['XML', post('<route/>', 'text/xml')],
	[
		'oversized',
		post(
			JSON.stringify({ ...examples.routeRequest, pad: 'x'.repeat(70 * 1024) }),
			'application/json',
		),
	],
];

describe('Route Request: unreadable bodies get the fallback, never a 4xx', () => {
	it.each(UNREADABLE)('rules mode, %s → the fallback, no execution', async (_label, init) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: RULES,
			fallbackActionType: 'ivr',
			fallbackActionData: '111',
		});
		const response = await fetch(workflow.url, { method: 'POST', ...init });
		expect([response.status, await response.json()]).toEqual([
			200,
			{ action_type: 'ivr', action_data: '111' },
		]);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it.each(['lastNode', 'responseNode'])(
		'%s mode: an unreadable body gets the fallback at once, no execution',
		async (routeMode) => {
			const workflow = await host(
				{
					event: 'routeRequest',
					routeMode,
					fallbackActionType: 'queue',
					fallbackActionData: '6001',
				},
				[answerNode({ answer: { action_type: 'peer', action_data: '1' } })],
			);
			for (const [, init] of UNREADABLE) {
				const response = await fetch(workflow.url, { method: 'POST', ...init });
				expect([response.status, await response.json()]).toEqual([
					200,
					{ action_type: 'queue', action_data: '6001' },
				]);
			}
			await workflow.settled();
			expect(workflow.executions).toHaveLength(0);
		},
	);

	it('an empty fallback queue on an unreadable body (no queue to take) → hang-up, the safe action', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: RULES,
			fallbackActionType: 'queue',
			fallbackActionData: '',
		});
		const response = await fetch(workflow.url, { method: 'POST', ...post('junk', 'text/plain') });
		expect([response.status, await response.json()]).toEqual([200, { action_type: 'hangup' }]);
	});

	it('known limit: n8n itself answers 422 to broken JSON sent as application/json, before the trigger runs', async () => {
		const workflow = await host({ event: 'routeRequest', rules: RULES });
		const response = await fetch(workflow.url, {
			method: 'POST',
			...post('{"from_number": ', 'application/json'),
		});
		expect(response.status).toBe(422);
	});

	it('unauthorized requests are still refused, without an action', async () => {
		const workflow = await host({
			event: 'routeRequest',
			authentication: 'headerAuth',
			rules: RULES,
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: expect.any(String) });
	});
});

describe('Route Request: readable requests, withheld callers, people-meaning rules', () => {
	it.each([
		['a caller in 99', { from_number: '991234567' }, { action_type: 'peer', action_data: '2099' }],
		[
			'a caller in 99, 12 digits with +',
			{ from_number: '+998991234567' },
			{ action_type: 'peer', action_data: '2099' },
		],
		[
			'a caller in 97 is not in "99"',
			{ from_number: '974244100' },
			{ action_type: 'queue', action_data: '6000' },
		],
		['anonymous', { from_number: 'anonymous' }, { action_type: 'queue', action_data: '6500' }],
		['empty', { from_number: '' }, { action_type: 'queue', action_data: '6500' }],
		['null', { from_number: null }, { action_type: 'queue', action_data: '6500' }],
		['missing', { from_number: undefined }, { action_type: 'queue', action_data: '6500' }],
		[
			'line 712037006 is not line "6"',
			{ from_number: '79039998877' },
			{ action_type: 'queue', action_data: '6000' },
		],
	])('%s → %j', async (_label, change, action) => {
		const workflow = await host({ event: 'routeRequest', rules: RULES });
		const answer = await sendEvent(
			workflow.url,
			{ ...examples.routeRequest, ...change },
			{ as: 'json' },
		);
		expect([answer.status, answer.json]).toEqual([200, action]);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
	});

	it('an invalid configured fallback answers the safe action (the request queue) and says why in the item and the log', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [] },
			fallbackActionType: 'peer',
			fallbackActionData: 'reception',
		});
		const logged = capturedLogs.length;
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'queue', action_data: '6000' },
		]);
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			fallbackUsed: true,
			fallbackProblem: expect.stringContaining('the fallback action (peer) is invalid'),
		});
		expect(capturedLogs.slice(logged).join('\n')).toContain(
			'the safe action is used as the fallback',
		);
	});

	it('workflow mode with an invalid fallback: the late workflow gets the safe action at the deadline', async () => {
		const workflow = await host(
			{
				event: 'routeRequest',
				routeMode: 'lastNode',
				answerTimeout: 0.2,
				fallbackActionType: 'trunk',
				fallbackActionData: '12',
			},
			[answerNode({ answer: { action_type: 'peer', action_data: '1' }, delayMs: 800 })],
		);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'queue', action_data: '6000' },
		]);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
	});

	it('an Answer Timeout below the bound is raised to 0.05 s (above it, lowered to 10 s: see answerTimeoutMs)', async () => {
		const workflow = await host(
			{ event: 'routeRequest', routeMode: 'responseNode', answerTimeout: 0.01 },
			[respondNode({ body: { action_type: 'peer', action_data: '1' }, delayMs: 400 })],
		);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		// 0.01 s is below the 0.05 s floor: the guard waits 50 ms, so the 400 ms answer is late.
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6000' });
		expect(answer.ms).toBeLessThan(390);
	});

	it('the PBX hanging up before the workflow answered: no fallback is sent or logged later, the execution still runs', async () => {
		// The workflow is slower than the timeout: without the hang-up cancelling the wait, the
		// deadline would fire at 400 ms and log a fallback answer to a caller who is gone.
		const workflow = await host(
			{ event: 'routeRequest', routeMode: 'lastNode', answerTimeout: 0.4 },
			[answerNode({ answer: { action_type: 'peer', action_data: '1' }, delayMs: 900 })],
		);
		const logged = capturedLogs.length;
		const abort = new AbortController();
		const sent = fetch(workflow.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(examples.routeRequest),
			signal: abort.signal,
		}).catch((error: Error) => error.name);
		await new Promise((resolve) => setTimeout(resolve, 100));
		abort.abort();
		expect(await sent).toBe('AbortError');
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
		expect(capturedLogs.slice(logged).join('\n')).not.toContain('fallback answer sent');
	});
});

describe('property: random bodies over HTTP always get a valid action', () => {
	it('600 random bodies (any JSON, objects with odd route fields, random text) in three content types → 200 and a valid action', async () => {
		const workflow = await host({
			event: 'routeRequest',
			runOnRuleAnswer: false,
			rules: RULES,
			fallbackActionType: 'queue',
			fallbackActionData: '',
		});
		const odd = fc.oneof(
			fc.constantFrom(...WITHHELD),
			fc.constantFrom(...UZ_CALLER_FORMS),
			fc.jsonValue(),
		);
		const body = fc.oneof(
			fc.json().map((text) => ({ text, type: 'application/json' })),
			fc
				.record(
					{ from_number: odd, line_number: odd, queue_number: odd, direction: odd },
					{ requiredKeys: [] },
				)
				.chain((fields) =>
					fc
						.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain')
						.map((type) => ({ text: JSON.stringify(fields), type })),
				),
			fc
				.string()
				.chain((text) =>
					fc
						.constantFrom('text/plain', 'application/x-www-form-urlencoded', '')
						.map((type) => ({ text, type })),
				),
		);
		const samples = fc.sample(body, { numRuns: 600, seed: 42 });
		const failures: unknown[] = [];
		for (const sample of samples) {
			const response = await fetch(workflow.url, {
				method: 'POST',
				headers: sample.type ? { 'content-type': sample.type } : {},
				body: sample.text,
			});
			const text = await response.text();
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = text;
			}
			if (response.status !== 200 || !validateRouteAction(json).ok)
				failures.push({ sample, status: response.status, json });
		}
		expect(failures).toEqual([]);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	}, 120_000);
});

describe('the safety net', () => {
	it('a parameter that throws while deciding (a broken expression) still answers the safe action, and the log says why', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: RULES,
			fallbackActionData: '={{ $("No Such Node").item.json.queue }}',
		});
		const logged = capturedLogs.length;
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'queue', action_data: '6000' },
		]);
		expect(capturedLogs.slice(logged).join('\n')).toContain(
			'the safe action was sent because of an error',
		);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});
});
