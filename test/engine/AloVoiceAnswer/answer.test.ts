// The AloVoice Answer node answering the waiting PBX from the middle of a workflow: a real HTTP
// request from the PBX side to the AloVoice Trigger (routeMode / callStartAnswer "responseNode"),
// the workflow run by n8n-core, the answer node's sendResponse written to the HTTP response
// through the trigger's guard. Each test checks what the PBX received and what the workflow did
// after the answer. When the node does not answer (never reached, too late, refusing its action),
// the PBX gets the trigger's fallback: AloVoiceTrigger/routeFallback.test.ts. The answers it
// builds, without n8n: test/unit/AloVoiceAnswer/answer.test.ts.
import type { IDataObject } from 'n8n-workflow';

import {
	capturedLogs,
	registerNodeType,
	type RunResult,
	type WorkflowNode,
} from '../../harness/engine';
import { examples, sendEvent } from '../../server/pbxSide';
import { AloVoiceAnswer } from '../../../nodes/AloVoiceAnswer/AloVoiceAnswer.node';
import {
	answerNode,
	answeredRoute as routeTrigger,
	answerRoute as route,
	host,
	itemsOf,
	respondNode,
} from '../triggers';

registerNodeType(new AloVoiceAnswer());

const ANSWER_TYPE = 'n8n-nodes-alovoice.aloVoiceAnswer';
const startTrigger = (extra: IDataObject = {}) => ({
	event: 'callStarted',
	callStartAnswer: 'responseNode',
	answerTimeout: 2,
	...extra,
});

const callStart = (
	callId: unknown,
	callTo = '',
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
	name: 'Answer PBX',
	type: ANSWER_TYPE,
	parameters: { answer: 'callStarted', callId: callId as string, callTo },
	...extra,
});
/** What the workflow does after answering: a slow CRM write (test node that waits, then outputs). */
const crmWrite = (delayMs = 600): WorkflowNode => ({
	...answerNode({ answer: { written: true }, delayMs }),
	name: 'CRM',
});
/** When n8n-core recorded the end of a node's first run (ms since the epoch). */
const endedAt = (run: RunResult, node: string) => {
	const task = run.run.data.resultData.runData[node][0];
	return task.startTime + task.executionTime;
};

