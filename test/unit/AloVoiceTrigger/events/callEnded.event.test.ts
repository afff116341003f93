// nodes/AloVoiceTrigger/events/callEnded.event.ts: the status table and its names.
import {
	CALL_END_STATUSES,
	normalize as normalizeCallEnd,
	statusName,
} from '../../../../nodes/AloVoiceTrigger/events/callEnded.event';

describe('statuses', () => {
	it('has the 13 documented codes', () => expect(Object.keys(CALL_END_STATUSES)).toHaveLength(13));
	it('names codes case-insensitively and keeps unknown ones', () => {
		expect(statusName('603-s')).toBe('cancelled');
		expect(statusName(999)).toBe('unknown (999)');
		expect(
			normalizeCallEnd({ call_id: 1, finish_time: 1, duration: '5', status_code: 'other' }),
		).toMatchObject({ ok: true, value: { status: 'undetermined', answered: false, duration: 5 } });
	});
});
