// Version 2 of the triggers: nothing n8n must evaluate per request (a static responseMode, no
// `binaryData` option read for typeVersion 2), the answer-node modes in place of "Respond to
// Webhook" and "The Last Node", and version 1 left as it was for saved workflows.
import type { IDataObject, INodeTypeDescription } from 'n8n-workflow';

import { registerNodeType, type WorkflowNode } from '../../harness/engine';
import { examples, sendEvent } from '../../server/pbxSide';
import { AloVoiceAnswer } from '../../../nodes/AloVoiceAnswer/AloVoiceAnswer.node';
import { AloVoiceTrigger } from '../../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TelediscountTrigger } from '../../../nodes/TelediscountTrigger/TelediscountTrigger.node';
import { TRIGGER, hostVersion } from '../triggers';
import { OWN_CALL_ID } from '../../ownCallId';

registerNodeType(new AloVoiceAnswer());

const trigger = new AloVoiceTrigger();
const v1 = trigger.getNodeType(1).description;
const v2 = trigger.getNodeType(2).description;
const optionValues = (description: INodeTypeDescription, name: string) =>
	(
		description.properties.find((property) => property.name === name)?.options as Array<{
			value: string;
		}>
	).map((option) => option.value);

const hostV2 = async (parameters: IDataObject, next: WorkflowNode[] = []) =>
	await hostVersion(2, parameters, next);
const answerNode = (parameters: IDataObject): WorkflowNode => ({
	name: 'Answer PBX',
	type: 'n8n-nodes-alovoice.aloVoiceAnswer',
	parameters: parameters as never,
});

describe('trigger versions', () => {
	it('new AloVoice Trigger nodes get version 2; version 1 stays loadable', () => {
		expect(trigger.description.defaultVersion).toBe(2);
		expect(Object.keys(trigger.nodeVersions).map(Number)).toEqual([1, 2]);
		expect([v1.version, v2.version]).toEqual([1, 2]);
	});

	it('version 2 has nothing for n8n to evaluate per request: one POST webhook with a static responseMode', () => {
		expect(v2.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', path: 'webhook' },
		]);
		for (const value of Object.values(v2.webhooks![0]))
			expect(String(value).startsWith('=')).toBe(false);
		// No binaryData option either (n8n reads it only for typeVersion 1, and the node has none).
		expect(JSON.stringify(v2.properties)).not.toContain('binaryData');
	});

	it('version 1 keeps its expression and its three answer modes for saved workflows', () => {
		expect(String(v1.webhooks![0].responseMode).startsWith('={{')).toBe(true);
		expect(optionValues(v1, 'routeMode')).toEqual(['rules', 'lastNode', 'responseNode']);
		expect(optionValues(v1, 'callStartAnswer')).toEqual(['node', 'lastNode', 'responseNode']);
	});

	it('version 2 offers the answer node instead of Respond to Webhook, and no "last node" mode', () => {
		expect(optionValues(v2, 'routeMode')).toEqual(['rules', 'responseNode']);
		expect(optionValues(v2, 'callStartAnswer')).toEqual(['node', 'responseNode']);
		const names = (name: string) =>
			(
				v2.properties.find((property) => property.name === name)?.options as Array<{ name: string }>
			).map((option) => option.name);
		expect(names('routeMode')).toContain('An AloVoice Answer Node');
		expect(names('callStartAnswer')).toContain('From an AloVoice Answer Node');
		expect(JSON.stringify(v2.properties)).not.toMatch(/Respond to Webhook|Last Node/);
	});

	it('the Telediscount Trigger has a version 2 too, with static webhooks', () => {
		const description = new TelediscountTrigger().description;
		expect([description.version, description.defaultVersion]).toEqual([[1, 2], 2]);
		for (const webhook of description.webhooks!) expect(webhook.responseMode).toBe('onReceived');
	});
});

describe('AloVoice Trigger version 2 answers as version 1 does', () => {
	it('route request, rules: answered at once, and the execution runs; n8n writes nothing after the answer', async () => {
		const workflow = await hostV2({
			event: 'routeRequest',
			rules: { rule: [{ match: 'any', value: '', actionType: 'peer', actionData: '2000' }] },
		});
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect([answer.status, answer.json]).toEqual([
			200,
			{ action_type: 'peer', action_data: '2000' },
		]);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
		expect(workflow.executions[0].output(TRIGGER)[0].json).toMatchObject({
			answer: { action_type: 'peer', action_data: '2000' },
			matchedRule: 1,
		});
	});

	it('route request, rules without an execution', async () => {
		const workflow = await hostV2({
			event: 'routeRequest',
			runOnRuleAnswer: false,
			rules: { rule: [{ match: 'any', value: '', actionType: 'ivr', actionData: '12' }] },
		});
		expect((await sendEvent(workflow.url, examples.routeRequest)).json).toEqual({
			action_type: 'ivr',
			action_data: '12',
		});
		await workflow.settled();
		expect(workflow.executions).toHaveLength(0);
	});

	it('route request, an AloVoice Answer node answers mid-workflow', async () => {
		const workflow = await hostV2(
			{
				event: 'routeRequest',
				routeMode: 'responseNode',
				fallbackActionType: 'queue',
				fallbackActionData: '6999',
			},
			[answerNode({ answer: 'routeRequest', actionType: 'trunk', actionData: '998712037006' })],
		);
		expect((await sendEvent(workflow.url, examples.routeRequest)).json).toEqual({
			action_type: 'trunk',
			action_data: '+998712037006',
		});
	});

	it("call started: own ID at once, or the answer node's ID", async () => {
		const own = await hostV2({ event: 'callStarted' });
		expect((await sendEvent(own.url, examples.callStart)).body).toMatch(OWN_CALL_ID);
		const byNode = await hostV2({ event: 'callStarted', callStartAnswer: 'responseNode' }, [
			answerNode({ answer: 'callStarted', callId: 'crm-9', callTo: '' }),
		]);
		expect((await sendEvent(byNode.url, examples.callStart)).body).toBe('crm-9');
	});

	it('call ended: plain true, and the execution runs', async () => {
		const workflow = await hostV2({ event: 'callEnded' });
		const answer = await sendEvent(workflow.url, examples.callEnd);
		expect([answer.status, answer.body]).toEqual([200, 'true']);
		await workflow.settled();
		expect(workflow.executions).toHaveLength(1);
	});
});
