// nodes/shared/webhook/events.ts: the Event parameter read once, the handler found in the map.
import type { IWebhookFunctions } from 'n8n-workflow';

import { routeEvent } from '../../../../nodes/shared/webhook/events';

const context = (event: string) =>
	({ getNodeParameter: () => event }) as unknown as IWebhookFunctions;
const answering = (name: string) =>
	async function (this: IWebhookFunctions) {
		return { webhookResponse: name };
	};

describe('routeEvent', () => {
	const handlers = { a: answering('a'), b: answering('b') };
	it('calls the handler the Event names', async () => {
		expect(await routeEvent.call(context('b'), handlers)).toEqual({ webhookResponse: 'b' });
	});
	it('an event the map does not name: otherwise, or an error', async () => {
		expect(await routeEvent.call(context('z'), handlers, answering('other'))).toEqual({
			webhookResponse: 'other',
		});
		expect(await routeEvent.call(context('z'), handlers)).toEqual({
			webhookResponse: { error: 'Unknown event z' },
		});
		// Not an inherited property either.
		expect(await routeEvent.call(context('toString'), handlers)).toEqual({
			webhookResponse: { error: 'Unknown event toString' },
		});
	});
});
