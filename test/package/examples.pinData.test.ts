// Every example workflow's pinned data is what its trigger nodes output for a sample event,
// derived here from the triggers themselves (test/samples/pins.ts), so the pins follow the
// triggers' output: a field added to an event (Call Ended's `start`) fails this test until
// `npm run pins` writes the new items.
import { PIN_PLAN, pinsFor, readExampleFiles, sameKindOfId } from '../samples/pins';
import { examples, sendEvent } from '../server/pbxSide';
import { ALOVOICE_TRIGGER, runTrigger } from '../samples/events';

const files = readExampleFiles();
const RUN_PINS = 'the pins differ from what the triggers output now: run `npm run pins`';

describe('examples/ pinned data', () => {
	it('pins every PBX trigger of the examples 01–05, and plans no pin for a node that is not there', () => {
		const triggers = files.flatMap(({ file, workflow }) =>
			workflow.nodes
				.filter((node) => node.type.startsWith('n8n-nodes-alovoice.') && /Trigger$/.test(node.type))
				.map((node) => `${file} ${node.name}`),
		);
		const planned = Object.entries(PIN_PLAN).flatMap(([file, pins]) =>
			pins.map((pin) => `${file} ${pin.node}`),
		);
		expect(planned.sort()).toEqual(triggers.sort());
		expect(triggers.length).toBeGreaterThanOrEqual(5);
	});

	it.each(files.map(({ file, workflow }) => [file, workflow] as const))(
		'%s: its pinData is exactly its triggers’ output for the sample events',
		async (file, workflow) => {
			const derived = await pinsFor(file, workflow);
			expect({ file, pinData: workflow.pinData ?? {} }).toEqual({
				file,
				pinData: derived,
				...(JSON.stringify(workflow.pinData ?? {}) === JSON.stringify(derived)
					? {}
					: { hint: RUN_PINS }),
			});
		},
	);

	it('example 5 is pinned with a missed incoming call whose call id a Call Started trigger answered', async () => {
		const workflow = files.find(({ file }) => file.startsWith('05-'))!.workflow;
		const [{ json: item }] = workflow.pinData!['Call ended'];
		expect(item).toMatchObject({ event: 'callEnded', status: 'missed', answered: false });
		// A Call Started trigger of the same version, answering its own id for the sample call start.
		const callEnded = workflow.nodes.find((node) => node.name === 'Call ended')!;
		const { answer } = await runTrigger(
			{
				name: 'Call started',
				type: ALOVOICE_TRIGGER,
				typeVersion: callEnded.typeVersion,
				parameters: { event: 'callStarted', callStartAnswer: 'node' },
			},
			async (url) => await sendEvent(url, examples.callStart),
		);
		expect(sameKindOfId(item.callId, answer.body)).toBe(true);
		// Once the id carries the call's start (issue 20), the pin says who called.
		if ('start' in item) expect(item.start).toMatchObject({ innerPhone: '2000' });
	});
});
