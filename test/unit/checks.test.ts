// Test Connection's plan (core/run/checks.ts): which checks a connection's values allow, the token request of
// RFC 6749 4.4, how a token endpoint's answer is read, and that no target or reading carries a secret.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { CHECK_KEYS, checkOrigin, checkTarget, planChecks, readTokenResponse, shownUrl, tokenRequest, type Check, type KeyValue } from '../../src/core/run/checks';
import { parameterValue } from '../../src/core/run/materialize';
import { isSecretKey, keysOf } from '../../src/core/model/scope';

function connection(c: object) {
	const text = JSON.stringify({ version: 1, project: { id: 'shop', connections: [{ id: 'target-conn', ...c }], components: [] } });
	const found = new ConnectionsProject(text).index.model.allConnections[0];
	assert.ok(found);
	return found;
}

/** The values a connection has for `environment`, secrets from `secrets`. */
function valuesOf(c: ReturnType<typeof connection>, environment: string, secrets: Record<string, string> = {}) {
	return (key: string): KeyValue => {
		const plain = parameterValue(c, key, environment);
		if (plain !== undefined) return { value: plain };
		if (isSecretKey(c, key)) return key in secrets ? { value: secrets[key] } : { missing: 'secret-not-set' };
		return { missing: 'no-value' };
	};
}

const oauthService = {
	kind: 'service', target: 'service:/shop/pay/v1/api/ORGANIZATION', access: 'organization', security: { scheme: 'oauth2' },
	parameters: { ServiceURL: { development: 'https://pay.dev/api', production: 'https://pay/api' }, TokenURL: 'https://sts.example/oauth2/token', ConsumerKey: 'client-1', ConsumerSecret: { secret: true } },
};

