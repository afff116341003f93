// Speech Analysis → Analyze Call: sends a recorded call to AloVoice's AI analysis (callsendai).
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { quoteAnswer } from '../../../shared/http';
import { unixToIso } from '../../../shared/time';
import type { SendToAnalysisAnswer } from '../../helpers/interfaces';
import { timeoutOf } from '../../../shared/options';
import { aloVoiceRequest, getAloVoiceCredentials } from '../../transport';
import { callIdParameter, callIdProperty, timeoutOption } from './common';

const show = { resource: ['speechAnalytics'], operation: ['analyze'] };

export const description: INodeProperties[] = [
	callIdProperty('analyze', 'The recorded call to analyze, e.g. the call_id of a call-ended event'),
	{
		displayName: 'Options',
		name: 'options',
		description: 'Less common settings, such as how long to wait for the PBX',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [timeoutOption],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const callId = callIdParameter.call(this, itemIndex);
	const answer = (await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: `/callsendai/{token}/${encodeURIComponent(callId)}`,
		auth: 'path',
		action: 'sending the call to analysis',
		timeout: timeoutOf.call(this, itemIndex),
	})) as Partial<SendToAnalysisAnswer> | null;
	const result = answer?.answer;
	if (!result || typeof result !== 'object') {
		const { token } = await getAloVoiceCredentials.call(this);
		throw new NodeApiError(
			this.getNode(),
			{ message: 'no answer object' },
			{
				message: 'AloVoice did not confirm sending the call to analysis',
				description: `The PBX answered: ${quoteAnswer(JSON.stringify(answer) ?? '', [token])}`,
				itemIndex,
			},
		);
	}
	return [
		{
			json: {
				callId,
				aiCallId: result.aicallid ?? null,
				beginTime: unixToIso(result.begin_time) ?? null,
				beginTimeRaw: result.begin_time ?? null,
				stereoAudioPath: result.stereoaudio ?? null,
			},
		},
	];
}
