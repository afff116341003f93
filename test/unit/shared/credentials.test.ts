// nodes/shared/credentials.ts: a node run's credential is read once per credential type for all
// its items; a failed read is not kept, so the next item reads again.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialsOfRun } from '../../../nodes/shared/credentials';

type Reader = Parameters<typeof credentialsOfRun>[0];

/** A node run's context: n8n's credential read, answering from `answers` in turn. */
function run(...answers: Array<ICredentialDataDecryptedObject | Error>) {
	const getCredentials = jest.fn(async (type: string) => {
		const answer = answers.length > 1 ? answers.shift()! : answers[0];
		if (answer instanceof Error) throw answer;
		return { ...answer, type };
	});
	// The mock answers any type with one object; n8n's reader is generic over the answer's type.
	return { getCredentials } as { getCredentials: typeof getCredentials } & Reader;
}

const aloVoice = { token: 'tok-3f9a-secret', baseUrl: 'https://cld.alovoice.uz' };

describe('credentialsOfRun', () => {
	it('reads the credential once for every item of a run, one after the other', async () => {
		const context = run(aloVoice);
		const first = await credentialsOfRun(context, 'aloVoiceApi');
		for (let item = 1; item < 1000; item++)
			expect(await credentialsOfRun(context, 'aloVoiceApi')).toBe(first);
		expect(first).toEqual({ ...aloVoice, type: 'aloVoiceApi' });
		expect(context.getCredentials).toHaveBeenCalledTimes(1);
		expect(context.getCredentials).toHaveBeenCalledWith('aloVoiceApi');
	});

	it('reads it once for items that ask at the same time, before the first read ends', async () => {
		const context = run(aloVoice);
		const all = await Promise.all(
			Array.from({ length: 10 }, () => credentialsOfRun(context, 'aloVoiceApi')),
		);
		expect(new Set(all).size).toBe(1);
		expect(context.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('reads each credential type of a run once', async () => {
		const context = run(aloVoice);
		const a = await credentialsOfRun(context, 'aloVoiceApi');
		const t = await credentialsOfRun(context, 'telediscountApi');
		await credentialsOfRun(context, 'aloVoiceApi');
		await credentialsOfRun(context, 'telediscountApi');
		expect([a.type, t.type]).toEqual(['aloVoiceApi', 'telediscountApi']);
		expect(context.getCredentials.mock.calls).toEqual([['aloVoiceApi'], ['telediscountApi']]);
	});

	it('keeps nothing from one run for another (each run has its own context)', async () => {
		const one = run(aloVoice);
		const other = run({ ...aloVoice, token: 'tok-other-run' });
		await credentialsOfRun(one, 'aloVoiceApi');
		expect((await credentialsOfRun(other, 'aloVoiceApi')).token).toBe('tok-other-run');
		expect(one.getCredentials).toHaveBeenCalledTimes(1);
		expect(other.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('does not keep a failed read: the next item asks again and gets its own answer', async () => {
		const refused = new Error('Node does not have any credentials set');
		const context = run(refused, aloVoice);
		await expect(credentialsOfRun(context, 'aloVoiceApi')).rejects.toBe(refused);
		expect(await credentialsOfRun(context, 'aloVoiceApi')).toEqual({
			...aloVoice,
			type: 'aloVoiceApi',
		});
		await credentialsOfRun(context, 'aloVoiceApi');
		expect(context.getCredentials).toHaveBeenCalledTimes(2);
	});

	it('gives every item of a failing run its own error, as n8n threw it', async () => {
		const errors = [new Error('first'), new Error('second')];
		const context = run(...errors);
		await expect(credentialsOfRun(context, 'aloVoiceApi')).rejects.toBe(errors[0]);
		await expect(credentialsOfRun(context, 'aloVoiceApi')).rejects.toBe(errors[1]);
		expect(context.getCredentials).toHaveBeenCalledTimes(2);
	});

	it('items waiting on the read that fails share its error, and only that one read is made', async () => {
		const refused = new Error('decryption failed');
		const context = run(refused);
		const results = await Promise.allSettled([
			credentialsOfRun(context, 'aloVoiceApi'),
			credentialsOfRun(context, 'aloVoiceApi'),
		]);
		expect(results).toEqual([
			{ status: 'rejected', reason: refused },
			{ status: 'rejected', reason: refused },
		]);
		expect(context.getCredentials).toHaveBeenCalledTimes(1);
	});
});
