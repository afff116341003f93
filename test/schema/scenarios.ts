// The runs the output schemas are built from: every operation of both action nodes, run in the
// engine harness (n8n-core's WorkflowExecute) against the stand-in PBXs, once per shape its
// output can take: each option that adds a field, and each answer shape the vendor may send
// where its documentation is silent (strings for numbers, missing fields, text or empty answers).
// A field an operation outputs is in its schema only because some run here output it.
import type { INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { TelediscountApi } from '../../credentials/TelediscountApi.credentials';
import { AloVoice } from '../../nodes/AloVoice/AloVoice.node';
import { Telediscount } from '../../nodes/Telediscount/Telediscount.node';
import { PACKAGE, registerCredentialType, registerNodeType, runWorkflow } from '../harness/engine';
import type { StoredCampaign } from '../server/alovoice';
import {
	ALOVOICE_TOKEN,
	AloVoiceServer,
	createAloVoiceState,
	defaultPeers,
	fakeAudio,
} from '../server/alovoice';
import type { OutcomeAnswerShape } from '../server/telediscount';
import {
	TELEDISCOUNT_KEY,
	TelediscountServer,
	defaultCalls,
	defaultState,
} from '../server/telediscount';
import type { FieldRules, JsonSchema } from './outputSchema';
import { inferSchema, nodeVersions, operationsOf, versionFolder } from './outputSchema';

registerNodeType(new Telediscount());
registerCredentialType(new TelediscountApi());

/** The action nodes with output schemas: their folder in nodes/ and their class. */
export const NODES = {
	aloVoice: { folder: 'AloVoice', type: new AloVoice() as INodeType | IVersionedNodeType },
	telediscount: {
		folder: 'Telediscount',
		type: new Telediscount() as INodeType | IVersionedNodeType,
	},
};
export type NodeKey = keyof typeof NODES;

export interface StandIns {
	aloVoice: AloVoiceServer;
	telediscount: TelediscountServer;
}

export interface Scenario {
	node: NodeKey;
	resource: string;
	operation: string;
	/** What this run adds to the schema (an option's field, a vendor's other answer shape). */
	title: string;
	parameters: Record<string, unknown>;
	input?: INodeExecutionData[];
	/** Sets the stand-ins' state before the run (they start from their defaults). */
	setup?: (pbx: StandIns) => void;
	/** The node versions it runs on; all of them unless given. */
	versions?: number[];
}

const opaqueAnswer =
	"The PBX's answer as it came (JSON, text, or null when empty); its API pages do not document it";

/** Per `node/resource/operation`: what the samples alone cannot say (see FieldRules). */
export const FIELD_RULES: Record<string, FieldRules> = {
	'aloVoice/call/startTwoWay': { opaque: { answer: opaqueAnswer } },
	'aloVoice/call/callIvr': { opaque: { answer: opaqueAnswer } },
	'aloVoice/call/clickToCall': { opaque: { answer: opaqueAnswer } },
	// begin_time passes on as it came: a number or a string (helpers/interfaces.ts).
	'aloVoice/speechAnalytics/analyze': { widen: { beginTimeRaw: ['string'] } },
	'aloVoice/speechAnalytics/getResult': { widen: { beginTimeRaw: ['string'] } },
	// toCall (nodes/Telediscount/helpers/values.ts) writes null for what a record lacks, and keeps a
	// price it cannot read as a number as it came (TelediscountCall in helpers/interfaces.ts).
	'telediscount/call/getMany': { widen: { callId: ['null'], price: ['string'] } },
	// numberE164 is null for a number telediscountE164 cannot put in E.164 form.
	'telediscount/call/make': { opaque: { raw: opaqueAnswer }, widen: { numberE164: ['null'] } },
};

const MP3 = fakeAudio('campaign message');
const mp3Binary = () => ({
	data: MP3.toString('base64'),
	mimeType: 'audio/mpeg',
	fileName: 'reminder.mp3',
	fileExtension: 'mp3',
});

const CAMPAIGN = {
	resource: 'campaign',
	operation: 'create',
	name: 'December reminder',
	fromDate: '2026.12.01',
	toDate: '2026.12.31',
	fromTime: '9:00',
	toTime: '20:59',
	trunks: ['551234567', '712345678'],
	maxLines: 3,
	goodTime: 4,
	attempts: 5,
	paused: false,
	timeZone: 'utc +5',
	phoneField: 'phone',
};
const phoneItems = (phones: string[]): INodeExecutionData[] =>
	phones.map((phone, index) => ({
		json: { phone },
		...(index === 0 ? { binary: { data: mp3Binary() } } : {}),
	}));

const STORED_CAMPAIGN: StoredCampaign = {
	id: 123,
	name: 'December reminder',
	from: '2026-12-01',
	to: '2026-12-31',
	fromtime: '09:00:00',
	totime: '20:59:59',
	trunks: ['551234567'],
	record: '/play/49443304000000000000000000000000',
	recipients: 2,
	maxline: '3',
	goodtime: '4',
	tryes: '5',
	paused: '0',
	status: 'new',
	timezone: 18000,
	updatedAt: '2026-11-30T10:00:00.000Z',
	createdAt: '2026-11-30T10:00:00.000Z',
};

/** A campaign as an older or odder PBX may answer it: what normalizeCampaign keeps as it came. */
const ODD_CAMPAIGN = {
	...STORED_CAMPAIGN,
	id: 7,
	trunks: '712037006, 551234567',
	paused: 'maybe',
	timezone: 'utc +5:30',
	maxline: 'many',
	goodtime: 'n/a',
	tryes: 'n/a',
	recipients: 'unknown',
};

/** Extensions as a PHP backend may type them: every value a string, the CRM IDs filled in. */
const stringPeers = () =>
	defaultPeers().map((peer) => ({
		...Object.fromEntries(Object.entries(peer).map(([key, value]) => [key, String(value)])),
		amoid: '9001',
		bxid: '17',
		// A flag that is neither 0/1 nor true/false stays as it came.
		dnd: 'maybe',
	}));

/** Extensions with numbers as numbers, an ID that is not a number and a flag that is not 0/1. */
const oddPeers = () =>
	defaultPeers().map((peer) => ({
		...peer,
		id: `ext-${peer.id}`,
		number: Number(peer.number),
		block: 2,
	}));

const TWO_WAY = {
	resource: 'call',
	operation: 'startTwoWay',
	callFrom: '712037006',
	callFromLanguage: 'uz',
	callToType: 'phones',
	recipients: { recipient: [{ phone: '994412860', language: 'ru' }] },
	externalId: '123123',
};
const IVR = {
	resource: 'call',
	operation: 'callIvr',
	callTo: '712037006',
	ivrId: 222,
	fromLine: '712037006',
	language: 'uz',
	externalId: '123123',
};
const CLICK = {
	resource: 'call',
	operation: 'clickToCall',
	extension: '2424',
	number: '994412860',
	callId: 'e5e456se456s56w456',
	userId: '22',
};

/** The answers /requestcall and /outcall may give that a call node passes on (test/server/alovoice.ts). */
const callAnswers = ['plainTrue', 'jsonWithId', 'empty', 'ok', 'one'] as const;

const telediscountMake = (outcomeAnswer: OutcomeAnswerShape): Scenario => ({
	node: 'telediscount',
	resource: 'call',
	operation: 'make',
	title: `outcome answers ${outcomeAnswer}`,
	parameters: { resource: 'call', operation: 'make', numA: 'SIP/00000000672', numB: '74951234567' },
	setup: (pbx) => (pbx.telediscount.state.outcomeAnswer = outcomeAnswer),
});

export const SCENARIOS: Scenario[] = [
	// AloVoice → Call
	...callAnswers.map(
		(answer): Scenario => ({
			node: 'aloVoice',
			resource: 'call',
			operation: 'startTwoWay',
			title: `recipients' phones, the PBX answers ${answer}`,
			parameters: TWO_WAY,
			setup: (pbx) => (pbx.aloVoice.state.callAnswer = answer),
		}),
	),
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'startTwoWay',
		title: 'a queue instead of phones, no external ID',
		parameters: { ...TWO_WAY, callToType: 'queue', queue: '6000', externalId: '' },
	},
	...callAnswers.map(
		(answer): Scenario => ({
			node: 'aloVoice',
			resource: 'call',
			operation: 'callIvr',
			title: `the PBX answers ${answer}`,
			parameters: IVR,
			setup: (pbx) => (pbx.aloVoice.state.callAnswer = answer),
		}),
	),
	...callAnswers.map(
		(answer): Scenario => ({
			node: 'aloVoice',
			resource: 'call',
			operation: 'clickToCall',
			title: `the PBX answers ${answer}`,
			parameters: CLICK,
			setup: (pbx) => (pbx.aloVoice.state.callAnswer = answer),
		}),
	),
	{
		node: 'aloVoice',
		resource: 'call',
		operation: 'clickToCall',
		title: 'a CRM user ID that is not digits',
		parameters: { ...CLICK, userId: 'crm-user-22' },
	},

	// AloVoice → Campaign
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'create',
		title: 'recipients from input items',
		parameters: CAMPAIGN,
		input: phoneItems(['994412860', '998901234567']),
	},
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'create',
		title: 'invalid numbers skipped and reported',
		parameters: { ...CAMPAIGN, recipientOptions: { skipInvalid: true } },
		input: phoneItems(['994412860', 'not a phone']),
	},
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'create',
		title: 'what the node cannot type in the answer',
		parameters: CAMPAIGN,
		input: phoneItems(['994412860']),
		setup: (pbx) =>
			pbx.aloVoice.fail({ path: /^\/mapi\/addAutorule$/, status: 200, body: ODD_CAMPAIGN }),
	},
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'get',
		title: 'a campaign as the PBX stores it',
		parameters: { resource: 'campaign', operation: 'get', campaignId: '123' },
		setup: (pbx) => pbx.aloVoice.state.campaigns.set(123, { ...STORED_CAMPAIGN }),
	},
	{
		node: 'aloVoice',
		resource: 'campaign',
		operation: 'get',
		title: 'what the node cannot type: a named time zone, a trunk list as text, odd values',
		parameters: { resource: 'campaign', operation: 'get', campaignId: '7' },
		setup: (pbx) => pbx.aloVoice.state.campaigns.set(7, ODD_CAMPAIGN as unknown as StoredCampaign),
	},

	// AloVoice → Extension, Line
	{
		node: 'aloVoice',
		resource: 'extension',
		operation: 'getMany',
		title: 'extensions without their SIP secrets',
		parameters: { resource: 'extension', operation: 'getMany' },
	},
	{
		node: 'aloVoice',
		resource: 'extension',
		operation: 'getMany',
		title: 'with SIP secrets, every value a string as PHP may send it',
		parameters: { resource: 'extension', operation: 'getMany', options: { includeSecrets: true } },
		setup: (pbx) => (pbx.aloVoice.state.peers = stringPeers() as never),
	},
	{
		node: 'aloVoice',
		resource: 'extension',
		operation: 'getMany',
		title: 'numbers as numbers, an ID that is not a number, a flag that is not 0 or 1',
		parameters: { resource: 'extension', operation: 'getMany' },
		setup: (pbx) => (pbx.aloVoice.state.peers = oddPeers() as never),
	},
	{
		node: 'aloVoice',
		resource: 'line',
		operation: 'getMany',
		title: 'the lines',
		parameters: { resource: 'line', operation: 'getMany' },
	},

	// AloVoice → Recording
	{
		node: 'aloVoice',
		resource: 'recording',
		operation: 'download',
		title: 'from a recording URL',
		parameters: {
			resource: 'recording',
			operation: 'download',
			source: 'url',
			recordingUrl: '/records/call-1001.mp3',
		},
	},
	{
		node: 'aloVoice',
		resource: 'recording',
		operation: 'download',
		title: "a call's stereo audio",
		parameters: { resource: 'recording', operation: 'download', source: 'stereo', callId: '1001' },
	},

	// AloVoice → Speech Analysis
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'analyze',
		title: 'a recorded call sent to analysis',
		parameters: { resource: 'speechAnalytics', operation: 'analyze', callId: '1001' },
	},
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'analyze',
		title: 'an answer object without its fields',
		parameters: { resource: 'speechAnalytics', operation: 'analyze', callId: '1001' },
		setup: (pbx) =>
			pbx.aloVoice.fail({ path: /^\/callsendai\//, status: 200, body: { answer: {} } }),
	},
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'getResult',
		title: 'a ready result, waited for, with the transcript as text',
		parameters: {
			resource: 'speechAnalytics',
			operation: 'getResult',
			callId: '1001',
			options: { waitForResult: true, transcriptAsText: true },
		},
		setup: (pbx) => pbx.aloVoice.state.analyses.set('1001', { pollsLeft: 0 }),
	},
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'getResult',
		title: 'a result not ready yet, not waited for',
		parameters: {
			resource: 'speechAnalytics',
			operation: 'getResult',
			callId: '1001',
			// Version 1 reads it under Options, version 2 on the panel (where it defaults to on).
			waitForResult: false,
			options: { waitForResult: false },
		},
		setup: (pbx) => pbx.aloVoice.state.analyses.set('1001', { pollsLeft: 5 }),
	},
	{
		node: 'aloVoice',
		resource: 'speechAnalytics',
		operation: 'getResult',
		title: 'an answer object without its fields',
		parameters: {
			resource: 'speechAnalytics',
			operation: 'getResult',
			callId: '1001',
			// Not waited for: version 2 would poll an answer that never gets ready for 120 s.
			waitForResult: false,
		},
		setup: (pbx) =>
			pbx.aloVoice.fail({ path: /^\/callgetaireresult\//, status: 200, body: { answer: {} } }),
	},

	// Telediscount → Call
	{
		node: 'telediscount',
		resource: 'call',
		operation: 'getMany',
		title: 'the call history as the PBX types it (strings)',
		parameters: { resource: 'call', operation: 'getMany' },
	},
	{
		node: 'telediscount',
		resource: 'call',
		operation: 'getMany',
		title: 'numbers typed as numbers, and a record with only its ID',
		parameters: { resource: 'call', operation: 'getMany' },
		setup: (pbx) =>
			(pbx.telediscount.state.calls = [
				...defaultCalls().map((call) =>
					Object.fromEntries(
						Object.entries(call).map(([key, value]) => [
							key,
							typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) && key !== 'api_call_id'
								? Number(value)
								: value,
						]),
					),
				),
				{ api_call_id: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0' },
			]),
	},
	...(['json', 'text', 'nested', 'jsonWithoutId', 'empty'] as const).map(telediscountMake),

	// Telediscount → Recording
	{
		node: 'telediscount',
		resource: 'recording',
		operation: 'download',
		title: "a call's recording",
		parameters: {
			resource: 'recording',
			operation: 'download',
			apiCallId: 'c1f926a8f5727b77f9cbf39d8f35d061',
			binaryPropertyName: 'data',
		},
	},
];

/** `aloVoice@1/call/startTwoWay`: one schema file's key. */
export const outputKey = (node: NodeKey, version: number, resource: string, operation: string) =>
	`${node}@${version}/${resource}/${operation}`;

/** Every schema file the nodes need: each version's resource/operation pairs. */
export function expectedOutputs() {
	return (Object.keys(NODES) as NodeKey[]).flatMap((node) =>
		nodeVersions(NODES[node].type as never).flatMap(({ version, description }) =>
			operationsOf(description, version).map(({ resource, operation }) => ({
				node,
				version,
				resource,
				operation,
				key: outputKey(node, version, resource, operation),
			})),
		),
	);
}

export interface Outputs {
	/** The `json` of every item each operation output, by outputKey. */
	items: Map<string, unknown[]>;
}

/** Runs every scenario on every version it is for, against fresh stand-ins, and collects the items. */
export async function runScenarios(): Promise<Outputs> {
	const pbx: StandIns = { aloVoice: new AloVoiceServer(), telediscount: new TelediscountServer() };
	const [aloVoiceUrl, telediscountUrl] = await Promise.all([
		pbx.aloVoice.start(),
		pbx.telediscount.start(),
	]);
	const items = new Map<string, unknown[]>();
	try {
		for (const scenario of SCENARIOS) {
			const versions =
				scenario.versions ??
				nodeVersions(NODES[scenario.node].type as never).map(({ version }) => version);
			for (const version of versions) {
				Object.assign(pbx.aloVoice.state, createAloVoiceState());
				pbx.telediscount.state = defaultState();
				pbx.aloVoice.reset();
				pbx.telediscount.reset();
				scenario.setup?.(pbx);
				const aloVoice = scenario.node === 'aloVoice';
				const result = await runWorkflow(
					[
						{
							name: 'Node',
							type: `${PACKAGE}.${scenario.node}`,
							typeVersion: version,
							parameters: scenario.parameters as never,
							credentials: aloVoice
								? { aloVoiceApi: { id: '1', name: 'AloVoice account' } }
								: { telediscountApi: { id: '2', name: 'Telediscount account' } },
						},
					],
					{
						input: scenario.input,
						credentials: aloVoice
							? { aloVoiceApi: { token: ALOVOICE_TOKEN, baseUrl: aloVoiceUrl } }
							: { telediscountApi: { apiKey: TELEDISCOUNT_KEY, baseUrl: telediscountUrl } },
					},
				);
				const name = `${scenario.node} v${version} ${scenario.resource}/${scenario.operation} (${scenario.title})`;
				if (result.error) throw new Error(`${name} failed: ${result.error.message}`);
				const output = result.output('Node');
				if (output.length === 0) throw new Error(`${name} output no items`);
				const key = outputKey(scenario.node, version, scenario.resource, scenario.operation);
				// As n8n stores and serves them: JSON (an undefined field is no field).
				const json = output.map((item) => JSON.parse(JSON.stringify(item.json)) as unknown);
				items.set(key, [...(items.get(key) ?? []), ...json]);
			}
		}
	} finally {
		await Promise.all([pbx.aloVoice.stop(), pbx.telediscount.stop()]);
	}
	return { items };
}

/** Where a schema file lives in the sources (the build copies `__schema__` next to the compiled node). */
export const schemaFile = (node: NodeKey, version: number, resource: string, operation: string) =>
	`nodes/${NODES[node].folder}/__schema__/${versionFolder(version)}/${resource}/${operation}.json`;

/** Every schema file, by its path in the sources, built from the scenarios' output items. */
export function buildSchemas(outputs: Outputs): Map<string, JsonSchema> {
	const files = new Map<string, JsonSchema>();
	for (const { node, version, resource, operation, key } of expectedOutputs()) {
		const items = outputs.items.get(key);
		if (!items) continue;
		files.set(
			schemaFile(node, version, resource, operation),
			inferSchema(items, FIELD_RULES[`${node}/${resource}/${operation}`]),
		);
	}
	return files;
}
