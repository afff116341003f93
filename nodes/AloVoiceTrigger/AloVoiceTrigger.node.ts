import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionSubtitle } from '../shared/subtitle';
import { checkActivation } from '../shared/webhook/activation';
import { credentialTest } from '../shared/webhook/secrets';
import { eventOptions, properties } from './description';
import { callEnded, callRequestResult, callStarted, routeRequest } from './handlers';

/**
 * One trigger with an Event choice: each node instance gets its own webhook URL (n8n's random
 * webhookId in the path, so the URL is unguessable by default), pasted into the PBX for that
 * event. Answers that must not wait for n8n are written by the node itself on the response
 * object; answers decided by the workflow pass through a guard that validates them and falls
 * back (see handlers.ts and the README section "Triggers").
 */
export class AloVoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AloVoice Trigger',
		name: 'aloVoiceTrigger',
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle('event', eventOptions),
		description: 'Starts the workflow on AloVoice PBX events: call started, call ended, call-request result, route request',
		eventTriggerDescription:
			'Waiting for the PBX to call the Test URL: paste it in the vPBX "INTEGRATIONS" menu (Call Started, Call Ended) or as the URL of an "API request" route (Route Request), then make a call',
		activationMessage:
			'Paste the Production URL into the PBX: Call Started and Call Ended in the vPBX "INTEGRATIONS" menu, Route Request as the URL of an "API request" route; a Call-Request Result URL is registered by AloVoice staff.',
		defaults: { name: 'AloVoice Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The package's own secret types (n8n's verification refuses reusing n8n's), each with a
		// "Test" that checks it is usable (nodes/shared/webhook/secrets.ts). Literal here, as
		// n8n's community lint reads them; test/triggers/credentials.test.ts keeps them in step.
		credentials: [
			{
				name: 'aloVoiceTriggerHeaderAuthApi',
				required: true,
				testedBy: 'triggerHeaderSecretTest',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
			{
				name: 'aloVoiceTriggerQueryAuthApi',
				required: true,
				testedBy: 'triggerQuerySecretTest',
				displayOptions: { show: { authentication: ['queryAuth'] } },
			},
			{
				name: 'aloVoiceTriggerBasicAuthApi',
				required: true,
				testedBy: 'triggerBasicAuthTest',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The workflow answers only in the two "workflow" modes; every other answer is
				// written by the node itself and n8n is told so with noWebhookResponse.
				responseMode:
					'={{ $parameter["event"] === "callStarted" && $parameter["callStartAnswer"] !== "node" ? $parameter["callStartAnswer"] : $parameter["event"] === "routeRequest" && $parameter["routeMode"] !== "rules" ? $parameter["routeMode"] : "onReceived" }}',
				path: 'webhook',
			},
		],
		properties,
	};

	methods = { credentialTest };

	/**
	 * Neither PBX can register a webhook (its URL is pasted into the PBX by hand), so nothing
	 * exists to find or delete there. `create` is the activation check: it refuses to activate,
	 * saying what to fix, when the settings would make every call fail
	 * (nodes/shared/webhook/activation.ts).
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await checkActivation(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const event = this.getNodeParameter('event') as string;
		switch (event) {
			case 'callStarted':
				return await callStarted.call(this);
			case 'callEnded':
				return await callEnded.call(this);
			case 'callRequestResult':
				return await callRequestResult.call(this);
			case 'routeRequest':
				return await routeRequest.call(this);
		}
		return { webhookResponse: { error: `Unknown event ${String(event)}` } as IDataObject };
	}
}
