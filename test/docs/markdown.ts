// Reads the README and its translations the way GitHub renders them: headings with their
// anchor slugs, the `<!-- en: … -->` note that ties a translated heading to the English one,
// and the relative links and in-page anchors, so test/package/docs.test.ts can check the three agree.

export interface Heading {
	level: number;
	/** The heading as written after the #s, comments included. */
	raw: string;
	/** The English heading a translation says it translates (`<!-- en: … -->`), or null. */
	en: string | null;
	/** GitHub's anchor for it, duplicates numbered as GitHub numbers them. */
	slug: string;
	line: number;
}

export interface Link {
	target: string;
	line: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** The lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(md: string): Array<{ text: string; line: number }> {
	const out: Array<{ text: string; line: number }> = [];
	let fence: string | null = null;
	md.split('\n').forEach((text, i) => {
		const open = FENCE.exec(text);
		if (fence !== null) {
			if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
			return;
		}
		if (open) {
			fence = open[1];
			return;
		}
		out.push({ text, line: i + 1 });
	});
	return out;
}

/**
 * The text GitHub puts in the heading element: HTML comments, code-span backticks, emphasis
 * marks and link targets gone. A space before a trailing comment stays, which is why
 * `## Credentials <!-- x -->` gets the anchor `#credentials-`.
 */
export function renderedText(raw: string): string {
	return raw
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/(\*\*|__|\*|_)(?=\S)([\s\S]*?\S)\1/g, '$2')
		.replace(/<[^>]+>/g, '');
}

/**
 * GitHub's slug, as github-slugger computes it: lower case; other numbers (²), punctuation but
 * `_` and `-`, symbols, controls and separators but the space dropped, unless alphabetic (so
 * Uzbek's ʻ and ʼ stay); each space a hyphen.
 */
const SLUG_DROP =
	/(?![\p{Alphabetic}\- ])[\p{No}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{S}\p{C}\p{Z}]/gu;

export function githubSlug(text: string): string {
	return text.toLowerCase().replace(SLUG_DROP, '').replace(/ /g, '-');
}

export function headings(md: string): Heading[] {
	const seen = new Map<string, number>();
	const out: Heading[] = [];
	for (const { text, line } of proseLines(md)) {
		const m = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(text);
		if (!m) continue;
		const raw = m[2].trim();
		const en = /<!--\s*en:\s*([\s\S]*?)\s*-->/.exec(raw);
		const base = githubSlug(renderedText(raw));
		let slug = base;
		const n = seen.get(base) ?? 0;
		if (n > 0) slug = `${base}-${n}`;
		seen.set(base, n + 1);
		out.push({ level: m[1].length, raw, en: en ? en[1] : null, slug, line });
	}
	return out;
}

export interface Section {
	/** The heading that opens it ('' for the text before the first heading). */
	heading: string;
	/** Its fenced code blocks, exactly as written (translations keep them in English). */
	code: string[];
	/** How many table lines it has (header, separator, rows). */
	tableLines: number;
}

/** The file cut at its headings, with what a translation must carry over unchanged or counted. */
export function sections(md: string): Section[] {
	const out: Section[] = [];
	let current: Section = { heading: '', code: [], tableLines: 0 };
	let fence: { mark: string; lines: string[] } | null = null;
	for (const text of md.split('\n')) {
		const open = FENCE.exec(text);
		if (fence !== null) {
			if (open && open[1][0] === fence.mark[0] && open[1].length >= fence.mark.length) {
				current.code.push(fence.lines.join('\n'));
				fence = null;
			} else {
				fence.lines.push(text);
			}
			continue;
		}
		if (open) {
			fence = { mark: open[1], lines: [text] };
			continue;
		}
		if (/^ {0,3}#{1,6}[ \t]/.test(text)) {
			out.push(current);
			current = { heading: text.trim(), code: [], tableLines: 0 };
		} else if (/^\s*\|/.test(text)) {
			current.tableLines++;
		}
	}
	out.push(current);
	return out;
}

/**
 * Where a translation's sections (paired in order, as headingProblems checks) differ from the
 * English ones in their code blocks or in the size of their tables.
 */
export function sectionProblems(english: Section[], translation: Section[]): string[] {
	const problems: string[] = [];
	english.forEach((e, i) => {
		const t = translation[i];
		if (t === undefined) return;
		const name = e.heading === '' ? 'the text before the first heading' : `"${e.heading}"`;
		if (JSON.stringify(e.code) !== JSON.stringify(t.code)) {
			problems.push(
				`${name}: the code blocks are not the English ones (translated under "${t.heading}")`,
			);
		}
		if (e.tableLines !== t.tableLines) {
			problems.push(
				`${name}: ${e.tableLines} table lines in English, ${t.tableLines} in "${t.heading}"`,
			);
		}
	});
	return problems;
}

