// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
import type { IDataObject } from 'n8n-workflow';

import { capturedLogs, safeStringify } from '../../harness/engine';
import { exampleItems, examples, sendEvent, withTrailingComma } from '../../server/pbxSide';
import { CALL_END_STATUSES } from '../../../nodes/AloVoiceTrigger/events/callEnded.event';
import { CREDENTIALS, SECRETS, answerNode, host, itemsOf, respondNode } from '../triggers';
import { OWN_CALL_ID } from '../../ownCallId';

const START_ITEM = exampleItems.callStart;

describe('Call Started', () => {
	it.each([
		['curl --data (form-encoded JSON with trailing comma)', 'curl', 'formJson'],
		['application/json', 'json', 'json'],
		['form fields', 'form', 'formFields'],
		['text/plain JSON with trailing comma', 'text', 'textJson'],
	] as const)(
		'%s: answers its own id at once and puts it into the item',
		async (_label, as, receivedAs) => {
			const workflow = await host({ event: 'callStarted' });
			const answer = await sendEvent(workflow.url, examples.callStart, { as });
			expect(answer.status).toBe(200);
			expect(answer.contentType).toBe('text/plain; charset=utf-8');
			expect(answer.body).toMatch(OWN_CALL_ID);
			const items = await itemsOf(workflow);
			const raw =
				as === 'form'
					? {
							inner_phone: '2000',
							number: '+998994412860',
							line: '712037006',
							type: 'inc',
							start_time: '1745572464',
						}
					: examples.callStart;
			expect(items).toEqual([
				{ ...START_ITEM, receivedAs, raw, callId: answer.body, answeredBy: 'node' },
			]);
		},
	);

	it('reads the event from the query string when the POST has no body', async () => {
		const workflow = await host({ event: 'callStarted' });
		const query = Object.fromEntries(
			Object.entries(examples.callStart).map(([k, v]) => [k, String(v)]),
		);
		const answer = await sendEvent(workflow.url, {}, { as: 'none', query });
		expect(answer.status).toBe(200);
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({ ...START_ITEM, receivedAs: 'query' });
	});

	it('takes 9 local digits and 12 digits as numbers, strings or integers', async () => {
		const workflow = await host({ event: 'callStarted' });
		await sendEvent(workflow.url, {
			...examples.callStart,
			number: 994412860,
			line: '998712037006',
			start_time: '1745572464',
		});
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			number: '994412860',
			numberE164: '+998994412860',
			lineE164: '+998712037006',
			startTime: 1745572464,
		});
	});

	it('each own id is unique', async () => {
		const workflow = await host({ event: 'callStarted' });
		const ids = new Set<string>();
		for (let index = 0; index < 20; index++)
			ids.add((await sendEvent(workflow.url, examples.callStart)).body);
		expect(ids.size).toBe(20);
	});
});

