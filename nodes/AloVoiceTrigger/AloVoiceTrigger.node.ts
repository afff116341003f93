import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import { optionSubtitle } from '../shared/subtitle';
import { checkActivation } from '../shared/webhook/activation';
import { credentialTest } from '../shared/webhook/secrets';
import { eventOptions, properties, propertiesV2 } from './description';
import { callEnded, callRequestResult, callStarted, routeRequest } from './handlers';

/**
 * One trigger with an Event choice: each node instance gets its own webhook URL (n8n's random
 * webhookId in the path, so the URL is unguessable by default), pasted into the PBX for that
 * event. Answers that must not wait for n8n are written by the node itself on the response
 * object; answers decided by the workflow pass through a guard that validates them and falls
 * back (see handlers.ts and the README section "Triggers").
 *
 * Two versions (README, "Trigger versions"). Version 1 stays as it was for saved workflows.
 * Version 2 gives n8n nothing to evaluate per request: its webhook's responseMode is the static
 * "responseNode" (version 1's is an expression over three parameters), and n8n reads the
 * `binaryData` option only for start nodes of typeVersion 1 (n8n 2.40.7 webhook-helpers.js,
 * parseRequestBody). With N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true n8n then creates no
 * expression isolate for a request the node answers itself (BENCHMARKS.md).
 */
const baseDescription: INodeTypeBaseDescription = {
	displayName: 'AloVoice Trigger',
	name: 'aloVoiceTrigger',
	icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
	group: ['trigger'],
	description:
		'Starts the workflow on AloVoice PBX events: call started, call ended, call-request result, route request',
	defaultVersion: 2,
};

async function dispatch(this: IWebhookFunctions): Promise<IWebhookResponseData> {
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

// Each version's description names its fields literally (n8n's community lint reads them from
// the class), so the fields both share are written out twice.
export class AloVoiceTriggerV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AloVoice Trigger',
		name: 'aloVoiceTrigger',
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle('event', eventOptions),
		description:
			'Starts the workflow on AloVoice PBX events: call started, call ended, call-request result, route request',
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
		return await dispatch.call(this);
	}
}

export class AloVoiceTriggerV2 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AloVoice Trigger',
		name: 'aloVoiceTrigger',
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		group: ['trigger'],
		version: 2,
		subtitle: optionSubtitle('event', eventOptions),
		description:
			'Starts the workflow on AloVoice PBX events: call started, call ended, call-request result, route request',
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
				// Static: n8n evaluates nothing to learn it. "responseNode" lets an AloVoice Answer
				// node answer; every answer the node writes itself comes with noWebhookResponse, and
				// then n8n writes nothing more (webhook-helpers.js: didSendResponse is set, and an
				// execution that ends without an answer only resolves its response promise).
				responseMode: 'responseNode',
				path: 'webhook',
			},
		],
		properties: propertiesV2,
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
		return await dispatch.call(this);
	}
}

export class AloVoiceTrigger extends VersionedNodeType {
	constructor() {
		super({ 1: new AloVoiceTriggerV1(), 2: new AloVoiceTriggerV2() }, baseDescription);
	}
}
