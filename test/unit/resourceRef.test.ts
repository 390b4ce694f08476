import assert from 'node:assert/strict';
import { accessOfTarget, parseTarget } from '../../src/core/model/resourceRef';

describe('resource references', () => {
	it('accepts each kind\'s grammar and reads its parts', () => {
		assert.deepEqual(parseTarget('service', 'service:/shop/payments/v1/api/ORGANIZATION'),
			{ ok: true, target: { kind: 'service', project: 'shop', component: 'payments', version: 'v1', endpoint: 'api', visibility: 'ORGANIZATION' } });
		assert.deepEqual(parseTarget('third-party', 'thirdparty:twilio/v2.1'), { ok: true, target: { kind: 'third-party', service: 'twilio', version: 'v2.1' } });
		assert.deepEqual(parseTarget('database', 'database:pg-main/orders'), { ok: true, target: { kind: 'database', server: 'pg-main', database: 'orders' } });
		assert.deepEqual(parseTarget('database', 'database:orders'), { ok: true, target: { kind: 'database', database: 'orders' } });
	});
	it('rejects with a reason that names what is wrong', () => {
		const cases: [Parameters<typeof parseTarget>[0], string, string][] = [
			['service', 'service:/shop/payments/v1/api', 'it has 4 path segments after "service:/", not 5'],
			['service', 'service:/shop/payments/1/api/PUBLIC', 'the version segment "1" is not a major version like "v1"'],
			['service', 'service:/s/p/v1/e/INTERNAL', 'the last segment "INTERNAL" is not PUBLIC, PROJECT or ORGANIZATION'],
			['service', 'service:/s/p/v1/e!/PUBLIC', 'the endpoint segment "e!" is empty or has characters other than letters, digits, \'.\', \'_\' and \'-\''],
			['third-party', 'thirdparty:twilio', 'it must name a service and a version'],
			['third-party', 'thirdparty:twilio/2', 'the version "2" is not like "v1" or "v2.1"'],
			['database', 'database:a/b/c', 'it must be a database name, optionally after a server name and "/"'],
			['database', 'thirdparty:x/v1', 'it is a third-party reference, but the connection\'s kind is database'],
			['database', 'orders', 'it must start with "database:"'],
		];
		for (const [kind, target, reason] of cases) {
			assert.deepEqual(parseTarget(kind, target), { ok: false, reason }, target);
		}
	});
	it('derives the access mode from a service target only', () => {
		const service = parseTarget('service', 'service:/shop/payments/v1/api/PROJECT');
		const db = parseTarget('database', 'database:orders');
		assert.ok(service.ok && db.ok);
		assert.equal(accessOfTarget(service.target), 'project');
		assert.equal(accessOfTarget(db.target), undefined);
	});
});
