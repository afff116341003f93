// Flat config (eslint 9, as n8n's community-nodes lint and scanner need): the card's
// eslint-plugin-n8n-nodes-base rule sets for package.json, credentials and nodes, with the
// same rules off as in n8n-node lint (@n8n/node-cli's config) where they fire here.
const tsParser = require('@typescript-eslint/parser');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');

module.exports = [
	{ ignores: ['**/*.js', '**/node_modules/**', '**/dist/**', 'test/**', 'bench/**', 'scripts/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { project: ['./tsconfig.json'], sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Wants a camelCase slug, as n8n's own docs paths are; a community package links a full
			// URL (its README). Off in n8n-node lint and n8n's scanner too.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { project: ['./tsconfig.json'], sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// NodeConnectionTypes.Main, which n8n's community lint asks for, is not the string these
			// two older rules look for; n8n-node lint and n8n's scanner turn them off for that reason.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
