// Property tests of the event parsers (nodes/shared/webhook/body.ts and each event's normalizer in
// nodes/*Trigger/events/): thousands of random JSON values and objects thrown at
// each event's body reader and normalizer. None throws; a readable event (an object carrying
// any of the event's fields) always yields an item with string warnings; anything else is
// refused with a reason, never an item.
import fc from 'fast-check';

import { readEventFields, type Fields } from '../../../../nodes/shared/webhook/body';
import * as callEnded from '../../../../nodes/AloVoiceTrigger/events/callEnded.event';
import * as callRequestResult from '../../../../nodes/AloVoiceTrigger/events/callRequestResult.event';
import * as callStarted from '../../../../nodes/AloVoiceTrigger/events/callStarted.event';
import * as routeRequest from '../../../../nodes/AloVoiceTrigger/events/routeRequest.event';
import type { EventCheck } from '../../../../nodes/shared/webhook/fields';
import * as callFinished from '../../../../nodes/TelediscountTrigger/events/callFinished.event';
import * as incomingCall from '../../../../nodes/TelediscountTrigger/events/incomingCall.event';
import { CALL_SOURCE_FIELDS } from '../../../../nodes/Telediscount/helpers/call';

const EVENT_FIELDS = {
	callStart: callStarted.FIELDS,
	callEnd: callEnded.FIELDS,
	callResult: callRequestResult.FIELDS,
	routeRequest: routeRequest.FIELDS,
	telediscountStart: incomingCall.FIELDS,
	telediscountEnd: callFinished.FIELDS,
};
const normalizeCallStart = callStarted.normalize;
const normalizeCallEnd = callEnded.normalize;
const normalizeCallResult = callRequestResult.normalize;
const normalizeRouteRequest = routeRequest.normalize;
const normalizeTelediscountStart = incomingCall.normalize;
const normalizeTelediscountEnd = callFinished.normalize;

const RUNS = 2000;

const EVENTS: Array<[string, readonly string[], (fields: Fields) => EventCheck]> = [
	['callStart', EVENT_FIELDS.callStart, (fields) => normalizeCallStart(fields)],
	['callEnd', EVENT_FIELDS.callEnd, (fields) => normalizeCallEnd(fields)],
	['callResult', EVENT_FIELDS.callResult, (fields) => normalizeCallResult(fields)],
	['routeRequest', EVENT_FIELDS.routeRequest, (fields) => normalizeRouteRequest(fields)],
	[
		'telediscountStart',
		EVENT_FIELDS.telediscountStart,
		(fields) => normalizeTelediscountStart(fields),
	],
	['telediscountEnd', EVENT_FIELDS.telediscountEnd, (fields) => normalizeTelediscountEnd(fields)],
	// The Telediscount Trigger's version 2: the one call shape, its fields from CALL_SOURCE_FIELDS.
	[
		'telediscountStart v2',
		CALL_SOURCE_FIELDS.incomingCall,
		(fields) => incomingCall.normalizeV2(fields),
	],
	[
		'telediscountEnd v2',
		CALL_SOURCE_FIELDS.callFinished,
		(fields) => callFinished.normalizeV2(fields),
	],
];

/** Values a PBX might put into a field: JSON of any shape plus the tricky scalars. */
const value = fc.oneof(
	fc.jsonValue(),
	fc.constantFrom(
		0,
		-1,
		'0',
		'',
		' ',
		null,
		'anonymous',
		'null',
		'+',
		'998',
		1e21,
		9_999_999_999_999,
		'603-s',
		'inc',
		'OTHER',
		'__proto__',
	),
	fc.string(),
	fc.integer(),
	fc.double(),
);

/** An object mixing the event's own fields with random keys (including __proto__ and friends). */
const bodyOf = (fields: readonly string[]) =>
	fc.dictionary(
		fc.oneof(fc.constantFrom(...fields, 'constructor', '__proto__', 'toString'), fc.string()),
		value,
		{ maxKeys: 14 },
	);

/** Fields as JSON.parse makes them (an own "__proto__" key included). */
const parsed = (fields: Fields): Fields => JSON.parse(JSON.stringify(fields)) as Fields;

