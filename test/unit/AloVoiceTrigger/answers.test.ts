// nodes/AloVoiceTrigger/answers.ts: what AloVoice may be answered, and a refused answer names
// its field as data.
import {
	CALL_ID,
	validateCallId,
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

describe('answers', () => {
	it.each([
		[
			{ action_type: 'peer', action_data: 2000 },
			{ action_type: 'peer', action_data: '2000' },
		],
		['{"action_type":"queue","action_data":"6000"}', { action_type: 'queue', action_data: '6000' }],
		[
			{ action_type: 'trunk', action_data: '998 765 432 100' },
			{ action_type: 'trunk', action_data: '+998765432100' },
		],
		[{ action_type: 'hangup' }, { action_type: 'hangup' }],
	])('valid route %j', (input, value) =>
		expect(validateRouteAction(input)).toEqual({ ok: true, value }),
	);
	it.each([
		[{ action_type: 'PEER', action_data: '1' }],
		[{ action_type: 'ivr', action_data: 'menu' }],
		[{ action_type: 'trunk', action_data: '123' }],
		['nope'],
		[null],
		[[1]],
	])('invalid route %j', (input) => expect(validateRouteAction(input).ok).toBe(false));
	it.each([
		[999999999999, true],
		[1000000000000, false],
		[-1, false],
		[1.5, false],
		['x'.repeat(32), true],
		['x'.repeat(33), false],
		['', false],
		[{}, false],
	])('call id %j → %s', (id, ok) => expect(validateCallId(id).ok).toBe(ok));
	it('callstart answer with callto', () => {
		expect(validateCallStartAnswer({ call_id: 7, callto: '+998 99 123 45 67' })).toEqual({
			ok: true,
			value: { id: '7', callto: '+998991234567' },
		});
		expect(validateCallStartAnswer('{"id":"a"}')).toEqual({ ok: true, value: { id: 'a' } });
	});
});
