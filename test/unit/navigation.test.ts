import assert from 'node:assert/strict';
import { isValidConnectionId } from '../../src/core/model/connectionId';
import fc from 'fast-check';
import { marked } from 'marked';
import { applyTextEdits } from '../../src/core/edits/edits';
import {
	candidateDocumentation, definitionsOf, hoverFor, jsonCompletions,
	NavigationIndex, navigationStats, outline, prepareRename, referencesOf, refusalText, renameEdits, renameOAuthAppEdits, renderHover,
	sourceCompletions, sourceSiteAt, yamlCompletionContext, yamlCompletions, yamlSiteAt,
	type ConnectionHover, type FileSpan, type OutlineNode, type Site,
} from '../../src/core/ids/navigation';
import { parseComponentYaml } from '../../src/core/platform/componentYaml';
import { parseConnectionsText } from '../../src/core/json/parse';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { escapeMarkdown } from '../../src/core/views/treeModel';
import { scanEnvReads } from '../../src/core/source/envReads';
import type { SourceLanguage } from '../../src/core/source/languages';
import { db, doc, fixture, svc } from './helpers';

const JSON_TEXT = fixture('navigation.json');

const SOURCES: Record<string, string> = {
	'services/orders/src/index.ts': [
		'const token = process.env.CHOREO_PAYMENTS_TOKENURL;',
		'const url = process.env.PAYMENTS_URL;',
		'const cache = process.env.CHOREO_CACHE_HOSTNAME;',
		'const nope = process.env.CHOREO_PAYMNTS_SERVICEURL;',
		'const pg = process.env.CHOREO_SHARED_POSTGRES_PORT;',
		'',
	].join('\n'),
	'services/inventory/app.py': 'import os\nCACHE = os.environ["CHOREO_CACHE_SERVICEURL"]\nCATALOG = os.getenv("CHOREO_CATALOG_SERVICEURL")\n',
	'services/billing/main.go': 'package main\n\nimport "os"\n\nvar url = os.Getenv("CHOREO_STRIPE_SERVICEURL")\n',
};

const YAML_FILE = 'services/orders/.choreo/component.yaml';
const YAML = [
	'schemaVersion: "1.2"',
	'dependencies:',
	'  connectionReferences:',
	'    - name: payments',
	'      resourceRef: service:/shop/payments/v1/api/ORGANIZATION',
	'    - name: "cache"',
	'      resourceRef: database:cache/orders',
	'configurations:',
	'  env:',
	'    - name: PAYMENTS_URL',
	'      valueFrom:',
	'        connectionRef:',
	'          name: payments',
	'          key: ServiceURL',
	'',
].join('\n');

function project(text = JSON_TEXT, sources = SOURCES, yaml: Record<string, string> = { [YAML_FILE]: YAML }): ConnectionsProject {
	const p = new ConnectionsProject(text);
	for (const [file, src] of Object.entries(sources)) {
		p.updateSource(file, src);
	}
	for (const [file, src] of Object.entries(yaml)) {
		p.updateComponentYaml(file, src);
	}
	p.sourcesComplete = true;
	return p;
}

/** Offset of the n-th occurrence of `needle` in `text`, plus `delta`. */
function at(text: string, needle: string, delta = 1, nth = 0): number {
	let i = -1;
	for (let k = 0; k <= nth; k++) {
		i = text.indexOf(needle, i + 1);
		assert.ok(i >= 0, `"${needle}" #${nth} not in text`);
	}
	return i + delta;
}

/** The site at `needle` + `delta` (the n-th occurrence) in connections.json. */
function jsonSite(p: ConnectionsProject, needle: string, delta = 2, nth = 0): Site {
	const site = NavigationIndex.of(p).siteAt(at(p.parsed.text, needle, delta, nth));
	assert.ok(site, `no site at ${needle}`);
	return site;
}

function sourceSite(p: ConnectionsProject, file: string, needle: string, language: SourceLanguage): Site | undefined {
	const text = SOURCES[file];
	return sourceSiteAt(p, file, scanEnvReads(text, language), at(text, needle, 3));
}

function textOf(file: string, p: ConnectionsProject): string {
	return file === 'connections.json' ? p.parsed.text : file === YAML_FILE ? YAML : SOURCES[file];
}

function spans(p: ConnectionsProject, list: readonly FileSpan[]): string[] {
	return list.map((s) => `${s.file}:${textOf(s.file, p).slice(s.offset, s.offset + s.length)}`).sort();
}

function hoverText(p: ConnectionsProject, site: Site): string {
	const h = hoverFor(p, site);
	assert.ok(h);
	return renderHover(h);
}

/** Text content of Markdown as VS Code's renderer (marked) makes it, and the HTML itself. */
function rendered(md: string): { html: string; text: string } {
	const html = marked.parse(md, { async: false });
	const text = html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
	return { html, text };
}

