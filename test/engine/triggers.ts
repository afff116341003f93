// Test-only nodes that stand for what a user's workflow does after the trigger, and the
// trigger hosted on loopback HTTP by the webhook harness.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { registerNodeType, type WorkflowNode } from '../harness/engine';
import { hostWorkflow, type HostedWorkflow } from '../harness/webhook';
import { AloVoiceAnswer } from '../../nodes/AloVoiceAnswer/AloVoiceAnswer.node';
import { AloVoiceTrigger } from '../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TelediscountTrigger } from '../../nodes/TelediscountTrigger/TelediscountTrigger.node';

/** Outputs `answer` (any JSON) after `delayMs`, or throws when `fail` is set. */
class AnswerNode implements INodeType {
	description = {
		displayName: 'Test Answer',
		name: 'testAnswer',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Answer' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Answer', name: 'answer', type: 'json', default: '{}' },
			{ displayName: 'Delay', name: 'delayMs', type: 'number', default: 0 },
			{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const delayMs = Number(this.getNodeParameter('delayMs', 0, 0));
		if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		if (this.getNodeParameter('fail', 0, false))
			throw new NodeOperationError(this.getNode(), 'CRM is down');
		return [[{ json: this.getNodeParameter('answer', 0, {}) as IDataObject }]];
	}
}

/** Like n8n's Respond to Webhook v1: sends `body` through the sendResponse hook. */
class RespondNode implements INodeType {
	description = {
		displayName: 'Test Respond',
		name: 'testRespond',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Respond' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Delay', name: 'delayMs', type: 'number', default: 0 },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const delayMs = Number(this.getNodeParameter('delayMs', 0, 0));
		if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		await this.sendResponse({
			body: this.getNodeParameter('body', 0, '') as IDataObject,
			statusCode: 200,
			headers: {},
		});
		return [this.getInputData()];
	}
}

registerNodeType(new AloVoiceTrigger());
registerNodeType(new AloVoiceAnswer());
registerNodeType(new TelediscountTrigger());
registerNodeType(new AnswerNode(), 'test.answer');
registerNodeType(new RespondNode(), 'test.respond');

export const TRIGGER = 'AloVoice Trigger';
export const TD_TRIGGER = 'Telediscount Trigger';

export const answerNode = (parameters: IDataObject): WorkflowNode => ({
	name: 'Answer',
	type: 'test.answer',
	parameters: parameters as never,
});
export const respondNode = (parameters: IDataObject): WorkflowNode => ({
	name: 'Respond',
	type: 'test.respond',
	parameters: parameters as never,
});

/** An AloVoice Answer node answering a route request with this action. */
export const answerRoute = (
	actionType: string,
	actionData: string,
	name = 'Answer PBX',
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
	name,
	type: 'n8n-nodes-alovoice.aloVoiceAnswer',
	parameters: { answer: 'routeRequest', actionType, actionData },
	...extra,
});
/** A Route Request an AloVoice Answer node is to answer within 2 s; else its fallback, queue 6999. */
export const answeredRoute = (extra: IDataObject = {}) => ({
	event: 'routeRequest',
	routeMode: 'responseNode',
	answerTimeout: 2,
	fallbackActionType: 'queue',
	fallbackActionData: '6999',
	...extra,
});

// The package's own secret credential types (credentials/AloVoiceTrigger*AuthApi.credentials.ts).
export const CREDENTIALS = {
	aloVoiceTriggerHeaderAuthApi: { name: 'X-PBX-Secret', secret: 'hdr-secret-7d1f0c' },
	aloVoiceTriggerQueryAuthApi: { name: 'key', secret: 'qry-secret-91ab2e' },
	aloVoiceTriggerBasicAuthApi: { user: 'pbx', password: 'basic-pass-55e0aa' },
};
export const SECRETS = [
	CREDENTIALS.aloVoiceTriggerHeaderAuthApi.secret,
	CREDENTIALS.aloVoiceTriggerQueryAuthApi.secret,
	CREDENTIALS.aloVoiceTriggerBasicAuthApi.password,
];

const credentialRefs = {
	aloVoiceTriggerHeaderAuthApi: { id: 'h', name: 'Header' },
	aloVoiceTriggerQueryAuthApi: { id: 'q', name: 'Query' },
	aloVoiceTriggerBasicAuthApi: { id: 'b', name: 'Basic' },
};

const hosted: HostedWorkflow[] = [];
afterEach(async () => {
	await Promise.all(hosted.splice(0).map(async (host) => await host.close()));
});

export async function host(
	parameters: IDataObject,
	next: WorkflowNode[] = [],
	type = 'n8n-nodes-alovoice.aloVoiceTrigger',
	credentials: Record<string, IDataObject> = CREDENTIALS,
) {
	const name = type.endsWith('telediscountTrigger') ? TD_TRIGGER : TRIGGER;
	const workflow = await hostWorkflow({
		trigger: { name, type, parameters: parameters as never, credentials: credentialRefs },
		next,
		credentials: credentials as never,
	});
	hosted.push(workflow);
	return workflow;
}

/** An AloVoice Trigger of this version, without credentials on the node. */
export async function hostVersion(
	typeVersion: number,
	parameters: IDataObject,
	next: WorkflowNode[] = [],
) {
	const workflow = await hostWorkflow({
		trigger: {
			name: TRIGGER,
			type: 'n8n-nodes-alovoice.aloVoiceTrigger',
			typeVersion,
			parameters: parameters as never,
		},
		next,
		credentials: CREDENTIALS,
	});
	hosted.push(workflow);
	return workflow;
}

/** The trigger's output items of every execution so far, as plain JSON. */
export async function itemsOf(workflow: HostedWorkflow, node = TRIGGER): Promise<IDataObject[]> {
	await workflow.settled();
	return workflow.executions.flatMap((run) => run.output(node).map((item) => item.json));
}
