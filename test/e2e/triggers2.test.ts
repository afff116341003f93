// The triggers' remaining paths in a real n8n 2.40.7, through the production URLs, each answer
// and each stored execution checked: the Telediscount Trigger's two events as Telediscount sends
// them (GET, query parameters), an answer given by a Respond to Webhook node (v1 works; what the
// PBX gets when its answer is invalid or n8n refuses v1.1, the fallback: routes.test.ts), call
// started answered by the workflow, and the security options besides the header secret: basic
// auth, the query secret, the IP allowlist.
import {
	exampleItems,
	examples,
	sendEvent,
	sendTelediscountEvent,
	type PbxAnswer,
} from '../server/pbxSide';
import {
	executionCounts,
	executionRunData,
	listExecutions,
	nodeOutput,
	startStack,
	waitFor,
	type Stack,
} from './stack';
import {
	ALOVOICE_TRIGGER,
	OWN_CALL_ID,
	TELEDISCOUNT_TRIGGER,
	chainWorkflow,
	respondToWebhook,
	routeRequestItem,
	setNode,
	type ChainNode,
} from './triggers';

const BASIC = {
	id: 'E2eBasicAuthPbx1',
	name: 'e2e PBX basic auth',
	user: 'pbx-e2e',
	password: 'basic-e2e-4b7a2d',
};
const QUERY = {
	id: 'E2eQuerySecret01',
	name: 'e2e PBX query secret',
	parameter: 'pbx_key',
	value: 'qry-e2e-c83f51',
};

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const alovoice = (
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	chain: ChainNode[] = [],
	credentials?: unknown,
) => chainWorkflow(id, name, { ...ALOVOICE_TRIGGER, parameters, credentials }, chain);
const telediscount = (
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	credentials?: unknown,
	typeVersion = 1,
) => chainWorkflow(id, name, { ...TELEDISCOUNT_TRIGGER, parameters, credentials, typeVersion });

/** The Respond to Webhook node's route answer, and a fallback that differs from it in type and data. */
const ROUTE_ANSWER = { action_type: 'queue', action_data: '6001' };
const FALLBACK = { action_type: 'ivr', action_data: '7777' };
const byResponseNode = {
	event: 'routeRequest',
	routeMode: 'responseNode',
	fallbackActionType: 'ivr',
	fallbackActionData: '7777',
	answerTimeout: 3,
};

const W = {
	tdStart: telediscount('e2eTdCallStart01', 'e2e telediscount: call started', {
		event: 'callStarted',
	}),
	tdEnd: telediscount('e2eTdCallEnded01', 'e2e telediscount: call finished', {
		event: 'callEnded',
	}),
	// Version 2: the one Telediscount call shape (nodes/Telediscount/helpers/call.ts).
	tdStartV2: telediscount(
		'e2eTdCallStartV2',
		'e2e telediscount v2: call started',
		{ event: 'callStarted' },
		undefined,
		2,
	),
	tdEndV2: telediscount(
		'e2eTdCallEndedV2',
		'e2e telediscount v2: call finished',
		{ event: 'callEnded' },
		undefined,
		2,
	),
	routeRespondV1: alovoice('e2eRouteRespV1a', 'e2e route: Respond to Webhook v1', byResponseNode, [
		respondToWebhook(1, 'json', JSON.stringify(ROUTE_ANSWER)),
	]),
	startLast: alovoice(
		'e2eStartLast001',
		'e2e call started: last node answers',
		{ event: 'callStarted', callStartAnswer: 'lastNode', answerTimeout: 3 },
		[
			// The CRM's id for the call, and for extension 2001 a number to put the call through to.
			setNode('CRM id', {
				id: '={{ "crm-" + $json.innerPhone }}',
				callto: '={{ $json.innerPhone === "2001" ? "99 123 45 67" : "" }}',
			}),
		],
	),
	startInvalid: alovoice(
		'e2eStartInval01',
		'e2e call started: invalid answer',
		{ event: 'callStarted', callStartAnswer: 'lastNode', answerTimeout: 3 },
		[setNode('CRM id', { id: 1234567890123 })],
	),
	startRespondV1: alovoice(
		'e2eStartRespV1a',
		'e2e call started: Respond to Webhook v1',
		{ event: 'callStarted', callStartAnswer: 'responseNode', answerTimeout: 3 },
		[respondToWebhook(1, 'text', '123456789012')],
	),
	basic: alovoice(
		'e2eSecBasicAuth',
		'e2e security: basic auth',
		{ event: 'callEnded', authentication: 'basicAuth' },
		[],
		{
			aloVoiceTriggerBasicAuthApi: { id: BASIC.id, name: BASIC.name },
		},
	),
	query: telediscount(
		'e2eSecQueryAuth',
		'e2e security: query secret',
		{ event: 'callStarted', authentication: 'queryAuth' },
		{
			aloVoiceTriggerQueryAuthApi: { id: QUERY.id, name: QUERY.name },
		},
	),
	ipDeny: alovoice('e2eSecIpDeny001', 'e2e security: IP allowlist without loopback', {
		event: 'callEnded',
		options: { ipAllowlist: '203.0.113.0/24, 2001:db8::/32' },
	}),
	ipAllow: alovoice('e2eSecIpAllow01', 'e2e security: IP allowlist with loopback', {
		event: 'callEnded',
		options: { ipAllowlist: '127.0.0.1, ::1' },
	}),
};
type Key = keyof typeof W;

