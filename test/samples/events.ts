// The sample events a user can send to a trigger without a PBX: one source for the README's
// "Try a trigger without a PBX" (test/package/readme.samples.test.ts), the "Send a sample PBX event"
// workflow (examples/00-send-sample-event.json) and the example workflows' pinned data
// (scripts/pins.ts, test/package/examples.pinData.test.ts). Each runs through the real trigger in the
// engine's webhook harness, sent as its PBX sends it.
import type { IDataObject } from 'n8n-workflow';

import { registerNodeType } from '../harness/engine';
import { hostWorkflow } from '../harness/webhook';
import { examples, sendEvent, sendTelediscountEvent, type PbxAnswer } from '../server/pbxSide';
import { AloVoiceTrigger } from '../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TelediscountTrigger } from '../../nodes/TelediscountTrigger/TelediscountTrigger.node';

export const ALOVOICE_TRIGGER = 'n8n-nodes-alovoice.aloVoiceTrigger';
export const TELEDISCOUNT_TRIGGER = 'n8n-nodes-alovoice.telediscountTrigger';

let registered = false;
function registerTriggers() {
	if (registered) return;
	registered = true;
	registerNodeType(new AloVoiceTrigger());
	registerNodeType(new TelediscountTrigger());
}

export interface SampleEvent {
	/** The value of the sample's choice in examples/00 and its README label. */
	key: string;
	/** The Event's label in the trigger's Event list. */
	label: string;
	/** The trigger node type and its Event parameter. */
	type: typeof ALOVOICE_TRIGGER | typeof TELEDISCOUNT_TRIGGER;
	event: string;
	/** AloVoice POSTs a JSON body; Telediscount sends GET with query parameters. */
	method: 'POST' | 'GET';
	fields: Record<string, string | number | unknown[]>;
}

/**
 * One sample per event of both triggers, the documented bodies (test/server/pbxSide.ts). Call
 * Ended's call_id is the vendor's example id; the id a Call Started trigger answered works too.
 */
export const SAMPLE_EVENTS: SampleEvent[] = [
	{
		key: 'aloVoiceCallStarted',
		label: 'AloVoice: Call Started',
		type: ALOVOICE_TRIGGER,
		event: 'callStarted',
		method: 'POST',
		fields: examples.callStart,
	},
	{
		key: 'aloVoiceCallEnded',
		label: 'AloVoice: Call Ended',
		type: ALOVOICE_TRIGGER,
		event: 'callEnded',
		method: 'POST',
		fields: examples.callEnd,
	},
	{
		key: 'aloVoiceCallRequestResult',
		label: 'AloVoice: Call-Request Result',
		type: ALOVOICE_TRIGGER,
		event: 'callRequestResult',
		method: 'POST',
		fields: examples.callResult,
	},
	{
		key: 'aloVoiceRouteRequest',
		label: 'AloVoice: Route Request',
		type: ALOVOICE_TRIGGER,
		event: 'routeRequest',
		method: 'POST',
		fields: examples.routeRequest,
	},
	{
		key: 'telediscountIncomingCallStarted',
		label: 'Telediscount: Incoming Call Started',
		type: TELEDISCOUNT_TRIGGER,
		event: 'callStarted',
		method: 'GET',
		fields: examples.telediscountStart,
	},
	{
		key: 'telediscountCallFinished',
		label: 'Telediscount: Call Finished',
		type: TELEDISCOUNT_TRIGGER,
		event: 'callEnded',
		method: 'GET',
		fields: examples.telediscountEnd,
	},
];

/** A trigger node as a workflow holds it (examples/*.json), enough to host it. */
export interface TriggerNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: IDataObject;
}

export type Send = (url: string) => Promise<PbxAnswer>;

/** How the PBX sends these fields: AloVoice `curl --data '{…,}'`, Telediscount GET query. */
export function asThePbxSends(type: string, fields: SampleEvent['fields']): Send {
	return type === TELEDISCOUNT_TRIGGER
		? async (url) => await sendTelediscountEvent(url, fields as Record<string, string | number>)
		: async (url) => await sendEvent(url, fields);
}

/**
 * Hosts the trigger node alone (no secret credential, as the examples have none), sends one
 * request and returns the PBX's answer and the trigger's output items.
 */
export async function runTrigger(
	node: TriggerNode,
	send: Send,
): Promise<{ answer: PbxAnswer; items: IDataObject[] }> {
	registerTriggers();
	const workflow = await hostWorkflow({
		trigger: {
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			parameters: node.parameters as never,
		},
	});
	try {
		const answer = await send(workflow.url);
		await workflow.settled();
		const items = workflow.executions.flatMap((run) =>
			run.output(node.name).map((item) => item.json),
		);
		return { answer, items };
	} finally {
		await workflow.close();
	}
}

/** A trigger node for a sample: the latest version, the sample's Event, defaults otherwise. */
export function triggerFor(sample: SampleEvent, version = 2): TriggerNode {
	return {
		name: sample.type === TELEDISCOUNT_TRIGGER ? 'Telediscount Trigger' : 'AloVoice Trigger',
		type: sample.type,
		typeVersion: version,
		parameters: { event: sample.event },
	};
}
