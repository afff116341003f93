// The README (n8n's community-node template: installation, operations, credentials, usage…) and
// the reference pages of docs/, one per node, are English only; docs/ru/ and docs/uz/ translate
// each of them under the same file name (docs/ru/README.md for the README). Each translated
// heading names the English one it stands for (`<!-- en: … -->`), so a section added or renamed
// without its translations fails here, as does any link or anchor that leads nowhere in any page.
// And nothing stale: every parameter, option or mode a page names in bold exists in the nodes.
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, join } from 'path';

import { AloVoiceApi } from '../../credentials/AloVoiceApi.credentials';
import { AloVoiceTriggerBasicAuthApi } from '../../credentials/AloVoiceTriggerBasicAuthApi.credentials';
import { AloVoiceTriggerHeaderAuthApi } from '../../credentials/AloVoiceTriggerHeaderAuthApi.credentials';
import { AloVoiceTriggerQueryAuthApi } from '../../credentials/AloVoiceTriggerQueryAuthApi.credentials';
import { TelediscountApi } from '../../credentials/TelediscountApi.credentials';
import { AloVoice } from '../../nodes/AloVoice/AloVoice.node';
import { AloVoiceAnswer } from '../../nodes/AloVoiceAnswer/AloVoiceAnswer.node';
import { AloVoiceTrigger } from '../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { Telediscount } from '../../nodes/Telediscount/Telediscount.node';
import { TelediscountTrigger } from '../../nodes/TelediscountTrigger/TelediscountTrigger.node';
import {
	boldSpans,
	brokenLinks,
	githubSlug,
	headingProblems,
	headings,
	links,
	renderedText,
	sectionProblems,
	sections,
} from '../docs/markdown';

const root = join(__dirname, '..', '..');
const read = (path: string): string | undefined => {
	const full = join(root, path);
	if (!existsSync(full)) return undefined;
	return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8');
};
const readme = read('README.md') as string;
/** The English pages the translations mirror: the README and the reference, one page per node. */
const REFERENCE = [
	'docs/alovoice.md',
	'docs/alovoice-trigger.md',
	'docs/alovoice-answer.md',
	'docs/telediscount.md',
	'docs/telediscount-trigger.md',
	'docs/development.md',
];
const MIRRORED = ['README.md', ...REFERENCE];
const LANGUAGES = ['ru', 'uz'];
const translationOf = (page: string, language: string) => `docs/${language}/${basename(page)}`;
const pairs = LANGUAGES.flatMap((language) =>
	MIRRORED.map((page) => [translationOf(page, language), page] as const),
);
const mdIn = (dir: string) =>
	readdirSync(join(root, dir))
		.filter((file) => file.endsWith('.md'))
		.map((file) => `${dir}/${file}`);
/** Every Markdown page of the docs: the README, docs/*.md and both translations. */
const ALL_PAGES = ['README.md', ...mdIn('docs'), ...LANGUAGES.flatMap((l) => mdIn(`docs/${l}`))];
const CYRILLIC = /[\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F]/u;

describe('README.md', () => {
	it('has no Cyrillic at all', () => {
		const lines = readme
			.split('\n')
			.map((text, i) => ({ text, line: i + 1 }))
			.filter(({ text }) => CYRILLIC.test(text));
		expect(lines).toEqual([]);
	});

	it('links both translations at the top', () => {
		const top = readme.split('\n').slice(0, 15).join('\n');
		expect(top).toContain(
			"Translations: [Russian](docs/ru/README.md) · [Uzbek (O'zbekcha)](docs/uz/README.md)",
		);
	});

	it("is n8n's community-node template: its sections in order, at most ~350 lines", () => {
		const sectionsInOrder = headings(readme)
			.filter((h) => h.level === 2)
			.map((h) => h.raw);
		expect(sectionsInOrder).toEqual([
			'Installation',
			'Operations',
			'Credentials',
			'Compatibility',
			'Usage',
			'Resources',
			'Version history',
			'Licence',
		]);
		expect(readme.split('\n').length).toBeLessThanOrEqual(350);
	});

	it('links every reference page', () => {
		const targets = links(readme).map((link) => link.target.split('#')[0]);
		expect(REFERENCE.filter((page) => !targets.includes(page))).toEqual([]);
	});
});

