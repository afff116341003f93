// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
// Route Request: the action of a matching rule or of the workflow's answer, many callers at
// once, requests passed on while invalid. When no valid action comes: routeFallback.test.ts.

import { examples, sendEvent } from '../../server/pbxSide';
import { answerNode, host, itemsOf, respondNode } from '../triggers';

describe('Route Request by rules', () => {
	const rule = (match: string, value: string, actionType: string, actionData = '') => ({
		match,
		value,
		actionType,
		actionData,
	});

	it.each([
		['peer', '2000', { action_type: 'peer', action_data: '2000' }],
		['queue', '6001', { action_type: 'queue', action_data: '6001' }],
		['ivr', '111', { action_type: 'ivr', action_data: '111' }],
		['trunk', '998765432', { action_type: 'trunk', action_data: '998765432' }],
		['hangup', '', { action_type: 'hangup' }],
		['hangup', '42', { action_type: 'hangup', action_data: '42' }],
	])('action %s %s', async (actionType, actionData, expected) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('any', '', actionType, actionData)] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([200, expected]);
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({ answer: expected, matchedRule: 1, fallbackUsed: false });
	});

	it.each([
		['callerPrefix', '99897', 'peer', '2001'],
		['callerExact', '+998974244100', 'peer', '2002'],
		['line', '712037006', 'peer', '2003'],
		['queue', '6000', 'peer', '2004'],
		['direction', 'inc', 'peer', '2005'],
	])('first matching rule wins: %s %s', async (match, value, actionType, actionData) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: {
				rule: [
					rule('callerPrefix', '7', 'peer', '1999'),
					rule(match, value, actionType, actionData),
					rule('any', '', 'peer', '1111'),
				],
			},
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'peer', action_data: actionData });
	});

	it('answers before the workflow runs, whatever the workflow does', async () => {
		const workflow = await host(
			{ event: 'routeRequest', rules: { rule: [rule('any', '', 'peer', '2000')] } },
			[answerNode({ delayMs: 1500, fail: true })],
		);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'peer', action_data: '2000' });
		expect(answer.ms).toBeLessThan(500);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
	});

	it('can start no execution at all', async () => {
		const workflow = await host({
			event: 'routeRequest',
			runOnRuleAnswer: false,
			rules: { rule: [rule('any', '', 'ivr', '111')] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'ivr', action_data: '111' });
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it.each(['curl', 'json', 'form', 'text'] as const)('content variant %s', async (as) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('queue', '6000', 'peer', '2000')] },
		});
		expect((await sendEvent(workflow.url, examples.routeRequest, { as })).json).toEqual({
			action_type: 'peer',
			action_data: '2000',
		});
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			fromNumber: '974244100',
			fromNumberE164: '+998974244100',
			lineNumber: '712037006',
			queueNumber: '6000',
			direction: 'inc',
		});
	});
});

describe('Route Request decided by the workflow', () => {
	it.each([
		['lastNode', [answerNode({ answer: { action_type: 'peer', action_data: 2000 } })]],
		[
			'responseNode',
			[respondNode({ body: { action_type: 'trunk', action_data: '+998765432100' } })],
		],
	])('%s: a valid answer is sent', async (routeMode, next) => {
		const workflow = await host({ event: 'routeRequest', routeMode, answerTimeout: 2 }, next);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(
			routeMode === 'lastNode'
				? { action_type: 'peer', action_data: '2000' }
				: { action_type: 'trunk', action_data: '+998765432100' },
		);
	});
});

describe('Many waiting callers', () => {
	const percentile = (values: number[], p: number) =>
		[...values].sort((a, b) => a - b)[
			Math.min(values.length - 1, Math.floor((values.length * p) / 100))
		];

	it.each([
		['rules', {}, [] as ReturnType<typeof answerNode>[]],
		[
			'lastNode',
			{ answerTimeout: 3 },
			[answerNode({ answer: { action_type: 'peer', action_data: '2000' } })],
		],
	])(
		'50 concurrent route requests in %s mode all get a valid answer',
		async (routeMode, extra, next) => {
			const workflow = await host(
				{
					event: 'routeRequest',
					routeMode,
					rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2000' }] },
					...extra,
				},
				next,
			);
			const started = Date.now();
			const answers = await Promise.all(
				Array.from(
					{ length: 50 },
					async () => await sendEvent(workflow.url, examples.routeRequest),
				),
			);
			const wall = Date.now() - started;
			for (const answer of answers)
				expect(answer.json).toEqual({ action_type: 'peer', action_data: '2000' });
			await workflow.settled();
			expect(workflow.executions).toHaveLength(50);
			const ms = answers.map((answer) => answer.ms);
			if (process.env.TRIGGER_FIGURES)
				console.log(
					`${routeMode}: 50 concurrent, wall ${wall} ms, p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms`,
				);
		},
	);
});

describe('Route Request passed on while invalid', () => {
	it('a request without a caller number is routed by the rules (here the withheld rule) and the item says why it is odd', async () => {
		const workflow = await host({
			event: 'routeRequest',
			fallbackActionType: 'queue',
			fallbackActionData: '6100',
			rules: {
				rule: [
					{ match: 'callerPrefix', value: '97', actionType: 'peer', actionData: '2000' },
					{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6200' },
				],
			},
			options: { passInvalid: true },
		});
		const answer = await sendEvent(workflow.url, { line_number: '712037006' }, { as: 'json' });
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'queue', action_data: '6200' },
		]);
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			answer: { action_type: 'queue', action_data: '6200' },
			matchedRule: 2,
			fallbackUsed: false,
		});
	});
});
