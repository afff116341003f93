// The AloVoice Trigger's answering events in a real n8n 2.40.7, through the production URLs:
// route requests decided by rules, by the workflow and by an AloVoice Answer node (with every
// fallback cause: this file owns the route fallback in a real n8n), the
// call-request result, and a shared-secret header that keeps strangers out.
import fc from 'fast-check';

import { validateRouteAction } from '../../nodes/AloVoiceTrigger/answers';
import { fallbackRoute, pickRoute, type RouteRule } from '../../nodes/AloVoiceTrigger/route';
import { callerWithheld } from '../../nodes/shared/webhook';
import { examples, sendEvent } from '../server/pbxSide';
import {
	executionCounts,
	executionRunData,
	listExecutions,
	nodeOutput,
	startStack,
	waitFor,
	waitForCount,
	type Stack,
	type Workflow,
} from './stack';
import {
	ALOVOICE_TRIGGER,
	aloVoiceAnswerNode,
	chainWorkflow,
	malformedRequests,
	respondToWebhook,
	routeRequestItem,
	setNode,
	waitNode,
	workflowRoute,
	type ChainNode,
} from './triggers';

const SECRET = {
	id: 'E2eHeaderSecret1',
	name: 'e2e PBX shared secret',
	header: 'X-AloVoice-Secret',
	value: 'pbx-shared-9f3c1e',
};

type Node = ChainNode;

/** A trigger followed by a straight chain of nodes. */
function workflow(
	id: string,
	name: string,
	trigger: Record<string, unknown>,
	chain: Node[] = [],
	credentials?: unknown,
): Workflow {
	return chainWorkflow(id, name, { ...ALOVOICE_TRIGGER, parameters: trigger, credentials }, chain);
}

function answerNode(name: string, type: string, data: string): Node {
	return setNode(name, { action_type: type, action_data: data });
}

/** The workflow's intended answer, and a fallback that differs from it in type and data. */
const INTENDED = { action_type: 'peer', action_data: '2000' };
const FALLBACK = { action_type: 'ivr', action_data: '7777' };
/** A Respond to Webhook node's route answer. */
const ROUTE_ANSWER = { action_type: 'queue', action_data: '6001' };
const JSON_TYPE = 'application/json; charset=utf-8';
const lastNode = (answerTimeout: number) => workflowRoute('lastNode', FALLBACK, answerTimeout);
const answered = (answerTimeout: number) => workflowRoute('responseNode', FALLBACK, answerTimeout);

const RULES = [
	{
		caller: '901000001',
		actionType: 'peer',
		actionData: '2001',
		answer: { action_type: 'peer', action_data: '2001' },
	},
	{
		caller: '901000002',
		actionType: 'queue',
		actionData: '6001',
		answer: { action_type: 'queue', action_data: '6001' },
	},
	{
		caller: '901000003',
		actionType: 'ivr',
		actionData: '7001',
		answer: { action_type: 'ivr', action_data: '7001' },
	},
	{
		caller: '901000004',
		actionType: 'trunk',
		actionData: '998712037006',
		answer: { action_type: 'trunk', action_data: '+998712037006' },
	},
	{ caller: '901000005', actionType: 'hangup', actionData: '', answer: { action_type: 'hangup' } },
];

