// The AloVoice API's shapes for calls, extensions, speech analytics and recordings,
// transcribed from shared/api/alovoice.md §2–§5.

export type CallLanguage = 'ru' | 'uz';

/** POST /requestcall/{token}, two-way call: the initiator, then the recipients in order (or a queue). */
export interface TwoWayCallRequest {
	callfrom: { phone: string; lang: CallLanguage };
	callto: Array<{ phone: string; lang: CallLanguage }> | Array<{ queue: string }>;
	extid?: string;
}

/** POST /requestcall/{token}, call into an IVR. */
export interface IvrCallRequest {
	callto: string;
	ivrid: number;
	fromline: number;
	/** Language of the IVR's announcements, `ru` by default. */
	lang: CallLanguage;
	extid?: string;
}

/** POST /outcall/{token}: click-to-call from a CRM. Answer: plain `true`/`false`. */
export interface ClickToCallRequest {
	call_id: string;
	inner_phone: number | string;
	number: string;
	user_id: number | string;
}

/** One entry of GET /getpeers/{token}; numbers and flags come as numbers or strings. */
export interface ApiPeer {
	id: number | string;
	number: number | string;
	username: string;
	secret?: string;
	paystatus: number | string;
	status: string;
	block: number | string;
	dnd: number | string;
	isws: number | string;
	lastip: string;
	isdef: number | string;
	extnumber: string;
	rule: string;
	trunk_id: number | string;
	amoid: string | null;
	bxid: string | null;
	windowsapp: number | string;
	mobileqr: string;
	payto: string;
}

/** GET /callsendai/{token}/{call_id}. */
export interface SendToAnalysisAnswer {
	answer: { begin_time: number | string; aicallid: string; stereoaudio: string };
}

/** One transcript fragment: times in milliseconds from the start of the call. */
export interface TranscriptFragment {
	begin: number;
	end: number;
	direction: 'operator' | 'client' | string;
	text: string;
	fragment_id: number | string;
}

/** A quality rule: matched when `value` is not empty. */
export interface AnalysisTag {
	name: string;
	value: string;
	visible: boolean;
	tag_type: string;
	begin?: number;
	end?: number;
	match_text?: string;
	fragment_id?: number | string;
}

/** GET /callgetaireresult/{token}/{call_id}. */
export interface AnalysisResultAnswer {
	answer: {
		begin_time: number | string;
		aicallid: string;
		stalk?: TranscriptFragment[];
		tags?: AnalysisTag[];
		stereoaudio?: string;
	};
}
