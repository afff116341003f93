// The "Try a trigger without a PBX" samples (docs/alovoice-trigger.md) and the "Send a sample PBX
// event" workflow (examples/00) are the sample events of test/samples/events.ts, and each one,
// sent exactly as the page's curl line sends it, is accepted by its trigger with no warning (both
// versions). The README's "First workflow in five minutes" sends one of them, the same line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { canBePublished } from '../../scripts/lib/n8n';
import { SAMPLE_EVENTS, TELEDISCOUNT_TRIGGER, runTrigger, triggerFor } from '../samples/events';

const root = join(__dirname, '..', '..');
const PAGE = 'docs/alovoice-trigger.md';
const readme = readFileSync(join(root, PAGE), 'utf8');
const frontReadme = readFileSync(join(root, 'README.md'), 'utf8');
const HEADING = '## Try a trigger without a PBX';

/** The section's text, up to the next level-2 heading. */
function section(): string {
	const start = readme.indexOf(`\n${HEADING}\n`);
	if (start < 0) throw new Error(`${PAGE} has no "${HEADING}"`);
	const end = readme.indexOf('\n## ', start + HEADING.length + 2);
	return readme.slice(start, end < 0 ? undefined : end);
}

/** Every `curl` line of the section's bash blocks, read as the request curl sends. */
function curlLines(text: string) {
	const lines = [...text.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((block) =>
		block[1].split('\n').filter((line) => line.startsWith('curl ')),
	);
	return lines.map((line) => {
		const post = /^curl --data '([^']*)' "\$TEST_URL"$/.exec(line);
		if (post) return { line, method: 'POST' as const, body: post[1], fields: JSON.parse(post[1]) };
		const get = /^curl "\$TEST_URL\?([^"]*)"$/.exec(line);
		if (get)
			return {
				line,
				method: 'GET' as const,
				query: get[1],
				fields: Object.fromEntries(new URLSearchParams(get[1])),
			};
		throw new Error(`a curl line this test cannot read: ${line}`);
	});
}

const asStrings = (fields: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, String(value)]));

const requests = curlLines(section());

/** The README's "First workflow in five minutes" (its curl line sits in an indented block). */
function firstWorkflow(): string {
	const start = frontReadme.indexOf('\n### First workflow in five minutes\n');
	if (start < 0) throw new Error('README has no "First workflow in five minutes"');
	const end = frontReadme.indexOf('\n### ', start + 10);
	return frontReadme.slice(start, end < 0 ? undefined : end).replace(/^ {3}/gm, '');
}

describe('README: First workflow in five minutes', () => {
	it("sends the Call Ended sample with the page's own curl line", () => {
		const lines = curlLines(firstWorkflow());
		const callEnded = SAMPLE_EVENTS.findIndex((sample) => /call ended/i.test(sample.label));
		expect(callEnded).toBeGreaterThanOrEqual(0);
		expect(lines.map((request) => request.line)).toEqual([requests[callEnded].line]);
	});
});

describe('docs/alovoice-trigger.md: Try a trigger without a PBX', () => {
	it('has one curl line per sample event of both triggers, in order, with the sample as its body or query', () => {
		expect(requests.map((request) => request.fields)).toEqual(
			SAMPLE_EVENTS.map((sample) =>
				sample.method === 'GET' ? asStrings(sample.fields) : sample.fields,
			),
		);
		expect(requests.map((request) => request.method)).toEqual(
			SAMPLE_EVENTS.map((sample) => sample.method),
		);
	});

	const cases = SAMPLE_EVENTS.flatMap((sample, index) =>
		[1, 2].map((version) => [sample.label, version, sample, index] as const),
	);
	it.each(cases)(
		'%s (trigger version %i): the curl line is accepted with no warning, answered as the page says',
		async (_label, version, sample, index) => {
			const request = requests[index];
			const { answer, items } = await runTrigger(triggerFor(sample, version), async (url) => {
				const started = Date.now();
				const response =
					request.method === 'POST'
						? await fetch(url, {
								method: 'POST',
								// What `curl --data` sends.
								headers: { 'content-type': 'application/x-www-form-urlencoded' },
								body: request.body,
							})
						: await fetch(`${url}?${request.query}`);
				const body = await response.text();
				return {
					status: response.status,
					contentType: response.headers.get('content-type') ?? '',
					body,
					json: undefined,
					ms: Date.now() - started,
				};
			});
			expect(answer.status).toBe(200);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ warnings: [] });
			expect(items[0]).not.toHaveProperty('invalid');
			const answers: Record<string, RegExp | string> = {
				callStarted: /^[0-9a-z]{32}$/,
				callEnded: 'true',
				callRequestResult: 'true',
				routeRequest: '{"action_type":"queue","action_data":"6000"}',
			};
			if (sample.type === TELEDISCOUNT_TRIGGER) expect(answer.body).toBe('OK');
			else expect(answer.body).toMatch(answers[sample.event]);
			expect(section()).toContain(
				sample.event === 'routeRequest'
					? answers.routeRequest
					: `**${sample.label.replace(': ', ' Trigger → ')}.**`,
			);
		},
	);

	it('names every event of examples/00 by the key its workflow takes', () => {
		for (const sample of SAMPLE_EVENTS) expect(section()).toContain(`\`${sample.key}\``);
	});
});

describe('examples/00-send-sample-event.json', () => {
	const workflow = JSON.parse(
		readFileSync(join(root, 'examples', '00-send-sample-event.json'), 'utf8'),
	) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	};
	const chooser = workflow.nodes.find((node) => node.name === 'Test URL and event')!;
	const assignments = (
		chooser.parameters.assignments as {
			assignments: Array<{ name: string; value: string; type: string }>;
		}
	).assignments;

	it('holds the sample events, each with the method its PBX uses', () => {
		const samples = JSON.parse(assignments.find((a) => a.name === 'samples')!.value);
		expect(samples).toEqual(
			Object.fromEntries(
				SAMPLE_EVENTS.map((sample) => [
					sample.key,
					{ label: sample.label, method: sample.method, fields: sample.fields },
				]),
			),
		);
	});

	it('starts by hand and has no webhook, so n8n imports it without publishing it', () => {
		expect(workflow.nodes.map((node) => node.type).sort()).toEqual([
			'n8n-nodes-base.httpRequest',
			'n8n-nodes-base.httpRequest',
			'n8n-nodes-base.if',
			'n8n-nodes-base.manualTrigger',
			'n8n-nodes-base.set',
			'n8n-nodes-base.stickyNote',
		]);
		expect(canBePublished(workflow)).toBe(false);
		for (const name of ['01-call-log.json', '03-autodial-campaign.json'])
			expect(canBePublished(JSON.parse(readFileSync(join(root, 'examples', name), 'utf8')))).toBe(
				true,
			);
	});

	it('lists the same event keys in its notes as the samples it holds', () => {
		const text = JSON.stringify(workflow.nodes);
		for (const sample of SAMPLE_EVENTS) expect(text).toContain(sample.key);
		expect(assignments.find((a) => a.name === 'event')!.value).toBe(SAMPLE_EVENTS[0].key);
	});
});
