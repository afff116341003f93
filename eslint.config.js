// Flat config (eslint 9): the one lint `npm run lint` runs, with zero warnings allowed. It is the
// lint `n8n-node lint` (@n8n/node-cli) runs for a community package, rebuilt from the same parts
// without node-cli itself (node-cli pulls in platform binaries for every OS that this project's
// registry does not serve, so `npm ci` could not install it):
//  - ESLint's and typescript-eslint's recommended rules;
//  - @n8n/eslint-plugin-community-nodes' `recommended` set, the n8n Cloud rules (no timers, no
//    Node imports, no `process`, no credential reuse, ...), the same set n8n's scanner applies;
//  - the card's eslint-plugin-n8n-nodes-base rule sets for package.json, credentials and nodes,
//    with node-cli's offs where they fire here (each said below).
// Not included: node-cli's import-x rules (import order/resolution; tsc already fails on a bad
// import). Tests, benchmarks and dev scripts never ship and need what the community rules forbid
// (timers, `process`, Node imports), so only what ships is linted: nodes/, credentials/,
// package.json. That is also why package.json does not set n8n's "strict": true (README,
// "n8n's checks for community packages").
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { n8nCommunityNodesPlugin } = require('@n8n/eslint-plugin-community-nodes');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');

const community = n8nCommunityNodesPlugin.configs.recommended;

module.exports = tseslint.config(
	{ ignores: ['**/*.js', '**/*.mjs', '**/node_modules/**', '**/dist/**', 'test/**', 'bench/**', 'scripts/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, community],
		languageOptions: { parserOptions: { project: ['./tsconfig.json'], sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			'no-console': 'error',
		},
	},
	{
		files: ['package.json'],
		extends: [community],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Wants a camelCase slug, as n8n's own docs paths are; a community package links a full
			// URL (its README). Off in n8n-node lint and n8n's scanner too.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// NodeConnectionTypes.Main, which n8n's community lint asks for, is not the string these
			// two older rules look for; n8n-node lint and n8n's scanner turn them off for that reason.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
