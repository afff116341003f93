// The Telediscount API credential's "Test" button. A declarative test (ICredentialTestRequest)
// passes any 2xx answer, and Telediscount may refuse a key with 200 and {"error": …}: this
// function asks get_calls itself and reads the answer by the package's refusal rule.
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { redactText } from '../../shared/redact';
import { answerValue, refusalOf } from '../../shared/refusal';
import { callRecords } from '../helpers/values';
import { DEFAULT_BASE_URL, telediscountUrl } from '../transport';

/** A call id that cannot exist: the history filtered to it proves the key while returning nothing. */
export const TEST_CALL_ID = 'n8n-credential-test';

const COPY_AGAIN = 'copy it again from the "CRM integration" page of the Telediscount account';

interface LegacyResponse {
	statusCode: number;
	body?: unknown;
}

export async function telediscountApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const apiKey = String(credential.data?.apiKey ?? '').trim();
	const baseUrl = String(credential.data?.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	if (apiKey === '') return { status: 'Error', message: `API Key: empty; ${COPY_AGAIN}` };
	const error = (message: string): INodeCredentialTestResult => ({
		status: 'Error',
		message: redactText(message, [apiKey]),
	});

	// A credential test gets only the `request` helper (ICredentialTestFunctions has no
	// httpRequest). No redirect is followed: the key in the query string stays on the Base URL.
	const { request } = this.helpers;
	let response: LegacyResponse;
	try {
		response = (await request({
			method: 'GET',
			uri: telediscountUrl(baseUrl, 'get_calls', { api_call_id: TEST_CALL_ID }, apiKey),
			json: false,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			timeout: 30_000,
		})) as LegacyResponse;
	} catch (failure) {
		const code = (failure as { code?: string }).code;
		return error(
			`Could not reach Telediscount at ${baseUrl}${code ? ` (${code})` : ''}: check the Base URL`,
		);
	}

	const status = Number(response.statusCode);
	const text =
		typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	if (status === 401 || status === 403)
		return error(`Telediscount refused the API key (${status}): ${COPY_AGAIN}`);
	if (status === 404)
		return error(
			`No Telediscount API at ${baseUrl} (404): use ${DEFAULT_BASE_URL} unless told otherwise`,
		);
	if (status < 200 || status >= 300)
		return error(`Telediscount answered ${status} to the test request: check the Base URL`);
	const answer = answerValue(text);
	const refusal = refusalOf(answer, true);
	if (refusal !== undefined) {
		const shown = refusal.length > 200 ? `${refusal.slice(0, 200)}…` : refusal;
		return error(`Telediscount refused the API key: ${shown}; ${COPY_AGAIN}`);
	}
	if (callRecords(answer) === null) {
		return error(
			`Telediscount's history answered with something that is not a list of calls: check the Base URL (${baseUrl})`,
		);
	}
	return { status: 'OK', message: 'Connection successful!' };
}
