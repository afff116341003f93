// The README is English only; docs/README.ru.md and docs/README.uz.md translate all of it.
// Each translated heading names the English one it stands for (`<!-- en: … -->`), so a README
// section added or renamed without its translations fails here, as does any link or anchor
// that leads nowhere in the three files.
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import {
	brokenLinks,
	githubSlug,
	headingProblems,
	headings,
	links,
	renderedText,
	sectionProblems,
	sections,
} from './docs/markdown';

const root = join(__dirname, '..');
const read = (path: string): string | undefined => {
	const full = join(root, path);
	if (!existsSync(full)) return undefined;
	return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8');
};
const readme = read('README.md') as string;
const translations = ['docs/README.ru.md', 'docs/README.uz.md'];
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
			"Translations: [Russian](docs/README.ru.md) · [Uzbek (O'zbekcha)](docs/README.uz.md)",
		);
	});

	it('has only links and anchors that resolve', () => {
		expect(links(readme).length).toBeGreaterThan(5);
		expect(brokenLinks('README.md', readme, read)).toEqual([]);
	});
});

describe.each(translations)('%s', (file) => {
	const text = read(file);

	it('exists', () => {
		expect(typeof text).toBe('string');
	});

	it('has one counterpart for every README heading, at the same level and in the same order', () => {
		const english = headings(readme);
		const translated = headings(text ?? '');
		expect(english.length).toBeGreaterThan(50);
		expect(headingProblems(english, translated)).toEqual([]);
		expect(translated).toHaveLength(english.length);
	});

	it("keeps each section's code blocks as in English and its tables the same size", () => {
		expect(sections(readme).filter((s) => s.code.length > 0).length).toBeGreaterThan(5);
		expect(sections(readme).filter((s) => s.tableLines > 0).length).toBeGreaterThan(5);
		expect(sectionProblems(sections(readme), sections(text ?? ''))).toEqual([]);
	});

	it('is translated, not a copy: most headings differ from the English they name', () => {
		const translated = headings(text ?? '').filter((h) => h.en !== null);
		const same = translated.filter(
			(h) => renderedText(h.raw).trim() === renderedText(h.en as string).trim(),
		);
		expect(same.length).toBeLessThan(translated.length / 2);
	});

	it('has only links and anchors that resolve', () => {
		expect(links(text ?? '').length).toBeGreaterThan(5);
		expect(brokenLinks(file, text ?? '', read)).toEqual([]);
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
