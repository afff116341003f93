// What n8n's editor asks of a package besides running workflows: a dropdown's options (n8n-core's
// LoadOptionsContext, as n8n's DynamicNodeParametersService builds it) and a credential's "Test"
// button (n8n-core's RoutingNode over a one-property node, as n8n's CredentialsTester runs it).
import 'reflect-metadata';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsHelper,
	INode,
	INodeCredentialTestResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';

import { PACKAGE, TestCredentialsHelper, nodeTypes } from './engine';

function additionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials) as unknown as ICredentialsHelper,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		userId: 'test-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * The options of a dropdown of a node of this package, loaded as the editor loads them: the node
 * with its current parameters and credential, its `methods.loadOptions[method]` called through
 * n8n-core's LoadOptionsContext (real `getCredentials` and `helpers.httpRequest`).
 */
export async function loadNodeOptions(
	method: string,
	options: {
		credentials: Record<string, ICredentialDataDecryptedObject>;
		nodeType?: string;
		parameters?: INodeParameters;
		/** The parameter being loaded, e.g. `parameters.trunks`. */
		path?: string;
	},
): Promise<INodePropertyOptions[]> {
	const typeName = options.nodeType ?? `${PACKAGE}.aloVoice`;
	const type = nodeTypes.getByNameAndVersion(typeName);
	const loader = type.methods?.loadOptions?.[method];
	if (!loader) throw new Error(`${typeName} has no loadOptions method "${method}"`);
	const node: INode = {
		id: 'editor-node',
		name: type.description.defaults.name ?? type.description.displayName,
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: Object.fromEntries(
			(type.description.credentials ?? []).map((credential) => [
				credential.name,
				{ id: '1', name: 'account' },
			]),
		),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData(options.credentials),
		options.path ?? 'parameters',
	);
	return await loader.call(context);
}

/**
 * A credential's "Test" button: its `test.request` sent by n8n-core's RoutingNode (expressions
 * resolved against the credential, `authenticate` applied), then the verdict n8n's CredentialsTester
 * gives: the message of a `responseCode` rule that matches the failed answer's status, else the
 * answer's status text, else the error's code; "Connection successful!" for a 2xx answer.
 */
export async function testCredential(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	if (!type.test) throw new Error(`${type.name} has no test request`);
	const testNodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: type.test.request },
				},
			],
		},
	};
	const testTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: '1', name: 'account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: testTypes,
	});
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData({ [type.name]: data }),
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, {
		id: '1',
		name: 'account',
		type: type.name,
		data,
	});
	try {
		await routingNode.runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of type.test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
