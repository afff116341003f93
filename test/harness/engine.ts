// Runs workflows the way n8n runs them: n8n-core's WorkflowExecute over a Workflow built from
// this package's node and credential types, with credentials served by a small helper and
// every log line captured (tests search them for secrets).
import 'reflect-metadata';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsHelper as ICredentialsHelperType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	IConnections,
	Logger,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, LoggerProxy, Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { AloVoiceApi } from '../../credentials/AloVoiceApi.credentials';
import { AloVoice } from '../../nodes/AloVoice/AloVoice.node';

export const PACKAGE = 'n8n-nodes-alovoice';

/** Node types by their published name, `<package>.<nodeName>`, as n8n loads a community package. */
const nodeClasses: Array<INodeType | IVersionedNodeType> = [new AloVoice()];
const credentialClasses: ICredentialType[] = [new AloVoiceApi()];

/** Lets later issues register more node/credential types (triggers, Telediscount, test-only nodes). */
export function registerNodeType(type: INodeType | IVersionedNodeType, name?: string) {
	nodeClasses.push(type);
	if (name) namedTypes.set(name, type as INodeType);
}
export function registerCredentialType(type: ICredentialType) {
	credentialClasses.push(type);
}
const namedTypes = new Map<string, INodeType>();

class TestNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const named = namedTypes.get(nodeType);
		if (named) return named;
		const type = nodeClasses.find(
			(candidate) => `${PACKAGE}.${candidate.description.name}` === nodeType,
		);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		// A node with versions (n8n's VersionedNodeType): the class of the workflow node's typeVersion, as n8n's NodeTypes does.
		if ('nodeVersions' in type) return type.getNodeType(version);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

export const nodeTypes = new TestNodeTypes();

/** Every credential read n8n-core asked the helper for, by type, in order (tests clear it). */
export const credentialReads: string[] = [];

/** Serves the tests' credentials; exported for the editor-side harness (load options, credential test). */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = credentialClasses.find((candidate) => candidate.name === typeName);
		const authenticate = type?.authenticate;
		// As n8n's CredentialsHelper.authenticate: a function is called with the request options.
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			const headers = (authenticate.properties.headers ?? {}) as IDataObject;
			requestOptions.headers = requestOptions.headers ?? {};
			for (const [name, template] of Object.entries(headers)) {
				requestOptions.headers[name] = String(template).replace(
					/^=|\{\{\s*\$credentials\.(\w+)\s*\}\}/g,
					(match, key) => (match === '=' ? '' : String(credentials[key] ?? '')),
				);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		credentialReads.push(type);
		const credentials = this.credentials[type];
		if (!credentials) throw new Error(`No test credentials of type ${type}`);
		return credentials;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async updateCredentials() {}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async updateCredentialsOauthTokenData() {}
}

/** Every log line n8n and the nodes write during the tests. */
export const capturedLogs: string[] = [];
const captureLogger = (level: string) => (message: string, meta?: object) => {
	capturedLogs.push(`${level} ${message} ${meta ? safeStringify(meta) : ''}`);
};
LoggerProxy.init({
	error: captureLogger('error'),
	warn: captureLogger('warn'),
	info: captureLogger('info'),
	debug: captureLogger('debug'),
	scoped: () => LoggerProxy,
} as unknown as Logger);

// n8n-core logs through @n8n/backend-common's Logger (winston, straight to the console), not
// through LoggerProxy: capture its lines as well, so secret searches see what n8n really logs.
{
	type BackendLogger = { log(level: string, message: string, metadata: object): void };
	const backendCommon = require(
		require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] }),
	) as { Logger: { prototype: BackendLogger } };
	const original = backendCommon.Logger.prototype.log;
	backendCommon.Logger.prototype.log = function (this: BackendLogger, level, message, metadata) {
		capturedLogs.push(`${level} ${message} ${metadata ? safeStringify(metadata) : ''}`);
		return original.call(this, level, message, metadata);
	};
}

export function safeStringify(value: unknown): string {
	const seen = new WeakSet();
	return JSON.stringify(value, (_key, entry: unknown) => {
		if (entry instanceof Error) {
			const plain: Record<string, unknown> = {};
			for (const key of Object.getOwnPropertyNames(entry))
				plain[key] = (entry as unknown as Record<string, unknown>)[key];
			for (const key of Object.keys(entry))
				plain[key] = (entry as unknown as Record<string, unknown>)[key];
			return plain;
		}
		if (typeof entry === 'object' && entry !== null) {
			if (seen.has(entry)) return '[circular]';
			seen.add(entry);
		}
		if (typeof entry === 'bigint') return entry.toString();
		return entry;
	});
}

