// The workflows the benchmarks compare: what an n8n user builds with n8n's generic nodes,
// beside the same job done with this package's nodes.
import { randomUUID } from 'node:crypto';

import { CREDENTIAL } from '../../scripts/lib/n8n';
import type { Workflow } from '../../test/e2e/stack';

export const ROUTE_ANSWER = { action_type: 'queue', action_data: '6000' };
/** The trigger's fallback in the workflow-answer modes: another queue, so the benchmark can count fallbacks. */
export const ROUTE_FALLBACK = { action_type: 'queue', action_data: '6999' };
const fallbackParameters = {
	fallbackActionType: ROUTE_FALLBACK.action_type,
	fallbackActionData: ROUTE_FALLBACK.action_data,
};

function node(
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: Record<string, unknown>,
	extra = {},
) {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

function chain(...names: string[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** n8n's own way to answer a route request: Webhook + Respond to Webhook with the action. */
export function routeWebhookBaseline(): Workflow {
	return {
		id: 'BenchRouteWebhk1',
		name: 'bench: route via Webhook + Respond to Webhook',
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				0,
				{
					httpMethod: 'POST',
					path: 'bench-route-webhook',
					responseMode: 'responseNode',
					options: {},
				},
				{ webhookId: randomUUID() },
			),
			node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', 1.1, 240, {
				respondWith: 'json',
				responseBody: JSON.stringify(ROUTE_ANSWER),
				options: {},
			}),
		],
		connections: chain('Webhook', 'Respond to Webhook'),
	};
}

/**
 * "Get Result" for many calls with n8n's HTTP Request node: the call ids arrive in one
 * webhook request, Split Out makes one item per call, HTTP Request fetches each result.
 */
export function getResultsHttpRequest(): Workflow {
	return {
		id: 'BenchResultHttp1',
		name: 'bench: speech analytics results via HTTP Request',
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				0,
				{
					httpMethod: 'POST',
					path: 'bench-results-http',
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
				{ webhookId: randomUUID() },
			),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 220, {
				fieldToSplitOut: 'body.calls',
				options: {},
			}),
			node('HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, 440, {
				url: '={{ $json.baseUrl }}/callgetaireresult/{{ $json.token }}/{{ $json.callId }}',
				options: {},
			}),
		],
		connections: chain('Webhook', 'Split Out', 'HTTP Request'),
	};
}

/** The same job with the AloVoice node (Speech Analytics → Get Result); parameters from its description. */
export function getResultsAloVoice(parameters: Record<string, unknown>): Workflow {
	return {
		id: 'BenchResultAloV1',
		name: 'bench: speech analytics results via AloVoice',
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				0,
				{
					httpMethod: 'POST',
					path: 'bench-results-alovoice',
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
				{ webhookId: randomUUID() },
			),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 220, {
				fieldToSplitOut: 'body.calls',
				options: {},
			}),
			node('AloVoice', 'n8n-nodes-alovoice.aloVoice', 1, 440, parameters, {
				credentials: { aloVoiceApi: CREDENTIAL },
			}),
		],
		connections: chain('Webhook', 'Split Out', 'AloVoice'),
	};
}

function routeTrigger(parameters: Record<string, unknown>, typeVersion = 1) {
	return node(
		'Route request',
		'n8n-nodes-alovoice.aloVoiceTrigger',
		typeVersion,
		0,
		{ event: 'routeRequest', ...parameters },
		{ webhookId: randomUUID() },
	);
}

/** This package's route trigger deciding by a rule in the node, with or without an execution per request. */
export function routeTriggerRules(
	id: string,
	name: string,
	runOnRuleAnswer: boolean,
	typeVersion = 1,
): Workflow {
	return {
		id,
		name,
		nodes: [
			routeTrigger(
				{
					routeMode: 'rules',
					rules: {
						rule: [
							{
								match: 'any',
								value: '',
								actionType: ROUTE_ANSWER.action_type,
								actionData: ROUTE_ANSWER.action_data,
							},
						],
					},
					runOnRuleAnswer,
				},
				typeVersion,
			),
		],
		connections: {},
	};
}

/**
 * This package's route trigger with a Respond to Webhook node answering: the same two nodes as
 * n8n's own Webhook + Respond to Webhook. Respond to Webhook typeVersion 1, because from 1.1 on
 * it refuses triggers that are not n8n's own (see the README's "Known limits").
 */
export function routeTriggerRespondNode(): Workflow {
	return {
		id: 'BenchRouteTrgRn1',
		name: 'bench: route trigger, Respond to Webhook answers',
		nodes: [
			routeTrigger({ routeMode: 'responseNode', answerTimeout: 3, ...fallbackParameters }),
			node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', 1, 240, {
				respondWith: 'json',
				responseBody: JSON.stringify(ROUTE_ANSWER),
				options: {},
			}),
		],
		connections: chain('Route request', 'Respond to Webhook'),
	};
}

/** The campaign's fixed settings, the same for curl, the HTTP Request node and the AloVoice node. */
export const CAMPAIGN = {
	name: 'Bench campaign',
	from: '2026.12.01',
	to: '2026.12.31',
	fromtime: '09:00',
	totime: '18:00',
	trunks: '551234567',
};

/** A webhook that receives the recipients CSV and the message as a multipart upload. */
function campaignWebhook(path: string) {
	return node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		0,
		{
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
		{ webhookId: randomUUID() },
	);
}

