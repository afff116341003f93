// The trigger's parameters, assembled from its events' own (events/*.event.ts) in the order the
// editor shows them. Parameter names are used by the e2e suite and the examples: event,
// callStartAnswer, routeMode, rules, runOnRuleAnswer, fallbackActionType, fallbackActionData,
// answerTimeout, authentication, options.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty, commonOptions } from '../shared/webhook/node';
import { answerTimeoutProperties } from './answerTimeout';
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
	description: 'The AloVoice event that starts the workflow; each event gets its own URL',
};

/**
 * Each event's own notice, shown for that event alone: where to paste its URL. Distinct names
 * (the first keeps the old `notice`); a notice stores nothing in a saved workflow.
 */
const notices: INodeProperties[] = events.map((event) => ({
	displayName: event.notice.displayName,
	name: event.notice.name,
	type: 'notice',
	default: '',
	displayOptions: { show: { event: [event.option.value] } },
}));

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
		...notices,
		...events.flatMap((event) => event.properties[version]),
		...answerTimeoutProperties,
		authenticationProperty,
		options,
	];
}
