// The AloVoice Answer node in a real n8n 2.40.7, through the trigger's production URL: the PBX
// gets the node's answer while the workflow goes on (a Wait and a Set after it), and an answer
// sent twice. What the PBX gets when the node refuses its action, is never reached or answers too
// late (the fallback): routes.test.ts.
import { examples, sendEvent } from '../server/pbxSide';
import {
	executionCounts,
	executionRunData,
	listExecutions,
	nodeOutput,
	startStack,
	waitFor,
	type Stack,
	type Workflow,
} from './stack';
import {
	ALOVOICE_TRIGGER,
	OWN_CALL_ID,
	aloVoiceAnswerNode,
	chainWorkflow,
	setNode,
	waitNode,
	workflowRoute,
	type ChainNode,
} from './triggers';

const FALLBACK = { action_type: 'ivr', action_data: '7777' };
const routeTrigger = (answerTimeout = 3) => workflowRoute('responseNode', FALLBACK, answerTimeout);
const startTrigger = (answerTimeout = 3) => ({
	event: 'callStarted',
	callStartAnswer: 'responseNode',
	answerTimeout,
});

const workflow = (id: string, trigger: Record<string, unknown>, chain: ChainNode[]): Workflow =>
	chainWorkflow(id, `e2e answer node: ${id}`, { ...ALOVOICE_TRIGGER, parameters: trigger }, chain);

const W = {
	route: workflow('e2eAnswerRoute1', routeTrigger(), [
		aloVoiceAnswerNode('Answer PBX', {
			answer: 'routeRequest',
			actionType: 'queue',
			actionData: '={{ $json.queueNumber }}',
		}),
		waitNode('Slow CRM', 2),
		setNode('CRM row', {
			caller: '={{ $json.fromNumberE164 }}',
			routedTo: "={{ $('Answer PBX').item.json.pbxAnswer.action_data }}",
		}),
	]),
	twice: workflow('e2eAnswerTwice1', routeTrigger(), [
		aloVoiceAnswerNode('First', { answer: 'routeRequest', actionType: 'peer', actionData: '2000' }),
		aloVoiceAnswerNode('Second', {
			answer: 'routeRequest',
			actionType: 'trunk',
			actionData: '998712037006',
		}),
	]),
	start: workflow('e2eAnswerStart1', startTrigger(), [
		aloVoiceAnswerNode('Answer PBX', {
			answer: 'callStarted',
			callId: '=crm-{{ $json.innerPhone }}',
			callTo: '99 123 45 67',
		}),
		setNode('CRM row', { crmId: '=crm-{{ $json.innerPhone }}' }),
	]),
	startPlain: workflow('e2eAnswerStart2', startTrigger(), [
		aloVoiceAnswerNode('Answer PBX', { answer: 'callStarted', callId: '={{ 4711 }}', callTo: '' }),
	]),
	startBad: workflow('e2eAnswerStart3', startTrigger(), [
		aloVoiceAnswerNode('Answer PBX', { answer: 'callStarted', callId: 'crm-1', callTo: 'manager' }),
	]),
};

let stack: Stack;
const urls = {} as Record<keyof typeof W, string>;

beforeAll(
	async () => {
		stack = await startStack(Object.values(W));
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

describe('AloVoice Answer in a real n8n: route request', () => {
	test('the PBX gets the answer before the workflow goes on; the rest of the workflow runs', async () => {
		const started = Date.now();
		const got = await sendEvent(urls.route, examples.routeRequest);
		expect({ status: got.status, json: got.json }).toEqual({
			status: 200,
			json: { action_type: 'queue', action_data: '6000' },
		});
		// Answered before the 2 s Wait after the node.
		expect(Date.now() - started).toBeLessThan(1900);
		const { runData } = await onlyExecution(W.route.id, 'success');
		expect(nodeOutput(runData, 'Answer PBX')[0]).toMatchObject({
			fromNumber: '974244100',
			pbxAnswer: { sent: true, action_type: 'queue', action_data: '6000' },
		});
		expect(nodeOutput(runData, 'CRM row')).toEqual([{ caller: '+998974244100', routedTo: '6000' }]);
	});

	test('answered twice: the first answer reaches the PBX, the second node sends nothing and says so', async () => {
		const got = await sendEvent(urls.twice, examples.routeRequest);
		expect(got.json).toEqual({ action_type: 'peer', action_data: '2000' });
		const { runData } = await onlyExecution(W.twice.id, 'success');
		expect(nodeOutput(runData, 'Second')[0]).toMatchObject({
			pbxAnswer: {
				sent: false,
				reason:
					'the PBX was already answered in this execution by "First"; this answer was not sent',
			},
		});
	});
});

describe('AloVoice Answer in a real n8n: call started', () => {
	test('an ID with callto goes out as JSON; the workflow goes on', async () => {
		const got = await sendEvent(urls.start, examples.callStart);
		expect([got.status, got.body]).toEqual([200, '{"id":"crm-2000","callto":"991234567"}']);
		const { runData } = await onlyExecution(W.start.id, 'success');
		expect(nodeOutput(runData, 'CRM row')).toEqual([{ crmId: 'crm-2000' }]);
	});

	test('an ID alone goes out as plain text', async () => {
		const got = await sendEvent(urls.startPlain, examples.callStart);
		expect([got.status, got.contentType, got.body]).toEqual([
			200,
			'text/plain; charset=utf-8',
			'4711',
		]);
	});

	test('a callto that is not a number: nothing sent by the node, the trigger answers its own ID', async () => {
		const got = await sendEvent(urls.startBad, examples.callStart);
		expect(got.status).toBe(200);
		expect(got.body).toMatch(OWN_CALL_ID);
		const { runData } = await onlyExecution(W.startBad.id, 'error');
		expect(nodeOutput(runData, 'AloVoice Trigger')[0]).toMatchObject({ fallbackCallId: got.body });
		expect(JSON.stringify(runData['Answer PBX'])).toContain('Forward To (callto)');
	});
});
