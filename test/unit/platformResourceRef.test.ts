import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLegacyServiceName, parsePlatformResourceRef } from '../../src/core/model/resourceRef';

// The grammar of the platform's source-config validator, written from its documented forms
// (docs/rules.md, "resourceRef in component.yaml"), as an oracle for the hand-written parser.
const ORACLE: Record<string, RegExp> = {
	service: /^(?:service:)?(?:\/[A-Za-z0-9_-]+\/)?[A-Za-z0-9_-]+\/[vV]?\d+(?:\.\d+)*(?:\/[A-Za-z0-9_-]+)?(?:\/(?:PUBLIC|PROJECT|ORGANIZATION))?$/,
	'third-party': /^thirdparty:[A-Za-z0-9\s_.-]+\/[vV]\d+(?:\.\d+)*$/,
	database: /^database:(?:[A-Za-z0-9_-]+\/)?[A-Za-z0-9_-]+$/,
	storage: /^storage:[A-Za-z0-9\s_.-]+$/,
};

function oracle(ref: string): boolean {
	for (const prefix of ['thirdparty:', 'database:', 'storage:']) {
		if (ref.startsWith(prefix)) {
			return ORACLE[prefix === 'thirdparty:' ? 'third-party' : prefix.slice(0, -1)].test(ref);
		}
	}
	return ORACLE.service.test(ref);
}

describe('resourceRef as the platform reads it', () => {
	it('accepts every form the platform accepts', () => {
		const ok: [string, unknown][] = [
			['service:/shop/payments/v1/api/PUBLIC', { kind: 'service', project: 'shop', component: 'payments', version: 'v1', endpoint: 'api', visibility: 'PUBLIC' }],
			['/shop/payments/v1/api/PUBLIC', { kind: 'service', project: 'shop', component: 'payments', version: 'v1', endpoint: 'api', visibility: 'PUBLIC' }],
			['payments/v1', { kind: 'service', component: 'payments', version: 'v1' }],
			['service:payments/V1.0/api', { kind: 'service', component: 'payments', version: 'V1.0', endpoint: 'api' }],
			['payments/1.1.0/ORGANIZATION', { kind: 'service', component: 'payments', version: '1.1.0', visibility: 'ORGANIZATION' }],
			['service:/booking-management/hinyxm/v1.0/5c69c/ORGANIZATION', { kind: 'service', project: 'booking-management', component: 'hinyxm', version: 'v1.0', endpoint: '5c69c', visibility: 'ORGANIZATION' }],
			['thirdparty:Twilio SMS/v2.1', { kind: 'third-party', service: 'Twilio SMS', version: 'v2.1' }],
			['thirdparty:stripe.com/V1', { kind: 'third-party', service: 'stripe.com', version: 'V1' }],
			['database:pg-main/orders', { kind: 'database', server: 'pg-main', database: 'orders' }],
			['database:orders_db', { kind: 'database', database: 'orders_db' }],
			['storage:My Bucket.v2', { kind: 'storage', name: 'My Bucket.v2' }],
		];
		for (const [ref, parsed] of ok) {
			assert.deepEqual(parsePlatformResourceRef(ref), { ok: true, ref: parsed }, ref);
		}
	});

	it('refuses what the platform refuses, naming the grammar of the kind', () => {
		const bad: [string, string][] = [
			['service:/shop/payments/v1/api/PUBLIC1', 'service'], ['payments', 'service'], ['pay.ments/v1', 'service'], ['payments/version1', 'service'],
			['/payments/v1', 'service'], ['a/v1/b/PUBLIC/c', 'service'], ['thirdparty:stripe/1', 'third-party'], ['thirdparty:/v1', 'third-party'],
			['thirdparty:a/b/v1', 'third-party'], ['database:pg.main/orders', 'database'], ['database:a/b/c', 'database'], ['database:', 'database'],
			['storage:', 'storage'], ['storage:a/b', 'storage'], ['x'.repeat(2000) + '/v1', 'service'],
		];
		for (const [ref, kind] of bad) {
			const r = parsePlatformResourceRef(ref);
			assert.equal(r.ok, false, ref);
			assert.equal(!r.ok && r.kind, kind, ref);
		}
	});

	it('agrees with the platform grammar on any text built from its pieces (property)', () => {
		const piece = fc.constantFrom('service:', 'thirdparty:', 'database:', 'storage:', '/', 'shop', 'a-b', 'x_y', 'v1', 'V2', '1', '.1', '.', ' ', 'PUBLIC', 'PROJECT', 'ORGANIZATION', 'PUBLIC1', '!', '');
		fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), (ref) => {
			assert.equal(parsePlatformResourceRef(ref).ok, oracle(ref), JSON.stringify(ref));
		}), { numRuns: 5000 });
	});

	it('reads legacy service reference names', () => {
		assert.deepEqual(parseLegacyServiceName('choreo:///acme/shop/auth-service/c5d5a/v1/PUBLIC'),
			{ kind: 'service', org: 'acme', project: 'shop', component: 'auth-service', endpoint: 'c5d5a', version: 'v1', visibility: 'PUBLIC' });
		assert.deepEqual(parseLegacyServiceName('database:pg/orders'), { kind: 'database', server: 'pg', database: 'orders' });
		assert.equal(parseLegacyServiceName('choreo:///apifirst/apifirstdemo/appointmentmgt-backend/5c69c/v1/PUBLIC1'), undefined);
		assert.equal(parseLegacyServiceName('choreo:///a/b/c/d/v1.0.1/PUBLIC'), undefined);
	});
});
