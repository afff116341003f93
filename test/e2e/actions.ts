// One n8n workflow per AloVoice action operation: a production Webhook starts it and answers
// with the AloVoice node's output, so the suite can compare both the HTTP answer and the
// execution n8n stored. Every operation the built node offers must have a case here.
import { randomUUID } from 'node:crypto';

import { TAGS, fakeAudio, type AloVoiceServer, type StoredCampaign } from '../server/alovoice';
import { SAMPLE_AUDIO, type TelediscountServer } from '../server/telediscount';
import { CREDENTIAL, TELEDISCOUNT_CREDENTIAL } from '../../scripts/lib/n8n';
import type { Workflow } from './stack';

export interface StandIns {
	aloVoice: AloVoiceServer;
	telediscount: TelediscountServer;
}

export interface ActionCase {
	node: 'aloVoice' | 'telediscount';
	resource: string;
	operation: string;
	parameters: Record<string, unknown>;
	/** The node's output items (their json), exactly. */
	expected: (standIns: StandIns) => unknown[];
	/** What the stand-in PBX must have received, when the operation changes something there. */
	afterwards?: (standIns: StandIns) => void;
	/** Binary data the node must have output (checked in the stored execution). */
	binary?: { property: string; mimeType: string; fileName: string; bytes: number };
	/**
	 * Input the Action node gets instead of the Webhook's empty request: one item with this
	 * json and, in the binary field `data`, a file (built in n8n by Set → Convert to File → Set).
	 */
	input?: {
		json: Record<string, unknown>;
		file: { content: Buffer; fileName: string; mimeType: string };
	};
}

const TELEDISCOUNT_RECORDED_CALL = 'c1f926a8f5727b77f9cbf39d8f35d061';

// A campaign as the stand-in stores one after Create (its raw answer), seeded for Campaign → Get:
// the e2e Webhook is called without a body, so Create cannot get its MP3 message here.
const SEEDED_CAMPAIGN: StoredCampaign = {
	id: 4321,
	name: 'December reminder',
	from: '2026-12-01',
	to: '2026-12-31',
	fromtime: '09:00:00',
	totime: '20:59:59',
	trunks: ['551234567', '712345678'],
	record: '/play/49443304000000000000000000000000',
	recipients: 0,
	maxline: '3',
	goodtime: '4',
	tryes: '5',
	paused: '1',
	status: 'new',
	timezone: 18000,
	updatedAt: '2026-11-23T08:00:00.000Z',
	createdAt: '2026-11-23T08:00:00.000Z',
};

// The campaign's MP3 message: it comes into n8n as base64 and reaches the stand-in as a file.
const CAMPAIGN_MP3 = Buffer.concat([
	Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'),
	Buffer.from('e2e campaign message'),
]);

const STEREO_AUDIO_BYTES = fakeAudio('stereo 1002').length;

