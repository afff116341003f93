// The "Options" parameter of every operation: how long to wait for the PBX, plus the operation's own.
import type { INodeProperties } from 'n8n-workflow';

import { timeoutProperty } from '../../shared/options';

export function optionsCollection(
	resource: string,
	operation: string,
	own: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		description:
			"Less common settings: how long to wait for Telediscount, plus the operation's own",
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		options: [
			...own,
			timeoutProperty('How long to wait for Telediscount to answer before giving up'),
		],
	};
}
