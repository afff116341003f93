// The output schemas n8n's editor shows before a node ran (nodes/<Node>/__schema__/, served by
// n8n from next to the compiled node: n8n-core's nodes-loader/output-schema-resolver.js) match
// what the nodes really output. Every operation of every node version runs in the engine harness
// against the stand-in PBXs (test/schema/scenarios.ts); each output item must fit its schema,
// each schema field must occur in some output, and the files must be what `npm run schemas`
// writes from those outputs. A node whose output changed fails here: run `npm run schemas`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { JsonSchema } from '../schema/outputSchema';
import {
	inferSchema,
	operationsOf,
	unseenProperties,
	versionFolder,
	violations,
} from '../schema/outputSchema';
import type { Outputs } from '../schema/scenarios';
import {
	NODES,
	buildSchemas,
	expectedOutputs,
	runScenarios,
	schemaFile,
} from '../schema/scenarios';

const root = join(__dirname, '..', '..');
const REGENERATE = 'run `npm run schemas` and commit nodes/*/__schema__/';

const readSchema = (file: string): JsonSchema | undefined => {
	const path = join(root, file);
	return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as JsonSchema) : undefined;
};

function filesUnder(directory: string): string[] {
	if (!existsSync(directory)) return [];
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

let outputs: Outputs;
beforeAll(async () => {
	outputs = await runScenarios();
}, 240_000);

const expected = expectedOutputs();

describe('every operation of every action node version has a schema file', () => {
	it('covers both nodes and all their operations (13 today)', () => {
		expect(new Set(expected.map(({ node }) => node))).toEqual(new Set(Object.keys(NODES)));
		expect(expected.length).toBeGreaterThanOrEqual(13);
	});

	it.each(expected.map((entry) => [entry.key, entry] as const))(
		'%s: run by a scenario, and its file is in the sources',
		(_key, { node, version, resource, operation, key }) => {
			expect([key, outputs.items.has(key)]).toEqual([key, true]);
			const file = schemaFile(node, version, resource, operation);
			expect([file, existsSync(join(root, file)) ? 'present' : REGENERATE]).toEqual([
				file,
				'present',
			]);
		},
	);

	it('no schema file for an operation or version the nodes do not have', () => {
		const wanted = new Set(
			expected.map(({ node, version, resource, operation }) =>
				schemaFile(node, version, resource, operation),
			),
		);
		const present = Object.values(NODES).flatMap(({ folder }) =>
			filesUnder(join(root, 'nodes', folder, '__schema__')).map((path) => relative(root, path)),
		);
		expect(present.filter((file) => !wanted.has(file))).toEqual([]);
	});
});

describe('each schema file against the outputs of its operation', () => {
	it.each(expected.map((entry) => [entry.key, entry] as const))(
		'%s: every output item fits the schema, every schema field occurs in an output',
		(_key, { node, version, resource, operation, key }) => {
			const schema = readSchema(schemaFile(node, version, resource, operation));
			const items = outputs.items.get(key) ?? [];
			expect(schema).toBeDefined();
			expect(items.length).toBeGreaterThan(0);
			const misfits = items.flatMap((item) => violations(schema!, item));
			expect({ misfits, fix: misfits.length ? REGENERATE : '' }).toEqual({ misfits: [], fix: '' });
			const unseen = unseenProperties(schema!, items);
			expect({ unseen, fix: unseen.length ? REGENERATE : '' }).toEqual({ unseen: [], fix: '' });
		},
	);

	it('the files are exactly what `npm run schemas` writes from these outputs', () => {
		const stale = [...buildSchemas(outputs)]
			.filter(([file, schema]) => JSON.stringify(readSchema(file)) !== JSON.stringify(schema))
			.map(([file]) => file);
		expect({ stale, fix: stale.length ? REGENERATE : '' }).toEqual({ stale: [], fix: '' });
	});

	it("in the shape n8n's editor takes: draft-07, an object with properties", () => {
		// n8n-editor-ui's schemaPreview store refuses a schema without `type` and non-empty `properties`.
		for (const { node, version, resource, operation } of expected) {
			const schema = readSchema(schemaFile(node, version, resource, operation))!;
			expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		}
	});
});

describe('the schema tools themselves', () => {
	it("n8n's version folders: 1 → v1.0.0, 2 → v2.0.0, 2.1 → v2.1.0", () => {
		expect([1, 2, 2.1, 1.12].map(versionFolder)).toEqual(['v1.0.0', 'v2.0.0', 'v2.1.0', 'v1.12.0']);
	});

	it('infers types from items: unions most seen first, null last, integer inside number', () => {
		const schema = inferSchema([
			{ a: 1, b: null, c: [{ d: 'x' }], e: 1 },
			{ a: 'x', b: 'y', c: [], e: 2.5 },
			{ a: 2, f: true },
		]);
		expect(schema.properties).toEqual({
			a: { type: ['integer', 'string'] },
			b: { type: ['string', 'null'] },
			c: { type: 'array', items: { type: 'object', properties: { d: { type: 'string' } } } },
			e: { type: 'number' },
			f: { type: 'boolean' },
		});
	});

	it('a field the schema lacks, a wrong type, or a field no output has: each is found', () => {
		const schema = inferSchema([{ a: 1, nested: { b: 'x' } }]);
		expect(violations(schema, { a: 1, nested: { b: 'x' }, added: true })).toEqual([
			'$.added: not in the schema',
		]);
		expect(violations(schema, { a: 'one', nested: { b: 2 } })).toEqual([
			'$.a: string "one", the schema says integer',
			'$.nested.b: integer 2, the schema says string',
		]);
		expect(unseenProperties(schema, [{ a: 1, nested: {} }])).toEqual(['$.nested.b']);
	});

	it('opaque fields take any value; widened fields take the declared types', () => {
		const schema = inferSchema([{ answer: true, id: 1 }], {
			opaque: { answer: 'as it came' },
			widen: { id: ['string'] },
		});
		expect(schema.properties!.answer).toEqual({
			description: 'as it came',
			type: ['boolean', 'string', 'number', 'object', 'array', 'null'],
		});
		expect(schema.properties!.id).toEqual({ type: ['integer', 'string'] });
		expect(violations(schema, { answer: { any: ['thing'] }, id: 'x' })).toEqual([]);
	});

	it('lists a versioned description by version (an operation shown only in version 2)', () => {
		const description = {
			properties: [
				{ name: 'resource', options: [{ value: 'call' }] },
				{
					name: 'operation',
					displayOptions: { show: { resource: ['call'] } },
					options: [{ value: 'make' }],
				},
				{
					name: 'operation',
					displayOptions: { show: { resource: ['call'], '@version': [2] } },
					options: [{ value: 'transfer' }],
				},
			],
		} as never;
		expect(operationsOf(description, 1)).toEqual([{ resource: 'call', operation: 'make' }]);
		expect(operationsOf(description, 2)).toEqual([
			{ resource: 'call', operation: 'make' },
			{ resource: 'call', operation: 'transfer' },
		]);
	});
});
