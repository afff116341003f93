// The AloVoice Trigger inside a real n8n 2.40.7: events posted to the production URLs the
// way the PBX posts them, under load (1,000 call pairs, 50 at a time) and with bad input.
import { ALOVOICE_TOKEN } from '../server/alovoice';
import { AloVoiceTrigger } from '../../dist/nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { runLoad } from '../../scripts/lib/load';
import { executionCounts, executionRunData, listExecutions, nodeOutput, startStack, waitFor, waitForCount, type Stack } from './stack';
import { callEndFields, callStartFields, malformedRequests, pbxBody, triggerWorkflow, type EventKind } from './triggers';

// The workflows are built at typeVersion 1 (chainWorkflow), so from version 1's description.
const description = new AloVoiceTrigger().getNodeType(1).description;
const WORKFLOWS: Record<EventKind, { id: string; name: string }> = {
	callStarted: { id: 'e2eTrigCallStart', name: 'e2e trigger: call started' },
	callEnded: { id: 'e2eTrigCallEnded', name: 'e2e trigger: call ended' },
	callRequestResult: { id: 'e2eTrigCallReqRs', name: 'e2e trigger: call-request result' },
	routeRequest: { id: 'e2eTrigRouteReq1', name: 'e2e trigger: route request' },
};
const KINDS = Object.keys(WORKFLOWS) as EventKind[];
const PAIRS = Number(process.env.E2E_LOAD_PAIRS ?? 1000);
/** Valid CRM call ids: at most 12 digits, or a string of at most 32 characters. */
const CALL_ID = /^(\d{1,12}|[^\s]{1,32})$/;

let stack: Stack;
const urls = {} as Record<EventKind, string>;

beforeAll(async () => {
	// Log level info: at debug, n8n's own logging of 4,000 requests takes CPU the 2-core machine
	// needs to store executions (the token scan at debug level is in n8n.test.ts).
	// N8N_CONCURRENCY_PRODUCTION_LIMIT: without it n8n runs all executions of the burst at once,
	// and on 2 cores some of their SQLite writes waited past typeorm's 60 s write-lock timeout:
	// a clean-clone CI run (2026-11-23) ended with 12 executions "error" and 108 left "running"
	// for good, though every event had been answered. n8n's concurrency control queues
	// executions beyond the limit instead (docs/run-in-n8n.md).
	stack = await startStack(
		KINDS.map((kind) => triggerWorkflow(WORKFLOWS[kind].id, WORKFLOWS[kind].name, description, kind)),
		{ logLevel: 'info', n8nEnv: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '10' } },
	);
	const hooks = stack.n8n.webhooks();
	for (const kind of KINDS) {
		const hook = hooks.find((candidate) => candidate.workflow === WORKFLOWS[kind].name && candidate.method === 'POST');
		if (!hook) throw new Error(`n8n registered no POST webhook for ${kind}: ${JSON.stringify(hooks)}`);
		urls[kind] = hook.url;
	}
}, 20 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

const totalExecutions = () =>
	KINDS.reduce((sum, kind) => sum + Object.values(executionCounts(stack.n8n, WORKFLOWS[kind].id)).reduce((a, b) => a + b, 0), 0);

async function post(url: string, fields: Record<string, unknown>) {
	const { body, headers } = pbxBody(fields);
	const answer = await fetch(url, { method: 'POST', body, headers });
	return { status: answer.status, text: await answer.text() };
}

