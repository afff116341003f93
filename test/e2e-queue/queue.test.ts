// The package in n8n's queue mode (PostgreSQL, Redis, one main, one webhook process, two
// workers; scripts/lib/queue.ts): every trigger event through the webhook process's production
// URLs, every action operation run by a worker, load, a worker killed with -9, secret scans.
import { isDeepStrictEqual } from 'node:util';

import { ALOVOICE_TOKEN } from '../server/alovoice';
import { TELEDISCOUNT_KEY } from '../server/telediscount';
import { examples, sendEvent } from '../server/pbxSide';
import { AloVoiceTrigger } from '../../dist/nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { runLoad } from '../../scripts/lib/load';
import {
	ACTION_CASES,
	ACTION_NODE,
	actionPath,
	actionWorkflow,
	actionWorkflowId,
	caseKey,
} from '../e2e/actions';
import {
	executionRunData,
	listExecutions,
	nodeItems,
	nodeOutput,
	parseRunData,
	waitFor,
	waitForCount,
	type Workflow,
} from '../e2e/stack';
import {
	ALOVOICE_TRIGGER,
	CALL_ID,
	OWN_CALL_ID,
	aloVoiceAnswerNode,
	callEndFields,
	callStartFields,
	chainWorkflow,
	expectedStart,
	pbxBody,
	postPbx,
	setNode,
	triggerWorkflow,
	waitNode,
	workflowRoute,
	type ChainNode,
} from '../e2e/triggers';
import { executionsLeaking, startQueueStack, type QueueTestStack } from './queueStack';
import { literal } from '../../scripts/lib/queue';

const description = new AloVoiceTrigger().getNodeType(1).description;
const PAIRS = Number(process.env.E2E_LOAD_PAIRS ?? 1000);
/** At least 300 events per fault: call-started + call-ended pairs. */
const FAULT_PAIRS = Number(process.env.E2E_FAULT_PAIRS ?? 150);

const INTENDED = { action_type: 'peer', action_data: '2000' };
const FALLBACK = { action_type: 'ivr', action_data: '7777' };
const lastNode = (answerTimeout: number) => workflowRoute('lastNode', FALLBACK, answerTimeout);
const route = (
	id: string,
	name: string,
	trigger: Record<string, unknown>,
	chain: ChainNode[] = [],
): Workflow => chainWorkflow(id, name, { ...ALOVOICE_TRIGGER, parameters: trigger }, chain);

// The AloVoice Answer node after the trigger's version 2 (the version whose modes name the node;
// README, "Trigger versions"): the node runs on a worker, its answer travels back to the webhook
// process that holds the PBX's request.
const ANSWER_FALLBACK = { action_type: 'ivr', action_data: '7771' };
const answerRoute = (answerTimeout: number) =>
	workflowRoute('responseNode', ANSWER_FALLBACK, answerTimeout);
const answerStart = { event: 'callStarted', callStartAnswer: 'responseNode', answerTimeout: 5 };
function answered(
	id: string,
	name: string,
	trigger: Record<string, unknown>,
	chain: ChainNode[] = [],
): Workflow {
	const workflow = route(id, name, trigger, chain);
	(workflow.nodes[0] as { typeVersion: number }).typeVersion = 2;
	return workflow;
}

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
		caller: '901000004',
		actionType: 'trunk',
		actionData: '998712037006',
		answer: { action_type: 'trunk', action_data: '+998712037006' },
	},
	{ caller: '901000005', actionType: 'hangup', actionData: '', answer: { action_type: 'hangup' } },
];

const W = {
	callStarted: triggerWorkflow(
		'qTrigCallStart01',
		'queue: call started',
		description,
		'callStarted',
	),
	callEnded: triggerWorkflow('qTrigCallEnded01', 'queue: call ended', description, 'callEnded'),
	result: triggerWorkflow(
		'qTrigCallResult1',
		'queue: call-request result',
		description,
		'callRequestResult',
	),
	rules: route('qRouteRules00001', 'queue route: rules, no execution', {
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
		runOnRuleAnswer: false,
		fallbackActionType: 'queue',
		fallbackActionData: '6999',
	}),
	valid: route('qRouteValid00001', 'queue route: workflow answers', lastNode(5), [
		setNode('Decide', INTENDED),
	]),
	responseNode: route(
		'qRouteRespNode01',
		'queue route: Respond to Webhook',
		workflowRoute('responseNode', FALLBACK, 5),
		[
			{
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1,
				parameters: {
					respondWith: 'json',
					responseBody: JSON.stringify({ action_type: 'queue', action_data: '6001' }),
					options: {},
				},
			},
		],
	),
	invalid: route('qRouteInvalid001', 'queue route: invalid answer', lastNode(5), [
		setNode('Decide', { action_type: 'teleport', action_data: '2000' }),
	]),
	error: route('qRouteError00001', 'queue route: workflow fails', lastNode(5), [
		{
			name: 'CRM down',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			parameters: { errorType: 'errorMessage', errorMessage: 'CRM is down' },
		},
	]),
	slow: route('qRouteSlow000001', 'queue route: workflow too slow', lastNode(1), [
		waitNode('Slow CRM', 4),
		setNode('Decide', INTENDED),
	]),
	answerRoute: answered(
		'qAnswerRoute0001',
		'queue answer node: route, then the workflow goes on',
		answerRoute(5),
		[
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'routeRequest',
				actionType: 'queue',
				actionData: '={{ $json.queueNumber }}',
			}),
			waitNode('Slow CRM', 3),
			setNode('CRM row', {
				caller: '={{ $json.fromNumberE164 }}',
				routedTo: "={{ $('Answer PBX').item.json.pbxAnswer.action_data }}",
			}),
		],
	),
	answerInvalid: answered(
		'qAnswerInvalid01',
		'queue answer node: invalid Action Data',
		answerRoute(5),
		[
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'routeRequest',
				actionType: 'peer',
				actionData: 'abc',
			}),
		],
	),
	answerTwice: answered('qAnswerTwice0001', 'queue answer node: answered twice', answerRoute(5), [
		aloVoiceAnswerNode('First', { answer: 'routeRequest', actionType: 'peer', actionData: '2000' }),
		aloVoiceAnswerNode('Second', {
			answer: 'routeRequest',
			actionType: 'trunk',
			actionData: '998712037006',
		}),
	]),
	answerNever: answered('qAnswerNever0001', 'queue answer node: never answered', answerRoute(5), [
		setNode('No answer', { note: 'this branch does not answer' }),
	]),
	answerLate: answered('qAnswerLate00001', 'queue answer node: answered too late', answerRoute(1), [
		waitNode('Slow CRM', 4),
		aloVoiceAnswerNode('Answer PBX', {
			answer: 'routeRequest',
			actionType: 'peer',
			actionData: '2000',
		}),
	]),
	answerStart: answered(
		'qAnswerStart0001',
		'queue answer node: call started, id and callto',
		answerStart,
		[
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'callStarted',
				callId: '=crm-{{ $json.innerPhone }}',
				callTo: '99 123 45 67',
			}),
			setNode('CRM row', { crmId: '=crm-{{ $json.innerPhone }}' }),
		],
	),
	answerStartPlain: answered(
		'qAnswerStart0002',
		'queue answer node: call started, id alone',
		answerStart,
		[
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'callStarted',
				callId: '={{ 4711 }}',
				callTo: '',
			}),
		],
	),
	answerStartBad: answered(
		'qAnswerStart0003',
		'queue answer node: call started, callto not a number',
		answerStart,
		[
			aloVoiceAnswerNode('Answer PBX', {
				answer: 'callStarted',
				callId: 'crm-1',
				callTo: 'manager',
			}),
		],
	),
	answerEnded: answered('qAnswerEnded0001', 'queue answer node: call ended', {
		event: 'callEnded',
	}),
};
type Key = keyof typeof W;

