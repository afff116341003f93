import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import * as call from './actions/call';
import * as recording from './actions/recording';
import { router } from './actions/router';
import { telediscountApiTest } from './methods/credentialTest';
import { operationOptions, operationSubtitle } from '../shared/subtitle';

/**
 * Two versions with the same parameters (docs/telediscount.md). Version 2 outputs
 * a call in the one shape the Telediscount Trigger version 2 shares (helpers/call.ts); version 1
 * keeps its own for saved workflows. The operations ask `typeVersion` where they differ.
 */
const baseDescription: INodeTypeBaseDescription = {
	displayName: 'Telediscount',
	name: 'telediscount',
	icon: { light: 'file:telediscount.svg', dark: 'file:telediscount.dark.svg' },
	group: ['output'],
	description:
		'Make calls, list the call history and download recordings from the Telediscount cloud PBX',
	defaultVersion: 2,
};

const resourceOptions = [
	{ name: 'Call', value: 'call' },
	{ name: 'Recording', value: 'recording' },
];

/** What every version describes alike; each version adds its number. */
const versionDescription: Pick<
	INodeTypeDescription,
	'defaults' | 'inputs' | 'outputs' | 'properties'
> = {
	defaults: { name: 'Telediscount' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			description: 'What in the Telediscount account to work with',
			noDataExpression: true,
			options: resourceOptions,
			default: 'call',
		},
		...call.description,
		...recording.description,
	],
};

/** "Get Many: Call", "Download: Recording": the dropdowns' words, as the AloVoice node has them. */
const subtitle = operationSubtitle(
	resourceOptions,
	operationOptions(versionDescription.properties),
);

/** One version of the node: the base and version descriptions, its number, the shared methods. */
export class TelediscountVersion implements INodeType {
	// A class field, not an assignment in the constructor: n8n's community lint reads the icon,
	// subtitle, usableAsTool and credentials from this literal, and only from a class field
	// (test/unit/Telediscount/Telediscount.node.test.ts keeps the icon in step with the base description's).
	description: INodeTypeDescription = {
		...baseDescription,
		...versionDescription,
		version: this.typeVersion,
		icon: { light: 'file:telediscount.svg', dark: 'file:telediscount.dark.svg' },
		subtitle,
		usableAsTool: true,
		// Tested by a function, not the credential's own request: see methods/credentialTest.ts.
		credentials: [{ name: 'telediscountApi', required: true, testedBy: 'telediscountApiTest' }],
	};

	methods = { credentialTest: { telediscountApiTest } };

	constructor(private readonly typeVersion: number) {}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

export class Telediscount extends VersionedNodeType {
	constructor() {
		super({ 1: new TelediscountVersion(1), 2: new TelediscountVersion(2) }, baseDescription);
	}
}
