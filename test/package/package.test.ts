// The package as n8n installs it: n8n-core's PackageDirectoryLoader (what n8n uses for a community
// package in ~/.n8n/nodes) reads package.json's "n8n" section and loads the built node and
// credential classes from dist/, with their codex and icons. Needs `npm run build` first (npm test
// does it).
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

import { headings } from '../docs/markdown';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the npm package', () => {
	it('is a community node package with n8n-workflow as its only peer dependency and no runtime dependencies', () => {
		expect(packageJson.name).toBe('n8n-nodes-alovoice');
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.dependencies).toBeUndefined();
		expect(packageJson.files).toEqual(['dist', '!dist/**/*.tsbuildinfo', 'index.js']);
		expect(packageJson.n8n.n8nNodesApiVersion).toBe(1);
	});

	it('lists in its "n8n" section exactly the nodes and credentials the sources define', () => {
		const source = (built: string) => built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect([file, existsSync(join(root, source(file)))]).toEqual([file, true]);
		}
		expect(packageJson.n8n.credentials).toEqual([
			'dist/credentials/AloVoiceApi.credentials.js',
			'dist/credentials/AloVoiceTriggerBasicAuthApi.credentials.js',
			'dist/credentials/AloVoiceTriggerHeaderAuthApi.credentials.js',
			'dist/credentials/AloVoiceTriggerQueryAuthApi.credentials.js',
			'dist/credentials/TelediscountApi.credentials.js',
		]);
		expect(packageJson.n8n.nodes).toContain('dist/nodes/AloVoice/AloVoice.node.js');
	});

	it("loads into n8n: n8n-core's package loader finds every node and credential in dist/, with codex and icons", async () => {
		if (!existsSync(join(root, 'dist/nodes/AloVoice/AloVoice.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` (npm test builds before jest)');
		}
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(loader.packageName).toBe('n8n-nodes-alovoice');
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([
			'aloVoice',
			'aloVoiceAnswer',
			'aloVoiceTrigger',
			'telediscount',
			'telediscountTrigger',
		]);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual([
			'aloVoiceApi',
			'aloVoiceTriggerBasicAuthApi',
			'aloVoiceTriggerHeaderAuthApi',
			'aloVoiceTriggerQueryAuthApi',
			'telediscountApi',
		]);

		const aloVoice = loader.types.nodes.find((node) => node.name === 'aloVoice');
		expect(aloVoice).toMatchObject({
			displayName: 'AloVoice',
			usableAsTool: true,
			codex: { categories: ['Communication'] },
		});
		// The search words of the codex reach n8n (DirectoryLoader.getCodex reads `alias`).
		expect(aloVoice?.codex?.alias).toEqual(expect.arrayContaining(['phone', 'PBX', 'campaign']));
		// n8n rewrites `file:` icons to the files it serves from the package directory.
		const icons = aloVoice?.iconUrl as { light: string; dark: string };
		expect(icons).toEqual({
			light: 'icons/n8n-nodes-alovoice/dist/nodes/AloVoice/alovoice.svg',
			dark: 'icons/n8n-nodes-alovoice/dist/nodes/AloVoice/alovoice.dark.svg',
		});
		for (const node of loader.types.nodes) {
			const urls = node.iconUrl as { light: string; dark: string };
			for (const url of [urls.light, urls.dark]) {
				const file = url.replace('icons/n8n-nodes-alovoice/', '');
				expect([node.name, file, existsSync(join(root, file))]).toEqual([node.name, file, true]);
			}
		}
		// Every documentation link of a codex or credential lands on the README or a docs/ page of
		// this repository, on a heading there when it names one (GitHub's anchors).
		const REPO = 'https://github.com/alovoice/n8n-nodes-alovoice';
		const landing = (link: string): [string, boolean] => {
			const [address, anchor] = link.split('#');
			const file =
				address === REPO
					? 'README.md'
					: address.startsWith(`${REPO}/blob/main/`)
						? address.slice(`${REPO}/blob/main/`.length)
						: null;
			if (file === null || !/^(README\.md|docs\/[a-z-]+\.md)$/.test(file)) return [link, false];
			if (!existsSync(join(root, file))) return [link, false];
			const text = readFileSync(join(root, file), 'utf8');
			return [link, anchor === undefined || headings(text).some((h) => h.slug === anchor)];
		};
		const links = [
			...loader.types.nodes.flatMap((node) =>
				Object.values((node.codex?.resources ?? {}) as Record<string, Array<{ url?: string }>>)
					.flat()
					.map((link) => link?.url),
			),
			...Object.values(loader.credentialTypes).map(({ type }) => type.documentationUrl),
		].filter((link) => link !== undefined);
		// The two versions of the AloVoice node, the AloVoice Trigger and the Telediscount node each carry their codex links.
		expect(links).toHaveLength(17);
		for (const link of links) expect(landing(String(link))).toEqual([link, true]);
		expect(landing(`${REPO}/blob/main/docs/alovoice.md#no-such-heading`)[1]).toBe(false);
		expect(landing('https://example.com/docs/alovoice.md')[1]).toBe(false);
		const credential = loader.types.credentials.find((type) => type.name === 'aloVoiceApi');
		expect(credential?.displayName).toBe('AloVoice API');
		expect(loader.nodesByCredential.aloVoiceApi).toEqual(expect.arrayContaining(['aloVoice']));
	});

	it('docs/development.md gives the two set-up commands, and CI runs the same test command', () => {
		const readme = readFileSync(join(root, 'docs/development.md'), 'utf8');
		expect(readme).toContain('```bash\nnpm install\nnpm test\n```');
		expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
	});
});
