// The Telediscount Trigger: GET with query parameters as Telediscount sends them, and POST.
import { capturedLogs, safeStringify } from '../../harness/engine';
import { exampleItems, examples, sendTelediscountEvent } from '../../server/pbxSide';
import { CREDENTIALS, SECRETS, TD_TRIGGER, host, itemsOf } from '../triggers';

const TYPE = 'n8n-nodes-alovoice.telediscountTrigger';
const tdHost = async (parameters: Record<string, unknown>) =>
	await host(parameters as never, [], TYPE);

const START = exampleItems.telediscountStart;

describe('Telediscount Trigger', () => {
	it.each([
		['GET query', 'GET', undefined, 'query'],
		['POST form', 'POST', 'form', 'formFields'],
		['POST JSON', 'POST', 'json', 'json'],
		['POST with the fields in the query', 'POST', 'query', 'query'],
	] as const)('incoming call started via %s', async (_label, method, as, receivedAs) => {
		const workflow = await tdHost({ event: 'callStarted' });
		const answer = await sendTelediscountEvent(workflow.url, examples.telediscountStart, {
			method,
			as,
		});
		expect([answer.status, answer.body]).toEqual([200, 'OK']);
		expect(await itemsOf(workflow, TD_TRIGGER)).toEqual([
			{ ...START, receivedAs, raw: examples.telediscountStart },
		]);
	});

	it.each(['GET', 'POST'] as const)(
		'call finished via %s: seconds as numbers, answered flag, price',
		async (method) => {
			const workflow = await tdHost({ event: 'callEnded' });
			const answer = await sendTelediscountEvent(workflow.url, examples.telediscountEnd, {
				method,
			});
			expect(answer.status).toBe(200);
			expect(await itemsOf(workflow, TD_TRIGGER)).toEqual([
				{
					...exampleItems.telediscountEnd,
					receivedAs: method === 'GET' ? 'query' : 'formFields',
					raw: examples.telediscountEnd,
				},
			]);
		},
	);

	it('a finished call with no talk time is not answered', async () => {
		const workflow = await tdHost({ event: 'callEnded' });
		await sendTelediscountEvent(workflow.url, { ...examples.telediscountEnd, connection_time: 0 });
		const [item] = await itemsOf(workflow, TD_TRIGGER);
		expect([item.answered, item.connectionTime]).toEqual([false, 0]);
	});

	it.each([
		[
			'header secret',
			'headerAuth',
			{ headers: { 'X-PBX-Secret': CREDENTIALS.aloVoiceTriggerHeaderAuthApi.secret } },
			{ headers: { 'X-PBX-Secret': 'nope' } },
		],
		[
			'query secret',
			'queryAuth',
			{ query: { key: CREDENTIALS.aloVoiceTriggerQueryAuthApi.secret } },
			{ query: { key: 'nope' } },
		],
		[
			'basic auth',
			'basicAuth',
			{
				headers: {
					authorization: `Basic ${Buffer.from('pbx:basic-pass-55e0aa').toString('base64')}`,
				},
			},
			{ headers: { authorization: 'Basic bm9wZTpub3Bl' } },
		],
	] as const)(
		'%s: accepted with it, 401 without, and the secret is in no item or log',
		async (_label, authentication, good, bad) => {
			const workflow = await tdHost({ event: 'callStarted', authentication });
			const ok = await sendTelediscountEvent(workflow.url, examples.telediscountStart, good);
			const wrong = await sendTelediscountEvent(workflow.url, examples.telediscountStart, bad);
			const none = await sendTelediscountEvent(workflow.url, examples.telediscountStart);
			expect([ok.status, wrong.status, none.status]).toEqual([200, 401, 401]);
			const items = await itemsOf(workflow, TD_TRIGGER);
			expect(items).toHaveLength(1);
			expect(items[0].raw).toEqual(examples.telediscountStart);
			const seen = safeStringify({
				runs: workflow.executions.map((run) => run.serialized),
				logs: capturedLogs,
				wrong,
				none,
			});
			for (const secret of SECRETS) expect(seen).not.toContain(secret);
		},
	);

	it.each([
		['127.0.0.1/32', 200],
		['203.0.113.0/24', 403],
	])('IP allowlist %s → %s', async (ipAllowlist, status) => {
		const workflow = await tdHost({ event: 'callStarted', options: { ipAllowlist } });
		expect((await sendTelediscountEvent(workflow.url, examples.telediscountStart)).status).toBe(
			status,
		);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(status === 200 ? 1 : 0);
	});

	// Only requests without an event are refused; odd values are accepted (test/engine/AloVoiceTrigger/oddEvents.test.ts).
	const bad: Array<[string, string, Record<string, string | number>, number]> = [
		['callStarted', 'no parameters at all', {}, 400],
		['callStarted', 'only unrelated parameters', { utm: 'x', page: '2' }, 400],
		['callEnded', 'no parameters at all', {}, 400],
		['callEnded', 'only unrelated parameters', { foo: 'bar' }, 400],
	];
	it.each(bad)('%s: %s → %s and nothing starts', async (event, _label, fields, status) => {
		const workflow = await tdHost({ event });
		const answer = await sendTelediscountEvent(workflow.url, fields);
		expect(answer.status).toBe(status);
		expect(answer.json).toEqual({ error: expect.any(String) });
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it('a POST with a body that is not an event is refused', async () => {
		const workflow = await tdHost({ event: 'callStarted' });
		const response = await fetch(workflow.url, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'ring ring',
		});
		expect(response.status).toBe(400);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});
});
