// nodes/shared/webhook/secrets.ts: the triggers' own secret credentials (n8n's verification
// refuses a node that uses n8n's httpHeaderAuth/httpQueryAuth/httpBasicAuth: no-credential-reuse),
// the names a message gives them, their "Test" button, and the one blank-field rule that
// activation, the Test button and every request share.
import type { ICredentialTestFunctions, INodeCredentialDescription, INodeType } from 'n8n-workflow';

import { AloVoiceTriggerBasicAuthApi } from '../../../../credentials/AloVoiceTriggerBasicAuthApi.credentials';
import { AloVoiceTriggerHeaderAuthApi } from '../../../../credentials/AloVoiceTriggerHeaderAuthApi.credentials';
import { AloVoiceTriggerQueryAuthApi } from '../../../../credentials/AloVoiceTriggerQueryAuthApi.credentials';
import { AloVoiceTrigger } from '../../../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TelediscountTrigger } from '../../../../nodes/TelediscountTrigger/TelediscountTrigger.node';
import {
	blankSecretField,
	credentialTest,
	SECRET_CREDENTIAL_NAMES,
	SECRET_DOCS_URL,
	SECRET_CREDENTIALS,
	SECRET_FIELDS,
	secretProblem,
	type SecretKind,
} from '../../../../nodes/shared/webhook/secrets';
import { checkSecuritySettings } from '../../../../nodes/shared/webhook/security';

const types = [
	new AloVoiceTriggerHeaderAuthApi(),
	new AloVoiceTriggerQueryAuthApi(),
	new AloVoiceTriggerBasicAuthApi(),
];
const kinds = Object.keys(SECRET_CREDENTIALS) as SecretKind[];

describe('SECRET_CREDENTIAL_NAMES', () => {
	it.each(kinds)('%s: the display name the credential picker shows', (kind) => {
		const type = types.find((candidate) => candidate.name === SECRET_CREDENTIALS[kind]);
		expect(SECRET_CREDENTIAL_NAMES[kind]).toBe(type?.displayName);
	});
});

describe('SECRET_DOCS_URL', () => {
	it.each(kinds)("%s: the page the credential's own documentation link opens", (kind) => {
		const type = types.find((candidate) => candidate.name === SECRET_CREDENTIALS[kind]);
		expect(type?.documentationUrl).toBe(SECRET_DOCS_URL);
	});
});

describe('SECRET_FIELDS', () => {
	it.each(kinds)("%s: the credential type's own fields, by their labels", (kind) => {
		const type = types.find((candidate) => candidate.name === SECRET_CREDENTIALS[kind]);
		const shown = type?.properties.map((p) => [p.name, p.displayName]);
		for (const field of SECRET_FIELDS[kind]) expect(shown).toContainEqual([field.key, field.label]);
	});

	it('a blank field: one sentence for activation and for the request check', () => {
		const request = checkSecuritySettings({ header: { name: 'X-PBX-Secret', value: ' ' } });
		const activation = secretProblem('headerAuth', { name: 'X-PBX-Secret', secret: ' ' });
		expect(request).toEqual({ ok: false, field: 'Secret', reason: activation });
		expect(blankSecretField('headerAuth', { name: 'X-PBX-Secret', secret: ' ' })).toEqual({
			label: 'Secret',
			problem: activation,
		});
	});

	it('fields are checked in order: the first blank one is named', () => {
		expect(blankSecretField('basicAuth', {})?.label).toBe('User');
		expect(blankSecretField('basicAuth', { user: 'u' })?.label).toBe('Password');
		expect(blankSecretField('basicAuth', { user: 'u', password: 'p' })).toBeUndefined();
	});
});

// Both versions of the AloVoice Trigger (a VersionedNodeType: each version is its own class).
const triggers: INodeType[] = [
	new AloVoiceTrigger().getNodeType(1),
	new AloVoiceTrigger().getNodeType(2),
	new TelediscountTrigger(),
];

describe('the credential types the triggers use', () => {
	it.each(
		triggers.map((node) => [`${node.description.name} v${String(node.description.version)}`, node]),
	)("%s: one per Authentication choice, the package's own, none of n8n's", (_, node) => {
		const credentials = node.description.credentials as INodeCredentialDescription[];
		expect(
			credentials.map(({ name, displayOptions }) => [name, displayOptions?.show?.authentication]),
		).toEqual(
			(Object.keys(SECRET_CREDENTIALS) as SecretKind[]).map((kind) => [
				SECRET_CREDENTIALS[kind],
				[kind],
			]),
		);
		for (const credential of credentials) {
			expect(types.map((type) => type.name)).toContain(credential.name);
			expect(credential.name).not.toMatch(/^http(Header|Query|Basic)Auth$/);
			// Its "Test" is a function the node has.
			expect(
				typeof (node.methods?.credentialTest as Record<string, unknown>)[
					credential.testedBy as string
				],
			).toBe('function');
		}
		const choices = (
			node.description.properties.find((p) => p.name === 'authentication')?.options ?? []
		).map((o) => (o as { value: string }).value);
		expect(choices).toEqual(['none', 'headerAuth', 'queryAuth', 'basicAuth']);
	});

	it('the fields the security code reads, the secrets masked', () => {
		const fields = (index: number) =>
			types[index].properties.map((p) => [p.name, p.typeOptions?.password === true]);
		expect(fields(0)).toEqual([
			['name', false],
			['secret', true],
		]);
		expect(fields(1)).toEqual([
			['name', false],
			['secret', true],
		]);
		expect(fields(2)).toEqual([
			['user', false],
			['password', true],
		]);
	});
});

