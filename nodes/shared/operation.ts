import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation: its parameters, and how it runs. */
export interface OperationModule {
	description: INodeProperties[];
	/** Runs once per input item; returns that item's output items (paired by the router). */
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
	/** Runs once for all input items (e.g. one campaign for all recipients); output pairs itself. */
	executeAll?: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	) => Promise<INodeExecutionData[]>;
	/** Read-only (asks, changes nothing on the PBX): the router may run up to `ITEM_CONCURRENCY` items at once. */
	concurrent?: boolean;
}

/**
 * How many items of a read-only operation are in flight at once. n8n's HTTP Request node sends
 * all items' requests at once; one by one, 1,000 "Get Result" items took 1.5× its time
 * (BENCHMARKS.md). Ten keeps that gain without flooding the PBX, and operations that place
 * calls or start campaigns stay one by one, so a failed item stops the ones after it.
 */
export const ITEM_CONCURRENCY = 10;
