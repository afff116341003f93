// Which operations the shared router may run several items of at once (nodes/shared/operation.ts,
// ITEM_CONCURRENCY): only those that ask and change nothing on the PBX. Placing calls, sending
// calls to analysis and creating campaigns stay one item at a time, so a failed item stops the
// ones after it. How concurrent items behave in a run: test/engine/AloVoice/speechAnalytics.test.ts.
import { resources as aloVoice } from '../../../nodes/AloVoice/actions/router';
import { resources as telediscount } from '../../../nodes/Telediscount/actions/router';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { routeOperation, type ResourceMap } from '../../../nodes/shared/router';
import { plainItems, registerNodeType, runWorkflow } from '../../harness/engine';

const operations = (resources: ResourceMap, concurrent: boolean) =>
	Object.entries(resources).flatMap(([resource, byName]) =>
		Object.entries(byName)
			.filter(([, module]) => Boolean(module.concurrent) === concurrent)
			.map(([operation]) => `${resource}.${operation}`),
	);

describe('operations that run items concurrently', () => {
	it('AloVoice: the read-only ones', () => {
		expect(operations(aloVoice, true).sort()).toEqual(
			[
				'campaign.get',
				'extension.getMany',
				'line.getMany',
				'recording.download',
				'speechAnalytics.getResult',
			].sort(),
		);
		expect(operations(aloVoice, false).sort()).toEqual(
			[
				'call.callIvr',
				'call.clickToCall',
				'call.startTwoWay',
				'campaign.create',
				'speechAnalytics.analyze',
			].sort(),
		);
	});

	it('Telediscount: the read-only ones', () => {
		expect(operations(telediscount, true).sort()).toEqual(['call.getMany', 'recording.download']);
		expect(operations(telediscount, false)).toEqual(['call.make']);
	});
});

// What reaches n8n when an operation throws: the router hands n8n only NodeApiError and
// NodeOperationError (n8n's community lint, require-node-api-error), for the all-items
// operations (campaign create) and the per-item ones alike. Run by n8n-core, through a test-only
// node whose operations throw what each case names.
describe('errors the router hands n8n', () => {
	const thrown: { value: unknown } = { value: undefined };
	const throwIt = async (): Promise<never> => {
		throw thrown.value;
	};
	const probe: INodeType = {
		description: {
			displayName: 'Router Probe',
			name: 'routerProbe',
			group: ['transform'],
			version: 1,
			description: 'test only',
			defaults: { name: 'Router Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Resource', name: 'resource', type: 'string', default: 'thing' },
				{ displayName: 'Operation', name: 'operation', type: 'string', default: 'all' },
			],
		},
		async execute(this: IExecuteFunctions) {
			return await routeOperation.call(this, {
				thing: {
					all: { description: [], executeAll: throwIt },
					each: { description: [], execute: throwIt },
					many: { description: [], execute: throwIt, concurrent: true },
				},
			});
		},
	};
	registerNodeType(probe, 'test.routerProbe');
	const run = (operation: string, continueOnFail = false) =>
		runWorkflow(
			[
				{
					name: 'Probe',
					type: 'test.routerProbe',
					parameters: { resource: 'thing', operation },
					continueOnFail,
				},
			],
			{
				input: [{ json: { a: 1 } }, { json: { a: 2 } }],
			},
		);

	it.each(['all', 'each', 'many'])(
		'%s: a raw Error becomes a NodeOperationError naming the node, with the message kept',
		async (operation) => {
			thrown.value = new TypeError('Cannot read properties of undefined');
			const result = await run(operation);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('Cannot read properties of undefined');
			expect((result.error as NodeOperationError).node?.name).toBe('Probe');
		},
	);

	it('all: a thrown non-Error (a string) becomes a NodeOperationError too, not "[object Object]" or a crash', async () => {
		thrown.value = 'the binary data is gone';
		const result = await run('all');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('the binary data is gone');
	});

	it.each(['all', 'each'])(
		'%s: a NodeApiError is not re-wrapped: the same error, its HTTP code and description kept',
		async (operation) => {
			const apiError = new NodeApiError(
				{
					id: '1',
					name: 'Probe',
					type: 'test.routerProbe',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{ message: 'refused' },
				{
					message: 'AloVoice refused the request',
					description: 'The PBX answered: no',
					httpCode: '403',
				},
			);
			thrown.value = apiError;
			const result = await run(operation);
			// n8n keeps the run's error as a plain copy: compare what it carries.
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe('AloVoice refused the request');
			expect((result.error as NodeApiError).httpCode).toBe('403');
			expect((result.error as NodeApiError).description).toBe('The PBX answered: no');
		},
	);

	it('each: the wrapped error says which item failed (the first, index 0); all: it names no item', async () => {
		thrown.value = new Error('boom');
		expect(((await run('each')).error as NodeOperationError).context.itemIndex).toBe(0);
		expect(((await run('all')).error as NodeOperationError).context.itemIndex).toBeUndefined();
	});

	it.each(['all', 'each'])(
		'%s with Continue On Fail: no node error, an error item per input item, paired to it',
		async (operation) => {
			thrown.value = new Error('boom');
			const result = await run(operation, true);
			expect(result.error).toBeUndefined();
			expect(plainItems(result.output('Probe'))).toEqual([
				{ json: { error: 'boom' }, pairedItem: { item: 0 } },
				{ json: { error: 'boom' }, pairedItem: { item: 1 } },
			]);
		},
	);
});
