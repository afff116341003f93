// The output schemas inside a real n8n 2.40.7: n8n serves each of ours to its editor the way the
// editor asks for it. The editor's schemaPreview store (n8n-editor-ui, `getSchemaPreview`) sends
// GET <base URL>/schemas/<node type>/<typeVersion as x.y.z>/<resource>/<operation>.json without
// credentials and takes the answer only if it has `type` and non-empty `properties`; n8n's
// server (dist/server.js, `serveSchemas`) resolves it with LoadNodesAndCredentials.resolveSchema
// to `__schema__/v<x.y.z>/<resource>/<operation>.json` beside the loaded node's compiled file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AloVoice } from '../../dist/nodes/AloVoice/AloVoice.node';
import { Telediscount } from '../../dist/nodes/Telediscount/Telediscount.node';
import { PACKAGE_ROOT } from '../../scripts/lib/n8n';
import { nodeVersions, operationsOf, versionFolder } from '../schema/outputSchema';
import { startStack, type Stack } from './stack';

const PACKAGE = 'n8n-nodes-alovoice';

/** Every schema the editor may ask for: each version's resource/operation pairs of both action nodes. */
const requests = [
	{ folder: 'AloVoice', type: new AloVoice() },
	{ folder: 'Telediscount', type: new Telediscount() },
].flatMap(({ folder, type }) =>
	nodeVersions(type).flatMap(({ version, description }) =>
		operationsOf(description, version).map(({ resource, operation }) => {
			const versionDir = versionFolder(version);
			return {
				name: `${description.name} v${version} ${resource}/${operation}`,
				// As the editor builds it: the node type, then the version padded to x.y.z.
				path: `/schemas/${PACKAGE}.${description.name}/${versionDir.slice(1)}/${resource}/${operation}.json`,
				file: join(
					PACKAGE_ROOT,
					'dist',
					'nodes',
					folder,
					'__schema__',
					versionDir,
					resource,
					`${operation}.json`,
				),
			};
		}),
	),
);

let stack: Stack;

beforeAll(
	async () => {
		stack = await startStack([]);
	},
	20 * 60 * 1000,
);

afterAll(async () => {
	await stack?.stop();
}, 60 * 1000);

describe("the output schemas, as n8n's editor fetches them", () => {
	test('every operation of both action nodes has a built schema (13 today)', () => {
		expect(requests.length).toBeGreaterThanOrEqual(13);
		expect(requests.filter(({ file }) => !existsSync(file)).map(({ name }) => name)).toEqual([]);
	});

	test.each(requests.map((request) => [request.name, request] as const))(
		'%s: n8n serves ours, in a shape the editor accepts',
		async (_name, { path, file }) => {
			const answer = await fetch(`${stack.n8n.baseUrl}${path}`);
			expect([path, answer.status]).toEqual([path, 200]);
			const served = await answer.text();
			expect(served).toBe(readFileSync(file, 'utf8'));
			const schema = JSON.parse(served) as { type?: unknown; properties?: object };
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		},
	);

	test('an operation the node does not have is not found (the route is ours, not a catch-all)', async () => {
		const answer = await fetch(
			`${stack.n8n.baseUrl}/schemas/${PACKAGE}.aloVoice/1.0.0/call/noSuchOperation.json`,
		);
		expect(answer.status).toBe(404);
	});
});
