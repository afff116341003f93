// A stand-in Telediscount API that speaks shared/api/telediscount.md: three GET endpoints
// under /api.php/telephony/, the key in the `abonent_api_key` query parameter, get_calls'
// optional filters, and get_record's audio. Like a careless real server, its 401 answer
// echoes the key it was given, so the tests prove the node redacts what the PBX says.
import type { TelediscountCallRecord } from '../../nodes/Telediscount/helpers/interfaces';
import type { RecordedRequest, Reply, Route } from './core';
import { StubServer } from './core';

/** The example key from the account's "CRM integration" page. */
export const TELEDISCOUNT_KEY = 'abonent1609ssHJka8732kfrsd6778ahd982h';

export interface StoredRecording {
	content: Buffer;
	mimeType: string;
	/** Sent as Content-Disposition when set. */
	fileName?: string;
}

export interface TelediscountState {
	key: string;
	/** The history get_calls filters, as the PBX types it (PHP: strings everywhere). */
	calls: TelediscountCallRecord[];
	recordings: Map<string, StoredRecording>;
	/** Calls placed through outcome, in order. */
	placed: Array<{ num_a: string; num_b: string; api_call_id: string }>;
	/**
	 * How outcome answers a call it placed. The API page's description of the answer is
	 * reconstructed ("returns the call's id"), so the node must take every plausible shape.
	 */
	outcomeAnswer: OutcomeAnswerShape;
	nextCallNumber: number;
}

/** A few bytes that start like an MP3 file (ID3 tag), enough to check they arrive untouched. */
export const SAMPLE_AUDIO = Buffer.concat([
	Buffer.from('ID3', 'latin1'),
	Buffer.from([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfb, 0x90, 0x64]),
	Buffer.alloc(64, 0x55),
]);

export function defaultCalls(): TelediscountCallRecord[] {
	return [
		{
			abonent_id: '1609',
			setup_time: '1700000000',
			service_name: 'ivr',
			num_a: '79039998877',
			code_name_num_a: 'Moscow, MTS',
			num_m: '79037778899',
			num_b: 'SIP/00000000672',
			code_name_num_b: 'Olga Manoli',
			num_a_connection_time: '42',
			num_b_connection_time: '37',
			connection_time: '37',
			num_a_waiting_time: '5',
			num_b_waiting_time: '3',
			recorder_file: 'c1f926a8f5727b77f9cbf39d8f35d061.mp3',
			price: '1.50',
			api_call_id: 'c1f926a8f5727b77f9cbf39d8f35d061',
		},
		{
			abonent_id: '1609',
			setup_time: '1700003600',
			service_name: 'sip_outcome',
			num_a: 'SIP/00000000672',
			code_name_num_a: 'Olga Manoli',
			num_m: '',
			num_b: '74951234567',
			code_name_num_b: 'Moscow, Rostelecom',
			num_a_connection_time: '120',
			num_b_connection_time: '118',
			connection_time: '118',
			num_a_waiting_time: '2',
			num_b_waiting_time: '9',
			recorder_file: '',
			price: '3.20',
			api_call_id: 'a7b3c9d1e5f7081234567890abcdef01',
		},
		{
			abonent_id: '1609',
			setup_time: '1700007200',
			service_name: 'sip_internal',
			num_a: 'SIP/00000000672',
			code_name_num_a: 'Olga Manoli',
			num_m: '',
			num_b: 'SIP/00000000673',
			code_name_num_b: 'Igor Batov',
			num_a_connection_time: '0',
			num_b_connection_time: '0',
			connection_time: '0',
			num_a_waiting_time: '15',
			num_b_waiting_time: '15',
			recorder_file: '',
			price: '0',
			api_call_id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
		},
	];
}

