// nodes/AloVoice/helpers/campaign.ts, without n8n: date/time/zone forms, typing the answer.
import {
	TIME_ZONES,
	formatUtcOffset,
	normalizeCampaign,
	toCampaignDate,
	toCampaignId,
	toCampaignTime,
	toCampaignTimeZone,
	toTrunkList,
	valueAtPath,
} from '../../../../nodes/AloVoice/helpers/campaign';

describe('campaign values', () => {
	it.each([
		['2026.12.01', '2026.12.01'],
		['2026-12-01', '2026.12.01'],
		[' 2026-02-28 ', '2026.02.28'],
		['2024-02-29', '2024.02.29'],
		['2026-12-01T23:30:00.000+05:00', '2026.12.01'],
		['2026-12-01T23:30:00Z', '2026.12.01'],
		['2026-12-01 08:00', '2026.12.01'],
		[new Date('2026-12-01T10:00:00Z'), '2026.12.01'],
		[{ toISO: () => '2026-12-05T00:00:00.000+05:00' }, '2026.12.05'],
	])('date %p → %p', (value, expected) => {
		expect(toCampaignDate(value, 'From Date')).toEqual({ ok: true, value: expected });
	});

	it.each([
		'2026/12/01',
		'01.12.2026',
		'2026.13.01',
		'2026.02.29',
		'2026-12.01',
		'2026-12-1',
		'',
		'tomorrow',
		'2026-12-01Tnoon',
	])('refuses date %p naming the field', (value) => {
		expect(toCampaignDate(value, 'To Date')).toEqual({
			ok: false,
			reason: `To Date: "${value}" is not a date. Use YYYY.MM.DD (2026.12.01); 2026-12-01 and ISO date-times are converted.`,
		});
	});

	it('times', () => {
		expect(toCampaignTime('18:10', 'From Time')).toEqual({ ok: true, value: '18:10' });
		expect(toCampaignTime('9:05', 'From Time')).toEqual({ ok: true, value: '09:05' });
		expect(toCampaignTime('00:00', 'From Time')).toEqual({ ok: true, value: '00:00' });
		for (const bad of ['24:00', '12:60', '1210', '12:5', '18:10:00', 'noon', '']) {
			expect(toCampaignTime(bad, 'To Time')).toEqual({
				ok: false,
				reason: `To Time: "${bad}" is not a time of day. Use HH:MM on a 24-hour clock (18:10).`,
			});
		}
	});

	it('time zones', () => {
		expect(TIME_ZONES[0]).toBe('utc -12');
		expect(TIME_ZONES[17]).toBe('utc +5');
		expect(TIME_ZONES[26]).toBe('utc +14');
		expect(TIME_ZONES).toHaveLength(27);
		for (const [input, expected] of [
			['utc +5', 'utc +5'],
			['UTC+5', 'utc +5'],
			['utc - 3', 'utc -3'],
			['+14', 'utc +14'],
			['0', 'utc +0'],
			['-12', 'utc -12'],
			['utc 5', 'utc +5'],
			['utc  +  14', 'utc +14'],
			['UTC\t-\t3', 'utc -3'],
		]) {
			expect(toCampaignTimeZone(input, 'Time Zone')).toEqual({ ok: true, value: expected });
		}
		for (const bad of [
			'utc +15',
			'utc -13',
			'Asia/Tashkent',
			'utc +5:30',
			'',
			'utc ++5',
			'utc +-5',
			'u tc +5',
			`utc${' '.repeat(20)}+5`,
		]) {
			expect(toCampaignTimeZone(bad, 'Time Zone').ok).toBe(false);
		}
		expect(formatUtcOffset(19800)).toBe('utc +5:30');
		expect(formatUtcOffset(-34200)).toBe('utc -9:30');
	});

	it.each([
		['spaces after utc', `utc${' '.repeat(100_000)}x`],
		['spaces around a sign', `utc${' '.repeat(50_000)}+${' '.repeat(50_000)}x`],
		['tabs and a sign', `UTC+${'\t'.repeat(100_000)}5x`],
		['digits', '5'.repeat(100_000)],
	])(
		'a 100 KB time zone (%s) is refused at once, quoted short (the pattern was quadratic: 100 KB took seconds)',
		(_shape, text) => {
			const started = process.hrtime.bigint();
			const check = toCampaignTimeZone(text, 'Time Zone');
			const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.reason.length).toBeLessThan(200);
			// Generous: the linear check takes microseconds; the quadratic one took about 4.6 s here.
			expect(elapsedMs).toBeLessThan(1000);
		},
	);

	it('ids, trunks, paths', () => {
		expect(toCampaignId(123, 'Campaign ID')).toEqual({ ok: true, value: 123 });
		expect(toCampaignId(' 42 ', 'Campaign ID')).toEqual({ ok: true, value: 42 });
		expect(toCampaignId('99999999999999999999', 'Campaign ID').ok).toBe(false);
		expect(toTrunkList(['551234567', 712345678])).toEqual(['551234567', '712345678']);
		expect(toTrunkList('551234567, 712345678,')).toEqual(['551234567', '712345678']);
		expect(toTrunkList(712345678)).toEqual(['712345678']);
		expect(toTrunkList(undefined)).toEqual([]);
		expect(valueAtPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
		expect(valueAtPath({ 'a.b': 2, a: { b: 3 } }, 'a.b')).toBe(2);
		expect(valueAtPath({ list: ['x', 'y'] }, 'list.1')).toBe('y');
		expect(valueAtPath({ a: 'text' }, 'a.b')).toBeUndefined();
	});

	it('types the answer where the meaning is clear, keeps it where not', () => {
		expect(
			normalizeCampaign({
				id: '5',
				from: '2025-04-25',
				fromtime: '18:00:00',
				trunks: ['253'],
				recipients: '10',
				maxline: '3',
				goodtime: '4',
				tryes: '5',
				paused: '1',
				timezone: 18000,
				status: 'new',
			}),
		).toEqual({
			id: 5,
			from: '2025-04-25',
			fromtime: '18:00:00',
			trunks: ['253'],
			recipients: 10,
			maxline: 3,
			goodtime: 4,
			tryes: 5,
			attempts: 5,
			paused: true,
			timezone: 18000,
			timezoneOffset: 'utc +5',
			status: 'new',
		});
		expect(normalizeCampaign({ tries: '2', timezone: '-10800', trunks: '253,254' })).toEqual({
			tries: '2',
			attempts: 2,
			timezone: -10800,
			timezoneOffset: 'utc -3',
			trunks: ['253', '254'],
		});
	});
});
