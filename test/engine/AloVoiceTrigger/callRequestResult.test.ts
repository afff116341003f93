// The AloVoice Trigger through n8n's webhook path: a real HTTP request from the PBX side, the
// node's webhook method in n8n-core's WebhookContext, the workflow run by n8n-core.
// Call-Request Result: plain true, every content variant.

import { examples, sendEvent } from '../../server/pbxSide';
import { host, itemsOf } from '../triggers';

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
