import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CALL_ID, ROUTE_ACTIONS } from '../AloVoiceTrigger/answers';
import { optionLabel } from '../shared/subtitle';
import { buildCallStartAnswer, buildRouteAnswer, type AnswerKind, type Built } from './answer';

/**
 * The subtitle in words, as the dropdowns show them: "Route Request: Extension", or "Call Started"
 * (its ID is mostly an expression, which would show as code). An Action Type the list does not
 * know shows as it is.
 */
const answerSubtitle = `={{ $parameter["answer"] === "callStarted" ? "Call Started" : "Route Request: " + (${optionLabel('actionType', [...ROUTE_ACTIONS])}) }}`;

/** Flow-context key: set by the first answer node that sent, read by any later one in the same execution. */
const ANSWERED = 'aloVoiceAnswerSentBy';

/**
 * Answers the PBX that is waiting on an AloVoice Trigger (Route Request or Call Started, with the
 * trigger set to let a node answer) from the middle of the workflow, through n8n's sendResponse,
 * the way n8n's Respond to Webhook node does; the workflow goes on after it. A separate node, not
 * an AloVoice operation: it calls no AloVoice API and needs no credential, and n8n users look for
 * "answer the caller" as its own step (docs/alovoice-answer.md, "Answering the PBX from the workflow").
 *
 * It answers once per execution, from the first input item. A second answer (another answer
 * node, or this one again in a loop) is not sent: the PBX already has one, and n8n delivers only
 * the first anyway. The trigger's guard still checks what arrives and falls back when the
 * workflow fails, answers nothing in time or ends without answering.
 */
export class AloVoiceAnswer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AloVoice Answer',
		name: 'aloVoiceAnswer',
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		group: ['transform'],
		version: 1,
		// Not an AI tool, stated on purpose (n8n's community lint asks every node to say): as a tool
		// it could never answer the PBX (docs/n8n-internals.md, "Tools have no sendResponse").
		// Left unset, n8n offers no tool variant.
		usableAsTool: undefined,
		subtitle: answerSubtitle,
		description:
			'Answers AloVoice while it waits (a caller waiting for where to go, or a call that starts) and lets the workflow go on',
		defaults: { name: 'AloVoice Answer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'Works after an AloVoice Trigger set to let this node answer: Decide By "An AloVoice Answer Node" (Route Request) or Answer "From an AloVoice Answer Node" (Call Started). AloVoice gets the first answer; see the docs for answering twice or never.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Answer To',
				name: 'answer',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Route Request',
						value: 'routeRequest',
						description: 'Tell AloVoice where the waiting caller goes',
					},
					{
						name: 'Call Started',
						value: 'callStarted',
						description: 'An ID for the call, optionally a number to forward to',
					},
				],
				default: 'routeRequest',
				description:
					"Which waiting request of the AloVoice Trigger this node answers; it must match the trigger's Event",
			},
			{
				displayName: 'Action Type',
				name: 'actionType',
				type: 'options',
				displayOptions: { show: { answer: ['routeRequest'] } },
				options: [...ROUTE_ACTIONS],
				default: 'queue',
				description: 'Where the waiting caller goes',
			},
			{
				displayName: 'Action Data',
				name: 'actionData',
				type: 'string',
				displayOptions: { show: { answer: ['routeRequest'] } },
				default: '',
				placeholder: '2000',
				description:
					'Extension, queue, IVR: its number (digits). External number: 9 local digits or + and 12 digits. Hang up: a sound-file ID or empty.',
			},
			{
				displayName: 'Call ID',
				name: 'callId',
				type: 'string',
				required: true,
				displayOptions: { show: { answer: ['callStarted'] } },
				default: '',
				placeholder: '={{ $json.crmCallId }}',
				description: `The ID the PBX sends back with the call's end event: an integer of at most ${CALL_ID.maxDigits} digits or text of at most ${CALL_ID.maxLength} characters`,
			},
			{
				displayName: 'Forward To (Callto)',
				name: 'callTo',
				type: 'string',
				displayOptions: { show: { answer: ['callStarted'] } },
				default: '',
				placeholder: '994412860',
				description:
					'Optional: a number the PBX forwards the call to (9 local digits or + and 12 digits). Empty sends the ID alone.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const kind = this.getNodeParameter('answer', 0) as AnswerKind;
		// The answer comes from the first item, as n8n's Respond to Webhook does.
		const built: Built =
			kind === 'callStarted'
				? buildCallStartAnswer(
						this.getNodeParameter('callId', 0, ''),
						this.getNodeParameter('callTo', 0, ''),
					)
				: buildRouteAnswer(
						this.getNodeParameter('actionType', 0, ''),
						this.getNodeParameter('actionData', 0, ''),
					);
		if (!built.ok) {
			const message = `${built.field}: ${built.reason}`;
			if (this.continueOnFail()) {
				return [
					items.map((_, index) => ({
						json: { error: message, pbxAnswer: { sent: false } },
						pairedItem: { item: index },
					})),
				];
			}
			throw new NodeOperationError(node, message, {
				itemIndex: 0,
				description: 'Nothing was sent; the trigger answers the PBX with its fallback.',
			});
		}

		const flow = this.getContext('flow');
		const earlier = flow[ANSWERED] as string | undefined;
		let pbxAnswer: IDataObject;
		if (earlier !== undefined) {
			const reason = `the PBX was already answered in this execution by "${earlier}"; this answer was not sent`;
			this.logger.warn(`AloVoice Answer: ${reason}`, {
				node: node.name,
				workflowId: this.getWorkflow().id,
			});
			pbxAnswer = { sent: false, reason, wouldHaveSent: built.answer.sent };
		} else {
			flow[ANSWERED] = node.name;
			await this.sendResponse({
				body: built.answer.body,
				headers: { 'content-type': built.answer.contentType },
				statusCode: 200,
			});
			pbxAnswer = { sent: true, ...built.answer.sent };
		}
		return [
			items.map((item, index) => ({
				json: { ...item.json, pbxAnswer },
				pairedItem: { item: index },
			})),
		];
	}
}
