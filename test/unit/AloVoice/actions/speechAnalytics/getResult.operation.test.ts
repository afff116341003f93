// The output item of Speech Analytics → Get Result (resultJson), from an answer object alone.
import { resultJson } from '../../../../../nodes/AloVoice/actions/speechAnalytics/getResult.operation';

describe('resultJson', () => {
	it('names every field, null where the answer has none', () => {
		expect(resultJson('1001', false, { aicallid: '', begin_time: '' })).toMatchObject({
			callId: '1001',
			ready: false,
			transcript: [],
			tags: [],
			tagNamesMatched: [],
			tagNamesMissing: [],
			stereoAudioPath: null,
		});
	});

	it('sorts the transcript by its start and splits the tags by whether they matched', () => {
		const json = resultJson('1001', true, {
			aicallid: 'ai-7',
			begin_time: '',
			stalk: [
				{ direction: 'client', text: 'second', begin: 2000, end: 3000 },
				{ direction: 'operator', text: 'first', begin: 0, end: 1000 },
			],
			tags: [
				{ name: 'greeting', value: 'yes' },
				{ name: 'farewell', value: '' },
			],
			stereoaudio: '/stereo/1001',
		} as never);
		expect(json).toMatchObject({
			aiCallId: 'ai-7',
			tagNamesMatched: ['greeting'],
			tagNamesMissing: ['farewell'],
			stereoAudioPath: '/stereo/1001',
		});
		expect((json.transcript as Array<{ text: string }>).map(({ text }) => text)).toEqual([
			'first',
			'second',
		]);
	});
});
