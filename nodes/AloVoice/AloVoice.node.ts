import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import * as call from './actions/call';
import * as campaign from './actions/campaign';
import * as extension from './actions/extension';
import * as line from './actions/line';
import * as recording from './actions/recording';
import * as speechAnalytics from './actions/speechAnalytics';
import { router } from './actions/router';
import { loadOptions } from './methods/loadOptions';
import { operationOptions, operationSubtitle } from '../shared/subtitle';

const resourceOptions: INodePropertyOptions[] = [
	{ name: 'Call', value: 'call' },
	{ name: 'Campaign', value: 'campaign' },
	{ name: 'Extension', value: 'extension' },
	{ name: 'Line', value: 'line' },
	{ name: 'Recording', value: 'recording' },
	{ name: 'Speech Analysis', value: 'speechAnalytics' },
];

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	description: 'What in the AloVoice PBX to work with',
	noDataExpression: true,
	options: resourceOptions,
	default: 'call',
};

const propertiesV1: INodeProperties[] = [
	resource,
	...call.description,
	...campaign.description,
	...extension.description,
	...line.description,
	...recording.description,
	...speechAnalytics.description,
];

/** Version 2 (docs/alovoice.md, "AloVoice node versions"): defaults that work on a first run. */
const propertiesV2: INodeProperties[] = [
	resource,
	...call.description,
	...campaign.descriptionV2,
	...extension.description,
	...line.description,
	...recording.description,
	...speechAnalytics.descriptionV2,
];

/** "Get Many: Line", "Create: Campaign": the same words as the dropdowns, in both versions. */
const subtitle = operationSubtitle(resourceOptions, operationOptions(propertiesV1));

const baseDescription: INodeTypeBaseDescription = {
	displayName: 'AloVoice',
	name: 'aloVoice',
	icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
	group: ['output'],
	description:
		'Start autodial campaigns and calls, list lines and extensions, and get speech analytics and recordings from the AloVoice cloud PBX',
	defaultVersion: 2,
};

/** Each version's parameters: version 2 changes defaults (below). */
const versionProperties: Record<1 | 2, INodeProperties[]> = { 1: propertiesV1, 2: propertiesV2 };

/**
 * One version of the node: the base description, its number and parameters, the shared methods.
 * Version 1 stays as saved workflows know it. Version 2 changes defaults, which n8n does not
 * store (a parameter left at its default is absent from the saved workflow, so a new default
 * would change what an old workflow does): Speech Analysis → Get Result waits for the result,
 * and Campaign → Create takes its days from n8n date pickers. Same execute for both: an
 * operation that differs reads the node's typeVersion.
 */
export class AloVoiceVersion implements INodeType {
	description: INodeTypeDescription = {
		...baseDescription,
		// Literal here, as n8n's community lint reads them from the class.
		icon: { light: 'file:alovoice.svg', dark: 'file:alovoice.dark.svg' },
		version: this.typeVersion,
		subtitle,
		defaults: { name: 'AloVoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aloVoiceApi', required: true }],
		properties: versionProperties[this.typeVersion],
	};

	methods = { loadOptions };

	constructor(private readonly typeVersion: 1 | 2) {}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

export class AloVoice extends VersionedNodeType {
	constructor() {
		super({ 1: new AloVoiceVersion(1), 2: new AloVoiceVersion(2) }, baseDescription);
	}
}
