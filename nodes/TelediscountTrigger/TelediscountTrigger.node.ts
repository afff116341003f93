import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { normalizeTelediscountEnd, normalizeTelediscountStart } from '../shared/webhook';
import { answerNow, authenticationProperty, commonOptions, receiveEvent, securityCredentials } from '../shared/webhook/node';

/**
 * Telediscount sends its events as GET requests with query parameters; POST with the same
 * fields (query, form or JSON body) is accepted too. Everything but the normalizer is the
 * code the AloVoice Trigger uses (nodes/shared/webhook).
 */
export class TelediscountTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telediscount Trigger',
		name: 'telediscountTrigger',
		icon: { light: 'file:telediscount.svg', dark: 'file:telediscount.dark.svg' },
		group: ['trigger'],
		// Version 2 changes nothing but the version: n8n 2.40.7 evaluates the `binaryData` option
		// (an expression, so an isolate) for every request to a start node of typeVersion 1
		// (webhook-helpers.js, parseRequestBody), and this node has no such option. Version 1
		// stays for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when a Telediscount call starts or finishes',
		defaults: { name: 'Telediscount Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: securityCredentials,
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
				options: [
					{ name: 'Incoming Call Started', value: 'callStarted' },
					{ name: 'Call Finished', value: 'callEnded' },
				],
				default: 'callStarted',
			},
			{
				displayName:
					'Paste this node\'s Production URL into Telediscount\'s CRM-integration page, under Webhooks, for the same event',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			authenticationProperty,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...commonOptions,
					{
						displayName: 'Default Country Code',
						name: 'defaultCountry',
						type: 'string',
						default: '7',
						description: 'Calling code put before 9-digit local numbers for the E.164 fields',
					},
				],
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const event = this.getNodeParameter('event') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const defaultCountry = String(options.defaultCountry ?? '7');
		const normalize = event === 'callEnded' ? normalizeTelediscountEnd : normalizeTelediscountStart;
		const received = await receiveEvent(this, (fields) => normalize(fields, { defaultCountry }));
		if (!received.ok) return received.response;
		answerNow(this, 200, 'OK', 'text/plain; charset=utf-8');
		return { noWebhookResponse: true, workflowData: [[{ json: received.item as IDataObject }]] };
	}
}
