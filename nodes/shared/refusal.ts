// Reading an answer whose shape the API pages do not document (AloVoice's /requestcall,
// Telediscount's outcome; /outcall is documented as plain `true`/`false`, and the same rule reads
// that too). A 2xx answer is success unless it is an explicit refusal: failing on a shape we did not
// guess would invite a retry, and a retry of these requests places the call a second time. The
// set below is written down in docs/alovoice.md ("Call results: what counts as a refusal").

/** The answer as data: its JSON value when it is JSON, else its trimmed text; `null` for an empty body. */
export function answerValue(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return trimmed;
	}
}

/** Words that mean "it failed" in a `status` or `result` field, or as a whole text answer. */
const FAILURE_WORDS = new Set(['false', 'error', 'fail', 'failed', 'failure']);

/** `false`, `"false"`, `0`, `"0"`: what a `success`, `ok` or `result` flag says when it says no. */
const isFalseFlag = (value: unknown) =>
	value === false ||
	value === 0 ||
	(typeof value === 'string' && ['false', '0'].includes(value.trim().toLowerCase()));

const isTrueFlag = (value: unknown) =>
	value === true ||
	value === 1 ||
	(typeof value === 'string' && ['true', '1'].includes(value.trim().toLowerCase()));

const isFailureWord = (value: unknown) =>
	typeof value === 'string' && FAILURE_WORDS.has(value.trim().toLowerCase());

/**
 * Whether an `error`/`errors` field reports an error: `true`, a number other than 0, a text other
 * than "", "0" and "false", a non-empty list or object. `null`, `""`, `false`, `0`, `[]`, `{}` are
 * the "no error" many APIs send with every answer.
 */
function reportsError(value: unknown): boolean {
	if (value === true) return true;
	if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
	if (typeof value === 'string') return !['', '0', 'false'].includes(value.trim().toLowerCase());
	if (Array.isArray(value)) return value.length > 0;
	if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
	return false;
}

/** The text of a field for a message: strings as they are, anything else as JSON. */
const words = (value: unknown) =>
	typeof value === 'string' ? value.trim() : (JSON.stringify(value) ?? String(value));

/**
 * Why the answer is an explicit refusal, in words for an error message, or `undefined` when it is
 * not one. A refusal is:
 * - `false`, or the text `false` (any case, JSON string or plain);
 * - a text that starts with the word error, fail, failed or failure (`ERROR: no such line`);
 * - an object with `success` or `ok` set to false/"false"/0/"0", `result` set to one of those or
 *   to a failure word, `status` set to false or a failure word, or an `error`/`errors` field that
 *   reports an error (see `reportsError`), unless `success` or `ok` is true, which wins.
 * Not a refusal: `true`, `1`, `0`, `null`, an empty body, `OK`, an HTML page, a list, an id, any
 * other object. With `objectsOnly`, scalars are never a refusal (an endpoint that answers `false`
 * for "nothing found").
 */
export function refusalOf(answer: unknown, objectsOnly = false): string | undefined {
	if (answer === false) return objectsOnly ? undefined : 'answered false';
	if (typeof answer === 'string') {
		if (objectsOnly) return undefined;
		const text = answer.trim();
		if (text.toLowerCase() === 'false') return 'answered false';
		if (/^(error|fail|failed|failure)\b/i.test(text)) return `answered "${text}"`;
		return undefined;
	}
	if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return undefined;

	const object = answer as Record<string, unknown>;
	if (isTrueFlag(object.success) || isTrueFlag(object.ok)) return undefined;
	if (reportsError(object.error)) return words(object.error);
	if (reportsError(object.errors)) return words(object.errors);
	const detail = ['message', 'msg', 'description']
		.map((key) => object[key])
		.find((value) => typeof value === 'string' && value.trim() !== '');
	const because = detail === undefined ? '' : `: ${words(detail)}`;
	for (const key of ['success', 'ok']) {
		if (key in object && isFalseFlag(object[key]))
			return `${key} is ${words(object[key])}${because}`;
	}
	if ('result' in object && (isFalseFlag(object.result) || isFailureWord(object.result)))
		return `result is ${words(object.result)}${because}`;
	if (object.status === false || isFailureWord(object.status))
		return `status is ${words(object.status)}${because}`;
	return undefined;
}
