import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret the PBX sends in a query parameter of the webhook URL, for the AloVoice and
 * Telediscount triggers: the package's own type instead of n8n's Query Auth (see
 * AloVoiceTriggerHeaderAuthApi.credentials.ts), with its fields.
 */
export class AloVoiceTriggerQueryAuthApi implements ICredentialType {
	name = 'aloVoiceTriggerQueryAuthApi';

	displayName = 'AloVoice/Telediscount Trigger Query Secret API';

	icon = {
		light: 'file:../nodes/AloVoiceTrigger/alovoice.svg',
		dark: 'file:../nodes/AloVoiceTrigger/alovoice.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/alovoice/n8n-nodes-alovoice/blob/main/docs/alovoice-trigger.md#security-both-triggers';

	properties: INodeProperties[] = [
		{
			displayName: 'Parameter Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'key',
			description:
				'The query parameter of the URL pasted into the PBX that carries the secret, e.g. key for …/webhook?key=…',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'a long random secret',
			description: 'The value of that parameter. Not empty: a request without it is refused.',
		},
	];
}
