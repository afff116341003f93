// nodes/AloVoiceAnswer/answer.ts: the node's parameter a refusal names comes from the check's
// field, never from its wording.
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
