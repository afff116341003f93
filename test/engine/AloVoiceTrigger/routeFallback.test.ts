// The AloVoice Trigger's Route Request in n8n-core against loopback HTTP: after the security
// checks, every route request gets a valid action, whatever it carries. (The pure rules:
// test/unit/AloVoiceTrigger/route.test.ts; the guard: test/unit/shared/webhook/guard.test.ts.)
import fc from 'fast-check';

import { validateRouteAction } from '../../../nodes/AloVoiceTrigger/answers';
import { UZ_CALLER_FORMS, WITHHELD } from '../../callerForms';
import { capturedLogs } from '../../harness/engine';
import { examples, sendEvent } from '../../server/pbxSide';
import { answerNode, host, itemsOf, respondNode } from '../triggers';

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
