// The pinned data of the example workflows (examples/*.json `pinData`): for each trigger node,
// the item that trigger outputs for a sample event, taken from the trigger itself in the
// engine's webhook harness, never typed by hand. `npm run pins` (scripts/pins.ts) writes them;
// test/package/examples.pinData.test.ts fails when a file's pins and the triggers' output differ.
//
// Call ids: a Call Started item's callId is the trigger's own id, fresh on every call, and the
// Call Ended pins use such an id as call_id (what the PBX sends back), so Call Ended's output
// (its `start`, decoded from the id) is the one a real call gives. A pinned id is kept while
// it is of the same kind as one the trigger answers today (same length, alphabet and decoded
// start); otherwise the pins take a fresh one.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { examples, sendEvent } from '../server/pbxSide';
import { decodeCallStart } from '../../nodes/AloVoiceTrigger/callStartId';
import { ALOVOICE_TRIGGER, asThePbxSends, runTrigger, type TriggerNode } from './events';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

export type PinData = Record<string, Array<{ json: IDataObject }>>;

export interface ExampleWorkflow {
	name: string;
	nodes: Array<TriggerNode & { id: string }>;
	pinData?: PinData;
}

/** What each trigger node of an example is pinned with. */
type Pin =
	/** The event's fields as the PBX sends them. */
	| { node: string; fields: Record<string, unknown> }
	/** A Call Started node answering its own id: the sample call start. */
	| { node: string; callStart: Record<string, unknown> }
	/**
	 * A Call Ended node: the call end of a call whose start the trigger answered, the call_id
	 * being the id of `idOf` (a Call Started node of the same example) or of a Call Started
	 * trigger of the same version answering its own id.
	 */
	| { node: string; callEnd: Record<string, unknown>; idOf?: string };

/** A missed incoming call: rang, nobody answered, no recording (example 5's case). */
export const MISSED_CALL_END = {
	finish_time: examples.callStart.start_time + 30,
	duration: 0,
	status_code: 304,
	record: '',
};
/** An answered call of a minute, with its recording. */
export const ANSWERED_CALL_END = {
	finish_time: examples.callStart.start_time + 60,
	duration: 60,
	status_code: 200,
	record: 'https://cld.alovoice.uz/records/1.mp3',
};

/**
 * The plan, by file. 03 has none: its trigger is n8n's Webhook taking a CSV and an MP3 file,
 * and n8n pins JSON only ("You can't pin data if the output data includes binary data"), so a
 * pin would start the campaign node without the files it needs. 00 starts by hand.
 */
export const PIN_PLAN: Record<string, Pin[]> = {
	'01-call-log.json': [
		{ node: 'Call started', callStart: examples.callStart },
		{ node: 'Call ended', callEnd: ANSWERED_CALL_END, idOf: 'Call started' },
	],
	'02-route-to-manager.json': [{ node: 'Route request', fields: examples.routeRequest }],
	'04-analyze-calls.json': [{ node: 'Call ended', callEnd: ANSWERED_CALL_END }],
	'05-missed-call-callback.json': [{ node: 'Call ended', callEnd: MISSED_CALL_END }],
};

export function readExampleFiles(
	dir = EXAMPLES_DIR,
): Array<{ file: string; workflow: ExampleWorkflow }> {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleWorkflow,
		}));
}

/** An own id like `fresh`: the same length and alphabet, and the same decoded start (or the same reason it has none). */
export function sameKindOfId(pinned: unknown, fresh: string): pinned is string {
	return (
		typeof pinned === 'string' &&
		pinned.length === fresh.length &&
		/^[0-9a-z]+$/.test(pinned) &&
		JSON.stringify(decodeCallStart(pinned)) === JSON.stringify(decodeCallStart(fresh))
	);
}

async function onlyItem(node: TriggerNode, send: Parameters<typeof runTrigger>[1]) {
	const { answer, items } = await runTrigger(node, send);
	if (answer.status !== 200 || items.length !== 1)
		throw new Error(
			`${node.name}: the trigger answered ${answer.status} ${answer.body} with ${items.length} items`,
		);
	return { answer, item: items[0] };
}

/** The trigger's own id for the sample call start (a fresh one). */
async function ownIdFor(typeVersion: number | undefined, callStart: Record<string, unknown>) {
	const node: TriggerNode = {
		name: 'Call started',
		type: ALOVOICE_TRIGGER,
		typeVersion,
		parameters: { event: 'callStarted', callStartAnswer: 'node' },
	};
	const { answer } = await onlyItem(node, async (url) => await sendEvent(url, callStart));
	return answer.body;
}

/** The pins of one example: each planned trigger node's output item, from the trigger. */
export async function pinsFor(file: string, workflow: ExampleWorkflow): Promise<PinData> {
	const pins: PinData = {};
	for (const pin of PIN_PLAN[file] ?? []) {
		const node = workflow.nodes.find((candidate) => candidate.name === pin.node);
		if (!node) throw new Error(`${file}: no node "${pin.node}"`);
		const pinned = workflow.pinData?.[pin.node]?.[0]?.json;
		let item: IDataObject;
		if ('fields' in pin) {
			({ item } = await onlyItem(node, asThePbxSends(node.type, pin.fields as never)));
		} else if ('callStart' in pin) {
			({ item } = await onlyItem(node, async (url) => await sendEvent(url, pin.callStart)));
			const fresh = String(item.callId);
			if (sameKindOfId(pinned?.callId, fresh)) item = { ...item, callId: pinned.callId };
		} else {
			const fresh = pin.idOf
				? String(pins[pin.idOf]?.[0]?.json.callId)
				: await ownIdFor(node.typeVersion, examples.callStart);
			const callId = !pin.idOf && sameKindOfId(pinned?.callId, fresh) ? pinned.callId : fresh;
			const fields = { call_id: callId, ...pin.callEnd };
			({ item } = await onlyItem(node, async (url) => await sendEvent(url, fields)));
		}
		pins[pin.node] = [{ json: item }];
	}
	return pins;
}