/** Asserts rendered HTML holds only the tags a hover uses: no links, images or raw HTML from the workspace. */
function assertInert(md: string): void {
	const { html } = rendered(md);
	const tags = new Set([...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1].toLowerCase()));
	for (const tag of tags) {
		assert.ok(['p', 'strong', 'em', 'code', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's'].includes(tag), `unexpected <${tag}> in ${html}`);
	}
	assert.doesNotMatch(html, /<[^>]*\b(?:href|src|on\w+)=/i);
}

describe('navigation: sites', () => {
	const p = project();

	it('finds every kind of site in connections.json, resolved from the right component', () => {
		const def = jsonSite(p, '"id": "payments"', 7);
		assert.equal(def.kind, 'definition');
		assert.equal(def.connection?.id, 'payments');
		assert.equal(def.connection?.scope, 'project');

		const use = NavigationIndex.of(p).siteAt(at(JSON_TEXT, '"shared-postgres", "payments"', 22));
		assert.equal(use?.kind, 'use');
		assert.equal(use?.component?.id, 'orders-api');
		assert.equal(use?.connection?.scope, 'project');

		const envConn = jsonSite(p, '"connection": "payments"', 16);
		assert.equal(envConn.kind, 'env-connection');
		assert.equal(envConn.variable, 'PAYMENTS_URL');

		const envKey = jsonSite(p, '"key": "ServiceURL"', 9);
		assert.equal(envKey.kind, 'env-key');
		assert.equal(envKey.key, 'ServiceURL');

		const app = jsonSite(p, '"oauthApp": "shop-app"', 13);
		assert.equal(app.kind, 'oauth-app');
		assert.equal(app.app, 'shop-app');

		const unresolved = jsonSite(p, '"paymnts"', 0);
		assert.equal(unresolved.kind, 'use');
		assert.equal(unresolved.connection, undefined);

		assert.equal(NavigationIndex.of(p).siteAt(at(JSON_TEXT, '"kind"', 2)), undefined);
	});

	it('tells apart the component connections of two components that share an ID', () => {
		const ordersCache = jsonSite(p, '"id": "cache"', 7, 0);
		const inventoryCache = jsonSite(p, '"id": "cache"', 7, 1);
		assert.equal(ordersCache.connection?.componentId, 'orders-api');
		assert.equal(inventoryCache.connection?.componentId, 'inventory');
		const ordersRead = sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_CACHE_HOSTNAME', 'typescript');
		const inventoryRead = sourceSite(p, 'services/inventory/app.py', 'CHOREO_CACHE_SERVICEURL', 'python');
		assert.equal(ordersRead?.connection, ordersCache.connection);
		assert.equal(inventoryRead?.connection, inventoryCache.connection);
	});

	it('resolves source reads, renamed variables and unknown CHOREO_ variables', () => {
		const file = 'services/orders/src/index.ts';
		const token = sourceSite(p, file, 'CHOREO_PAYMENTS_TOKENURL', 'typescript');
		assert.equal(token?.connection?.id, 'payments');
		assert.equal(token?.key, 'TokenURL');
		const renamed = sourceSite(p, file, 'PAYMENTS_URL;', 'typescript');
		assert.equal(renamed?.connection?.id, 'payments');
		assert.equal(renamed?.renamed, true);
		const nope = sourceSite(p, file, 'CHOREO_PAYMNTS', 'typescript');
		assert.equal(nope?.connection, undefined);
		assert.equal(nope?.variable, 'CHOREO_PAYMNTS_SERVICEURL');
		assert.equal(sourceSite(p, 'services/billing/main.go', 'CHOREO_STRIPE', 'go')?.connection?.id, 'stripe');
		// Outside any read: nothing.
		assert.equal(sourceSiteAt(p, file, scanEnvReads(SOURCES[file], 'typescript'), 2), undefined);
	});

	it('finds names and keys in component.yaml', () => {
		const yaml = parseComponentYaml(YAML);
		const ref = yamlSiteAt(p, YAML_FILE, yaml, at(YAML, 'name: payments', 7));
		assert.equal(ref?.kind, 'yaml-reference');
		assert.equal(ref?.connection?.id, 'payments');
		const cache = yamlSiteAt(p, YAML_FILE, yaml, at(YAML, '"cache"', 2));
		assert.equal(cache?.connection?.componentId, 'orders-api');
		const conn = yamlSiteAt(p, YAML_FILE, yaml, at(YAML, 'name: payments', 7, 1));
		assert.equal(conn?.kind, 'yaml-connection');
		const key = yamlSiteAt(p, YAML_FILE, yaml, at(YAML, 'key: ServiceURL', 6));
		assert.equal(key?.kind, 'yaml-key');
		assert.equal(key?.key, 'ServiceURL');
	});
});