export const ACTION_CASES: ActionCase[] = [
	{
		node: 'aloVoice',
		resource: 'line',
		operation: 'getMany',
		parameters: { returnAll: true },
		expected: () => [{ line: '551234567' }, { line: '712345678' }],
	},
	{
		node: 'aloVoice',
		resource: 'line',
		operation: 'getMany',
		parameters: { returnAll: false, limit: 1 },
		expected: () => [{ line: '551234567' }],
	},
	{
		node: 'aloVoice',
		resource: 'extension',
		operation: 'getMany',
		parameters: {},
		// Readable flags and numbers, and no SIP secret unless asked for.
		expected: () => {
			const dilnoza = {
				id: 1,
				number: '2000',
				username: 'Dilnoza',
				paystatus: true,
				status: 'on',
				block: false,
				dnd: false,
				isws: false,
				lastip: '10.0.0.1',
				isdef: true,
				extnumber: '',
				rule: 'all',
				trunk_id: 253,
				amoid: null,
				bxid: null,
				windowsapp: 0,
				mobileqr: '',
				payto: '2026-12-31',
			};
			return [
				dilnoza,
				{
					...dilnoza,
					id: 2,
					number: '2424',
					username: 'Aziz',
					status: 'off',
					lastip: '10.0.0.2',
					isdef: false,
				},
			];
		},
	},
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'clickToCall',
		parameters: {
			extension: '2424',
			number: '994412860',
			callId: 'e5e456se456s56w456',
			userId: '22',
		},
		expected: () => [
			{
				success: true,
				call_id: 'e5e456se456s56w456',
				inner_phone: 2424,
				number: '+998994412860',
				user_id: 22,
				answer: true,
			},
		],
	},
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'analyze',
		parameters: { callId: '1001' },
		expected: () => [
			{
				callId: '1001',
				aiCallId: 'ai-1001',
				beginTime: '2025-04-25T09:14:24.000Z',
				beginTimeRaw: 1745572464,
				stereoAudioPath: '/stereo/1001',
			},
		],
		afterwards: ({ aloVoice }) => {
			expect([...aloVoice.state.analyses.keys()]).toContain('1001');
		},
	},
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'startTwoWay',
		parameters: {
			callFrom: '712 03-70-06',
			callFromLanguage: 'uz',
			recipients: {
				recipient: [
					{ phone: '994412860', language: 'ru' },
					{ phone: '+998 97 707 69 09', language: 'uz' },
				],
			},
			externalId: '123123',
		},
		expected: () => [
			{
				success: true,
				callfrom: { phone: '712037006', lang: 'uz' },
				callto: [
					{ phone: '994412860', lang: 'ru' },
					{ phone: '+998977076909', lang: 'uz' },
				],
				extid: '123123',
				answer: true,
			},
		],
		afterwards: ({ aloVoice }) => {
			expect(aloVoice.state.callRequests).toContainEqual({
				callfrom: { phone: '712037006', lang: 'uz' },
				callto: [
					{ phone: '994412860', lang: 'ru' },
					{ phone: '+998977076909', lang: 'uz' },
				],
				extid: '123123',
			});
		},
	},
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'callIvr',
		parameters: {
			callTo: '712037006',
			ivrId: 222,
			fromLine: '712037006',
			language: 'uz',
			externalId: '123124',
		},
		expected: () => [
			{
				success: true,
				callto: '712037006',
				ivrid: 222,
				fromline: 712037006,
				lang: 'uz',
				extid: '123124',
				answer: true,
			},
		],
		afterwards: ({ aloVoice }) => {
			expect(aloVoice.state.callRequests).toContainEqual({
				callto: '712037006',
				ivrid: 222,
				fromline: 712037006,
				lang: 'uz',
				extid: '123124',
			});
		},
	},
	// What /requestcall answers is not documented: in a real n8n too, a JSON answer and an empty
	// 204 are placed calls, carried in `answer` (the engine tests run every shape).
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'startTwoWay',
		parameters: {
			callFrom: '712037006',
			callToType: 'queue',
			queue: '6000',
			externalId: 'e2e-json',
		},
		expected: ({ aloVoice }) => {
			aloVoice.state.callAnswer = 'jsonWithId';
			return [
				{
					success: true,
					callfrom: { phone: '712037006', lang: 'ru' },
					callto: [{ queue: '6000' }],
					extid: 'e2e-json',
					answer: { id: 58123, status: 'queued' },
				},
			];
		},
		afterwards: ({ aloVoice }) => {
			aloVoice.state.callAnswer = undefined;
			expect(
				aloVoice.state.callRequests.filter(
					(request) => (request as { extid?: string }).extid === 'e2e-json',
				),
			).toHaveLength(1);
		},
	},
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'callIvr',
		parameters: { callTo: '994412860', ivrId: 7, fromLine: '712037006', externalId: 'e2e-204' },
		expected: ({ aloVoice }) => {
			aloVoice.state.callAnswer = 'noContent';
			return [
				{
					success: true,
					callto: '994412860',
					ivrid: 7,
					fromline: 712037006,
					lang: 'ru',
					extid: 'e2e-204',
					answer: null,
				},
			];
		},
		afterwards: ({ aloVoice }) => {
			aloVoice.state.callAnswer = undefined;
			expect(
				aloVoice.state.callRequests.filter(
					(request) => (request as { extid?: string }).extid === 'e2e-204',
				),
			).toHaveLength(1);
		},
	},
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'create',
		input: {
			json: { phone: '+998 (97) 707-69-09' },
			file: { content: CAMPAIGN_MP3, fileName: 'reminder.mp3', mimeType: 'audio/mpeg' },
		},
		parameters: {
			name: 'December reminder',
			messageBinaryProperty: 'data',
			recipientsFrom: 'inputItems',
			phoneField: 'phone',
			fromDate: '2026.12.01',
			toDate: '2026-12-31',
			fromTime: '9:00',
			toTime: '20:59',
			trunks: ['551234567', '712345678'],
			maxLines: 3,
			goodTime: 4,
			attempts: 5,
			paused: true,
			timeZone: 'utc +5',
		},
		expected: () => [
			{
				id: 123,
				name: 'December reminder',
				from: '2026-12-01',
				to: '2026-12-31',
				fromtime: '09:00:00',
				totime: '20:59:59',
				trunks: ['551234567', '712345678'],
				record: `/play/${CAMPAIGN_MP3.toString('hex').slice(0, 32)}`,
				recipients: 0,
				maxline: 3,
				goodtime: 4,
				tryes: 5,
				attempts: 5,
				paused: true,
				status: 'new',
				timezone: 18000,
				timezoneOffset: 'utc +5',
				updatedAt: expect.any(String),
				createdAt: expect.any(String),
				recipientsSent: 1,
			},
		],
		afterwards: ({ aloVoice }) => {
			const posted = aloVoice.requests.filter((request) => request.path === '/mapi/addAutorule');
			expect(posted).toHaveLength(1);
			expect(posted[0].fields).toEqual({
				name: 'December reminder',
				from: '2026.12.01',
				to: '2026.12.31',
				fromtime: '09:00',
				totime: '20:59',
				trunks: '551234567,712345678',
				maxline: '3',
				goodtime: '4',
				tryes: '5',
				tries: '5',
				paused: '1',
				timezone: 'utc +5',
			});
			expect(Object.keys(posted[0].files).sort()).toEqual(['recipients', 'record']);
			expect(posted[0].files.record).toEqual({
				filename: 'reminder.mp3',
				mimeType: 'audio/mpeg',
				content: CAMPAIGN_MP3,
			});
			expect(posted[0].files.recipients.filename).toBe('recipients.csv');
			expect(posted[0].files.recipients.content.toString('utf8')).toBe('+998977076909');
			expect(aloVoice.state.campaigns.get(123)?.name).toBe('December reminder');
		},
	},
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'get',
		parameters: { campaignId: String(SEEDED_CAMPAIGN.id) },
		expected: ({ aloVoice }) => {
			aloVoice.state.campaigns.set(SEEDED_CAMPAIGN.id, { ...SEEDED_CAMPAIGN });
			return [
				{
					...SEEDED_CAMPAIGN,
					maxline: 3,
					goodtime: 4,
					tryes: 5,
					attempts: 5,
					paused: true,
					timezoneOffset: 'utc +5',
				},
			];
		},
	},
	{
		node: 'aloVoice',
		resource: 'recording',
		operation: 'download',
		parameters: { source: 'stereo', callId: '1002', binaryPropertyName: 'data' },
		expected: () => [
			{
				callId: '1002',
				fileName: 'stereo-1002.mp3',
				mimeType: 'audio/mpeg',
				fileSize: STEREO_AUDIO_BYTES,
			},
		],
		binary: {
			property: 'data',
			mimeType: 'audio/mpeg',
			fileName: 'stereo-1002.mp3',
			bytes: STEREO_AUDIO_BYTES,
		},
	},
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'getResult',
		parameters: { callId: '1003' },
		expected: ({ aloVoice }) => {
			// Call 1003 was sent to analysis and its result is ready.
			aloVoice.state.analyses.set('1003', { pollsLeft: 0 });
			return [
				{
					callId: '1003',
					ready: true,
					aiCallId: 'ai-1003',
					beginTime: '2025-04-25T09:14:24.000Z',
					beginTimeRaw: 1745572464,
					transcript: [
						{
							speaker: 'operator',
							text: 'Assalomu alaykum, AloVoice kompaniyasi',
							beginSeconds: 0,
							endSeconds: 2.4,
							fragmentId: 1,
						},
						{
							speaker: 'client',
							text: 'Здравствуйте, я хотел узнать про тариф',
							beginSeconds: 2.6,
							endSeconds: 5.1,
							fragmentId: 2,
						},
						{
							speaker: 'operator',
							text: 'Конечно, сейчас расскажу',
							beginSeconds: 5.3,
							endSeconds: 7,
							fragmentId: 3,
						},
					],
					tags: TAGS,
					tagNamesMatched: ['Greeting'],
					tagNamesMissing: ['No company introduction'],
					stereoAudioPath: '/stereo/1003',
				},
			];
		},
	},
	{
		node: 'telediscount',
		resource: 'call',
		operation: 'make',
		parameters: { numA: 'SIP/00000000672', numB: '+7 495 123-45-67' },
		expected: () => [
			{
				callId: 'd00d0000000000000000000000000001',
				sipAccount: 'SIP/00000000672',
				number: '74951234567',
				numberE164: '+74951234567',
				raw: { api_call_id: 'd00d0000000000000000000000000001' },
			},
		],
		afterwards: ({ telediscount }) => {
			expect(telediscount.state.placed).toEqual([
				{
					num_a: 'SIP/00000000672',
					num_b: '74951234567',
					api_call_id: 'd00d0000000000000000000000000001',
				},
			]);
		},
	},
	{
		node: 'telediscount',
		resource: 'call',
		operation: 'getMany',
		parameters: { returnAll: false, limit: 2 },
		// The readable fields are the engine tests' business; here: the stand-in's first two
		// calls, in order, each carried whole under `raw`.
		expected: ({ telediscount }) =>
			telediscount.state.calls
				.slice(0, 2)
				.map((call) => expect.objectContaining({ callId: call.api_call_id, raw: call })),
	},
	{
		node: 'telediscount',
		resource: 'recording',
		operation: 'download',
		parameters: { apiCallId: TELEDISCOUNT_RECORDED_CALL, binaryPropertyName: 'data' },
		expected: () => [
			{
				callId: TELEDISCOUNT_RECORDED_CALL,
				fileName: `${TELEDISCOUNT_RECORDED_CALL}.mp3`,
				mimeType: 'audio/mpeg',
				fileSize: SAMPLE_AUDIO.length,
			},
		],
		binary: {
			property: 'data',
			mimeType: 'audio/mpeg',
			fileName: `${TELEDISCOUNT_RECORDED_CALL}.mp3`,
			bytes: SAMPLE_AUDIO.length,
		},
	},
];

