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
	{
		name: 'Call Started',
		value: 'callStarted',
		description: 'Callstart: the PBX waits for the CRM ID of the call',
	},
	{
		name: 'Call Ended',
		value: 'callEnded',
		description: 'Callend: status, duration and recording',
	},
	{
		name: 'Call-Request Result',
		value: 'callRequestResult',
		description: 'The result of a two-way or IVR call started by the Call operations',
	},
	{
		name: 'Route Request',
		value: 'routeRequest',
		description: 'Route type "API request": the caller waits for where to go',
	},
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
				description:
					'The node answers a unique ID of its own at once and puts it into the item as callId',
			},
			{
				name: 'From the Last Node',
				value: 'lastNode',
				description:
					'The first item of the last node: an ID, or {ID, callto}. Invalid or late answers fall back to the own ID.',
			},
			{
				name: 'From a Respond to Webhook Node',
				value: 'responseNode',
				description:
					"See the docs: n8n's Respond to Webhook node works only in its version 1 after a community trigger",
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
				description:
					'Answered before any execution exists; the workflow cannot delay or break the answer',
			},
			{
				name: 'The Last Node',
				value: 'lastNode',
				description: 'The first item of the last node: {action_type, action_data}',
			},
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
		description:
			'The first rule that matches decides; when none does, the fallback action is answered',
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
							{
								name: 'Any Call',
								value: 'any',
								description: 'Every request; put it last as a catch-all',
							},
							{
								name: 'Caller Number Is',
								value: 'callerExact',
								description:
									'The whole caller number. Typed with 998/+998 it is compared with the 12-digit form, typed shorter with the 9 local digits; a foreign number as sent (digits only). A withheld number never matches.',
							},
							{
								name: 'Caller Number Is Withheld',
								value: 'callerWithheld',
								description:
									'The PBX sent no usable caller number: missing, empty, null, "anonymous" or other words, or only zeros',
							},
							{
								name: 'Caller Number Starts With',
								value: 'callerPrefix',
								description:
									'A prefix in the form you type it: 99 matches 991234567 and +998991234567, not 974244100; 998 or +998… compares with the 12-digit form. A withheld number never matches.',
							},
							{
								name: 'Direction Is (Inc/Out)',
								value: 'direction',
								description: 'Inc or out (incoming/outgoing also accepted), any letter case',
							},
							{
								name: 'Line Is',
								value: 'line',
								description:
									'The called line, the same number in any of its forms (712037006, 998712037006, +998 71 203 70 06); never a part of it',
							},
							{
								name: 'Queue Is',
								value: 'queue',
								description: 'The queue (department) number exactly: 6000 matches 6000, not 600',
							},
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
						displayOptions: { hide: { match: ['any', 'callerWithheld'] } },
						description:
							'What the rule compares: a number or prefix (spaces, dashes and + allowed), a line, a queue, or inc/out. A value that is not one matches nothing.',
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
						description:
							'The extension, queue, IVR ID or number to send the call to; for Hang Up, a sound file ID or empty',
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
		description:
			'Whether each route request, already answered, also runs the workflow (e.g. for logging)',
	},
	{
		displayName: 'Fallback Action Type',
		name: 'fallbackActionType',
		type: 'options',
		displayOptions: { show: { event: ['routeRequest'] } },
		options: actionTypes,
		default: 'queue',
		description:
			"Answered when no rule matches, the request is unreadable, or the workflow's answer is missing, invalid, late, or the workflow fails",
	},
	{
		displayName: 'Fallback Action Data',
		name: 'fallbackActionData',
		type: 'string',
		displayOptions: { show: { event: ['routeRequest'] } },
		default: '',
		placeholder: '6000',
		description:
			"Empty with a queue: the queue the request names (queue_number). If the fallback is invalid, the request's queue (or else a hang-up) is answered instead, never an invalid action.",
	},
	{
		displayName: 'Answer Timeout (Seconds)',
		name: 'answerTimeout',
		type: 'number',
		// Bounds: ANSWER_TIMEOUT_SECONDS in shared/webhook/route.ts (why 10 s is the most is said there).
		typeOptions: { minValue: 0.05, maxValue: 10, numberPrecision: 2 },
		// Shown for both events whatever the mode: a hide on the other event's mode parameter
		// would hide it everywhere, since n8n fills hidden parameters' defaults before checking.
		displayOptions: { show: { event: ['routeRequest', 'callStarted'] } },
		default: 3,
		description:
			'Used when the workflow answers: when it has not answered by then, the fallback is sent. 0.05 to 10 seconds: the caller hears silence meanwhile, and AloVoice documents no longer wait.',
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

/**
 * Version 2's parameters: version 1's, with the answer modes n8n serves through one static
 * responseMode ("responseNode"). The modes keep their stored values, so the handlers are the
 * same: "responseNode" is now answered by the AloVoice Answer node (or any node that calls
 * sendResponse); "The Last Node" is gone, since the answer node does its job from any place in
 * the workflow (README, "Trigger versions").
 */
export const propertiesV2: INodeProperties[] = properties.map((property) => {
	if (property.name === 'routeMode') {
		return {
			...property,
			options: [
				{
					name: 'Rules in This Node (Answer at Once)',
					value: 'rules',
					description:
						'Answered before any execution exists; the workflow cannot delay or break the answer',
				},
				{
					name: 'An AloVoice Answer Node',
					value: 'responseNode',
					description:
						'The AloVoice Answer node answers from the middle of the workflow; the workflow goes on after it',
				},
			],
		};
	}
	if (property.name === 'callStartAnswer') {
		return {
			...property,
			options: [
				{
					name: 'Own ID at Once',
					value: 'node',
					description:
						'The node answers a unique ID of its own at once and puts it into the item as callId',
				},
				{
					name: 'From an AloVoice Answer Node',
					value: 'responseNode',
					description:
						'The AloVoice Answer node answers an ID (and optionally callto). Invalid or late answers fall back to the own ID.',
				},
			],
		};
	}
	return property;
});