export interface WorkflowNode {
	name?: string;
	/** Node type, e.g. `n8n-nodes-alovoice.aloVoice`; defaults to the AloVoice node. */
	type?: string;
	parameters: INode['parameters'];
	/** The node's typeVersion; 1 unless given. */
	typeVersion?: number;
	credentials?: INode['credentials'];
	continueOnFail?: boolean;
	onError?: INode['onError'];
}

export interface RunOptions {
	/** Input items of the first node (the node under test). */
	input?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	connections?: IConnections;
	/** Lets a test add lifecycle handlers (e.g. `sendResponse`, as n8n's webhook server does). */
	onHooks?: (hooks: ExecutionLifecycleHooks) => void;
	/** Cancels the execution when aborted, as n8n's "Stop" does (it calls the running execution's `cancel()`). */
	cancel?: AbortSignal;
}

export interface RunResult {
	run: IRun;
	/** The output items of each node's first run, first output. */
	output: (nodeName: string) => INodeExecutionData[];
	/** The workflow-level error, if the run failed. */
	error: IRun['data']['resultData']['error'];
	/** The whole run as the text n8n would store, for secret searches. */
	serialized: string;
	/** Settles when the execution's own work is over: after a cancel, once its running node has stopped. */
	settled: Promise<unknown>;
}

/** Runs the given nodes, chained in order, through n8n-core's WorkflowExecute. */
export async function runWorkflow(
	nodesIn: WorkflowNode[],
	options: RunOptions = {},
): Promise<RunResult> {
	const nodes: INode[] = nodesIn.map((node, index) => ({
		id: `node-${index}`,
		name: node.name ?? (index === 0 ? 'AloVoice' : `Node ${index}`),
		type: node.type ?? `${PACKAGE}.aloVoice`,
		typeVersion: node.typeVersion ?? 1,
		position: [index * 200, 0],
		parameters: node.parameters,
		credentials: node.credentials ?? { aloVoiceApi: { id: '1', name: 'AloVoice account' } },
		continueOnFail: node.continueOnFail,
		onError: node.onError ?? (node.continueOnFail ? 'continueRegularOutput' : undefined),
	}));
	const connections: IConnections = options.connections ?? {};
	if (!options.connections) {
		for (let index = 0; index < nodes.length - 1; index++) {
			connections[nodes[index].name] = {
				main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
			};
		}
	}

	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let finish!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finish(fullRunData));
	options.onHooks?.(hooks);

	const credentialsHelper = new TestCredentialsHelper(options.credentials ?? {});
	const additionalData = {
		hooks,
		credentialsHelper: credentialsHelper as unknown as ICredentialsHelperType,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('code runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: nodes[0],
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});

	const workflowExecute = new WorkflowExecute(
		additionalData,
		options.mode ?? 'manual',
		runExecutionData,
	);
	const execution = workflowExecute.processRunExecutionData(workflow);
	const settled = execution.then(
		() => undefined,
		() => undefined,
	);
	if (options.cancel) {
		options.cancel.addEventListener('abort', () => execution.cancel(), { once: true });
		// A cancelled execution reports its end (workflowExecuteAfter) without settling its promise.
		await Promise.race([execution, done]);
	} else {
		await execution;
	}
	const run = await done;

	// Serialized on first use: searching 100,000 items' run data costs more than running them.
	let serialized: string | undefined;
	return {
		run,
		settled,
		error: run.data.resultData.error,
		output: (nodeName: string) => {
			const taskData = run.data.resultData.runData[nodeName]?.[0];
			if (!taskData) throw new Error(`Node "${nodeName}" did not run`);
			if (taskData.error && !taskData.data) throw taskData.error;
			return taskData.data?.main?.[0] ?? [];
		},
		get serialized() {
			serialized ??= safeStringify(run);
			return serialized;
		},
	};
}

/** The output items of the node with only json/binary/pairedItem, as a user sees them. */
export function plainItems(items: INodeExecutionData[]) {
	return items.map((item) => {
		const plain: IDataObject = { json: item.json };
		if (item.binary && Object.keys(item.binary).length)
			plain.binary = item.binary as unknown as IDataObject;
		if (item.pairedItem !== undefined) plain.pairedItem = item.pairedItem as unknown as IDataObject;
		return plain;
	});
}
