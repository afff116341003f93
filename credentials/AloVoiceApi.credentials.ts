import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class AloVoiceApi implements ICredentialType {
	name = 'aloVoiceApi';

	displayName = 'AloVoice API';

	icon = { light: 'file:../nodes/AloVoice/alovoice.svg', dark: 'file:../nodes/AloVoice/alovoice.dark.svg' } as const;

	documentationUrl = 'https://github.com/alovoice/n8n-nodes-alovoice#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '22dfbb22-d073-4422-b322-22949d14a022',
			description: 'The vPBX token, copied from the vPBX settings page (button "Copy")',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://cld.alovoice.uz',
			placeholder: 'https://cld.alovoice.uz',
			description: 'Address of the AloVoice PBX. Change it only for a private install or a test server.',
		},
	];

	// Only the /mapi/* endpoints take the token as a Bearer header; the node's transport puts it
	// into the path for the others. This block also lets the HTTP Request node use the credential.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.token}}',
			},
		},
	};

	// The list of lines is the cheapest call that proves the token is valid. n8n shows a rule's
	// message for a matching failed status instead of the bare status text ("Unauthorized").
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/mapi/getMyTrunks',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'AloVoice refused the token: copy it again from the vPBX settings page (button "Copy")',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'AloVoice refused the token: copy it again from the vPBX settings page (button "Copy")',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No AloVoice API at this Base URL: use https://cld.alovoice.uz unless your PBX has its own address',
				},
			},
		],
	};
}
