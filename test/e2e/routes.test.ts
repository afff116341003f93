// The AloVoice Trigger's answering events in a real n8n 2.40.7, through the production URLs:
// route requests decided by rules and by the workflow (with every fallback cause), the
// call-request result, and a shared-secret header that keeps strangers out.
import { examples, sendEvent } from '../server/pbxSide';
import { executionCounts, executionRunData, listExecutions, nodeOutput, startStack, waitFor, type Stack, type Workflow } from './stack';
import { ALOVOICE_TRIGGER, chainWorkflow, setNode, type ChainNode } from './triggers';

const SECRET = { id: 'E2eHeaderSecret1', name: 'e2e PBX shared secret', header: 'X-AloVoice-Secret', value: 'pbx-shared-9f3c1e' };

type Node = ChainNode;

/** A trigger followed by a straight chain of nodes. */
function workflow(id: string, name: string, trigger: Record<string, unknown>, chain: Node[] = [], credentials?: unknown): Workflow {
	return chainWorkflow(id, name, { ...ALOVOICE_TRIGGER, parameters: trigger, credentials }, chain);
}

function answerNode(name: string, type: string, data: string): Node {
	return setNode(name, { action_type: type, action_data: data });
}

/** The workflow's intended answer, and a fallback that differs from it in type and data. */
const INTENDED = { action_type: 'peer', action_data: '2000' };
const FALLBACK = { action_type: 'ivr', action_data: '7777' };
const lastNode = (answerTimeout: number) => ({
	event: 'routeRequest',
	routeMode: 'lastNode',
	fallbackActionType: FALLBACK.action_type,
	fallbackActionData: FALLBACK.action_data,
	answerTimeout,
});

const RULES = [
	{ caller: '901000001', actionType: 'peer', actionData: '2001', answer: { action_type: 'peer', action_data: '2001' } },
	{ caller: '901000002', actionType: 'queue', actionData: '6001', answer: { action_type: 'queue', action_data: '6001' } },
	{ caller: '901000003', actionType: 'ivr', actionData: '7001', answer: { action_type: 'ivr', action_data: '7001' } },
	{ caller: '901000004', actionType: 'trunk', actionData: '998712037006', answer: { action_type: 'trunk', action_data: '+998712037006' } },
	{ caller: '901000005', actionType: 'hangup', actionData: '', answer: { action_type: 'hangup' } },
];

const W = {
	rules: workflow('e2eRouteRules01', 'e2e route: rules', {
		event: 'routeRequest',
		routeMode: 'rules',
		rules: { rule: RULES.map(({ caller, actionType, actionData }) => ({ match: 'callerExact', value: caller, actionType, actionData })) },
		runOnRuleAnswer: true,
		fallbackActionType: 'queue',
		fallbackActionData: '6999',
	}),
	valid: workflow('e2eRouteValid01', 'e2e route: workflow answers', lastNode(3), [answerNode('Decide', INTENDED.action_type, INTENDED.action_data)]),
	invalid: workflow('e2eRouteInval01', 'e2e route: invalid answer', lastNode(3), [answerNode('Decide', 'teleport', '2000')]),
	error: workflow('e2eRouteError01', 'e2e route: workflow fails', lastNode(3), [
		{ name: 'CRM down', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, parameters: { errorType: 'errorMessage', errorMessage: 'CRM is down' } },
	]),
	slow: workflow('e2eRouteSlow001', 'e2e route: workflow too slow', lastNode(1), [
		{ name: 'Slow CRM', type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'timeInterval', amount: 4, unit: 'seconds' } },
		answerNode('Decide', INTENDED.action_type, INTENDED.action_data),
	]),
	result: workflow('e2eCallResult01', 'e2e route: call-request result', { event: 'callRequestResult' }),
	secret: workflow(
		'e2eRouteSecret1',
		'e2e route: shared secret',
		{ event: 'routeRequest', routeMode: 'rules', rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2002' }] }, authentication: 'headerAuth' },
		[],
		{ aloVoiceTriggerHeaderAuthApi: { id: SECRET.id, name: SECRET.name } },
	),
};

let stack: Stack;
const urls = {} as Record<keyof typeof W, string>;