describe('navigation: hover', () => {
	const p = project();

	it('shows what a user needs about a connection, with the implied OAuth application', () => {
		const text = hoverText(p, jsonSite(p, '"id": "payments"', 7));
		for (const part of ['**payments**', '**Scope:** project', '**Kind:** service', 'service\\:\\/shop\\/payments', '**Access mode:** organization',
			'oauth2 · OAuth application: shop\\-app', '`CHOREO_PAYMENTS_SERVICEURL` (injected as `PAYMENTS_URL` in **orders\\-api**)', '`CHOREO_PAYMENTS_CONSUMERSECRET`', '**Used by:** orders\\-api',
			`Defined in connections.json, line ${JSON_TEXT.slice(0, at(JSON_TEXT, '"id": "payments"')).split('\n').length}`, '| Parameter | development | production |']) {
			assert.ok(text.includes(part), `missing ${part} in\n${text}`);
		}
		const loyalty = hoverText(p, jsonSite(p, '"id": "loyalty"', 7));
		assert.ok(rendered(loyalty).text.includes("oauth2 · OAuth application: the project's application (implied)"), loyalty);
		assert.match(loyalty, /\*\*Used by:\*\* no component/);
	});

	it('shows parameters per environment, and "secret" for every secret, never its value', () => {
		const site = jsonSite(p, '"id": "shared-postgres"', 7);
		const h = hoverFor(p, site) as ConnectionHover;
		assert.deepEqual(h.parameters.find((r) => r.key === 'HostName')?.values, ['db.dev.example', 'db.example']);
		assert.deepEqual(h.parameters.find((r) => r.key === 'Port')?.values, ['5432', '5432']);
		assert.equal(h.parameters.find((r) => r.key === 'Password')?.secret, true);
		const text = renderHover(h);
		assert.match(text, /\| Password \| \*secret\* \| \*secret\* \|/);
		assert.ok(text.includes('Shared Postgres') && text.includes('Main cluster'));
		// Plain values under secret keys, secret-looking names and credential-looking values are all hidden.
		for (const needle of ['"id": "payments"', '"id": "stripe"']) {
			const all = hoverText(p, jsonSite(p, needle, 7));
			assert.doesNotMatch(all.replace(/\\/g, ''), /CANARY|7f3a|f3a/, all);
		}
	});

	it('explains a source read, a rename and a component.yaml key', () => {
		const token = hoverText(p, sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_PAYMENTS_TOKENURL', 'typescript')!);
		assert.ok(token.startsWith('**payments**'));
		assert.ok(token.includes('Reads **TokenURL** of **payments** through `CHOREO_PAYMENTS_TOKENURL`'), token);
		const renamed = hoverText(p, sourceSite(p, 'services/orders/src/index.ts', 'PAYMENTS_URL;', 'typescript')!);
		assert.ok(renamed.includes('through `PAYMENTS_URL`, renamed from `CHOREO_PAYMENTS_SERVICEURL` in "env"'), renamed);
		assert.ok(renamed.includes('~~`CHOREO_PAYMENTS_SERVICEURL`~~ injected as `PAYMENTS_URL`'), renamed);
		const py = hoverText(p, sourceSite(p, 'services/inventory/app.py', 'CHOREO_CACHE_SERVICEURL', 'python')!);
		assert.ok(py.includes('**Scope:** component (inventory)'), py);
		const yaml = parseComponentYaml(YAML);
		const key = hoverText(p, yamlSiteAt(p, YAML_FILE, yaml, at(YAML, 'key: ServiceURL', 6))!);
		assert.ok(key.includes('Reads **ServiceURL** of **payments**'), key);
	});

	it('says when a reference is unresolved, with did-you-mean', () => {
		const use = hoverText(p, jsonSite(p, '"paymnts"', 0));
		assert.ok(use.includes('Unresolved connection reference'));
		assert.ok(use.includes('No connection **paymnts** is visible to component **billing**'), use);
		assert.ok(use.includes('Did you mean **payments**?'), use);
		const read = hoverText(p, sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_PAYMNTS', 'typescript')!);
		assert.ok(read.includes('`CHOREO_PAYMNTS_SERVICEURL` matches no connection visible to component **orders\\-api**'), read);
		assert.ok(read.includes('Did you mean `CHOREO_PAYMENTS_SERVICEURL`?'), read);
		// Another component's connection: not visible, and the hover says whose it is.
		const other = project(doc({ components: [{ id: 'a', path: 'a', uses: ['own-db'] }, { id: 'b', path: 'b', connections: [db('own-db')] }] }), {}, {});
		const t = hoverText(other, jsonSite(other, '"own-db"', 0));
		assert.ok(t.includes('It is a component connection of **b**'), t);
	});

	it('describes an OAuth application by its sharing group', () => {
		const text = hoverText(p, jsonSite(p, '"oauthApp": "shop-app"', 13));
		assert.equal(text, 'OAuth application **shop\\-app**\n\nSet on the project connections **payments**, **catalog**.');
	});

	it('renders hostile names and descriptions as inert text (no live link, no HTML)', () => {
		const hostile = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>';
		const text = doc({
			project: [svc('payments', { name: hostile, description: `${hostile} \`code\` **bold** <script>alert(1)</script>\n# heading`, parameters: { ServiceURL: hostile } })],
			components: [{ id: 'c', path: 'c', uses: ['payments', hostile] }],
			extra: { environments: ['development', 'prod|x'] },
		});
		const hp = project(text, {}, {});
		for (const site of [jsonSite(hp, '"id": "payments"', 7), NavigationIndex.of(hp).siteAt(at(text, JSON.stringify(hostile).slice(0, 10), 2, 3))!]) {
			const md = hoverText(hp, site);
			assertInert(md);
			const { text: shown } = rendered(md);
			assert.ok(shown.includes('[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>'), `the name is shown as text: ${shown}`);
		}
	});

	it('escaped workspace text: whatever it is, Markdown shows exactly it, with no markup', () => {
		fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'ab [](){}<>!*_`#|\\&;:/.-+~="\'\n\t 1'.split('')), maxLength: 60 }), (s) => {
			const md = escapeMarkdown(s);
			const html = marked.parseInline(md, { async: false });
			assert.doesNotMatch(html, /<(?!br)[a-z]/i);
			const shown = html.replace(/<br>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
			assert.equal(shown, s.replace(/[\r\n\t]+/g, ' '));
		}), { numRuns: 300 });
		const longName = project(doc({ project: [svc('payments', { name: 'n'.repeat(1000) })] }), {}, {});
		const long = hoverText(longName, jsonSite(longName, '"id": "payments"', 7));
		assert.ok(long.includes('n'.repeat(199) + '…') && !long.includes('n'.repeat(200)), 'a long name is cut');
	});

	it('completion documentation is the hover, without secret values', () => {
		const list = sourceCompletions(p, 'services/orders/src/index.ts', 'process.env.CHOREO_', 19, 'typescript')!;
		const secret = list.items.find((i) => i.label === 'CHOREO_PAYMENTS_CONSUMERSECRET')!;
		const md = candidateDocumentation(NavigationIndex.of(p), secret)!;
		assert.ok(md.includes('Reads **ConsumerSecret** of **payments**'));
		assert.doesNotMatch(md, /CANARY/);
		assertInert(md);
	});
});

