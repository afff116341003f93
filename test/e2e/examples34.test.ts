// Examples 3 and 4 of examples/ imported and published in a real n8n 2.40.7, driven through
// their production URLs against the stand-in PBX: what they answer, what the stand-in received,
// and what they leave in n8n's data tables.
import { dataTableRows } from '../../scripts/lib/n8n';
import { TAGS } from '../server/alovoice';
import { examples } from '../server/pbxSide';
import {
	executionCounts,
	executionRunData,
	listExecutions,
	nodeOutput,
	startStack,
	waitFor,
	type Stack,
} from './stack';
import { pbxBody } from './triggers';

const CAMPAIGN_WORKFLOW = 'AloVoiceExCamp01';
const ANALYSIS_WORKFLOW = 'AloVoiceExAnal01';

let stack: Stack;

beforeAll(
	async () => {
		stack = await startStack([]);
		// n8n 2.40.7 publishes imported workflows through an outbox after start-up: wait for both.
		await waitFor(
			() => {
				const names = stack.n8n.webhooks().map((hook) => hook.workflow);
				return [/example 3/, /example 4/].every((name) =>
					names.some((workflow) => name.test(workflow)),
				);
			},
			60_000,
			'examples 3 and 4 published',
		);
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

function url(workflowName: RegExp, node: string) {
	const hook = stack.n8n
		.webhooks()
		.find((candidate) => workflowName.test(candidate.workflow) && candidate.node === node);
	if (!hook) throw new Error(`no webhook for ${node} in ${workflowName}`);
	return hook.url;
}

describe('example 3: an autodial campaign from a CSV of clients, and its status', () => {
	test('the uploaded CSV and MP3 become one campaign on the PBX; the answer is its status', async () => {
		const form = new FormData();
		form.set('name', 'Spring promo');
		form.set('from', '2026.12.01');
		form.set('to', '2026.12.07');
		const csv = 'phone,name\n998901234567,Aziz\n998907654321,Dilnoza\n';
		form.set('clients', new Blob([csv], { type: 'text/csv' }), 'clients.csv');
		const mp3 = Buffer.concat([
			Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'),
			Buffer.from('promo message'),
		]);
		form.set('message', new Blob([mp3], { type: 'audio/mpeg' }), 'promo.mp3');

		const answer = await fetch(url(/example 3/, 'Upload clients and message'), {
			method: 'POST',
			body: form,
		});
		const text = await answer.text();
		expect({ status: answer.status, text }).toMatchObject({ status: 200 });
		const status = JSON.parse(text) as Record<string, unknown>;
		expect(status).toMatchObject({
			id: 123,
			name: 'Spring promo',
			status: 'new',
			from: '2026-12-01',
			to: '2026-12-07',
		});

		// The PBX got exactly one campaign, with the uploaded list and message.
		expect([...stack.standIn.state.campaigns.keys()]).toEqual([123]);
		const created = stack.standIn.state.campaigns.get(123)!;
		expect(created).toMatchObject({
			name: 'Spring promo',
			trunks: ['712345678'],
			fromtime: '09:00:00',
			totime: '20:00:59',
		});
		expect(created.record).toBe(`/play/${mp3.toString('hex').slice(0, 32)}`);
		const posted = stack.standIn.requests.filter(
			(request) => request.method === 'POST' && request.files?.recipients,
		);
		expect(posted).toHaveLength(1);
		expect(Buffer.from(posted[0].files.recipients.content).toString()).toBe(csv);
		expect(Buffer.from(posted[0].files.record.content).equals(mp3)).toBe(true);

		await waitFor(
			() => executionCounts(stack.n8n, CAMPAIGN_WORKFLOW).success === 1,
			20_000,
			'the stored execution',
		);
		expect(executionCounts(stack.n8n, CAMPAIGN_WORKFLOW)).toEqual({ success: 1 });
		const [execution] = await listExecutions(stack.n8n, CAMPAIGN_WORKFLOW);
		const { runData } = await executionRunData(stack.n8n, execution.id);
		expect(nodeOutput(runData, 'Create the campaign')).toHaveLength(1);
		expect(nodeOutput(runData, 'Campaign status')).toEqual([status]);
	});
});

describe('example 4: analyze each answered call, flag a missing greeting', () => {
	const callEnded = async (callId: string, statusCode: number) => {
		const { body, headers } = pbxBody({
			...examples.callEnd,
			call_id: callId,
			status_code: statusCode,
		});
		const answer = await fetch(url(/example 4/, 'Call ended'), { method: 'POST', body, headers });
		return { status: answer.status, text: await answer.text() };
	};
	const runs = () => executionCounts(stack.n8n, ANALYSIS_WORKFLOW).success ?? 0;

	test('an unanswered call is not sent to analysis', async () => {
		expect(await callEnded('1001', 486)).toEqual({ status: 200, text: 'true' });
		await waitFor(() => runs() === 1, 20_000, 'the execution');
		expect(stack.standIn.state.analyses.has('1001')).toBe(false);
		expect(await dataTableRows(stack.n8n, 'AloVoice flagged calls')).toEqual([]);
	});

	test('an answered call with a greeting is analyzed and not flagged', async () => {
		expect(await callEnded('1002', 200)).toEqual({ status: 200, text: 'true' });
		await waitFor(() => runs() === 2, 30_000, 'the execution');
		expect(stack.standIn.state.analyses.has('1002')).toBe(true);
		const [latest] = await listExecutions(stack.n8n, ANALYSIS_WORKFLOW);
		const { runData } = await executionRunData(stack.n8n, latest.id);
		expect(nodeOutput(runData, 'Get the result')[0]).toMatchObject({
			callId: '1002',
			ready: true,
			tagNamesMatched: ['Greeting'],
		});
		expect(runData['Flag the call']).toBeUndefined();
		expect(await dataTableRows(stack.n8n, 'AloVoice flagged calls')).toEqual([]);
	});

	test('an answered call whose tags show no greeting is flagged in the data table', async () => {
		const greeting = TAGS[0];
		const saved = greeting.value;
		greeting.value = '';
		try {
			expect(await callEnded('1003', 200)).toEqual({ status: 200, text: 'true' });
			await waitFor(() => runs() === 3, 30_000, 'the execution');
		} finally {
			greeting.value = saved;
		}
		const rows = await dataTableRows(stack.n8n, 'AloVoice flagged calls');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			callId: '1003',
			reason: 'No greeting',
			missingTags: 'Greeting, No company introduction',
		});
		expect(executionCounts(stack.n8n, ANALYSIS_WORKFLOW)).toEqual({ success: 3 });
	});
});
