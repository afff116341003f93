// Shared by every action node: reads resource and operation once, runs the operation, pairs its output with the input
// items, and turns a failed item into an error item when "Continue On Fail" is on.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationModule } from './operation';
import { ITEM_CONCURRENCY } from './operation';

export type ResourceMap = Record<string, Record<string, OperationModule>>;

export async function routeOperation(
	this: IExecuteFunctions,
	resources: ResourceMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	if (module.executeAll) {
		try {
			return [await module.executeAll.call(this, items)];
		} catch (error) {
			// Whatever broke (n8n's binary helpers, a bug) reaches n8n as a node error naming this
			// node; NodeApiError and NodeOperationError pass unchanged, with their item index.
			if (!this.continueOnFail()) throw nodeError(this, error);
			return [items.map((_, index) => ({ json: errorJson(error), pairedItem: { item: index } }))];
		}
	}

	if (module.concurrent) return [await runConcurrently.call(this, module.execute!, items.length)];

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const output = await module.execute!.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(output, { itemData: { item: itemIndex } }),
			);
		} catch (error) {
			returnData.push(failedItem.call(this, error, itemIndex));
		}
	}
	return [returnData];
}

/**
 * A read-only operation's items, up to ITEM_CONCURRENCY at once, output in input order. Without
 * "Continue On Fail" no item starts after one has failed, and the first failed item (by index)
 * stops the node, as it would one by one: items are started in order, so every item before it ran.
 */
async function runConcurrently(
	this: IExecuteFunctions,
	execute: NonNullable<OperationModule['execute']>,
	count: number,
): Promise<INodeExecutionData[]> {
	const outcomes: Array<{ output: INodeExecutionData[] } | { error: unknown }> = [];
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !failed) {
			const itemIndex = next++;
			try {
				outcomes[itemIndex] = { output: await execute.call(this, itemIndex) };
			} catch (error) {
				outcomes[itemIndex] = { error };
				if (!this.continueOnFail()) failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(ITEM_CONCURRENCY, count) }, worker));

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if ('error' in outcome) returnData.push(failedItem.call(this, outcome.error, itemIndex));
		else
			returnData.push(
				...this.helpers.constructExecutionMetaData(outcome.output, {
					itemData: { item: itemIndex },
				}),
			);
	}
	return returnData;
}

/** A failed item: an error item paired to its input with "Continue On Fail", else the node's error naming the item. */
function failedItem(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): INodeExecutionData {
	if (this.continueOnFail())
		return { json: errorJson(error as Error), pairedItem: { item: itemIndex } };
	throw nodeError(this, error, itemIndex);
}

/**
 * The error to throw for anything an operation threw: NodeApiError and NodeOperationError as they
 * are (given the item index when they have none), anything else wrapped in a NodeOperationError,
 * which keeps its message and names the node, as n8n shows node errors.
 */
export function nodeError(
	context: Pick<IExecuteFunctions, 'getNode'>,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined)
			error.context.itemIndex = itemIndex;
		return error;
	}
	const cause = error instanceof Error ? error : new Error(String(error));
	return new NodeOperationError(
		context.getNode(),
		cause,
		itemIndex === undefined ? {} : { itemIndex },
	);
}

function errorJson(error: Error & { description?: string | null; httpCode?: string | null }) {
	const json: Record<string, string> = { error: error.message };
	if (error.description) json.description = error.description;
	if (error.httpCode) json.httpCode = error.httpCode;
	return json;
}
