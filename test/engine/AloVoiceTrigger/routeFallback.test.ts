// The AloVoice Trigger's Route Request in n8n-core against loopback HTTP: after the security
// checks, every route request gets a valid action, whatever it carries: the fallback when no rule
// matches, when the workflow fails, answers nothing valid or answers too late, when the AloVoice
// Answer node never answers, in both trigger versions. This file owns that behaviour in the engine
// layer; the other engine tests do not assert the fallback. (The pure rules and the fallback
// action: test/unit/AloVoiceTrigger/route.test.ts; the guard's deadline:
// test/unit/shared/webhook/guard.test.ts; in a real n8n: test/e2e/routes.test.ts.)
import fc from 'fast-check';

import { validateRouteAction } from '../../../nodes/AloVoiceTrigger/answers';
import { UZ_CALLER_FORMS, WITHHELD } from '../../callerForms';
import { capturedLogs } from '../../harness/engine';
import { examples, sendEvent } from '../../server/pbxSide';
import {
	answerNode,
	answeredRoute,
	answerRoute,
	host,
	hostVersion,
	itemsOf,
	respondNode,
} from '../triggers';

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

const rule = (match: string, value: string, actionType: string, actionData = '') => ({
	match,
	value,
	actionType,
	actionData,
});

describe('Route Request by rules: no valid rule action → the fallback', () => {
	it('no rule matched: the fallback queue named by the request', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('callerPrefix', '7', 'peer', '1999')] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6000' });
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			fallbackUsed: true,
			fallbackReason: 'no rule matched',
			matchedRule: null,
		});
	});

	it('a rule with an invalid action falls back instead of dropping the caller', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('any', '', 'peer', 'manager')] },
			fallbackActionType: 'queue',
			fallbackActionData: '7000',
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '7000' });
		const [item] = await itemsOf(workflow);
		expect(item.fallbackReason).toBe(
			'rule 1\'s action is invalid: action_data for peer must be its number (digits), got "manager"',
		);
	});
});

describe('Route Request decided by the workflow: no valid answer in time → the fallback', () => {
	it.each([
		[
			'invalid answer: unknown action type',
			'lastNode',
			[answerNode({ answer: { action_type: 'dance', action_data: '1' } })],
			'action_type must be one of peer, queue, ivr, trunk, hangup, got "dance"',
		],
		[
			'invalid answer: peer without a number',
			'lastNode',
			[answerNode({ answer: { action_type: 'peer' } })],
			'action_data for peer must be its number (digits), got ""',
		],
		[
			'invalid answer: Respond to Webhook sends text',
			'responseNode',
			[respondNode({ body: 'peer 2000' })],
			'the answer is not JSON {action_type, action_data}',
		],
		[
			'missing answer: no Respond node ran',
			'responseNode',
			[answerNode({ answer: {} })],
			'the answer is not JSON {action_type, action_data}',
		],
		[
			'workflow error',
			'lastNode',
			[answerNode({ fail: true })],
			'the workflow failed (n8n answered 500',
		],
		[
			'workflow error (Respond to Webhook mode)',
			'responseNode',
			[answerNode({ fail: true })],
			'the workflow failed (n8n answered 500',
		],
		[
			'timeout',
			'lastNode',
			[answerNode({ answer: { action_type: 'peer', action_data: '2000' }, delayMs: 1500 })],
			'no answer came within 300 ms',
		],
		[
			'timeout (Respond to Webhook)',
			'responseNode',
			[respondNode({ body: { action_type: 'peer', action_data: '2000' }, delayMs: 1500 })],
			'no answer came within 300 ms',
		],
	])(
		'route fallback — %s: the fallback queue is answered',
		async (_label, routeMode, next, reason) => {
			const workflow = await host(
				{
					event: 'routeRequest',
					routeMode,
					answerTimeout: 0.3,
					fallbackActionType: 'queue',
					fallbackActionData: '6999',
				},
				next,
			);
			const logged = capturedLogs.length;
			const started = Date.now();
			const answer = await sendEvent(workflow.url, examples.routeRequest);
			expect([answer.status, answer.json]).toEqual([
				200,
				{ action_type: 'queue', action_data: '6999' },
			]);
			expect(Date.now() - started).toBeLessThan(1200);
			const [item] = await itemsOf(workflow);
			expect(item.fallback).toEqual({ action_type: 'queue', action_data: '6999' });
			expect(capturedLogs.slice(logged).join('\n')).toContain(reason);
		},
	);

	it('the default timeout is 3 s', async () => {
		const workflow = await host({ event: 'routeRequest', routeMode: 'lastNode' }, [
			answerNode({ answer: { action_type: 'peer', action_data: '1' }, delayMs: 3600 }),
		]);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6000' });
		expect(answer.ms).toBeGreaterThanOrEqual(2950);
		expect(answer.ms).toBeLessThan(3500);
	}, 10_000);
});

