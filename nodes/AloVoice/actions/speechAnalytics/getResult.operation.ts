// Speech Analysis → Get Result: the AI analysis of a call (callgetaireresult), optionally waiting until it is ready.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { quoteAnswer } from '../../../shared/http';
import { unixToIso } from '../../../shared/time';
import type { AnalysisResultAnswer } from '../../helpers/interfaces';
import {
	cleanTags,
	cleanTranscript,
	isAnalysisReady,
	splitTags,
	transcriptText,
} from '../../helpers/transcript';
import { secondsToMs, timeoutOf } from '../../../shared/options';
import { aloVoiceRequest, getAloVoiceCredentials } from '../../transport';
import { callIdParameter, callIdProperty, timeoutOption } from './common';

const show = { resource: ['speechAnalytics'], operation: ['getResult'] };

/** Upper bound of "Max Wait", so a typo cannot keep an execution polling for days. */
const MAX_WAIT_LIMIT_S = 3600;

/** Read-only: the router runs up to ITEM_CONCURRENCY items at once (nodes/shared/operation.ts). */
export const concurrent = true;

/** Version 1's "Wait for Result": an entry of Options, off unless added. */
const waitForResultV1: INodeProperties = {
	displayName: 'Wait for Result',
	name: 'waitForResult',
	type: 'boolean',
	default: false,
	description:
		'Whether to ask again until the analysis is ready (has a transcript or tags), instead of answering at once',
};

/** Version 2's "Wait for Result": on the panel, on, so Analyze then Get Result works at once. */
const waitForResultV2: INodeProperties = {
	displayName: 'Wait for Result',
	name: 'waitForResult',
	type: 'boolean',
	default: true,
	description:
		'Whether to ask again until the analysis is ready (has a transcript or tags), instead of answering at once',
	hint: 'The analysis takes a while after Analyze Call; Options → Max Wait sets how long to ask (120 s)',
	displayOptions: { show },
};

/**
 * The parameters of a version. Version 1 hides "Wait for Result" under Options, off, so Analyze
 * then Get Result answered "not ready" on a first try; version 2 shows it on the panel, on.
 */
function properties(version: number): INodeProperties[] {
	return [
		callIdProperty('getResult', 'The call sent to analysis with Analyze Call'),
		...(version === 1 ? [] : [waitForResultV2]),
		{
			displayName: 'Options',
			name: 'options',
			description:
				'Whether and how long to wait for the analysis, and how to output the transcript',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Max Wait (Seconds)',
					name: 'maxWait',
					type: 'number',
					typeOptions: { minValue: 0.1, maxValue: MAX_WAIT_LIMIT_S, numberPrecision: 1 },
					default: 120,
					description:
						'With "Wait for Result": how long to keep asking before giving up (at most 3600)',
				},
				{
					displayName: 'On Timeout',
					name: 'onTimeout',
					type: 'options',
					options: [
						{
							name: 'Output Not Ready',
							value: 'notReady',
							description: "Output the item with 'ready' false",
						},
						{ name: 'Stop With Error', value: 'error', description: 'Fail the item' },
					],
					default: 'notReady',
					description:
						'With "Wait for Result": what to do when the result is still not ready after the max wait',
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: 0.1, numberPrecision: 1 },
					default: 5,
					description:
						'With "Wait for Result": how long to wait between two questions (at least 0.1)',
				},
				timeoutOption,
				{
					displayName: 'Transcript as Text',
					name: 'transcriptAsText',
					type: 'boolean',
					default: false,
					description:
						"Whether to add 'transcriptText': the whole conversation as one text, a line per fragment (Operator: …, Client: …)",
				},
				...(version === 1 ? [waitForResultV1] : []),
			],
		},
	];
}

export const description = properties(1);
export const descriptionV2 = properties(2);

interface ResultOptions {
	waitForResult?: boolean;
	pollInterval?: number;
	maxWait?: number;
	onTimeout?: 'notReady' | 'error';
	transcriptAsText?: boolean;
}

