// Turns an AI analysis answer into clean output: transcript fragments in seconds and time order,
// matched and missing quality rules, and the transcript as one readable text.
import type { AnalysisTag, TranscriptFragment } from './interfaces';

export interface CleanFragment {
	speaker: string;
	text: string;
	beginSeconds: number;
	endSeconds: number;
	fragmentId: number | string;
}

const msToSeconds = (value: unknown) => {
	const number = Number(value);
	return Number.isFinite(number) ? number / 1000 : 0;
};

/** Fragments in time order, with times in seconds. */
export function cleanTranscript(stalk: unknown): CleanFragment[] {
	if (!Array.isArray(stalk)) return [];
	return (stalk as TranscriptFragment[])
		.map((fragment) => ({
			speaker: String(fragment.direction ?? ''),
			text: String(fragment.text ?? ''),
			beginSeconds: msToSeconds(fragment.begin),
			endSeconds: msToSeconds(fragment.end),
			fragmentId: fragment.fragment_id,
		}))
		.sort((a, b) => a.beginSeconds - b.beginSeconds);
}

/** A rule whose value is empty did not match. */
export function splitTags(tags: unknown): { matched: string[]; missing: string[] } {
	const matched: string[] = [];
	const missing: string[] = [];
	if (!Array.isArray(tags)) return { matched, missing };
	for (const tag of tags as AnalysisTag[]) {
		const value = tag.value === undefined || tag.value === null ? '' : String(tag.value).trim();
		(value === '' ? missing : matched).push(String(tag.name));
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
	return (
		(Array.isArray(answer.stalk) && answer.stalk.length > 0) ||
		(Array.isArray(answer.tags) && answer.tags.length > 0)
	);
}
