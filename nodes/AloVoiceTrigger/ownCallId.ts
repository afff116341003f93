// The id the node answers a callstart with when it answers itself (and the fallback when the
// workflow answers). One function, so a different id scheme replaces it here alone.
import { randomInt } from 'n8n-workflow';

import { CALL_ID } from './answers';

/** 32 hex characters (the id rule's longest text), unique per call. */
export function ownCallId(): string {
	// n8n-workflow's randomInt, not node:crypto: what ships imports no Node module
	// (docs/n8n-internals.md, "randomInt in n8n-workflow").
	let id = '';
	for (let digit = 0; digit < CALL_ID.maxLength; digit++) id += randomInt(16).toString(16);
	return id;
}
