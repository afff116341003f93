// The rule that reads the answers of calls whose shape the API pages do not document
// (nodes/shared/refusal.ts): what is a refusal, and, as carefully, what is not.
import { answerValue, refusalOf } from '../../../nodes/shared/refusal';

describe('answerValue: the raw answer as data', () => {
	it.each([
		['true', true],
		[' true\n', true],
		['false', false],
		['1', 1],
		['0', 0],
		['"false"', 'false'],
		['{"id":58123,"status":"queued"}', { id: 58123, status: 'queued' }],
		['[1,2]', [1, 2]],
		['null', null],
		['', null],
		['  \r\n', null],
		['OK', 'OK'],
		['<html><body>Call queued</body></html>', '<html><body>Call queued</body></html>'],
		['{broken', '{broken'],
	])('%p → %p', (text, value) => {
		expect(answerValue(text)).toEqual(value);
	});
});

describe('refusalOf: explicit refusals', () => {
	it.each([
		[false, 'answered false'],
		['false', 'answered false'],
		['FALSE', 'answered false'],
		[' False ', 'answered false'],
		['error', 'answered "error"'],
		['ERROR: no such line', 'answered "ERROR: no such line"'],
		['Failed to place the call', 'answered "Failed to place the call"'],
		['fail', 'answered "fail"'],
		[{ success: false }, 'success is false'],
		[{ success: 'false' }, 'success is false'],
		[{ success: 0 }, 'success is 0'],
		[{ success: '0', message: 'line busy' }, 'success is 0: line busy'],
		[{ ok: false }, 'ok is false'],
		[{ result: false }, 'result is false'],
		[{ result: 'error', msg: 'bad ivrid' }, 'result is error: bad ivrid'],
		[{ result: 'FAILED' }, 'result is FAILED'],
		[{ status: 'error' }, 'status is error'],
		[{ status: 'Error', description: 'no funds' }, 'status is Error: no funds'],
		[{ status: 'failure' }, 'status is failure'],
		[{ status: false }, 'status is false'],
		[{ error: 'SIP account is offline' }, 'SIP account is offline'],
		[{ error: true }, 'true'],
		[{ error: 17 }, '17'],
		[{ error: { code: 5, text: 'busy' } }, '{"code":5,"text":"busy"}'],
		[{ errors: ['callto is invalid'] }, '["callto is invalid"]'],
		[{ errors: { callto: 'invalid' } }, '{"callto":"invalid"}'],
		[{ status: 'error', error: 'SIP offline' }, 'SIP offline'],
		[{ success: false, error: 'no line' }, 'no line'],
	])('%p is a refusal: %p', (answer, reason) => {
		expect(refusalOf(answer)).toBe(reason);
	});
});

describe('refusalOf: what must NOT count as a refusal', () => {
	it.each([
		[true],
		['true'],
		[1],
		['1'],
		[0],
		[null],
		[''],
		['OK'],
		['ok'],
		['Call queued'],
		['errorless'],
		['no errors'],
		['<html><body>Call queued</body></html>'],
		['<html><body>Error</body></html>'],
		[[]],
		[[false]],
		[['error']],
		[58123],
		['c1f926a8f5727b77f9cbf39d8f35d061'],
		[{}],
		[{ success: true }],
		[{ success: 'true' }],
		[{ ok: 1 }],
		[{ id: 58123 }],
		[{ id: 58123, status: 'queued' }],
		[{ status: 'ok' }],
		[{ status: 'success' }],
		[{ status: 0 }],
		[{ status: 200 }],
		[{ result: 'ok' }],
		[{ result: true }],
		[{ result: 1 }],
		[{ error: null }],
		[{ error: '' }],
		[{ error: '  ' }],
		[{ error: false }],
		[{ error: 0 }],
		[{ error: '0' }],
		[{ error: 'false' }],
		[{ error: [] }],
		[{ error: {} }],
		[{ errors: [] }],
		[{ errors: {} }],
		[{ errors: null }],
		[{ message: 'error' }],
		[{ msg: 'failed' }],
		[{ code: 1 }],
		[{ success: true, error: 'a warning' }],
		[{ ok: true, status: 'error' }],
		[{ data: { success: false } }],
	])('%p is not a refusal', (answer) => {
		expect(refusalOf(answer)).toBeUndefined();
	});

	it.each([[false], ['false'], ['error'], ['FAILED']])(
		'%p is not a refusal when only objects can refuse (an empty history)',
		(answer) => {
			expect(refusalOf(answer, true)).toBeUndefined();
		},
	);

	it('objects refuse the same way when only objects can refuse', () => {
		expect(refusalOf({ error: 'Unknown abonent_api_key' }, true)).toBe('Unknown abonent_api_key');
		expect(refusalOf({ status: 'error' }, true)).toBe('status is error');
		expect(refusalOf({ error: 0 }, true)).toBeUndefined();
	});
});