let stack: Stack;
const urls = {} as Record<Key, string>;

beforeAll(
	async () => {
		stack = await startStack(Object.values(W), {
			credentials: [
				{
					id: BASIC.id,
					name: BASIC.name,
					type: 'aloVoiceTriggerBasicAuthApi',
					data: { user: BASIC.user, password: BASIC.password },
				},
				{
					id: QUERY.id,
					name: QUERY.name,
					type: 'aloVoiceTriggerQueryAuthApi',
					data: { name: QUERY.parameter, secret: QUERY.value },
				},
			],
		});
		const hooks = stack.n8n.webhooks();
		for (const [key, wf] of Object.entries(W)) {
			// Telediscount sends GET; the AloVoice PBX POSTs.
			const method = wf.nodes.some((node) => (node as ChainNode).type === TELEDISCOUNT_TRIGGER.type)
				? 'GET'
				: 'POST';
			const hook = hooks.find(
				(candidate) => candidate.workflow === wf.name && candidate.method === method,
			);
			if (!hook)
				throw new Error(
					`n8n registered no ${method} webhook for ${wf.name}: ${JSON.stringify(hooks)}`,
				);
			urls[key as Key] = hook.url;
		}
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

const total = (key: Key) =>
	Object.values(executionCounts(stack.n8n, W[key].id)).reduce((a, b) => a + b, 0);
const seen = (answer: PbxAnswer) => ({
	status: answer.status,
	contentType: answer.contentType,
	body: answer.body,
});
const refusal = (status: number, error: string) => ({
	status,
	contentType: JSON_TYPE,
	body: JSON.stringify({ error }),
});
/** The same production URL reached from another loopback address. */
const via = (url: string, host: '127.0.0.1' | '[::1]') => {
	const target = new URL(url);
	target.hostname = host;
	return target.toString();
};

/** Waits for exactly `counts` (per status) for the workflow, then returns its executions' run data, oldest first. */
async function executions(key: Key, counts: Record<string, number>) {
	const id = W[key].id;
	const wanted = Object.values(counts).reduce((a, b) => a + b, 0);
	const settled = () =>
		Object.entries(counts).every(([status, n]) => executionCounts(stack.n8n, id)[status] === n);
	// Stops early when there are more executions than expected, so the exact check below says so.
	await waitFor(
		() => total(key) > wanted || (total(key) === wanted && settled()),
		30_000,
		`${JSON.stringify(counts)} for ${id}`,
	);
	expect(executionCounts(stack.n8n, id)).toEqual(counts);
	const listed = (await listExecutions(stack.n8n, id)).reverse();
	return await Promise.all(
		listed.map(async (execution) => await executionRunData(stack.n8n, execution.id)),
	);
}

/** How many fallback warnings the trigger has logged for an event so far. */
const fallbackWarnings = (event: string) =>
	stack.n8n.log().split(`AloVoice Trigger (${event}): fallback answer sent`).length - 1;

/** Refused requests start nothing: n8n gets time to store anything it might have started. */
async function expectNothingStarted(key: Key, before: number) {
	await new Promise((done) => setTimeout(done, 2000));
	expect(total(key)).toBe(before);
}

const TD_START_ITEM = exampleItems.telediscountStart;
const CALL_START_ITEM = {
	...exampleItems.callStart,
	receivedAs: 'formJson',
	raw: examples.callStart,
};
const CALL_END_ITEM = { ...exampleItems.callEnd, receivedAs: 'formJson', raw: examples.callEnd };

describe('Telediscount Trigger (GET with query parameters, as Telediscount sends them)', () => {
	test('incoming call started: 200 OK; one successful execution with the normalized item', async () => {
		const answer = await sendTelediscountEvent(urls.tdStart, examples.telediscountStart);
		expect(seen(answer)).toEqual({ status: 200, contentType: TEXT, body: 'OK' });
		const [run] = await executions('tdStart', { success: 1 });
		expect(nodeOutput(run.runData, 'Telediscount Trigger')).toEqual([
			{ ...TD_START_ITEM, receivedAs: 'query', raw: examples.telediscountStart },
		]);
	});

	test('call finished: 200 OK; one successful execution with seconds and price as numbers', async () => {
		const answer = await sendTelediscountEvent(urls.tdEnd, examples.telediscountEnd);
		expect(seen(answer)).toEqual({ status: 200, contentType: TEXT, body: 'OK' });
		const [run] = await executions('tdEnd', { success: 1 });
		expect(nodeOutput(run.runData, 'Telediscount Trigger')).toEqual([
			{ ...exampleItems.telediscountEnd, receivedAs: 'query', raw: examples.telediscountEnd },
		]);
	});

	test('version 2, incoming call started: 200 OK; the item is the one call shape, every key there', async () => {
		const answer = await sendTelediscountEvent(urls.tdStartV2, examples.telediscountStart);
		expect(seen(answer)).toEqual({ status: 200, contentType: TEXT, body: 'OK' });
		const [run] = await executions('tdStartV2', { success: 1 });
		expect(nodeOutput(run.runData, 'Telediscount Trigger')).toEqual([
			{ ...exampleItems.telediscountStartV2, receivedAs: 'query', raw: examples.telediscountStart },
		]);
	});

	test('version 2, call finished: the one call shape; "12,50" a number, 9039998877 an E.164, a SIP caller a caller', async () => {
		const odd = { ...examples.telediscountEnd, price: '12,50', num_a: '9039998877' };
		const sip = { ...examples.telediscountEnd, num_a: 'SIP/00000000672' };
		for (const fields of [examples.telediscountEnd, odd, sip]) {
			const answer = await sendTelediscountEvent(urls.tdEndV2, fields);
			expect(seen(answer)).toEqual({ status: 200, contentType: TEXT, body: 'OK' });
		}
		const runs = await executions('tdEndV2', { success: 3 });
		expect(runs.map((run) => nodeOutput(run.runData, 'Telediscount Trigger'))).toEqual([
			[{ ...exampleItems.telediscountEndV2, receivedAs: 'query', raw: examples.telediscountEnd }],
			[
				{
					...exampleItems.telediscountEndV2,
					caller: '9039998877',
					callerE164: '+79039998877',
					price: 12.5,
					receivedAs: 'query',
					raw: odd,
				},
			],
			[
				{
					...exampleItems.telediscountEndV2,
					caller: 'SIP/00000000672',
					callerE164: null,
					receivedAs: 'query',
					raw: sip,
				},
			],
		]);
	});

	test('requests that carry no event get 400 with a JSON reason and start nothing', async () => {
		const before = { tdStart: total('tdStart'), tdEnd: total('tdEnd') };
		const cases: Array<[Key, Record<string, string>, string]> = [
			['tdStart', {}, 'The request carries no event: the body and the query string are empty.'],
			[
				'tdStart',
				{ utm_source: 'scan', page: '2' },
				'Not a readable event: the body carries none of the incoming call started fields (num_a, num_m, setup_time, api_call_id).',
			],
			[
				'tdEnd',
				{ hello: 'world' },
				'Not a readable event: the body carries none of the call finished fields (num_a, num_m, num_b, setup_time, api_call_id, connection_time, waiting_time, price).',
			],
		];
		for (const [key, fields, reason] of cases) {
			const answer = await sendTelediscountEvent(urls[key], fields);
			expect({ fields, ...seen(answer) }).toEqual({ fields, ...refusal(400, reason) });
		}
		// A POST to the same URL whose body is not an event.
		const post = await fetch(urls.tdStart, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'ring ring',
		});
		expect({ status: post.status, body: await post.text() }).toEqual({
			status: 400,
			body: JSON.stringify({ error: 'The body is neither JSON nor form fields.' }),
		});
		await expectNothingStarted('tdStart', before.tdStart);
		expect(total('tdEnd')).toBe(before.tdEnd);
	});

	test('odd values are accepted: 200 OK, one execution each, null and a warning where the value was odd', async () => {
		const before = {
			tdStart: executionCounts(stack.n8n, W.tdStart.id).success ?? 0,
			tdEnd: executionCounts(stack.n8n, W.tdEnd.id).success ?? 0,
		};
		const { api_call_id: _callId, ...noCallId } = examples.telediscountStart;
		const cases: Array<[Key, Record<string, string>, Record<string, unknown>]> = [
			[
				'tdStart',
				{ ...examples.telediscountStart, setup_time: 'today' },
				{ setupTime: null, warnings: ['setup_time is "today"; expected a UNIX time in seconds'] },
			],
			[
				'tdStart',
				noCallId,
				{ callId: null, warnings: ['api_call_id is missing; expected an id (digits or text)'] },
			],
			[
				'tdStart',
				{ ...examples.telediscountStart, num_a: '' },
				{ caller: null, callerWithheld: true, warnings: [] },
			],
			[
				'tdEnd',
				{ ...examples.telediscountEnd, connection_time: 'long' },
				{
					connectionTime: null,
					answered: false,
					warnings: ['connection_time is "long"; expected a number of seconds (0 or more)'],
				},
			],
			[
				'tdEnd',
				examples.telediscountStart,
				{
					connectionTime: null,
					answeredBy: null,
					warnings: ['connection_time is missing; expected a number of seconds (0 or more)'],
				},
			],
		];
		for (const [key, fields] of cases) {
			const answer = await sendTelediscountEvent(urls[key], fields);
			expect({ fields, ...seen(answer) }).toEqual({
				fields,
				status: 200,
				contentType: TEXT,
				body: 'OK',
			});
		}
		const runs = {
			tdStart: await executions('tdStart', { success: before.tdStart + 3 }),
			tdEnd: await executions('tdEnd', { success: before.tdEnd + 2 }),
		};
		for (const key of ['tdStart', 'tdEnd'] as const) {
			const mine = cases.filter(([which]) => which === key);
			const stored = runs[key]
				.slice(-mine.length)
				.map((run) => nodeOutput(run.runData, 'Telediscount Trigger'));
			expect(stored).toEqual(
				mine.map(([, fields, item]) => [expect.objectContaining({ ...item, raw: fields })]),
			);
		}
	});
});

describe('route request answered by a Respond to Webhook node', () => {
	test("typeVersion 1: the node's valid answer is sent; the execution succeeds", async () => {
		const warnings = fallbackWarnings('routeRequest');
		const answer = await sendEvent(urls.routeRespondV1, examples.routeRequest);
		expect({ status: answer.status, contentType: answer.contentType, json: answer.json }).toEqual({
			status: 200,
			contentType: JSON_TYPE,
			json: ROUTE_ANSWER,
		});
		const [run] = await executions('routeRespondV1', { success: 1 });
		expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([routeRequestItem(FALLBACK)]);
		expect(fallbackWarnings('routeRequest')).toBe(warnings);
	});
});

describe('call started answered by the workflow', () => {
	test('last node: its id is sent as plain text, and with a callto as JSON; both executions store the planned fallback id', async () => {
		const plain = await sendEvent(urls.startLast, examples.callStart);
		expect(seen(plain)).toEqual({ status: 200, contentType: TEXT, body: 'crm-2000' });
		const second = { ...examples.callStart, inner_phone: 2001, number: '+998994412861' };
		const withCallto = await sendEvent(urls.startLast, second);
		expect({
			status: withCallto.status,
			contentType: withCallto.contentType,
			json: withCallto.json,
		}).toEqual({
			status: 200,
			contentType: 'application/json',
			json: { id: 'crm-2001', callto: '991234567' },
		});

		const runs = await executions('startLast', { success: 2 });
		const triggerItems = runs.map(
			(run) => nodeOutput(run.runData, 'AloVoice Trigger')[0] as Record<string, unknown>,
		);
		const byPhone = new Map(
			triggerItems.map((item, index) => [item.innerPhone, { item, run: runs[index] }]),
		);
		expect(byPhone.get('2000')?.item).toEqual({
			...CALL_START_ITEM,
			fallbackCallId: expect.stringMatching(OWN_CALL_ID),
			answeredBy: 'workflow',
		});
		expect(byPhone.get('2001')?.item).toMatchObject({
			innerPhone: '2001',
			number: '+998994412861',
			answeredBy: 'workflow',
			fallbackCallId: expect.stringMatching(OWN_CALL_ID),
		});
		expect(nodeOutput(byPhone.get('2000')!.run.runData, 'CRM id')).toEqual([
			{ id: 'crm-2000', callto: '' },
		]);
		expect(nodeOutput(byPhone.get('2001')!.run.runData, 'CRM id')).toEqual([
			{ id: 'crm-2001', callto: '99 123 45 67' },
		]);
	});

	test("last node, invalid id (13 digits): the node's own fallback id is sent, the one the execution stores", async () => {
		const answer = await sendEvent(urls.startInvalid, examples.callStart);
		expect({ status: answer.status, contentType: answer.contentType }).toEqual({
			status: 200,
			contentType: TEXT,
		});
		expect(answer.body).toMatch(OWN_CALL_ID);
		const [run] = await executions('startInvalid', { success: 1 });
		expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([
			{ ...CALL_START_ITEM, fallbackCallId: answer.body, answeredBy: 'workflow' },
		]);
		expect(nodeOutput(run.runData, 'CRM id')).toEqual([{ id: 1234567890123 }]);
		expect(stack.n8n.log()).toMatch(
			/AloVoice Trigger \(callStarted\): fallback answer sent because the workflow's answer is invalid: the id 1234567890123 is not an integer of at most 12 digits/,
		);
	});

	test('Respond to Webhook v1: its text id is sent', async () => {
		const warnings = fallbackWarnings('callStarted');
		const answer = await sendEvent(urls.startRespondV1, examples.callStart);
		expect(seen(answer)).toEqual({ status: 200, contentType: TEXT, body: '123456789012' });
		const [run] = await executions('startRespondV1', { success: 1 });
		expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([
			{
				...CALL_START_ITEM,
				fallbackCallId: expect.stringMatching(OWN_CALL_ID),
				answeredBy: 'workflow',
			},
		]);
		expect(fallbackWarnings('callStarted')).toBe(warnings);
	});
});

describe('security options', () => {
	const basic = (user: string, password: string) => ({
		headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
	});

	test('basic auth (the package Basic Auth credential): missing, wrong or malformed get 401 and start nothing; the right one is answered and stored', async () => {
		const before = total('basic');
		const refusals = [
			await sendEvent(urls.basic, examples.callEnd),
			await sendEvent(urls.basic, examples.callEnd, basic(BASIC.user, 'basic-e2e-wrong')),
			await sendEvent(urls.basic, examples.callEnd, basic('someone', BASIC.password)),
			await sendEvent(urls.basic, examples.callEnd, basic(BASIC.user, `${BASIC.password}x`)),
			await sendEvent(urls.basic, examples.callEnd, {
				headers: { authorization: `Bearer ${BASIC.password}` },
			}),
		];
		for (const refused of refusals)
			expect(seen(refused)).toEqual(refusal(401, 'Basic authentication is missing or wrong.'));
		await expectNothingStarted('basic', before);

		const right = await sendEvent(urls.basic, examples.callEnd, basic(BASIC.user, BASIC.password));
		expect(seen(right)).toEqual({ status: 200, contentType: TEXT, body: 'true' });
		const [run] = await executions('basic', { success: 1 });
		expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([CALL_END_ITEM]);
	});

	test('secret in a query parameter (the package query secret credential, on a Telediscount GET): missing or wrong get 401; the right one is answered, kept out of raw', async () => {
		const before = total('query');
		const refusals = [
			await sendTelediscountEvent(urls.query, examples.telediscountStart),
			await sendTelediscountEvent(urls.query, examples.telediscountStart, {
				query: { [QUERY.parameter]: 'qry-e2e-wrong' },
			}),
			await sendTelediscountEvent(urls.query, examples.telediscountStart, {
				query: { [QUERY.parameter.toUpperCase()]: QUERY.value },
			}),
		];
		for (const refused of refusals)
			expect(seen(refused)).toEqual(
				refusal(401, `The query parameter ${QUERY.parameter} is missing or wrong.`),
			);
		await expectNothingStarted('query', before);

		const right = await sendTelediscountEvent(urls.query, examples.telediscountStart, {
			query: { [QUERY.parameter]: QUERY.value },
		});
		expect(seen(right)).toEqual({ status: 200, contentType: TEXT, body: 'OK' });
		const [run] = await executions('query', { success: 1 });
		expect(nodeOutput(run.runData, 'Telediscount Trigger')).toEqual([
			{ ...TD_START_ITEM, receivedAs: 'query', raw: examples.telediscountStart },
		]);
	});

	test('IP allowlist without the loopback addresses: 403 from 127.0.0.1 and from ::1, nothing started', async () => {
		const v4 = await sendEvent(via(urls.ipDeny, '127.0.0.1'), examples.callEnd);
		expect(seen(v4)).toEqual(refusal(403, 'The address 127.0.0.1 is not in the IP allowlist.'));
		const v6 = await sendEvent(via(urls.ipDeny, '[::1]'), examples.callEnd);
		expect(seen(v6)).toEqual(refusal(403, 'The address ::1 is not in the IP allowlist.'));
		await expectNothingStarted('ipDeny', 0);
		expect(executionCounts(stack.n8n, W.ipDeny.id)).toEqual({});
	});

	test('IP allowlist with them: answered from 127.0.0.1 and from ::1, both stored', async () => {
		for (const host of ['127.0.0.1', '[::1]'] as const) {
			const answer = await sendEvent(via(urls.ipAllow, host), examples.callEnd);
			expect({ host, ...seen(answer) }).toEqual({
				host,
				status: 200,
				contentType: TEXT,
				body: 'true',
			});
		}
		const runs = await executions('ipAllow', { success: 2 });
		for (const run of runs)
			expect(nodeOutput(run.runData, 'AloVoice Trigger')).toEqual([CALL_END_ITEM]);
	});

	test("no secret is in the executions' data or n8n's log", () => {
		const secrets = [
			BASIC.password,
			Buffer.from(`${BASIC.user}:${BASIC.password}`).toString('base64'),
			QUERY.value,
		];
		for (const secret of secrets) {
			const leaks = stack.n8n.sql(
				'SELECT executionId FROM execution_data WHERE instr(data, ?) > 0 OR instr(workflowData, ?) > 0',
				[secret, secret],
			);
			expect({ secret, leaks }).toEqual({ secret, leaks: [] });
			expect({ secret, inLog: stack.n8n.log().includes(secret) }).toEqual({ secret, inLog: false });
		}
	});
});
