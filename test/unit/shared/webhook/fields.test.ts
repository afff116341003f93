// nodes/shared/webhook/fields.ts: the field reader's rule for a withheld caller.
import { callerWithheld } from '../../../../nodes/shared/webhook/fields';
import { UZ_CALLER_FORMS, WITHHELD } from '../../../callerForms';

describe('callerWithheld', () => {
	it.each(WITHHELD.map((value) => [value]))('%j is withheld', (value) =>
		expect(callerWithheld(value)).toBe(true),
	);
	it.each(
		[...UZ_CALLER_FORMS, '79039998877', '+7 903 999-88-77', '2000', 2000, '1'].map((value) => [
			value,
		]),
	)('%j is a number, not withheld', (value) => expect(callerWithheld(value)).toBe(false));
});
