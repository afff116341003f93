// The call operations against every plausible answer of the PBX. The API pages never say what
// /requestcall answers (and /outcall is documented as plain true/false only): a 2xx answer is a
// placed call unless it is an explicit refusal, the output carries the answer as it came, and
// the node sends each call exactly once, whatever the answer.
import {
	ALOVOICE_TOKEN,
	AloVoiceServer,
	CALL_ANSWER_SHAPES,
	type CallAnswerShape,
} from '../../server/alovoice';
import { capturedLogs, plainItems, runWorkflow } from '../../harness/engine';

const OPERATIONS = {
	'Start Two-Way Call': {
		parameters: {
			resource: 'call',
			operation: 'startTwoWay',
			callFrom: '712037006',
			recipients: { recipient: [{ phone: '994412860', language: 'uz' }] },
			externalId: 'crm-7',
		},
		path: `/requestcall/${ALOVOICE_TOKEN}`,
		body: {
			callfrom: { phone: '712037006', lang: 'ru' },
			callto: [{ phone: '994412860', lang: 'uz' }],
			extid: 'crm-7',
		},
	},
	'Call Into IVR': {
		parameters: {
			resource: 'call',
			operation: 'callIvr',
			callTo: '+998994412860',
			ivrId: 222,
			fromLine: '712037006',
		},
		path: `/requestcall/${ALOVOICE_TOKEN}`,
		body: { callto: '+998994412860', ivrid: 222, fromline: 712037006, lang: 'ru' },
	},
	'Click-to-Call': {
		parameters: {
			resource: 'call',
			operation: 'clickToCall',
			extension: '2000',
			number: '994412860',
			callId: 'c-1',
			userId: '22',
		},
		path: `/outcall/${ALOVOICE_TOKEN}`,
		body: { call_id: 'c-1', inner_phone: 2000, number: '+998994412860', user_id: 22 },
	},
};

/** What each shape of CALL_ANSWER_SHAPES comes out as in the item's `answer`. */
const ANSWERS: Record<CallAnswerShape, unknown> = {
	plainTrue: true,
	jsonTrue: true,
	jsonObject: { success: true },
	jsonWithId: { id: 58123, status: 'queued' },
	jsonErrorNull: { error: null, errors: [], result: 'ok' },
	empty: null,
	noContent: null,
	ok: 'OK',
	one: 1,
	html: '<!DOCTYPE html><html><body>Call queued</body></html>',
};

const REFUSALS: Array<[string, unknown, string, string]> = [
	['plain false', 'false', 'answered false', 'false'],
	['JSON "false"', '"false"', 'answered false', '"false"'],
	[
		'{"success": false}',
		{ success: false, message: 'line busy' },
		'success is false: line busy',
		'{"success":false,"message":"line busy"}',
	],
	[
		'{"error": …}',
		{ error: 'callto is not allowed' },
		'callto is not allowed',
		'{"error":"callto is not allowed"}',
	],
	['{"status": "error"}', { status: 'error' }, 'status is error', '{"status":"error"}'],
	['an ERROR text', 'ERROR: no funds', 'answered "ERROR: no funds"', 'ERROR: no funds'],
];

describe('AloVoice call operations: every shape of answer', () => {
	const server = new AloVoiceServer();
	let baseUrl: string;
	const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
		runWorkflow([{ parameters: parameters as never, continueOnFail }], {
			credentials: { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl } },
		});

	beforeAll(async () => (baseUrl = await server.start()));
	afterAll(async () => await server.stop());
	beforeEach(() => {
		server.reset();
		server.state.callAnswer = undefined;
		server.state.callRequests.length = 0;
	});

	it('the stand-in has a shape for each expected answer, and the other way round', () => {
		expect(Object.keys(ANSWERS).sort()).toEqual(Object.keys(CALL_ANSWER_SHAPES).sort());
	});

	describe.each(Object.entries(OPERATIONS))('%s', (_name, operation) => {
		it.each(Object.keys(CALL_ANSWER_SHAPES) as CallAnswerShape[])(
			'answered %s: one request, a successful item carrying the answer',
			async (shape) => {
				server.state.callAnswer = shape;
				const result = await run(operation.parameters);
				expect(result.error).toBeUndefined();
				expect(server.requests).toHaveLength(1);
				expect(server.requests[0]).toMatchObject({ method: 'POST', path: operation.path });
				expect(server.requests[0].json).toEqual(operation.body);
				expect(plainItems(result.output('AloVoice'))).toEqual([
					{
						json: { success: true, ...operation.body, answer: ANSWERS[shape] },
						pairedItem: { item: 0 },
					},
				]);
				if (operation.path.startsWith('/requestcall'))
					expect(server.state.callRequests).toEqual([operation.body]);
			},
		);

		it.each(REFUSALS)(
			'refused with %s: a NodeApiError saying so, after one request',
			async (_label, body, reason, quoted) => {
				server.fail({ status: 200, body });
				const result = await run(operation.parameters);
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(`AloVoice refused the call: ${reason}`);
				expect((result.error as { description?: string }).description).toBe(
					`The PBX answered: ${quoted}`,
				);
				expect(server.requests).toHaveLength(1);
			},
		);

		it('refused, with Continue On Fail: an error item paired to its input', async () => {
			server.fail({ status: 200, body: { success: false } });
			const result = await run(operation.parameters, true);
			expect(plainItems(result.output('AloVoice'))).toEqual([
				{
					json: {
						error: 'AloVoice refused the call: success is false',
						description: 'The PBX answered: {"success":false}',
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(server.requests).toHaveLength(1);
		});

		it('a PBX that quotes the token, in a refusal or in an accepted answer: neither the error nor the item holds it', async () => {
			const logsFrom = capturedLogs.length;
			server.fail({
				status: 200,
				body: { error: `bad token ${ALOVOICE_TOKEN}`, url: `${baseUrl}${operation.path}` },
				times: 1,
			});
			const refused = await run(operation.parameters);
			expect(refused.error?.message).toBe('AloVoice refused the call: bad token ***');
			expect((refused.error as { description?: string }).description).toBe(
				`The PBX answered: {"error":"bad token ***","url":"${baseUrl}${operation.path.replace(ALOVOICE_TOKEN, '***')}"}`,
			);
			server.fail({ status: 200, body: { id: 7, url: `${operation.path}` }, times: 1 });
			const accepted = await run(operation.parameters);
			expect(accepted.output('AloVoice')[0].json.answer).toEqual({
				id: 7,
				url: operation.path.replace(ALOVOICE_TOKEN, '***'),
			});
			for (const text of [
				refused.serialized,
				accepted.serialized,
				capturedLogs.slice(logsFrom).join('\n'),
			]) {
				expect(text).not.toContain(ALOVOICE_TOKEN);
			}
		});

		it.each([
			['a 500', { status: 500, body: { error: 'internal' } }, 'AloVoice answered 500 while'],
			['no answer in time', { delayMs: 1500 }, 'AloVoice did not answer in time (1 s) while'],
			['a reset connection', { reset: true }, 'AloVoice closed the connection while'],
		])(
			'%s: an error after exactly one request (the node never sends a call twice)',
			async (_label, failure, message) => {
				server.fail(failure);
				const result = await run({ ...operation.parameters, options: { timeout: 1 } });
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message.startsWith(message)).toBe(true);
				// Past the timeout the stand-in would have answered: nothing else arrives.
				await new Promise((resolve) => setTimeout(resolve, 600));
				expect(server.requests).toHaveLength(1);
			},
		);
	});
});
