// The trigger's parameters, assembled from its events' own (events/*.event.ts) in the order the
// editor shows them. Parameter names are used by the e2e suite and the examples: event,
// callStartAnswer, routeMode, rules, runOnRuleAnswer, fallbackActionType, fallbackActionData,
// answerTimeout, authentication, options.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty, commonOptions } from '../shared/webhook/node';
import { answerTimeoutProperty } from './answerTimeout';
import { events } from './events';

/** The Event dropdown; the node's subtitle shows the same labels. */
export const eventOptions: INodePropertyOptions[] = events.map((event) => event.option);

const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: eventOptions,
	default: 'callStarted',
	description: 'The PBX event this node receives; each event gets its own URL',
};

const notice: INodeProperties = {
	displayName:
		'Paste this node\'s Production URL into the PBX: Call Started and Call Ended in the vPBX "INTEGRATIONS" menu, Route Request as the URL of an "API request" route, Call-Request Result via AloVoice staff',
	name: 'notice',
	type: 'notice',
	default: '',
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	description: 'Security and request-size settings: IP allowlist, body size, invalid events',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: commonOptions,
};

/** A version's parameters: the Event choice, each event's own, then what all events share. */
export function triggerProperties(version: 1 | 2): INodeProperties[] {
	return [
		eventProperty,
		notice,
		...events.flatMap((event) => event.properties[version]),
		answerTimeoutProperty,
		authenticationProperty,
		options,
	];
}
