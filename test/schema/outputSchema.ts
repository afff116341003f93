// Output schemas (n8n's `__schema__/v<x.y.z>/<resource>/<operation>.json`) built from what the
// nodes really output: a JSON Schema (draft-07, the shape of n8n's own files) inferred from the
// output items of engine runs, a strict check of items against a schema, and the list of
// resource/operation pairs a node version has (from its description), so every one is covered.
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
	$schema?: string;
	description?: string;
	type?: JsonType | JsonType[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

const ALL_TYPES: JsonType[] = ['string', 'number', 'boolean', 'object', 'array', 'null'];

/** n8n's version folder: 1 → v1.0.0, 2.1 → v2.1.0 (n8n-core's padVersion in output-schema-resolver.js). */
export function versionFolder(version: number): string {
	return `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;
}

/** What one operation's scenarios declare about fields the samples alone cannot describe. */
export interface FieldRules {
	/**
	 * Dot paths (`answer`, `raw`) of values the node passes on as the PBX sent them, in a shape the
	 * vendor does not document: any JSON value, described only by a `description`.
	 */
	opaque?: Record<string, string>;
	/** Dot paths (`*` = every property of that object) whose type must also allow these types. */
	widen?: Record<string, JsonType[]>;
}

/** The inference's working form: how often each type was seen, and the merged children. */
interface Shape {
	types: Map<JsonType, number>;
	properties?: Map<string, Shape>;
	items?: Shape;
}

function typeOf(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object')
		return typeof value as JsonType;
	throw new Error(`an output value of type ${typeof value} is not JSON`);
}

function observe(shape: Shape, value: unknown) {
	const type = typeOf(value);
	shape.types.set(type, (shape.types.get(type) ?? 0) + 1);
	if (type === 'object') {
		shape.properties ??= new Map();
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			if (child === undefined) continue;
			let childShape = shape.properties.get(key);
			if (!childShape) shape.properties.set(key, (childShape = { types: new Map() }));
			observe(childShape, child);
		}
	} else if (type === 'array') {
		for (const entry of value as unknown[]) {
			shape.items ??= { types: new Map() };
			observe(shape.items, entry);
		}
	}
}

function orderedTypes(counts: Map<JsonType, number>): JsonType[] {
	const merged = new Map(counts);
	// A field seen as 2 and as 2.5 is a number: JSON Schema's integer is a subset of number.
	if (merged.has('integer') && merged.has('number')) {
		merged.set('number', merged.get('number')! + merged.get('integer')!);
		merged.delete('integer');
	}
	// Most often seen first, ties in the order first seen (the scenarios put the usual case first).
	const firstSeen = [...merged.keys()];
	return firstSeen.sort((a, b) => {
		if (a === 'null' || b === 'null') return a === 'null' ? 1 : b === 'null' ? -1 : 0;
		return merged.get(b)! - merged.get(a)! || firstSeen.indexOf(a) - firstSeen.indexOf(b);
	});
}

function toSchema(shape: Shape, path: string[], rules: FieldRules): JsonSchema {
	const dotted = path.join('.');
	const opaque = rules.opaque?.[dotted];
	if (opaque !== undefined) {
		// The types seen first (n8n's editor shows a field by its first type), then every other.
		const seen = orderedTypes(shape.types).map((type) => (type === 'integer' ? 'number' : type));
		const types = [...new Set([...seen.filter((type) => type !== 'null'), ...ALL_TYPES])];
		return { description: opaque, type: types };
	}
	const counts = new Map(shape.types);
	const parent = path.slice(0, -1).concat('*').join('.');
	for (const extra of [...(rules.widen?.[dotted] ?? []), ...(rules.widen?.[parent] ?? [])])
		if (!counts.has(extra)) counts.set(extra, 0);
	const types = orderedTypes(counts);
	const schema: JsonSchema = { type: types.length === 1 ? types[0] : types };
	if (shape.properties) {
		schema.properties = {};
		for (const [key, child] of shape.properties)
			schema.properties[key] = toSchema(child, [...path, key], rules);
	}
	if (shape.items) schema.items = toSchema(shape.items, [...path, '[]'], rules);
	return schema;
}

/** The schema of an operation's output items (their `json`), from every item its scenarios output. */
export function inferSchema(items: unknown[], rules: FieldRules = {}): JsonSchema {
	if (items.length === 0) throw new Error('no output items to build a schema from');
	const shape: Shape = { types: new Map() };
	for (const item of items) observe(shape, item);
	const schema = toSchema(shape, [], rules);
	if (schema.type !== 'object') throw new Error(`output items must be objects, saw ${schema.type}`);
	return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema };
}

const typesOf = (schema: JsonSchema): JsonType[] =>
	schema.type === undefined ? ALL_TYPES : ([] as JsonType[]).concat(schema.type);

/**
 * What is wrong with `value` against `schema`, strictly: a wrong type, and also a property the
 * schema does not name (the shipped files leave `additionalProperties` open, as the PBX may add
 * fields, but a field the node outputs and the schema lacks is a schema to regenerate).
 */
export function violations(schema: JsonSchema, value: unknown, path = '$'): string[] {
	const type = typeOf(value);
	const allowed = typesOf(schema);
	const fits = allowed.includes(type) || (type === 'integer' && allowed.includes('number'));
	if (!fits)
		return [`${path}: ${type} ${JSON.stringify(value)}, the schema says ${allowed.join('|')}`];
	if (schema.properties === undefined && schema.items === undefined) return [];
	const problems: string[] = [];
	if (type === 'object' && schema.properties) {
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			if (child === undefined) continue;
			const childSchema = schema.properties[key];
			if (!childSchema) problems.push(`${path}.${key}: not in the schema`);
			else problems.push(...violations(childSchema, child, `${path}.${key}`));
		}
	}
	if (type === 'array' && schema.items)
		(value as unknown[]).forEach((entry, index) =>
			problems.push(...violations(schema.items!, entry, `${path}[${index}]`)),
		);
	return problems;
}

/** The schema's property paths that no item has (a field the node no longer outputs). */
export function unseenProperties(schema: JsonSchema, items: unknown[], path = '$'): string[] {
	const unseen: string[] = [];
	for (const [key, child] of Object.entries(schema.properties ?? {})) {
		const values = items
			.filter((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
			.map((item) => (item as Record<string, unknown>)[key])
			.filter((value) => value !== undefined);
		if (values.length === 0) unseen.push(`${path}.${key}`);
		else unseen.push(...unseenProperties(child, values, `${path}.${key}`));
	}
	if (schema.items) {
		const entries = items.filter(Array.isArray).flat();
		if (entries.length === 0) unseen.push(`${path}[]`);
		else unseen.push(...unseenProperties(schema.items, entries, `${path}[]`));
	}
	return unseen;
}

/** Every version a node class has: `description.version` (one or a list), or a versioned node's versions. */
export function nodeVersions(
	type: INodeType | { nodeVersions: Record<number, INodeType> },
): Array<{ version: number; description: INodeTypeDescription }> {
	if ('nodeVersions' in type) {
		return Object.entries(type.nodeVersions)
			.map(([version, versionType]) => ({
				version: Number(version),
				description: versionType.description,
			}))
			.sort((a, b) => a.version - b.version);
	}
	const versions = ([] as number[]).concat(type.description.version);
	return versions.map((version) => ({ version, description: type.description }));
}

function shownFor(property: INodeProperties, key: string, value: string | number): boolean {
	const shown = property.displayOptions?.show?.[key] as Array<unknown> | undefined;
	if (shown === undefined) return true;
	return shown.some((entry) =>
		entry && typeof entry === 'object' && '_cnd' in entry ? true : entry === value,
	);
}

/** The resource/operation pairs a node version's description offers, as n8n's editor lists them. */
export function operationsOf(
	description: INodeTypeDescription,
	version: number,
): Array<{ resource: string; operation: string }> {
	const pairs: Array<{ resource: string; operation: string }> = [];
	const visible = (property: INodeProperties) => shownFor(property, '@version', version);
	const resource = description.properties.find((p) => p.name === 'resource' && visible(p));
	for (const option of resource?.options ?? []) {
		const value = (option as { value: string }).value;
		const operationProperties = description.properties.filter(
			(p) => p.name === 'operation' && visible(p) && shownFor(p, 'resource', value),
		);
		for (const property of operationProperties)
			for (const operation of property.options ?? [])
				pairs.push({ resource: value, operation: (operation as { value: string }).value });
	}
	return pairs;
}
