// Test-only: the floor trigger (BenchFloorTrigger.node.js) with one change, a responseMode that
// is an expression, so the benchmark shows what n8n's evaluation of it costs per request.
'use strict';

const { BenchFloorTrigger } = require('./BenchFloorTrigger.node.js');

class BenchFloorExpressionTrigger extends BenchFloorTrigger {
	constructor() {
		super({
			displayName: 'Bench Floor Expression Trigger',
			name: 'benchFloorExpressionTrigger',
			version: 2,
			defaults: { name: 'Bench Floor Expression Trigger' },
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: '={{ "onReceived" }}', path: 'floor' },
			],
		});
	}
}

module.exports = { BenchFloorExpressionTrigger };
