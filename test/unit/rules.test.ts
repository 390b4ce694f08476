import assert from 'node:assert/strict';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { snippetSpec } from '../../src/core/source/snippets/spec';
import { messageFor } from '../../src/core/findings/messages';
import { db, doc, findings, findingsOf, problemsOf, svc } from './helpers';

describe('rules', () => {
	it('a clean document has no findings', () => {
		assert.deepEqual(findings(doc({ org: [db('shared-db')], project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['shared-db', 'payments'] }] })), []);
	});

	it('one mistake, one finding: an ID in uses or env that is not an ID at all is the schema\'s finding only', () => {
		const text = doc({ project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['', 'payments', 'bad--id'], env: { PAY: { connection: 'x', key: 'ServiceURL' } } }] });
		assert.deepEqual(findings(text), ['schema-pattern@""', 'schema-pattern@"bad--id"', 'schema-pattern@"x"']);
		// A valid ID that names nothing is still unknown-connection, with its did-you-mean.
		assert.deepEqual(findings(doc({ project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['paymets'] }] })), ['unknown-connection@"paymets"']);
	});

	it('duplicate IDs across organization and project are an error on the later one', () => {
		assert.deepEqual(findings(doc({ org: [db('orders-db')], project: [db('orders-db')] })), ['duplicate-id@"orders-db"']);
	});

	it('two components may each own a connection with the same ID', () => {
		const text = doc({ components: [
			{ id: 'comp-a', connections: [db('cache')] },
			{ id: 'comp-b', connections: [db('cache')] },
		] });
		assert.deepEqual(findings(text), []);
	});

	it('a component connection may not shadow a shared ID', () => {
		const text = doc({ project: [db('cache')], components: [{ id: 'comp-a', connections: [db('cache')] }] });
		assert.deepEqual(findings(text), ['duplicate-id@"cache"']);
	});

	it('IDs whose variable names normalise to the same prefix collide', () => {
		assert.deepEqual(findings(doc({ org: [db('hr-db')], project: [db('hr.db')] })), ['variable-collision@"hr.db"']);
	});

	it('uses: a typo gives unknown-connection with a did-you-mean candidate', () => {
		const text = doc({ project: [svc('payments')], components: [{ id: 'orders', uses: ['payment'] }] });
		const [p] = problemsOf(text);
		assert.equal(p.code, 'unknown-connection');
		assert.equal(p.intent?.code, 'unknown-connection');
		assert.deepEqual(p.intent?.code === 'unknown-connection' && p.intent.candidates, ['payments']);
		assert.equal(p.args.suggestion, ' Did you mean "payments"?');
		assert.equal(messageFor(p.code, p.args), 'No connection "payment" is visible to component "orders". Did you mean "payments"?');
	});

	it('uses: another component\'s connection is out of scope, fixed by promoting to the project', () => {
		const text = doc({ components: [{ id: 'comp-a', connections: [db('cache')] }, { id: 'comp-b', uses: ['cache'] }] });
		const [p] = problemsOf(text);
		assert.equal(p.code, 'out-of-scope-reference');
		assert.deepEqual(p.intent, { code: 'out-of-scope-reference', connectionId: 'cache', componentId: 'comp-b', listed: true });
		assert.equal(p.args.owner, 'comp-a');
	});

	it('uses: duplicates and own component connections are flagged', () => {
		const text = doc({ project: [svc('payments')], components: [{ id: 'comp-a', uses: ['payments', 'payments', 'own-db'], connections: [db('own-db')] }] });
		assert.deepEqual(findings(text), ['duplicate-use@"payments"', 'redundant-use@"own-db"']);
	});

	it('unknown parameter keys of fixed kinds get did-you-mean', () => {
		const text = doc({ org: [db('orders-db', { Hostname: 'x', DBName: 'y' })] });
		const problems = problemsOf(text);
		assert.deepEqual(problems.map((p) => [p.code, p.intent?.code === 'unknown-parameter' ? p.intent.candidates : undefined]), [['unknown-parameter', ['HostName']], ['unknown-parameter', []]]);
	});

	it('third-party connections declare their own keys', () => {
		assert.deepEqual(findings(doc({ org: [{ id: 'stripe', kind: 'third-party', target: 'thirdparty:stripe/v1', parameters: { Region: 'eu' } }] })), []);
	});

	it('plain secrets are flagged, secret markers are not', () => {
		const text = doc({ org: [db('orders-db', { Password: 'hunter2', Username: 'app' }), db('other-db', { Password: { secret: true } })] });
		assert.deepEqual(findings(text), ['plain-secret@"hunter2"']);
	});

	it('secret-looking values are flagged wherever they are', () => {
		const text = doc({ org: [{ id: 'legacy', kind: 'third-party', target: 'thirdparty:legacy/v1', parameters: {
			ServiceURL: 'https://user:pa55@legacy.example.com', AuthToken: 'abc', Header: 'Bearer abcdefghijkl', Region: 'eu' } }] });
		assert.deepEqual(findings(text), ['plain-secret@"https://user:pa55@legacy.example.com"', 'plain-secret@"abc"', 'plain-secret@"Bearer abcdefghijkl"']);
	});

	it('per-environment values must name declared environments', () => {
		const text = doc({ org: [db('orders-db', { HostName: { development: 'a', prod: 'b' } })] });
		assert.deepEqual(findings(text), ['unknown-environment@"prod"']);
	});

	it('targets are checked by kind', () => {
		const text = doc({ org: [
			{ id: 'a-db', kind: 'database', target: 'service:/p/c/v1/e/PUBLIC' },
			{ id: 'b-svc', kind: 'service', target: 'service:/p/c/1/e/PUBLIC' },
			{ id: 'c-tp', kind: 'third-party', target: 'thirdparty:twilio/v2.1' },
			{ id: 'd-db', kind: 'database', target: 'database:orders' },
		] });
		assert.deepEqual(findings(text), ['invalid-target@"service:/p/c/v1/e/PUBLIC"', 'invalid-target@"service:/p/c/1/e/PUBLIC"']);
	});

	it('access must match the target and project access takes no security', () => {
		const text = doc({ project: [
			svc('a-svc', { access: 'public' }),
			{ id: 'b-svc', kind: 'service', target: 'service:/shop/b/v1/api/PROJECT', access: 'project', security: { scheme: 'oauth2' } },
		] });
		assert.deepEqual(findings(text), ['access-mismatch@"public"', 'access-security-mismatch@"oauth2"']);
	});

	it('access and security apply to services only', () => {
		const text = doc({ org: [{ ...db('x-db'), access: 'public', security: { scheme: 'none' } }] });
		assert.deepEqual(findings(text).map((f) => f.split('@')[0]), ['access-not-applicable', 'security-not-applicable']);
	});

	it('OAuth: organization connections may not share an application', () => {
		const oauth = (id: string, app: string) => svc(id, { security: { scheme: 'oauth2', oauthApp: app } });
		assert.deepEqual(findings(doc({ org: [oauth('one', 'app-a'), oauth('two', 'app-a')] })), ['oauth-app-shared@"app-a"']);
	});

	it('OAuth: project connections share one application; the odd one out is flagged with the app to share', () => {
		const oauth = (id: string, app: string) => svc(id, { security: { scheme: 'oauth2', oauthApp: app } });
		const text = doc({ project: [oauth('one', 'shop-app'), oauth('two', 'shop-app'), oauth('three', 'other-app')] });
		const [p] = problemsOf(text);
		assert.equal(p.code, 'oauth-app-project-mismatch');
		assert.deepEqual(p.intent?.code === 'oauth-app-project-mismatch' && [p.intent.shareApp, p.intent.explicitApp, p.intent.connection.id], ['shop-app', true, 'three']);
		assert.equal(text.slice(p.offset, p.offset + p.length), '"other-app"');
	});

	it('OAuth: different applications within one component are a hint', () => {
		const oauth = (id: string, app: string) => svc(id, { security: { scheme: 'oauth2', oauthApp: app } });
		const text = doc({ components: [{ id: 'comp-c', connections: [oauth('one', 'x-app'), oauth('two', 'y-app')] }] });
		assert.deepEqual(problemsOf(text).map((p) => [p.code, p.severity]), [['oauth-app-component-mismatch', 'hint']]);
	});

	it('env renames must name a visible connection and a key of it', () => {
		const text = doc({ project: [svc('payments')], components: [{ id: 'comp-c', uses: ['payments'], env: {
			PAY_URL: { connection: 'payments', key: 'ServiceUrl' }, OTHER: { connection: 'nope', key: 'ServiceURL' } } }] });
		assert.deepEqual(findings(text), ['unknown-parameter@"ServiceUrl"', 'unknown-connection@"nope"']);
	});

	it('version other than 1 is unsupported', () => {
		assert.deepEqual(findings(doc({ extra: { version: 2 } })).map((f) => f.split('@')[0]), ['unsupported-version']);
	});
});

