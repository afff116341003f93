// The pure parts of Campaign → Create (nodes/AloVoice/helpers/recipients.ts): the recipients'
// rows from the items and the multipart body, without n8n.
import type { CampaignSettings } from '../../../../nodes/AloVoice/helpers/recipients';
import {
	campaignForm,
	extraColumnsOf,
	recipientRows,
} from '../../../../nodes/AloVoice/helpers/recipients';

describe('extraColumnsOf', () => {
	it.each([
		[undefined, []],
		['', []],
		['name', ['name']],
		[' name , contract.amount ,, ', ['name', 'contract.amount']],
	])('%j → %j', (text, expected) => {
		expect(extraColumnsOf(text)).toEqual(expected);
	});
});

describe('recipientRows', () => {
	it('writes the number, then the extra columns, reaching into objects', () => {
		const items = [
			{ json: { contact: { phone: '99 441 28 60' }, name: 'Ann', amount: 12 } },
			{ json: { contact: { phone: '+998994412860' }, name: 'Bob' } },
		];
		expect(recipientRows(items, 'contact.phone', ['name', 'amount'])).toEqual({
			rows: [
				['994412860', 'Ann', 12],
				['+998994412860', 'Bob', undefined],
			],
			skipped: [],
		});
	});

	it('lists the items without a valid number, in input order, with the item index', () => {
		const items = [{ json: { phone: '12' } }, { json: { phone: 994412860 } }, { json: {} }];
		const { rows, skipped } = recipientRows(items, 'phone', []);
		expect(rows).toEqual([['994412860']]);
		expect(skipped.map(({ item, value }) => ({ item, value }))).toEqual([
			{ item: 0, value: '12' },
			{ item: 2, value: '' },
		]);
		expect(skipped[0].reason).toBe(
			'Phone Field "phone" of input item 0 (counting from 0): "12" is not a phone number AloVoice accepts. Use 9 local digits (994412860) or + and 12 digits (+998994412860).',
		);
	});
});

describe('campaignForm', () => {
	const settings: CampaignSettings = {
		name: 'December',
		from: '2026.12.01',
		to: '2026.12.31',
		fromTime: '09:00',
		toTime: '20:00',
		timeZone: 'utc +5',
		trunks: ['712037006', '551234567'],
		maxLines: 2,
		goodTime: 3,
		attempts: 4,
		paused: true,
	};
	const csv = { csv: Buffer.from('994412860\n'), fileName: 'list.csv' };

	it('sends the fields in order, attempts under both names', () => {
		const form = campaignForm(settings, { audio: Buffer.from('ID3'), binary: mp3() }, csv);
		const fields = [...form.entries()].filter(([, value]) => typeof value === 'string');
		expect(fields).toEqual([
			['name', 'December'],
			['from', '2026.12.01'],
			['to', '2026.12.31'],
			['fromtime', '09:00'],
			['totime', '20:00'],
			['trunks', '712037006,551234567'],
			['maxline', '2'],
			['goodtime', '3'],
			['tryes', '4'],
			['tries', '4'],
			['paused', '1'],
			['timezone', 'utc +5'],
		]);
		const recipients = form.get('recipients') as File;
		expect([recipients.name, recipients.type]).toEqual(['list.csv', 'text/csv']);
	});

	it.each([
		['audio/mp3', 'talk.mp3', 'audio/mp3', 'talk.mp3'],
		['application/octet-stream', 'talk.mp3', 'audio/mpeg', 'talk.mp3'],
		['application/octet-stream', undefined, 'audio/mpeg', 'record.mp3'],
	])('an MP3 of type %s named %s is sent as %s named %s', (mimeType, fileName, type, name) => {
		const binary = { ...mp3(), mimeType, fileName };
		const record = campaignForm(settings, { audio: Buffer.from('ID3'), binary }, csv).get(
			'record',
		) as File;
		expect([record.type, record.name]).toEqual([type, name]);
	});
});

function mp3() {
	return { data: '', mimeType: 'audio/mpeg', fileName: 'message.mp3' };
}
