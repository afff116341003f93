import type {
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionSubtitle } from '../shared/subtitle';
import { webhookMethods } from '../shared/webhook/activation';
import { routeEvent } from '../shared/webhook/events';
import { authenticationProperty, commonOptions } from '../shared/webhook/node';
import { credentialTest } from '../shared/webhook/secrets';
import { events, handlers, otherwise } from './events';
import { RUSSIA } from './receive';

/** The Event dropdown; the node's subtitle shows the same labels. */
const eventOptions: INodePropertyOptions[] = events.map((event) => event.option);

/**
 * Telediscount sends its events as GET requests with query parameters; POST with the same
 * fields (query, form or JSON body) is accepted too. Everything but the events
 * (events/*.event.ts) is the code every PBX trigger uses (nodes/shared/webhook).
 */
export class TelediscountTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telediscount Trigger',
		name: 'telediscountTrigger',
		icon: { light: 'file:telediscount.svg', dark: 'file:telediscount.dark.svg' },
		group: ['trigger'],
		// Version 2: n8n evaluates the `binaryData` option (an expression, so an isolate) for every
		// request to a start node of typeVersion 1, and this node has no such option
		// (docs/n8n-internals.md, "Expressions evaluated per webhook request"); its items are the
		// one Telediscount call shape (events/*.event.ts) and it has no Default Country Code.
		// Version 1 stays, items and options, for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: optionSubtitle('event', eventOptions),
		// One node-panel entry with the Telediscount node, under this description (see the AloVoice
		// Trigger; docs/n8n-internals.md, "One entry for a node and its trigger").
		description:
			'Make calls and get the call history of the Telediscount cloud PBX, and start workflows on its call events',
		// Short: one line above the node (docs/n8n-internals.md, "The listening hint").
		eventTriggerDescription: 'Waiting for Telediscount to call the Test URL',
		activationMessage:
			'Paste the Production URL on the Telediscount account\'s "CRM integration" page, under Webhooks, for the same event (incoming call started or call finished).',
		defaults: { name: 'Telediscount Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The package's own secret types (n8n's verification refuses reusing n8n's), each with a
		// "Test" that checks it is usable (nodes/shared/webhook/secrets.ts). Literal here, as
		// n8n's community lint reads them; test/unit/shared/webhook/secrets.test.ts keeps them in step.
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
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: eventOptions,
				default: 'callStarted',
				description: 'The Telediscount webhook this node receives; each event gets its own URL',
			},
			{
				displayName:
					"Open Webhook URLs above and copy the Test URL (to try the workflow) or the Production URL (once it is active). In Telediscount, paste it on the account's CRM-integration page, under Webhooks, for the same event.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			authenticationProperty,
			// The Default Country Code is version 1's alone: version 2 reads every number by the one
			// E.164 rule of a Telediscount call (nodes/Telediscount/helpers/call.ts), which guesses
			// no country for a 9-digit number.
			{
				displayName: 'Options',
				name: 'options',
				description: 'Security and request settings, and the country code for local numbers',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { '@version': [1] } },
				options: [
					...commonOptions,
					{
						displayName: 'Default Country Code',
						name: 'defaultCountry',
						type: 'string',
						default: RUSSIA,
						placeholder: RUSSIA,
						description: 'Calling code put before 9-digit local numbers for the E.164 fields',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				description: 'Security and request settings',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
				options: commonOptions,
			},
		],
	};

	methods = { credentialTest };

	webhookMethods = webhookMethods();

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await routeEvent.call(this, handlers, otherwise);
	}
}
