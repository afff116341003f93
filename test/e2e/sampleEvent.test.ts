// examples/00-send-sample-event.json ("Send a sample PBX event") in a real n8n 2.40.7, used as
// the README says: a trigger workflow listens for a test event (a manual run through n8n's
// REST API, what "Listen for test event" does), the example runs by hand in a second workflow
// with the trigger's Test URL pasted in, and the trigger's execution gets the sample's item.
// Once for an AloVoice event (POST JSON) and once for a Telediscount event (GET query).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_ROOT } from '../../scripts/lib/n8n';
import { exampleItems, examples } from '../server/pbxSide';
import {
	executionRunData,
	listExecutions,
	nodeItems,
	nodeOutput,
	startStack,
	waitFor,
	type Stack,
	type Workflow,
} from './stack';
import { OWN_CALL_ID } from './triggers';

type Node = { name: string; type: string; parameters: Record<string, unknown> } & Record<
	string,
	unknown
>;
const EXAMPLE = JSON.parse(
	readFileSync(join(PACKAGE_ROOT, 'examples', '00-send-sample-event.json'), 'utf8'),
) as Omit<Workflow, 'nodes'> & { nodes: Node[] };

let stack: Stack;

beforeAll(
	async () => {
		stack = await startStack([]);
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

/** A saved, unpublished workflow with one trigger node, as a user builds it. */
async function createTriggerWorkflow(type: string, event: string) {
	const webhookId = randomUUID();
	const name = type.endsWith('telediscountTrigger') ? 'Telediscount Trigger' : 'AloVoice Trigger';
	const workflow = await stack.n8n.rest<{ id: string }>('/workflows', {
		method: 'POST',
		body: JSON.stringify({
			name: `e2e sample target ${event} ${webhookId.slice(0, 8)}`,
			nodes: [
				{
					id: randomUUID(),
					name,
					type,
					typeVersion: 2,
					position: [0, 0],
					webhookId,
					parameters: { event },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		}),
	});
	return {
		id: workflow.id,
		name,
		testUrl: `${stack.n8n.baseUrl}/webhook-test/${webhookId}/webhook`,
	};
}

/** The example with the Test URL and the event filled in, saved as the user's copy. */
async function createSender(testUrl: string, event: string) {
	const nodes = EXAMPLE.nodes.map((node) => {
		if (node.name !== 'Test URL and event') return node;
		const assignments = (
			node.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
		).assignments.map((assignment) =>
			assignment.name === 'testUrl'
				? { ...assignment, value: testUrl }
				: assignment.name === 'event'
					? { ...assignment, value: event }
					: assignment,
		);
		return { ...node, parameters: { ...node.parameters, assignments: { assignments } } };
	});
	const workflow = await stack.n8n.rest<{ id: string }>('/workflows', {
		method: 'POST',
		body: JSON.stringify({
			name: `e2e sample sender ${event}`,
			nodes,
			connections: EXAMPLE.connections,
			settings: { executionOrder: 'v1' },
		}),
	});
	return workflow.id;
}

/** Runs a workflow by hand from `node`, as the editor's Execute button does. */
async function runManually(workflowId: string, node: string) {
	return await stack.n8n.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
		`/workflows/${workflowId}/run`,
		{ method: 'POST', body: JSON.stringify({ triggerToStartFrom: { name: node } }) },
	);
}

async function onlyExecution(workflowId: string) {
	await waitFor(
		async () => (await listExecutions(stack.n8n, workflowId)).some((e) => e.status !== 'running'),
		60_000,
		`an execution of ${workflowId}`,
	);
	const executions = await listExecutions(stack.n8n, workflowId);
	expect(executions.map((execution) => [execution.status, execution.mode])).toEqual([
		['success', 'manual'],
	]);
	return (await executionRunData(stack.n8n, executions[0].id)).runData;
}

async function sendSample(type: string, triggerEvent: string, sampleKey: string) {
	const target = await createTriggerWorkflow(type, triggerEvent);
	// "Listen for test event": n8n registers the Test URL and waits.
	expect(await runManually(target.id, target.name)).toEqual({ waitingForWebhook: true });
	const sender = await createSender(target.testUrl, sampleKey);
	const started = await runManually(sender, 'Send it');
	expect(started.executionId).toBeDefined();
	const senderRun = await onlyExecution(sender);
	const targetRun = await onlyExecution(target.id);
	return { senderRun, trigger: nodeItems(targetRun, target.name).map((item) => item.json) };
}

describe('examples/00: Send a sample PBX event', () => {
	test('an AloVoice Call Started sample POSTed as JSON to a listening trigger: its execution has the sample item, the sender shows the answer', async () => {
		const { senderRun, trigger } = await sendSample(
			'n8n-nodes-alovoice.aloVoiceTrigger',
			'callStarted',
			'aloVoiceCallStarted',
		);
		const [answer] = nodeOutput(senderRun, 'POST as AloVoice') as Array<{
			statusCode: number;
			data: string;
		}>;
		expect(answer).toMatchObject({ statusCode: 200, data: expect.stringMatching(OWN_CALL_ID) });
		expect(senderRun['GET as Telediscount']).toBeUndefined();
		expect(trigger).toEqual([
			{
				...exampleItems.callStart,
				receivedAs: 'json',
				raw: examples.callStart,
				callId: answer.data,
				answeredBy: 'node',
			},
		]);
	});

	test('a Telediscount Call Finished sample sent as GET with query parameters: its execution has the sample item', async () => {
		const { senderRun, trigger } = await sendSample(
			'n8n-nodes-alovoice.telediscountTrigger',
			'callEnded',
			'telediscountCallFinished',
		);
		expect(nodeOutput(senderRun, 'GET as Telediscount')).toEqual([
			expect.objectContaining({ statusCode: 200, data: 'OK' }),
		]);
		expect(senderRun['POST as AloVoice']).toBeUndefined();
		expect(trigger).toEqual([
			{ ...exampleItems.telediscountEndV2, receivedAs: 'query', raw: examples.telediscountEnd },
		]);
	});

	test('the example itself is imported and left unpublished (it starts by hand)', async () => {
		const stored = await stack.n8n.rest<{ id: string; active: boolean; nodes: Node[] }>(
			`/workflows/${EXAMPLE.id}`,
		);
		expect(stored.active).toBe(false);
		expect(stored.nodes.map((node) => node.type).sort()).toEqual(
			EXAMPLE.nodes.map((node) => node.type).sort(),
		);
	});
});
