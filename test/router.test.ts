// Which operations the shared router may run several items of at once (nodes/shared/operation.ts,
// ITEM_CONCURRENCY): only those that ask and change nothing on the PBX. Placing calls, sending
// calls to analysis and creating campaigns stay one item at a time, so a failed item stops the
// ones after it. How concurrent items behave in a run: test/alovoice/speechAnalytics.test.ts.
import { resources as aloVoice } from '../nodes/AloVoice/actions/router';
import { resources as telediscount } from '../nodes/Telediscount/actions/router';
import type { ResourceMap } from '../nodes/shared/router';

const operations = (resources: ResourceMap, concurrent: boolean) =>
	Object.entries(resources).flatMap(([resource, byName]) =>
		Object.entries(byName)
			.filter(([, module]) => Boolean(module.concurrent) === concurrent)
			.map(([operation]) => `${resource}.${operation}`),
	);

describe('operations that run items concurrently', () => {
	it('AloVoice: the read-only ones', () => {
		expect(operations(aloVoice, true).sort()).toEqual(
			['campaign.get', 'extension.getMany', 'line.getMany', 'recording.download', 'speechAnalytics.getResult'].sort(),
		);
		expect(operations(aloVoice, false).sort()).toEqual(
			['call.callIvr', 'call.clickToCall', 'call.startTwoWay', 'campaign.create', 'speechAnalytics.analyze'].sort(),
		);
	});

	it('Telediscount: the read-only ones', () => {
		expect(operations(telediscount, true).sort()).toEqual(['call.getMany', 'recording.download']);
		expect(operations(telediscount, false)).toEqual(['call.make']);
	});
});
