import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation: its parameters, and how it runs. */
export interface OperationModule {
	description: INodeProperties[];
	/** Runs once per input item; returns that item's output items (paired by the router). */
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
	/** Runs once for all input items (e.g. one campaign for all recipients); output pairs itself. */
	executeAll?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
}