/** Rules a person would write, the withheld rule included, for the random requests below. */
const RANDOM_RULES: RouteRule[] = [
	{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6500' },
	{ match: 'callerPrefix', value: '99', actionType: 'peer', actionData: '2099' },
	{ match: 'callerExact', value: '+998 90 123 45 67', actionType: 'peer', actionData: '2090' },
	{ match: 'line', value: '998712037006', actionType: 'ivr', actionData: '111' },
	{ match: 'callerPrefix', value: '+7', actionType: 'trunk', actionData: '998712037006' },
	{ match: 'queue', value: '6001', actionType: 'hangup', actionData: '' },
];

const W = {
	rules: workflow('e2eRouteRules01', 'e2e route: rules', {
		event: 'routeRequest',
		routeMode: 'rules',
		rules: {
			rule: RULES.map(({ caller, actionType, actionData }) => ({
				match: 'callerExact',
				value: caller,
				actionType,
				actionData,
			})),
		},
		runOnRuleAnswer: true,
		fallbackActionType: 'queue',
		fallbackActionData: '6999',
	}),
	valid: workflow('e2eRouteValid01', 'e2e route: workflow answers', lastNode(3), [
		answerNode('Decide', INTENDED.action_type, INTENDED.action_data),
	]),
	invalid: workflow('e2eRouteInval01', 'e2e route: invalid answer', lastNode(3), [
		answerNode('Decide', 'teleport', '2000'),
	]),
	error: workflow('e2eRouteError01', 'e2e route: workflow fails', lastNode(3), [
		{
			name: 'CRM down',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			parameters: { errorType: 'errorMessage', errorMessage: 'CRM is down' },
		},
	]),
	slow: workflow('e2eRouteSlow001', 'e2e route: workflow too slow', lastNode(1), [
		waitNode('Slow CRM', 4),
		answerNode('Decide', INTENDED.action_type, INTENDED.action_data),
	]),
	answerInvalid: workflow(
		'e2eAnswerBad01',
		'e2e route: the AloVoice Answer node refuses its action',
		answered(3),
		[
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'routeRequest',
				actionType: 'peer',
				actionData: 'abc',
			}),
		],
	),
	answerNever: workflow(
		'e2eAnswerNever1',
		'e2e route: no AloVoice Answer node reached',
		answered(3),
		[setNode('No answer', { note: 'this branch does not answer' })],
	),
	answerLate: workflow(
		'e2eAnswerLate01',
		'e2e route: the AloVoice Answer node too late',
		answered(1),
		[
			waitNode('Slow CRM', 3),
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'routeRequest',
				actionType: 'peer',
				actionData: '2000',
			}),
		],
	),
	routeRespondText: workflow(
		'e2eRouteRespTxt',
		'e2e route: Respond to Webhook v1 sends text',
		answered(3),
		[respondToWebhook(1, 'text', 'queue 6001')],
	),
	routeRespondV11: workflow('e2eRouteRespV11', 'e2e route: Respond to Webhook v1.1', answered(3), [
		respondToWebhook(1.1, 'json', JSON.stringify(ROUTE_ANSWER)),
	]),
	result: workflow('e2eCallResult01', 'e2e route: call-request result', {
		event: 'callRequestResult',
	}),
	randomRules: workflow(
		'e2eRouteRandR01',
		'e2e route: random requests, rules, no execution',
		{
			event: 'routeRequest',
			routeMode: 'rules',
			rules: { rule: RANDOM_RULES },
			runOnRuleAnswer: false,
			fallbackActionType: 'ivr',
			fallbackActionData: '7777',
			authentication: 'headerAuth',
		},
		[],
		{ aloVoiceTriggerHeaderAuthApi: { id: SECRET.id, name: SECRET.name } },
	),
	randomWorkflow: workflow(
		'e2eRouteRandW01',
		'e2e route: random requests, last node',
		// The longest Answer Timeout: 110 requests at once on a shared 2-core machine queue up in n8n.
		{ ...lastNode(10), authentication: 'headerAuth' },
		[answerNode('Decide', INTENDED.action_type, INTENDED.action_data)],
		{ aloVoiceTriggerHeaderAuthApi: { id: SECRET.id, name: SECRET.name } },
	),
	secret: workflow(
		'e2eRouteSecret1',
		'e2e route: shared secret',
		{
			event: 'routeRequest',
			routeMode: 'rules',
			rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2002' }] },
			authentication: 'headerAuth',
		},
		[],
		{ aloVoiceTriggerHeaderAuthApi: { id: SECRET.id, name: SECRET.name } },
	),
};

let stack: Stack;
const urls = {} as Record<keyof typeof W, string>;