describe('Call Started answered by the workflow', () => {
	const lastNode = (answer: IDataObject, extra = {}) => [answerNode({ answer, ...extra })];

	it('last node: a CRM id is sent as plain text', async () => {
		const workflow = await host(
			{ event: 'callStarted', callStartAnswer: 'lastNode' },
			lastNode({ id: 4711 }),
		);
		const answer = await sendEvent(workflow.url, examples.callStart);
		expect([answer.status, answer.contentType, answer.body]).toEqual([
			200,
			'text/plain; charset=utf-8',
			'4711',
		]);
		const [item] = await itemsOf(workflow);
		expect(item.fallbackCallId).toMatch(OWN_CALL_ID);
	});

	it('last node: id with callto is sent as JSON, the number checked', async () => {
		const workflow = await host(
			{ event: 'callStarted', callStartAnswer: 'lastNode' },
			lastNode({ id: 'crm-17', callto: '99 123 45 67' }),
		);
		const answer = await sendEvent(workflow.url, examples.callStart);
		expect(answer.json).toEqual({ id: 'crm-17', callto: '991234567' });
	});

	it('Respond to Webhook: a plain-text id is sent', async () => {
		const workflow = await host({ event: 'callStarted', callStartAnswer: 'responseNode' }, [
			respondNode({ body: '123456789012' }),
		]);
		const answer = await sendEvent(workflow.url, examples.callStart);
		expect(answer.body).toBe('123456789012');
	});

	it.each([
		[
			'invalid answer: a 13-digit integer',
			'lastNode',
			lastNode({ id: 1234567890123 }),
			'the id 1234567890123 is not an integer of at most 12 digits',
		],
		[
			'invalid answer: a 33-character string',
			'lastNode',
			lastNode({ id: 'x'.repeat(33) }),
			'the id has 33 characters; at most 32 are allowed',
		],
		[
			'invalid answer: callto not a number',
			'lastNode',
			lastNode({ id: 5, callto: 'manager' }),
			'callto: "manager" is not a phone number',
		],
		[
			'missing answer: no Respond node ran',
			'responseNode',
			lastNode({ other: 1 }),
			"the workflow's answer is invalid: the id is empty",
		],
		[
			'workflow error',
			'lastNode',
			lastNode({ id: 5 }, { fail: true }),
			'the workflow failed (n8n answered 500: {"message":"Error in workflow"})',
		],
		['timeout', 'lastNode', lastNode({ id: 5 }, { delayMs: 1500 }), 'no answer came within 300 ms'],
		[
			'timeout (Respond to Webhook)',
			'responseNode',
			[respondNode({ body: '5', delayMs: 1500 })],
			'no answer came within 300 ms',
		],
	])('callstart fallback — %s: the node answers its own id', async (_label, mode, next, reason) => {
		const workflow = await host(
			{ event: 'callStarted', callStartAnswer: mode, answerTimeout: 0.3 },
			next,
		);
		const logged = capturedLogs.length;
		const answer = await sendEvent(workflow.url, examples.callStart);
		const [item] = await itemsOf(workflow);
		expect(answer.status).toBe(200);
		expect(answer.body).toBe(item.fallbackCallId);
		expect(answer.ms).toBeLessThan(1200);
		expect(capturedLogs.slice(logged).join('\n')).toContain(reason);
	});
});

describe('Call Ended', () => {
	it('answers plain true and normalizes the documented example', async () => {
		const workflow = await host({ event: 'callEnded' });
		const answer = await sendEvent(workflow.url, examples.callEnd);
		expect([answer.status, answer.contentType, answer.body]).toEqual([
			200,
			'text/plain; charset=utf-8',
			'true',
		]);
		expect(await itemsOf(workflow)).toEqual([
			{ ...exampleItems.callEnd, receivedAs: 'formJson', raw: examples.callEnd },
		]);
	});

	it.each(Object.entries(CALL_END_STATUSES))('status %s → %s', async (code, name) => {
		const workflow = await host({ event: 'callEnded' });
		const status_code = /^\d+$/.test(code) ? Number(code) : code;
		const answer = await sendEvent(workflow.url, {
			...examples.callEnd,
			status_code,
			duration: '0',
		});
		expect(answer.body).toBe('true');
		const [item] = await itemsOf(workflow);
		expect([item.statusCode, item.status, item.answered, item.duration]).toEqual([
			code,
			name,
			code === '200',
			0,
		]);
	});

	it.each(['curl', 'json', 'form', 'text'] as const)('content variant %s', async (as) => {
		const workflow = await host({ event: 'callEnded' });
		expect((await sendEvent(workflow.url, examples.callEnd, { as })).body).toBe('true');
		const [item] = await itemsOf(workflow);
		expect([item.callId, item.duration, item.status]).toEqual([
			'e5e456se456s56w456',
			60,
			'answered',
		]);
	});
});

