// Every failure mode of the stand-in API against every operation: each becomes a NodeApiError
// that says what the PBX answered, and the key (which sits in every URL) appears nowhere.
import { TELEDISCOUNT_KEY } from '../../server/telediscount';
import { capturedLogs } from '../../harness/engine';
import { NODE, loggedText, useTelediscountServer } from './setup';

const operations = {
	'Call → Make': {
		parameters: {
			resource: 'call',
			operation: 'make',
			numA: 'SIP/00000000672',
			numB: '74951234567',
			options: { timeout: 1 },
		},
		action: 'placing the call',
		path: '/api.php/telephony/outcome',
	},
	'Call → Get Many': {
		parameters: { resource: 'call', operation: 'getMany', options: { timeout: 1 } },
		action: 'listing the calls',
		path: '/api.php/telephony/get_calls',
	},
	'Recording → Download': {
		parameters: {
			resource: 'recording',
			operation: 'download',
			apiCallId: 'c1f926a8f5727b77f9cbf39d8f35d061',
			binaryPropertyName: 'data',
			options: { timeout: 1 },
		},
		action: 'downloading the recording',
		path: '/api.php/telephony/get_record',
	},
};

type Case = [
	string,
	{ status?: number; delayMs?: number; reset?: boolean; malformed?: boolean; body?: unknown },
	(action: string) => string,
];

// Each PBX answer quotes the key, as a careless server would: the node must redact it.
const leakyBody = { error: `failure for abonent_api_key=${TELEDISCOUNT_KEY}` };

const cases: Case[] = [
	[
		'404',
		{ status: 404, body: leakyBody },
		(action) => `Telediscount answered 404 while ${action}: not found`,
	],
	[
		'429',
		{ status: 429, body: leakyBody },
		(action) => `Telediscount answered 429 while ${action}: too many requests, try again later`,
	],
	[
		'500',
		{ status: 500, body: leakyBody },
		(action) => `Telediscount answered 500 while ${action}: the PBX failed to handle the request`,
	],
	[
		'slow (past the timeout)',
		{ delayMs: 1500 },
		(action) => `Telediscount did not answer in time (1 s) while ${action}`,
	],
	[
		'connection reset',
		{ reset: true },
		(action) => `Telediscount closed the connection while ${action}`,
	],
];

// `null`: not a failure. outcome's answer is not documented, so a 200 HTML page is taken as a
// placed call (with no id we can read) rather than an error that invites a second call.
const malformedMessages: Record<keyof typeof operations, string | null> = {
	'Call → Make': null,
	'Call → Get Many':
		'Telediscount answered with a body that is not valid JSON while listing the calls',
	'Recording → Download':
		'Telediscount answered without a recording for call c1f926a8f5727b77f9cbf39d8f35d061',
};

