// "A new PBX is one folder": a made-up third PBX (test/fixtures/ThirdPbxTrigger/) built from
// nodes/shared/ alone, loaded as a node type in the engine harness and run: an event that is
// acknowledged, one the workflow answers through the shared guard, the shared security checks,
// and activation with the provider's own hook.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { registerNodeType } from '../harness/engine';
import { activateTrigger, hostWorkflow, type HostedWorkflow } from '../harness/webhook';
import { ThirdPbxTrigger } from '../fixtures/ThirdPbxTrigger/ThirdPbxTrigger.node';
import { OPERATOR } from '../fixtures/ThirdPbxTrigger/events/whereTo.event';
import { CREDENTIALS, respondNode } from '../engine/triggers';

registerNodeType(new ThirdPbxTrigger());

const TYPE = 'n8n-nodes-alovoice.thirdPbxTrigger';
const NAME = 'Third PBX Trigger';
const FIXTURE = join(__dirname, '..', 'fixtures', 'ThirdPbxTrigger');

const hosted: HostedWorkflow[] = [];
afterEach(async () => {
	await Promise.all(hosted.splice(0).map(async (host) => await host.close()));
});

async function host(parameters: Record<string, unknown>, next = [respondNode({ body: '{}' })]) {
	const workflow = await hostWorkflow({
		trigger: {
			name: NAME,
			type: TYPE,
			parameters: parameters as never,
			credentials: { aloVoiceTriggerHeaderAuthApi: { id: 'h', name: 'Header' } },
		},
		next,
		credentials: CREDENTIALS as never,
	});
	hosted.push(workflow);
	return workflow;
}

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
};

const items = async (workflow: HostedWorkflow) => {
	await workflow.settled();
	return workflow.executions.flatMap((run) => run.output(NAME).map((item) => item.json));
};

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sources(path) : [path];
	});
}

describe('a third PBX built from nodes/shared/ alone', () => {
	it("imports nothing from another provider's folder", () => {
		const nodes = resolve(__dirname, '..', '..', 'nodes');
		for (const file of sources(FIXTURE)) {
			const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
			for (const path of imports.filter((p) => p.startsWith('.'))) {
				const target = resolve(join(file, '..'), path);
				const inNodes = relative(nodes, target);
				if (!inNodes.startsWith('..'))
					expect([file, inNodes]).toEqual([file, expect.stringMatching(/^shared\//)]);
				else expect(target.startsWith(FIXTURE)).toBe(true);
			}
		}
	});

	it('an event acknowledged at once becomes an item from the shared field reader', async () => {
		const workflow = await host({ event: 'callRang' }, []);
		const answer = await post(workflow.url, {
			caller: '030 1234567',
			callee: '301234567',
			rang_at: 1764756000,
			call_ref: 'r-1',
		});
		expect(answer).toEqual({ status: 200, body: 'ACK' });
		expect(await items(workflow)).toEqual([
			expect.objectContaining({
				event: 'callRang',
				callRef: 'r-1',
				caller: '030 1234567',
				callerWithheld: false,
				calleeE164: '+49301234567',
				rangAtIso: '2025-12-03T10:00:00.000Z',
				warnings: [],
				receivedAs: 'json',
			}),
		]);
	});

	it('a body with none of its fields is refused with 400, as for every trigger', async () => {
		const workflow = await host({ event: 'callRang' }, []);
		const answer = await post(workflow.url, { unrelated: 1 });
		expect(answer.status).toBe(400);
		expect(await items(workflow)).toEqual([]);
	});

	it('the workflow answers through the shared guard; an invalid answer gets the fallback', async () => {
		const valid = await host({ event: 'whereTo' }, [respondNode({ body: '{"ring":"204"}' })]);
		expect(await post(valid.url, { caller: '301234567', dialled: '200' })).toEqual({
			status: 200,
			body: '{"ring":"204"}',
		});
		const invalid = await host({ event: 'whereTo' }, [respondNode({ body: '{"ring":"boss"}' })]);
		expect(await post(invalid.url, { caller: '301234567', dialled: '200' })).toEqual({
			status: 200,
			body: JSON.stringify(OPERATOR),
		});
	});

	it('the shared security checks guard it: a wrong header secret is refused with 401', async () => {
		const workflow = await host({ event: 'callRang', authentication: 'headerAuth' }, []);
		const wrong = await post(workflow.url, { caller: '1' }, { 'X-PBX-Secret': 'nope' });
		expect(wrong.status).toBe(401);
		const right = await post(
			workflow.url,
			{ caller: '1' },
			{ 'X-PBX-Secret': CREDENTIALS.aloVoiceTriggerHeaderAuthApi.secret },
		);
		expect(right.status).toBe(200);
	});

	it("activation runs the shared checks and the provider's own hook", async () => {
		const trigger = (parameters: Record<string, unknown>) => ({
			name: NAME,
			type: TYPE,
			parameters: parameters as never,
		});
		await expect(activateTrigger(trigger({ event: 'callRang' }))).resolves.toBeDefined();
		await expect(
			activateTrigger(trigger({ event: 'whereTo', timeoutMs: 0, options: { ipAllowlist: 'x' } })),
		).rejects.toThrow(
			/^Third PBX Trigger cannot be activated: 1\. IP Allowlist: .* 2\. Timeout \(ms\): must be between 1 and 2000, got 0\.$/,
		);
	});
});
