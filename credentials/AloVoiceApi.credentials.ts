import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { aloVoiceAuthenticate } from '../nodes/shared/credentialAuth';

export class AloVoiceApi implements ICredentialType {
	name = 'aloVoiceApi';

	displayName = 'AloVoice API';

	icon = {
		light: 'file:../nodes/AloVoice/alovoice.svg',
		dark: 'file:../nodes/AloVoice/alovoice.dark.svg',
	} as const;

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
			description:
				"Your PBX's token: in AloVoice, open the PBX's settings page and press the Copy button (копировать)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://cld.alovoice.uz',
			placeholder: 'https://cld.alovoice.uz',
			description:
				'Address of the AloVoice PBX. Change it only for a private install or a test server.',
		},
	];

	// For requests n8n sends with this credential itself: the Test below and "Custom API Call"
	// (n8n's HTTP Request node). On the Base URL only: a Bearer header and a token header, and
	// {token} in the path filled in (requestcall, outcall, getpeers, callsendai…); a request to
	// another host gets no token at all. The node's own operations place the token themselves.
	// A field, not a method: n8n copies a credential type's own properties ({...type}) when it
	// decides which nodes get "Custom API Call", and a method on the prototype is not copied.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => aloVoiceAuthenticate(credentials, requestOptions);

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
					message:
						"AloVoice refused the token: copy it again from your PBX's settings page in AloVoice (the Copy button)",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"AloVoice refused the token: copy it again from your PBX's settings page in AloVoice (the Copy button)",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No AloVoice API at this Base URL: use https://cld.alovoice.uz unless your PBX has its own address',
				},
			},
		],
	};
}