describe('rules on component source', () => {
	const base = doc({
		org: [db('shared-db')],
		project: [svc('payments'), svc('catalog')],
		components: [{ id: 'orders', path: 'services/orders', uses: ['payments', 'shared-db'], env: { PAY_URL: { connection: 'payments', key: 'ServiceURL' } }, connections: [db('local-cache')] },
			{ id: 'other', path: 'services/other', connections: [db('secret-store')] }],
	});

	it('where the component has a component.yaml, its renames decide the injected names (connections.json env is then not read)', () => {
		const src = [
			'const a = process.env.CHOREO_PAYMENTS_SERVICEURL;',
			'const b = process.env.PAY_URL;',
			'const c = process.env.CHOREO_SHARED_DB_HOSTNAME;',
			'const d = process.env.DB_HOST;',
		].join('\n');
		const yaml = (env: string) => `schemaVersion: "1.2"\ndependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n    - name: shared-db\n      resourceRef: database:main/shared-db\n${env}`;
		const renameDb = 'configurations:\n  env:\n    - name: DB_HOST\n      valueFrom:\n        connectionRef:\n          name: shared-db\n          key: HostName\n';
		const file = 'services/orders/src/index.ts';
		const reads = (files: Record<string, string>) => {
			const p = new ConnectionsProject(base);
			for (const [f, t] of Object.entries(files)) {
				if (!p.updateChoreoFile(f, t)) {
					p.updateSource(f, t);
				}
			}
			return p.readsOf(file).map((r) => `${r.read.variable}->${r.connection?.id ?? '?'}${r.renamed ? ' (renamed)' : ''}`);
		};
		// component.yaml renames HostName of shared-db as DB_HOST and not PAY_URL: the platform injects
		// CHOREO_PAYMENTS_SERVICEURL and DB_HOST, whatever connections.json's env says.
		const withYaml = { [file]: src, 'services/orders/.choreo/component.yaml': yaml(renameDb) };
		assert.deepEqual(reads(withYaml), ['CHOREO_PAYMENTS_SERVICEURL->payments', 'CHOREO_SHARED_DB_HOSTNAME->shared-db', 'DB_HOST->shared-db (renamed)']);
		const findings = findingsOf(base, withYaml).get(file);
		assert.deepEqual(findings, ['renamed-variable-reference@CHOREO_SHARED_DB_HOSTNAME']);
		// Insert Reference and the tree tooltip name the variables the same way.
		const p = new ConnectionsProject(base);
		p.updateChoreoFile('services/orders/.choreo/component.yaml', yaml(renameDb));
		const orders = p.index.model.components[0];
		const sharedDb = p.index.model.allConnections.find((c) => c.id === 'shared-db')!;
		const payments = p.index.model.allConnections.find((c) => c.id === 'payments')!;
		assert.equal(snippetSpec(sharedDb, orders, false, p.injectedRenames(orders)).variables.find((v) => v.key === 'HostName')?.variable, 'DB_HOST');
		assert.equal(snippetSpec(payments, orders, false, p.injectedRenames(orders)).variables.find((v) => v.key === 'ServiceURL')?.variable, 'CHOREO_PAYMENTS_SERVICEURL');
		assert.equal(snippetSpec(payments, orders, false).variables.find((v) => v.key === 'ServiceURL')?.variable, 'PAY_URL', 'without the project: connections.json env');
		// A legacy serviceReferences env from/to renames too.
		const legacy = 'schemaVersion: 1.0\ndependencies:\n  serviceReferences:\n    - name: choreo:///acme/shop/payments/api/v1/ORGANIZATION\n      connectionConfig: 01ef-uuid\n      env:\n        - from: ServiceURL\n          to: PAYMENTS_ENDPOINT\n';
		assert.deepEqual(reads({ [file]: 'const e = process.env.PAYMENTS_ENDPOINT;\n', 'services/orders/.choreo/component.yaml': legacy }), ['PAYMENTS_ENDPOINT->payments (renamed)']);
		// No component.yaml, or one with YAML errors (being typed): connections.json's env.
		assert.deepEqual(reads({ [file]: src }), ['CHOREO_PAYMENTS_SERVICEURL->payments', 'PAY_URL->payments (renamed)', 'CHOREO_SHARED_DB_HOSTNAME->shared-db']);
		assert.deepEqual(reads({ [file]: src, 'services/orders/.choreo/component.yaml': yaml(renameDb) + 'x: [\n' }), ['CHOREO_PAYMENTS_SERVICEURL->payments', 'PAY_URL->payments (renamed)', 'CHOREO_SHARED_DB_HOSTNAME->shared-db']);
	});

	it('the platform\'s own CHOREO_* variables are not connection reads; names ending in a key or near a connection are', () => {
		const src = [
			'const env = process.env.CHOREO_ENV;',
			'const region = process.env.CHOREO_REGION;',
			'const org = process.env.CHOREO_ORG_HANDLE;',
			'const a = process.env.CHOREO_BILLING_SERVICEURL;',
			'const b = process.env.CHOREO_PAYMENT;',
			'const c = process.env.CHOREO_MAILER_APIKEY;',
		].join('\n');
		const withKey = doc({ project: [svc('payments'), { id: 'mailer-api', kind: 'third-party', target: 'thirdparty:mailer/v1', parameters: { APIKey: { secret: true } } }],
			components: [{ id: 'orders', path: 'services/orders', uses: ['payments'] }] });
		assert.deepEqual(findingsOf(withKey, { 'services/orders/src/index.ts': src }, true).get('services/orders/src/index.ts'), [
			'unknown-reference@CHOREO_BILLING_SERVICEURL', // ends in a fixed key: a connection read of nothing
			'unknown-reference@CHOREO_PAYMENT', // a near miss of "payments"
			'unknown-reference@CHOREO_MAILER_APIKEY', // ends in a key a third-party connection declares (mailer-api reads CHOREO_MAILER_API_APIKEY)
		]);
	});

	it('resolves reads, flags undeclared, unknown, wrong-key, renamed and out-of-scope reads', () => {
		const src = [
			'const a = process.env.CHOREO_SHARED_DB_HOSTNAME;',
			'const b = process.env.CHOREO_CATALOG_SERVICEURL;',
			'const c = process.env.CHOREO_PAYMNTS_SERVICEURL;',
			'const d = process.env.CHOREO_SHARED_DB_HOST;',
			'const e = process.env.CHOREO_PAYMENTS_SERVICEURL;',
			'const f = process.env.PAY_URL;',
			'const g = process.env.CHOREO_LOCAL_CACHE_PORT;',
			'const h = process.env.CHOREO_SECRET_STORE_PORT;',
		].join('\n');
		const result = findingsOf(base, { 'services/orders/src/index.ts': src }, true);
		assert.deepEqual(result.get('services/orders/src/index.ts'), [
			'undeclared-reference@CHOREO_CATALOG_SERVICEURL',
			'unknown-reference@CHOREO_PAYMNTS_SERVICEURL',
			'unknown-key-reference@CHOREO_SHARED_DB_HOST',
			'renamed-variable-reference@CHOREO_PAYMENTS_SERVICEURL',
			'out-of-scope-reference@CHOREO_SECRET_STORE_PORT',
		]);
		// Neither component has a component.yaml: information, once every source is known.
		assert.deepEqual(result.get('connections.json'), ['component-yaml-missing-file@"orders"', 'component-yaml-missing-file@"other"']);
	});

	it('a declared use that no source reads is a hint, once every source is known', () => {
		const src = 'x = os.environ["CHOREO_SHARED_DB_HOSTNAME"]\n';
		assert.deepEqual(findingsOf(base, { 'services/orders/app.py': src }, true).get('connections.json')!.filter((f) => !f.startsWith('component-yaml-missing-file')), ['unused-connection@"payments"']);
		assert.deepEqual(findingsOf(base, { 'services/orders/app.py': src }, false).get('connections.json'), []);
	});

	it('files outside every component path are not checked', () => {
		const result = findingsOf(base, { 'tools/script.py': 'os.getenv("CHOREO_NOPE_X")' }, true);
		assert.deepEqual(result.get('tools/script.py'), []);
	});

	it('the deepest component path owns a file', () => {
		const text = doc({ project: [svc('payments')], components: [{ id: 'root', path: '', uses: ['payments'] }, { id: 'inner', path: 'inner' }] });
		const result = findingsOf(text, { 'inner/main.go': 'package main\nvar x = os.Getenv("CHOREO_PAYMENTS_SERVICEURL")\n' }, false);
		assert.deepEqual(result.get('inner/main.go'), ['undeclared-reference@CHOREO_PAYMENTS_SERVICEURL']);
	});

	it('references are found in every kind of file', () => {
		const project = new ConnectionsProject(base);
		project.updateSource('services/orders/a.ts', 'process.env.CHOREO_PAYMENTS_CONSUMERKEY');
		project.updateChoreoFile('services/orders/.choreo/component.yaml', 'schemaVersion: 1.2\ndependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n');
		const refs = project.referencesTo('payments').map((r) => `${r.kind}:${r.file}`);
		assert.deepEqual(refs, ['definition:connections.json', 'use:connections.json', 'env-rename:connections.json', 'source:services/orders/a.ts', 'component-yaml:services/orders/.choreo/component.yaml']);
	});
});

