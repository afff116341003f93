// The package inside a real n8n 2.40.7 (SQLite, production webhooks, credential store):
// every action operation run by n8n against the stand-in PBX, then a scan for the token.
import { ALOVOICE_TOKEN } from '../server/alovoice';
import { TELEDISCOUNT_KEY } from '../server/telediscount';
import { AloVoice } from '../../dist/nodes/AloVoice/AloVoice.node';
import { Telediscount } from '../../dist/nodes/Telediscount/Telediscount.node';
import { TELEDISCOUNT_CREDENTIAL } from '../../scripts/lib/n8n';
import {
	ACTION_CASES,
	ACTION_NODE,
	actionPath,
	actionWorkflow,
	actionWorkflowId,
	caseKey,
	offeredOperations,
} from './actions';
import {
	executionCounts,
	executionRunData,
	listExecutions,
	nodeItems,
	nodeOutput,
	startStack,
	waitFor,
	type Stack,
} from './stack';

let stack: Stack;

beforeAll(
	async () => {
		stack = await startStack(ACTION_CASES.map(actionWorkflow));
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

describe('action nodes in a real n8n', () => {
	test('every operation the action nodes offer has an end-to-end case', () => {
		const covered = [...new Set(ACTION_CASES.map(caseKey))].sort();
		const offered = [
			...offeredOperations('aloVoice', new AloVoice().getNodeType(2).description),
			...offeredOperations('telediscount', new Telediscount().getNodeType().description),
		].sort();
		expect(covered).toEqual(offered);
	});

	test.each(
		ACTION_CASES.map((action, index) => [`${caseKey(action)} #${index}`, action, index] as const),
	)(
		'%s: the workflow answers the node output and n8n stores a successful execution',
		async (_name, action, index) => {
			const { n8n } = stack;
			const standIns = { aloVoice: stack.standIn, telediscount: stack.telediscount };
			const expected = action.expected(standIns);
			const answer = await fetch(`${n8n.baseUrl}/webhook/${actionPath(index)}`, { method: 'POST' });
			expect(answer.status).toBe(200);
			expect(await answer.json()).toEqual(expected);
			action.afterwards?.(standIns);

			const workflowId = actionWorkflowId(index);
			await waitFor(
				() => executionCounts(n8n, workflowId).success === 1,
				10_000,
				'the stored execution',
			);
			const [execution] = await listExecutions(n8n, workflowId);
			const { status, runData } = await executionRunData(n8n, execution.id);
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
});

describe("the Telediscount credential's Test button in a real n8n (a function of the node, testedBy)", () => {
	const press = (data: Record<string, string>) =>
		stack.n8n.rest<{ status: string; message: string }>('/credentials/test', {
			method: 'POST',
			body: JSON.stringify({
				credentials: {
					id: TELEDISCOUNT_CREDENTIAL.id,
					name: TELEDISCOUNT_CREDENTIAL.name,
					type: 'telediscountApi',
					data,
				},
			}),
		});

	test('the right key passes; a 200 {"error": …} refusal and a wrong key fail with what Telediscount said', async () => {
		const { telediscount } = stack;
		telediscount.reset();
		expect(await press({ apiKey: TELEDISCOUNT_KEY, baseUrl: telediscount.url })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(telediscount.requests.map((request) => request.query)).toEqual([
			{ api_call_id: 'n8n-credential-test', abonent_api_key: TELEDISCOUNT_KEY },
		]);

		telediscount.fail({ status: 200, body: { error: 'Unknown abonent_api_key' }, times: 1 });
		expect(await press({ apiKey: TELEDISCOUNT_KEY, baseUrl: telediscount.url })).toEqual({
			status: 'Error',
			message:
				'Telediscount refused the API key: Unknown abonent_api_key; copy it again from the "CRM integration" page of the Telediscount account',
		});
		expect(await press({ apiKey: 'abonentWRONG0000ffffeeee', baseUrl: telediscount.url })).toEqual({
			status: 'Error',
			message:
				'Telediscount refused the API key (401): copy it again from the "CRM integration" page of the Telediscount account',
		});
		telediscount.reset();
	});
});

describe('secrets', () => {
	test.each([
		['AloVoice token', ALOVOICE_TOKEN],
		['Telediscount key', TELEDISCOUNT_KEY],
	])("the %s is nowhere in the executions' data or n8n's log", async (_name, secret) => {
		const { n8n } = stack;
		const [{ executions }] = n8n.sql<{ executions: number }>(
			'SELECT COUNT(*) AS executions FROM execution_data',
		);
		expect(executions).toBeGreaterThan(0);
		const leaks = n8n.sql(
			'SELECT executionId FROM execution_data WHERE instr(data, ?) > 0 OR instr(workflowData, ?) > 0',
			[secret, secret],
		);
		expect(leaks).toEqual([]);
		const log = n8n.log();
		expect(log.length).toBeGreaterThan(0);
		expect(log.includes(secret)).toBe(false);
	});

	test('n8n is still healthy', async () => {
		expect(await stack.n8n.healthy()).toBe(true);
	});
});
