// The triggers' webhookMethods: neither PBX can register a webhook, so activation (checkExists,
// then create, run by n8n-core's HookContext as n8n's webhook service runs them) is where the
// node refuses settings that would fail every call from the PBX, saying what to fix.
import type { IDataObject, INodeCredentials } from 'n8n-workflow';

import { activateTrigger } from '../../harness/webhook';
import { routeActivationProblems } from '../../../nodes/AloVoiceTrigger/activation';
import { activationProblems } from '../../../nodes/shared/webhook/activation';
import { AloVoiceTrigger } from '../../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TelediscountTrigger } from '../../../nodes/TelediscountTrigger/TelediscountTrigger.node';
import { CREDENTIALS } from '../triggers';

const ALOVOICE = 'n8n-nodes-alovoice.aloVoiceTrigger';
const TELEDISCOUNT = 'n8n-nodes-alovoice.telediscountTrigger';
const HEADER_REF = { aloVoiceTriggerHeaderAuthApi: { id: 'h', name: 'PBX header' } };

const activate = async (
	parameters: IDataObject,
	options: {
		type?: string;
		credentials?: INodeCredentials;
		store?: Record<string, IDataObject>;
	} = {},
) =>
	await activateTrigger(
		{
			name: 'PBX Trigger',
			type: options.type ?? ALOVOICE,
			parameters: parameters as never,
			credentials: options.credentials,
		},
		(options.store ?? CREDENTIALS) as never,
	);