describe('navigation: completion', () => {
	const p = project();

	it('offers the variables a component can read inside an env read, declared connections first', () => {
		const text = 'const x = process.env.CHOREO_PA';
		const list = sourceCompletions(p, 'services/orders/src/index.ts', text, text.length, 'typescript');
		assert.ok(list);
		assert.deepEqual(list.span, { offset: text.indexOf('CHOREO_PA'), length: 'CHOREO_PA'.length });
		const labels = list.items.map((i) => i.label);
		assert.ok(labels.includes('CHOREO_PAYMENTS_TOKENURL'));
		assert.ok(labels.includes('PAYMENTS_URL'), 'the env rename is offered');
		assert.ok(!labels.includes('CHOREO_PAYMENTS_SERVICEURL'), 'the renamed default is not injected, so not offered');
		assert.ok(labels.includes('CHOREO_CACHE_HOSTNAME'), 'own connection');
		assert.ok(!labels.includes('CHOREO_CACHE_SERVICEURL'), "inventory's cache is not visible");
		assert.ok(labels.includes('CHOREO_STRIPE_APIKEY'), 'visible but not declared');
		const byLabel = new Map(list.items.map((i) => [i.label, i]));
		assert.equal(byLabel.get('CHOREO_PAYMENTS_TOKENURL')!.detail, 'payments · TokenURL · project');
		assert.equal(byLabel.get('PAYMENTS_URL')!.kind, 'renamed-variable');
		assert.ok(byLabel.get('CHOREO_PAYMENTS_TOKENURL')!.sortText < byLabel.get('CHOREO_STRIPE_APIKEY')!.sortText, 'uses first');
		assert.ok(byLabel.get('CHOREO_CACHE_HOSTNAME')!.sortText < byLabel.get('CHOREO_STRIPE_APIKEY')!.sortText, 'own connections count as declared');
	});

	it('works in Python, Go and on an empty name; not outside env reads', () => {
		const py = 'import os\nos.environ["CHOREO_"]';
		assert.ok(sourceCompletions(p, 'services/inventory/app.py', py, py.length - 2, 'python')?.items.some((i) => i.label === 'CHOREO_CACHE_SERVICEURL'));
		const go = 'os.Getenv("")';
		assert.ok(sourceCompletions(p, 'services/billing/main.go', go, go.length - 2, 'go')?.items.some((i) => i.label === 'CHOREO_STRIPE_SERVICEURL'));
		const ts = 'process.env.';
		assert.ok(sourceCompletions(p, 'services/orders/src/index.ts', ts, ts.length, 'typescript')?.items.length);
		const outside = 'const CHOREO_ = 1';
		assert.equal(sourceCompletions(p, 'services/orders/src/index.ts', outside, outside.length - 4, 'typescript'), undefined);
		assert.equal(sourceCompletions(p, 'elsewhere/x.ts', ts, ts.length, 'typescript'), undefined, 'not in a component');
	});

	it('offers IDs in a uses array: visible organization/project connections not yet listed', () => {
		const text = JSON_TEXT.replace('"uses": ["catalog"]', '"uses": ["catalog", ""]');
		const q = project(text);
		const offset = at(text, '"catalog", ""', 12);
		const list = jsonCompletions(q, text, offset)!;
		assert.deepEqual(list.span, { offset: offset - 1, length: 2 });
		assert.deepEqual(list.items.map((i) => i.label).sort(), ['loyalty', 'payments', 'shared-postgres', 'stripe']);
		assert.equal(list.items[0].insertText, JSON.stringify(list.items[0].label));
		assert.equal(list.items.find((i) => i.label === 'payments')!.filterText, '"payments"');
		// Between items, outside any string: the same list, inserted at the cursor.
		const bare = JSON_TEXT.replace('"uses": ["catalog"]', '"uses": ["catalog", ]');
		const list2 = jsonCompletions(project(bare), bare, at(bare, '"catalog", ]', 11))!;
		assert.equal(list2.span.length, 0);
		assert.ok(list2.items.some((i) => i.label === 'payments'));
		// An empty list, and a quote just typed (the editor closed it).
		for (const [uses, delta] of [['[]', 1], ['[""]', 2]] as const) {
			const t = JSON_TEXT.replace('"uses": ["catalog"]', `"uses": ${uses}`);
			const l = jsonCompletions(project(t), t, at(t, `"uses": ${uses}`, 8 + delta));
			assert.ok(l?.items.some((i) => i.label === 'catalog'), uses);
		}
		// Right after a complete entry: nothing to complete there.
		assert.equal(jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"uses": ["catalog"]', 18)), undefined);
	});

	it('offers IDs and keys in env, and OAuth applications of the same scope', () => {
		const conn = jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"connection": "payments"', 16))!;
		assert.ok(conn.items.some((i) => i.label === 'cache'));
		assert.ok(conn.items.some((i) => i.label === 'stripe'));
		const key = jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"key": "ServiceURL"', 9))!;
		assert.deepEqual(key.items.map((i) => i.label), ['ServiceURL', 'ConsumerKey', 'ConsumerSecret', 'TokenURL', 'ChoreoAPIKey']);
		const text = JSON_TEXT.replace('"security": { "scheme": "oauth2" }', '"security": { "scheme": "oauth2", "oauthApp": "" }');
		const app = jsonCompletions(project(text), text, at(text, '"oauthApp": ""', 13))!;
		assert.deepEqual(app.items.map((i) => i.label), ['shop-app']);
		assert.equal(jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"kind": "service"', 10)), undefined);
		assert.equal(jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"uses"', 2)), undefined, 'property keys are not IDs');
	});

	it('offers names and keys in component.yaml', () => {
		const edited = YAML.replace('    - name: "cache"', '    - name: ');
		assert.deepEqual(yamlCompletionContext(edited, at(edited, '- name: \n', 8)), { what: 'reference-name', span: { offset: at(edited, '- name: \n', 8), length: 0 }, needsSpace: false });
		const names = yamlCompletions(p, YAML_FILE, edited, at(edited, '- name: \n', 8))!;
		assert.ok(names.items.some((i) => i.label === 'cache'));
		assert.ok(!names.items.some((i) => i.label === 'stripe' && i.sortText.startsWith('0')));
		const keys = yamlCompletions(p, YAML_FILE, YAML, at(YAML, 'key: ServiceURL', 8))!;
		assert.ok(keys.items.some((i) => i.label === 'TokenURL'));
		assert.deepEqual(keys.span, { offset: at(YAML, 'ServiceURL', 0), length: 'ServiceURL'.length });
		const refName = yamlCompletionContext(YAML, at(YAML, 'name: payments', 8, 1));
		assert.equal(refName?.what, 'connection-ref-name');
		assert.equal(yamlCompletionContext(YAML, at(YAML, 'name: PAYMENTS_URL', 8)), undefined, 'an env name is not a connection');
		const tight = 'dependencies:\n  connectionReferences:\n    - name:';
		const ctx = yamlCompletionContext(tight, tight.length)!;
		assert.equal(ctx.needsSpace, true);
		assert.ok(yamlCompletions(p, YAML_FILE, tight, tight.length)!.items.every((i) => i.insertText.startsWith(' ')));
	});
});

describe('navigation: definition and references', () => {
	const p = project();

	it('goes from any reference to the definition', () => {
		const def = jsonSite(p, '"id": "payments"', 7);
		const defSpan = spans(p, definitionsOf(p, def));
		assert.deepEqual(defSpan, ['connections.json:"payments"']);
		for (const site of [
			NavigationIndex.of(p).siteAt(at(JSON_TEXT, '"shared-postgres", "payments"', 22))!,
			jsonSite(p, '"connection": "payments"', 16),
			sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_PAYMENTS_TOKENURL', 'typescript')!,
			yamlSiteAt(p, YAML_FILE, parseComponentYaml(YAML), at(YAML, 'name: payments', 7))!,
		]) {
			assert.deepEqual(definitionsOf(p, site).map((d) => d.offset), [def.connection!.idSpan.offset], site.kind);
		}
		const inventoryRead = sourceSite(p, 'services/inventory/app.py', 'CHOREO_CACHE_SERVICEURL', 'python')!;
		assert.equal(definitionsOf(p, inventoryRead)[0].offset, at(JSON_TEXT, '"id": "cache"', 6, 1));
	});

	it('finds references across connections.json, source and component.yaml', () => {
		const def = jsonSite(p, '"id": "payments"', 7);
		assert.deepEqual(spans(p, referencesOf(p, def, true)), [
			'connections.json:"payments"', 'connections.json:"payments"', 'connections.json:"payments"',
			'services/orders/.choreo/component.yaml:payments', 'services/orders/.choreo/component.yaml:payments',
			'services/orders/src/index.ts:CHOREO_PAYMENTS_TOKENURL', 'services/orders/src/index.ts:PAYMENTS_URL',
		]);
		assert.equal(referencesOf(p, def, false).length, 6, 'without the declaration');
	});

	it('keeps the same component connection ID of two components apart', () => {
		const orders = spans(p, referencesOf(p, jsonSite(p, '"id": "cache"', 7, 0), true));
		const inventory = spans(p, referencesOf(p, jsonSite(p, '"id": "cache"', 7, 1), true));
		assert.deepEqual(orders, ['connections.json:"cache"', 'services/orders/.choreo/component.yaml:"cache"', 'services/orders/src/index.ts:CHOREO_CACHE_HOSTNAME']);
		assert.deepEqual(inventory, ['connections.json:"cache"', 'services/inventory/app.py:CHOREO_CACHE_SERVICEURL']);
	});

	it('OAuth application: definition is its first literal, references its sharing group', () => {
		const second = jsonSite(p, '"oauthApp": "shop-app"', 13, 1);
		assert.equal(definitionsOf(p, second)[0].offset, at(JSON_TEXT, '"shop-app"', 0));
		assert.equal(referencesOf(p, second, true).length, 2);
	});
});

describe('navigation: rename', () => {
	const p = project();
	const yamlText = (file: string) => (file === YAML_FILE ? YAML : undefined);

	function applyPlan(q: ConnectionsProject, plan: ReturnType<typeof renameEdits>): Map<string, string> {
		assert.ok(plan.ok, plan.ok ? '' : refusalText(plan));
		const out = new Map<string, string>();
		for (const [file, edits] of plan.files) {
			const text = textOf(file, q);
			for (const e of edits) {
				assert.equal(text.slice(e.offset, e.offset + e.length), e.expected);
			}
			out.set(file, applyTextEdits(text, edits));
		}
		return out;
	}

	it('prepares the ID without quotes, or the NAME part of a source variable', () => {
		const check = (site: Site, expected: string, yaml?: string) => {
			const r = prepareRename(p, site, yaml);
			assert.ok(r.ok, r.ok ? '' : refusalText(r));
			const text = site.file === 'connections.json' ? JSON_TEXT : yaml ?? SOURCES[site.file];
			assert.equal(text.slice(r.span.offset, r.span.offset + r.span.length), expected);
			assert.equal(r.placeholder, site.kind === 'oauth-app' ? 'shop-app' : site.connection!.id);
		};
		check(jsonSite(p, '"id": "payments"', 7), 'payments');
		check(jsonSite(p, '"connection": "payments"', 16), 'payments');
		check(sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_PAYMENTS_TOKENURL', 'typescript')!, 'PAYMENTS');
		check(sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_SHARED_POSTGRES_PORT', 'typescript')!, 'SHARED_POSTGRES');
		check(yamlSiteAt(p, YAML_FILE, parseComponentYaml(YAML), at(YAML, '"cache"', 2))!, 'cache', YAML);
		check(jsonSite(p, '"oauthApp": "shop-app"', 13), 'shop-app');
	});

	it('refuses with a clear message: unresolved, renamed variable, syntax errors', () => {
		const codes = (site: Site, q = p) => {
			const r = prepareRename(q, site);
			return r.ok ? 'ok' : r.code;
		};
		assert.equal(codes(jsonSite(p, '"paymnts"', 0)), 'unresolved');
		assert.equal(codes(sourceSite(p, 'services/orders/src/index.ts', 'CHOREO_PAYMNTS', 'typescript')!), 'unresolved-variable');
		assert.equal(codes(sourceSite(p, 'services/orders/src/index.ts', 'PAYMENTS_URL;', 'typescript')!), 'renamed-variable');
		assert.match(refusalText(prepareRename(p, jsonSite(p, '"paymnts"', 0)) as never), /"paymnts" is not a connection visible here/);
		const broken = project(JSON_TEXT);
		const site = jsonSite(broken, '"id": "payments"', 7);
		broken.updateConnections(JSON_TEXT.replace('"version": 1,', '"version": 1,,'));
		assert.equal(codes(site, broken), 'syntax-errors');
		const plan = renameEdits(broken, site.connection!, 'pay', yamlText);
		assert.ok(!plan.ok && plan.code === 'syntax-errors');
	});

	it('validates the new ID: the name rule, uniqueness, variable collisions', () => {
		const c = jsonSite(p, '"id": "payments"', 7).connection!;
		const code = (id: string) => {
			const r = renameEdits(p, c, id, yamlText);
			return r.ok ? 'ok' : r.code;
		};
		assert.equal(code('ab'), 'invalid-id');
		assert.equal(code('-pay'), 'invalid-id');
		assert.equal(code('pay--x'), 'invalid-id');
		assert.equal(code('x'.repeat(51)), 'invalid-id');
		assert.equal(code('catalog'), 'duplicate-id');
		assert.equal(code('cache'), 'duplicate-id', "orders-api's own cache would be shadowed");
		assert.equal(code('Shared.Postgres'), 'variable-collision');
		assert.equal(code('payments-v2'), 'ok');
		assert.equal(code('Payments'), 'ok', 'a case-only change keeps the prefix');
		// A component connection only competes with what its own component sees.
		const ordersCache = jsonSite(p, '"id": "cache"', 7, 0).connection!;
		assert.ok(renameEdits(p, ordersCache, 'redis', yamlText).ok);
		assert.ok(!renameEdits(p, ordersCache, 'payments', yamlText).ok);
	});

	it('renames every literal, source variable prefix and component.yaml name, and nothing else', () => {
		const c = jsonSite(p, '"id": "payments"', 7).connection!;
		const files = applyPlan(p, renameEdits(p, c, 'payments-v2', yamlText));
		assert.deepEqual([...files.keys()].sort(), ['connections.json', 'services/orders/.choreo/component.yaml', 'services/orders/src/index.ts']);
		const json = files.get('connections.json')!;
		assert.equal(parseConnectionsText(json).hasSyntaxErrors, false);
		assert.equal((json.match(/"payments-v2"/g) ?? []).length, 3);
		assert.equal((json.match(/"payments"/g) ?? []).length, 0);
		assert.ok(json.includes('"paymnts"'), 'an unresolved reference is left alone');
		const src = files.get('services/orders/src/index.ts')!;
		assert.ok(src.includes('process.env.CHOREO_PAYMENTS_V2_TOKENURL'));
		assert.ok(src.includes('process.env.PAYMENTS_URL'), 'a renamed variable keeps its name');
		assert.ok(src.includes('CHOREO_PAYMNTS_SERVICEURL'));
		assert.equal(files.get(YAML_FILE)!, YAML.replace(/name: payments/g, 'name: payments-v2'));
		// The renamed project resolves everything as before.
		const q = project(json, { ...SOURCES, 'services/orders/src/index.ts': src }, { [YAML_FILE]: files.get(YAML_FILE)! });
		const codes = (x: ConnectionsProject) => x.analyze().get(YAML_FILE)!.map((f) => `${f.code} ${f.args.id}`);
		assert.deepEqual(codes(q), codes(p), 'component.yaml agrees with connections.json as before');
		assert.equal(q.referencesTo('payments-v2').length, 7);
	});

	it('renames only the chosen component connection when two share the ID', () => {
		const inv = jsonSite(p, '"id": "cache"', 7, 1).connection!;
		const files = applyPlan(p, renameEdits(p, inv, 'redis', yamlText));
		assert.deepEqual([...files.keys()].sort(), ['connections.json', 'services/inventory/app.py']);
		assert.ok(files.get('services/inventory/app.py')!.includes('CHOREO_REDIS_SERVICEURL'));
		assert.equal((files.get('connections.json')!.match(/"cache"/g) ?? []).length, 1);
	});

	it('renames an OAuth application in its sharing group only', () => {
		const site = jsonSite(p, '"oauthApp": "shop-app"', 13);
		const plan = renameOAuthAppEdits(p, site, 'shop-client');
		const json = applyPlan(p, plan).get('connections.json')!;
		assert.equal((json.match(/"shop-client"/g) ?? []).length, 2);
		assert.ok(!renameOAuthAppEdits(p, site, 'x').ok);
	});

	it('property: bytes outside the edits stay identical and the result parses with 0 errors', function () {
		this.timeout(30000);
		const ids = ['payments', 'catalog', 'shared-postgres', 'stripe', 'loyalty'];
		fc.assert(fc.property(fc.constantFrom(...ids), fc.stringMatching(/^[a-z][a-z0-9]{1,8}(?:[-._ ][a-z0-9]{1,6}){0,2}$/), fc.constantFrom('', '  // note\n', '/* c */'), (id, newId, comment) => {
			const text = JSON_TEXT.replace(`"id": "${id}",`, `"id": "${id}",${comment}`);
			const q = project(text);
			const c = q.parsed.model.allConnections.find((x) => x.id === id)!;
			const plan = renameEdits(q, c, newId, yamlText);
			if (!plan.ok) {
				assert.ok(['duplicate-id', 'variable-collision'].includes(plan.code) || (plan.code === 'invalid-id' && !isValidConnectionId(newId)), plan.code);
				return;
			}
			const edits = plan.files.get('connections.json') ?? [];
			const out = applyTextEdits(text, edits);
			assert.equal(parseConnectionsText(out).hasSyntaxErrors, false);
			// Unchanged outside the edits: walk both texts edit by edit.
			let delta = 0;
			let last = 0;
			for (const e of edits) {
				assert.equal(out.slice(last + delta, e.offset + delta), text.slice(last, e.offset));
				assert.equal(e.newText, JSON.stringify(newId));
				delta += e.newText.length - e.length;
				last = e.offset + e.length;
			}
			assert.equal(out.slice(last + delta), text.slice(last));
			const renamed = parseConnectionsText(out).model.allConnections.filter((x) => x.id === newId);
			assert.equal(renamed.length, 1);
		}), { numRuns: 100 });
	});
});

describe('navigation: outline', () => {
	it('gives Organization → connections, Project → connections and components → theirs', () => {
		const p = project();
		const tree = outline(p.parsed.model);
		const show = (n: OutlineNode): unknown => (n.children.length ? { [`${n.kind} ${n.name}`]: n.children.map(show) } : `${n.kind} ${n.name}`);
		assert.deepEqual(tree.map(show), [
			{ 'organization acme': ['database shared-postgres', 'third-party stripe'] },
			{ 'project shop': ['service payments', 'service catalog', 'service loyalty',
				{ 'component orders-api': ['database cache'] }, { 'component inventory': ['third-party cache'] }, 'component billing'] },
		]);
		const walk = (n: OutlineNode): void => {
			assert.ok(n.selectionSpan.offset >= n.span.offset && n.selectionSpan.offset + n.selectionSpan.length <= n.span.offset + n.span.length, n.name);
			n.children.forEach(walk);
		};
		tree.forEach(walk);
		const payments = (tree[1].children[0]);
		assert.equal(JSON_TEXT.slice(payments.selectionSpan.offset, payments.selectionSpan.offset + payments.selectionSpan.length), '"payments"');
		assert.equal(JSON_TEXT.charAt(payments.span.offset), '{');
	});

	it('never throws on broken or hostile input', function () {
		this.timeout(30000);
		fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.nat(220), (junk, pos) => {
			const text = JSON_TEXT.slice(0, 300) + junk;
			const q = project(text, {}, {});
			outline(q.parsed.model);
			const site = NavigationIndex.of(q).siteAt(Math.min(pos, text.length));
			if (site) {
				hoverFor(q, site);
				prepareRename(q, site);
			}
			jsonCompletions(q, text, Math.min(pos, text.length));
			yamlCompletionContext(junk, Math.min(pos, junk.length));
		}), { numRuns: 200 });
	});
});

describe('navigation: lookups do not scale with the number of connections', () => {
	it('builds the index once per parse; each lookup visits O(log n) entries', function () {
		this.timeout(30000);
		const measure = (n: number) => {
			const org = Array.from({ length: n }, (_, i) => db(`org-db-${i}`));
			const components = Array.from({ length: 20 }, (_, i) => ({ id: `comp-${i}`, path: `svc/${i}`, uses: [`org-db-${i}`, `org-db-${n - 1 - i}`] }));
			const text = doc({ org, components });
			const q = new ConnectionsProject(text);
			const src = 'process.env.CHOREO_ORG_DB_7_HOSTNAME';
			q.updateSource('svc/7/a.ts', src);
			const reads = scanEnvReads(src, 'typescript');
			const probes = Array.from({ length: 200 }, (_, i) => at(text, `"org-db-${(i * 37) % n}"`, 3));
			NavigationIndex.of(q).siteAt(0);
			sourceSiteAt(q, 'svc/7/a.ts', reads, 20);
			const builds = navigationStats.indexBuilds;
			const before = navigationStats.visited;
			for (const offset of probes) {
				const site = NavigationIndex.of(q).siteAt(offset);
				assert.equal(site?.kind, 'definition');
				definitionsOf(q, site!);
				hoverFor(q, site!);
				sourceSiteAt(q, 'svc/7/a.ts', reads, 20);
			}
			const perLookup = (navigationStats.visited - before) / probes.length;
			assert.equal(navigationStats.indexBuilds, builds, 'no rebuild between lookups');
			q.updateConnections(text + ' ');
			NavigationIndex.of(q).siteAt(0);
			assert.equal(navigationStats.indexBuilds, builds + 1, 'rebuilt after the file changed');
			return perLookup;
		};
		const small = measure(100);
		const large = measure(10000);
		// log2(10000)/log2(100) = 2: a binary search doubles at most; a linear scan would be 100 times.
		assert.ok(large <= small * 2 + 8, `visited per lookup: ${small} for 100, ${large} for 10,000`);
		assert.ok(large < 100, `visited per lookup for 10,000 connections: ${large}`);
	});
});