export const caseKey = (action: ActionCase) =>
	`${action.node}: ${action.resource}.${action.operation}`;

export const ACTION_NODE = 'Action';

export function actionWorkflowId(index: number) {
	return `e2eAction${String(index).padStart(7, '0')}`;
}

export function actionPath(index: number) {
	return `e2e-action-${index}`;
}

export function actionWorkflow(action: ActionCase, index: number): Workflow {
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path: actionPath(index),
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
	const actionNode = {
		id: randomUUID(),
		name: ACTION_NODE,
		type: `n8n-nodes-alovoice.${action.node}`,
		typeVersion: 1,
		position: [880, 0],
		parameters: { resource: action.resource, operation: action.operation, ...action.parameters },
		credentials:
			action.node === 'aloVoice'
				? { aloVoiceApi: CREDENTIAL }
				: { telediscountApi: TELEDISCOUNT_CREDENTIAL },
	};
	const chain: Array<{ name: string }> = [webhook];
	if (action.input) {
		const { json, file } = action.input;
		chain.push(
			{
				id: randomUUID(),
				name: 'File As Base64',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ file: file.content.toString('base64') }),
					options: {},
				},
			} as { name: string },
			{
				id: randomUUID(),
				name: 'To File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: {
					operation: 'toBinary',
					sourceProperty: 'file',
					binaryPropertyName: 'data',
					options: { fileName: file.fileName, mimeType: file.mimeType },
				},
			} as { name: string },
			{
				id: randomUUID(),
				name: 'Input Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [660, 0],
				// Keeping the other fields (none) is what keeps the file.
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify(json),
					includeOtherFields: true,
					include: 'all',
					options: {},
				},
			} as { name: string },
		);
	}
	chain.push(actionNode);
	const connections: Record<string, unknown> = {};
	for (let at = 0; at < chain.length - 1; at++) {
		connections[chain[at].name] = {
			main: [[{ node: chain[at + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id: actionWorkflowId(index),
		name: `e2e ${caseKey(action)} #${index}`,
		nodes: chain,
		connections,
	};
}

/** Every resource.operation a built node offers, from its description. */
export function offeredOperations(
	node: string,
	description: { properties: Array<Record<string, any>> },
): string[] {
	const offered: string[] = [];
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of property.options ?? [])
				offered.push(`${node}: ${resource}.${option.value}`);
		}
	}
	return offered;
}
