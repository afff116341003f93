// nodes/Telediscount/helpers/values.ts, without n8n: number checks, the call-id answer, the call records.
import {
	callRecords,
	checkSipAccount,
	checkUniversalNumber,
	parseCallIdAnswer,
	telediscountE164,
	toCall,
} from '../../../../nodes/Telediscount/helpers/values';

describe('Telediscount values', () => {
	it.each([
		['SIP/00000000672', 'SIP/00000000672'],
		['sip/00000000672', 'SIP/00000000672'],
		[' SIP/manager_1 ', 'SIP/manager_1'],
	])('takes the SIP account %p as %p', (typed, value) => {
		expect(checkSipAccount(typed, 'f')).toEqual({ ok: true, value });
	});

	it.each(['', 'SIP/', '672', 'SIP/67 2', 'IAX/672', null, undefined, {}])(
		'refuses the SIP account %p',
		(typed) => {
			expect(checkSipAccount(typed, 'f').ok).toBe(false);
		},
	);

	it.each([
		['74951234567', '74951234567'],
		['+7 (495) 123-45-67', '74951234567'],
		['8 495 123 45 67', '74951234567'],
		['9031234567', '79031234567'],
		['+998994412860', '998994412860'],
		['380441234567', '380441234567'],
	])('takes the number %p as %p', (typed, value) => {
		expect(checkUniversalNumber(typed, 'f')).toEqual({ ok: true, value });
	});

	it.each([
		'',
		'123',
		'+7 495',
		'seven',
		'7495123456789012',
		'0123456789012',
		'7495;1234567',
		undefined,
	])('refuses the number %p', (typed) => {
		expect(checkUniversalNumber(typed, 'f').ok).toBe(false);
	});

	it.each([
		['79039998877', '+79039998877'],
		['89039998877', '+79039998877'],
		['9039998877', '+79039998877'],
		['SIP/0000000672', undefined],
		['672', undefined],
		['994412860', undefined],
		['', undefined],
	])('E.164 of %p is %p', (value, e164) => {
		expect(telediscountE164(value)).toBe(e164);
	});

	it.each([
		['{"api_call_id":"c1f9"}', 'c1f9', { api_call_id: 'c1f9' }],
		[
			'{"result":"ok","data":{"call_id":12345}}',
			'12345',
			{ result: 'ok', data: { call_id: 12345 } },
		],
		['{"id": 77}', '77', { id: 77 }],
		['"c1f9"', 'c1f9', 'c1f9'],
		['123456', '123456', 123456],
		[
			' c1f926a8f5727b77f9cbf39d8f35d061\n',
			'c1f926a8f5727b77f9cbf39d8f35d061',
			'c1f926a8f5727b77f9cbf39d8f35d061',
		],
		['{"result":"ok"}', null, { result: 'ok' }],
		['call placed, thanks', null, 'call placed, thanks'],
		['OK', null, 'OK'],
		['"queued"', null, 'queued'],
		['true', null, true],
		['', null, null],
		[' \n', null, null],
		['{"id":"abc"}', null, { id: 'abc' }],
	])('reads the call id of the answer %p', (text, callId, raw) => {
		expect(parseCallIdAnswer(text)).toEqual({ callId, raw });
	});

	it('finds the records in every plausible shape of get_calls', () => {
		const record = { api_call_id: 'x', num_a: '79039998877' };
		expect(callRecords([record])).toEqual([record]);
		expect(callRecords({ 0: record, 1: record })).toEqual([record, record]);
		expect(callRecords({ calls: [record] })).toEqual([record]);
		expect(callRecords({ data: { 0: record } })).toEqual([record]);
		expect(callRecords(record)).toEqual([record]);
		expect(callRecords(null)).toEqual([]);
		expect(callRecords([])).toEqual([]);
		expect(callRecords({})).toEqual([]);
		expect(callRecords({ balance: 1 })).toBeNull();
		expect(callRecords('text')).toBeNull();
	});

	it('reads numbers typed as numbers, and keeps a price it cannot read', () => {
		const call = toCall({
			setup_time: 1700000000,
			connection_time: 12,
			price: '1,20',
			service_name: 'fax',
		});
		expect(call).toMatchObject({
			startedAt: '2023-11-14T22:13:20.000Z',
			talkSeconds: 12,
			price: 1.2,
			kind: 'fax',
			callId: null,
			callerTalkSeconds: null,
		});
		expect(toCall({ price: 'free' }).price).toBe('free');
	});
});