beforeAll(async () => {
	stack = await startStack(Object.values(W), {
		credentials: [{ id: SECRET.id, name: SECRET.name, type: 'aloVoiceTriggerHeaderAuthApi', data: { name: SECRET.header, secret: SECRET.value } }],
	});
	// n8n 2.40.7 publishes imported workflows through an outbox after start-up ("Re-enqueuing
	// workflows whose published version diverged"), so their webhooks appear a moment later.
	const registered = () => stack.n8n.webhooks().filter((hook) => hook.method === 'POST').map((hook) => hook.workflow);
	await waitFor(() => Object.values(W).every((wf) => registered().includes(wf.name)), 60_000, 'every workflow published');
	const hooks = stack.n8n.webhooks();
	for (const [key, wf] of Object.entries(W)) {
		const hook = hooks.find((candidate) => candidate.workflow === wf.name && candidate.method === 'POST');
		if (!hook) throw new Error(`n8n registered no POST webhook for ${wf.name}: ${JSON.stringify(hooks)}`);
		urls[key as keyof typeof W] = hook.url;
	}
}, 20 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

const route = (key: keyof typeof W, from: string, options = {}) =>
	sendEvent(urls[key], { ...examples.routeRequest, from_number: from }, options);
const total = (id: string) => Object.values(executionCounts(stack.n8n, id)).reduce((a, b) => a + b, 0);

async function onlyExecution(id: string, status: string) {
	await waitFor(() => executionCounts(stack.n8n, id)[status] === 1, 30_000, `one ${status} execution of ${id}`);
	expect(executionCounts(stack.n8n, id)).toEqual({ [status]: 1 });
	const [execution] = await listExecutions(stack.n8n, id);
	return await executionRunData(stack.n8n, execution.id);
}

describe('route request, rules in the node', () => {
	test('each action type is answered exactly; no match gets the fallback; every request is stored', async () => {
		for (const rule of RULES) {
			const answer = await route('rules', rule.caller);
			expect({ caller: rule.caller, status: answer.status, json: answer.json }).toEqual({ caller: rule.caller, status: 200, json: rule.answer });
			expect(answer.contentType).toMatch(/^application\/json/);
		}
		const unmatched = await route('rules', '909999999');
		expect({ status: unmatched.status, json: unmatched.json }).toEqual({ status: 200, json: { action_type: 'queue', action_data: '6999' } });

		const id = W.rules.id;
		await waitFor(() => (executionCounts(stack.n8n, id).success ?? 0) === RULES.length + 1, 30_000, 'one execution per request');
		expect(executionCounts(stack.n8n, id)).toEqual({ success: RULES.length + 1 });
		const stored = new Map<string, Record<string, unknown>>();
		for (const execution of await listExecutions(stack.n8n, id)) {
			const [item] = nodeOutput((await executionRunData(stack.n8n, execution.id)).runData, 'AloVoice Trigger') as Array<Record<string, unknown>>;
			stored.set(String(item.fromNumber), item);
		}
		RULES.forEach((rule, index) =>
			expect(stored.get(rule.caller)).toMatchObject({ answer: rule.answer, matchedRule: index + 1, fallbackUsed: false }),
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
		expect(nodeOutput(runData, 'AloVoice Trigger')[0]).toMatchObject({ fromNumber: '974244100', fallback: FALLBACK });
	});

	test('an invalid answer gets the fallback; the execution stores what the workflow gave', async () => {
		const answer = await route('invalid', '974244101');
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: FALLBACK });
		const { runData } = await onlyExecution(W.invalid.id, 'success');
		expect(nodeOutput(runData, 'Decide')).toEqual([{ action_type: 'teleport', action_data: '2000' }]);
		expect(stack.n8n.log()).toMatch(/fallback answer sent because the workflow's answer is invalid: action_type must be one of/);
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
		const wrong = await route('secret', '974244104', { headers: { [SECRET.header]: 'pbx-shared-wrong' } });
		expect(wrong.status).toBe(401);
		const almost = await route('secret', '974244104', { headers: { [SECRET.header]: `${SECRET.value}x` } });
		expect(almost.status).toBe(401);
		for (const refused of [missing, wrong, almost]) expect(refused.body).not.toContain(SECRET.value);
		await new Promise((done) => setTimeout(done, 2000));
		expect(total(id)).toBe(before);

		const right = await route('secret', '974244104', { headers: { [SECRET.header]: SECRET.value } });
		expect({ status: right.status, json: right.json }).toEqual({ status: 200, json: { action_type: 'peer', action_data: '2002' } });
		await waitFor(() => total(id) === before + 1, 30_000, 'the accepted request stored');
		expect(executionCounts(stack.n8n, id)).toEqual({ success: before + 1 });
		expect(stack.n8n.log().includes(SECRET.value)).toBe(false);
	});
});