describe('AloVoice Answer: route request', () => {
	it.each([
		['peer', '2000', { action_type: 'peer', action_data: '2000' }],
		['queue', ' 6000 ', { action_type: 'queue', action_data: '6000' }],
		['ivr', '12', { action_type: 'ivr', action_data: '12' }],
		['trunk', '99 123 45 67', { action_type: 'trunk', action_data: '991234567' }],
		['trunk', '998765432100', { action_type: 'trunk', action_data: '+998765432100' }],
		['hangup', '', { action_type: 'hangup' }],
		['hangup', '17', { action_type: 'hangup', action_data: '17' }],
	])(
		'%s "%s": the PBX gets %j before the workflow goes on',
		async (actionType, actionData, expected) => {
			const workflow = await host(routeTrigger(), [route(actionType, actionData), crmWrite()]);
			const answer = await sendEvent(workflow.url, examples.routeRequest);
			const arrived = Date.now();
			expect([answer.status, answer.contentType, answer.json]).toEqual([
				200,
				'application/json; charset=utf-8',
				expected,
			]);
			await workflow.settled();
			const [run] = workflow.executions;
			expect(run.error).toBeUndefined();
			// Answered mid-workflow: the PBX had the answer before the 600 ms CRM write after it ended.
			expect(arrived).toBeLessThan(endedAt(run, 'CRM'));
			const [passed] = run.output('Answer PBX').map((item) => item.json);
			expect(passed).toMatchObject({
				fromNumber: '974244100',
				queueNumber: '6000',
				pbxAnswer: { sent: true, ...expected },
			});
			expect(run.output('CRM').map((item) => item.json)).toEqual([{ written: true }]);
		},
	);

	it('takes the action data from the request by expression', async () => {
		const workflow = await host(routeTrigger(), [route('queue', '={{ $json.queueNumber }}')]);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'queue', action_data: '6000' });
	});

	it.each([
		['peer', 'abc', 'Action Data: action_data for peer must be its number (digits), got "abc"'],
		['queue', '', 'Action Data: action_data for queue must be its number (digits), got ""'],
		[
			'ivr',
			'1234567890123',
			'Action Data: action_data for ivr must be its number (digits), got "1234567890123"',
		],
		['trunk', '12345', 'Action Data: action_data: "12345" is not a phone number AloVoice accepts'],
		[
			'hangup',
			'beep',
			'Action Data: action_data for hangup must be a sound-file id (digits) or empty, got "beep"',
		],
		[
			'dance',
			'1',
			'Action Type: action_type must be one of peer, queue, ivr, trunk, hangup, got "dance"',
		],
	])(
		'refuses %s "%s" before sending: the execution fails naming the field',
		// What the PBX gets then: AloVoiceTrigger/routeFallback.test.ts.
		async (actionType, actionData, message) => {
			const workflow = await host(routeTrigger(), [route(actionType, actionData)]);
			await sendEvent(workflow.url, examples.routeRequest);
			await workflow.settled();
			expect(String(workflow.executions[0].error?.message)).toContain(message);
		},
	);

	it('Continue On Fail: an error item per input item, nothing sent', async () => {
		const workflow = await host(routeTrigger({ answerTimeout: 0.5 }), [
			route('peer', 'abc', 'Answer PBX', { continueOnFail: true }),
		]);
		await sendEvent(workflow.url, examples.routeRequest);
		await workflow.settled();
		const out = workflow.executions[0].output('Answer PBX');
		expect(out.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					error: 'Action Data: action_data for peer must be its number (digits), got "abc"',
					pbxAnswer: { sent: false },
				},
				{ item: 0 },
			],
		]);
	});

	it('answered twice: the PBX gets the first answer; the second node sends nothing and says why', async () => {
		const workflow = await host(routeTrigger(), [
			route('peer', '2000', 'First'),
			route('queue', '6000', 'Second'),
		]);
		const logged = capturedLogs.length;
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'peer', action_data: '2000' });
		await workflow.settled();
		const run = workflow.executions[0];
		expect(run.output('First')[0].json.pbxAnswer).toEqual({
			sent: true,
			action_type: 'peer',
			action_data: '2000',
		});
		expect(run.output('Second')[0].json.pbxAnswer).toEqual({
			sent: false,
			reason: 'the PBX was already answered in this execution by "First"; this answer was not sent',
			wouldHaveSent: { action_type: 'queue', action_data: '6000' },
		});
		expect(capturedLogs.slice(logged).join('\n')).toContain(
			'already answered in this execution by "First"',
		);
	});

	it('answered twice by a Respond to Webhook node after it: still only the first answer reaches the PBX', async () => {
		const workflow = await host(routeTrigger(), [
			route('ivr', '12'),
			respondNode({ body: { action_type: 'peer', action_data: '1' } }),
		]);
		const answer = await sendEvent(workflow.url, examples.routeRequest);
		expect(answer.json).toEqual({ action_type: 'ivr', action_data: '12' });
	});

	it('the trigger item stays as it was: the answer node adds only pbxAnswer', async () => {
		const workflow = await host(routeTrigger(), [route('peer', '2000')]);
		await sendEvent(workflow.url, examples.routeRequest);
		const [trigger] = await itemsOf(workflow);
		const [passed] = workflow.executions[0].output('Answer PBX').map((item) => item.json);
		const { pbxAnswer, ...rest } = passed;
		expect(rest).toEqual(trigger);
		expect(pbxAnswer).toEqual({ sent: true, action_type: 'peer', action_data: '2000' });
	});
});

