// The lint `n8n-node lint` runs, for the check n8n's verification asks for: @n8n/node-cli's own
// config, imported as is (ESLint's and typescript-eslint's recommended rules, import-x,
// @n8n/eslint-plugin-community-nodes' n8n Cloud rules, eslint-plugin-n8n-nodes-base's rule sets
// with node-cli's offs). The one addition: the folders that never ship are not linted. The
// community rules forbid what only code inside n8n must not do (timers, `process`, Node imports,
// the console), and the tests, benchmarks and dev scripts need exactly that. The same ignores
// are why package.json cannot set n8n's "strict": true (README, "Linting").
// `npm run lint:community` runs it; the card's lint stays in eslint.config.js (`npm run lint`).
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [globalIgnores(['test/**', 'bench/**', 'scripts/**']), ...config];