beforeAll(
	async () => {
		stack = await startStack(Object.values(W), {
			credentials: [
				{
					id: SECRET.id,
					name: SECRET.name,
					type: 'aloVoiceTriggerHeaderAuthApi',
					data: { name: SECRET.header, secret: SECRET.value },
				},
			],
		});
		// n8n 2.40.7 publishes imported workflows through an outbox after start-up ("Re-enqueuing
		// workflows whose published version diverged"), so their webhooks appear a moment later.
		const registered = () =>
			stack.n8n
				.webhooks()
				.filter((hook) => hook.method === 'POST')
				.map((hook) => hook.workflow);
		await waitFor(
			() => Object.values(W).every((wf) => registered().includes(wf.name)),
			60_000,
			'every workflow published',
		);
		const hooks = stack.n8n.webhooks();
		for (const [key, wf] of Object.entries(W)) {
			const hook = hooks.find(
				(candidate) => candidate.workflow === wf.name && candidate.method === 'POST',
			);
			if (!hook)
				throw new Error(`n8n registered no POST webhook for ${wf.name}: ${JSON.stringify(hooks)}`);
			urls[key as keyof typeof W] = hook.url;
		}
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

const route = (key: keyof typeof W, from: string, options = {}) =>
	sendEvent(urls[key], { ...examples.routeRequest, from_number: from }, options);
const total = (id: string) =>
	Object.values(executionCounts(stack.n8n, id)).reduce((a, b) => a + b, 0);

async function onlyExecution(id: string, status: string) {
	await waitFor(
		() => executionCounts(stack.n8n, id)[status] === 1,
		30_000,
		`one ${status} execution of ${id}`,
	);
	expect(executionCounts(stack.n8n, id)).toEqual({ [status]: 1 });
	const [execution] = await listExecutions(stack.n8n, id);
	return await executionRunData(stack.n8n, execution.id);
}

describe('route request, rules in the node', () => {
	test('each action type is answered exactly; no match gets the fallback; every request is stored', async () => {
		for (const rule of RULES) {
			const answer = await route('rules', rule.caller);
			expect({ caller: rule.caller, status: answer.status, json: answer.json }).toEqual({
				caller: rule.caller,
				status: 200,
				json: rule.answer,
			});
			expect(answer.contentType).toMatch(/^application\/json/);
		}
		const unmatched = await route('rules', '909999999');
		expect({ status: unmatched.status, json: unmatched.json }).toEqual({
			status: 200,
			json: { action_type: 'queue', action_data: '6999' },
		});

		const id = W.rules.id;
		await waitFor(
			() => (executionCounts(stack.n8n, id).success ?? 0) === RULES.length + 1,
			30_000,
			'one execution per request',
		);
		expect(executionCounts(stack.n8n, id)).toEqual({ success: RULES.length + 1 });
		const stored = new Map<string, Record<string, unknown>>();
		for (const execution of await listExecutions(stack.n8n, id)) {
			const [item] = nodeOutput(
				(await executionRunData(stack.n8n, execution.id)).runData,
				'AloVoice Trigger',
			) as Array<Record<string, unknown>>;
			stored.set(String(item.fromNumber), item);
		}
		RULES.forEach((rule, index) =>
			expect(stored.get(rule.caller)).toMatchObject({
				answer: rule.answer,
				matchedRule: index + 1,
				fallbackUsed: false,
			}),
		);
		expect(stored.get('909999999')).toMatchObject({
			answer: { action_type: 'queue', action_data: '6999' },
			matchedRule: null,
			fallbackUsed: true,
			fallbackReason: 'no rule matched',
		});
	});
});

describe('route request, decided by the last node', () => {
	test("the workflow's valid answer is sent; the execution stores it", async () => {
		const answer = await route('valid', '974244100');
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: INTENDED });
		const { status, runData } = await onlyExecution(W.valid.id, 'success');
		expect(status).toBe('success');
		expect(nodeOutput(runData, 'Decide')).toEqual([INTENDED]);
		expect(nodeOutput(runData, 'AloVoice Trigger')[0]).toMatchObject({
			fromNumber: '974244100',
			fallback: FALLBACK,
		});
	});

	test('an invalid answer gets the fallback; the execution stores what the workflow gave', async () => {
		const answer = await route('invalid', '974244101');
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: FALLBACK });
		const { runData } = await onlyExecution(W.invalid.id, 'success');
		expect(nodeOutput(runData, 'Decide')).toEqual([
			{ action_type: 'teleport', action_data: '2000' },
		]);
		expect(stack.n8n.log()).toMatch(
			/fallback answer sent because the workflow's answer is invalid: action_type must be one of/,
		);
	});

	test('a failing workflow gets the fallback; the execution is stored as an error', async () => {
		const answer = await route('error', '974244102');
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: FALLBACK });
		const { status, runData } = await onlyExecution(W.error.id, 'error');
		expect(status).toBe('error');
		expect(JSON.stringify(runData['CRM down'][0].error)).toContain('CRM is down');
	});

	test('a workflow slower than the answer timeout gets the fallback on time; the execution still finishes', async () => {
		const answer = await route('slow', '974244103');
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: FALLBACK });
		// Timeout 1 s, the workflow waits 4 s: the answer comes at the timeout, not at the end.
		expect(answer.ms).toBeGreaterThanOrEqual(900);
		expect(answer.ms).toBeLessThan(3500);
		process.stderr.write(`[e2e] route fallback on timeout answered in ${answer.ms} ms\n`);
		const { runData } = await onlyExecution(W.slow.id, 'success');
		expect(nodeOutput(runData, 'Decide')).toEqual([INTENDED]);
		expect(stack.n8n.log()).toMatch(/fallback answer sent because no answer came within 1000 ms/);
	});
});