describe('Call-Request Result', () => {
	it.each(['curl', 'json', 'form', 'text'] as const)(
		'%s: answered 200 and the external id is in the item',
		async (as) => {
			const workflow = await host({ event: 'callRequestResult' });
			const body = as === 'form' ? { ...examples.callResult, attempts: '' } : examples.callResult;
			const answer = await sendEvent(workflow.url, body, { as });
			expect([answer.status, answer.body]).toEqual([200, 'true']);
			const [item] = await itemsOf(workflow);
			expect(item).toMatchObject({
				event: 'callRequestResult',
				id: '101',
				externalId: '123123',
				fromNumberE164: '+998712037006',
				toNumberE164: '+998994412860',
				trunkNumber: '712037006',
				dialStatus: 'ANSWER',
				answered: true,
				duration: 60,
				beginTimeIso: '2025-04-25T09:14:24.000Z',
				answerTimeIso: '2025-04-25T09:14:30.000Z',
				endTimeIso: '2025-04-25T09:15:30.000Z',
			});
		},
	);
});

describe('Route Request by rules', () => {
	const rule = (match: string, value: string, actionType: string, actionData = '') => ({
		match,
		value,
		actionType,
		actionData,
	});

	it.each([
		['peer', '2000', { action_type: 'peer', action_data: '2000' }],
		['queue', '6001', { action_type: 'queue', action_data: '6001' }],
		['ivr', '111', { action_type: 'ivr', action_data: '111' }],
		['trunk', '998765432', { action_type: 'trunk', action_data: '998765432' }],
		['hangup', '', { action_type: 'hangup' }],
		['hangup', '42', { action_type: 'hangup', action_data: '42' }],
	])('action %s %s', async (actionType, actionData, expected) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('any', '', actionType, actionData)] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([200, expected]);
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({ answer: expected, matchedRule: 1, fallbackUsed: false });
	});

	it.each([
		['callerPrefix', '99897', 'peer', '2001'],
		['callerExact', '+998974244100', 'peer', '2002'],
		['line', '712037006', 'peer', '2003'],
		['queue', '6000', 'peer', '2004'],
		['direction', 'inc', 'peer', '2005'],
	])('first matching rule wins: %s %s', async (match, value, actionType, actionData) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: {
				rule: [
					rule('callerPrefix', '7', 'peer', '1999'),
					rule(match, value, actionType, actionData),
					rule('any', '', 'peer', '1111'),
				],
			},
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'peer', action_data: actionData });
	});

	it('no rule matched: the fallback queue named by the request', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('callerPrefix', '7', 'peer', '1999')] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6000' });
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			fallbackUsed: true,
			fallbackReason: 'no rule matched',
			matchedRule: null,
		});
	});

	it('a rule with an invalid action falls back instead of dropping the caller', async () => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('any', '', 'peer', 'manager')] },
			fallbackActionType: 'queue',
			fallbackActionData: '7000',
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '7000' });
		const [item] = await itemsOf(workflow);
		expect(item.fallbackReason).toBe(
			'rule 1\'s action is invalid: action_data for peer must be its number (digits), got "manager"',
		);
	});

	it('answers before the workflow runs, whatever the workflow does', async () => {
		const workflow = await host(
			{ event: 'routeRequest', rules: { rule: [rule('any', '', 'peer', '2000')] } },
			[answerNode({ delayMs: 1500, fail: true })],
		);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'peer', action_data: '2000' });
		expect(answer.ms).toBeLessThan(500);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
	});

	it('can start no execution at all', async () => {
		const workflow = await host({
			event: 'routeRequest',
			runOnRuleAnswer: false,
			rules: { rule: [rule('any', '', 'ivr', '111')] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'ivr', action_data: '111' });
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it.each(['curl', 'json', 'form', 'text'] as const)('content variant %s', async (as) => {
		const workflow = await host({
			event: 'routeRequest',
			rules: { rule: [rule('queue', '6000', 'peer', '2000')] },
		});
		expect((await sendEvent(workflow.url, examples.routeRequest, { as })).json).toEqual({
			action_type: 'peer',
			action_data: '2000',
		});
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			fromNumber: '974244100',
			fromNumberE164: '+998974244100',
			lineNumber: '712037006',
			queueNumber: '6000',
			direction: 'inc',
		});
	});
});

