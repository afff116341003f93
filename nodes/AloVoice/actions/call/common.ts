// What the three call operations share: the timeout option, phone and language checks, sending
// the body, and reading the answer (a refusal, or the PBX's raw answer for the output).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkAloVoicePhone } from '../../../shared/phone';
import { quoteAnswer } from '../../../shared/http';
import { redactValue } from '../../../shared/redact';
import { answerValue, refusalOf } from '../../../shared/refusal';
import { timeoutOf, timeoutProperty } from '../../../shared/options';
import type { CallLanguage } from '../../helpers/interfaces';
import { aloVoiceRequest, getAloVoiceCredentials } from '../../transport';

/** The optional External ID of a requested call, echoed back as `externalid` in its result. */
export function externalIdProperty(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: '123123',
		description:
			"Your own ID for this call; AloVoice sends it back as 'externalid' in the call result",
		displayOptions: { show },
	};
}

export const timeoutOption = timeoutProperty(
	'How long to wait for AloVoice to answer before giving up',
);

/** The phone in AloVoice's form, or a NodeOperationError naming the field (before any request). */
export function phoneParameter(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const check = checkAloVoicePhone(value, field);
	if (!check.ok) throw new NodeOperationError(this.getNode(), check.reason, { itemIndex });
	return check.value;
}

export function textParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A whole number of at least `min`, typed as a number or text, or a NodeOperationError naming the field. */
export function integerParameter(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	example: string,
	itemIndex: number,
	min = 0,
): number {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!/^-?\d{1,15}$/.test(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`${field}: "${text}" is not a whole number. Use digits only, e.g. ${example}.`,
			{ itemIndex },
		);
	}
	const number = Number(text);
	if (number < min) {
		throw new NodeOperationError(
			this.getNode(),
			`${field}: "${text}" is too small. Use a whole number from ${min}, e.g. ${example}.`,
			{ itemIndex },
		);
	}
	return number;
}

export const LANGUAGES: CallLanguage[] = ['ru', 'uz'];

export const languageOptions = [
	{ name: 'Russian', value: 'ru' },
	{ name: 'Uzbek', value: 'uz' },
];

/** An announcement language AloVoice documents (`ru`, the default, or `uz`), or a NodeOperationError naming the field. */
export function languageParameter(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): CallLanguage {
	const text = value === undefined || value === null ? '' : String(value).trim().toLowerCase();
	if (text === '') return 'ru';
	if ((LANGUAGES as string[]).includes(text)) return text as CallLanguage;
	throw new NodeOperationError(
		this.getNode(),
		`${field}: "${String(value).trim()}" is not a language AloVoice offers. Use ru (Russian) or uz (Uzbek).`,
		{ itemIndex },
	);
}

/**
 * Sends a call request once and reads the answer by the rule of nodes/shared/refusal.ts: any 2xx
 * answer that is not an explicit refusal means the PBX took the call. The answer comes back as
 * data (JSON, text, or `null` when empty), without the token, for the operation's output.
 * Nothing here retries: a second request would place a second call.
 */
export async function requestCall(
	this: IExecuteFunctions,
	itemIndex: number,
	request: { endpoint: string; action: string; body: IDataObject; multipart?: boolean },
): Promise<unknown> {
	let body: string | FormData;
	const headers: IDataObject = {};
	if (request.multipart) {
		// Objects go as JSON text in their form field: the documentation names multipart, its examples JSON.
		const form = new FormData();
		for (const [name, value] of Object.entries(request.body)) {
			if (value === undefined) continue;
			form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
		body = form;
	} else {
		body = JSON.stringify(request.body);
		headers['Content-Type'] = 'application/json';
	}
	const text = (await aloVoiceRequest.call(this, {
		method: 'POST',
		endpoint: request.endpoint,
		auth: 'path',
		action: request.action,
		body,
		headers,
		response: 'text',
		timeout: timeoutOf.call(this, itemIndex),
	})) as string;
	const { token } = await getAloVoiceCredentials.call(this);
	const answer = answerValue(text);
	const refusal = refusalOf(answer);
	if (refusal !== undefined) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'call refused' },
			{
				message: `AloVoice refused the call: ${quoteAnswer(refusal, [token])}`,
				description: `The PBX answered: ${quoteAnswer(text, [token])}`,
				itemIndex,
			},
		);
	}
	return redactValue(answer, [token]);
}
