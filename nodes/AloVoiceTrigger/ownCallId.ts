// The id the node answers a callstart with when it answers itself (and the fallback when the
// workflow answers): the call's start packed into the id the PBX echoes back as callend's
// call_id (callStartId.ts, docs/call-start-id.md), so Call Ended knows who called.
import { randomInt } from 'n8n-workflow';

import { encodeCallStart, type CallStartFacts } from './callStartId';

/** Up to 32 characters of [0-9a-z], never all digits, unique per call; holds `facts`. */
export function ownCallId(facts: CallStartFacts): string {
	// n8n-workflow's randomInt, not node:crypto: what ships imports no Node module
	// (docs/n8n-internals.md, "randomInt in n8n-workflow").
	return encodeCallStart(facts, randomInt);
}

/** The facts of a Call Started item (an unreadable one has none: all null). */
export function startFacts(item: Record<string, unknown>): CallStartFacts {
	const text = (value: unknown) => (typeof value === 'string' ? value : null);
	return {
		number: text(item.number),
		innerPhone: text(item.innerPhone),
		line: text(item.line),
		direction: text(item.direction),
		startTime: typeof item.startTime === 'number' ? item.startTime : null,
	};
}
