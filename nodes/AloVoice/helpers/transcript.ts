// Turns an AI analysis answer into clean output: transcript fragments in seconds and time order,
// matched and missing quality rules, and the transcript as one readable text.
import type { AnalysisTag, TranscriptFragment } from './interfaces';

export interface CleanFragment {
	speaker: string;
	text: string;
	beginSeconds: number;
	endSeconds: number;
	fragmentId: number | string | null;
}

const msToSeconds = (value: unknown) => {
	const number = Number(value);
	return Number.isFinite(number) ? number / 1000 : 0;
};

/** A field as text: missing and `null` are empty, not "undefined" or "null". */
const textOf = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The entries of a list that are objects: a `null` (or a stray string) in the PBX's list is skipped, not a crash. */
function objectsIn<T>(list: unknown): Array<Partial<T>> {
	if (!Array.isArray(list)) return [];
	return list.filter(
		(entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
	) as Array<Partial<T>>;
}

/** Fragments in time order, with times in seconds. */
export function cleanTranscript(stalk: unknown): CleanFragment[] {
	return objectsIn<TranscriptFragment>(stalk)
		.map((fragment) => ({
			speaker: textOf(fragment.direction),
			text: textOf(fragment.text),
			beginSeconds: msToSeconds(fragment.begin),
			endSeconds: msToSeconds(fragment.end),
			fragmentId: fragment.fragment_id ?? null,
		}))
		.sort((a, b) => a.beginSeconds - b.beginSeconds);
}

/** The quality rules of an answer: its tags that are objects. */
export function cleanTags(tags: unknown): Array<Partial<AnalysisTag>> {
	return objectsIn<AnalysisTag>(tags);
}

/** A rule whose value is empty did not match. */
export function splitTags(tags: unknown): { matched: string[]; missing: string[] } {
	const matched: string[] = [];
	const missing: string[] = [];
	for (const tag of cleanTags(tags)) {
		(textOf(tag.value).trim() === '' ? missing : matched).push(textOf(tag.name));
	}
	return { matched, missing };
}

const SPEAKERS: Record<string, string> = { operator: 'Operator', client: 'Client' };

/** "Operator: …\nClient: …", one line per fragment in time order. */
export function transcriptText(fragments: CleanFragment[]): string {
	return fragments
		.map((fragment) => {
			const speaker = SPEAKERS[fragment.speaker.toLowerCase()] ?? (fragment.speaker || 'Unknown');
			return `${speaker}: ${fragment.text.trim()}`;
		})
		.join('\n');
}

/** The result is ready once it has a transcript or tags. */
export function isAnalysisReady(answer: { stalk?: unknown; tags?: unknown }): boolean {
	return objectsIn(answer.stalk).length > 0 || objectsIn(answer.tags).length > 0;
}
