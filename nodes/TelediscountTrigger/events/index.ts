// The trigger's events, in the Event dropdown's order: each file holds the event's normalizers
// (version 1's and version 2's) and its handler (neither has parameters of its own).
import type { EventHandler } from '../../shared/webhook/events';

import * as callFinished from './callFinished.event';
import * as incomingCall from './incomingCall.event';

export const events = [incomingCall, callFinished];

/** The handler of each Event value. */
export const handlers: Record<string, EventHandler> = Object.fromEntries(
	events.map((event) => [event.option.value, event.webhook]),
);

/** Saved workflows with any other Event value have always been read as an incoming call. */
export const otherwise: EventHandler = incomingCall.webhook;
