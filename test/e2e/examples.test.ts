// The example workflows of examples/ imported, published and driven the way the PBX drives
// them, in a real n8n 2.40.7: what they answer and what they leave in n8n's data tables.
import { dataTableRows } from '../../scripts/lib/n8n';
import { executionCounts, startStack, waitFor, type Stack } from './stack';
import { OWN_CALL_ID, callEndFields, pbxBody } from './triggers';

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

function url(workflowName: RegExp, node: string) {
	const hook = stack.n8n
		.webhooks()
		.find((candidate) => workflowName.test(candidate.workflow) && candidate.node === node);
	if (!hook) throw new Error(`no webhook for ${node} in ${workflowName}`);
	return hook.url;
}

async function post(target: string, fields: Record<string, unknown>) {
	const { body, headers } = pbxBody(fields);
	const answer = await fetch(target, { method: 'POST', body, headers });
	return { status: answer.status, text: await answer.text() };
}

describe('example 1: log every call into a table', () => {
	test('call started answers an own id and stores nothing; call ended writes the whole row from that id', async () => {
		const started = await post(url(/example 1/, 'Call started'), {
			inner_phone: 2000,
			number: '+998901234567',
			line: 712345678,
			type: 'inc',
			start_time: 1745572464,
		});
		expect(started.status).toBe(200);
		const callId = started.text;
		expect(callId).toMatch(OWN_CALL_ID);
		await waitFor(
			() => executionCounts(stack.n8n, 'AloVoiceExCalls1').success === 1,
			20_000,
			'the call started execution',
		);
		expect(await dataTableRows(stack.n8n, 'AloVoice calls')).toEqual([]);
		const ended = await post(url(/example 1/, 'Call ended'), callEndFields(callId, 7));
		expect(ended).toEqual({ status: 200, text: 'true' });
		await waitFor(
			async () =>
				(await dataTableRows(stack.n8n, 'AloVoice calls')).some((row) => row.callId === callId),
			20_000,
			'the row written by call ended',
		);
		const rows = await dataTableRows(stack.n8n, 'AloVoice calls');
		expect(rows).toHaveLength(1);
		// Who called, which extension, the direction and the start came with the call id.
		expect(rows[0]).toMatchObject({
			callId,
			number: '+998901234567',
			innerPhone: '2000',
			direction: 'incoming',
			startedAt: '2025-04-25T09:14:24.000Z',
			answered: true,
			duration: 60,
			recording: 'https://cld.alovoice.uz/records/7.mp3',
		});
		expect(typeof rows[0].status).toBe('string');
		expect(executionCounts(stack.n8n, 'AloVoiceExCalls1')).toEqual({ success: 2 });
	});
});

describe("example 2: route calls to the client's manager, queue as fallback", () => {
	const route = (from: string) =>
		post(url(/example 2/, 'Route request'), {
			from_number: from,
			line_number: '712037006',
			queue_number: 6000,
			direction: 'inc',
		});

	test("a known client's call goes to their manager's extension", async () => {
		const answer = await route('974244100');
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.text)).toEqual({ action_type: 'peer', action_data: '2000' });
	});

	test('an unknown caller goes to the queue the request names', async () => {
		const answer = await route('901112233');
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.text)).toEqual({ action_type: 'queue', action_data: '6000' });
	});

	test('after answering, the workflow writes each routed call to its table', async () => {
		const rows = async () => await dataTableRows(stack.n8n, 'AloVoice routed calls');
		await waitFor(async () => (await rows()).length === 2, 20_000, 'two routed calls logged');
		const logged = (await rows()).map(({ number, client, routedTo, target }) => ({
			number,
			client,
			routedTo,
			target,
		}));
		expect(logged).toEqual(
			expect.arrayContaining([
				{ number: '+998974244100', client: 'Demo client', routedTo: 'peer', target: '2000' },
				{ number: '+998901112233', client: '', routedTo: 'queue', target: '6000' },
			]),
		);
		expect(executionCounts(stack.n8n, 'AloVoiceExRoute1')).toEqual({ success: 2 });
	});
});
