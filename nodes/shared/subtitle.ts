// The editor's subtitle under a node is an expression n8n evaluates with only $parameter at
// hand, so a value-to-label map has to be written into the expression itself.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * A subtitle expression that shows an options parameter by its label as the dropdown shows it
 * ("Call Started", not `callStarted`); a value the list does not know (an old workflow, an
 * expression) shows as it is. Only ternaries and string literals: every n8n expression engine
 * since 1.x evaluates them.
 */
export function optionSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	return `={{ ${optionLabel(parameter, options)} }}`;
}

/** The inside of optionSubtitle's expression, to be part of a longer subtitle. */
export function optionLabel(parameter: string, options: INodePropertyOptions[]): string {
	const value = `$parameter[${JSON.stringify(parameter)}]`;
	return options.reduceRight(
		(otherwise, option) =>
			`${value} === ${JSON.stringify(option.value)} ? ${JSON.stringify(option.name)} : ${otherwise}`,
		value,
	);
}

/**
 * An action node's subtitle, "Get Many: Line", from the Resource dropdown and each resource's
 * Operation dropdown: an operation value means different things under different resources
 * (getMany), so the operation's label is looked up under its resource. A value neither list
 * knows shows as n8n's own `operation: resource` subtitle would show it.
 */
export function operationSubtitle(
	resources: INodePropertyOptions[],
	operations: Record<string, INodePropertyOptions[]>,
): string {
	const resource = '$parameter["resource"]';
	const operation = '$parameter["operation"]';
	const raw = `${operation} + ": " + ${resource}`;
	const chain = resources.reduceRight((otherwise, option) => {
		const labels = (operations[String(option.value)] ?? []).reduceRight(
			(unknown, entry) =>
				`${operation} === ${JSON.stringify(entry.value)} ? ${JSON.stringify(`${entry.name}: ${option.name}`)} : ${unknown}`,
			`${operation} + ": " + ${JSON.stringify(option.name)}`,
		);
		return `${resource} === ${JSON.stringify(option.value)} ? (${labels}) : ${otherwise}`;
	}, raw);
	return `={{ ${chain} }}`;
}

/** Each resource's Operation dropdown in a node's parameters, for operationSubtitle. */
export function operationOptions(
	properties: INodeProperties[],
): Record<string, INodePropertyOptions[]> {
	const byResource: Record<string, INodePropertyOptions[]> = {};
	for (const property of properties) {
		const resources = property.displayOptions?.show?.resource;
		if (property.name !== 'operation' || !resources) continue;
		for (const name of resources)
			byResource[String(name)] = property.options as INodePropertyOptions[];
	}
	return byResource;
}
