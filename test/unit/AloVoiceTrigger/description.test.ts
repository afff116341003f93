// What the AloVoice Trigger's panel shows for each choice, as n8n's editor decides it: the
// parameters with every default filled in (NodeHelpers.getNodeParameters, returnDefaults and
// returnNoneDisplayed, as the editor and the back end build the display check), then each
// property's displayOptions (NodeHelpers.displayParameter). Each event has its own notice
// (where to paste its URL, in AloVoice's words) and no other event's; the Answer node notice
// shows only when that node is to answer; Answer Timeout only where the workflow answers.
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { AloVoiceTrigger } from '../../../nodes/AloVoiceTrigger/AloVoiceTrigger.node';
import { TelediscountTrigger } from '../../../nodes/TelediscountTrigger/TelediscountTrigger.node';

const trigger = new AloVoiceTrigger();
const VERSIONS = [1, 2] as const;
const EVENTS = ['callStarted', 'callEnded', 'callRequestResult', 'routeRequest'] as const;

const description = (version: 1 | 2) => trigger.getNodeType(version).description;

function node(version: 1 | 2, parameters: INodeParameters): INode {
	return {
		id: 'n',
		name: 'AloVoice Trigger',
		type: 'n8n-nodes-alovoice.aloVoiceTrigger',
		typeVersion: version,
		position: [0, 0],
		parameters,
	};
}

/** The properties n8n shows for these saved parameters, in the panel's order. */
function shown(version: 1 | 2, saved: INodeParameters): INodeProperties[] {
	const { properties } = description(version);
	const at = node(version, saved);
	const values = NodeHelpers.getNodeParameters(
		properties,
		saved,
		true,
		true,
		at,
		description(version),
	);
	return properties.filter((property) =>
		NodeHelpers.displayParameter(values ?? {}, property, at, description(version)),
	);
}

const notices = (version: 1 | 2, saved: INodeParameters) =>
	shown(version, saved).filter((property) => property.type === 'notice');

/** Where each event's URL goes, in the words of AloVoice's own screens (/work/shared/seeds). */
const PLACE: Record<(typeof EVENTS)[number], RegExp[]> = {
	callStarted: [/INTEGRATIONS \(ИНТЕГРАЦИИ\)/, /handler for the start of a call/],
	callEnded: [/INTEGRATIONS \(ИНТЕГРАЦИИ\)/, /handler for the end of a call/],
	callRequestResult: [/AloVoice registers this URL for you/, /AloVoice support/],
	routeRequest: [/the type "API request" \(API запрос\)/, /waits on the line/],
};

describe.each(VERSIONS)('AloVoice Trigger v%i: each event its own notice', (version) => {
	it.each(EVENTS)('%s shows exactly one notice, its own, and no other event’s', (event) => {
		const [notice, ...more] = notices(version, { event });
		expect(more).toEqual([]);
		for (const place of PLACE[event]) expect(notice.displayName).toMatch(place);
		const own = (place: RegExp) => PLACE[event].some((mine) => mine.source === place.source);
		for (const other of EVENTS.filter((name) => name !== event))
			for (const place of PLACE[other].filter((place) => !own(place)))
				expect(notice.displayName).not.toMatch(place);
		expect(notice.displayName).not.toMatch(/vPBX|callstart|callend|staff/i);
	});

	it('the notices have distinct names, each shown for one event only (displayOptions disjoint)', () => {
		const all = description(version).properties.filter((property) => property.type === 'notice');
		expect(new Set(all.map((property) => property.name)).size).toBe(all.length);
		for (const event of EVENTS)
			expect(
				all.filter((property) => property.displayOptions?.show?.event?.includes(event)).length,
			).toBeGreaterThan(0);
	});

	it('a notice stores nothing in a saved workflow', () => {
		for (const event of EVENTS) {
			const saved = NodeHelpers.getNodeParameters(
				description(version).properties,
				{ event, notice: '', noticeCallEnded: '', noticeRouteRequest: '' },
				false,
				false,
				node(version, { event }),
				description(version),
			);
			expect(Object.keys(saved ?? {}).filter((name) => name.startsWith('notice'))).toEqual([]);
		}
	});
});

const answerTimeouts = (version: 1 | 2, saved: INodeParameters) =>
	shown(version, saved).filter((property) => property.name === 'answerTimeout');
const answerNodeNotices = (version: 1 | 2, saved: INodeParameters) =>
	notices(version, saved).filter((property) =>
		/Add an AloVoice Answer node/.test(property.displayName),
	);

