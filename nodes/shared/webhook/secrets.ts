// The triggers' secret credentials: which type each Authentication choice uses, what makes one
// usable, and the credential test n8n's "Test" button runs. Pure checks, shared by the test and
// by the activation check (webhookMethods), so both say the same thing.
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/**
 * The credential type of each Authentication choice: the package's own types, shared by every
 * trigger (n8n's no-credential-reuse). Their names predate the second PBX and stay, since
 * saved workflows reference them.
 */
export const SECRET_CREDENTIALS = {
	headerAuth: 'aloVoiceTriggerHeaderAuthApi',
	queryAuth: 'aloVoiceTriggerQueryAuthApi',
	basicAuth: 'aloVoiceTriggerBasicAuthApi',
} as const;

export type SecretKind = keyof typeof SECRET_CREDENTIALS;

/** What 0.1.0 used for each choice: n8n's own types, which a verified package may not use. */
export const LEGACY_CREDENTIALS: Record<SecretKind, { type: string; displayName: string }> = {
	headerAuth: { type: 'httpHeaderAuth', displayName: 'Header Auth' },
	queryAuth: { type: 'httpQueryAuth', displayName: 'Query Auth' },
	basicAuth: { type: 'httpBasicAuth', displayName: 'Basic Auth' },
};

/**
 * Each type's name as the credential picker shows it (its displayName in credentials/), so a
 * message that says which credential to create names one the user can find. Literal there for
 * n8n's lint; test/unit/shared/webhook/secrets.test.ts keeps the two in step.
 */
export const SECRET_CREDENTIAL_NAMES: Record<SecretKind, string> = {
	headerAuth: 'AloVoice/Telediscount Trigger Header Secret API',
	queryAuth: 'AloVoice/Telediscount Trigger Query Secret API',
	basicAuth: 'AloVoice/Telediscount Trigger Basic Auth API',
};

/**
 * Where the secret credentials are explained: their page, which each credential links as its
 * documentationUrl (literal there for n8n's lint; test/unit/shared/webhook/secrets.test.ts keeps
 * them in step). A message that sends the user to read more gives this link.
 */
export const SECRET_DOCS_URL =
	'https://github.com/alovoice/n8n-nodes-alovoice/blob/main/docs/alovoice-trigger.md#security-both-triggers';

export function isSecretKind(value: unknown): value is SecretKind {
	return (
		typeof value === 'string' && Object.prototype.hasOwnProperty.call(SECRET_CREDENTIALS, value)
	);
}

/** An HTTP header name is a token (RFC 9110 5.1): these characters only, at least one. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const text = (value: unknown) =>
	typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

/**
 * The fields each choice needs, in the order they are checked, with what to set when one is
 * blank. One list for the activation check, the credential's Test button and every request
 * (security.ts): a blank secret would let every request through (`'' === ''`). Blank (spaces
 * only) counts as empty: a secret nobody can type into a PBX by mistake is no secret.
 */
export const SECRET_FIELDS: Record<
	SecretKind,
	ReadonlyArray<{ key: string; label: string; hint: string }>
> = {
	headerAuth: [
		{
			key: 'name',
			label: 'Header Name',
			hint: 'Give the header the PBX sends the secret in, e.g. X-PBX-Secret.',
		},
		{ key: 'secret', label: 'Secret', hint: 'Set the value the PBX sends in the header.' },
	],
	queryAuth: [
		{
			key: 'name',
			label: 'Parameter Name',
			hint: 'Give the query parameter that carries the secret, e.g. key.',
		},
		{ key: 'secret', label: 'Secret', hint: 'Set the value the PBX sends in the query parameter.' },
	],
	// An empty user is legal Basic auth, but no PBX setting means it: refused like a blank secret.
	basicAuth: [
		{ key: 'user', label: 'User', hint: 'Set the user name the PBX sends.' },
		{ key: 'password', label: 'Password', hint: 'Set the password the PBX sends.' },
	],
};

/** A field's value that can never work although it is not blank; undefined when none. */
function formatProblem(kind: SecretKind, key: string, value: string): string | undefined {
	if (kind === 'headerAuth' && key === 'name' && !HEADER_NAME.test(value.trim()))
		return `Header Name: "${value.trim()}" is not a header name (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces or colons), e.g. X-PBX-Secret.`;
	if (kind === 'basicAuth' && key === 'user' && value.includes(':'))
		return 'User: contains a colon, which Basic authentication cannot carry. Choose a user name without one.';
	return undefined;
}

const emptyProblem = (field: { label: string; hint: string }) =>
	`${field.label}: empty. ${field.hint}`;

/** The first blank field of the choice, as the field's label and the sentence to show. */
export function blankSecretField(
	kind: SecretKind,
	data: Record<string, unknown> | undefined,
): { label: string; problem: string } | undefined {
	const field = SECRET_FIELDS[kind].find(({ key }) => text(data?.[key]).trim() === '');
	return field && { label: field.label, problem: emptyProblem(field) };
}

/**
 * What is wrong with a credential's data for the given choice, as a sentence naming the field
 * and what it must be; undefined when it is usable.
 */
export function secretProblem(
	kind: SecretKind,
	data: ICredentialDataDecryptedObject | undefined,
): string | undefined {
	for (const field of SECRET_FIELDS[kind]) {
		const value = text(data?.[field.key]);
		if (value.trim() === '') return emptyProblem(field);
		const problem = formatProblem(kind, field.key, value);
		if (problem) return problem;
	}
	return undefined;
}

/**
 * The "Test" button of each secret credential (both triggers name them as testedBy), one per
 * kind, so none relies on the test request naming the type. Nothing to ask a PBX (it calls n8n,
 * not the other way round): it checks what would make every request be refused, an empty secret
 * or a header name no HTTP client can send.
 */
function secretTest(kind: SecretKind) {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const problem = secretProblem(kind, credential.data);
		if (problem) return { status: 'Error', message: problem };
		return {
			status: 'OK',
			message:
				'Usable: give the PBX the same values. Nothing was sent: the PBX calls n8n, not the other way round.',
		};
	};
}

export const credentialTest = {
	triggerHeaderSecretTest: secretTest('headerAuth'),
	triggerQuerySecretTest: secretTest('queryAuth'),
	triggerBasicAuthTest: secretTest('basicAuth'),
};