describe('route request answered by an AloVoice Answer node', () => {
	test('an AloVoice Answer node refusing its Action Data: the fallback at once; the execution fails naming the field', async () => {
		const started = Date.now();
		const got = await sendEvent(urls.answerInvalid, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({ status: 200, json: FALLBACK });
		expect(Date.now() - started).toBeLessThan(2500);
		const { runData } = await onlyExecution(W.answerInvalid.id, 'error');
		const error = JSON.stringify(runData['Answer PBX']);
		expect(error).toContain(
			'Action Data: action_data for peer must be its number (digits), got \\"abc\\"',
		);
	});

	test('no AloVoice Answer node reached (the workflow ends without one): the fallback at once', async () => {
		const started = Date.now();
		const got = await sendEvent(urls.answerNever, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({ status: 200, json: FALLBACK });
		expect(Date.now() - started).toBeLessThan(2500);
		await onlyExecution(W.answerNever.id, 'success');
	});

	test('an AloVoice Answer node too late: the fallback went out at the 1 s Answer Timeout, the late answer is dropped', async () => {
		const started = Date.now();
		const got = await sendEvent(urls.answerLate, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({ status: 200, json: FALLBACK });
		expect(Date.now() - started).toBeLessThan(2500);
		const { runData } = await onlyExecution(W.answerLate.id, 'success');
		expect(nodeOutput(runData, 'Answer PBX')[0]).toMatchObject({ pbxAnswer: { sent: true } });
	});
});

describe('route request answered by a Respond to Webhook node', () => {
	test('typeVersion 1 with an invalid answer (text, not the JSON action): the caller gets the fallback; the execution succeeds', async () => {
		const answer = await sendEvent(urls.routeRespondText, examples.routeRequest);
		expect({ status: answer.status, contentType: answer.contentType, json: answer.json }).toEqual({
			status: 200,
			contentType: JSON_TYPE,
			json: FALLBACK,
		});
		const run = await onlyExecution(W.routeRespondText.id, 'success');
		expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([routeRequestItem(FALLBACK)]);
		expect(stack.n8n.log()).toMatch(
			/AloVoice Trigger \(routeRequest\): fallback answer sent because the workflow's answer is invalid: the answer is not JSON \{action_type, action_data\}/,
		);
	});

	test('typeVersion 1.1 (refused by n8n after a community trigger): the caller gets the fallback; the execution is an error', async () => {
		const answer = await sendEvent(urls.routeRespondV11, examples.routeRequest);
		expect({ status: answer.status, contentType: answer.contentType, json: answer.json }).toEqual({
			status: 200,
			contentType: JSON_TYPE,
			json: FALLBACK,
		});
		process.stderr.write(
			`[e2e] Respond to Webhook v1.1 route fallback answered in ${answer.ms} ms\n`,
		);
		const run = await onlyExecution(W.routeRespondV11.id, 'error');
		expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([routeRequestItem(FALLBACK)]);
		expect(JSON.stringify(run.runData['Respond to Webhook'][0].error)).toContain(
			'No Webhook node found in the workflow',
		);
		expect(stack.n8n.log()).toMatch(
			/AloVoice Trigger \(routeRequest\): fallback answer sent because the workflow failed \(n8n answered 500/,
		);
	});
});

describe('call-request result', () => {
	test('answered 200 true; the execution stores the externalId', async () => {
		const answer = await sendEvent(urls.result, examples.callResult);
		expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: 'true' });
		const { runData } = await onlyExecution(W.result.id, 'success');
		expect(nodeOutput(runData, 'AloVoice Trigger')[0]).toMatchObject({
			event: 'callRequestResult',
			id: '101',
			externalId: '123123',
			dialStatus: 'ANSWER',
			answered: true,
			duration: 60,
		});
	});
});

describe('shared secret in a header (the package header secret credential)', () => {
	test('no secret and a wrong secret get 401 and start nothing; the right one is answered and stored', async () => {
		const id = W.secret.id;
		const before = total(id);
		const missing = await route('secret', '974244104');
		expect(missing.status).toBe(401);
		const wrong = await route('secret', '974244104', {
			headers: { [SECRET.header]: 'pbx-shared-wrong' },
		});
		expect(wrong.status).toBe(401);
		const almost = await route('secret', '974244104', {
			headers: { [SECRET.header]: `${SECRET.value}x` },
		});
		expect(almost.status).toBe(401);
		for (const refused of [missing, wrong, almost])
			expect(refused.body).not.toContain(SECRET.value);
		await new Promise((done) => setTimeout(done, 2000));
		expect(total(id)).toBe(before);

		const right = await route('secret', '974244104', {
			headers: { [SECRET.header]: SECRET.value },
		});
		expect({ status: right.status, json: right.json }).toEqual({
			status: 200,
			json: { action_type: 'peer', action_data: '2002' },
		});
		// n8n stores the execution as "running" first: wait until it has finished (no longer
		// running or new), then require exactly one more and that it succeeded.
		await waitFor(
			() => {
				const counts = executionCounts(stack.n8n, id);
				return total(id) === before + 1 && !counts.running && !counts.new;
			},
			30_000,
			'the accepted request stored and finished',
		);
		expect(executionCounts(stack.n8n, id)).toEqual({ success: before + 1 });
		expect(stack.n8n.log().includes(SECRET.value)).toBe(false);
	});
});

// ---- ≥200 random authorized route requests: readable, unreadable and withheld, mixed ----

type RandomRequest = {
	kind: 'readable' | 'unreadable';
	label: string;
	init: RequestInit;
	fields?: Record<string, unknown>;
};

const WITHHELD_FORMS: unknown[] = [
	'anonymous',
	'',
	null,
	undefined,
	'unknown',
	'Private',
	'0',
	'+',
	'withheld',
];
const UNREADABLE_BODIES: Array<[string, string | undefined, string | undefined]> = [
	['empty body', '', 'application/json'],
	['no body, no type', undefined, undefined],
	['not JSON', 'route me please', 'text/plain'],
	['broken JSON as form', '{"from_number": ', 'application/x-www-form-urlencoded'],
	['JSON array', '[1,2]', 'text/plain'],
	['JSON string', '"974244100"', 'text/plain'],
	['JSON null', 'null', 'text/plain'],
	[
		'oversized',
		JSON.stringify({ ...examples.routeRequest, pad: 'x'.repeat(70 * 1024) }),
		'application/json',
	],
];

function randomRequests(count: number, seed: number): RandomRequest[] {
	const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
	const caller = fc.oneof(
		{ arbitrary: fc.constantFrom(...WITHHELD_FORMS), weight: 4 },
		digits(9),
		digits(9).map((local) => `+998${local}`),
		digits(9).map((local) => `998${local}`),
		digits(7).map((rest) => `99${rest}`),
		digits(7).map((rest) => `+998 99 ${rest}`),
		digits(10).map((rest) => `+7${rest}`),
		fc.constantFrom('901234567', '+998901234567', '974244100'),
	);
	const readable = fc
		.record({
			from_number: caller,
			line_number: fc.constantFrom(
				'712037006',
				'998712037006',
				712037006,
				'6',
				'+998 71 203 70 06',
				undefined,
			),
			queue_number: fc.constantFrom(6000, '6001', '6002', undefined, null),
			direction: fc.constantFrom('inc', 'out', undefined),
			as: fc.constantFrom('curl', 'json', 'form'),
		})
		.map(({ as: wanted, ...fields }): RandomRequest => {
			const present = Object.fromEntries(
				Object.entries(fields).filter(([, value]) => value !== undefined),
			);
			// An empty form is an empty body, which is unreadable: those go as JSON {}.
			const as = wanted === 'form' && Object.keys(present).length === 0 ? 'json' : wanted;
			const body =
				as === 'json'
					? JSON.stringify(present)
					: as === 'curl'
						? `${JSON.stringify(present).slice(0, -1)}${Object.keys(present).length ? ',' : ''}}`
						: new URLSearchParams(
								Object.entries(present).map(([key, value]): [string, string] => [
									key,
									value === null ? '' : String(value),
								]),
							).toString();
			const type = as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
			// A form field cannot carry null: it arrives as "".
			const sent =
				as === 'form'
					? Object.fromEntries(
							Object.entries(present).map(([key, value]) => [
								key,
								value === null ? '' : String(value),
							]),
						)
					: present;
			return {
				kind: 'readable',
				label: `${as} ${JSON.stringify(present)}`,
				init: { method: 'POST', headers: { 'content-type': type }, body },
				fields: sent,
			};
		});
	const unreadable = fc.constantFrom(...UNREADABLE_BODIES).map(
		([label, body, type]): RandomRequest => ({
			kind: 'unreadable',
			label,
			init: { method: 'POST', headers: type ? { 'content-type': type } : {}, body },
		}),
	);
	return fc.sample(
		fc.oneof({ arbitrary: readable, weight: 3 }, { arbitrary: unreadable, weight: 1 }),
		{ numRuns: count, seed },
	);
}

async function sendAll(url: string, requests: RandomRequest[], concurrency = 4) {
	const answers: Array<{ status: number; json: unknown }> = new Array(requests.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < requests.length) {
				const index = next++;
				const request = requests[index];
				const headers = {
					...(request.init.headers as Record<string, string>),
					[SECRET.header]: SECRET.value,
				};
				const response = await fetch(url, { ...request.init, headers });
				const text = await response.text();
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = text;
				}
				answers[index] = { status: response.status, json };
			}
		}),
	);
	return answers;
}