let stack: QueueTestStack;
const urls = {} as Record<Key, string>;

beforeAll(
	async () => {
		const started = Date.now();
		stack = await startQueueStack([...Object.values(W), ...ACTION_CASES.map(actionWorkflow)]);
		process.stderr.write(`[queue] stack up in ${Math.round((Date.now() - started) / 1000)} s\n`);
		const hooks = stack.queue.webhooks();
		for (const [key, wf] of Object.entries(W)) {
			const hook = hooks.find(
				(candidate) => candidate.workflow === wf.name && candidate.method === 'POST',
			);
			if (!hook)
				throw new Error(`n8n registered no POST webhook for ${wf.name}: ${JSON.stringify(hooks)}`);
			urls[key as Key] = hook.url;
		}
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	if (!stack) return;
	const left = await stack.stop();
	// Nothing the stack started may outlive it.
	expect(left).toEqual([]);
}, 120 * 1000);

const counts = (key: Key | string) =>
	stack.queue.executionCounts(key in W ? W[key as Key].id : key);
const total = (key: Key) => Object.values(counts(key)).reduce((a, b) => a + b, 0);

async function onlyExecution(key: Key, status: string) {
	const id = W[key].id;
	await waitFor(() => counts(key)[status] === 1, 60_000, `one ${status} execution of ${id}`);
	expect(counts(key)).toEqual({ [status]: 1 });
	const [execution] = await listExecutions(stack.queue.main, id);
	return await executionRunData(stack.queue.main, execution.id);
}

describe('the topology', () => {
	test('main, webhook process and both workers are healthy; production URLs are on the webhook process only', async () => {
		expect(await stack.queue.healthy()).toEqual({
			main: true,
			'webhook-1': true,
			'worker-1': true,
			'worker-2': true,
		});
		const path = new URL(urls.callStarted).pathname;
		expect(new URL(urls.callStarted).port).toBe(String(stack.queue.webhookProcesses[0].port));
		// The main does not serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS).
		const onMain = await fetch(`${stack.queue.main.baseUrl}${path}`, {
			method: 'POST',
			...pbxBody(callStartFields(0)),
		});
		await onMain.arrayBuffer();
		expect(onMain.status).not.toBe(200);
	});
});

describe('trigger events through the webhook process', () => {
	test('call started answers a CRM id; call ended with it answers true; a worker stores both with the id', async () => {
		const started = await postPbx(urls.callStarted, callStartFields(0));
		expect(started.status).toBe(200);
		const callId = started.text.trim();
		expect(callId).toMatch(CALL_ID);
		expect(await postPbx(urls.callEnded, callEndFields(callId, 0))).toEqual({
			status: 200,
			text: 'true',
		});
		for (const key of ['callStarted', 'callEnded'] as const) {
			const { status, runData } = await onlyExecution(key, 'success');
			expect(status).toBe('success');
			expect(JSON.stringify(nodeOutput(runData, 'AloVoice Trigger')[0])).toContain(callId);
		}
	});

	test('call-request result: answered 200 true; the execution stores the externalId', async () => {
		const answer = await sendEvent(urls.result, examples.callResult);
		expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: 'true' });
		const { runData } = await onlyExecution('result', 'success');
		expect(nodeOutput(runData, 'AloVoice Trigger')[0]).toMatchObject({
			event: 'callRequestResult',
			externalId: '123123',
			answered: true,
		});
	});

	test('route rules: each action answered by the webhook process itself, no match gets the fallback, no execution at all', async () => {
		for (const rule of RULES) {
			const answer = await sendEvent(urls.rules, {
				...examples.routeRequest,
				from_number: rule.caller,
			});
			expect({ caller: rule.caller, status: answer.status, json: answer.json }).toEqual({
				caller: rule.caller,
				status: 200,
				json: rule.answer,
			});
		}
		const unmatched = await sendEvent(urls.rules, {
			...examples.routeRequest,
			from_number: '909999999',
		});
		expect({ status: unmatched.status, json: unmatched.json }).toEqual({
			status: 200,
			json: { action_type: 'queue', action_data: '6999' },
		});
		await new Promise((done) => setTimeout(done, 3000));
		expect(total('rules')).toBe(0);
	});

	test("route by the last node: the worker's valid answer reaches the caller", async () => {
		const answer = await sendEvent(urls.valid, {
			...examples.routeRequest,
			from_number: '974244100',
		});
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: INTENDED });
		const { runData } = await onlyExecution('valid', 'success');
		expect(nodeOutput(runData, 'Decide')).toEqual([INTENDED]);
	});

	test("route by a Respond to Webhook node: the worker's answer reaches the caller", async () => {
		const answer = await sendEvent(urls.responseNode, {
			...examples.routeRequest,
			from_number: '974244105',
		});
		expect({ status: answer.status, json: answer.json }).toEqual({
			status: 200,
			json: { action_type: 'queue', action_data: '6001' },
		});
		await onlyExecution('responseNode', 'success');
	});

	test('fallback causes: an invalid answer and a failing workflow get the fallback', async () => {
		const invalid = await sendEvent(urls.invalid, {
			...examples.routeRequest,
			from_number: '974244101',
		});
		expect({ status: invalid.status, json: invalid.json }).toEqual({ status: 200, json: FALLBACK });
		const { runData } = await onlyExecution('invalid', 'success');
		expect(nodeOutput(runData, 'Decide')).toEqual([
			{ action_type: 'teleport', action_data: '2000' },
		]);

		const failing = await sendEvent(urls.error, {
			...examples.routeRequest,
			from_number: '974244102',
		});
		expect({ status: failing.status, json: failing.json }).toEqual({ status: 200, json: FALLBACK });
		await onlyExecution('error', 'error');
	});

	test('fallback cause: a workflow slower than the answer timeout gets the fallback on time; the worker still finishes it', async () => {
		const answer = await sendEvent(urls.slow, {
			...examples.routeRequest,
			from_number: '974244103',
		});
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: FALLBACK });
		expect(answer.ms).toBeGreaterThanOrEqual(900);
		expect(answer.ms).toBeLessThan(3500);
		process.stderr.write(`[queue] route fallback on timeout answered in ${answer.ms} ms\n`);
		const { runData } = await onlyExecution('slow', 'success');
		expect(nodeOutput(runData, 'Decide')).toEqual([INTENDED]);
	});
});

