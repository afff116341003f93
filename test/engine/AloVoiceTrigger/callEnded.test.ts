// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
// Call Ended: plain true, every status named, every content variant.

import { exampleItems, examples, sendEvent } from '../../server/pbxSide';
import { CALL_END_STATUSES } from '../../../nodes/AloVoiceTrigger/events/callEnded.event';
import { host, itemsOf } from '../triggers';

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
