// nodes/shared/webhook/secrets.ts: the names a message gives the credentials, and the one
// blank-field rule that activation, the Test button and every request share.
import { AloVoiceTriggerBasicAuthApi } from '../../../../credentials/AloVoiceTriggerBasicAuthApi.credentials';
import { AloVoiceTriggerHeaderAuthApi } from '../../../../credentials/AloVoiceTriggerHeaderAuthApi.credentials';
import { AloVoiceTriggerQueryAuthApi } from '../../../../credentials/AloVoiceTriggerQueryAuthApi.credentials';
import {
	blankSecretField,
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
