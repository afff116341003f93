// nodes/AloVoice/helpers/csv.ts, without n8n: CSV quoting and counting.
import { buildCsv, countCsvRecords, csvField } from '../../../../nodes/AloVoice/helpers/csv';

describe('recipients CSV', () => {
	it.each([
		['994412860', '994412860'],
		['Doe, John', '"Doe, John"'],
		['say "hi"', '"say ""hi"""'],
		['"', '""""'],
		['a\nb', '"a\nb"'],
		['a\rb', '"a\rb"'],
		['', ''],
		[null, ''],
		[undefined, ''],
		[12.5, '12.5'],
		[true, 'true'],
		[{ a: 1 }, '"{""a"":1}"'],
		['  spaced  ', '  spaced  '],
		['semi;colon', 'semi;colon'],
	])('quotes %p as %p', (value, expected) => {
		expect(csvField(value)).toBe(expected);
	});

	it('joins rows with LF, no trailing line end, optional header', () => {
		expect(buildCsv([['1'], ['2']])).toBe('1\n2');
		expect(
			buildCsv(
				[
					['1', 'x,y'],
					['2', ''],
				],
				['phone', 'na,me'],
			),
		).toBe('phone,"na,me"\n1,"x,y"\n2,');
		expect(buildCsv([])).toBe('');
	});

	it('counts records, not lines: quoted line ends and empty lines do not count', () => {
		expect(countCsvRecords('')).toBe(0);
		expect(countCsvRecords('1\n2\n')).toBe(2);
		expect(countCsvRecords('1\r\n2\r\n\r\n  \n3')).toBe(3);
		expect(countCsvRecords('1,"a\nb"\n2,"c\r\nd"')).toBe(2);
		expect(
			countCsvRecords(
				buildCsv([
					['1', 'x\ny'],
					['2', '"'],
					['3', ','],
				]),
			),
		).toBe(3);
	});
});
