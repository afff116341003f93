// The lint config turns a rule off only with a reason where people look: every rule
// eslint.config.js sets to 'off' is named in the "n8n's checks for community packages" section
// of docs/development.md, where the README's Resources send a developer (issue #11: "say in the
// README which rules, if any, are off and why"; issue 21 moved the section out of the README).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const config = readFileSync(join(root, 'eslint.config.js'), 'utf8');
const readme = readFileSync(join(root, 'docs/development.md'), 'utf8');

/** The docs/development.md section that explains the lint. */
function checksSection(text: string): string {
	const start = text.indexOf("## n8n's checks for community packages");
	const end = text.indexOf('\n## ', start + 1);
	return start < 0 ? '' : text.slice(start, end < 0 ? undefined : end);
}

/** Rule names set to 'off' (or 0) in a config text. */
function rulesOff(text: string): string[] {
	return [...text.matchAll(/['"]([@\w/-]+)['"]\s*:\s*(?:'off'|"off"|0\b)/g)].map(
		(match) => match[1],
	);
}

describe('eslint.config.js: no rule off without a README reason', () => {
	it('finds the rules a config turns off, and nothing else', () => {
		expect(
			rulesOff(`{ 'a/b-c': 'off', "d": "off", 'e': 0, 'f': 'error', 'g': 'warn', 'h': 10 }`),
		).toEqual(['a/b-c', 'd', 'e']);
	});

	it('the README section exists and is not empty', () => {
		expect(checksSection(readme).length).toBeGreaterThan(500);
	});

	it('every rule turned off is named in that README section', () => {
		const section = checksSection(readme);
		const unexplained = rulesOff(config)
			.map((rule) => rule.replace(/^n8n-nodes-base\//, ''))
			.filter((rule) => !section.includes(rule));
		expect(unexplained).toEqual([]);
	});
});