/**
 * A campaign from an uploaded CSV with n8n's HTTP Request node: the multipart body built from
 * the two binary properties, the token in a header it takes from the request (an n8n user puts
 * it into a header parameter or a generic credential).
 */
export function campaignHttpRequest(): Workflow {
	const field = (name: string, value: string) => ({ name, value });
	return {
		id: 'BenchCampaignHt1',
		name: 'bench: campaign via HTTP Request',
		nodes: [
			campaignWebhook('bench-campaign-http'),
			node('HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, 240, {
				method: 'POST',
				url: '={{ $json.query.baseUrl }}/mapi/addAutorule',
				sendHeaders: true,
				headerParameters: {
					parameters: [{ name: 'Authorization', value: '=Bearer {{ $json.query.token }}' }],
				},
				sendBody: true,
				contentType: 'multipart-form-data',
				bodyParameters: {
					parameters: [
						...Object.entries(CAMPAIGN).map(([name, value]) => field(name, value)),
						{ parameterType: 'formBinaryData', name: 'record', inputDataFieldName: 'record' },
						{
							parameterType: 'formBinaryData',
							name: 'recipients',
							inputDataFieldName: 'recipients',
						},
					],
				},
				options: {},
			}),
		],
		connections: chain('Webhook', 'HTTP Request'),
	};
}

/** The same campaign with the AloVoice node: Campaign → Create from the uploaded CSV. */
export function campaignAloVoice(): Workflow {
	return {
		id: 'BenchCampaignAv1',
		name: 'bench: campaign via AloVoice',
		nodes: [
			campaignWebhook('bench-campaign-alovoice'),
			node(
				'AloVoice',
				'n8n-nodes-alovoice.aloVoice',
				1,
				240,
				{
					resource: 'campaign',
					operation: 'create',
					name: CAMPAIGN.name,
					messageBinaryProperty: 'record',
					recipientsFrom: 'binaryFile',
					recipientsBinaryProperty: 'recipients',
					fromDate: CAMPAIGN.from,
					toDate: CAMPAIGN.to,
					fromTime: CAMPAIGN.fromtime,
					toTime: CAMPAIGN.totime,
					trunks: [CAMPAIGN.trunks],
				},
				{ credentials: { aloVoiceApi: CREDENTIAL } },
			),
		],
		connections: chain('Webhook', 'AloVoice'),
	};
}

/** This package's route trigger with the workflow deciding (the last node's item is the answer). */
export function routeTriggerWorkflow(): Workflow {
	return {
		id: 'BenchRouteTrgWf1',
		name: 'bench: route trigger, workflow decides',
		nodes: [
			routeTrigger({ routeMode: 'lastNode', answerTimeout: 3, ...fallbackParameters }),
			node('Answer', 'n8n-nodes-base.set', 3.4, 240, {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: randomUUID(),
							name: 'action_type',
							value: ROUTE_ANSWER.action_type,
							type: 'string',
						},
						{
							id: randomUUID(),
							name: 'action_data',
							value: ROUTE_ANSWER.action_data,
							type: 'string',
						},
					],
				},
				options: {},
			}),
		],
		connections: chain('Route request', 'Answer'),
	};
}

/**
 * The floor (issue #12): a test-only community trigger with no parameters that answers
 * ROUTE_ANSWER without an execution (bench/floor, loaded only in the benchmark's n8n). No node
 * of this package can answer faster through n8n's webhook server.
 */
export const FLOOR_PACKAGE = 'n8n-nodes-bench-floor';
export function routeFloor(
	id: string,
	name: string,
	nodeName: 'benchFloorTrigger' | 'benchFloorExpressionTrigger',
	typeVersion: number,
): Workflow {
	return {
		id,
		name,
		nodes: [
			node(
				'Floor',
				`${FLOOR_PACKAGE}.${nodeName}`,
				typeVersion,
				0,
				{},
				{ webhookId: randomUUID() },
			),
		],
		connections: {},
	};
}

/** Version 2 of the route trigger with the AloVoice Answer node answering (the same two nodes as Webhook + Respond to Webhook). */
export function routeTriggerAnswerNode(): Workflow {
	return {
		id: 'BenchRouteAnsNd2',
		name: 'bench: route trigger v2, AloVoice Answer node answers',
		nodes: [
			routeTrigger({ routeMode: 'responseNode', answerTimeout: 3, ...fallbackParameters }, 2),
			node('AloVoice Answer', 'n8n-nodes-alovoice.aloVoiceAnswer', 1, 240, {
				answer: 'routeRequest',
				actionType: ROUTE_ANSWER.action_type,
				actionData: ROUTE_ANSWER.action_data,
			}),
		],
		connections: chain('Route request', 'AloVoice Answer'),
	};
}

/** A call event trigger (Call Started answers its own ID at once; Call Ended answers true), as the queue suite's load test has it. */
export function callEventTrigger(
	id: string,
	name: string,
	event: 'callStarted' | 'callEnded',
	typeVersion: number,
): Workflow {
	return {
		id,
		name,
		nodes: [
			node(
				'AloVoice Trigger',
				'n8n-nodes-alovoice.aloVoiceTrigger',
				typeVersion,
				0,
				{ event },
				{ webhookId: randomUUID() },
			),
		],
		connections: {},
	};
}