/** Inline links and images outside code (fenced blocks and code spans). */
export function links(md: string): Link[] {
	const out: Link[] = [];
	for (const { text, line } of proseLines(md)) {
		const prose = text.replace(/`[^`]*`/g, '');
		for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			out.push({ target: m[1], line });
		}
	}
	return out;
}

/**
 * What is wrong with a translation's headings against the English ones: a heading without
 * an en-note, an English heading with no counterpart or with more than one, a counterpart at
 * another level or in another place. Empty when they pair one to one, in order.
 */
export function headingProblems(english: Heading[], translation: Heading[]): string[] {
	const problems: string[] = [];
	const count = (list: string[]) => {
		const c = new Map<string, number>();
		for (const k of list) c.set(k, (c.get(k) ?? 0) + 1);
		return c;
	};
	for (const h of translation) {
		if (h.en === null) problems.push(`line ${h.line}: "${h.raw}" has no <!-- en: … --> note`);
	}
	const noted = translation.filter((h) => h.en !== null);
	const want = count(english.map((h) => h.raw));
	const have = count(noted.map((h) => h.en as string));
	for (const [text, n] of want) {
		const m = have.get(text) ?? 0;
		if (m === 0) problems.push(`"${text}" has no counterpart`);
		else if (m !== n) problems.push(`"${text}" appears ${n} times in English but ${m} times here`);
	}
	for (const [text] of have) {
		if (!want.has(text)) problems.push(`<!-- en: ${text} --> names no English heading`);
	}
	if (problems.length > 0) return problems;
	english.forEach((h, i) => {
		const t = noted[i];
		if (t.en !== h.raw) {
			problems.push(
				`line ${t.line}: "${t.raw}" stands where "${h.raw}" (line ${h.line}) is in English`,
			);
		} else if (t.level !== h.level) {
			problems.push(
				`line ${t.line}: "${t.raw}" is level ${t.level}, "${h.raw}" is level ${h.level}`,
			);
		}
	});
	return problems;
}

/**
 * Links that lead nowhere: a relative file that does not exist, or an anchor (in-page or
 * in another Markdown file) that no heading there produces. Web addresses are not followed.
 * `read` answers a repository path's text ('' for a folder), or undefined when there is none.
 */
export function brokenLinks(
	file: string,
	md: string,
	read: (path: string) => string | undefined,
): string[] {
	const problems: string[] = [];
	const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
	for (const { target, line } of links(md)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
		const hash = target.indexOf('#');
		const pathPart = hash === -1 ? target : target.slice(0, hash);
		const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
		const path = pathPart === '' ? file : joinPath(dir, decodeURIComponent(pathPart));
		if (path === null) {
			problems.push(`${file}:${line}: ${target} — leads out of the repository`);
			continue;
		}
		const text = read(path);
		if (text === undefined) {
			problems.push(`${file}:${line}: ${target} — no file ${path}`);
			continue;
		}
		if (anchor === null) continue;
		if (!path.endsWith('.md')) {
			problems.push(`${file}:${line}: ${target} — an anchor into a file that is not Markdown`);
			continue;
		}
		if (!headings(text).some((h) => h.slug === anchor)) {
			problems.push(`${file}:${line}: ${target} — no heading in ${path} has the anchor #${anchor}`);
		}
	}
	return problems;
}

function joinPath(dir: string, rel: string): string | null {
	const parts = dir === '' ? [] : dir.split('/');
	for (const p of rel.split('/')) {
		if (p === '..') {
			if (parts.length === 0) return null;
			parts.pop();
		} else if (p !== '.' && p !== '') parts.push(p);
	}
	return parts.join('/');
}

/** Bold spans (`**…**`) outside code, with their lines: the names a page puts in bold. */
export function boldSpans(md: string): Array<{ text: string; line: number }> {
	const out: Array<{ text: string; line: number }> = [];
	for (const { text, line } of proseLines(md)) {
		const prose = text.replace(/`[^`]*`/g, '`code`');
		for (const m of prose.matchAll(/\*\*([^*\n]+?)\*\*/g)) out.push({ text: m[1].trim(), line });
	}
	return out;
}