describe.each(VERSIONS)('AloVoice Trigger v%i: parameters shown only where they act', (version) => {
	const workflowModes = {
		callStartAnswer: version === 1 ? ['lastNode', 'responseNode'] : ['responseNode'],
		routeMode: version === 1 ? ['lastNode', 'responseNode'] : ['responseNode'],
	};

	it.each([
		{ event: 'callStarted' },
		{ event: 'callStarted', callStartAnswer: 'node' },
		{ event: 'routeRequest' },
		{ event: 'routeRequest', routeMode: 'rules' },
		{ event: 'callEnded' },
		{ event: 'callRequestResult' },
	])('no Answer Timeout where the node answers by itself: %j', (saved) => {
		expect(answerTimeouts(version, saved)).toEqual([]);
	});

	it('Answer Timeout, once, in every mode where the workflow answers', () => {
		for (const mode of workflowModes.callStartAnswer)
			expect(answerTimeouts(version, { event: 'callStarted', callStartAnswer: mode })).toHaveLength(
				1,
			);
		for (const mode of workflowModes.routeMode)
			expect(answerTimeouts(version, { event: 'routeRequest', routeMode: mode })).toHaveLength(1);
	});

	it('its two declarations are the same parameter: same name, type, default and bounds', () => {
		const both = description(version).properties.filter(
			(property) => property.name === 'answerTimeout',
		);
		expect(both).toHaveLength(2);
		const { displayOptions: _a, ...first } = both[0];
		const { displayOptions: _b, ...second } = both[1];
		expect(first).toEqual(second);
		expect(first).toMatchObject({
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0.05, maxValue: 10 },
		});
	});

	it('the Rules appear only with Decide By rules, Start an Execution too', () => {
		const names = (saved: INodeParameters) =>
			shown(version, saved).map((property) => property.name);
		expect(names({ event: 'routeRequest' })).toEqual(
			expect.arrayContaining(['rules', 'runOnRuleAnswer']),
		);
		for (const mode of workflowModes.routeMode)
			expect(names({ event: 'routeRequest', routeMode: mode })).not.toEqual(
				expect.arrayContaining(['rules']),
			);
	});
});

describe('AloVoice Trigger v2: "An AloVoice Answer Node" says which node to add, and where', () => {
	it.each([
		[
			{ event: 'callStarted', callStartAnswer: 'responseNode' },
			/Answer To: Call Started/,
			/own ID/,
		],
		[
			{ event: 'routeRequest', routeMode: 'responseNode' },
			/Answer To: Route Request/,
			/fallback action/,
		],
	])(
		'%j: the notice names the node, its place and what happens without it',
		(saved, answerTo, fallback) => {
			const [notice, ...more] = answerNodeNotices(2, saved);
			expect(more).toEqual([]);
			expect(notice.displayName).toMatch(
				/^Add an AloVoice Answer node after this trigger \(any branch\)/,
			);
			expect(notice.displayName).toMatch(answerTo);
			expect(notice.displayName).toMatch(fallback);
			expect(notice.displayName).toMatch(/Answer Timeout/);
		},
	);

	it.each([
		{ event: 'callStarted' },
		{ event: 'routeRequest' },
		{ event: 'callEnded' },
		{ event: 'callRequestResult' },
	])('not shown when the node answers by itself: %j', (saved) => {
		expect(answerNodeNotices(2, saved)).toEqual([]);
	});
});

/**
 * n8n shows a trigger's URLs in "Webhook URLs", collapsed, at the top of the panel: each notice
 * sends the user there, and names the URL to copy. AloVoice support registers the call-request
 * result URL once, so that notice names the Production URL alone.
 */
const URLS = ['Test URL', 'Production URL'] as const;
const COPIED: Record<(typeof EVENTS)[number], ReadonlyArray<(typeof URLS)[number]>> = {
	callStarted: URLS,
	callEnded: URLS,
	routeRequest: URLS,
	callRequestResult: ['Production URL'],
};

function expectPointsToWebhookUrls(text: string, copied: ReadonlyArray<string>) {
	expect(text).toMatch(/open Webhook URLs above/i);
	expect(text).not.toMatch(/URL \(above\)/);
	for (const url of URLS)
		if (copied.includes(url)) expect(text).toContain(url);
		else expect(text).not.toContain(url);
}

describe.each(VERSIONS)(
	'AloVoice Trigger v%i: each notice says where n8n shows the URL',
	(version) => {
		it.each(EVENTS)('%s: "open Webhook URLs above", and the URL to copy', (event) => {
			const [notice] = notices(version, { event });
			expectPointsToWebhookUrls(notice.displayName, COPIED[event]);
		});
	},
);

describe('Telediscount Trigger: its notice says where n8n shows the URL', () => {
	const trigger = new TelediscountTrigger();
	it.each([1, 2])(
		'version %i: "open Webhook URLs above", both URLs, and the CRM-integration page',
		(version) => {
			const shownNotices = trigger.description.properties.filter(
				(property) =>
					property.type === 'notice' &&
					NodeHelpers.displayParameter({}, property, { typeVersion: version }, trigger.description),
			);
			expect(shownNotices).toHaveLength(1);
			expectPointsToWebhookUrls(shownNotices[0].displayName, URLS);
			expect(shownNotices[0].displayName).toMatch(/CRM-integration page, under Webhooks/);
		},
	);

	it('the check refuses a notice that only says "(above)" or names one URL', () => {
		expect(() =>
			expectPointsToWebhookUrls("Paste this node's Production URL (above) into the page", URLS),
		).toThrow();
		expect(() =>
			expectPointsToWebhookUrls('Open Webhook URLs above and copy the Production URL.', URLS),
		).toThrow();
	});
});
