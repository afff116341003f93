import type {
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import { optionSubtitle } from '../shared/subtitle';
import { webhookMethods } from '../shared/webhook/activation';
import { routeEvent } from '../shared/webhook/events';
import { credentialTest } from '../shared/webhook/secrets';
import { aloVoiceActivation } from './activation';
import { eventOptions, triggerProperties } from './description';
import { handlers } from './events';

/**
 * One trigger with an Event choice: each node instance gets its own webhook URL (n8n's random
 * webhookId in the path, so the URL is unguessable by default), pasted into the PBX for that
 * event. Answers that must not wait for n8n are written by the node itself on the response
 * object; answers decided by the workflow pass through a guard that validates them and falls
 * back (events/*.event.ts, docs/alovoice-trigger.md).
 *
 * Two versions (docs/alovoice-trigger.md, "Trigger versions"). Version 1 stays as it was for saved workflows.
 * Version 2 gives n8n nothing to evaluate per request: its webhook's responseMode is static and
 * n8n reads the `binaryData` option only for start nodes of typeVersion 1, so with lazy isolate
 * acquisition n8n creates no expression isolate for a request the node answers itself
 * (docs/n8n-internals.md, "Expressions evaluated per webhook request"; BENCHMARKS.md).
 */
type VersionDescription = Pick<INodeTypeDescription, 'version' | 'webhooks' | 'properties'>;

const versionDescriptions: Record<1 | 2, VersionDescription> = {
	1: {
		version: 1,
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
		properties: triggerProperties(1),
	},
	2: {
		version: 2,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Static, so n8n evaluates nothing to learn it. "responseNode" lets an AloVoice Answer
				// node answer; an answer the node writes itself comes with noWebhookResponse, and then
				// n8n writes nothing more (docs/n8n-internals.md, "noWebhookResponse").
				responseMode: 'responseNode',
				path: 'webhook',
			},
		],
		properties: triggerProperties(2),
	},
};

/**
 * One version of the trigger: the base description, written once here, with that version's own
 * parts spread in. Literal, as n8n's community lint reads a node's description (its icon,
 * group, credentials) from the class.
 */
class AloVoiceTriggerVersion implements INodeType {
	constructor(private readonly versionDescription: VersionDescription) {}

	description: INodeTypeDescription = {
		displayName: 'AloVoice Trigger',
		name: 'aloVoiceTrigger',
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		group: ['trigger'],
		// n8n's node panel lists this trigger and the AloVoice node as one entry, "AloVoice", with
		// this description in both views (What triggers this workflow? and What happens next?;
		// docs/n8n-internals.md, "One entry for a node and its trigger"): so it says both.
		description:
			'Place calls and autodial campaigns in the AloVoice cloud PBX, and start workflows on its call events',
		...this.versionDescription,
		subtitle: optionSubtitle('event', eventOptions),
		// One text for every event (n8n reads these from the description, not from a parameter):
		// the event's own notice says where exactly. The listening hint is one line above the
		// node that n8n neither wraps nor keeps on screen (docs/n8n-internals.md, "The listening
		// hint"), so it stays short.
		eventTriggerDescription: 'Waiting for AloVoice to call the Test URL',
		activationMessage:
			'Paste the Production URL into AloVoice where the notice says: INTEGRATIONS for the start or end of a call, a route of type "API request" for a waiting caller; for call-request results, send it to AloVoice support.',
		defaults: { name: 'AloVoice Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The package's own secret types (n8n's verification refuses reusing n8n's), each with a
		// "Test" that checks it is usable (nodes/shared/webhook/secrets.ts). Literal, as n8n's
		// community lint reads them here; test/unit/shared/webhook/secrets.test.ts keeps them in step.
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
	};

	methods = { credentialTest };

	webhookMethods = webhookMethods(aloVoiceActivation);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await routeEvent.call(this, handlers);
	}
}

export class AloVoiceTrigger extends VersionedNodeType {
	constructor() {
		const versions = {
			1: new AloVoiceTriggerVersion(versionDescriptions[1]),
			2: new AloVoiceTriggerVersion(versionDescriptions[2]),
		};
		const { displayName, name, icon, group, description } = versions[2].description;
		const base: INodeTypeBaseDescription = { displayName, name, icon, group, description };
		super(versions, { ...base, defaultVersion: 2 });
	}
}
