// The lower end of the supported range (README, "Install in n8n"): the package loaded into the
// OLDEST n8n it supports (scripts/lib/n8n.ts OLDEST_N8N: 1.85.3 on Node 22), one action and one
// trigger event run there as in the 2.40.7 suite: an AloVoice Line → Get Many behind a Webhook,
// and an AloVoice Trigger call-ended event, each answered and stored as a successful execution.
import { randomUUID } from 'node:crypto';

import { ALOVOICE_TOKEN, AloVoiceServer } from '../server/alovoice';
import {
	CREDENTIAL,
	N8nInstance,
	OLDEST_N8N,
	buildPackage,
	ensureRelease,
	standInCredential,
} from '../../scripts/lib/n8n';
import { triggerWorkflow } from './triggers';
import { AloVoiceTrigger } from '../../dist/nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { executionCounts, waitFor, type Workflow } from './stack';

const log = (line: string) => process.stderr.write(`[n8n ${OLDEST_N8N.n8n}] ${line}\n`);

const ACTION: Workflow = {
	id: 'e2eOldestAction01',
	name: 'e2e oldest action',
	nodes: [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path: 'e2e-oldest-action',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: 'Action',
			type: 'n8n-nodes-alovoice.aloVoice',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'line', operation: 'getMany', returnAll: true },
			credentials: { aloVoiceApi: CREDENTIAL },
		},
	],
	connections: { Webhook: { main: [[{ node: 'Action', type: 'main', index: 0 }]] } },
};
const TRIGGER = triggerWorkflow(
	'e2eOldestTrigger1',
	'e2e oldest call ended',
	new AloVoiceTrigger().getNodeType(1).description,
	'callEnded',
);

let n8n: N8nInstance;
const standIn = new AloVoiceServer();

beforeAll(
	async () => {
		if (process.env.E2E_SKIP_BUILD !== '1') buildPackage(log);
		const install = ensureRelease(log, OLDEST_N8N);
		const baseUrl = await standIn.start();
		n8n = new N8nInstance({
			install,
			log,
			logLevel: 'debug',
			keepUserFolder: process.env.E2E_KEEP === '1',
		});
		try {
			await n8n.allocatePorts();
			n8n.installPackage();
			n8n.importCredentials(standInCredential(baseUrl, ALOVOICE_TOKEN));
			n8n.importWorkflows([ACTION, TRIGGER]);
			await n8n.start();
			await n8n.setupOwner();
			await waitFor(() => n8n.webhooks().length >= 2, 60_000, "both workflows' webhooks");
		} catch (error) {
			const tail = n8n.log().split('\n').slice(-60).join('\n');
			await n8n.stop();
			throw new Error(`${(error as Error).message}\n--- n8n log tail ---\n${tail}`);
		}
	},
	30 * 60 * 1000,
);

afterAll(async () => {
	await n8n?.stop();
	n8n?.removeUserFolder();
	await standIn.stop();
}, 60 * 1000);

describe(`the package in the oldest supported n8n (${OLDEST_N8N.n8n})`, () => {
	test('it is that n8n, and it loaded the package (no "failed to load" for it in the log)', () => {
		expect(n8n.n8nVersion()).toBe(OLDEST_N8N.n8n);
		const logText = n8n.log();
		expect(logText).toMatch(/Loaded all credentials and nodes from n8n-nodes-alovoice/);
		expect(logText).not.toMatch(/(error|failed)[^\n]*n8n-nodes-alovoice/i);
	});

	test('an action: AloVoice Line → Get Many answers the lines and is stored as a success', async () => {
		standIn.reset();
		const answer = await fetch(`${n8n.baseUrl}/webhook/e2e-oldest-action`, { method: 'POST' });
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual([{ line: '551234567' }, { line: '712345678' }]);
		expect(
			standIn.requests.map((request) => [request.path, request.headers.authorization]),
		).toEqual([['/mapi/getMyTrunks', `Bearer ${ALOVOICE_TOKEN}`]]);
		await waitFor(
			() => executionCounts(n8n, ACTION.id).success === 1,
			20_000,
			'the stored action execution',
		);
	});

	test('a trigger event: AloVoice call ended answers true and starts one successful execution with the event', async () => {
		const hook = n8n
			.webhooks()
			.find((candidate) => candidate.workflow === TRIGGER.name && candidate.method === 'POST');
		expect(hook).toBeDefined();
		const answer = await fetch(hook!.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				call_id: 'oldest-77',
				finish_time: 1745572524,
				duration: 60,
				status_code: 200,
				record: 'https://cld.alovoice.uz/records/77.mp3',
			}),
		});
		expect([answer.status, await answer.text()]).toEqual([200, 'true']);
		await waitFor(
			() => executionCounts(n8n, TRIGGER.id).success === 1,
			20_000,
			'the stored trigger execution',
		);
		const rows = n8n.sql<{ found: number }>(
			'SELECT COUNT(*) AS found FROM execution_data d JOIN execution_entity e ON e.id = d.executionId WHERE e.workflowId = ? AND instr(d.data, ?) > 0',
			[TRIGGER.id, 'oldest-77'],
		);
		expect(rows[0].found).toBe(1);
	});

	test("the token is nowhere in the executions' data or the log", () => {
		const leaks = n8n.sql(
			'SELECT executionId FROM execution_data WHERE instr(data, ?) > 0 OR instr(workflowData, ?) > 0',
			[ALOVOICE_TOKEN, ALOVOICE_TOKEN],
		);
		expect(leaks).toEqual([]);
		expect(n8n.log().includes(ALOVOICE_TOKEN)).toBe(false);
	});
});