describe('AloVoice Trigger in a real n8n', () => {
	test('production URLs are unguessable (not just the event name)', () => {
		for (const kind of KINDS) expect(new URL(urls[kind]).pathname).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
	});

	test('call started answers a CRM id at once; call ended with that id answers true; both stored with the id', async () => {
		const started = await post(urls.callStarted, callStartFields(0));
		expect(started.status).toBe(200);
		const callId = started.text.trim();
		expect(callId).toMatch(CALL_ID);
		const ended = await post(urls.callEnded, callEndFields(callId, 0));
		expect(ended).toEqual({ status: 200, text: 'true' });

		for (const kind of ['callStarted', 'callEnded'] as const) {
			const id = WORKFLOWS[kind].id;
			await waitFor(() => executionCounts(stack.n8n, id).success === 1, 20_000, `${kind} execution`);
			const [execution] = await listExecutions(stack.n8n, id);
			const { status, runData } = await executionRunData(stack.n8n, execution.id);
			expect(status).toBe('success');
			const [item] = nodeOutput(runData, 'AloVoice Trigger');
			expect(JSON.stringify(item)).toContain(callId);
		}
	});

	test(`load: ${PAIRS} call-started + call-ended pairs at 50 concurrent requests, one successful execution per event`, async () => {
		const { n8n } = stack;
		const before = {
			started: executionCounts(n8n, WORKFLOWS.callStarted.id).success ?? 0,
			ended: executionCounts(n8n, WORKFLOWS.callEnded.id).success ?? 0,
		};
		const ids = new Set<string>();
		const result = await runLoad(PAIRS, 50, async (index) => {
			const started = await post(urls.callStarted, callStartFields(index + 1));
			if (started.status !== 200 || !CALL_ID.test(started.text.trim())) {
				throw new Error(`call started #${index}: ${started.status} ${started.text}`);
			}
			const callId = started.text.trim();
			ids.add(callId);
			const ended = await post(urls.callEnded, callEndFields(callId, index + 1));
			if (ended.status !== 200 || ended.text !== 'true') throw new Error(`call ended #${index}: ${ended.status} ${ended.text}`);
		});
		process.stderr.write(`[e2e] load: ${JSON.stringify(result)} (each request a pair)\n`);
		expect(ids.size).toBe(PAIRS);

		// Every event was answered before its execution ran; n8n then stores the 2,000 executions at
		// SQLite's pace on this machine, so the wait lasts while the count keeps growing.
		const stored = () =>
			(executionCounts(n8n, WORKFLOWS.callStarted.id).success ?? 0) -
			before.started +
			(executionCounts(n8n, WORKFLOWS.callEnded.id).success ?? 0) -
			before.ended;
		const storing = await waitForCount(stored, 2 * PAIRS, 120_000, 'successful executions stored', () =>
			JSON.stringify({ started: executionCounts(n8n, WORKFLOWS.callStarted.id), ended: executionCounts(n8n, WORKFLOWS.callEnded.id) }),
		);
		process.stderr.write(`[e2e] load: all ${2 * PAIRS} executions stored ${storing} s after the last answer\n`);
		// Exactly: nothing failed, nothing ran twice.
		expect(executionCounts(n8n, WORKFLOWS.callStarted.id)).toEqual({ success: before.started + PAIRS });
		expect(executionCounts(n8n, WORKFLOWS.callEnded.id)).toEqual({ success: before.ended + PAIRS });
		expect(await n8n.healthy()).toBe(true);
	}, 15 * 60 * 1000);

	test.each(KINDS)('bad input: 220 malformed requests to the %s URL all get a 4xx and start nothing', async (kind) => {
		const before = totalExecutions();
		const statuses = new Map<string, Set<number>>();
		for (const request of malformedRequests()) {
			const answer = await fetch(urls[kind], request.init);
			await answer.arrayBuffer();
			statuses.set(request.label, (statuses.get(request.label) ?? new Set()).add(answer.status));
		}
		const outside = [...statuses].filter(([, codes]) => [...codes].some((code) => code < 400 || code > 499));
		expect(outside.map(([label, codes]) => `${label}: ${[...codes].join(',')}`)).toEqual([]);
		// Give n8n time to store anything it might have started, then check it started nothing.
		await new Promise((done) => setTimeout(done, 2000));
		expect(totalExecutions()).toBe(before);
		expect(await stack.n8n.healthy()).toBe(true);
	}, 10 * 60 * 1000);

	test("the token is nowhere in the executions' data or n8n's log", () => {
		const { n8n } = stack;
		const leaks = n8n.sql('SELECT executionId FROM execution_data WHERE instr(data, ?) > 0 OR instr(workflowData, ?) > 0', [
			ALOVOICE_TOKEN,
			ALOVOICE_TOKEN,
		]);
		expect(leaks).toEqual([]);
		expect(n8n.log().includes(ALOVOICE_TOKEN)).toBe(false);
	});
});
