import assert from 'node:assert/strict';
import { referencesOf } from '../../src/core/ids/findReferences';
import { jsonSite, project, spans } from './idsFixture';

describe('ids/findReferences', () => {
	const p = project();

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

	it('OAuth application: references are its sharing group', () => {
		const second = jsonSite(p, '"oauthApp": "shop-app"', 13, 1);
		assert.equal(referencesOf(p, second, true).length, 2);
	});
});
