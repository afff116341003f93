// The triggers' activation check (their webhookMethods): no PBX here has an API to register a
// webhook (the URL is pasted into it by hand), so "create" is where n8n lets a node refuse to
// start. It checks what would otherwise fail on the first call from the PBX: the secret
// credential and the IP allowlist here, and whatever the provider's hook adds (a fallback
// answer, say). Every problem found is listed, each naming the setting and what it must be.
import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkAllowlist } from './ip';
import {
	isSecretKind,
	LEGACY_CREDENTIALS,
	SECRET_CREDENTIAL_NAMES,
	SECRET_CREDENTIALS,
	SECRET_DOCS_URL,
	secretProblem,
} from './secrets';

export interface ActivationSettings {
	authentication: string;
	/** The node's credential references by type (INode.credentials): what the user chose. */
	credentialRefs: Record<string, { name?: string } | undefined>;
	/** The chosen secret credential's data, or why it could not be read. */
	credential?: { data: ICredentialDataDecryptedObject } | { error: string };
	ipAllowlist: string;
}

/** The provider's own checks: its problems, each a sentence naming the setting. */
export type ActivationHook = (context: IHookFunctions) => string[] | Promise<string[]>;

function credentialProblem(settings: ActivationSettings): string | undefined {
	const kind = settings.authentication;
	if (!isSecretKind(kind)) return undefined;
	const wanted = SECRET_CREDENTIAL_NAMES[kind];
	const legacy = LEGACY_CREDENTIALS[kind];
	const chosen = settings.credentialRefs[SECRET_CREDENTIALS[kind]];
	const old = settings.credentialRefs[legacy.type];
	if (!chosen && old) {
		return `Authentication: the credential "${old.name ?? legacy.displayName}" is n8n's ${legacy.displayName}, which this node no longer reads (version 0.1.0 used it). Create an "${wanted}" credential with the same values and choose it (how: ${SECRET_DOCS_URL}).`;
	}
	if (!chosen || !settings.credential || 'error' in settings.credential) {
		return `Authentication: choose an "${wanted}" credential, or set Authentication to None.`;
	}
	const problem = secretProblem(kind, settings.credential.data);
	return problem ? `Credential "${chosen.name ?? wanted}": ${problem}` : undefined;
}

/** What in the security settings would make the trigger fail its first call; empty when none. Pure. */
export function activationProblems(settings: ActivationSettings): string[] {
	const problems: string[] = [];
	const credential = credentialProblem(settings);
	if (credential) problems.push(credential);
	if (settings.ipAllowlist.trim() !== '') {
		const list = checkAllowlist(settings.ipAllowlist);
		if (!list.ok) problems.push(`IP Allowlist: ${list.reason}`);
	}
	return problems;
}

/** A parameter the user set to an expression: read per request, with its data, so not checked here. */
export const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

async function securitySettings(context: IHookFunctions): Promise<ActivationSettings> {
	const node = context.getNode();
	const authentication = String(context.getNodeParameter('authentication', 'none') ?? 'none');
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const settings: ActivationSettings = {
		authentication,
		credentialRefs: (node.credentials ?? {}) as ActivationSettings['credentialRefs'],
		ipAllowlist: String(options.ipAllowlist ?? ''),
	};
	if (isSecretKind(authentication) && node.credentials?.[SECRET_CREDENTIALS[authentication]]) {
		try {
			settings.credential = {
				data: await context.getCredentials(SECRET_CREDENTIALS[authentication]),
			};
		} catch (error) {
			settings.credential = { error: (error as Error).message };
		}
	}
	return settings;
}

/** Reads the node's settings and refuses to activate, with every problem, when there is one. */
export async function checkActivation(
	context: IHookFunctions,
	providerProblems?: ActivationHook,
): Promise<void> {
	const problems = [
		...activationProblems(await securitySettings(context)),
		...((await providerProblems?.(context)) ?? []),
	];
	if (problems.length === 0) return;
	const node = context.getNode();
	const list =
		problems.length === 1
			? problems[0]
			: problems.map((problem, index) => `${index + 1}. ${problem}`).join(' ');
	throw new NodeOperationError(node, `${node.name} cannot be activated: ${list}`, {
		description:
			'Nothing is registered at the PBX (its URL is pasted there by hand); these settings would make every call from it fail. Fix them and activate again.',
	});
}

/**
 * A trigger's webhookMethods. The PBX cannot register a webhook, so nothing exists to find or
 * delete there; `create` is the activation check, which refuses to activate, saying what to
 * fix, when the settings would make every call fail.
 */
export function webhookMethods(providerProblems?: ActivationHook) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await checkActivation(this, providerProblems);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};
}
