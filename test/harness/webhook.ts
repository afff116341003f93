// Serves a workflow's trigger on a loopback HTTP port the way n8n 2.40.7's webhook server does
// (dist/middlewares/body-parser.js parseBody; dist/webhooks/webhook-helpers.js executeWebhook;
// dist/webhooks/webhook-request-handler.js), so tests and the PBX side send real HTTP requests:
//  - the body is read raw, then parsed by content type (JSON parse failure → 422 before the node);
//  - the node's `webhook` method runs in n8n-core's WebhookContext;
//  - noWebhookResponse / workflowData / webhookResponse are handled as executeWebhook does;
//  - the workflow runs in n8n-core's WorkflowExecute; for responseMode lastNode the first item of
//    the last node is sent with res.json, 500 {"message":"Error in workflow"} on failure; for
//    responseNode the `sendResponse` hook writes the answer, and an execution that ends without
//    one gets res.json(undefined).
import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IExecuteResponsePromiseData,
	INode,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';

import { PACKAGE, nodeTypes, runWorkflow, type RunResult, type WorkflowNode } from './engine';

export interface HostedWorkflow {
	url: string;
	/** Every execution started, in order (a refused request adds none). */
	executions: RunResult[];
	/** Resolves when every execution started so far has finished. */
	settled(): Promise<void>;
	close(): Promise<void>;
}

