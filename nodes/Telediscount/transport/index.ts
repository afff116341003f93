// The one door to the Telediscount API: base URL, the key in the query string of every
// request (`abonent_api_key`), and errors, outputs and refusals that never carry the key.
import { NodeApiError } from 'n8n-workflow';

import type { HostRule } from '../../shared/hosts';
import type { BinaryAnswer, RequestContext } from '../../shared/http';
import { pbxRequest, quoteAnswer } from '../../shared/http';
import { redactValue } from '../../shared/redact';
import { answerValue, refusalOf } from '../../shared/refusal';
import { DEFAULT_TIMEOUT_MS } from '../../shared/options';
import { credentialsOfRun } from '../../shared/credentials';

export const DEFAULT_BASE_URL = 'https://my.telediscount.ru';
export const KEY_PARAMETER = 'abonent_api_key';

export type TelediscountEndpoint = 'outcome' | 'get_calls' | 'get_record';

export interface TelediscountRequest {
	endpoint: TelediscountEndpoint;
	/** Query parameters besides the key; empty values are left out (every filter is optional). */
	query?: Record<string, string | undefined>;
	/** What the node is doing, for error messages: "placing the call". */
	action: string;
	response?: 'json' | 'text' | 'binary';
	timeout?: number;
	/** Where a redirect may lead (default: the request's own host), and how to allow another host. */
	redirects?: HostRule;
	redirectHint?: string;
}

export interface TelediscountCredentials {
	apiKey: string;
	baseUrl: string;
}

export async function getTelediscountCredentials(
	this: RequestContext,
): Promise<TelediscountCredentials> {
	const credentials = await credentialsOfRun(this, 'telediscountApi');
	const apiKey = String(credentials.apiKey ?? '').trim();
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	return { apiKey, baseUrl };
}

/** `/api.php/telephony/<endpoint>?<params>&abonent_api_key=<key>`; the key goes last, as the API page shows for outcome. */
export function telediscountUrl(
	baseUrl: string,
	endpoint: TelediscountEndpoint,
	query: Record<string, string | undefined>,
	apiKey: string,
): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query)) {
		if (value !== undefined && value !== '') params.append(name, value);
	}
	params.append(KEY_PARAMETER, apiKey);
	return `${baseUrl}/api.php/telephony/${endpoint}?${params.toString()}`;
}

export async function telediscountRequest(
	this: RequestContext,
	request: TelediscountRequest & { response: 'binary' },
): Promise<BinaryAnswer>;
export async function telediscountRequest(
	this: RequestContext,
	request: TelediscountRequest,
): Promise<unknown>;
export async function telediscountRequest(
	this: RequestContext,
	request: TelediscountRequest,
): Promise<unknown> {
	const { apiKey, baseUrl } = await getTelediscountCredentials.call(this);
	const secrets = [apiKey];
	const answer = await pbxRequest.call(this, {
		method: 'GET',
		url: telediscountUrl(baseUrl, request.endpoint, request.query ?? {}, apiKey),
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
		response: request.response ?? 'json',
		error: { provider: 'Telediscount', action: request.action, secrets },
		redirects: request.redirects,
		redirectHint: request.redirectHint,
	});
	if (request.response === 'binary') return answer;
	refusalCheck.call(
		this,
		typeof answer === 'string' ? answerValue(answer) : answer,
		request.action,
		secrets,
	);
	// A PBX may echo the request (URL included) in its answer: the key must not reach the output.
	return redactValue(answer, secrets);
}

/**
 * Telediscount may refuse with 200 and an error object ({"error": "..."}, {"status": "error"}…);
 * the API page does not say, so an object that is an explicit refusal by the package's one rule
 * (nodes/shared/refusal.ts) is taken as one rather than as data. Plain `false` is not: get_calls
 * may say "nothing found" that way; outcome reads the whole rule itself.
 */
function refusalCheck(this: RequestContext, answer: unknown, action: string, secrets: string[]) {
	const reason = refusalOf(answer, true);
	if (reason === undefined) return;
	throw new NodeApiError(
		this.getNode(),
		{ message: 'refused' },
		{
			message: `Telediscount refused the request while ${action}: ${quoteAnswer(reason, secrets)}`,
			description: `The PBX answered: ${quoteAnswer(JSON.stringify(answer), secrets)}`,
		},
	);
}
