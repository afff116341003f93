// nodes/AloVoiceAnswer/answer.ts: the answers it builds are the form the trigger's guard accepts,
// and the node's parameter a refusal names comes from the check's field, never from its wording.
import { buildCallStartAnswer, buildRouteAnswer } from '../../../nodes/AloVoiceAnswer/answer';

describe('the parameter named by a refusal', () => {
	it.each([
		[['dance', '1'], 'Action Type'],
		[['peer', 'x'], 'Action Data'],
		// The data's own text says "action_type": still Action Data.
		[['peer', 'action_type'], 'Action Data'],
	])('route %j → %s', ([type, data], field) => {
		expect(buildRouteAnswer(type, data)).toMatchObject({ ok: false, field });
	});
	it.each([
		[['', ''], 'Call ID'],
		[['a', 'boss'], 'Forward To (callto)'],
		[['', 'boss'], 'Call ID'],
	])('call started %j → %s', ([id, to], field) => {
		expect(buildCallStartAnswer(id, to)).toMatchObject({ ok: false, field });
	});
});

describe('AloVoice Answer: the answer it builds (what the trigger guard will accept)', () => {
	it('route answers are exactly the guard-accepted form', () => {
		expect(buildRouteAnswer('trunk', '+998 99 441 28 60')).toEqual({
			ok: true,
			answer: {
				body: '{"action_type":"trunk","action_data":"+998994412860"}',
				contentType: 'application/json; charset=utf-8',
				sent: { action_type: 'trunk', action_data: '+998994412860' },
			},
		});
		expect(buildRouteAnswer('', '1')).toMatchObject({ ok: false, field: 'Action Type' });
		expect(buildRouteAnswer('peer', null)).toMatchObject({ ok: false, field: 'Action Data' });
	});

	it('call start answers: plain id, or JSON with callto; a bad id is reported before the callto', () => {
		expect(buildCallStartAnswer(' 42 ', '')).toEqual({
			ok: true,
			answer: { body: '42', contentType: 'text/plain; charset=utf-8', sent: { id: '42' } },
		});
		expect(buildCallStartAnswer('', 'manager')).toMatchObject({ ok: false, field: 'Call ID' });
		expect(buildCallStartAnswer('a\nb', '')).toMatchObject({
			ok: false,
			field: 'Call ID',
			reason: 'the id contains a line break',
		});
		expect(buildCallStartAnswer({ id: 1 }, '')).toMatchObject({ ok: false, field: 'Call ID' });
	});
});
