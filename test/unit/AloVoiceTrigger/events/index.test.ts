// nodes/AloVoiceTrigger/events/ and nodes/TelediscountTrigger/events/: every event file has the
// same parts, and the map dispatches each Event value to its own file.
import {
	events as aloVoice,
	handlers as aloVoiceHandlers,
} from '../../../../nodes/AloVoiceTrigger/events';
import {
	events as telediscount,
	handlers as telediscountHandlers,
} from '../../../../nodes/TelediscountTrigger/events';

describe.each([
	['AloVoice Trigger', aloVoice, aloVoiceHandlers],
	['Telediscount Trigger', telediscount, telediscountHandlers],
])('%s events', (_name, events, handlers) => {
	it.each(events.map((event) => [event.option.value, event]))(
		'%s: option, documented fields, normalizer and handler',
		(value, event) => {
			expect(event.FIELDS.length).toBeGreaterThan(0);
			expect(typeof event.normalize).toBe('function');
			expect(handlers[value as string]).toBe(event.webhook);
			// A body with none of its fields is not this event.
			expect(event.normalize({ unrelated: 1 })).toMatchObject({ ok: false });
		},
	);
	it('the map holds exactly the Event values', () => {
		expect(Object.keys(handlers)).toEqual(events.map((event) => event.option.value));
	});
});

describe('AloVoice event parameters', () => {
	it.each(aloVoice.map((event) => [event.option.value, event]))(
		'%s: shown for its own event only',
		(value, event) => {
			for (const property of [...event.properties[1], ...event.properties[2]])
				expect(property.displayOptions?.show?.event).toEqual([value]);
		},
	);
});
