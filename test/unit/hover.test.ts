import assert from 'node:assert/strict';
import { hoverFor, renderHover, type ConnectionHover } from '../../src/core/ids/hover';
import { NavigationIndex, yamlSiteAt, type Site } from '../../src/core/ids/sites';
import { parseComponentYaml } from '../../src/core/platform/componentYaml';
import type { ConnectionsProject } from '../../src/core/analysis/project';
import { db, doc, svc } from './helpers';
import { assertInert, at, JSON_TEXT, jsonSite, project, rendered, sourceSite, YAML, YAML_FILE } from './idsFixture';

function hoverText(p: ConnectionsProject, site: Site): string {
	const h = hoverFor(p, site);
	assert.ok(h);
	return renderHover(h);
}

describe('ids/hover', () => {
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
		// With what the store's index says per environment column: set / not set, never a value.
		const perEnvironment = renderHover(h, undefined, (key, environment) => (key === 'Password' ? environment === 'production' : undefined));
		assert.match(perEnvironment, /\| Password \| \*secret\\: not set\* \| \*secret\\: set\* \|/);
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

	it('cuts a long name', () => {
		const longName = project(doc({ project: [svc('payments', { name: 'n'.repeat(1000) })] }), {}, {});
		const long = hoverText(longName, jsonSite(longName, '"id": "payments"', 7));
		assert.ok(long.includes('n'.repeat(199) + '…') && !long.includes('n'.repeat(200)), 'a long name is cut');
	});
});
