// nodes/AloVoiceTrigger/answerTimeout.ts: the parameter derives from the bounds.
import {
	ANSWER_TIMEOUT_SECONDS,
	answerTimeoutMs,
	answerTimeoutProperty,
	checkAnswerTimeout,
} from '../../../nodes/AloVoiceTrigger/answerTimeout';

describe('answerTimeoutProperty', () => {
	it("its bounds and its default (a literal for n8n's lint) are ANSWER_TIMEOUT_SECONDS", () => {
		expect(answerTimeoutProperty.typeOptions).toMatchObject({
			minValue: ANSWER_TIMEOUT_SECONDS.min,
			maxValue: ANSWER_TIMEOUT_SECONDS.max,
		});
		expect(answerTimeoutProperty.default).toBe(ANSWER_TIMEOUT_SECONDS.default);
		expect(answerTimeoutProperty.description).toContain(
			`${ANSWER_TIMEOUT_SECONDS.min} to ${ANSWER_TIMEOUT_SECONDS.max} seconds`,
		);
	});
});

describe('Answer Timeout bounds', () => {
	it('0.05 to 10 seconds', () =>
		expect(ANSWER_TIMEOUT_SECONDS).toEqual({ min: 0.05, max: 10, default: 3 }));
	it.each([[0.05], [3], ['2.5'], [10]])('%j is accepted', (value) =>
		expect(checkAnswerTimeout(value).ok).toBe(true),
	);
	it.each([[0], [0.04], [10.01], [60], [-1], ['soon'], [null], [undefined], [NaN], [Infinity]])(
		'%j is refused at activation',
		(value) =>
			expect(checkAnswerTimeout(value)).toMatchObject({
				ok: false,
				reason: expect.stringMatching(/^Answer Timeout must be/),
			}),
	);
	it.each([
		[3, 3000],
		[0, 50],
		[60, 10000],
		[-5, 50],
		['x', 3000],
		[undefined, 3000],
		[0.3, 300],
	])('a request waits %j s → %s ms (clamped, never refused: a caller is waiting)', (value, ms) =>
		expect(answerTimeoutMs(value)).toBe(ms),
	);
});
