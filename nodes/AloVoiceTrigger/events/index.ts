// The trigger's events, in the Event dropdown's order: each file holds the event's parameters,
// its normalizer and its handler.
import type { EventHandler } from '../../shared/webhook/events';

import * as callEnded from './callEnded.event';
import * as callRequestResult from './callRequestResult.event';
import * as callStarted from './callStarted.event';
import * as routeRequest from './routeRequest.event';

export const events = [callStarted, callEnded, callRequestResult, routeRequest];

/** The handler of each Event value. */
export const handlers: Record<string, EventHandler> = Object.fromEntries(
	events.map((event) => [event.option.value, event.webhook]),
);
