// The stand-in PBX itself: it must refuse what the real API would refuse (the token in the wrong
// place, a form without its documented fields, dates and times in other formats), or the node
// tests that run against it could pass with a node the real PBX rejects.
import { ALOVOICE_TOKEN, AloVoiceServer, fakeAudio } from '../../server/alovoice';

describe('the AloVoice stand-in', () => {
	const server = new AloVoiceServer();
	let url: string;
	beforeAll(async () => (url = await server.start()));
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	const bearer = { Authorization: `Bearer ${ALOVOICE_TOKEN}` };
	const status = async (path: string, init: RequestInit = {}) =>
		(await fetch(`${url}${path}`, init)).status;

	it('/mapi/* wants the Bearer header: the token in the path or a wrong token is 401', async () => {
		expect(await status('/mapi/getMyTrunks', { headers: bearer })).toBe(200);
		expect(await status('/mapi/getMyTrunks')).toBe(401);
		expect(await status('/mapi/getMyTrunks', { headers: { Authorization: 'Bearer nope' } })).toBe(
			401,
		);
		expect(await status('/mapi/getAutorule/1', { headers: bearer })).toBe(404);
		expect(await status('/mapi/getAutorule/1')).toBe(401);
	});

	it('path-token endpoints want the token in the path; getpeers also wants the `token` header', async () => {
		expect(
			await status(`/getpeers/${ALOVOICE_TOKEN}`, { headers: { token: ALOVOICE_TOKEN } }),
		).toBe(200);
		expect(await status(`/getpeers/${ALOVOICE_TOKEN}`)).toBe(401);
		expect(await status(`/getpeers/${ALOVOICE_TOKEN}`, { headers: bearer })).toBe(401);
		expect(await status('/getpeers/wrong', { headers: { token: ALOVOICE_TOKEN } })).toBe(401);
		expect(await status(`/callsendai/${ALOVOICE_TOKEN}/1001`)).toBe(200);
		expect(await status('/callsendai/wrong/1001', { headers: bearer })).toBe(401);
		expect(await status('/callgetaireresult/wrong/1001')).toBe(401);
		const outcall = (token: string) =>
			fetch(`${url}/outcall/${token}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({
					call_id: 'c1',
					inner_phone: 2424,
					number: '+998994412860',
					user_id: 22,
				}),
			});
		expect(await (await outcall(ALOVOICE_TOKEN)).text()).toBe('true');
		expect((await outcall('wrong')).status).toBe(401);
	});

	it('requestcall takes JSON or form fields, and refuses a call without its documented fields', async () => {
		const post = (body: string | FormData, headers: Record<string, string> = {}) =>
			fetch(`${url}/requestcall/${ALOVOICE_TOKEN}`, { method: 'POST', headers, body });
		const twoWay = {
			callfrom: { phone: '712037006', lang: 'ru' },
			callto: [{ phone: '994412860', lang: 'ru' }],
		};
		expect(
			await (await post(JSON.stringify(twoWay), { 'Content-Type': 'application/json' })).text(),
		).toBe('true');
		const form = new FormData();
		form.append('callfrom', JSON.stringify(twoWay.callfrom));
		form.append('callto', JSON.stringify([{ queue: '6000' }]));
		expect(await (await post(form)).text()).toBe('true');
		expect(server.state.callRequests).toEqual([
			twoWay,
			{ callfrom: twoWay.callfrom, callto: [{ queue: '6000' }] },
		]);
		const noInitiator = await post(JSON.stringify({ callto: twoWay.callto }), {
			'Content-Type': 'application/json',
		});
		expect([noInitiator.status, await noInitiator.json()]).toEqual([
			400,
			{ error: 'callfrom.phone is required' },
		]);
		const badIvr = await post(JSON.stringify({ callto: '12', ivrid: 222 }), {
			'Content-Type': 'application/json',
		});
		expect(badIvr.status).toBe(400);
	});

	it('addAutorule parses the multipart form, refuses missing fields and other date/time formats, and answers the documented shape', async () => {
		const form = (fields: Record<string, string>, withFiles = true) => {
			const body = new FormData();
			for (const [name, value] of Object.entries(fields)) body.append(name, value);
			if (withFiles) {
				body.append('record', new Blob([fakeAudio('m')], { type: 'audio/mpeg' }), 'm.mp3');
				body.append(
					'recipients',
					new Blob(['994412860\n712037006'], { type: 'text/csv' }),
					'r.csv',
				);
			}
			return body;
		};
		const fields = {
			name: 'N',
			from: '2026.12.01',
			to: '2026.12.31',
			fromtime: '09:00',
			totime: '20:59',
			trunks: '551234567,712345678',
			tries: '4',
		};
		const post = async (body: FormData) => {
			const response = await fetch(`${url}/mapi/addAutorule`, {
				method: 'POST',
				headers: bearer,
				body,
			});
			return [response.status, await response.json()];
		};
		const [created, campaign] = await post(form(fields));
		expect(created).toBe(200);
		expect(campaign).toMatchObject({
			id: 123,
			from: '2026-12-01',
			fromtime: '09:00:00',
			totime: '20:59:59',
			trunks: ['551234567', '712345678'],
			recipients: 0,
			maxline: '1',
			goodtime: '3',
			tryes: '4',
			paused: '0',
			status: 'new',
			timezone: 18000,
		});
		expect(server.requests[0].files.recipients).toEqual({
			filename: 'r.csv',
			mimeType: 'text/csv',
			content: Buffer.from('994412860\n712037006'),
		});
		expect(await post(form(fields, false))).toEqual([
			400,
			{ error: 'missing fields: record, recipients' },
		]);
		expect(await post(form({ ...fields, from: '2026-12-01' }))).toEqual([
			400,
			{ error: 'from must be YYYY.MM.DD' },
		]);
		expect(await post(form({ ...fields, totime: '9pm' }))).toEqual([
			400,
			{ error: 'totime must be HH:MM' },
		]);
		expect(await post(form({ ...fields, timezone: 'Asia/Tashkent' }))).toEqual([
			400,
			{ error: 'timezone must look like "utc +5"' },
		]);
	});

	it('fails on demand: status, slow, malformed, reset, limited to a path and a number of times', async () => {
		server.fail({ status: 429, times: 1, path: /getMyTrunks/ });
		expect(await status('/mapi/getMyTrunks', { headers: bearer })).toBe(429);
		expect(await status('/mapi/getMyTrunks', { headers: bearer })).toBe(200);
		server.fail({ malformed: true, times: 1 });
		expect(await (await fetch(`${url}/mapi/getMyTrunks`, { headers: bearer })).text()).toBe(
			'<html>Bad gateway</html>',
		);
		server.fail({ delayMs: 300, times: 1 });
		const started = Date.now();
		expect(await status('/mapi/getMyTrunks', { headers: bearer })).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		server.fail({ reset: true, times: 1 });
		await expect(fetch(`${url}/mapi/getMyTrunks`, { headers: bearer })).rejects.toThrow(
			'fetch failed',
		);
		expect(server.requests.map((request) => request.path)).toEqual(
			Array(5).fill('/mapi/getMyTrunks'),
		);
	});
});
