/** The queue-mode e2e suite: n8n's queue mode with PostgreSQL and Redis (scripts/lib/queue.ts). Not part of `jest`. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// One stack at a time: four n8n processes, PostgreSQL and Redis share the machine's two cores.
	maxWorkers: 1,
	testTimeout: 10 * 60 * 1000,
};