describe('≥200 random authorized route requests, each gets a valid action', () => {
	test(
		'rules mode without executions: 130 requests, each answered 200 with the action the rules give; no execution',
		async () => {
			const requests = randomRequests(130, 20261130);
			const kinds = { readable: 0, unreadable: 0, withheld: 0 };
			const before = total(W.randomRules.id);
			const answers = await sendAll(urls.randomRules, requests);
			requests.forEach((request, index) => {
				const answer = answers[index];
				expect({
					label: request.label,
					status: answer.status,
					valid: validateRouteAction(answer.json).ok,
				}).toEqual({ label: request.label, status: 200, valid: true });
				const fallback = fallbackRoute('ivr', '7777', request.fields ?? {}).action;
				if (request.kind === 'unreadable') {
					kinds.unreadable += 1;
					expect(answer.json).toEqual(fallback);
					return;
				}
				kinds.readable += 1;
				if (callerWithheld(request.fields?.from_number)) {
					kinds.withheld += 1;
					expect({ label: request.label, json: answer.json }).toEqual({
						label: request.label,
						json: { action_type: 'queue', action_data: '6500' },
					});
					return;
				}
				const picked = pickRoute(RANDOM_RULES, request.fields ?? {});
				const expected = picked
					? validateRouteAction({
							action_type: picked.rule.actionType,
							action_data: picked.rule.actionData,
						})
					: undefined;
				expect({ label: request.label, json: answer.json }).toEqual({
					label: request.label,
					json: expected?.ok ? expected.value : fallback,
				});
			});
			process.stderr.write(`[e2e] random route requests, rules mode: ${JSON.stringify(kinds)}\n`);
			expect(kinds.unreadable).toBeGreaterThanOrEqual(15);
			expect(kinds.withheld).toBeGreaterThanOrEqual(10);
			await new Promise((done) => setTimeout(done, 3000));
			expect(total(W.randomRules.id)).toBe(before);
		},
		10 * 60 * 1000,
	);

	test(
		'last-node mode: 110 requests, each answered 200 with a valid action; exactly one execution per readable request',
		async () => {
			const requests = randomRequests(110, 30112026);
			const before = total(W.randomWorkflow.id);
			const answers = await sendAll(urls.randomWorkflow, requests);
			let readable = 0;
			let late = 0;
			requests.forEach((request, index) => {
				const answer = answers[index];
				expect({
					label: request.label,
					status: answer.status,
					valid: validateRouteAction(answer.json).ok,
				}).toEqual({ label: request.label, status: 200, valid: true });
				if (request.kind === 'readable') {
					readable += 1;
					// The workflow's answer, or the fallback when n8n could not run it within the
					// timeout (counted below against n8n's log: each must be a logged timeout).
					if (JSON.stringify(answer.json) === JSON.stringify(FALLBACK)) late += 1;
					else
						expect({ label: request.label, json: answer.json }).toEqual({
							label: request.label,
							json: INTENDED,
						});
				} else {
					expect({ label: request.label, json: answer.json }).toEqual({
						label: request.label,
						json: FALLBACK,
					});
				}
			});
			process.stderr.write(
				`[e2e] random route requests, last-node mode: ${readable} readable (${late} answered by the fallback at the 10 s timeout), ${requests.length - readable} unreadable\n`,
			);
			expect(stack.n8n.log().split('no answer came within 10000 ms').length - 1).toBe(late);
			expect(readable).toBeGreaterThanOrEqual(60);
			await waitForCount(
				() => total(W.randomWorkflow.id) - before,
				readable,
				60_000,
				'executions of the random route requests',
			);
			await new Promise((done) => setTimeout(done, 3000));
			expect(executionCounts(stack.n8n, W.randomWorkflow.id)).toEqual({
				success: before + readable,
			});
		},
		10 * 60 * 1000,
	);
});