describe('Route Request decided by the workflow', () => {
	it.each([
		['lastNode', [answerNode({ answer: { action_type: 'peer', action_data: 2000 } })]],
		[
			'responseNode',
			[respondNode({ body: { action_type: 'trunk', action_data: '+998765432100' } })],
		],
	])('%s: a valid answer is sent', async (routeMode, next) => {
		const workflow = await host({ event: 'routeRequest', routeMode, answerTimeout: 2 }, next);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(
			routeMode === 'lastNode'
				? { action_type: 'peer', action_data: '2000' }
				: { action_type: 'trunk', action_data: '+998765432100' },
		);
	});

	it.each([
		[
			'invalid answer: unknown action type',
			'lastNode',
			[answerNode({ answer: { action_type: 'dance', action_data: '1' } })],
			'action_type must be one of peer, queue, ivr, trunk, hangup, got "dance"',
		],
		[
			'invalid answer: peer without a number',
			'lastNode',
			[answerNode({ answer: { action_type: 'peer' } })],
			'action_data for peer must be its number (digits), got ""',
		],
		[
			'invalid answer: Respond to Webhook sends text',
			'responseNode',
			[respondNode({ body: 'peer 2000' })],
			'the answer is not JSON {action_type, action_data}',
		],
		[
			'missing answer: no Respond node ran',
			'responseNode',
			[answerNode({ answer: {} })],
			'the answer is not JSON {action_type, action_data}',
		],
		[
			'workflow error',
			'lastNode',
			[answerNode({ fail: true })],
			'the workflow failed (n8n answered 500',
		],
		[
			'workflow error (Respond to Webhook mode)',
			'responseNode',
			[answerNode({ fail: true })],
			'the workflow failed (n8n answered 500',
		],
		[
			'timeout',
			'lastNode',
			[answerNode({ answer: { action_type: 'peer', action_data: '2000' }, delayMs: 1500 })],
			'no answer came within 300 ms',
		],
		[
			'timeout (Respond to Webhook)',
			'responseNode',
			[respondNode({ body: { action_type: 'peer', action_data: '2000' }, delayMs: 1500 })],
			'no answer came within 300 ms',
		],
	])(
		'route fallback — %s: the fallback queue is answered',
		async (_label, routeMode, next, reason) => {
			const workflow = await host(
				{
					event: 'routeRequest',
					routeMode,
					answerTimeout: 0.3,
					fallbackActionType: 'queue',
					fallbackActionData: '6999',
				},
				next,
			);
			const logged = capturedLogs.length;
			const started = Date.now();
			const answer = await sendEvent(workflow.url, examples.routeRequest);
			expect([answer.status, answer.json]).toEqual([
				200,
				{ action_type: 'queue', action_data: '6999' },
			]);
			expect(Date.now() - started).toBeLessThan(1200);
			const [item] = await itemsOf(workflow);
			expect(item.fallback).toEqual({ action_type: 'queue', action_data: '6999' });
			expect(capturedLogs.slice(logged).join('\n')).toContain(reason);
		},
	);

	it('the default timeout is 3 s', async () => {
		const workflow = await host({ event: 'routeRequest', routeMode: 'lastNode' }, [
			answerNode({ answer: { action_type: 'peer', action_data: '1' }, delayMs: 3600 }),
		]);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6000' });
		expect(answer.ms).toBeGreaterThanOrEqual(2950);
		expect(answer.ms).toBeLessThan(3500);
	}, 10_000);
});

