// The triggers' activation check in a real n8n 2.40.7: n8n runs the node's webhookMethods when
// it activates a workflow (here at start-up, for imported and published workflows). Settings
// that would fail every call from the PBX keep the workflow from activating, with the node's
// message as n8n's activation error; valid settings activate and serve their URL.
import { sendEvent } from '../server/pbxSide';
import { startStack, waitFor, type Stack } from './stack';
import { ALOVOICE_TRIGGER, TELEDISCOUNT_TRIGGER, callEndFields, chainWorkflow } from './triggers';

const SECRET = {
	id: 'E2eActivHeader01',
	name: 'e2e activation header secret',
	header: 'X-PBX-Secret',
	value: 'act-e2e-5d21c9',
};
const LEGACY = { id: 'E2eActivLegacy01', name: 'e2e n8n header auth (0.1.0)' };

const W = {
	valid: chainWorkflow('e2eActivValid01', 'e2e activation: valid settings', {
		...ALOVOICE_TRIGGER,
		parameters: {
			event: 'callEnded',
			authentication: 'headerAuth',
			options: { ipAllowlist: '127.0.0.1, ::1' },
		},
		credentials: { aloVoiceTriggerHeaderAuthApi: { id: SECRET.id, name: SECRET.name } },
	}),
	badRoute: chainWorkflow('e2eActivBadRte1', 'e2e activation: bad fallback and allowlist', {
		...ALOVOICE_TRIGGER,
		parameters: {
			event: 'routeRequest',
			routeMode: 'rules',
			fallbackActionType: 'peer',
			fallbackActionData: 'reception',
			options: { ipAllowlist: '127.0.0.1, nope' },
		},
	}),
	legacy: chainWorkflow('e2eActivLegacy1', 'e2e activation: still n8n header auth', {
		...TELEDISCOUNT_TRIGGER,
		parameters: { event: 'callStarted', authentication: 'headerAuth' },
		credentials: { httpHeaderAuth: { id: LEGACY.id, name: LEGACY.name } },
	}),
};

let stack: Stack;

beforeAll(async () => {
	stack = await startStack(Object.values(W), {
		credentials: [
			{
				id: SECRET.id,
				name: SECRET.name,
				type: 'aloVoiceTriggerHeaderAuthApi',
				data: { name: SECRET.header, secret: SECRET.value },
			},
			{
				id: LEGACY.id,
				name: LEGACY.name,
				type: 'httpHeaderAuth',
				data: { name: SECRET.header, value: SECRET.value },
			},
		],
	});
}, 600_000);

afterAll(async () => {
	await stack?.stop();
});

/**
 * What n8n reports for a workflow's triggers after publishing it: n8n 2.40.7 activates through
 * its publication service and keeps each trigger's status and error message
 * (GET /rest/workflows/:id/publication-status; the editor shows it on the workflow).
 */
async function activationError(workflowId: string): Promise<string> {
	const status = await stack.n8n.rest<{
		status: string;
		triggers: Array<{ status: string; errorMessage?: string | null }>;
	}>(`/workflows/${workflowId}/publication-status`);
	return status.triggers
		.map((trigger) => `${trigger.status}: ${trigger.errorMessage ?? ''}`)
		.join('\n');
}

test('valid settings activate: the URL is served, the secret checked', async () => {
	const hook = stack.n8n
		.webhooks()
		.find((candidate) => candidate.workflow === W.valid.name && candidate.method === 'POST');
	expect(hook).toBeDefined();
	const valid = await activationError(W.valid.id);
	expect(valid).toContain('activated: ');
	expect(valid).not.toContain('cannot be activated');
	const refused = await sendEvent(hook!.url, callEndFields('act-1', 1), {
		headers: { [SECRET.header]: 'guess' },
	});
	expect(refused.status).toBe(401);
	const answered = await sendEvent(hook!.url, callEndFields('act-2', 2), {
		headers: { [SECRET.header]: SECRET.value },
	});
	expect(answered.status).toBe(200);
}, 120_000);

test('an invalid fallback and allowlist entry: not activated, n8n shows what to fix', async () => {
	let message = '';
	await waitFor(
		async () => (message = await activationError(W.badRoute.id)).includes('cannot be activated'),
		60_000,
		'the activation error',
	);
	expect(message).toContain(
		'AloVoice Trigger cannot be activated: 1. IP Allowlist: The IP allowlist entry "nope" is not an IPv4/IPv6 address or CIDR range',
	);
	expect(message).toContain(
		'2. Fallback Action Data: action_data for peer must be its number (digits), got "reception".',
	);
	expect(stack.n8n.webhooks().filter((hook) => hook.workflow === W.badRoute.name)).toEqual([]);
}, 120_000);

test("a 0.1.0 trigger still set to n8n's Header Auth: not activated, told which credential to create; the secret not shown", async () => {
	let message = '';
	await waitFor(
		async () => (message = await activationError(W.legacy.id)).includes('cannot be activated'),
		60_000,
		'the activation error',
	);
	expect(message).toContain(
		`Telediscount Trigger cannot be activated: Authentication: the credential "${LEGACY.name}" is n8n's Header Auth, which this node no longer reads`,
	);
	expect(message).toContain(
		'Create an "AloVoice/Telediscount Trigger Header Secret API" credential with the same values',
	);
	expect(message).not.toContain(SECRET.value);
	expect(stack.n8n.webhooks().filter((hook) => hook.workflow === W.legacy.name)).toEqual([]);
	expect(stack.n8n.log()).not.toContain(SECRET.value);
}, 120_000);

test("the secret credentials' Test button in a real n8n (the triggers' testedBy): a blank secret is refused, naming the field; a usable one passes", async () => {
	const press = (type: string, data: Record<string, string>) =>
		stack.n8n.rest<{ status: string; message: string }>('/credentials/test', {
			method: 'POST',
			body: JSON.stringify({ credentials: { id: SECRET.id, name: SECRET.name, type, data } }),
		});
	expect(
		await press('aloVoiceTriggerHeaderAuthApi', { name: SECRET.header, secret: '   ' }),
	).toEqual({
		status: 'Error',
		message: 'Secret: empty. Set the value the PBX sends in the header.',
	});
	expect(
		await press('aloVoiceTriggerHeaderAuthApi', { name: 'X PBX', secret: SECRET.value }),
	).toMatchObject({ status: 'Error' });
	expect(await press('aloVoiceTriggerBasicAuthApi', { user: 'pbx', password: '' })).toEqual({
		status: 'Error',
		message: 'Password: empty. Set the password the PBX sends.',
	});
	expect(
		(await press('aloVoiceTriggerQueryAuthApi', { name: 'key', secret: SECRET.value })).status,
	).toBe('OK');
	expect(
		(await press('aloVoiceTriggerHeaderAuthApi', { name: SECRET.header, secret: SECRET.value }))
			.status,
	).toBe('OK');
}, 120_000);