const has = (fields: Fields, names: readonly string[]) =>
	names.some((name) => Object.prototype.hasOwnProperty.call(fields, name));

describe.each(EVENTS)('%s normalizer', (_name, fields, normalize) => {
	it(`never throws; an object with any of its fields always yields an item (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(bodyOf(fields), (body) => {
				const input = parsed(body);
				const result = normalize(input);
				expect(result.ok).toBe(has(input, fields));
				if (!result.ok) {
					expect(result.reason).toMatch(/carries none of/);
					return;
				}
				expect(Array.isArray(result.value.warnings)).toBe(true);
				for (const warning of result.value.warnings as unknown[])
					expect(typeof warning).toBe('string');
				// The item survives n8n's storage: plain JSON, no undefined, no NaN.
				const json = JSON.stringify(result.value);
				expect(JSON.parse(json)).toEqual(result.value);
				// No NaN or Infinity number (a warning may quote a sent text such as "NaN").
				for (const value of Object.values(result.value))
					if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
			}),
			{ numRuns: RUNS },
		);
	});

	it('always yields an item when every documented field is present, whatever its value', () => {
		fc.assert(
			fc.property(fc.tuple(...fields.map(() => value)), (values) => {
				const body = Object.fromEntries(fields.map((field, index) => [field, values[index]]));
				const result = normalize(body);
				expect(result.ok).toBe(true);
			}),
			{ numRuns: RUNS / 2 },
		);
	});

	it('never yields an item for an object without any of its fields', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.string().filter((key) => !fields.includes(key)),
					value,
					{ maxKeys: 8 },
				),
				(body) => {
					expect(normalize(parsed(body)).ok).toBe(false);
				},
			),
			{ numRuns: RUNS / 2 },
		);
	});
});

describe('the whole path from bytes to an item', () => {
	it.each(EVENTS)(
		'%s: random bodies of every content type never throw (2,000 runs)',
		(_name, fields, normalize) => {
			const text = fc.oneof(
				fc.string(),
				fc.jsonValue().map((json) => JSON.stringify(json)),
				bodyOf(fields).map((body) => `${JSON.stringify(body).slice(0, -1)},}`),
				bodyOf(fields).map((body) =>
					new URLSearchParams(
						Object.entries(body).map(([key, item]): [string, string] => [
							key,
							JSON.stringify(item) ?? '',
						]),
					).toString(),
				),
			);
			const type = fc.constantFrom(
				'application/json',
				'application/x-www-form-urlencoded',
				'text/plain',
				'',
				'text/xml',
			);
			fc.assert(
				fc.property(text, type, (raw, contentType) => {
					const body = readEventFields({
						rawBody: Buffer.from(raw),
						headers: { 'content-type': contentType },
					});
					if (!body.ok) {
						expect(body.status).toBeGreaterThanOrEqual(400);
						expect(body.status).toBeLessThan(500);
						return;
					}
					const result = normalize(body.fields);
					if (result.ok) expect(Array.isArray(result.value.warnings)).toBe(true);
					else expect(typeof result.reason).toBe('string');
				}),
				{ numRuns: RUNS },
			);
		},
	);
});

describe("a withheld caller (the route rules' notion: no caller rule can match it)", () => {
	const flag = (number: unknown) => {
		const result = normalizeCallStart({ number });
		if (!result.ok) throw new Error(result.reason);
		return result.value;
	};

	it.each([
		undefined,
		null,
		'',
		' ',
		'anonymous',
		'Private',
		'unknown',
		'0',
		'000',
		0,
		true,
		{},
		[],
		Number.NaN,
		-5,
		'SIP/00000000672',
		'99-abc',
	])('%p: number null, numberWithheld true', (caller) => {
		expect(flag(caller)).toMatchObject({ number: null, numberE164: null, numberWithheld: true });
	});

	it.each([
		['974244100', '+998974244100'],
		['+998974244100', '+998974244100'],
		[994412860, '+998994412860'],
		['8 (495) 123-45-67', '+74951234567'],
	])('%p is a number, not withheld', (caller, e164) => {
		expect(flag(caller)).toMatchObject({
			number: String(caller),
			numberE164: e164,
			numberWithheld: false,
		});
	});
});
