// Incoming Call Started (Telediscount's "start of an incoming call" webhook): caller, number
// called, call id. Telediscount sends it as a GET with query parameters. Both versions'
// normalizers live here; the node's typeVersion picks one.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { Fields } from '../../shared/webhook/body';
import {
	Reader,
	notThisEvent,
	type EventCheck,
	type NormalizeOptions,
} from '../../shared/webhook/fields';
import { callEvent, receiveAndAcknowledge, RUSSIA } from '../receive';

export const option = {
	name: 'Incoming Call Started',
	value: 'callStarted',
	description: 'An incoming call starts: caller, number called, call ID',
};

/**
 * Version 1's list of the documented fields: a body with none of them is not this event. Version 2
 * reads CALL_SOURCE_FIELDS (nodes/Telediscount/helpers/call.ts), the page's full list.
 */
export const FIELDS = ['num_a', 'num_m', 'setup_time', 'api_call_id'] as const;

/** The fields a call's start and its end share; Call Finished builds on them. */
export function telediscountStart(read: Reader, country: string): Fields {
	const caller = read.caller('num_a', country);
	const called = read.phone('num_m', country);
	const setup = read.time('setup_time');
	return {
		event: 'callStarted',
		callId: read.id('api_call_id'),
		caller: caller.number,
		callerE164: caller.e164,
		callerWithheld: caller.withheld,
		calledNumber: called.number,
		calledNumberE164: called.e164,
		setupTime: setup.seconds,
		setupTimeIso: setup.iso,
	};
}

/** Version 1 (saved workflows): `num_a, num_m, setup_time, api_call_id`, its own names. */
export function normalize(fields: Fields, options: NormalizeOptions = {}): EventCheck {
	const read = new Reader(fields);
	if (!read.carriesAny(FIELDS)) return notThisEvent('incoming call started', FIELDS);
	const item = telediscountStart(read, options.defaultCountry ?? RUSSIA);
	return { ok: true, value: { ...item, warnings: read.warnings } };
}

/**
 * Version 2: the one Telediscount call shape; the keys only Call Finished or the call list
 * carry are null, `answered` too (no talk time has come yet).
 */
export function normalizeV2(fields: Fields): EventCheck {
	return callEvent(fields, 'incomingCall', 'callStarted', 'incoming call started');
}

export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const version = this.getNode().typeVersion;
	return await receiveAndAcknowledge(this, version >= 2 ? normalizeV2 : normalize);
}
