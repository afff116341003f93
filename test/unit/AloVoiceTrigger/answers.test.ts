// nodes/AloVoiceTrigger/answers.ts: a refused answer names its field as data. (The accepted and
// refused values themselves: test/triggers/webhookShared.test.ts.)
import {
	CALL_ID,
	ROUTE_ACTION_TYPES,
	ROUTE_ACTIONS,
	validateCallStartAnswer,
	validateRouteAction,
} from '../../../nodes/AloVoiceTrigger/answers';

describe('validateRouteAction: the failing field as data', () => {
	it.each([
		['not JSON', 'answer'],
		[[1], 'answer'],
		[{ action_type: 'dance' }, 'action_type'],
		[{ action_type: 'peer', action_data: {} }, 'action_data'],
		[{ action_type: 'peer', action_data: 'action_type' }, 'action_data'],
		[{ action_type: 'trunk', action_data: '12' }, 'action_data'],
		[{ action_type: 'hangup', action_data: 'x' }, 'action_data'],
	])('%j → %s', (answer, field) => {
		expect(validateRouteAction(answer)).toMatchObject({ ok: false, field });
	});
});

describe('validateCallStartAnswer: the failing field as data', () => {
	it.each([
		['{nope', 'answer'],
		[{ id: '' }, 'id'],
		[{ id: 'x'.repeat(CALL_ID.maxLength + 1) }, 'id'],
		[{ id: 'a', callto: 'boss' }, 'callto'],
		[10 ** CALL_ID.maxDigits, 'id'],
	])('%j → %s', (answer, field) => {
		expect(validateCallStartAnswer(answer)).toMatchObject({ ok: false, field });
	});
});

describe('ROUTE_ACTIONS', () => {
	it('the action types are the dropdown values, in its order', () => {
		expect(ROUTE_ACTION_TYPES).toEqual(['peer', 'queue', 'ivr', 'trunk', 'hangup']);
		expect(ROUTE_ACTIONS.map((action) => action.value)).toEqual(ROUTE_ACTION_TYPES);
	});
});
