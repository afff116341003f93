// Answer Timeout is declared twice under one name (nodes/AloVoiceTrigger/answerTimeout.ts), each
// declaration shown for one event where the workflow answers. What a saved workflow set must act
// as before: run through n8n's Workflow (which keeps only the parameters shown) and the webhook
// harness, in every workflow mode of both events and both trigger versions, and read by the
// activation check. Where the node answers by itself, the timeout did nothing and still does not.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { activateTrigger } from '../../harness/webhook';
import { examples, sendEvent } from '../../server/pbxSide';
import { AloVoiceTrigger } from '../../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TRIGGER, answerNode, hostVersion, respondNode } from '../triggers';

const TYPE = 'n8n-nodes-alovoice.aloVoiceTrigger';
const trigger = new AloVoiceTrigger();

const host = async (
	version: 1 | 2,
	parameters: IDataObject,
	next: ReturnType<typeof answerNode>[],
) => await hostVersion(version, parameters, next);

/** A workflow answer that comes after 900 ms: later than the saved 0.3 s, well within the default 3 s. */
const LATE = 900;
const lateAnswer = (event: 'callStarted' | 'routeRequest', mode: string) => {
	const body = event === 'callStarted' ? '4711' : { action_type: 'peer', action_data: '2000' };
	return mode === 'lastNode'
		? [answerNode({ answer: event === 'callStarted' ? { id: 4711 } : body, delayMs: LATE })]
		: [respondNode({ body, delayMs: LATE })];
};

const CASES: Array<[1 | 2, 'callStarted' | 'routeRequest', string]> = [
	[1, 'callStarted', 'lastNode'],
	[1, 'callStarted', 'responseNode'],
	[1, 'routeRequest', 'lastNode'],
	[1, 'routeRequest', 'responseNode'],
	[2, 'callStarted', 'responseNode'],
	[2, 'routeRequest', 'responseNode'],
];
const modeParameter = (event: string) =>
	event === 'callStarted' ? 'callStartAnswer' : 'routeMode';

describe.each(CASES)(
	'version %i, %s, mode %s: the saved Answer Timeout acts',
	(version, event, mode) => {
		const saved = { event, [modeParameter(event)]: mode, answerTimeout: 0.3 };

		it('n8n keeps the saved value (the declaration shown for this event and mode holds it)', () => {
			const { description } = trigger.getNodeType(version);
			const node = {
				id: 'n',
				name: TRIGGER,
				type: TYPE,
				typeVersion: version,
				position: [0, 0] as [number, number],
				parameters: saved as INodeParameters,
			};
			for (const returnDefaults of [false, true])
				expect(
					NodeHelpers.getNodeParameters(
						description.properties,
						saved as INodeParameters,
						returnDefaults,
						false,
						node,
						description,
					)?.answerTimeout,
				).toBe(0.3);
		});

		// What the PBX gets at the deadline (the own id, the route fallback) is the event's own
		// test's: callStarted.test.ts, routeFallback.test.ts.
		it('a 900 ms workflow answer is late for the saved 0.3 s: the answer goes out at the deadline', async () => {
			const workflow = await host(version, saved, lateAnswer(event, mode));
			const answer = await sendEvent(
				workflow.url,
				examples[event === 'callStarted' ? 'callStart' : 'routeRequest'],
			);
			expect(answer.status).toBe(200);
			expect(answer.ms).toBeLessThan(LATE - 100);
			if (event === 'callStarted') expect(answer.body).not.toBe('4711');
			else expect(answer.json).not.toEqual({ action_type: 'peer', action_data: '2000' });
		});

		it('the activation check reads it: 30 s is refused, 10 s accepted', async () => {
			const activate = async (answerTimeout: number) =>
				await activateTrigger({
					name: TRIGGER,
					type: TYPE,
					typeVersion: version,
					parameters: { ...saved, answerTimeout } as never,
				});
			await expect(activate(30)).rejects.toThrow(
				'Answer Timeout (Seconds): Answer Timeout must be between 0.05 and 10 seconds, got 30.',
			);
			await expect(activate(10)).resolves.toEqual(['checkExists', 'create']);
		});
	},
);

describe.each([1, 2] as const)(
	'version %i: where the node answers by itself the timeout does nothing, as before',
	(version) => {
		it.each([
			{ event: 'callStarted', callStartAnswer: 'node', answerTimeout: 30 },
			{ event: 'routeRequest', routeMode: 'rules', answerTimeout: 30 },
			{ event: 'callEnded', answerTimeout: 30 },
		])('%j activates', async (parameters) => {
			await expect(
				activateTrigger({
					name: TRIGGER,
					type: TYPE,
					typeVersion: version,
					parameters: parameters as never,
				}),
			).resolves.toEqual(['checkExists', 'create']);
		});
	},
);

describe('the default applies when a workflow saved none', () => {
	it.each(CASES)(
		'version %i, %s, %s: the 900 ms answer is in time for the default 3 s',
		async (version, event, mode) => {
			const workflow = await host(
				version,
				{ event, [modeParameter(event)]: mode },
				lateAnswer(event, mode),
			);
			const answer = await sendEvent(
				workflow.url,
				examples[event === 'callStarted' ? 'callStart' : 'routeRequest'],
			);
			if (event === 'callStarted') expect(answer.body).toBe('4711');
			else expect(answer.json).toEqual({ action_type: 'peer', action_data: '2000' });
		},
	);
});