describe('rules on component.yaml', () => {
	const text = doc({ project: [svc('payments'), svc('catalog')], components: [{ id: 'orders', path: 'orders', uses: ['payments', 'catalog'] }] });

	it('flags unknown names, target mismatches and missing references', () => {
		const yaml = [
			'schemaVersion: 1.2',
			'dependencies:',
			'  connectionReferences:',
			'    - name: paymnts',
			'      resourceRef: service:/shop/payments/v1/api/ORGANIZATION',
			'    - name: catalog',
			'      resourceRef: service:/shop/catalog/v2/api/ORGANIZATION',
			'',
		].join('\n');
		assert.deepEqual(findingsOf(text, { 'orders/.choreo/component.yaml': yaml }).get('orders/.choreo/component.yaml'), [
			'component-yaml-missing-reference@connectionReferences',
			'component-yaml-unknown-connection@paymnts',
			'component-yaml-target-mismatch@service:/shop/catalog/v2/api/ORGANIZATION',
		]);
	});

	it('component.yaml decides injection: a read of a connection it references is declared, even without "uses"', () => {
		const noUses = doc({ project: [svc('payments'), svc('catalog')], components: [{ id: 'orders', path: 'orders' }] });
		const yaml = 'schemaVersion: 1.2\ndependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n';
		const src = 'const a = process.env.CHOREO_PAYMENTS_SERVICEURL;\nconst b = process.env.CHOREO_CATALOG_SERVICEURL;\n';
		const result = findingsOf(noUses, { 'orders/.choreo/component.yaml': yaml, 'orders/index.ts': src }, true);
		assert.deepEqual(result.get('orders/index.ts'), ['undeclared-reference@CHOREO_CATALOG_SERVICEURL'], 'catalog is in neither; payments is in component.yaml');
	});

	it('a legacy serviceReferences declaration counts as the reference (by name or by the service it names)', () => {
		const legacyText = doc({ project: [{ ...svc('auth'), target: 'service:/shop/auth-service/v1/c5d5a/PUBLIC', access: 'public' }], components: [{ id: 'orders', path: 'orders', uses: ['auth'] }] });
		const yaml = [
			'schemaVersion: 1.0', 'dependencies:', '  serviceReferences:',
			'    - name: choreo:///acme/shop/auth-service/c5d5a/v1/PUBLIC', '      connectionConfig: 01ef6903-1af7-12e8-9b89-32771e9e8535',
			'      env:', '        - from: ServiceURL', '          to: AUTH_URL', '',
		].join('\n');
		const src = 'const a = process.env.CHOREO_AUTH_SERVICEURL;\n';
		const result = findingsOf(legacyText, { 'orders/.choreo/component.yaml': yaml, 'orders/index.ts': src }, true);
		// Only the platform's advice to move on from 1.0: no missing-reference for a legacy declaration.
		assert.deepEqual(result.get('orders/.choreo/component.yaml'), ['source-config-outdated@1.0']);
		// The legacy env from/to renames ServiceURL: the default name is not injected.
		assert.deepEqual(result.get('orders/index.ts'), ['renamed-variable-reference@CHOREO_AUTH_SERVICEURL']);
	});
});