describe('Test Connection plan (core/run/checks)', () => {
	it('a service with OAuth2: a GET of its ServiceURL for the environment and a token with its client credentials', () => {
		const c = connection(oauthService);
		const plan = planChecks(c, valuesOf(c, 'production', { ConsumerSecret: 's3cret' }));
		assert.deepEqual(plan.gaps, []);
		assert.deepEqual(plan.checks, [
			{ kind: 'http', url: 'https://pay/api' },
			{ kind: 'token', tokenUrl: 'https://sts.example/oauth2/token', clientId: 'client-1', clientSecret: 's3cret' },
		]);
	});

	it('reads only the keys it names in CHECK_KEYS (never a database Password or an API key)', () => {
		const asked = new Set<string>();
		for (const c of [connection(oauthService), connection({ kind: 'database', target: 'database:x', parameters: { HostName: 'h', Port: 1, Password: { secret: true } } }),
			connection({ kind: 'third-party', target: 'thirdparty:x/v1', parameters: { ServiceURL: 'https://x', ApiKey: { secret: true } } })]) {
			planChecks(c, (key) => { asked.add(key); return valuesOf(c, 'development', { ConsumerSecret: 's' })(key); });
		}
		assert.deepEqual([...asked].filter((k) => !CHECK_KEYS.has(k)), []);
	});

	it('a secret not set leaves the token check out and says which key', () => {
		const c = connection(oauthService);
		const plan = planChecks(c, valuesOf(c, 'development'));
		assert.deepEqual(plan.checks.map((x) => x.kind), ['http']);
		assert.deepEqual(plan.gaps, [{ key: 'ConsumerSecret', reason: 'secret-not-set' }]);
	});

	it('a database: a TCP check of HostName:Port for the environment; a port that is not one is a gap', () => {
		const db = { kind: 'database', target: 'database:main/shop', parameters: { HostName: { development: 'db.dev', production: 'db' }, Port: 5432, Username: 'u', Password: { secret: true }, DatabaseName: 'shop' } };
		const c = connection(db);
		assert.deepEqual(planChecks(c, valuesOf(c, 'development')), { checks: [{ kind: 'tcp', host: 'db.dev', port: 5432 }], gaps: [] });
		for (const port of ['0', '65536', '54x', '1e3', '-1', '']) {
			const bad = connection({ ...db, parameters: { ...db.parameters, Port: port } });
			assert.deepEqual(planChecks(bad, valuesOf(bad, 'development')), { checks: [], gaps: [{ key: 'Port', reason: 'not-a-port' }] }, port);
		}
	});

	it('only http and https URLs are requested (file:, data:, javascript: and junk are gaps)', () => {
		for (const url of ['file:///etc/passwd', 'data:text/plain,x', 'javascript:alert(1)', 'not a url', 'ftp://x/']) {
			const c = connection({ kind: 'third-party', target: 'thirdparty:stripe/v1', parameters: { ServiceURL: url } });
			assert.deepEqual(planChecks(c, valuesOf(c, 'development')), { checks: [], gaps: [{ key: 'ServiceURL', reason: 'not-http-url' }] }, url);
		}
	});

	it('a third-party service with a TokenURL gets a token check too', () => {
		const c = connection({ kind: 'third-party', target: 'thirdparty:crm/v1', parameters: { ServiceURL: 'https://crm', TokenURL: 'https://crm/token', ConsumerKey: 'k', ConsumerSecret: { secret: true } } });
		assert.deepEqual(planChecks(c, valuesOf(c, 'development', { ConsumerSecret: 'x' })).checks.map((x) => x.kind), ['http', 'token']);
		assert.ok(keysOf(c).includes('TokenURL'));
	});

	it('targets and origins never show user info, query or fragment, and escape control characters', () => {
		assert.equal(shownUrl('https://user:pa55@host.example:8443/a/b?token=abc#frag'), 'https://host.example:8443/a/b');
		const check: Check = { kind: 'token', tokenUrl: 'https://u:p@sts/t?x=1', clientId: 'id', clientSecret: 'secret' };
		assert.equal(checkTarget(check), 'https://sts/t');
		assert.equal(checkOrigin(check), 'https://sts');
		assert.equal(checkTarget({ kind: 'tcp', host: 'db\u001b[31m', port: 1 }).includes('\u001b'), false);
		assert.equal(checkTarget({ kind: 'tcp', host: '::1', port: 5432 }), '[::1]:5432');
		const c = connection({ kind: 'third-party', target: 'thirdparty:x/v1', parameters: { ServiceURL: 'https://u:p@api.example/v1?q=1' } });
		assert.deepEqual(planChecks(c, valuesOf(c, 'development')).checks, [{ kind: 'http', url: 'https://api.example/v1?q=1' }], 'user info is never sent');
	});

	it('the token request is client credentials with HTTP Basic, UTF-8 and form-encoded (RFC 6749 2.3.1)', () => {
		const r = tokenRequest({ kind: 'token', tokenUrl: 'https://sts/t', clientId: 'a b:c', clientSecret: 'é&=' });
		assert.equal(r.body, 'grant_type=client_credentials');
		assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
		const decoded = Buffer.from(r.headers.authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
		assert.equal(decoded, 'a+b%3Ac:%C3%A9%26%3D');
	});

	it('a token answer: a 2xx access_token is a token; otherwise only a plain OAuth error code is kept', () => {
		assert.deepEqual(readTokenResponse(200, '{"access_token":"eyJ","expires_in":3600}'), { ok: true });
		assert.deepEqual(readTokenResponse(200, '{"access_token":""}'), { ok: false });
		assert.deepEqual(readTokenResponse(401, '{"error":"invalid_client","error_description":"secret s3cret wrong"}'), { ok: false, error: 'invalid_client' });
		assert.deepEqual(readTokenResponse(400, '{"error":"bad\\nline"}'), { ok: false });
		assert.deepEqual(readTokenResponse(500, '<html>'), { ok: false });
		assert.deepEqual(readTokenResponse(200, '{"access_token":"x"}'.replace('access_token', '__proto__')), { ok: false });
	});

	it('property: no target, origin or reading holds the client secret, wherever the server echoes it', () => {
		// The secret carries a character no URL keeps unencoded, so a hit can only be a leak.
		fc.assert(fc.property(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.integer({ min: 100, max: 599 }), (tail, url, status) => {
			const secret = `\u2603${tail}`;
			const check: Check = { kind: 'token', tokenUrl: url, clientId: 'id', clientSecret: secret };
			const reading = readTokenResponse(status, JSON.stringify({ error: secret, error_description: secret, access_token: status === 200 ? secret : 1 }));
			const shown = [checkTarget(check), checkOrigin(check), reading.ok ? '' : reading.error ?? ''];
			return shown.every((s) => !s.includes(secret));
		}), { numRuns: 300 });
	});
});