const refusal = async (...args: Parameters<typeof activate>): Promise<string> => {
	try {
		await activate(...args);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('activated');
};

describe('activation: settings that work start the trigger', () => {
	it.each<[string, IDataObject, INodeCredentials | undefined]>([
		['call ended, no authentication', { event: 'callEnded' }, undefined],
		[
			'call started, workflow answers, timeout 0.05',
			{ event: 'callStarted', callStartAnswer: 'lastNode', answerTimeout: 0.05 },
			undefined,
		],
		['header secret', { event: 'callEnded', authentication: 'headerAuth' }, HEADER_REF],
		[
			'query secret',
			{ event: 'callEnded', authentication: 'queryAuth' },
			{ aloVoiceTriggerQueryAuthApi: { id: 'q', name: 'Q' } },
		],
		[
			'basic auth',
			{ event: 'callEnded', authentication: 'basicAuth' },
			{ aloVoiceTriggerBasicAuthApi: { id: 'b', name: 'B' } },
		],
		[
			'an IPv4/IPv6 allowlist',
			{
				event: 'callEnded',
				options: { ipAllowlist: '203.0.113.10, 198.51.100.0/24\n2001:db8::/32; ::ffff:10.0.0.1' },
			},
			undefined,
		],
		[
			'route: the default fallback (the queue the request names)',
			{ event: 'routeRequest', routeMode: 'rules' },
			undefined,
		],
		[
			'route: fallback peer 2000',
			{ event: 'routeRequest', fallbackActionType: 'peer', fallbackActionData: '2000' },
			undefined,
		],
		[
			'route: fallback hang up, no sound',
			{ event: 'routeRequest', fallbackActionType: 'hangup', fallbackActionData: '' },
			undefined,
		],
		[
			'route: fallback trunk +998901234567',
			{ event: 'routeRequest', fallbackActionType: 'trunk', fallbackActionData: '+998901234567' },
			undefined,
		],
		[
			'route: fallback data from an expression (read per request)',
			{ event: 'routeRequest', fallbackActionType: 'peer', fallbackActionData: '={{ $json.x }}' },
			undefined,
		],
		[
			'route: rules mode does not use the timeout',
			{ event: 'routeRequest', routeMode: 'rules', answerTimeout: 0 },
			undefined,
		],
		[
			'route: timeout 10, the upper bound',
			{ event: 'routeRequest', routeMode: 'lastNode', answerTimeout: 10 },
			undefined,
		],
		[
			'route: valid rules, a withheld-caller rule among them',
			{
				event: 'routeRequest',
				routeMode: 'rules',
				rules: {
					rule: [
						{ match: 'callerWithheld', value: '', actionType: 'queue', actionData: '6001' },
						{
							match: 'callerPrefix',
							value: '+998 99',
							actionType: 'trunk',
							actionData: '+998901234567',
						},
						{ match: 'line', value: '712037006', actionType: 'hangup', actionData: '' },
					],
				},
			},
			undefined,
		],
		[
			'route: workflow modes do not use the rules',
			{
				event: 'routeRequest',
				routeMode: 'lastNode',
				rules: { rule: [{ match: 'any', actionType: 'peer', actionData: 'x' }] },
			},
			undefined,
		],
		['call ended does not use the timeout', { event: 'callEnded', answerTimeout: -1 }, undefined],
	])('%s', async (_, parameters, credentials) => {
		// Nothing exists at the PBX to find, so n8n calls create, which passes.
		expect(await activate(parameters, { credentials })).toEqual(['checkExists', 'create']);
	});

	it('Telediscount: both its webhooks (GET and POST) activate', async () => {
		expect(
			await activate(
				{ event: 'callStarted', authentication: 'headerAuth' },
				{ type: TELEDISCOUNT, credentials: HEADER_REF },
			),
		).toEqual(['checkExists', 'create', 'checkExists', 'create']);
	});

	it('delete (deactivation) succeeds: nothing to remove at the PBX', async () => {
		// Both versions of the AloVoice Trigger (a VersionedNodeType: each version is its own class).
		for (const node of [
			new AloVoiceTrigger().getNodeType(1),
			new AloVoiceTrigger().getNodeType(2),
			new TelediscountTrigger(),
		]) {
			expect(await node.webhookMethods!.default!.delete!.call({} as never)).toBe(true);
			expect(await node.webhookMethods!.default!.checkExists!.call({} as never)).toBe(false);
		}
	});
});

describe('activation: refused, with what to fix', () => {
	it('an empty secret in the chosen credential, naming the credential and the field; the secret never shown', async () => {
		const message = await refusal(
			{ event: 'callEnded', authentication: 'headerAuth' },
			{
				credentials: HEADER_REF,
				store: { aloVoiceTriggerHeaderAuthApi: { name: 'X-PBX-Secret', secret: '  ' } },
			},
		);
		expect(message).toBe(
			'PBX Trigger cannot be activated: Credential "PBX header": Secret: empty. Set the value the PBX sends in the header.',
		);
	});

	it('a header name HTTP cannot carry', async () => {
		const message = await refusal(
			{ event: 'callEnded', authentication: 'headerAuth' },
			{
				credentials: HEADER_REF,
				store: { aloVoiceTriggerHeaderAuthApi: { name: 'X PBX', secret: 'hidden-7731' } },
			},
		);
		expect(message).toContain('Header Name: "X PBX" is not a header name');
		expect(message).not.toContain('hidden-7731');
	});

	it('Telediscount: an empty Basic password', async () => {
		const message = await refusal(
			{ event: 'callEnded', authentication: 'basicAuth' },
			{
				type: TELEDISCOUNT,
				credentials: { aloVoiceTriggerBasicAuthApi: { id: 'b', name: 'B' } },
				store: { aloVoiceTriggerBasicAuthApi: { user: 'pbx', password: '' } },
			},
		);
		expect(message).toBe(
			'PBX Trigger cannot be activated: Credential "B": Password: empty. Set the password the PBX sends.',
		);
	});

	it("a 0.1.0 workflow still pointing at n8n's Header Auth: says which credential to create", async () => {
		const message = await refusal(
			{ event: 'callEnded', authentication: 'headerAuth' },
			{
				credentials: { httpHeaderAuth: { id: 'old', name: 'My PBX secret' } },
				store: { httpHeaderAuth: { name: 'X', value: 'v' } },
			},
		);
		expect(message).toBe(
			'PBX Trigger cannot be activated: Authentication: the credential "My PBX secret" is n8n\'s Header Auth, which this node no longer reads (version 0.1.0 used it). Create an "AloVoice/Telediscount Trigger Header Secret API" credential with the same values and choose it (how: https://github.com/alovoice/n8n-nodes-alovoice/blob/main/docs/alovoice-trigger.md#security-both-triggers).',
		);
	});

	it('a secret kind chosen but no credential, or one n8n cannot read', async () => {
		expect(await refusal({ event: 'callEnded', authentication: 'queryAuth' })).toBe(
			'PBX Trigger cannot be activated: Authentication: choose an "AloVoice/Telediscount Trigger Query Secret API" credential, or set Authentication to None.',
		);
		expect(
			await refusal(
				{ event: 'callEnded', authentication: 'queryAuth' },
				{ credentials: { aloVoiceTriggerQueryAuthApi: { id: 'x', name: 'Gone' } }, store: {} },
			),
		).toContain(
			'Authentication: choose an "AloVoice/Telediscount Trigger Query Secret API" credential',
		);
	});

	it.each(['10.0.0.300', '10.0.0.0/33', 'pbx.example.com', '2001:db8::/129', '1.2.3.4/'])(
		'an allowlist entry that is not an address or range: %s',
		async (entry) => {
			const message = await refusal({
				event: 'callEnded',
				options: { ipAllowlist: `203.0.113.10, ${entry}` },
			});
			expect(message).toContain(
				`IP Allowlist: The IP allowlist entry "${entry}" is not an IPv4/IPv6 address or CIDR range`,
			);
		},
	);

	it.each<[IDataObject, string]>([
		[
			{ fallbackActionType: 'peer', fallbackActionData: 'reception' },
			'Fallback Action Data: action_data for peer must be its number (digits), got "reception".',
		],
		[
			{ fallbackActionType: 'peer', fallbackActionData: '' },
			'Fallback Action Data: action_data for peer must be its number (digits), got "".',
		],
		[{ fallbackActionType: 'trunk', fallbackActionData: '123' }, 'Fallback Action Data:'],
		[
			{ fallbackActionType: 'hangup', fallbackActionData: 'bye' },
			'Fallback Action Data: action_data for hangup must be a sound-file id',
		],
		[
			{ fallbackActionType: 'voicemail' },
			'Fallback Action Type: "voicemail" is not one of peer, queue, ivr, trunk, hangup.',
		],
	])('route: an invalid fallback %j', async (parameters, expected) => {
		expect(await refusal({ event: 'routeRequest', ...parameters })).toContain(expected);
	});

	it.each([0, -1, 0.01, 10.5, 3600])(
		'route answered by the workflow: an Answer Timeout of %s (outside 0.05–10 s)',
		async (answerTimeout) => {
			expect(
				await refusal({ event: 'routeRequest', routeMode: 'lastNode', answerTimeout }),
			).toContain(
				`Answer Timeout (Seconds): Answer Timeout must be between 0.05 and 10 seconds, got ${answerTimeout}.`,
			);
		},
	);

	it('call started answered by the workflow: an Answer Timeout of 30', async () => {
		expect(
			await refusal({ event: 'callStarted', callStartAnswer: 'lastNode', answerTimeout: 30 }),
		).toContain('Answer Timeout (Seconds):');
	});

	it('rules mode: a rule the route matching cannot use, numbered as in the editor', async () => {
		const rules = {
			rule: [
				{ match: 'callerPrefix', value: '99', actionType: 'peer', actionData: '2000' },
				{ match: 'any', value: '', actionType: 'peer', actionData: 'sales' },
				{ match: 'direction', value: 'sideways', actionType: 'queue', actionData: '6001' },
				{ match: 'callerExact', value: '={{ $json.vip }}', actionType: 'peer', actionData: 'x' },
			],
		};
		const message = await refusal({ event: 'routeRequest', routeMode: 'rules', rules });
		expect(message).toContain(
			'1. Rules: Rule 2: its action is invalid: action_data for peer must be its number (digits), got "sales".',
		);
		expect(message).toContain('2. Rules: Rule 3: Value must be inc or out, got "sideways".');
		expect(message).not.toContain('Rule 1');
		expect(message).not.toContain('Rule 4'); // an expression: read per request
	});

	it('every problem at once, numbered', async () => {
		const message = await refusal(
			{
				event: 'routeRequest',
				routeMode: 'responseNode',
				answerTimeout: 0,
				fallbackActionType: 'ivr',
				fallbackActionData: 'x',
				authentication: 'basicAuth',
				options: { ipAllowlist: 'nope' },
			},
			{
				credentials: { aloVoiceTriggerBasicAuthApi: { id: 'b', name: 'B' } },
				store: { aloVoiceTriggerBasicAuthApi: { user: 'a:b', password: 'p' } },
			},
		);
		expect(message).toMatch(
			/^PBX Trigger cannot be activated: 1\. Credential "B": User: contains a colon.* 2\. IP Allowlist: The IP allowlist entry "nope" .* 3\. Fallback Action Data: .* 4\. Answer Timeout \(Seconds\): .*got 0\.$/,
		);
	});
});

describe('activationProblems (pure)', () => {
	const base = { authentication: 'none', credentialRefs: {}, ipAllowlist: '' };
	it('none for the defaults', () => {
		expect(activationProblems(base)).toEqual([]);
		expect(activationProblems({ ...base, ipAllowlist: '   ' })).toEqual([]);
		expect(
			routeActivationProblems({
				route: { fallbackType: 'queue', fallbackData: '', fallbackDataIsExpression: false },
				answerTimeout: 3,
			}),
		).toEqual([]);
	});
	it('an answer timeout that is not a number', () => {
		for (const value of ['soon', true, null, Number.NaN]) {
			expect(routeActivationProblems({ answerTimeout: value })).toHaveLength(1);
		}
		expect(routeActivationProblems({ answerTimeout: '2' })).toEqual([]);
	});
	it('an unknown Authentication value needs no credential (the node treats it as none)', () => {
		expect(activationProblems({ ...base, authentication: 'jwtAuth' })).toEqual([]);
	});
});
