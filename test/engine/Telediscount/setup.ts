// Loads the Telediscount node and credential into the engine harness, and starts the
// stand-in API for one test file.
import { TelediscountApi } from '../../../credentials/TelediscountApi.credentials';
import { Telediscount } from '../../../nodes/Telediscount/Telediscount.node';
import type { RunOptions, WorkflowNode } from '../../harness/engine';
import {
	PACKAGE,
	capturedLogs,
	registerCredentialType,
	registerNodeType,
	runWorkflow,
} from '../../harness/engine';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../../server/telediscount';

registerNodeType(new Telediscount());
registerCredentialType(new TelediscountApi());

export const NODE = 'Telediscount';
export const TYPE = `${PACKAGE}.telediscount`;

export interface TelediscountCredentials {
	telediscountApi: { apiKey: string; baseUrl: string };
}

/** Everything n8n and the node logged so far, for secret searches. */
export function loggedText(): string {
	return capturedLogs.join('\n');
}

/** A server started before and stopped after the file's tests, reset before each test. */
export function useTelediscountServer() {
	const server = new TelediscountServer();
	const context = {
		server,
		credentials: undefined as unknown as TelediscountCredentials,
		/** Runs the Telediscount node with these parameters (plus extra nodes after it). */
		run: (
			parameters: WorkflowNode['parameters'],
			options: {
				input?: RunOptions['input'];
				continueOnFail?: boolean;
				apiKey?: string;
				baseUrl?: string;
				/** The node's typeVersion: 1 (a saved workflow's) unless given. */
				typeVersion?: number;
			} = {},
		) =>
			runWorkflow(
				[
					{
						name: NODE,
						type: TYPE,
						typeVersion: options.typeVersion ?? 1,
						parameters,
						continueOnFail: options.continueOnFail,
						credentials: { telediscountApi: { id: '2', name: 'Telediscount account' } },
					},
				],
				{
					input: options.input,
					credentials: {
						telediscountApi: {
							apiKey: options.apiKey ?? TELEDISCOUNT_KEY,
							baseUrl: options.baseUrl ?? context.credentials.telediscountApi.baseUrl,
						},
					},
				},
			),
	};
	beforeAll(async () => {
		const url = await server.start();
		context.credentials = { telediscountApi: { apiKey: TELEDISCOUNT_KEY, baseUrl: url } };
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());
	return context;
}
