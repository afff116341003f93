// Test-only "floor" trigger for `npm run bench` (issue #12): the fastest answer n8n's webhook
// server can give a community trigger. No parameters (so n8n has nothing to evaluate for it),
// a static responseMode (no expression in the webhook description), used at typeVersion 2
// (n8n 2.40.7 reads the `binaryData` option only for start nodes of typeVersion 1:
// webhook-helpers.js, parseRequestBody), and the answer is a constant written on the response
// object with no execution (noWebhookResponse, no workflowData). Plain JavaScript so the bench
// loads it without a build; it is never part of the published package.
//
// Two variants measure what each of n8n's per-request evaluations costs on its own: this node
// at typeVersion 1 (n8n then evaluates the binaryData expression), and benchFloorExpression-
// Trigger, whose responseMode is an expression (as the AloVoice Trigger's version 1 has).
'use strict';

// Must equal ROUTE_ANSWER in bench/n8n/workflows.ts: the benchmark checks every answer.
const ANSWER = JSON.stringify({ action_type: 'queue', action_data: '6000' });

class BenchFloorTrigger {
	constructor(variant = {}) {
		this.description = {
			displayName: 'Bench Floor Trigger',
			name: 'benchFloorTrigger',
			group: ['trigger'],
			version: [1, 2],
			description: 'Test only: answers a constant without an execution',
			defaults: { name: 'Bench Floor Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'floor' },
			],
			properties: [],
			...variant,
		};
	}

	async webhook() {
		const res = this.getResponseObject();
		res.statusCode = 200;
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.setHeader('content-length', Buffer.byteLength(ANSWER));
		res.end(ANSWER);
		return { noWebhookResponse: true };
	}
}

module.exports = { BenchFloorTrigger };