/** Sleeps between two questions, unless n8n cancels the execution first (its cancel signal). */
async function waitOrStop(
	this: IExecuteFunctions,
	ms: number,
	callId: string,
	itemIndex: number,
): Promise<void> {
	const signal = this.getExecutionCancelSignal?.();
	const stopped = () =>
		new NodeOperationError(
			this.getNode(),
			`The execution was cancelled while waiting for the analysis of call ${callId}`,
			{ itemIndex },
		);
	if (signal?.aborted) throw stopped();
	try {
		await sleep(ms, signal);
	} catch {
		throw stopped();
	}
	// An n8n whose sleep takes no signal still wakes up: it stops here.
	if (signal?.aborted) throw stopped();
}

/** Version 1 reads "Wait for Result" from Options (off unless added), version 2 from the panel (on). */
function waitsForResult(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ResultOptions,
): boolean {
	if (this.getNode().typeVersion < 2) return options.waitForResult === true;
	return this.getNodeParameter('waitForResult', itemIndex, true) === true;
}

/** One request for the result; an answer without its "answer" object is an error. */
async function fetchResult(
	this: IExecuteFunctions,
	callId: string,
	itemIndex: number,
	timeout: number,
): Promise<AnalysisResultAnswer['answer']> {
	const answer = (await aloVoiceRequest.call(this, {
		method: 'GET',
		endpoint: `/callgetaireresult/{token}/${encodeURIComponent(callId)}`,
		auth: 'path',
		action: 'getting the analysis result',
		timeout,
	})) as Partial<AnalysisResultAnswer> | null;
	if (!answer?.answer || typeof answer.answer !== 'object') {
		const { token } = await getAloVoiceCredentials.call(this);
		throw new NodeApiError(
			this.getNode(),
			{ message: 'no answer object' },
			{
				message: 'AloVoice answered the analysis result without its "answer" object',
				description: `The PBX answered: ${quoteAnswer(JSON.stringify(answer) ?? '', [token])}`,
				itemIndex,
			},
		);
	}
	return answer.answer;
}

/** The output item of a result, in the names the node shows. */
export function resultJson(
	callId: string,
	ready: boolean,
	result: AnalysisResultAnswer['answer'],
): IDataObject {
	const transcript = cleanTranscript(result.stalk);
	const { matched, missing } = splitTags(result.tags);
	return {
		callId,
		ready,
		aiCallId: result.aicallid ?? null,
		beginTime: unixToIso(result.begin_time) ?? null,
		beginTimeRaw: result.begin_time ?? null,
		transcript: transcript as unknown as IDataObject[],
		tags: cleanTags(result.tags) as IDataObject[],
		tagNamesMatched: matched,
		tagNamesMissing: missing,
		stereoAudioPath: result.stereoaudio ?? null,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const callId = callIdParameter.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as ResultOptions;
	const wait = waitsForResult.call(this, itemIndex, options);
	const timeout = timeoutOf.call(this, itemIndex);
	const interval = secondsToMs(options.pollInterval, 5000);
	const maxWait = Math.min(secondsToMs(options.maxWait, 120_000), MAX_WAIT_LIMIT_S * 1000);
	const deadline = Date.now() + maxWait;

	let result: AnalysisResultAnswer['answer'];
	let attempts = 0;
	for (;;) {
		attempts += 1;
		result = await fetchResult.call(this, callId, itemIndex, timeout);
		if (!wait || isAnalysisReady(result)) break;
		const left = deadline - Date.now();
		if (left <= 0) break;
		// A cancelled execution (n8n's Stop) ends the wait at once; the next request would refuse anyway.
		await waitOrStop.call(this, Math.min(interval, left), callId, itemIndex);
	}

	const ready = isAnalysisReady(result);
	if (!ready && wait && options.onTimeout === 'error') {
		throw new NodeOperationError(
			this.getNode(),
			`The analysis of call ${callId} was not ready after ${maxWait / 1000} s (${attempts} requests)`,
			{ itemIndex, description: 'Raise "Max Wait (Seconds)", or get the result later' },
		);
	}
	const json = resultJson(callId, ready, result);
	if (wait) json.attempts = attempts;
	if (options.transcriptAsText) json.transcriptText = transcriptText(cleanTranscript(result.stalk));
	return [{ json }];
}