describe('Security', () => {
	const cases = [
		[
			'header secret',
			'headerAuth',
			{ headers: { 'X-PBX-Secret': CREDENTIALS.aloVoiceTriggerHeaderAuthApi.secret } },
			{ headers: { 'X-PBX-Secret': 'guess' } },
			401,
		],
		[
			'query secret',
			'queryAuth',
			{ query: { key: CREDENTIALS.aloVoiceTriggerQueryAuthApi.secret } },
			{ query: { key: 'guess' } },
			401,
		],
		[
			'basic auth',
			'basicAuth',
			{
				headers: {
					authorization: `Basic ${Buffer.from('pbx:basic-pass-55e0aa').toString('base64')}`,
				},
			},
			{ headers: { authorization: `Basic ${Buffer.from('pbx:guess').toString('base64')}` } },
			401,
		],
	] as const;

	it.each(cases)(
		'%s: accepted with the secret, refused without or with a wrong one',
		async (_label, authentication, good, bad, status) => {
			const workflow = await host({ event: 'callEnded', authentication });
			expect((await sendEvent(workflow.url, examples.callEnd, good)).body).toBe('true');
			const wrong = await sendEvent(workflow.url, examples.callEnd, bad);
			const missing = await sendEvent(workflow.url, examples.callEnd);
			expect([wrong.status, missing.status]).toEqual([status, status]);
			expect(wrong.json).toEqual({ error: expect.stringMatching(/missing or wrong/) });
			await workflow.settled();
			expect(workflow.executions).toHaveLength(1);
			const [item] = await itemsOf(workflow);
			expect(item.raw).toEqual(examples.callEnd);
		},
	);

	it.each([
		['127.0.0.0/8', 200],
		['10.0.0.0/8, 192.168.1.1', 403],
		['::1, 127.0.0.1', 200],
	])('IP allowlist %s → %s', async (ipAllowlist, status) => {
		const workflow = await host({ event: 'callEnded', options: { ipAllowlist } });
		const answer = await sendEvent(workflow.url, examples.callEnd);
		expect(answer.status).toBe(status);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(status === 200 ? 1 : 0);
		if (status === 403)
			expect(answer.json).toEqual({ error: 'The address 127.0.0.1 is not in the IP allowlist.' });
	});

	it.each([
		[
			'header secret empty',
			'headerAuth',
			{ aloVoiceTriggerHeaderAuthApi: { name: 'X-PBX-Secret', secret: '' } },
			{ headers: { 'X-PBX-Secret': '' } },
			'Secret',
		],
		[
			'query secret blank',
			'queryAuth',
			{ aloVoiceTriggerQueryAuthApi: { name: 'key', secret: '   ' } },
			{ query: { key: '   ' } },
			'Secret',
		],
		[
			'basic password empty',
			'basicAuth',
			{ aloVoiceTriggerBasicAuthApi: { user: 'pbx', password: '' } },
			{ headers: { authorization: `Basic ${Buffer.from('pbx:').toString('base64')}` } },
			'Password',
		],
	] as const)(
		'%s: every request is refused with 403 naming the field, the empty secret included',
		async (_label, authentication, credentials, request, field) => {
			for (const event of ['callEnded', 'routeRequest']) {
				const workflow = await host(
					{
						event,
						authentication,
						rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2000' }] },
					},
					[],
					undefined,
					{
						...CREDENTIALS,
						...credentials,
					},
				);
				const body = event === 'callEnded' ? examples.callEnd : examples.routeRequest;
				for (const answer of [
					await sendEvent(workflow.url, body, request),
					await sendEvent(workflow.url, body),
				]) {
					expect(answer.status).toBe(403);
					expect(answer.json).toEqual({
						error: expect.stringContaining(`The trigger is misconfigured (${field}):`),
					});
				}
				await workflow.settled();
				expect(workflow.executions).toHaveLength(0);
			}
		},
	);

	it('a bad IP allowlist entry refuses every request with 403 naming the entry', async () => {
		const workflow = await host({
			event: 'callEnded',
			options: { ipAllowlist: '127.0.0.1, 10.0.0.0/33' },
		});
		const answer = await sendEvent(workflow.url, examples.callEnd);
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({
			error: expect.stringContaining(
				'The IP allowlist entry "10.0.0.0/33" is not an IPv4/IPv6 address or CIDR range',
			),
		});
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it('no secret reaches an answer, an execution or a log line', async () => {
		for (const authentication of ['headerAuth', 'queryAuth', 'basicAuth']) {
			const workflow = await host({
				event: 'routeRequest',
				authentication,
				rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2000' }] },
			});
			const good = {
				headers: {
					'X-PBX-Secret': CREDENTIALS.aloVoiceTriggerHeaderAuthApi.secret,
					authorization: `Basic ${Buffer.from('pbx:basic-pass-55e0aa').toString('base64')}`,
				},
				query: { key: CREDENTIALS.aloVoiceTriggerQueryAuthApi.secret },
			};
			const answers = [
				await sendEvent(workflow.url, examples.routeRequest, good),
				await sendEvent(workflow.url, examples.routeRequest),
			];
			await workflow.settled();
			const seen = safeStringify({
				answers,
				runs: workflow.executions.map((run) => run.serialized),
				logs: capturedLogs,
			});
			for (const secret of SECRETS) expect(seen).not.toContain(secret);
			expect(workflow.executions).toHaveLength(1);
		}
	});
});

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

describe('Many waiting callers', () => {
	const percentile = (values: number[], p: number) =>
		[...values].sort((a, b) => a - b)[
			Math.min(values.length - 1, Math.floor((values.length * p) / 100))
		];

	it.each([
		['rules', {}, [] as ReturnType<typeof answerNode>[]],
		[
			'lastNode',
			{ answerTimeout: 3 },
			[answerNode({ answer: { action_type: 'peer', action_data: '2000' } })],
		],
	])(
		'50 concurrent route requests in %s mode all get a valid answer',
		async (routeMode, extra, next) => {
			const workflow = await host(
				{
					event: 'routeRequest',
					routeMode,
					rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2000' }] },
					...extra,
				},
				next,
			);
			const started = Date.now();
			const answers = await Promise.all(
				Array.from(
					{ length: 50 },
					async () => await sendEvent(workflow.url, examples.routeRequest),
				),
			);
			const wall = Date.now() - started;
			for (const answer of answers)
				expect(answer.json).toEqual({ action_type: 'peer', action_data: '2000' });
			await workflow.settled();
			expect(workflow.executions).toHaveLength(50);
			const ms = answers.map((answer) => answer.ms);
			if (process.env.TRIGGER_FIGURES)
				console.log(
					`${routeMode}: 50 concurrent, wall ${wall} ms, p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms`,
				);
		},
	);
});

describe('Route Request passed on while invalid', () => {
	it('a request without a caller number is routed by the rules (here the withheld rule) and the item says why it is odd', async () => {
		const workflow = await host({
			event: 'routeRequest',
			fallbackActionType: 'queue',
			fallbackActionData: '6100',
			rules: {
				rule: [
					{ match: 'callerPrefix', value: '97', actionType: 'peer', actionData: '2000' },
					{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6200' },
				],
			},
			options: { passInvalid: true },
		});
		const answer = await sendEvent(workflow.url, { line_number: '712037006' }, { as: 'json' });
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'queue', action_data: '6200' },
		]);
		const [item] = await itemsOf(workflow);
		expect(item).toMatchObject({
			answer: { action_type: 'queue', action_data: '6200' },
			matchedRule: 2,
			fallbackUsed: false,
		});
	});
	it.each([
		['an empty object', {}],
		['an object with none of the route fields', { hello: 'world', n: 1 }],
		["another event's body", { call_id: 'abc', duration: 5, status_code: 200 }],
	])(
		'%s is unreadable: the fallback answers, not the withheld rule, and no execution starts',
		async (_label, body) => {
			const workflow = await host({
				event: 'routeRequest',
				fallbackActionType: 'queue',
				fallbackActionData: '6100',
				rules: {
					rule: [{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6200' }],
				},
			});
			const answer = await sendEvent(workflow.url, body, { as: 'json' });
			expect([answer.status, answer.json]).toEqual([
				200,
				{ action_type: 'queue', action_data: '6100' },
			]);
			await workflow.settled();
			expect(workflow.executions).toHaveLength(0);
		},
	);
});
