// Reads the Event parameter once and hands the request to that event's handler, as the action
// nodes' router does by operation.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export type EventHandler = (this: IWebhookFunctions) => Promise<IWebhookResponseData>;

/** `otherwise` takes an event the map does not name; without it the request gets an error. */
export async function routeEvent(
	this: IWebhookFunctions,
	handlers: Record<string, EventHandler>,
	otherwise?: EventHandler,
): Promise<IWebhookResponseData> {
	const event = this.getNodeParameter('event') as string;
	const handler = Object.prototype.hasOwnProperty.call(handlers, event)
		? handlers[event]
		: otherwise;
	if (handler) return await handler.call(this);
	return { webhookResponse: { error: `Unknown event ${String(event)}` } as IDataObject };
}