describe('the 220 malformed requests the other events refuse, sent to a route URL', () => {
	test(
		'each gets 200 and a valid action (unreadable: the fallback), no execution; only n8n itself refuses broken JSON sent as application/json (422)',
		async () => {
			const before = total(W.randomRules.id);
			const outcomes = new Map<string, Set<string>>();
			let valid = 0;
			for (const request of malformedRequests()) {
				const headers = {
					...(request.init.headers as Record<string, string>),
					[SECRET.header]: SECRET.value,
				};
				const response = await fetch(urls.randomRules, { ...request.init, headers });
				const text = await response.text();
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = text;
				}
				if (response.status === 200 && validateRouteAction(json).ok) valid += 1;
				outcomes.set(
					request.label,
					(outcomes.get(request.label) ?? new Set()).add(
						`${response.status} ${JSON.stringify(json)}`,
					),
				);
			}
			const fallback = JSON.stringify(fallbackRoute('ivr', '7777', {}).action);
			const seen = Object.fromEntries([...outcomes].map(([label, set]) => [label, [...set]]));
			expect(seen['broken JSON']).toEqual([expect.stringMatching(/^422 /)]);
			for (const [label, answers] of Object.entries(seen)) {
				if (label === 'broken JSON') continue;
				// {} and a form with other fields carry none of the route request's fields: unreadable,
				// so the fallback, not the withheld rule (nothing says the caller is withheld).
				const expected = fallback;
				expect({ label, answers }).toEqual({ label, answers: [`200 ${expected}`] });
			}
			process.stderr.write(
				`[e2e] 220 malformed requests to a route URL: ${valid} answered 200 with a valid action, the rest n8n's 422\n`,
			);
			await new Promise((done) => setTimeout(done, 3000));
			expect(total(W.randomRules.id)).toBe(before);
		},
		10 * 60 * 1000,
	);
});
