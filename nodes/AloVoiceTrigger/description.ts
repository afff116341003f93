// The trigger's parameters. Parameter names are used by the e2e suite and the examples:
// event, callStartAnswer, routeMode, rules, runOnRuleAnswer, fallbackActionType,
// fallbackActionData, answerTimeout, authentication, options.
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty, commonOptions } from '../shared/webhook/node';

const actionTypes = [
	{ name: 'Peer (Extension)', value: 'peer' },
	{ name: 'Queue (Department)', value: 'queue' },
	{ name: 'IVR', value: 'ivr' },
	{ name: 'Trunk (External Number)', value: 'trunk' },
	{ name: 'Hang Up', value: 'hangup' },
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Call Started', value: 'callStarted', description: 'Callstart: the PBX waits for the CRM ID of the call' },
			{ name: 'Call Ended', value: 'callEnded', description: 'Callend: status, duration and recording' },
			{
				name: 'Call-Request Result',
				value: 'callRequestResult',
				description: 'The result of a two-way or IVR call started by the Call operations',
			},
			{ name: 'Route Request', value: 'routeRequest', description: 'Route type "API request": the caller waits for where to go' },
		],
		default: 'callStarted',
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
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '99890' },
					{ displayName: 'Action Type', name: 'actionType', type: 'options', options: actionTypes, default: 'peer' },
					{ displayName: 'Action Data', name: 'actionData', type: 'string', default: '', placeholder: '2000' },
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
					description: 'Answered before any execution exists; the workflow cannot delay or break the answer',
				},
				{
					name: 'An AloVoice Answer Node',
					value: 'responseNode',
					description: 'The AloVoice Answer node answers from the middle of the workflow; the workflow goes on after it',
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
					description: 'The node answers a unique ID of its own at once and puts it into the item as callId',
				},
				{
					name: 'From an AloVoice Answer Node',
					value: 'responseNode',
					description: 'The AloVoice Answer node answers an ID (and optionally callto). Invalid or late answers fall back to the own ID.',
				},
			],
		};
	}
	return property;
});
