// nodes/AloVoiceTrigger/answerTimeout.ts: the parameter derives from the bounds.
import {
	ANSWER_TIMEOUT_SECONDS,
	answerTimeoutProperty,
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
