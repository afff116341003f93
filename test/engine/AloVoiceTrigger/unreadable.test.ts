// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
// What is refused: unreadable requests get a 4xx and start nothing (a route request is answered
// all the same: routeFallback.test.ts).

import { examples, sendEvent, withTrailingComma } from '../../server/pbxSide';
import { host, itemsOf } from '../triggers';

describe('Unreadable requests get a 4xx and start nothing', () => {
	// Readable events with odd values are accepted: test/engine/AloVoiceTrigger/oddEvents.test.ts.
	const big = { ...examples.callEnd, pad: 'x'.repeat(70 * 1024) };
	const post = (body: string | undefined, type?: string) => ({
		body,
		headers: (type ? { 'content-type': type } : {}) as Record<string, string>,
	});
	// Route requests are not here: a caller is waiting, so once the checks passed every one gets
	// a valid action (test/engine/AloVoiceTrigger/routeFallback.test.ts).
	const json = (fields: Record<string, unknown>) =>
		post(JSON.stringify(fields), 'application/json');
	const rows: Array<[string, string, { body?: string; headers: Record<string, string> }, number]> =
		[
			['callStarted', 'no body, no type', post(undefined), 400],
			[
				'callStarted',
				'broken JSON as form',
				post('{"number": ', 'application/x-www-form-urlencoded'),
				400,
			],
			[
				'callStarted',
				'broken JSON as json (n8n refuses)',
				post('{"number": ', 'application/json'),
				422,
			],
			[
				'callStarted',
				'trailing comma as json (n8n refuses)',
				post(withTrailingComma(examples.callStart), 'application/json'),
				422,
			],
			['callStarted', 'JSON number', post('42', 'text/plain'), 400],
			[
				'callStarted',
				'oversized',
				json({ ...examples.callStart, pad: 'x'.repeat(70 * 1024) }),
				413,
			],
			['callStarted', 'a call ended body', json(examples.callEnd), 400],
			[
				'callEnded',
				'oversized curl body',
				post(withTrailingComma(big), 'application/x-www-form-urlencoded'),
				413,
			],
			['callEnded', 'XML', post('<call id="1"/>', 'text/xml'), 400],
			['callEnded', 'a call started body', json(examples.callStart), 400],
			[
				'callRequestResult',
				'a route request body without from_number',
				json({ line_number: '1', queue_number: 6000, direction: 'inc' }),
				400,
			],
			['callEnded', 'JSON array', post('[{"call_id":1}]', 'application/json'), 400],
		];
	for (const event of ['callStarted', 'callEnded', 'callRequestResult']) {
		rows.push(
			[event, 'empty body', post(''), 400],
			[event, 'not JSON', post('hello there', 'text/plain'), 400],
			[event, 'JSON array', post('[1,2,3]', 'application/json'), 400],
			[event, 'JSON string', post('"callstart"', 'text/plain'), 400],
			[event, 'JSON null', post('null', 'text/plain'), 400],
			[event, 'empty object', post('{}', 'application/json'), 400],
			[event, 'form junk', post('a=1&b=2', 'application/x-www-form-urlencoded'), 400],
		);
	}

	const table = rows.map(([event, label, init, status]) => [event, label, status, init] as const);
	it(`has at least 30 cases (${table.length})`, () =>
		expect(table.length).toBeGreaterThanOrEqual(30));

	it.each(table)('%s: %s → %s', async (event, _label, status, init) => {
		const workflow = await host({
			event,
			rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2000' }] },
		});
		const response = await fetch(workflow.url, { method: 'POST', ...init });
		expect(response.status).toBe(status);
		const json = (await response.json()) as Record<string, unknown>;
		expect(typeof (json.error ?? json.message)).toBe('string');
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it('GET is not a registered method for AloVoice events', async () => {
		const workflow = await host({ event: 'callEnded' });
		expect((await fetch(workflow.url)).status).toBe(404);
	});

	it('with Pass Invalid Events On, an unreadable event runs the workflow marked invalid', async () => {
		const workflow = await host({ event: 'callEnded', options: { passInvalid: true } });
		const answer = await sendEvent(workflow.url, { length: 'long' }, { as: 'json' });
		expect(answer.status).toBe(200);
		expect(await itemsOf(workflow)).toEqual([
			{
				invalid: true,
				reason:
					'the body carries none of the call ended fields (call_id, finish_time, duration, status_code, record)',
				raw: { length: 'long' },
			},
		]);
	});

	it('with Pass Invalid Events On, an unauthorized request is still refused', async () => {
		const workflow = await host({
			event: 'callEnded',
			authentication: 'headerAuth',
			options: { passInvalid: true },
		});
		expect((await sendEvent(workflow.url, examples.callEnd)).status).toBe(401);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});
});