describe('Telediscount failure modes', () => {
	const context = useTelediscountServer();
	const { server } = context;

	for (const [name, operation] of Object.entries(operations) as Array<
		[keyof typeof operations, (typeof operations)[keyof typeof operations]]
	>) {
		describe(name, () => {
			it.each(cases)('%s → NodeApiError, key nowhere', async (_label, failure, message) => {
				server.fail(failure);
				const result = await context.run(operation.parameters);

				expect(server.requests).toHaveLength(1);
				expect(server.requests[0].path).toBe(operation.path);
				expect(server.requests[0].query.abonent_api_key).toBe(TELEDISCOUNT_KEY);
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(message(operation.action));
				if (failure.body) {
					expect((result.error as { description?: string }).description).toBe(
						'The PBX answered: {"error":"failure for abonent_api_key=***"}',
					);
				}
				expect(result.serialized).toContain(message(operation.action));
				expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
				expect(loggedText()).not.toContain(TELEDISCOUNT_KEY);
			});

			it('malformed body → NodeApiError (a placed call for Make), key nowhere', async () => {
				server.fail({ malformed: true });
				const result = await context.run(operation.parameters);
				const message = malformedMessages[name];
				if (message === null) {
					expect(result.error).toBeUndefined();
					expect(result.output(NODE)[0].json).toMatchObject({
						callId: null,
						raw: '<html>Bad gateway</html>',
					});
					expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
					return;
				}
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(message);
				expect((result.error as { description?: string }).description).toBe(
					'The PBX answered: <html>Bad gateway</html>',
				);
				expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
			});

			it('a wrong key → 401 NodeApiError; neither key appears, though the PBX echoed it', async () => {
				const wrongKey = 'abonentWRONG0000ffffeeeedddd';
				const result = await context.run(operation.parameters, { apiKey: wrongKey });
				expect(server.requests[0].query.abonent_api_key).toBe(wrongKey);
				expect(result.error?.message).toBe(
					`Telediscount answered 401 while ${operation.action}: the token was refused (check the credential)`,
				);
				expect((result.error as { description?: string }).description).toBe(
					'The PBX answered: {"error":"Unknown abonent_api_key ***"}',
				);
				for (const secret of [wrongKey, TELEDISCOUNT_KEY]) {
					expect(result.serialized).not.toContain(secret);
					expect(loggedText()).not.toContain(secret);
				}
			});

			it('a server that is not there → NodeApiError naming the Base URL, key nowhere', async () => {
				const result = await context.run(operation.parameters, { baseUrl: 'http://127.0.0.1:1' });
				expect(result.error?.message).toBe(
					`Could not connect to Telediscount while ${operation.action}: connection refused (check the credential's Base URL)`,
				);
				expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
			});

			it('slow but within the timeout → the answer is used', async () => {
				server.fail({ delayMs: 400 });
				const result = await context.run(operation.parameters);
				expect(result.error).toBeUndefined();
				expect(result.output(NODE).length).toBeGreaterThan(0);
			});

			it('recovers once the PBX does: the next run succeeds', async () => {
				server.fail({ status: 500, times: 1 });
				expect((await context.run(operation.parameters)).error?.message).toContain('500');
				const result = await context.run(operation.parameters);
				expect(result.error).toBeUndefined();
				expect(result.output(NODE).length).toBeGreaterThan(0);
			});
		});
	}

	it('the log search looks where n8n logs: the failure is in the logs, the key is not', async () => {
		server.fail({ status: 500, body: leakyBody });
		const linesBefore = capturedLogs.length;
		const result = await context.run(operations['Call → Get Many'].parameters);
		expect(result.error?.message).toBe(
			'Telediscount answered 500 while listing the calls: the PBX failed to handle the request',
		);
		expect(capturedLogs.slice(linesBefore).join('\n')).toContain(result.error!.message);
		expect(loggedText()).not.toContain(TELEDISCOUNT_KEY);
	});

	it('successful runs carry the key nowhere either (outputs, execution data, logs)', async () => {
		for (const operation of Object.values(operations)) {
			const result = await context.run(operation.parameters);
			expect(result.error).toBeUndefined();
			expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
			expect(result.serialized).not.toContain(encodeURIComponent(TELEDISCOUNT_KEY));
		}
		expect(server.requests.map((request) => request.query.abonent_api_key)).toEqual([
			TELEDISCOUNT_KEY,
			TELEDISCOUNT_KEY,
			TELEDISCOUNT_KEY,
		]);
		expect(loggedText()).not.toContain(TELEDISCOUNT_KEY);
	});

	it('a PBX that echoes the key inside a successful answer: the output shows *** instead', async () => {
		server.state.calls[0].code_name_num_b = `Olga (${TELEDISCOUNT_KEY})`;
		const result = await context.run(operations['Call → Get Many'].parameters);
		expect(result.output(NODE)[0].json.answeredByName).toBe('Olga (***)');
		expect(result.serialized).not.toContain(TELEDISCOUNT_KEY);
	});
});
