// nodes/AloVoice/helpers/transcript.ts: an AI analysis answer to clean output: fragments with
// times in seconds in time order, the quality rules split into matched and missing (an empty
// value did not match), the transcript as one text, and when a result is ready.
import type { CleanFragment } from '../../../../nodes/AloVoice/helpers/transcript';
import {
	cleanTags,
	cleanTranscript,
	isAnalysisReady,
	splitTags,
	transcriptText,
} from '../../../../nodes/AloVoice/helpers/transcript';

/** A fragment of callgetaireresult's `stalk`, as the API page writes it (times in ms). */
const fragment = (begin: unknown, text: string, extra: Record<string, unknown> = {}) => ({
	begin,
	end: typeof begin === 'number' ? begin + 1000 : 1000,
	direction: 'operator',
	text,
	fragment_id: 1,
	...extra,
});

describe('cleanTranscript: fragments in seconds, in time order', () => {
	it('renames the fields and turns milliseconds into seconds', () => {
		expect(
			cleanTranscript([
				{ begin: 2600, end: 5100, direction: 'client', text: 'Здравствуйте', fragment_id: 2 },
			]),
		).toEqual([
			{
				speaker: 'client',
				text: 'Здравствуйте',
				beginSeconds: 2.6,
				endSeconds: 5.1,
				fragmentId: 2,
			},
		]);
	});

	it('sorts by the start, keeping the order of fragments that start together', () => {
		const out = cleanTranscript([
			fragment(4000, 'd'),
			fragment(0, 'a'),
			fragment(1500, 'b'),
			fragment(1500, 'c'),
		]);
		expect(out.map(({ text, beginSeconds }) => [text, beginSeconds])).toEqual([
			['a', 0],
			['b', 1.5],
			['c', 1.5],
			['d', 4],
		]);
	});

	it.each([
		['1500', 1.5],
		[' 1500 ', 1.5],
		[1500.5, 1.5005],
		['', 0],
		[null, 0],
		[undefined, 0],
		['soon', 0],
		[Number.NaN, 0],
		[Number.POSITIVE_INFINITY, 0],
	])('reads a begin of %j as %j s (0 when it is no number)', (begin, seconds) => {
		expect(cleanTranscript([fragment(begin, 'x')])[0].beginSeconds).toBe(seconds);
	});

	it('reads missing and null fields as empty text and a null id, not as "undefined" or "null"', () => {
		expect(cleanTranscript([{}, { direction: null, text: null, fragment_id: null }])).toEqual([
			{ speaker: '', text: '', beginSeconds: 0, endSeconds: 0, fragmentId: null },
			{ speaker: '', text: '', beginSeconds: 0, endSeconds: 0, fragmentId: null },
		]);
	});

	it('keeps a fragment id of 0 or text, and text that came as a number, as text', () => {
		const [zero, named] = cleanTranscript([
			fragment(0, 'x', { fragment_id: 0, text: 42 }),
			fragment(1000, 'y', { fragment_id: 'f-2' }),
		]);
		expect([zero.fragmentId, zero.text, named.fragmentId]).toEqual([0, '42', 'f-2']);
	});

	it('skips entries that are no objects, and reads anything but a list as no fragments', () => {
		expect(
			cleanTranscript([null, 'noise', 7, [], [fragment(0, 'in an array')], fragment(0, 'kept')]),
		).toEqual([
			{ speaker: 'operator', text: 'kept', beginSeconds: 0, endSeconds: 1, fragmentId: 1 },
		]);
		for (const stalk of [undefined, null, '', 'text', 5, {}, { 0: fragment(0, 'x') }])
			expect(cleanTranscript(stalk)).toEqual([]);
	});
});

describe('cleanTags and splitTags: the quality rules; an empty value did not match', () => {
	const greeting = { name: 'Greeting', value: 'Assalomu alaykum', visible: true, tag_type: 'rule' };
	const intro = { name: 'No company introduction', value: '', visible: true, tag_type: 'rule' };

	it('keeps the tags that are objects, as they came', () => {
		expect(cleanTags([null, greeting, 'A', 3, [], intro])).toEqual([greeting, intro]);
		expect(cleanTags([greeting])[0]).toBe(greeting);
		for (const tags of [undefined, null, 'Greeting', {}]) expect(cleanTags(tags)).toEqual([]);
	});

	it('splits them by their value, in their order', () => {
		expect(splitTags([greeting, intro, { ...greeting, name: 'Farewell' }])).toEqual({
			matched: ['Greeting', 'Farewell'],
			missing: ['No company introduction'],
		});
	});

	it.each([[''], ['   '], ['\n'], [null], [undefined]])('a value of %j did not match', (value) => {
		expect(splitTags([{ name: 'Farewell', value }])).toEqual({
			matched: [],
			missing: ['Farewell'],
		});
	});

	it.each([['yes'], [' x '], ['0'], [0], [1]])('a value of %j matched', (value) => {
		expect(splitTags([{ name: 'Greeting', value }])).toEqual({
			matched: ['Greeting'],
			missing: [],
		});
	});

	it('names a rule without a name as empty text, and skips entries that are no objects', () => {
		expect(splitTags([null, 'A', { value: 'y' }, { name: null, value: '' }])).toEqual({
			matched: [''],
			missing: [''],
		});
		expect(splitTags(undefined)).toEqual({ matched: [], missing: [] });
	});
});

const clean = (speaker: string, text: string): CleanFragment => ({
	speaker,
	text,
	beginSeconds: 0,
	endSeconds: 1,
	fragmentId: null,
});

describe('transcriptText: one line per fragment, "Speaker: text"', () => {
	it('names the two documented speakers in any case, keeps others as they came, and an empty one Unknown', () => {
		expect(
			transcriptText([
				clean('operator', 'Assalomu alaykum'),
				clean('CLIENT', ' Здравствуйте '),
				clean('Operator', 'Конечно'),
				clean('robot', 'beep'),
				clean('', 'who?'),
			]),
		).toBe(
			'Operator: Assalomu alaykum\nClient: Здравствуйте\nOperator: Конечно\nrobot: beep\nUnknown: who?',
		);
	});

	it('keeps the order it is given, and an empty text as an empty line after the speaker', () => {
		expect(transcriptText([clean('client', 'b'), clean('operator', '  ')])).toBe(
			'Client: b\nOperator: ',
		);
		expect(transcriptText([])).toBe('');
	});
});

describe('isAnalysisReady: a transcript fragment or a tag that is an object', () => {
	it.each([
		[{ stalk: [fragment(0, 'x')] }],
		[{ tags: [{ name: 'Greeting', value: '' }] }],
		[{ stalk: [], tags: [{}] }],
		[{ stalk: [null, {}] }],
	])('%j is ready', (answer) => expect(isAnalysisReady(answer)).toBe(true));

	it.each([
		[{}],
		[{ stalk: [], tags: [] }],
		[{ stalk: [null], tags: [null] }],
		[{ stalk: ['text', 3, []], tags: ['Greeting'] }],
		[{ stalk: 'not a list', tags: {} }],
		[{ stalk: null, tags: null }],
	])('%j is not ready', (answer) => expect(isAnalysisReady(answer)).toBe(false));
});
