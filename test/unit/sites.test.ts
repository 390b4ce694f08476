import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NavigationIndex, navigationStats, sourceSiteAt, yamlSiteAt } from '../../src/core/ids/sites';
import { definitionsOf } from '../../src/core/ids/definition';
import { hoverFor } from '../../src/core/ids/hover';
import { prepareRename } from '../../src/core/ids/rename';
import { jsonCompletions } from '../../src/core/ids/completion';
import { outline } from '../../src/core/ids/outline';
import { yamlCompletionContext } from '../../src/core/platform/componentYamlLines';
import { parseComponentYaml } from '../../src/core/platform/componentYaml';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { scanEnvReads } from '../../src/core/source/envReads';
import { db, doc } from './helpers';
import { at, JSON_TEXT, jsonSite, project, SOURCES, sourceSite, YAML, YAML_FILE } from './idsFixture';

describe('ids/sites', () => {
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

describe('ids: no feature throws on broken or hostile input', () => {
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

describe('ids/sites: lookups do not scale with the number of connections', () => {
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
