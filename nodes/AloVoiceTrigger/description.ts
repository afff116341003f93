// The trigger's parameters. Parameter names are used by the e2e suite and the examples:
// event, callStartAnswer, routeMode, rules, runOnRuleAnswer, fallbackActionType,
// fallbackActionData, answerTimeout, authentication, options.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty, commonOptions } from '../shared/webhook/node';

const actionTypes = [
	{ name: 'Peer (Extension)', value: 'peer' },
	{ name: 'Queue (Department)', value: 'queue' },
	{ name: 'IVR', value: 'ivr' },
	{ name: 'Trunk (External Number)', value: 'trunk' },
	{ name: 'Hang Up', value: 'hangup' },
];

/** The Event dropdown; the node's subtitle shows the same labels. */
export const eventOptions: INodePropertyOptions[] = [
	{ name: 'Call Started', value: 'callStarted', description: 'Callstart: the PBX waits for the CRM ID of the call' },
	{ name: 'Call Ended', value: 'callEnded', description: 'Callend: status, duration and recording' },
	{
		name: 'Call-Request Result',
		value: 'callRequestResult',
		description: 'The result of a two-way or IVR call started by the Call operations',
	},
	{ name: 'Route Request', value: 'routeRequest', description: 'Route type "API request": the caller waits for where to go' },
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: eventOptions,
		default: 'callStarted',
		description: 'The PBX event this node receives; each event gets its own URL',
	},
	{
		displayName:
			'Paste this node\'s Production URL into the PBX: Call Started and Call Ended in the vPBX "INTEGRATIONS" menu, Route Request as the URL of an "API request" route, Call-Request Result via AloVoice staff',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Answer',
		name: 'callStartAnswer',
		type: 'options',
		description: 'Who gives the PBX the CRM ID of the call it waits for',
		displayOptions: { show: { event: ['callStarted'] } },
		options: [
			{
				name: 'Own ID at Once',
				value: 'node',
				description: 'The node answers a unique ID of its own at once and puts it into the item as callId',
			},
			{
				name: 'From the Last Node',
				value: 'lastNode',
				description: 'The first item of the last node: an ID, or {ID, callto}. Invalid or late answers fall back to the own ID.',
			},
			{
				name: 'From a Respond to Webhook Node',
				value: 'responseNode',
				description: 'See the docs: n8n\'s Respond to Webhook node works only in its version 1 after a community trigger',
			},
		],
		default: 'node',
	},
	{
		displayName: 'Decide By',
		name: 'routeMode',
		type: 'options',
		description: 'Who decides where the waiting caller goes',
		displayOptions: { show: { event: ['routeRequest'] } },
		options: [
			{
				name: 'Rules in This Node (Answer at Once)',
				value: 'rules',
				description: 'Answered before any execution exists; the workflow cannot delay or break the answer',
			},
			{ name: 'The Last Node', value: 'lastNode', description: 'The first item of the last node: {action_type, action_data}' },
			{ name: 'A Respond to Webhook Node', value: 'responseNode' },
		],
		default: 'rules',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		placeholder: 'Add Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { event: ['routeRequest'], routeMode: ['rules'] } },
		default: {},
		description: 'The first rule that matches decides; when none does, the fallback action is answered',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Match',
						name: 'match',
						type: 'options',
						options: [
							{ name: 'Any Call', value: 'any' },
							{ name: 'Caller Number Is', value: 'callerExact' },
							{ name: 'Caller Number Starts With', value: 'callerPrefix' },
							{ name: 'Direction Is (Inc/Out)', value: 'direction' },
							{ name: 'Line Is', value: 'line' },
							{ name: 'Queue Is', value: 'queue' },
						],
						default: 'callerPrefix',
						description: 'What of the route request this rule looks at',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: '99890',
						description: 'What the request must carry for the rule to match: a number, a prefix, inc/out, a line or a queue',
					},
					{
						displayName: 'Action Type',
						name: 'actionType',
						type: 'options',
						options: actionTypes,
						default: 'peer',
						description: 'Where a matching call goes',
					},
					{
						displayName: 'Action Data',
						name: 'actionData',
						type: 'string',
						default: '',
						placeholder: '2000',
						description: 'The extension, queue, IVR ID or number to send the call to; for Hang Up, a sound file ID or empty',
					},
				],
			},
		],
	},
	{
		displayName: 'Start an Execution for Each Request',
		name: 'runOnRuleAnswer',
		type: 'boolean',
		displayOptions: { show: { event: ['routeRequest'], routeMode: ['rules'] } },
		default: true,
		description: 'Whether each route request, already answered, also runs the workflow (e.g. for logging)',
	},
	{
		displayName: 'Fallback Action Type',
		name: 'fallbackActionType',
		type: 'options',
		displayOptions: { show: { event: ['routeRequest'] } },
		options: actionTypes,
		default: 'queue',
		description: 'Answered when no rule matches, or the workflow\'s answer is missing, invalid, late, or the workflow fails',
	},
	{
		displayName: 'Fallback Action Data',
		name: 'fallbackActionData',
		type: 'string',
		displayOptions: { show: { event: ['routeRequest'] } },
		default: '',
		placeholder: '6000',
		description: 'Empty with a queue: the queue the request names (queue_number)',
	},
	{
		displayName: 'Answer Timeout (Seconds)',
		name: 'answerTimeout',
		type: 'number',
		typeOptions: { minValue: 0.05, numberPrecision: 2 },
		// Shown for both events whatever the mode: a hide on the other event's mode parameter
		// would hide it everywhere, since n8n fills hidden parameters' defaults before checking.
		displayOptions: { show: { event: ['routeRequest', 'callStarted'] } },
		default: 3,
		description: 'Used when the workflow answers: when it has not answered by then, the fallback is sent',
	},
	authenticationProperty,
	{
		displayName: 'Options',
		name: 'options',
		description: 'Security and request-size settings: IP allowlist, body size, invalid events',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: commonOptions,
	},
];
