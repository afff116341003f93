/** The e2e suite: this package inside a real n8n (see scripts/lib/n8n.ts). Not part of `jest`. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// One n8n at a time: the suites share the machine's two cores and start their own instance.
	maxWorkers: 1,
	testTimeout: 5 * 60 * 1000,
};
