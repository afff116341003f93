// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
// Security: the secret credentials, basic auth and the IP allowlist.

import { capturedLogs, safeStringify } from '../../harness/engine';
import { examples, sendEvent } from '../../server/pbxSide';
import { CREDENTIALS, SECRETS, host, itemsOf } from '../triggers';

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
