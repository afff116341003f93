// A node run's credentials, read once for all its items.
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

type CredentialReader = Pick<IExecuteFunctions, 'getCredentials'>;

const runs = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * `this.getCredentials(type)`, once per node run (n8n gives a node run one context object for
 * all its items). In a real n8n every call reads the credential from the database and decrypts
 * it: per item that was 0.9 s of 1.6 s for 1,000 "Get Result" items (BENCHMARKS.md). A node's
 * credential is chosen per node, not per item, so every item gets the same one. A failed read is
 * not kept, so the next item asks again and gets its own error.
 */
export async function credentialsOfRun(
	context: CredentialReader,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	let byType = runs.get(context);
	if (!byType) {
		byType = new Map();
		runs.set(context, byType);
	}
	let pending = byType.get(type);
	if (!pending) {
		pending = context.getCredentials(type);
		byType.set(type, pending);
		pending.catch(() => byType!.delete(type));
	}
	return await pending;
}
