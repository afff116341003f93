import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The user and password the PBX sends with HTTP Basic authentication, for the AloVoice and
 * Telediscount triggers: the package's own type instead of n8n's Basic Auth (see
 * AloVoiceTriggerHeaderAuthApi.credentials.ts), with its fields.
 */
export class AloVoiceTriggerBasicAuthApi implements ICredentialType {
	name = 'aloVoiceTriggerBasicAuthApi';

	displayName = 'AloVoice/Telediscount Trigger Basic Auth API';

	icon = {
		light: 'file:../nodes/AloVoiceTrigger/alovoice.svg',
		dark: 'file:../nodes/AloVoiceTrigger/alovoice.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/alovoice/n8n-nodes-alovoice/blob/main/docs/alovoice-trigger.md#security-both-triggers';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'pbx',
			description: 'The user name the PBX sends (no colon: Basic authentication cannot carry one)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'a long random password',
			description: 'The password the PBX sends. Not empty: a request without it is refused.',
		},
	];
}