/** The n8n processes whose log says they ran execution `id` (a worker logs "Worker started execution <id>"). */
function ranBy(id: string): string[] {
	const started = new RegExp(`Worker started execution ${id}\\b`);
	return stack.queue
		.logs()
		.filter((log) => started.test(log.text))
		.map((log) => log.name);
}

/** The workflow's one execution with `status`, its run data, and which process ran it (a worker). */
async function answerExecution(key: Key, status: string) {
	const id = W[key].id;
	await waitFor(() => counts(key)[status] === 1, 60_000, `one ${status} execution of ${id}`);
	expect(counts(key)).toEqual({ [status]: 1 });
	const [execution] = await listExecutions(stack.queue.main, id);
	const stored = await executionRunData(stack.queue.main, execution.id);
	expect(stored.status).toBe(status);
	expect(ranBy(execution.id)).toEqual([expect.stringMatching(/^worker-\d$/)]);
	return { ...stored, id: execution.id };
}

const webhookLog = () => stack.queue.webhookProcesses[0].process.log();

describe('the AloVoice Answer node, run by a worker', () => {
	test('its URLs are the webhook process', () => {
		const port = String(stack.queue.webhookProcesses[0].port);
		for (const key of Object.keys(W).filter((candidate) =>
			candidate.startsWith('answer'),
		) as Key[]) {
			expect({ key, port: new URL(urls[key]).port }).toEqual({ key, port });
		}
	});

	test("route request: the node's answer reaches the caller while the worker's execution goes on; the node after it runs", async () => {
		const got = await sendEvent(urls.answerRoute, examples.routeRequest);
		// Before the 3 s Wait after the node ends: the execution is not finished when the answer is in.
		const atAnswer = counts('answerRoute');
		expect({ status: got.status, contentType: got.contentType, body: got.body }).toEqual({
			status: 200,
			contentType: 'application/json; charset=utf-8',
			body: '{"action_type":"queue","action_data":"6000"}',
		});
		expect(atAnswer.success ?? 0).toBe(0);
		expect(atAnswer.error ?? 0).toBe(0);
		process.stderr.write(
			`[queue] answer node: route answered in ${got.ms} ms, execution then ${JSON.stringify(atAnswer)}\n`,
		);
		const { runData } = await answerExecution('answerRoute', 'success');
		expect(nodeOutput(runData, 'Answer PBX')[0]).toMatchObject({
			fromNumber: '974244100',
			pbxAnswer: { sent: true, action_type: 'queue', action_data: '6000' },
		});
		expect(nodeOutput(runData, 'CRM row')).toEqual([{ caller: '+998974244100', routedTo: '6000' }]);
	});

	test('a bad Action Data is refused before sending: the execution fails naming the field, the fallback answers at once', async () => {
		const got = await sendEvent(urls.answerInvalid, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({ status: 200, json: ANSWER_FALLBACK });
		// At once: when the worker's execution fails, well before the 5 s Answer Timeout.
		expect(got.ms).toBeLessThan(4000);
		process.stderr.write(`[queue] answer node: invalid Action Data, fallback in ${got.ms} ms\n`);
		const { runData } = await answerExecution('answerInvalid', 'error');
		expect(JSON.stringify(runData['Answer PBX'])).toContain(
			'Action Data: action_data for peer must be its number (digits), got \\"abc\\"',
		);
	});

	test('answered twice: the first answer reaches the caller, the second node sends nothing and says so', async () => {
		const got = await sendEvent(urls.answerTwice, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({
			status: 200,
			json: { action_type: 'peer', action_data: '2000' },
		});
		const { runData } = await answerExecution('answerTwice', 'success');
		expect(nodeOutput(runData, 'First')[0]).toMatchObject({
			pbxAnswer: { sent: true, action_type: 'peer', action_data: '2000' },
		});
		expect(nodeOutput(runData, 'Second')[0]).toMatchObject({
			pbxAnswer: {
				sent: false,
				reason:
					'the PBX was already answered in this execution by "First"; this answer was not sent',
				wouldHaveSent: { action_type: 'trunk', action_data: '+998712037006' },
			},
		});
	});

	test('never answered: the execution ends without an answer node, the fallback answers at once', async () => {
		const got = await sendEvent(urls.answerNever, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({ status: 200, json: ANSWER_FALLBACK });
		expect(got.ms).toBeLessThan(4000);
		process.stderr.write(`[queue] answer node: never answered, fallback in ${got.ms} ms\n`);
		const { runData } = await answerExecution('answerNever', 'success');
		expect(nodeOutput(runData, 'No answer')[0]).toMatchObject({
			note: 'this branch does not answer',
		});
	});

	test('answered too late: the fallback goes out at the 1 s Answer Timeout, the late answer is dropped', async () => {
		const got = await sendEvent(urls.answerLate, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({ status: 200, json: ANSWER_FALLBACK });
		expect(got.ms).toBeGreaterThanOrEqual(900);
		expect(got.ms).toBeLessThan(3500);
		const { id, runData } = await answerExecution('answerLate', 'success');
		expect(nodeOutput(runData, 'Answer PBX')[0]).toMatchObject({ pbxAnswer: { sent: true } });
		// Dropped silently: the webhook process handles the worker's late answer before the job's
		// end, and writing it must not fail (Node refused n8n's setHeaders after the fallback).
		await waitFor(
			() => new RegExp(`Execution ${id} \\(job \\d+\\) finished`).test(webhookLog()),
			30_000,
			`the webhook process seeing execution ${id} end`,
		);
		const path = new URL(urls.answerLate).pathname;
		expect(
			webhookLog()
				.split('\n')
				.filter((line) => line.includes(`webhook request POST ${path}`)),
		).toEqual([]);
	});

	test('call started: the ID with callto goes out as JSON, the workflow goes on; the call ended with that ID is stored with it', async () => {
		const got = await sendEvent(urls.answerStart, examples.callStart);
		// The trigger's call-start answers with callto are JSON without a charset (callStartBody).
		expect([got.status, got.contentType, got.body]).toEqual([
			200,
			'application/json',
			'{"id":"crm-2000","callto":"991234567"}',
		]);
		const { runData } = await answerExecution('answerStart', 'success');
		expect(nodeOutput(runData, 'Answer PBX')[0]).toMatchObject({
			pbxAnswer: { sent: true, id: 'crm-2000', callto: '991234567' },
		});
		expect(nodeOutput(runData, 'CRM row')).toEqual([{ crmId: 'crm-2000' }]);

		const ended = await sendEvent(urls.answerEnded, { ...examples.callEnd, call_id: 'crm-2000' });
		expect([ended.status, ended.body]).toEqual([200, 'true']);
		const end = await answerExecution('answerEnded', 'success');
		expect(nodeOutput(end.runData, 'AloVoice Trigger')[0]).toMatchObject({
			event: 'callEnded',
			callId: 'crm-2000',
		});
	});

	test('call started: an ID alone goes out as plain text', async () => {
		const got = await sendEvent(urls.answerStartPlain, examples.callStart);
		expect([got.status, got.contentType, got.body]).toEqual([
			200,
			'text/plain; charset=utf-8',
			'4711',
		]);
		const { runData } = await answerExecution('answerStartPlain', 'success');
		expect(nodeOutput(runData, 'Answer PBX')[0]).toMatchObject({
			pbxAnswer: { sent: true, id: '4711' },
		});
	});

	test('call started: a callto that is not a number, nothing sent by the node, the trigger answers its own ID', async () => {
		const got = await sendEvent(urls.answerStartBad, examples.callStart);
		expect(got.status).toBe(200);
		expect(got.body).toMatch(OWN_CALL_ID);
		const { runData } = await answerExecution('answerStartBad', 'error');
		expect(nodeOutput(runData, 'AloVoice Trigger')[0]).toMatchObject({ fallbackCallId: got.body });
		expect(JSON.stringify(runData['Answer PBX'])).toContain('Forward To (callto)');
	});
});

describe('every action operation, run by a worker', () => {
	test.each(
		ACTION_CASES.map((action, index) => [`${caseKey(action)} #${index}`, action, index] as const),
	)(
		'%s: answered through the webhook process with the node output; stored as a success',
		async (_name, action, index) => {
			const standIns = { aloVoice: stack.standIn, telediscount: stack.telediscount };
			const expected = action.expected(standIns);
			const answer = await fetch(`${stack.queue.webhookBaseUrl}/webhook/${actionPath(index)}`, {
				method: 'POST',
			});
			expect(answer.status).toBe(200);
			expect(await answer.json()).toEqual(expected);
			action.afterwards?.(standIns);
			const workflowId = actionWorkflowId(index);
			await waitFor(
				() => stack.queue.executionCounts(workflowId).success === 1,
				30_000,
				'the stored execution',
			);
			const [execution] = await listExecutions(stack.queue.main, workflowId);
			const { status, runData } = await executionRunData(stack.queue.main, execution.id);
			expect(status).toBe('success');
			expect(nodeOutput(runData, ACTION_NODE)).toEqual(expected);
			if (action.binary) {
				const [item] = nodeItems(runData, ACTION_NODE);
				expect(item.binary?.[action.binary.property]).toMatchObject({
					mimeType: action.binary.mimeType,
					fileName: action.binary.fileName,
				});
			}
		},
	);

	test('the workers ran the actions (their logs name the executions)', () => {
		const runs = stack.queue.workerRuns();
		expect(Object.values(runs).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
			ACTION_CASES.length,
		);
	});
});

/**
 * `pairs` call-started + call-ended pairs at 50 concurrent; every answer checked. A wrong answer
 * is recorded (not thrown), so a fault's whole effect is counted. `refusal` names the n8n errors
 * a fault is measured to cause (the request refused before this package's code runs): those are
 * counted and reported; any other wrong answer fails the test.
 */
async function callPairs(
	pairs: number,
	offset: number,
	during?: (answered: number) => void,
	refusal?: RegExp,
) {
	let answered = 0;
	const ids = new Set<string>();
	const wrong: string[] = [];
	const refused: string[] = [];
	let acceptedEvents = 0;
	// Each accepted event, by a value only its own execution's data holds, and when it was answered.
	const accepted: AcceptedEvent[] = [];
	const result = await runLoad(pairs, 50, async (index) => {
		const startFields = callStartFields(offset + index);
		const started = await postPbx(urls.callStarted, startFields);
		answered++;
		during?.(answered);
		if (started.status !== 200 || !CALL_ID.test(started.text.trim())) {
			const line = `call started #${index}: ${started.status} ${started.text.slice(0, 120)}`;
			(refusal?.test(`${started.status} ${started.text}`) ? refused : wrong).push(line);
			return;
		}
		acceptedEvents++;
		accepted.push({
			event: `call started #${index}`,
			token: startFields.number.replace('+', ''),
			at: Date.now(),
		});
		const callId = started.text.trim();
		ids.add(callId);
		const endFields = callEndFields(callId, offset + index);
		const ended = await postPbx(urls.callEnded, endFields);
		if (ended.status !== 200 || ended.text !== 'true') {
			const line = `call ended #${index}: ${ended.status} ${ended.text.slice(0, 120)}`;
			(refusal?.test(`${ended.status} ${ended.text}`) ? refused : wrong).push(line);
			return;
		}
		acceptedEvents++;
		accepted.push({
			event: `call ended #${index}`,
			token: endFields.record.replace('https://', ''),
			at: Date.now(),
		});
	});
	if (refused.length)
		process.stderr.write(
			`[queue] ${refused.length} requests refused by n8n, first: ${refused.slice(0, 3).join(' | ')}\n`,
		);
	if (wrong.length)
		process.stderr.write(
			`[queue] ${wrong.length} wrong answers, first: ${wrong.slice(0, 5).join(' | ')}\n`,
		);
	expect({ wrong: wrong.length, first: wrong.slice(0, 5) }).toEqual({ wrong: 0, first: [] });
	if (!refusal) expect(ids.size).toBe(pairs);
	return { result, acceptedEvents, accepted, refused: refused.length };
}

type AcceptedEvent = { event: string; token: string; at: number };

/**
 * The accepted call events that have no execution since `sinceId`: no execution of the call
 * workflows holds the event's own value (the caller's number, the record URL), in any status.
 */
function withoutExecution(sinceId: number, accepted: AcceptedEvent[]): AcceptedEvent[] {
	if (!accepted.length) return [];
	const ids = (['callStarted', 'callEnded'] as const).map((key) => literal(W[key].id)).join(', ');
	const tokens = accepted.map((event) => `(${literal(event.token)})`).join(', ');
	const missing = new Set(
		stack.queue.postgres
			.query<{
				token: string;
			}>(
				`SELECT t.token FROM (VALUES ${tokens}) AS t(token) WHERE NOT EXISTS (SELECT 1 FROM execution_data d JOIN execution_entity e ON e.id = d."executionId" WHERE e.id > ${Number(sinceId)} AND e."workflowId" IN (${ids}) AND position(t.token in d.data) > 0)`,
			)
			.map((row) => row.token),
	);
	return accepted.filter((event) => missing.has(event.token));
}

const pairCounts = () => ({ started: counts('callStarted'), ended: counts('callEnded') });
const successes = () => (counts('callStarted').success ?? 0) + (counts('callEnded').success ?? 0);

describe('load through the webhook process', () => {
	test(
		`${PAIRS} call-started + call-ended pairs at 50 concurrent: every answer correct, one successful execution per event, both workers ran some`,
		async () => {
			const before = {
				started: counts('callStarted'),
				ended: counts('callEnded'),
				runs: stack.queue.workerRuns(),
			};
			const { result } = await callPairs(PAIRS, 10_000);
			process.stderr.write(`[queue] load: ${JSON.stringify(result)} (each request a pair)\n`);
			const base = (before.started.success ?? 0) + (before.ended.success ?? 0);
			const storing = await waitForCount(
				() => successes() - base,
				2 * PAIRS,
				120_000,
				'successful executions',
				() => JSON.stringify(pairCounts()),
			);
			process.stderr.write(
				`[queue] load: all ${2 * PAIRS} executions stored ${storing} s after the last answer\n`,
			);
			expect(counts('callStarted')).toEqual({ success: (before.started.success ?? 0) + PAIRS });
			expect(counts('callEnded')).toEqual({ success: (before.ended.success ?? 0) + PAIRS });
			const runs = stack.queue.workerRuns();
			const perWorker = Object.fromEntries(
				Object.entries(runs).map(([name, count]) => [name, count - before.runs[name]]),
			);
			process.stderr.write(`[queue] load: executions per worker ${JSON.stringify(perWorker)}\n`);
			expect(Object.values(perWorker).reduce((a, b) => a + b, 0)).toBe(2 * PAIRS);
			for (const count of Object.values(perWorker)) expect(count).toBeGreaterThan(0);
			expect(Object.values(await stack.queue.healthy()).every(Boolean)).toBe(true);
		},
		20 * 60 * 1000,
	);
});

/** Issue 20: call pairs whose start and end ran on different workers that the suite must see decoded. */
const CROSS_WORKER_PAIRS = 200;

/**
 * The call pairs stored so far (the call workflows' successful executions, a start and an end
 * joined by the call id the trigger answered), which worker ran each half (the workers' logs:
 * "Worker started execution <id>", as workerRuns and ranBy read them), and each end's `start`
 * against its start's facts. Read straight from PostgreSQL in one query: the load's thousands
 * of executions through the REST API would cost minutes.
 */
function crossWorkerPairs() {
	const workerOf = new Map<string, string[]>();
	for (const worker of stack.queue.workers) {
		for (const match of worker.process.log().matchAll(/Worker started execution (\d+)\b/g))
			workerOf.set(match[1], [...(workerOf.get(match[1]) ?? []), worker.name]);
	}
	const rows = stack.queue.postgres.query<{ id: string; workflow: string; data: string }>(
		`SELECT e.id::text AS id, e."workflowId" AS workflow, d.data AS data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" IN (${literal(W.callStarted.id)}, ${literal(W.callEnded.id)}) AND e.status = 'success'`,
	);
	const starts = new Map<string, { item: Record<string, unknown>; worker?: string }>();
	const ends: Array<{ item: Record<string, unknown>; worker?: string }> = [];
	for (const row of rows) {
		const item = nodeOutput(parseRunData(row.data), 'AloVoice Trigger')[0] as Record<
			string,
			unknown
		>;
		const ran = workerOf.get(row.id) ?? [];
		const worker = ran.length === 1 ? ran[0] : undefined;
		if (row.workflow === W.callStarted.id) starts.set(String(item.callId), { item, worker });
		else ends.push({ item, worker });
	}
	let pairs = 0;
	let cross = 0;
	let unknownWorker = 0;
	const withoutStart: string[] = [];
	const undecoded: unknown[] = [];
	for (const end of ends) {
		const start = starts.get(String(end.item.callId));
		if (!start) {
			withoutStart.push(String(end.item.callId));
			continue;
		}
		pairs++;
		const expected = expectedStart(start.item);
		if (!isDeepStrictEqual(end.item.start, expected))
			undecoded.push({ callId: end.item.callId, start: end.item.start, expected });
		if (!start.worker || !end.worker) unknownWorker++;
		else if (start.worker !== end.worker) cross++;
	}
	return { pairs, cross, unknownWorker, withoutStart, undecoded };
}

describe('the call start in the id (issue 20), across workers', () => {
	test(
		`at least ${CROSS_WORKER_PAIRS} call pairs whose start and end ran on different workers: every end's start equals its start's facts`,
		async () => {
			// The load above already stored its pairs; a short run (E2E_LOAD_PAIRS) is topped up with
			// batches of 100 pairs until enough of them were split across the two workers.
			let seen = crossWorkerPairs();
			for (let batch = 0; seen.cross < CROSS_WORKER_PAIRS && batch < 10; batch++) {
				const base = successes();
				await callPairs(100, 5_000 + batch * 100);
				await waitForCount(
					() => successes() - base,
					200,
					120_000,
					'successful executions of the top-up pairs',
					() => JSON.stringify(pairCounts()),
				);
				seen = crossWorkerPairs();
			}
			const { pairs, cross, unknownWorker, withoutStart, undecoded } = seen;
			process.stderr.write(
				`[queue] call start in the id: ${pairs} stored pairs, ${cross} with start and end on different workers, ${unknownWorker} not found in a worker's log, ${undecoded.length} ends not decoded to their start\n`,
			);
			// Counts, with the first few for the failure message.
			expect({ count: withoutStart.length, first: withoutStart.slice(0, 5) }).toEqual({
				count: 0,
				first: [],
			});
			expect({ count: undecoded.length, first: undecoded.slice(0, 5) }).toEqual({
				count: 0,
				first: [],
			});
			expect(unknownWorker).toBe(0);
			expect(cross).toBeGreaterThanOrEqual(CROSS_WORKER_PAIRS);
		},
		20 * 60 * 1000,
	);
});

/** Route requests sent one after another while a fault runs: every one must get a valid action. */
function routeProbe() {
	const answers: Array<{
		key: 'rules' | 'valid';
		status: number;
		json: unknown;
		body: string;
		ms: number;
		at: number;
	}> = [];
	let running = true;
	const loop = (async () => {
		for (let i = 0; running; i++) {
			const key = i % 2 ? 'valid' : 'rules';
			const sent = Date.now();
			try {
				const answer = await sendEvent(urls[key], {
					...examples.routeRequest,
					from_number: key === 'rules' ? RULES[0].caller : '974244100',
				});
				answers.push({
					key,
					status: answer.status,
					json: answer.json,
					body: answer.body,
					ms: answer.ms,
					at: Date.now(),
				});
			} catch (error) {
				answers.push({
					key,
					status: 0,
					json: undefined,
					body: `no answer within 60 s (${(error as Error).name})`,
					ms: Date.now() - sent,
					at: Date.now(),
				});
			}
			await new Promise((done) => setTimeout(done, 200));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			return answers;
		},
	};
}

/** Executions of the call events and the routed calls (workflow answers), per status. */
function statusTotals(sinceId = 0): Record<string, number> {
	return stack.queue.executionCounts([W.callStarted.id, W.callEnded.id, W.valid.id], sinceId);
}

/** The newest execution's id: a fault test counts only the executions created after it. */
function lastExecutionId(): number {
	const [row] = stack.queue.postgres.query<{ id: number | null }>(
		'SELECT MAX(id)::int AS id FROM execution_entity',
	);
	return row?.id ?? 0;
}

/**
 * FAULT_PAIRS call pairs at 50 concurrent with route requests beside them; `fault` starts when a
 * third of the pairs are answered. Checks every answer and that each event ends up as exactly
 * one successful execution; reports the figures.
 */
async function underFault(
	label: string,
	fault: () => Promise<void>,
	refusal?: RegExp,
	mayFail = 0,
	lossWindow?: LossWindow,
	mayHang = 0,
) {
	// Only this test's executions count: an earlier fault's may still finish meanwhile.
	const before = { lastId: lastExecutionId() };
	const probe = routeProbe();
	let faulted: Promise<void> | undefined;
	const faultAt = { start: 0, end: 0 };
	let pairs: Awaited<ReturnType<typeof callPairs>>;
	try {
		pairs = await callPairs(
			FAULT_PAIRS,
			20_000 + Math.floor(Math.random() * 1_000_000),
			(answered) => {
				if (!faulted && answered >= FAULT_PAIRS / 3) {
					faultAt.start = Date.now();
					faulted = fault().finally(() => (faultAt.end = Date.now()));
				}
			},
			refusal,
		);
	} finally {
		// The fault ends and the route requests stop even when a call got a wrong answer.
		await faulted;
		await probe.stop();
	}
	const routes = await probe.stop();
	const slowest = Math.max(...routes.map((answer) => answer.ms));
	expect(faulted).toBeDefined();
	// Every route request got a valid action: the rule's, or the workflow's (or the fallback in
	// time); or, only where a fault is measured to cause it, n8n's own refusal (counted).
	const refusedRoutes = routes.filter(
		(answer) => answer.status !== 200 && refusal?.test(`${answer.status} ${answer.body}`),
	);
	for (const answer of routes.filter((candidate) => !refusedRoutes.includes(candidate))) {
		const expected = answer.key === 'rules' ? [RULES[0].answer] : [INTENDED, FALLBACK];
		expect({
			key: answer.key,
			status: answer.status,
			valid: expected.some((json) => JSON.stringify(json) === JSON.stringify(answer.json)),
		}).toEqual({
			key: answer.key,
			status: 200,
			valid: true,
		});
	}
	process.stderr.write(
		`[queue] ${label}: pairs ${JSON.stringify(pairs.result)}; ${pairs.refused} call requests refused by n8n; ${routes.length} route requests (${refusedRoutes.length} refused), slowest ${slowest} ms\n`,
	);
	const events = pairs.acceptedEvents;
	const validRuns = routes.filter(
		(answer) => answer.key === 'valid' && !refusedRoutes.includes(answer),
	).length;
	const refusedValid = refusedRoutes.filter((answer) => answer.key === 'valid').length;
	// Executions of the call events and of the routed calls since the fault began, by status.
	const delta = () => {
		const statuses = statusTotals(before.lastId);
		const finished = Object.entries(statuses)
			.filter(([status]) => !PENDING.includes(status))
			.reduce((a, [, n]) => a + n, 0);
		return { statuses, finished, success: statuses.success ?? 0 };
	};
	// Every accepted request ends as exactly one finished execution. A request n8n refused may
	// still have been executed (measured: PostgreSQL's restart answered 500 after the execution
	// was queued), so with a fault that causes refusals the count lies between the accepted and
	// the accepted plus the refused. `lossWindow`: a fault may leave without any execution only
	// events answered from the slowest pair's time before it began (n8n prepares an event's
	// execution after answering it, behind the requests queued in the same webhook process) until
	// `afterMs` after it ended (measured, documented where the fault's test is); without it, none.
	// `mayLose` counts those events. The wait lasts while the count moves, then as long as the
	// settling rule in the loop says.
	const beforeMs = pairs.result.maxMs;
	const inWindow = (at: number) =>
		lossWindow !== undefined &&
		at >= faultAt.start - beforeMs &&
		at <= faultAt.end + lossWindow.afterMs;
	const mayLose =
		pairs.accepted.filter((event) => inWindow(event.at)).length +
		routes.filter(
			(answer) => answer.key === 'valid' && !refusedRoutes.includes(answer) && inWindow(answer.at),
		).length;
	const low = events + validRuns;
	const high = low + (refusal ? pairs.refused + refusedValid : 0);
	const pendingOf = (statuses: Record<string, number>) =>
		PENDING.reduce((a, status) => a + (statuses[status] ?? 0), 0);
	const started = Date.now();
	let seen = JSON.stringify(delta().statuses);
	let movedAt = Date.now();
	for (;;) {
		const now = delta();
		if (JSON.stringify(now.statuses) !== seen) movedAt = Date.now();
		seen = JSON.stringify(now.statuses);
		if (now.finished > high)
			throw new Error(
				`executions after ${label}: ${now.finished} finished, more than the ${high} requests n8n took (${seen})`,
			);
		// Settled: nothing changed for 30 s (an execution here takes milliseconds), or for 120 s
		// while some are still queued or running: a killed worker's jobs go back to the queue only
		// when their lock expires (QUEUE_WORKER_LOCK_DURATION, 60 s) at the next stalled-job check
		// (QUEUE_WORKER_STALLED_INTERVAL, every 30 s), up to 90 s after the kill.
		const quiet = pendingOf(now.statuses) > 0 ? 120_000 : 30_000;
		if (now.finished + pendingOf(now.statuses) >= low - mayLose && Date.now() - movedAt > quiet)
			break;
		if (Date.now() - movedAt > 240_000)
			throw new Error(
				`executions after ${label}: stuck at ${now.finished} finished of the ${low} accepted for 240 s (${seen})`,
			);
		await new Promise((done) => setTimeout(done, 1000));
	}
	const { statuses, finished, success } = delta();
	const hung = pendingOf(statuses);
	const notSuccessful = finished - success;
	const lost = Math.max(0, low - finished - hung);
	// Where a fault may lose events: which call events no execution's data holds (none, or one
	// whose data a failed write left without the trigger's item), and when each was answered, from
	// the fault's start and end. (Without a loss window, the counts below allow no loss at all.)
	const lostEvents = lossWindow ? withoutExecution(before.lastId, pairs.accepted) : [];
	const offsetsOf = (events: AcceptedEvent[]) =>
		events.map((event) => ({
			event: event.event,
			fromStart: event.at - faultAt.start,
			fromEnd: event.at - faultAt.end,
		}));
	const offsets = offsetsOf(lostEvents);
	if (lostEvents.length) {
		process.stderr.write(
			`[queue] ${label}: ${lostEvents.length} call events in no execution's data (lost, or their execution's data not stored), answered ${Math.min(...offsets.map((o) => o.fromStart))} ms from the fault's start to ${Math.max(...offsets.map((o) => o.fromEnd))} ms from its end (fault ${faultAt.end - faultAt.start} ms; ${mayLose} events answered from ${Math.round(beforeMs)} ms before it began to ${lossWindow?.afterMs ?? 0} ms after it ended)\n`,
		);
	}
	process.stderr.write(
		`[queue] ${label}: ${events} accepted call events and ${validRuns} routed calls; executions ${JSON.stringify(statuses)}, settled ${((movedAt - started) / 1000).toFixed(1)} s after the last answer; left running by n8n: ${hung}; accepted without an execution: ${lost}; executions for requests n8n refused: ${Math.max(0, finished + hung - low)}; not successful: ${notSuccessful}\n`,
	);
	// `mayFail`: executions the fault may end as something else than success; `mayHang`: ones n8n
	// may leave "running" for good (measured, documented where the fault's test is).
	expect(notSuccessful).toBeLessThanOrEqual(mayFail);
	expect(hung).toBeLessThanOrEqual(mayHang);
	expect(lost).toBeLessThanOrEqual(mayLose);
	expect(offsetsOf(lostEvents.filter((event) => !inWindow(event.at)))).toEqual([]);
	expect(finished + hung).toBeLessThanOrEqual(high);
	if (!refusal) expect(finished + hung).toBe(events + validRuns);
}

/** Execution statuses n8n has not finished: queued, running or waiting. */
const PENDING = ['new', 'running', 'waiting'];

/** Around a fault: from the load's slowest pair before it began to `afterMs` after it ended. */
type LossWindow = { afterMs: number };

/** Jobs the two workers hold at once (n8n's worker concurrency, 10 each). */
const WORKER_JOBS = 20;
/** Requests in flight at any moment of a fault test: the 50 concurrent calls and the one route request. */
const IN_FLIGHT = 51;
/** Where PostgreSQL's restart may lose events (measured; see its test). */
const PG_LOSS_WINDOW: LossWindow = { afterMs: 5_000 };

/**
 * Waits until every n8n process answers /healthz again; says how long that took, or which did
 * not. A webhook process or worker that has exited is started again after 30 s, as the
 * supervisor (systemd, Kubernetes) that runs n8n in production would, and that is reported:
 * the test then asserts the restarted stack healthy.
 */
async function allHealthy(after: string) {
	const started = Date.now();
	let last: Record<string, boolean> = {};
	const restarted: string[] = [];
	while (Date.now() - started < 300_000) {
		last = await stack.queue.healthy();
		if (Object.values(last).every(Boolean)) {
			process.stderr.write(
				`[queue] ${after}: every n8n process healthy ${((Date.now() - started) / 1000).toFixed(1)} s after the check began${restarted.length ? `; exited and started again: ${restarted.join(', ')}` : ''}\n`,
			);
			return;
		}
		if (Date.now() - started > 30_000) {
			for (const side of [...stack.queue.webhookProcesses, ...stack.queue.workers]) {
				if (side.process.running) continue;
				process.stderr.write(
					`[queue] ${after}: n8n ${side.name} had exited (see its log); started again\n`,
				);
				restarted.push(side.name);
				await stack.queue.restartSide(side);
			}
		}
		await new Promise((done) => setTimeout(done, 1000));
	}
	const running = Object.fromEntries(
		[...stack.queue.webhookProcesses, ...stack.queue.workers].map((side) => [
			side.name,
			side.process.running,
		]),
	);
	throw new Error(
		`${after}: not every n8n process healthy within 300 s: ${JSON.stringify(last)}; running: ${JSON.stringify(running)}`,
	);
}

describe('faults, each during a load of call pairs and route requests', () => {
	test(
		`kill -9 of one worker: every event answered; afterwards every event has exactly one finished execution, at most the killed worker's 10 not successful or left running`,
		async () => {
			const victim = stack.queue.workers[0];
			await underFault(
				'kill -9 worker-1',
				async () => {
					victim.process.crash();
					process.stderr.write(`[queue] kill -9 worker-1 (pid ${victim.process.pid})\n`);
				},
				undefined,
				10,
				undefined,
				10,
			);
			// The killed worker stays down during the check above; it is started again for what follows.
			expect(victim.process.running).toBe(false);
			await stack.queue.restartSide(victim);
			await allHealthy('kill -9 worker-1');
		},
		20 * 60 * 1000,
	);

	// Measured (docs/queue-mode.md): while Redis loads its append-only file after the restart, n8n
	// sends it commands (its client skips Redis's ready check) and answers those requests 500
	// "LOADING Redis is loading the dataset in memory"; 36 of 300 call events in one run. A worker
	// whose job hit LOADING ("Worker errored while running execution", "Failed to notify main")
	// leaves that execution "running" for good in n8n 2.40.7: 1 in one run; at most the jobs the
	// two workers hold (2 × concurrency 10).
	test(
		'Redis stopped for 10 s and restarted: every request answered validly or refused by n8n while Redis loads; every accepted event executed once or left running by n8n (counted)',
		async () => {
			await underFault(
				'Redis down 10 s',
				async () => {
					const stopped = Date.now();
					await stack.queue.redis.restart(10_000);
					process.stderr.write(`[queue] Redis was down ${Date.now() - stopped} ms\n`);
				},
				// n8n's two refusals while Redis loads (before any node runs): 500 "LOADING" from its
				// queue, and 404 "Cannot find workflow": the webhook's project is read through n8n's
				// cache, which is Redis in queue mode, and any error there becomes that 404
				// (webhook-helpers.js 343–347, `getWorkflowProjectCached`, n8n 2.40.7).
				/^(500 .*LOADING Redis is loading the dataset in memory|404 .*Cannot find workflow)/,
				// Jobs a worker held when Redis went away may end as error (5 in one run: the worker's
				// Redis calls failed during the job): at most the jobs both workers hold.
				WORKER_JOBS,
				undefined,
				WORKER_JOBS,
			);
			await allHealthy('Redis down 10 s');
		},
		20 * 60 * 1000,
	);

	// Measured (docs/queue-mode.md): requests in flight when PostgreSQL went down lost their
	// connection inside n8n: one run left one request unanswered (the client gave up after 300 s),
	// others answered 13 to 103 requests 500 (node-postgres and TypeORM errors). The trigger
	// answers the PBX before n8n stores the execution (so a call is never held on n8n's
	// database); an event whose execution n8n then fails to store is answered but has none (23
	// of 109 accepted events in one run, 50 of 276 in another). Each such event is found by its
	// own value in the execution data: in 7 runs every one was answered 0.2 to 2.1 s before
	// PostgreSQL stopped (n8n was still preparing its execution, behind the requests queued in the
	// webhook process), none during or after the restart. The test allows a loss only from the
	// load's slowest pair before the restart to 5 s after it. A worker whose database write fails ends its
	// execution as an error (4 in that run); n8n also left executions "new" or "running" for good
	// (3 + 1 in one run: their job never ran, or its end was never stored). All concern only the
	// requests in flight while the database restarted (the 50 concurrent calls and the one route
	// request) and the jobs the workers held.
	test(
		'PostgreSQL restarted: every request answered validly or refused/left unanswered by n8n (counted); no event executed twice; what n8n lost counted',
		async () => {
			await underFault(
				'PostgreSQL restart',
				async () => {
					const stopped = Date.now();
					await stack.queue.postgres.restart();
					process.stderr.write(`[queue] PostgreSQL was down ${Date.now() - stopped} ms\n`);
				},
				// n8n's answers when its query fails on a lost connection: the node-postgres and TypeORM
				// messages n8n passes on as a 500 (each one seen in a run here), and its own 503. The
				// socket errors are those of the database connection (nothing else is down): refused
				// while PostgreSQL is stopped ("connect ECONNREFUSED", seen), reset ("read ECONNRESET",
				// seen) or broken or timed out when it stops under a query (node's socket errors). And a
				// 400 with an empty body: seen once (stop 19's rehearsal, five consecutive call starts
				// right after the restart, beside 20 of the 500s). The trigger's own refusals always
				// carry a JSON reason (test/engine/AloVoiceTrigger/oddEvents.test.ts), so that answer is n8n's or its
				// HTTP server's; where it comes from is not found yet (docs/queue-mode.md).
				/^(400 $|0 no answer within 60 s|503 .*Database is not ready|500 .*(Query runner already released|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection terminated|terminating connection|(connect|read|write) (ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)|the database system is|timeout exceeded when trying to connect))/,
				IN_FLIGHT,
				PG_LOSS_WINDOW,
				IN_FLIGHT + WORKER_JOBS,
			);
			await allHealthy('PostgreSQL restart');
		},
		20 * 60 * 1000,
	);
});

describe('secrets', () => {
	test.each([
		['AloVoice token', ALOVOICE_TOKEN],
		['Telediscount key', TELEDISCOUNT_KEY],
	])("the %s is nowhere in PostgreSQL's execution data or any process's log", (_name, secret) => {
		const [{ executions }] = stack.queue.postgres.query<{ executions: number }>(
			'SELECT COUNT(*)::int AS executions FROM execution_data',
		);
		expect(executions).toBeGreaterThan(0);
		expect(executionsLeaking(stack.queue, secret)).toEqual([]);
		const logs = stack.queue.logs();
		expect(logs.map((log) => log.name)).toEqual(['main', 'webhook-1', 'worker-1', 'worker-2']);
		for (const log of logs) {
			expect(log.text.length).toBeGreaterThan(0);
			expect({ log: log.name, leaks: log.text.includes(secret) }).toEqual({
				log: log.name,
				leaks: false,
			});
		}
	});
});