describe('AloVoice Answer: call started', () => {
	it.each([
		[
			'a text id',
			'crm-17',
			'',
			'text/plain; charset=utf-8',
			'crm-17',
			{ sent: true, id: 'crm-17' },
		],
		[
			'a numeric id by expression',
			'={{ 4711 }}',
			'',
			'text/plain; charset=utf-8',
			'4711',
			{ sent: true, id: '4711' },
		],
		[
			'an id of 32 characters',
			'x'.repeat(32),
			'',
			'text/plain; charset=utf-8',
			'x'.repeat(32),
			{ sent: true, id: 'x'.repeat(32) },
		],
		[
			'an id and a local callto',
			'crm-17',
			'99 123 45 67',
			'application/json',
			'{"id":"crm-17","callto":"991234567"}',
			{ sent: true, id: 'crm-17', callto: '991234567' },
		],
		[
			'an id and a 12-digit callto',
			'5',
			'+998994412860',
			'application/json',
			'{"id":"5","callto":"+998994412860"}',
			{ sent: true, id: '5', callto: '+998994412860' },
		],
	])(
		'%s: the PBX gets it before the workflow goes on',
		async (_label, callId, callTo, contentType, body, pbxAnswer) => {
			const workflow = await host(startTrigger(), [callStart(callId, callTo), crmWrite()]);
			const answer = await sendEvent(workflow.url, examples.callStart);
			const arrived = Date.now();
			expect([answer.status, answer.contentType, answer.body]).toEqual([200, contentType, body]);
			await workflow.settled();
			const run = workflow.executions[0];
			expect(arrived).toBeLessThan(endedAt(run, 'CRM'));
			expect(run.output('Answer PBX')[0].json.pbxAnswer).toEqual(pbxAnswer);
			expect(run.output('CRM').map((item) => item.json)).toEqual([{ written: true }]);
		},
	);

	it.each([
		// An empty literal is refused by n8n itself (a required parameter); an expression may still come out empty.
		['an id that comes out empty', '={{ $json.crmCallId ?? "" }}', '', 'Call ID: the id is empty'],
		[
			'an id of 33 characters',
			'x'.repeat(33),
			'',
			'Call ID: the id has 33 characters; at most 32 are allowed',
		],
		[
			'a 13-digit integer',
			'={{ 1234567890123 }}',
			'',
			'Call ID: the id 1234567890123 is not an integer of at most 12 digits',
		],
		[
			'a negative integer',
			'={{ -5 }}',
			'',
			'Call ID: the id -5 is not an integer of at most 12 digits',
		],
		[
			'a callto that is not a number',
			'crm-17',
			'manager',
			'Forward To (callto): callto: "manager" is not a phone number AloVoice accepts',
		],
		[
			'a callto of 10 digits',
			'crm-17',
			'9944128601',
			'Forward To (callto): callto: "9944128601" is not a phone number AloVoice accepts',
		],
	])(
		'refuses %s before sending; the trigger answers its own id at once',
		async (_label, callId, callTo, message) => {
			const workflow = await host(startTrigger(), [callStart(callId, callTo)]);
			const answer = await sendEvent(workflow.url, examples.callStart);
			const [item] = await itemsOf(workflow);
			expect([answer.status, answer.body]).toEqual([200, item.fallbackCallId]);
			expect(answer.ms).toBeLessThan(1500);
			expect(String(workflow.executions[0].error?.message)).toContain(message);
		},
	);

	it('answered twice: the first id reaches the PBX, the second is not sent', async () => {
		const workflow = await host(startTrigger(), [
			callStart('first-1'),
			{ ...callStart('second-2'), name: 'Again' },
		]);
		const answer = await sendEvent(workflow.url, examples.callStart);
		expect(answer.body).toBe('first-1');
		await workflow.settled();
		expect(workflow.executions[0].output('Again')[0].json.pbxAnswer).toMatchObject({
			sent: false,
			wouldHaveSent: { id: 'second-2' },
		});
	});
});
