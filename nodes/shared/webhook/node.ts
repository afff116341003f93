// The n8n side every PBX trigger shares: the security parameters and credentials, receiving the
// request n8n hands a webhook node, and answering it directly on the response object. An event
// file only says which normalizer to use and what to answer.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DEFAULT_MAX_BODY_BYTES, readEventFields, type Fields, type IncomingEvent } from './body';
import type { EventCheck } from './fields';
import type { ResponseLike } from './guard';
import { SECRET_CREDENTIALS } from './secrets';
import { checkSecurity, type SecuritySettings } from './security';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'None (Unguessable URL Only)', value: 'none' },
		{ name: 'Shared Secret in a Header', value: 'headerAuth' },
		{ name: 'Shared Secret in a Query Parameter', value: 'queryAuth' },
		{ name: 'Basic Auth', value: 'basicAuth' },
	],
	default: 'none',
	description:
		'The PBX signs nothing; the URL holds a random ID. Add a secret the PBX sends with every request to make a leaked URL useless.',
};

export const commonOptions: INodeProperties[] = [
	{
		displayName: 'IP Allowlist',
		name: 'ipAllowlist',
		type: 'string',
		default: '',
		placeholder: '203.0.113.10, 198.51.100.0/24',
		description:
			'Addresses or CIDR ranges the PBX sends from, separated by commas. Others get 403. Empty allows all.',
	},
	{
		displayName: 'Pass Invalid Events On',
		name: 'passInvalid',
		type: 'boolean',
		default: false,
		description:
			"Whether a request that passed the security checks but cannot be read as the event (empty, not JSON, form fields or query parameters, or none of the event's fields) still starts the workflow, as an item with invalid: true and the reason, instead of being refused with 400 (a route request gets the fallback action either way). Readable events with odd values are always accepted, with warnings.",
	},
	{
		displayName: 'Max Body Size (KB)',
		name: 'maxBodyKb',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 64,
		description: 'Larger requests get 413 and start nothing',
	},
];

interface RequestLike extends IncomingEvent {
	ip?: string;
	socket?: { remoteAddress?: string };
}

/**
 * The item that starts the workflow. `answered`: the node answered the PBX itself, so n8n must
 * write nothing more (noWebhookResponse).
 */
export function emit(item: object, answered = true): IWebhookResponseData {
	return {
		workflowData: [[{ json: item as IDataObject }]],
		...(answered ? { noWebhookResponse: true } : {}),
	};
}

/** Answers the request now, on the raw response object, before any execution exists. */
export function answerNow(
	context: IWebhookFunctions,
	status: number,
	body: string,
	contentType: string,
): void {
	const res = context.getResponseObject() as unknown as ResponseLike;
	res.statusCode = status;
	res.setHeader('content-type', contentType);
	res.setHeader('content-length', Buffer.byteLength(body));
	res.end(body);
}

export function answerJson(context: IWebhookFunctions, status: number, value: unknown): void {
	answerNow(context, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function securitySettings(
	context: IWebhookFunctions,
): Promise<{ settings: SecuritySettings; secretQuery?: string }> {
	const authentication = context.getNodeParameter('authentication', 'none') as string;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const settings: SecuritySettings = {
		ipAllowlist: (options.ipAllowlist as string | undefined) ?? '',
	};
	let secretQuery: string | undefined;
	const read = async (type: string) =>
		(await context.getCredentials(type)) as ICredentialDataDecryptedObject;
	if (authentication === 'headerAuth') {
		const credential = await read(SECRET_CREDENTIALS.headerAuth);
		settings.header = {
			name: String(credential.name ?? ''),
			value: String(credential.secret ?? ''),
		};
	} else if (authentication === 'queryAuth') {
		const credential = await read(SECRET_CREDENTIALS.queryAuth);
		secretQuery = String(credential.name ?? '');
		settings.query = { name: secretQuery, value: String(credential.secret ?? '') };
	} else if (authentication === 'basicAuth') {
		const credential = await read(SECRET_CREDENTIALS.basicAuth);
		settings.basic = {
			user: String(credential.user ?? ''),
			password: String(credential.password ?? ''),
		};
	}
	return { settings, secretQuery };
}

export type Received =
	| { ok: true; item: Fields; raw: Fields; unreadable?: boolean }
	| { ok: false; response: IWebhookResponseData };

/**
 * Security checks, then the body, then the event's normalizer. A refusal is answered here with
 * a JSON reason and no workflowData, so n8n starts no execution (docs/n8n-internals.md, "No
 * workflowData, no execution"). Only unauthorized and unreadable requests are refused: a
 * readable event with odd values is an item with `warnings` (fields.ts). "Pass Invalid Events
 * On" concerns unreadable bodies: they become an item marked invalid. Unauthorized and
 * oversized requests are always refused.
 */
export async function receiveEvent(
	context: IWebhookFunctions,
	normalize: (fields: Fields) => EventCheck,
	/**
	 * keepCaller: a caller is waiting on this request (route request). Once the security checks
	 * passed, nothing is refused: an unreadable body comes back as an item with `unreadable`
	 * and an invalid event as an item with `invalid`, and the handler answers the fallback.
	 */
	how: { keepCaller?: boolean } = {},
): Promise<Received> {
	const req = context.getRequestObject() as unknown as RequestLike;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const refuse = (status: number, reason: string): Received => {
		answerJson(context, status, { error: reason });
		return { ok: false, response: { noWebhookResponse: true } };
	};
	let security;
	try {
		security = await securitySettings(context);
	} catch {
		return refuse(500, 'The trigger cannot read its authentication credential.');
	}
	const ip = req.ip ?? req.socket?.remoteAddress;
	const allowed = checkSecurity(req, ip, security.settings);
	if (!allowed.ok) return refuse(allowed.status, allowed.reason);

	const maxBytes = Math.round(Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_BYTES / 1024) * 1024);
	const dropQuery = security.secretQuery ? [security.secretQuery] : [];
	const body = readEventFields(req, { maxBytes, dropQuery });
	const passInvalid = options.passInvalid === true;
	if (!body.ok) {
		if (how.keepCaller || (passInvalid && body.status !== 413)) {
			return { ok: true, item: { invalid: true, reason: body.reason }, raw: {}, unreadable: true };
		}
		return refuse(body.status, body.reason);
	}
	const event = normalize(body.fields);
	if (!event.ok) {
		if (passInvalid || how.keepCaller)
			return {
				ok: true,
				item: { invalid: true, reason: event.reason, raw: body.fields },
				raw: body.fields,
			};
		return refuse(400, `Not a readable event: ${event.reason}.`);
	}
	return {
		ok: true,
		item: { ...event.value, receivedAs: body.format, raw: body.fields },
		raw: body.fields,
	};
}