export interface HostOptions {
	/** The trigger node: type e.g. `n8n-nodes-alovoice.aloVoiceTrigger`, its parameters, credentials. */
	trigger: WorkflowNode & { name: string; type: string };
	/** Nodes after the trigger, chained in order. */
	next?: WorkflowNode[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

class WebhookCredentials extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	async authenticate(_c: unknown, _t: string, options: never) {
		return options;
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
	async getDecrypted(_a: unknown, _n: unknown, type: string) {
		const found = this.credentials[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return found;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}
	async updateCredentials() {}
	isCredentialUsableByNode() {
		return true;
	}
	async updateCredentialsOauthTokenData() {}
}

type ExpressLike = ServerResponse & {
	status(code: number): ExpressLike;
	json(body: unknown): ExpressLike;
	send(body: unknown): ExpressLike;
};

/** The parts of Express's response that n8n's webhook server calls. */
function expressResponse(res: ServerResponse): ExpressLike {
	const out = res as ExpressLike;
	out.status = (code) => {
		out.statusCode = code;
		return out;
	};
	out.send = (body) => {
		if (body === undefined || body === null) {
			out.end();
			return out;
		}
		if (typeof body === 'string') {
			if (!out.getHeader('content-type')) out.setHeader('content-type', 'text/html; charset=utf-8');
			out.setHeader('content-length', Buffer.byteLength(body));
			out.end(body);
			return out;
		}
		if (Buffer.isBuffer(body)) {
			out.end(body);
			return out;
		}
		return out.json(body);
	};
	out.json = (body) => {
		const text = JSON.stringify(body);
		if (!out.getHeader('content-type'))
			out.setHeader('content-type', 'application/json; charset=utf-8');
		return out.send(text === undefined ? '' : text);
	};
	return out;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function hostWorkflow(options: HostOptions): Promise<HostedWorkflow> {
	const trigger = options.trigger;
	const nodes: WorkflowNode[] = [trigger, ...(options.next ?? [])];
	const inodes: INode[] = nodes.map((node, index) => ({
		id: `node-${index}`,
		name: node.name ?? `Node ${index}`,
		type: node.type ?? `${PACKAGE}.aloVoice`,
		typeVersion: node.typeVersion ?? 1,
		position: [index * 200, 0],
		parameters: node.parameters,
		credentials: node.credentials ?? {},
		webhookId: index === 0 ? '7f1c2a0e-3b7d-4f55-9c1e-2d6a8b9e0f41' : undefined,
	}));
	const connections: IConnections = {};
	for (let index = 0; index < inodes.length - 1; index++) {
		connections[inodes[index].name] = {
			main: [[{ node: inodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	const workflow = new Workflow({
		id: 'wf-trigger',
		name: 'trigger test',
		nodes: inodes,
		connections,
		nodeTypes,
		active: true,
		settings: {},
	});
	const triggerNode = inodes[0];
	const nodeType = nodeTypes.getByNameAndVersion(triggerNode.type, triggerNode.typeVersion);
	const executions: RunResult[] = [];
	const running: Array<Promise<unknown>> = [];

	const handle = async (req: IncomingMessage, resRaw: ServerResponse) => {
		const res = expressResponse(resRaw);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const description = (nodeType.description.webhooks ?? []).find(
			(hook) => hook.httpMethod === method,
		);
		if (!description) {
			res
				.status(404)
				.json({ code: 404, message: `This webhook is not registered for ${method} requests.` });
			return;
		}
		const rawBody = await readRaw(req);
		const contentType = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const request = req as IncomingMessage & IDataObject;
		request.rawBody = rawBody;
		request.query = parseQuery(url.search.slice(1));
		request.ip = req.socket.remoteAddress;
		request.params = {};
		if (rawBody.length) {
			try {
				if (contentType === 'application/json') request.body = JSON.parse(rawBody.toString());
				else if (contentType === 'application/x-www-form-urlencoded')
					request.body = parseQuery(rawBody.toString());
				else if (contentType === 'text/plain') request.body = rawBody.toString();
			} catch (error) {
				res.status(422).json({
					code: 422,
					message: 'Failed to parse request body',
					hint: (error as Error).message,
				});
				return;
			}
		}
		request.body ??= {};

		const additionalData = {
			credentialsHelper: new WebhookCredentials(options.credentials ?? {}),
			httpRequest: request,
			httpResponse: res,
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: method,
			node: triggerNode.name,
			path: `${triggerNode.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			webhookId: triggerNode.webhookId,
		} as unknown as IWebhookData;
		const context = new WebhookContext(
			workflow,
			triggerNode,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		const responseMode = String(
			workflow.expression.getSimpleParameterValue(
				triggerNode,
				description.responseMode as string,
				'webhook',
				{},
				undefined,
				'onReceived',
			),
		);
		let didSend = false;
		const result = await nodeType.webhook!.call(context);
		if (result.noWebhookResponse === true) didSend = true;
		if (result.workflowData === undefined) {
			if (!didSend) res.json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		let responseNodeAnswered = false;
		const run = runWorkflow(nodes, {
			input: result.workflowData[0],
			credentials: options.credentials,
			mode: 'webhook',
			connections,
			onHooks: (hooks) => {
				hooks.addHandler('sendResponse', (response: IExecuteResponsePromiseData) => {
					if (responseMode !== 'responseNode' || didSend) return;
					responseNodeAnswered = true;
					didSend = true;
					if (response.statusCode) res.status(Number(response.statusCode));
					for (const [name, value] of Object.entries(response.headers ?? {}))
						res.setHeader(name, String(value));
					res.send(response.body as never);
				});
			},
		}).then((ran) => {
			executions.push(ran);
			if (didSend) return;
			didSend = true;
			if (
				ran.error ||
				ran.run.data.resultData.runData[ran.run.data.resultData.lastNodeExecuted ?? '']?.[0]?.error
			) {
				res.status(500).json({ message: 'Error in workflow' });
				return;
			}
			if (responseMode === 'responseNode') {
				if (!responseNodeAnswered) res.status(200).json(undefined);
				return;
			}
			if (responseMode === 'lastNode') {
				const last = ran.run.data.resultData.lastNodeExecuted ?? '';
				const first = ran.run.data.resultData.runData[last]?.[0]?.data?.main?.[0]?.[0];
				if (!first)
					res.json({
						message: 'Workflow executed successfully but the last node did not return any data',
					});
				else res.status(200).json(first.json);
				return;
			}
			res.json({ message: 'Workflow was started' });
		});
		running.push(run);
		await run;
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) {
				res.statusCode = 500;
				res.end(JSON.stringify({ message: error.message }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/webhook/${triggerNode.webhookId}/webhook`,
		executions,
		settled: async () => {
			await Promise.allSettled(running);
		},
		close: async () => {
			await Promise.allSettled(running);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Activates a workflow's trigger as n8n 2.40.7 does (dist/services/webhook.service.js
 * createWebhookIfNotExists, for each of the node's webhooks): the node's `checkExists` in
 * n8n-core's HookContext, and `create` when it says false. Resolves with the methods called,
 * or rejects with what n8n would show as the activation error.
 */
export async function activateTrigger(
	trigger: WorkflowNode & { name: string; type: string },
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	activation: 'activate' | 'init' = 'activate',
): Promise<string[]> {
	const node: INode = {
		id: 'node-0',
		name: trigger.name,
		type: trigger.type,
		typeVersion: trigger.typeVersion ?? 1,
		position: [0, 0],
		parameters: trigger.parameters,
		credentials: trigger.credentials ?? {},
		webhookId: '7f1c2a0e-3b7d-4f55-9c1e-2d6a8b9e0f41',
	};
	const workflow = new Workflow({
		id: 'wf-activate',
		name: 'activation test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
	});
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const additionalData = {
		credentialsHelper: new WebhookCredentials(credentials),
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const called: string[] = [];
	for (const description of nodeType.description.webhooks ?? []) {
		const webhookData = {
			httpMethod: description.httpMethod,
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			webhookId: node.webhookId,
			workflowExecuteAdditionalData: additionalData,
		} as unknown as IWebhookData;
		const methods = nodeType.webhookMethods?.[description.name as 'default'];
		if (!methods) continue;
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activation,
			webhookData,
		);
		called.push('checkExists');
		if (!(await methods.checkExists.call(context))) {
			called.push('create');
			await methods.create.call(context);
		}
	}
	return called;
}
