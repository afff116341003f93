import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { telediscountAuthenticate } from '../nodes/shared/credentialAuth';

export class TelediscountApi implements ICredentialType {
	name = 'telediscountApi';

	displayName = 'Telediscount API';

	icon = {
		light: 'file:../nodes/Telediscount/telediscount.svg',
		dark: 'file:../nodes/Telediscount/telediscount.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/alovoice/n8n-nodes-alovoice/blob/main/docs/telediscount.md#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'abonent1609ssHJka8732kfrsd6778ahd982h',
			description:
				'The CRM integration key, shown on the "CRM integration" page of the Telediscount account',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://my.telediscount.ru',
			placeholder: 'https://my.telediscount.ru',
			description: 'Address of the Telediscount API. Change it only for a test server.',
		},
	];

	// Telediscount takes the key only in the query string. The node's transport places it
	// itself (and redacts it); this is for "Custom API Call" (n8n's HTTP Request node with this
	// credential), and adds the key only to requests for the Base URL, never to another host.
	// A field, not a method: n8n copies a credential type's own properties ({...type}) when it
	// decides which nodes get "Custom API Call", and a method on the prototype is not copied.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => telediscountAuthenticate(credentials, requestOptions);

	// No `test` here: n8n would prefer it, and a request test passes any 2xx answer, while
	// Telediscount may refuse a key with 200 and {"error": …}. The Telediscount node tests this
	// credential with a function instead (testedBy: nodes/Telediscount/methods/credentialTest.ts).
}