describe.each(REFERENCE)('%s', (page) => {
	it('is English: no Cyrillic outside code and quoted PBX labels', () => {
		const text = (read(page) ?? '').replace(/`[^`]*`|«[^»]*»|"[^"]*"/g, '');
		const lines = text.split('\n').filter((line) => CYRILLIC.test(line));
		expect(lines).toEqual([]);
	});
});

describe('the translations', () => {
	it('translate exactly the mirrored pages: none missing, none without its English page', () => {
		const want = pairs.map(([translation]) => translation).sort();
		const have = LANGUAGES.flatMap((l) => mdIn(`docs/${l}`)).sort();
		expect(have).toEqual(want);
	});
});

describe.each(pairs)('%s (translating %s)', (file, english) => {
	const text = read(file);
	const source = read(english) ?? '';

	it('exists', () => {
		expect(typeof text).toBe('string');
	});

	it('has one counterpart for every English heading, at the same level and in the same order', () => {
		const en = headings(source);
		const translated = headings(text ?? '');
		expect(en.length).toBeGreaterThan(0);
		expect(headingProblems(en, translated)).toEqual([]);
		expect(translated).toHaveLength(en.length);
	});

	it("keeps each section's code blocks as in English and its tables the same size", () => {
		expect(sectionProblems(sections(source), sections(text ?? ''))).toEqual([]);
	});

	it('is translated, not a copy: most headings differ from the English they name', () => {
		const translated = headings(text ?? '').filter((h) => h.en !== null);
		const same = translated.filter(
			(h) => renderedText(h.raw).trim() === renderedText(h.en as string).trim(),
		);
		// A page of few headings may keep one that is a name (AloVoice API, Click-to-Call).
		expect(same.length).toBeLessThanOrEqual(Math.max(1, translated.length / 2));
	});
});

describe('all mirrored pages together', () => {
	it('carry the whole manual: many headings, code blocks and tables', () => {
		const all = MIRRORED.map((page) => read(page) ?? '');
		expect(all.flatMap((md) => headings(md)).length).toBeGreaterThan(50);
		expect(
			all.flatMap((md) => sections(md)).filter((s) => s.code.length > 0).length,
		).toBeGreaterThan(5);
		expect(
			all.flatMap((md) => sections(md)).filter((s) => s.tableLines > 0).length,
		).toBeGreaterThan(5);
	});
});

describe.each(ALL_PAGES)('%s: links', (file) => {
	it('has only links and anchors that resolve', () => {
		expect(brokenLinks(file, read(file) ?? '', read)).toEqual([]);
	});
});

// ---- Nothing stale: the names a page puts in bold exist in the nodes ----

/** Every name a person sees in the editor: node, parameter, option, collection and group names. */
function uiNames(properties: INodeProperties[], into = new Set<string>()): Set<string> {
	for (const property of properties) {
		into.add(property.displayName);
		const options = (property.options ?? []) as Array<
			INodePropertyOptions | INodeProperties | INodePropertyCollection
		>;
		for (const option of options) {
			if ('values' in option && Array.isArray(option.values)) {
				into.add(option.displayName);
				uiNames(option.values, into);
			} else if ('type' in option && 'displayName' in option) {
				uiNames([option as INodeProperties], into);
			} else if ('name' in option) {
				into.add(String((option as INodePropertyOptions).name));
			}
		}
	}
	return into;
}

const descriptions: INodeTypeDescription[] = [
	new AloVoice().getNodeType(1).description,
	new AloVoice().getNodeType(2).description,
	new AloVoiceTrigger().getNodeType(1).description,
	new AloVoiceTrigger().getNodeType(2).description,
	new AloVoiceAnswer().description,
	new Telediscount().getNodeType(1).description,
	new Telediscount().getNodeType(2).description,
	new TelediscountTrigger().description,
];
const credentialTypes: ICredentialType[] = [
	new AloVoiceApi(),
	new AloVoiceTriggerBasicAuthApi(),
	new AloVoiceTriggerHeaderAuthApi(),
	new AloVoiceTriggerQueryAuthApi(),
	new TelediscountApi(),
];
const UI_NAMES = new Set<string>();
for (const description of descriptions) {
	UI_NAMES.add(description.displayName);
	uiNames(description.properties, UI_NAMES);
}
for (const credential of credentialTypes) {
	UI_NAMES.add(credential.displayName);
	uiNames(credential.properties, UI_NAMES);
}

/**
 * Bold words of the pages that are not this package's UI names: n8n's own screens and nodes,
 * the PBXs' screens, and emphasis. Short on purpose: a name added here is a name no test checks.
 */
const NOT_OUR_UI = new Set<string>([
	// n8n's own editor, settings and nodes
	'Settings',
	'Community Nodes',
	'Install',
	'On Error',
	'Continue',
	'Continue On Fail',
	'Test',
	'Test URL',
	'Production URL',
	'Listen for test event',
	'Execute step',
	'Webhook URLs',
	'Execute workflow',
	'Custom API Call',
	'Data tables',
	'HTTP Request',
	'IF',
	'Merge',
	'Read Binary File',
	'Google Sheets',
	'Get Many Rows',
	'Queue mode',
	// examples/00's own node names (n8n nodes of an example workflow)
	'Send a sample PBX event',
	'Test URL and event',
	'POST as AloVoice',
	'GET as Telediscount',
	// the PBXs' own screens and buttons
	'INTEGRATIONS',
	'API request',
	'Copy',
	'Integration with CRM',
	// words in bold for emphasis, tables' row names and formats
	'Version 1',
	'Version 2',
	'E.164',
	'Not',
	'Readable',
	'Unreadable or unauthorized',
	'What ships',
	'Which mode for which call rate',
	'How each rule matches',
	'Upgrading from 0.1.0',
	'Stopping an execution',
	'It is a real HTTP request to the Test URL',
	// bold lead-ins of list items and paragraphs
	'Time',
	'Price',
	'Seconds',
	'Warnings',
	'Recordings',
	'Redirects',
	'Numbers',
]);

/**
 * The bold spans of a page that look like UI names (a capital first letter, a few words, no
 * sentence punctuation), each cut at its arrows and slashes ("Options → Timeout (Seconds)").
 */
export function namedInBold(md: string): Array<{ name: string; line: number }> {
	const out: Array<{ name: string; line: number }> = [];
	for (const { text, line } of boldSpans(md)) {
		if (!/^[A-Z]/.test(text) || /[.:!?,;]$|:|`/.test(text)) continue;
		if (text.split(/\s+/).length > 9) continue;
		for (const part of text.split(/\s+(?:→|\/)\s+/)) out.push({ name: part.trim(), line });
	}
	return out;
}

/**
 * The bold names of a page that the nodes do not have. A name may leave out the unit the editor
 * shows in brackets: **Answer Timeout** is "Answer Timeout (Seconds)".
 */
export function staleNames(
	file: string,
	md: string,
	known: Set<string>,
	allowed: Set<string>,
): string[] {
	const exists = (name: string) =>
		known.has(name) || [...known].some((ui) => ui.startsWith(`${name} (`));
	return namedInBold(md)
		.filter(({ name }) => !exists(name) && !allowed.has(name))
		.map(
			({ name, line }) =>
				`${file}:${line}: **${name}** is no parameter, option or mode of the nodes`,
		);
}

describe('nothing stale: every mode, parameter and option the English pages name exists', () => {
	it('knows the names of all five nodes, every version, and their credentials', () => {
		for (const name of [
			'AloVoice Trigger',
			'Decide By',
			'An AloVoice Answer Node',
			'A Respond to Webhook Node',
			'Wait for Result',
			'Answer Timeout (Seconds)',
			'Default Country Code',
			'Action Type',
			'API Key',
		])
			expect([name, UI_NAMES.has(name)]).toEqual([name, true]);
	});

	it.each(['README.md', ...mdIn('docs')])('%s', (page) => {
		expect(staleNames(page, read(page) ?? '', UI_NAMES, NOT_OUR_UI)).toEqual([]);
	});

	it('fails on a made-up name, and reads arrows, but not sentences or code', () => {
		const md =
			'Set **Decide By → Rules in This Node**, then **Options → Answer Timeout**.\n' +
			'**Answer Within Seconds** is made up. **A sentence in bold.** **`code`** **Note:**\n' +
			'```\n**Inside Code**\n```\n';
		expect(staleNames('x.md', md, UI_NAMES, NOT_OUR_UI)).toEqual([
			'x.md:2: **Answer Within Seconds** is no parameter, option or mode of the nodes',
		]);
	});

	it('the allowlist holds no name the nodes have (it would hide nothing)', () => {
		expect([...NOT_OUR_UI].filter((name) => UI_NAMES.has(name))).toEqual([]);
	});
});

describe('GitHub anchor slugs', () => {
	it.each([
		['Credentials', 'credentials'],
		['Call results: what counts as a refusal', 'call-results-what-counts-as-a-refusal'],
		['Campaign → Create', 'campaign--create'],
		['Call Started (`callstart`)', 'call-started-callstart'],
		['Route Request (route type "API request")', 'route-request-route-type-api-request'],
		["n8n's checks for community packages", 'n8ns-checks-for-community-packages'],
		['Учётные данные <!-- en: Credentials -->', 'учётные-данные-'],
		['Hisob maʼlumotlari <!-- en: Credentials -->', 'hisob-maʼlumotlari-'],
		['**Bold** and _em_ [link](x.md)', 'bold-and-em-link'],
		['snake_case – en dash, x² and ½', 'snake_case--en-dash-x-and-'],
		['Oʻzbekcha: qoʻngʻiroq', 'oʻzbekcha-qoʻngʻiroq'],
	])('%s → #%s', (raw, slug) => {
		expect(githubSlug(renderedText(raw))).toBe(slug);
	});

	it('numbers repeated headings as GitHub does, and not a heading inside a code block', () => {
		const md = '# A\n## Errors\n```\n## Errors\n```\n### Errors\n#### Errors <!-- en: Errors -->\n';
		expect(headings(md).map((h) => h.slug)).toEqual(['a', 'errors', 'errors-1', 'errors-']);
	});

	it('keeps a # that is part of the heading, drops a closing sequence', () => {
		expect(headings('## C# ##\n### Notes #\n').map((h) => h.raw)).toEqual(['C#', 'Notes']);
	});
});

describe('heading parity check (fixtures)', () => {
	const en = headings('# Title\n## Set up\n## Credentials\n### Token\n## Errors\n### Errors\n');
	const ok =
		'# Заголовок <!-- en: Title -->\n## Установка <!-- en: Set up -->\n' +
		'## Учётные данные <!-- en: Credentials -->\n### Токен <!-- en: Token -->\n' +
		'## Ошибки <!-- en: Errors -->\n### Ошибки <!-- en: Errors -->\n';

	it('accepts a translation that pairs every heading', () => {
		expect(headingProblems(en, headings(ok))).toEqual([]);
	});

	it('fails when a README heading has no counterpart', () => {
		const missing = ok.replace('### Токен <!-- en: Token -->\n', '');
		expect(headingProblems(en, headings(missing))).toEqual(['"Token" has no counterpart']);
	});

	it('fails when a repeated heading is translated fewer times', () => {
		const once = ok.replace('### Ошибки <!-- en: Errors -->\n', '');
		expect(headingProblems(en, headings(once))).toEqual([
			'"Errors" appears 2 times in English but 1 times here',
		]);
	});

	it('fails on a heading without an en-note, and on a note naming no English heading', () => {
		const bad = ok
			.replace('### Токен <!-- en: Token -->', '### Токен')
			.replace('## Установка <!-- en: Set up -->', '## Установка <!-- en: Setup -->');
		expect(headingProblems(en, headings(bad))).toEqual([
			'line 4: "Токен" has no <!-- en: … --> note',
			'"Set up" has no counterpart',
			'"Token" has no counterpart',
			'<!-- en: Setup --> names no English heading',
		]);
	});

	it('fails on another level or another order', () => {
		const level = ok.replace('### Токен', '#### Токен');
		expect(headingProblems(en, headings(level))).toEqual([
			'line 4: "Токен <!-- en: Token -->" is level 4, "Token" is level 3',
		]);
		const order = ok.replace(
			'## Установка <!-- en: Set up -->\n## Учётные данные <!-- en: Credentials -->',
			'## Учётные данные <!-- en: Credentials -->\n## Установка <!-- en: Set up -->',
		);
		expect(headingProblems(en, headings(order))[0]).toBe(
			'line 2: "Учётные данные <!-- en: Credentials -->" stands where "Set up" (line 2) is in English',
		);
	});
});

describe('section check (fixtures)', () => {
	const en = sections('# T\n## A\n| a | b |\n|---|---|\n| 1 | 2 |\n```json\n{ "x": 1 }\n```\n');
	const ok =
		'# Т <!-- en: T -->\n## А <!-- en: A -->\n| а | б |\n|---|---|\n| 1 | 2 |\n```json\n{ "x": 1 }\n```\n';

	it('accepts the same code and table size under translated text', () => {
		expect(sectionProblems(en, sections(ok))).toEqual([]);
	});

	it('fails on a code block changed, missing or added, and on a table row missing', () => {
		expect(sectionProblems(en, sections(ok.replace('"x": 1', '"x": 2')))).toEqual([
			'"## A": the code blocks are not the English ones (translated under "## А <!-- en: A -->")',
		]);
		expect(
			sectionProblems(en, sections(ok.replace('```json\n{ "x": 1 }\n```\n', ''))),
		).toHaveLength(1);
		expect(sectionProblems(en, sections(ok + '```\nmore\n```\n'))).toHaveLength(1);
		expect(sectionProblems(en, sections(ok.replace('| 1 | 2 |\n', '')))).toEqual([
			'"## A": 3 table lines in English, 2 in "## А <!-- en: A -->"',
		]);
	});
});

describe('link check (fixtures)', () => {
	const files: Record<string, string> = {
		'README.md': '# Top\n## Call results: what counts as a refusal\n',
		'docs/README.ru.md': '# Верх <!-- en: Top -->\n## Ошибки <!-- en: Errors -->\n',
		'docs/pic.png': 'x',
	};
	const readFake = (p: string) => (p === 'docs' ? '' : files[p]);

	it('accepts links and anchors that resolve', () => {
		const md =
			'[a](#ошибки-) [b](../README.md#call-results-what-counts-as-a-refusal) ![c](pic.png) ' +
			'[d](../docs) [e](https://example.com/x#y) [f](#%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B8-)\n';
		expect(brokenLinks('docs/README.ru.md', md, readFake)).toEqual([]);
	});

	it('refuses a missing file, a missing anchor, an anchor without the trailing hyphen, a path out of the repo', () => {
		const md =
			'[a](#ошибки)\n[b](../README.md#call-results)\n[c](missing.md)\n[d](../../x.md)\n' +
			'`[e](not-a-link.md)`\n```\n[f](in-code.md)\n```\n';
		expect(brokenLinks('docs/README.ru.md', md, readFake)).toEqual([
			'docs/README.ru.md:1: #ошибки — no heading in docs/README.ru.md has the anchor #ошибки',
			'docs/README.ru.md:2: ../README.md#call-results — no heading in README.md has the anchor #call-results',
			'docs/README.ru.md:3: missing.md — no file docs/missing.md',
			'docs/README.ru.md:4: ../../x.md — leads out of the repository',
		]);
	});
});
