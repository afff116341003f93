// Parameters every action node offers the same way, and reading them: how long to wait for the
// PBX, and "Return All" / "Limit".
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The "Timeout (Seconds)" entry of an operation's Options collection. */
export function timeoutProperty(description: string): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 30,
		description,
	};
}

/** A number of seconds typed by a user → milliseconds; `fallback` when not a positive number. */
export function secondsToMs(value: unknown, fallback: number, minSeconds = 0.1): number {
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds <= 0) return fallback;
	return Math.round(Math.max(seconds, minSeconds) * 1000);
}

/**
 * The item's Options → Timeout in milliseconds: the one place that reads it, for every operation of
 * both nodes that offers it (30 s when unset, empty or not a positive number).
 */
export function timeoutOf(this: IExecuteFunctions, itemIndex: number): number {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return secondsToMs(options.timeout, DEFAULT_TIMEOUT_MS);
}

/** "Return All" and "Limit" for a Get Many operation shown under `show`. */
export function returnAllAndLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: true,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