export function defaultState(): TelediscountState {
	return {
		key: TELEDISCOUNT_KEY,
		calls: defaultCalls(),
		recordings: new Map([
			[
				'c1f926a8f5727b77f9cbf39d8f35d061',
				{
					content: SAMPLE_AUDIO,
					mimeType: 'audio/mpeg',
					fileName: 'c1f926a8f5727b77f9cbf39d8f35d061.mp3',
				},
			],
		]),
		placed: [],
		outcomeAnswer: 'json',
		nextCallNumber: 1,
	};
}

/** Plausible answers of outcome for the call `id` it placed, by name (see `TelediscountState.outcomeAnswer`). */
export const OUTCOME_ANSWER_SHAPES = {
	json: (id: string): Reply => ({ body: { api_call_id: id } }),
	text: (id: string): Reply => ({ body: id }),
	nested: (id: string): Reply => ({ body: { result: 'ok', data: { call_id: id } } }),
	jsonWithoutId: (): Reply => ({ body: { result: 'ok' } }),
	empty: (): Reply => ({ body: '' }),
	ok: (): Reply => ({ body: 'OK' }),
	plainTrue: (): Reply => ({ body: 'true' }),
	html: (): Reply => ({
		body: '<html><body>Call placed</body></html>',
		headers: { 'content-type': 'text/html' },
	}),
};

export type OutcomeAnswerShape = keyof typeof OUTCOME_ANSWER_SHAPES;

const FILTERS = ['api_call_id', 'num_a', 'num_m', 'num_b'] as const;

export class TelediscountServer extends StubServer {
	state: TelediscountState = defaultState();

	constructor() {
		const routes: Route[] = [
			{
				method: 'GET',
				path: /^\/api\.php\/telephony\/outcome$/,
				handle: (request) => this.outcome(request),
			},
			{
				method: 'GET',
				path: /^\/api\.php\/telephony\/get_calls$/,
				handle: (request) => this.getCalls(request),
			},
			{
				method: 'GET',
				path: /^\/api\.php\/telephony\/get_record$/,
				handle: (request) => this.getRecord(request),
			},
		];
		super(routes);
	}

	/** Forgets requests and failures, and puts the history and recordings back as they were. */
	reset() {
		super.reset();
		this.state = defaultState();
	}

	private refuseKey(request: RecordedRequest): Reply | undefined {
		const given = request.query.abonent_api_key;
		if (given === this.state.key) return undefined;
		return {
			status: 401,
			body: { error: given ? `Unknown abonent_api_key ${given}` : 'abonent_api_key is required' },
		};
	}

	private outcome(request: RecordedRequest): Reply {
		const refused = this.refuseKey(request);
		if (refused) return refused;
		const { num_a: numA, num_b: numB } = request.query;
		if (!numA || !/^SIP\/\w+$/.test(numA))
			return { status: 400, body: { error: 'num_a must be a SIP account' } };
		if (!numB || !/^\d{11,15}$/.test(numB))
			return { status: 400, body: { error: 'num_b must be in universal format' } };
		const id = `d00d${String(this.state.nextCallNumber++).padStart(28, '0')}`;
		this.state.placed.push({ num_a: numA, num_b: numB, api_call_id: id });
		return OUTCOME_ANSWER_SHAPES[this.state.outcomeAnswer](id);
	}

	private getCalls(request: RecordedRequest): Reply {
		const refused = this.refuseKey(request);
		if (refused) return refused;
		const calls = this.state.calls.filter((call) =>
			FILTERS.every(
				(name) => !request.query[name] || String(call[name] ?? '') === request.query[name],
			),
		);
		return { body: calls };
	}

	private getRecord(request: RecordedRequest): Reply {
		const refused = this.refuseKey(request);
		if (refused) return refused;
		const id = request.query.api_call_id;
		if (!id) return { status: 400, body: { error: 'api_call_id is required' } };
		const recording = this.state.recordings.get(id);
		if (!recording) return { status: 404, body: { error: `No record for call ${id}` } };
		const headers: Record<string, string> = { 'content-type': recording.mimeType };
		if (recording.fileName)
			headers['content-disposition'] = `attachment; filename="${recording.fileName}"`;
		return { body: recording.content, headers };
	}
}
