import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret the PBX sends in a request header, for the AloVoice and Telediscount
 * triggers. The package's own type (not n8n's Header Auth): n8n's verification refuses a
 * community node that uses another package's credentials (no-credential-reuse). n8n's Header
 * Auth fields, the secret named `secret` (n8n's `value`: n8n's lint knows a secret by its name),
 * so moving a 0.1.0 workflow over is copying two values (docs/alovoice-trigger.md, "Security").
 * Checked by the triggers' credential test and at activation (nodes/shared/webhook/secrets.ts).
 */
export class AloVoiceTriggerHeaderAuthApi implements ICredentialType {
	name = 'aloVoiceTriggerHeaderAuthApi';

	displayName = 'AloVoice/Telediscount Trigger Header Secret API';

	icon = {
		light: 'file:../nodes/AloVoiceTrigger/alovoice.svg',
		dark: 'file:../nodes/AloVoiceTrigger/alovoice.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/alovoice/n8n-nodes-alovoice/blob/main/docs/alovoice-trigger.md#security-both-triggers';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'X-PBX-Secret',
			description:
				"The request header the PBX sends the secret in (letters, digits and !#$%&'*+-.^_`|~ only)",
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'a long random secret',
			description:
				'The value the PBX sends in that header. Not empty: a request without it is refused.',
		},
	];
}