describe('secretProblem: what makes a secret credential unusable', () => {
	it.each<[SecretKind, Record<string, unknown>]>([
		['headerAuth', { name: 'X-PBX-Secret', secret: 's3cret' }],
		['headerAuth', { name: "x_a!#$%&'*+-.^`|~9", secret: ' padded ' }],
		['queryAuth', { name: 'key', secret: 'k' }],
		['queryAuth', { name: 'a b', secret: 'k' }], // any name the URL can carry: the PBX sends it encoded
		['basicAuth', { user: 'pbx', password: 'p' }],
	])('accepts %s %j', (kind, data) => {
		expect(secretProblem(kind, data as never)).toBeUndefined();
	});

	it.each<[SecretKind, Record<string, unknown> | undefined, string]>([
		['headerAuth', { name: 'X-PBX-Secret', secret: '' }, 'Secret: empty'],
		['headerAuth', { name: 'X-PBX-Secret', secret: '   ' }, 'Secret: empty'],
		['headerAuth', { name: 'X-PBX-Secret' }, 'Secret: empty'],
		['headerAuth', { name: '', secret: 'x' }, 'Header Name: empty'],
		['headerAuth', { name: 'X PBX', secret: 'x' }, 'Header Name: "X PBX" is not a header name'],
		[
			'headerAuth',
			{ name: 'X-Secret:', secret: 'x' },
			'Header Name: "X-Secret:" is not a header name',
		],
		['headerAuth', { name: 'Сekret', secret: 'x' }, 'is not a header name'],
		['headerAuth', undefined, 'Header Name: empty'],
		['queryAuth', { name: 'key', secret: '' }, 'Secret: empty'],
		['queryAuth', { name: ' ', secret: 'x' }, 'Parameter Name: empty'],
		['basicAuth', { user: 'pbx', password: '' }, 'Password: empty'],
		['basicAuth', { user: 'pbx', password: null }, 'Password: empty'],
		['basicAuth', { user: 'a:b', password: 'p' }, 'User: contains a colon'],
		['basicAuth', { user: ' ', password: 'p' }, 'User: empty'],
		['basicAuth', { password: 'p' }, 'User: empty'],
	])('refuses %s %j, naming the field', (kind, data, message) => {
		expect(secretProblem(kind, data as never)).toContain(message);
	});
});

describe("the credentials' Test button (the triggers' methods.credentialTest)", () => {
	const test = async (
		name: keyof typeof credentialTest,
		type: string,
		data: Record<string, unknown>,
	) =>
		await credentialTest[name].call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'c',
			type,
			data: data as never,
		});

	it('OK for a usable secret of each kind; it sends nothing', async () => {
		expect(
			await test('triggerHeaderSecretTest', SECRET_CREDENTIALS.headerAuth, {
				name: 'X-PBX-Secret',
				secret: 'x',
			}),
		).toMatchObject({ status: 'OK' });
		expect(
			await test('triggerQuerySecretTest', SECRET_CREDENTIALS.queryAuth, {
				name: 'key',
				secret: 'x',
			}),
		).toMatchObject({ status: 'OK' });
		expect(
			await test('triggerBasicAuthTest', SECRET_CREDENTIALS.basicAuth, {
				user: 'u',
				password: 'x',
			}),
		).toMatchObject({ status: 'OK' });
	});

	it('Error naming the field for an empty secret or a bad header name, and never repeats the secret', async () => {
		expect(
			await test('triggerHeaderSecretTest', SECRET_CREDENTIALS.headerAuth, {
				name: 'X-PBX-Secret',
				secret: ' ',
			}),
		).toEqual({
			status: 'Error',
			message: 'Secret: empty. Set the value the PBX sends in the header.',
		});
		const bad = await test('triggerHeaderSecretTest', SECRET_CREDENTIALS.headerAuth, {
			name: 'X Secret',
			secret: 'do-not-echo-41',
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('Header Name');
		expect(bad.message).not.toContain('do-not-echo-41');
		expect(
			await test('triggerQuerySecretTest', SECRET_CREDENTIALS.queryAuth, {
				name: 'key',
				secret: '',
			}),
		).toMatchObject({ status: 'Error' });
		expect(
			await test('triggerBasicAuthTest', SECRET_CREDENTIALS.basicAuth, { user: 'u', password: '' }),
		).toMatchObject({
			status: 'Error',
			message: 'Password: empty. Set the password the PBX sends.',
		});
	});
});
