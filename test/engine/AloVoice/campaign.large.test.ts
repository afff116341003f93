// 100,000 recipients through the engine: the CSV the PBX receives is whole and in order.
import type { INodeExecutionData } from 'n8n-workflow';

import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../../server/alovoice';
import { runWorkflow } from '../../harness/engine';

const COUNT = 100_000;
const phoneOf = (index: number) => String(900_000_000 + index);

describe('AloVoice → Campaign → Create with 100,000 input items', () => {
	const server = new AloVoiceServer();
	let baseUrl: string;

	beforeAll(async () => {
		baseUrl = await server.start();
	});
	afterAll(async () => await server.stop());

	it('uploads one CSV row per item, in order, with quoting intact, well within the time limit', async () => {
		const input: INodeExecutionData[] = new Array(COUNT);
		for (let index = 0; index < COUNT; index++) {
			input[index] = {
				json: {
					phone: phoneOf(index),
					name: index % 1000 === 0 ? `Client, "${index}"` : `Client ${index}`,
				},
			};
		}
		input[0].binary = {
			data: {
				data: fakeAudio('big').toString('base64'),
				mimeType: 'audio/mpeg',
				fileName: 'big.mp3',
			},
		};

		const started = Date.now();
		const result = await runWorkflow(
			[
				{
					parameters: {
						resource: 'campaign',
						operation: 'create',
						name: 'Big campaign',
						fromDate: '2026.12.01',
						toDate: '2026.12.31',
						fromTime: '09:00',
						toTime: '20:00',
						trunks: ['551234567'],
						recipientOptions: { extraColumns: 'name' },
					},
				},
			],
			{ credentials: { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl } }, input },
		);
		const seconds = (Date.now() - started) / 1000;

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const lines = server.requests[0].files.recipients.content.toString('utf8').split('\n');
		expect(lines).toHaveLength(COUNT);
		expect(lines[0]).toBe('900000000,"Client, ""0"""');
		expect(lines[1]).toBe('900000001,Client 1');
		expect(lines[COUNT - 1]).toBe('900099999,Client 99999');
		expect(lines[99_000]).toBe('900099000,"Client, ""99000"""');
		expect(new Set(lines.map((line) => line.slice(0, 9))).size).toBe(COUNT);
		// The whole file, byte for byte, against the same CSV written by hand (RFC 4180 quoting of
		// the names that hold a comma and quotes).
		const byHand = input
			.map(({ json }) => {
				const name = String(json.name);
				return `${json.phone},${/[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name}`;
			})
			.join('\n');
		expect(server.requests[0].files.recipients.content.equals(Buffer.from(byHand))).toBe(true);
		expect(server.requests[0].files.recipients).toMatchObject({
			filename: 'recipients.csv',
			mimeType: 'text/csv',
		});
		const [item] = result.output('AloVoice');
		expect(item.json.recipientsSent).toBe(COUNT);
		expect(item.pairedItem).toHaveLength(COUNT);
		expect(seconds).toBeLessThan(20);
	}, 40_000);
});
