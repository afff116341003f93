// Telediscount's shapes, transcribed from shared/api/telediscount.md (meanings reconstructed there).

/** One record of get_calls; the PBX may type numbers as strings. */
export interface TelediscountCallRecord {
	abonent_id?: string | number;
	/** UNIX time of the call. */
	setup_time?: string | number;
	/** `ivr`, `sip_outcome` (outgoing) or `sip_internal` (internal). */
	service_name?: string;
	num_a?: string | number;
	code_name_num_a?: string;
	/** The account's number that was called. */
	num_m?: string | number;
	/** Who answered: a SIP account or a number. */
	num_b?: string | number;
	code_name_num_b?: string;
	num_a_connection_time?: string | number;
	num_b_connection_time?: string | number;
	connection_time?: string | number;
	num_a_waiting_time?: string | number;
	num_b_waiting_time?: string | number;
	recorder_file?: string;
	price?: string | number;
	api_call_id?: string | number;
	[field: string]: unknown;
}

/** The readable form of a call record that the node outputs (the raw record rides along). */
export interface TelediscountCall {
	callId: string | null;
	accountId: string | null;
	kind: string | null;
	serviceName: string | null;
	startedAt: string | null;
	caller: string | null;
	callerE164: string | null;
	callerRegion: string | null;
	calledNumber: string | null;
	calledNumberE164: string | null;
	answeredBy: string | null;
	answeredByE164: string | null;
	answeredByName: string | null;
	talkSeconds: number | null;
	callerTalkSeconds: number | null;
	answeredByTalkSeconds: number | null;
	callerWaitSeconds: number | null;
	answeredByWaitSeconds: number | null;
	recordingFile: string | null;
	price: number | string | null;
	raw: TelediscountCallRecord;
}
