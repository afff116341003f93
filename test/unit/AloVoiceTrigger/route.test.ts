// nodes/AloVoiceTrigger/route.ts, the pure rules (the rest of the route tests, with the engine:
// test/triggers/route.test.ts).
import { pickRoute } from '../../../nodes/AloVoiceTrigger/route';

describe('pickRoute', () => {
	it('pickRoute takes the first match and knows 9 vs 12 digit callers', () => {
		const rules = [
			{ match: 'callerExact' as const, value: '998974244100', actionType: 'peer', actionData: '1' },
			{ match: 'any' as const, actionType: 'peer', actionData: '2' },
		];
		expect(pickRoute(rules, { from_number: '974244100' })?.index).toBe(0);
		expect(pickRoute(rules, { from_number: '974244101' })?.index).toBe(1);
		expect(pickRoute([], { from_number: '1' })).toBeUndefined();
	});
});
