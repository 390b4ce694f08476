import assert from 'node:assert/strict';
import { definitionsOf } from '../../src/core/ids/definition';
import { NavigationIndex, yamlSiteAt } from '../../src/core/ids/sites';
import { parseComponentYaml } from '../../src/core/platform/componentYaml';
import { at, JSON_TEXT, jsonSite, project, sourceSite, spans, YAML, YAML_FILE } from './idsFixture';

describe('ids/definition', () => {
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

	it('OAuth application: definition is its first literal', () => {
		const second = jsonSite(p, '"oauthApp": "shop-app"', 13, 1);
		assert.equal(definitionsOf(p, second)[0].offset, at(JSON_TEXT, '"shop-app"', 0));
	});
});
