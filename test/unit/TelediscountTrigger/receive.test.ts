// callEvent: version 2's item for either Telediscount event, the one call shape between `event`
// and `warnings`, and the "not this event" check from CALL_SOURCE_FIELDS.
import { CALL_SOURCE_FIELDS, telediscountCall } from '../../../nodes/Telediscount/helpers/call';
import { callEvent } from '../../../nodes/TelediscountTrigger/receive';

describe('callEvent', () => {
	it.each([
		['incomingCall', 'callStarted'],
		['callFinished', 'callEnded'],
	] as const)('%s: { event, ...telediscountCall(fields), warnings }', (source, event) => {
		const fields = { num_a: '9039998877', price: '12,50', setup_time: 'soon' };
		const { item, warnings } = telediscountCall(fields, source);
		const result = callEvent(fields, source, event, 'x');
		expect(result).toEqual({ ok: true, value: { event, ...item, warnings } });
		if (!result.ok) throw new Error(result.reason);
		expect(Object.keys(result.value)).toEqual(['event', ...Object.keys(item), 'warnings']);
	});

	it.each(['incomingCall', 'callFinished'] as const)(
		'%s: each documented field alone makes it the event; none of them does not',
		(source) => {
			for (const field of CALL_SOURCE_FIELDS[source])
				expect(callEvent({ [field]: '1' }, source, 'callStarted', 'x').ok).toBe(true);
			expect(callEvent({ abonent_id: '1609', utm: 'x' }, source, 'callStarted', 'event')).toEqual({
				ok: false,
				reason: `the body carries none of the event fields (${CALL_SOURCE_FIELDS[source].join(', ')})`,
			});
		},
	);
});
