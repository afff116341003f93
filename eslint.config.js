// Flat config (eslint 9) for `npm run lint`, zero warnings allowed: n8n's own lint for a
// community package, the config `n8n-node lint` runs (@n8n/node-cli's exported `config`: the n8n
// Cloud rules of @n8n/eslint-plugin-community-nodes, eslint-plugin-n8n-nodes-base's rule sets,
// import-x), taken as it is, not rebuilt. It lints what ships: nodes/, credentials/ and
// package.json. Tests, benchmarks and dev scripts never ship and need what the Cloud rules forbid
// (timers, `process`, Node imports), so they are left to tsc (README, "n8n's checks").
const { config } = require('@n8n/node-cli/eslint');

module.exports = [
	{
		ignores: [
			'**/*.js',
			'**/*.mjs',
			'**/node_modules/**',
			'**/dist/**',
			'test/**',
			'bench/**',
			'scripts/**',
		],
	},
	...config,
];
