// The editor's subtitle under a node is an expression n8n evaluates with only $parameter at
// hand, so a value-to-label map has to be written into the expression itself.
import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * A subtitle expression that shows an options parameter by its label as the dropdown shows it
 * ("Call Started", not `callStarted`); a value the list does not know (an old workflow, an
 * expression) shows as it is. Only ternaries and string literals: every n8n expression engine
 * since 1.x evaluates them.
 */
export function optionSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	const value = `$parameter[${JSON.stringify(parameter)}]`;
	const chain = options.reduceRight(
		(otherwise, option) =>
			`${value} === ${JSON.stringify(option.value)} ? ${JSON.stringify(option.name)} : ${otherwise}`,
		value,
	);
	return `={{ ${chain} }}`;
}