describe('Route Request: a readable body that is no route request → the fallback', () => {
	it.each([
		['an empty object', {}],
		['an object with none of the route fields', { hello: 'world', n: 1 }],
		["another event's body", { call_id: 'abc', duration: 5, status_code: 200 }],
	])(
		'%s is unreadable: the fallback answers, not the withheld rule, and no execution starts',
		async (_label, body) => {
			const workflow = await host({
				event: 'routeRequest',
				fallbackActionType: 'queue',
				fallbackActionData: '6100',
				rules: {
					rule: [{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6200' }],
				},
			});
			const answer = await sendEvent(workflow.url, body, { as: 'json' });
			expect([answer.status, answer.json]).toEqual([
				200,
				{ action_type: 'queue', action_data: '6100' },
			]);
			await workflow.settled();
			expect(workflow.executions).toHaveLength(0);
		},
	);
});

/** The fallback of `answeredRoute`, the trigger an AloVoice Answer node answers. */
const ANSWERED_FALLBACK = { action_type: 'queue', action_data: '6999' };

describe('Route Request answered by an AloVoice Answer node (version 1): the fallback when it does not answer', () => {
	it('never answered (the workflow ends before the answer node): the fallback answers at once', async () => {
		const workflow = await host(answeredRoute(), [
			answerNode({ answer: { note: 'no answer node ran' } }),
		]);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual(ANSWERED_FALLBACK);
		expect(answer.ms).toBeLessThan(1500);
	});

	it('answered too late (after the Answer Timeout): the PBX has the fallback; the late answer is dropped', async () => {
		const workflow = await host(answeredRoute({ answerTimeout: 0.3 }), [
			answerNode({ answer: {}, delayMs: 800 }),
			answerRoute('peer', '2000'),
		]);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual(ANSWERED_FALLBACK);
		expect(answer.ms).toBeLessThan(700);
		await workflow.settled();
		// The workflow went on and the node ran; n8n cannot tell it the answer was already out.
		expect(workflow.executions[0].output('Answer PBX')[0].json.pbxAnswer).toMatchObject({
			sent: true,
		});
	});

	it('the node refusing its action (peer "abc") fails the workflow: the fallback at once, and the log says why', async () => {
		// One case for every action the node refuses (their messages: AloVoiceAnswer/answer.test.ts).
		const workflow = await host(answeredRoute(), [answerRoute('peer', 'abc')]);
		const logged = capturedLogs.length;
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([200, ANSWERED_FALLBACK]);
		// The failed workflow, not the 2 s timeout, brought the fallback.
		expect(answer.ms).toBeLessThan(1500);
		await workflow.settled();
		expect(capturedLogs.slice(logged).join('\n')).toContain(
			'the workflow failed (n8n answered 500',
		);
	});
});

describe('version 2: the fallback when no AloVoice Answer node answers in time', () => {
	it('route request, no answer node reached: the fallback', async () => {
		const workflow = await hostVersion(2, {
			event: 'routeRequest',
			routeMode: 'responseNode',
			fallbackActionType: 'queue',
			fallbackActionData: '6999',
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6999' });
		expect(answer.ms).toBeLessThan(1500);
	});

	it('an answer later than the saved Answer Timeout (0.3 s): the fallback (the request queue) at the deadline', async () => {
		const workflow = await hostVersion(
			2,
			{ event: 'routeRequest', routeMode: 'responseNode', answerTimeout: 0.3 },
			[respondNode({ body: { action_type: 'peer', action_data: '2000' }, delayMs: 900 })],
		);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'queue', action_data: '6000' },
		]);
		expect(answer.ms).toBeLessThan(800);
	});
});
