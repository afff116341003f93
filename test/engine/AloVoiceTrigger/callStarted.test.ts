// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
// Call Started: the own id answered at once, or the id the workflow answers.
import type { IDataObject } from 'n8n-workflow';

import { capturedLogs } from '../../harness/engine';
import { exampleItems, examples, sendEvent } from '../../server/pbxSide';
import { answerNode, host, itemsOf, respondNode } from '../triggers';
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
	it('an AloVoice Answer node too late (after the Answer Timeout): the node answers its own id', async () => {
		const workflow = await host(
			{ event: 'callStarted', callStartAnswer: 'responseNode', answerTimeout: 0.3 },
			[
				answerNode({ answer: {}, delayMs: 800 }),
				{
					name: 'Answer PBX',
					type: 'n8n-nodes-alovoice.aloVoiceAnswer',
					parameters: { answer: 'callStarted', callId: 'late-1', callTo: '' },
				},
			],
		);
		const answer = await sendEvent(workflow.url, examples.callStart);
		const [item] = await itemsOf(workflow);
		expect(answer.body).toBe(item.fallbackCallId);
		expect(answer.ms).toBeLessThan(700);
	});
});
