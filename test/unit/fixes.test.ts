// Quick fixes: every fix kind, compared as the exact text after applying it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { detectFormatting, type FormattingOptions } from '../../src/core/text/indentation';
import { FIXES, fixAllPlan, fixesFor, guessKind, splitVariable, type Fix } from '../../src/core/edits/fixes';
import { applyTextEdits, minimalEdit } from '../../src/core/text/textEdit';
import { parseConnectionsText } from '../../src/core/json/parse';
import type { ProblemCode } from '../../src/core/findings/problems';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { db, doc, svc } from './helpers';

type Files = Record<string, string>;

/** A project over the given files (connections.json, sources, component.yaml), every source known. */
function projectOf(files: Files): ConnectionsProject {
	const p = new ConnectionsProject(files['connections.json']);
	for (const [file, text] of Object.entries(files)) {
		if (/(^|\/)\.choreo\/[^/]+\.yaml$/.test(file)) {
			p.updateChoreoFile(file, text);
		} else if (file !== 'connections.json') {
			p.updateSource(file, text);
		}
	}
	p.sourcesComplete = true;
	return p;
}

/** The codes whose fixes these tests apply, with an intent of that code (checked in the last test). */
const exercised = new Set<string>();

/** The fixes of the one finding with `code` in `file`. */
function fixesOf(files: Files, code: ProblemCode, file = 'connections.json', which = 0): Fix[] {
	const p = projectOf(files);
	const found = (p.analyze().get(file) ?? []).filter((x) => x.code === code);
	assert.ok(found.length > which, `no ${code} in ${file}: ${JSON.stringify(p.analyze().get(file)?.map((x) => x.code))}`);
	assert.equal(found[which].intent?.code, code, `the intent of ${code}`);
	exercised.add(code);
	return fixesFor(p, file, found[which]);
}

/** Applies a fix to the files (each edit computed from the file's text), returning the changed files. */
function apply(fix: Fix, files: Files, fmt?: FormattingOptions): Files {
	const out = { ...files };
	for (const e of fix.edits) {
		const r = e.compute(out[e.file], fmt ?? detectFormatting(out[e.file]));
		assert.ok(r.ok, !r.ok ? `${fix.title}: ${r.message}` : '');
		out[e.file] = applyTextEdits(out[e.file], r.edits);
	}
	return out;
}

/** Not the information that a component has no component.yaml (the fixtures here have none; its own tests are below). */
const notPlatformInfo = (p: { code: string }) => p.code !== 'component-yaml-missing-file';

const titles = (fixes: Fix[]) => fixes.map((f) => (f.isPreferred ? '* ' : '') + f.title);

const EXAMPLE = path.resolve('examples/acme-shop');

function exampleFiles(): Files {
	const files: Files = {};
	const walk = (dir: string): void => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) {
				walk(full);
			} else if (/\.(json|ts|py|go|java|cs|yaml)$/.test(e.name) && !e.name.endsWith('package.json')) {
				files[path.relative(EXAMPLE, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
			}
		}
	};
	walk(EXAMPLE);
	return files;
}

describe('fixes: the six deliberate mistakes of examples/acme-shop', () => {
	const files = exampleFiles();
	const json = files['connections.json'];

	it('unknown-connection: did-you-mean first, then create at component scope or in the project', () => {
		const fixes = fixesOf(files, 'unknown-connection');
		assert.deepEqual(titles(fixes), [
			'* Change to "payments"',
			'Create the third-party connection "payment" in component "notifications"',
			'Create the third-party connection "payment" in the project and use it in "notifications"',
		]);
		assert.equal(apply(fixes[0], files)['connections.json'], json.replace('"uses": ["loyalty", "payment"]', '"uses": ["loyalty", "payments"]'));
	});

	it('plain-secret: the title names the key, never the value; the edit leaves { "secret": true }', () => {
		const [fix] = fixesOf(files, 'plain-secret');
		assert.equal(fix.title, 'Move "Password" of "ledger-db" to secret storage');
		assert.ok(!JSON.stringify({ ...fix, edits: undefined, secret: undefined }).includes('hunter2'));
		assert.deepEqual(fix.secret?.valuesIn(json), [{ value: 'hunter2' }]);
		assert.equal(fix.secret?.connectionId, 'ledger-db');
		assert.equal(fix.secret?.key, 'Password');
		const out = apply(fix, files)['connections.json'];
		assert.equal(out, json.replace('"Password": "hunter2",', '"Password": { "secret": true },'));
		assert.ok(!out.includes('hunter2'));
	});

	it('undeclared-reference in Go source: add the connection to the component\'s uses', () => {
		const fixes = fixesOf(files, 'undeclared-reference', 'services/shipping/main.go');
		assert.deepEqual(titles(fixes), ['* Add "catalog" to the "uses" of "shipping"']);
		const out = apply(fixes[0], files);
		assert.equal(out['connections.json'], json.replace('"uses": ["shared-postgres"],\n\t\t\t\t"connections": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"id": "carrier-api"',
			'"uses": ["shared-postgres", "catalog"],\n\t\t\t\t"connections": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"id": "carrier-api"'));
		assert.equal(out['services/shipping/main.go'], files['services/shipping/main.go']);
		assert.deepEqual(projectOf(out).analyze().get('services/shipping/main.go'), []);
	});

	it('out-of-scope-reference: promote the component connection to the project, text and comments kept', () => {
		const fixes = fixesOf(files, 'out-of-scope-reference');
		assert.deepEqual(titles(fixes), ['* Promote "carrier-api" to a project connection (shared by "shipping" and "billing")']);
		const carrier = [
			'{',
			'\t"id": "carrier-api",',
			'\t"kind": "third-party",',
			'\t"target": "thirdparty:easypost/v2",',
			'\t"parameters": {',
			'\t\t"ServiceURL": "https://api.easypost.com/v2",',
			'\t\t"ApiKey": { "secret": true },',
			'\t\t"Mode": { "development": "test", "staging": "test", "production": "live" },',
			'\t},',
			'},',
		];
		const indent = (n: string) => carrier.map((l) => n + l).join('\n');
		const expected = json
			.replace('"parameters": { "TokenURL": "https://sts.acme.example/oauth2/token", "ConsumerSecret": { "secret": true } },\n\t\t\t},\n',
				`"parameters": { "TokenURL": "https://sts.acme.example/oauth2/token", "ConsumerSecret": { "secret": true } },\n\t\t\t},\n${indent('\t\t\t')}\n`)
			.replace(`"uses": ["shared-postgres"],\n\t\t\t\t"connections": [\n${indent('\t\t\t\t\t')}\n\t\t\t\t],`, '"uses": ["shared-postgres", "carrier-api"],\n\t\t\t\t"connections": [],');
		assert.notEqual(expected, json);
		assert.equal(apply(fixes[0], files)['connections.json'], expected);
		const after = projectOf(apply(fixes[0], files)).analyze();
		assert.ok(!after.get('connections.json')!.some((x) => x.code === 'out-of-scope-reference'));
		assert.deepEqual(after.get('services/shipping/main.go')!.map((x) => x.code), ['undeclared-reference']);
	});

	it('oauth-app-project-mismatch: share the project\'s application', () => {
		const fixes = fixesOf(files, 'oauth-app-project-mismatch');
		assert.deepEqual(titles(fixes), ['* Use the OAuth application "shop-app"']);
		assert.equal(apply(fixes[0], files)['connections.json'], json.replace('"oauthApp": "loyalty-app"', '"oauthApp": "shop-app"'));
	});

	it('unknown-parameter: rename the key literal only', () => {
		const fixes = fixesOf(files, 'unknown-parameter');
		assert.deepEqual(titles(fixes), ['* Rename the key to "HostName"']);
		assert.equal(apply(fixes[0], files)['connections.json'], json.replace('"Hostname": "localhost"', '"HostName": "localhost"'));
	});

	it('Fix All applies the four preferred fixes that need no secret storage, in one edit', () => {
		const plan = fixAllPlan(projectOf(files));
		assert.equal(plan.count, 4);
		const r = plan.edits.compute(json, detectFormatting(json));
		assert.ok(r.ok);
		assert.equal(r.edits.length, 1);
		const out = applyTextEdits(json, r.edits);
		const left = projectOf({ ...files, 'connections.json': out }).analyze().get('connections.json')!.map((x) => x.code);
		// Four components have no component.yaml (information; Fix All creates no files).
		assert.deepEqual(left.sort(), ['component-yaml-missing-file', 'component-yaml-missing-file', 'component-yaml-missing-file', 'component-yaml-missing-file', 'plain-secret', 'unused-connection', 'unused-connection']);
		assert.ok(out.includes('"uses": ["loyalty", "payments"]') && out.includes('"HostName": "localhost"') && out.includes('"oauthApp": "shop-app"'));
		assert.ok(out.includes('"uses": ["shared-postgres", "carrier-api"]') && out.includes('"connections": [],'));
		// Every comment of the file is still there.
		for (const c of json.match(/\/\/[^\n]*/g)!) {
			assert.ok(out.includes(c), c);
		}
	});
});

describe('fixes: connections.json', () => {
	const fmt: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

	it('unknown-connection: create at component scope removes the now redundant uses entry', () => {
		const json = doc({ components: [{ id: 'orders', path: 'orders', uses: ['orders-db'] }] });
		const fixes = fixesOf({ 'connections.json': json }, 'unknown-connection');
		assert.deepEqual(titles(fixes), ['Create the database connection "orders-db" in component "orders"', 'Create the database connection "orders-db" in the project and use it in "orders"']);
		const out = apply(fixes[0], { 'connections.json': json }, fmt)['connections.json'];
		assert.equal(out, json.replace('"uses": [\n          "orders-db"\n        ]', '"uses": [],\n        "connections": [\n          {\n            "id": "orders-db",\n            "kind": "database"\n          }\n        ]'));
		assert.deepEqual(projectOf({ 'connections.json': out }).analyze().get('connections.json')!.filter(notPlatformInfo), []);
		const inProject = apply(fixes[1], { 'connections.json': json }, fmt)['connections.json'];
		assert.equal(inProject, json.replace('"connections": [],', '"connections": [\n      {\n        "id": "orders-db",\n        "kind": "database"\n      }\n    ],'));
	});

	it('unknown-connection in an env rename: change the connection or create it (declaring the renamed key)', () => {
		const json = doc({ project: [svc('payments')], components: [{ id: 'orders', env: { PAY: { connection: 'paymnts', key: 'ServiceURL' }, SMS: { connection: 'twilio', key: 'AuthToken' } } }] });
		const files = { 'connections.json': json };
		const fixes = fixesOf(files, 'unknown-connection');
		assert.equal(fixes[0].title, 'Change to "payments"');
		assert.equal(apply(fixes[0], files, fmt)['connections.json'], json.replace('"connection": "paymnts"', '"connection": "payments"'));
		const twilio = fixesOf(files, 'unknown-connection', 'connections.json', 1);
		assert.deepEqual(titles(twilio), ['Create the third-party connection "twilio" in component "orders"', 'Create the third-party connection "twilio" in the project and use it in "orders"']);
		const out = apply(twilio[1], files, fmt)['connections.json'];
		assert.ok(out.includes('{\n        "id": "twilio",\n        "kind": "third-party",\n        "parameters": {\n          "AuthToken": { "secret": true }\n        }\n      }'), out);
		assert.ok(out.includes('"uses": ["twilio"]'), out);
		assert.deepEqual(projectOf({ 'connections.json': out }).analyze().get('connections.json')!.map((x) => x.code), ['unknown-connection']);
	});

	it('unknown-parameter in an env rename: change the key', () => {
		const json = doc({ project: [svc('payments')], components: [{ id: 'orders', uses: ['payments'], env: { PAY: { connection: 'payments', key: 'ServiceUrl' } } }] });
		const fixes = fixesOf({ 'connections.json': json }, 'unknown-parameter');
		assert.deepEqual(titles(fixes), ['* Change to "ServiceURL"']);
		assert.equal(apply(fixes[0], { 'connections.json': json }, fmt)['connections.json'], json.replace('"key": "ServiceUrl"', '"key": "ServiceURL"'));
	});

	it('unknown-parameter: no rename onto a key that is already there', () => {
		const json = doc({ org: [db('orders-db', { HostName: 'a', Hostname: 'b' })] });
		const [f] = fixesOf({ 'connections.json': json }, 'unknown-parameter');
		const r = f.edits[0].compute(json, fmt);
		assert.equal(!r.ok && r.reason, 'invalid');
	});

	it('duplicate-use removes the later entry; redundant-use and unused-connection remove theirs', () => {
		const json = doc({ project: [svc('payments')], components: [{ id: 'a', path: 'a', uses: ['payments', 'payments', 'own'], connections: [db('own')] }] });
		const files = { 'connections.json': json, 'a/x.ts': 'process.env.CHOREO_PAYMENTS_SERVICEURL; process.env.CHOREO_OWN_PORT' };
		const [dup] = fixesOf(files, 'duplicate-use');
		assert.equal(dup.title, 'Remove "payments" from the "uses" of "a"');
		assert.equal(apply(dup, files, fmt)['connections.json'], json.replace('"payments",\n          "payments",', '"payments",'));
		const [redundant] = fixesOf(files, 'redundant-use');
		assert.equal(apply(redundant, files, fmt)['connections.json'], json.replace('"payments",\n          "own"', '"payments"'));
		const unusedFiles = { ...files, 'a/x.ts': '' };
		const [unused] = fixesOf({ ...unusedFiles, 'connections.json': json.replace('"payments",\n          "payments",', '"payments",') }, 'unused-connection');
		assert.equal(unused.isPreferred, false);
	});

	it('the OAuth rules: share the application, or give an organization connection its own', () => {
		const shared = doc({ org: [svc('alpha', { security: { scheme: 'oauth2', oauthApp: 'app' } }), svc('beta', { security: { scheme: 'oauth2', oauthApp: 'app' } })] });
		const [own] = fixesOf({ 'connections.json': shared }, 'oauth-app-shared');
		assert.equal(own.title, 'Give "beta" its own OAuth application (remove "oauthApp")');
		const out = apply(own, { 'connections.json': shared }, fmt)['connections.json'];
		assert.equal(out, shared.replace(/("id": "beta",[\s\S]*?"scheme": "oauth2"),\n\s*"oauthApp": "app"/, '$1'));
		assert.deepEqual(projectOf({ 'connections.json': out }).analyze().get('connections.json')!.filter(notPlatformInfo), []);

		const component = doc({ components: [{ id: 'c', connections: [svc('x', { security: { scheme: 'oauth2', oauthApp: 'one' } }), svc('y', { security: { scheme: 'oauth2', oauthApp: 'one' } }), svc('z', { security: { scheme: 'oauth2', oauthApp: 'two' } })] }] });
		const [share] = fixesOf({ 'connections.json': component }, 'oauth-app-component-mismatch');
		assert.equal(share.title, 'Use the OAuth application "one"');
		assert.equal(apply(share, { 'connections.json': component }, fmt)['connections.json'], component.replace('"oauthApp": "two"', '"oauthApp": "one"'));

		const implicit = doc({ project: [svc('p', { security: { scheme: 'oauth2' } }), svc('q', { security: { scheme: 'oauth2' } }), svc('r', { security: { scheme: 'oauth2', oauthApp: 'odd' } })] });
		const [projectApp] = fixesOf({ 'connections.json': implicit }, 'oauth-app-project-mismatch');
		assert.equal(projectApp.title, 'Use the project\'s OAuth application (remove "oauthApp")');
		assert.equal(apply(projectApp, { 'connections.json': implicit }, fmt)['connections.json'], implicit.replace(',\n          "oauthApp": "odd"', ''));
	});

	it('access: set it to the target\'s, set the scheme to none, remove what does not apply', () => {
		const json = doc({ project: [
			svc('a', { access: 'public' }),
			{ ...svc('b'), target: 'service:/shop/b/v1/api/PROJECT', access: 'project', security: { scheme: 'oauth2' } },
			{ ...db('c'), access: 'project', security: { scheme: 'none' } },
		] });
		const files = { 'connections.json': json };
		const [access] = fixesOf(files, 'access-mismatch');
		assert.equal(access.title, 'Set "access" to "organization" (the target\'s visibility)');
		assert.equal(apply(access, files, fmt)['connections.json'], json.replace('"access": "public"', '"access": "organization"'));
		const [none] = fixesOf(files, 'access-security-mismatch');
		assert.equal(apply(none, files, fmt)['connections.json'], json.replace('"scheme": "oauth2"', '"scheme": "none"'));
		const [noAccess] = fixesOf(files, 'access-not-applicable');
		const [noSecurity] = fixesOf(files, 'security-not-applicable');
		const both = apply(noSecurity, apply(noAccess, files, fmt), fmt)['connections.json'];
		assert.equal(both, json.replace(/("target": "database:main\/c",)\n\s*"parameters": \{\},\n\s*"access": "project",\n\s*"security": \{\n\s*"scheme": "none"\n\s*\}/, '$1\n        "parameters": {}'));
	});

	it('unknown-environment: rename it to a declared one, or declare it', () => {
		const json = doc({ org: [db('x', { HostName: { developmnt: 'a', production: 'b' } })] });
		const files = { 'connections.json': json };
		const fixes = fixesOf(files, 'unknown-environment');
		assert.deepEqual(titles(fixes), ['* Rename the environment to "development"', 'Add "developmnt" to "environments"']);
		assert.equal(apply(fixes[0], files, fmt)['connections.json'], json.replace('"developmnt"', '"development"'));
		assert.equal(apply(fixes[1], files, fmt)['connections.json'], json.replace(/\n}$/, ',\n  "environments": ["development", "production", "developmnt"]\n}'));
	});

	it('schema did-you-mean: an enum value and a property name', () => {
		const json = doc({ org: [{ id: 'x', kind: 'databse', target: 'database:x' }], components: [{ id: 'a', usez: [] }] });
		const files = { 'connections.json': json };
		const [kind] = fixesOf(files, 'schema-enum');
		assert.equal(kind.title, 'Change to "database"');
		assert.equal(apply(kind, files, fmt)['connections.json'], json.replace('"databse"', '"database"'));
		const [prop] = fixesOf(files, 'schema-unknown-property');
		assert.equal(prop.title, 'Rename the key to "uses"');
		assert.equal(apply(prop, files, fmt)['connections.json'], json.replace('"usez"', '"uses"'));
	});
});

describe('fixes: component source', () => {
	const fmt: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
	const json = doc({ org: [db('orders-db')], project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['orders-db', 'payments'], env: { PAY_URL: { connection: 'payments', key: 'ServiceURL' } } }] });

	it('unknown-reference: read a visible connection\'s variable instead, or create the connection', () => {
		const files = { 'connections.json': json, 'orders/a.py': 'import os\nurl = os.environ["CHOREO_PAYMENT_SERVICEURL"]\n' };
		const fixes = fixesOf(files, 'unknown-reference', 'orders/a.py');
		assert.deepEqual(titles(fixes), [
			'* Read CHOREO_PAYMENTS_SERVICEURL instead',
			'Create the third-party connection "payment" in component "orders"',
			'Create the third-party connection "payment" in the project and use it in "orders"',
		]);
		assert.equal(apply(fixes[0], files)['orders/a.py'], 'import os\nurl = os.environ["CHOREO_PAYMENTS_SERVICEURL"]\n');
	});

	it('unknown-reference: the new connection gets the kind its key implies, and the read resolves', () => {
		const files = { 'connections.json': json, 'orders/a.go': 'package main\nimport "os"\nvar h = os.Getenv("CHOREO_STOCK_DB_HOSTNAME")\n' };
		const fixes = fixesOf(files, 'unknown-reference', 'orders/a.go');
		assert.deepEqual(titles(fixes), ['Create the database connection "stock-db" in component "orders"', 'Create the database connection "stock-db" in the project and use it in "orders"']);
		for (const f of fixes) {
			const out = apply(f, files, fmt);
			assert.deepEqual(projectOf(out).analyze().get('orders/a.go'), [], f.title);
		}
		assert.equal(apply(fixes[0], files, fmt)['connections.json'], json.replace('"env": {', '"env": {').replace(/("PAY_URL": \{\n\s*"connection": "payments",\n\s*"key": "ServiceURL"\n\s*\}\n\s*\})/, '$1,\n        "connections": [\n          {\n            "id": "stock-db",\n            "kind": "database"\n          }\n        ]'));
	});

	it('unknown-key-reference and renamed-variable-reference: read the right variable', () => {
		const files = { 'connections.json': json, 'orders/a.ts': 'const a = process.env.CHOREO_ORDERS_DB_HOSTNAM;\nconst b = process.env["CHOREO_PAYMENTS_SERVICEURL"];\n' };
		const [key] = fixesOf(files, 'unknown-key-reference', 'orders/a.ts');
		assert.equal(key.title, 'Read CHOREO_ORDERS_DB_HOSTNAME instead');
		assert.equal(apply(key, files)['orders/a.ts'], files['orders/a.ts'].replace('HOSTNAM;', 'HOSTNAME;'));
		const [renamed] = fixesOf(files, 'renamed-variable-reference', 'orders/a.ts');
		assert.equal(renamed.title, 'Read PAY_URL instead');
		assert.equal(apply(renamed, files)['orders/a.ts'], files['orders/a.ts'].replace('"CHOREO_PAYMENTS_SERVICEURL"', '"PAY_URL"'));
	});

	it('out-of-scope-reference from source: promote and add to the reader\'s uses', () => {
		const text = doc({ components: [{ id: 'alpha', path: 'a', connections: [db('cache')] }, { id: 'beta', path: 'b' }] });
		const files = { 'connections.json': text, 'a/x.ts': 'process.env.CHOREO_CACHE_PORT', 'b/y.ts': 'process.env.CHOREO_CACHE_PORT' };
		const [promote] = fixesOf(files, 'out-of-scope-reference', 'b/y.ts');
		assert.equal(promote.title, 'Promote "cache" to a project connection (shared by "alpha" and "beta")');
		const out = apply(promote, files, fmt);
		const after = projectOf(out).analyze();
		assert.deepEqual([...after.values()].flat().filter(notPlatformInfo).map((x) => x.code), []);
	});

	it('a fix computed after the file changed still finds its read, or is refused', () => {
		const files = { 'connections.json': json, 'orders/a.ts': 'const a = process.env.CHOREO_ORDERS_DB_HOSTNAM;\n' };
		const [key] = fixesOf(files, 'unknown-key-reference', 'orders/a.ts');
		const moved = '// a comment above\n' + files['orders/a.ts'];
		assert.equal(apply(key, { ...files, 'orders/a.ts': moved })['orders/a.ts'], moved.replace('HOSTNAM;', 'HOSTNAME;'));
		const r = key.edits[0].compute('const a = 1;\n', fmt);
		assert.equal(r.ok, false);
	});
});

describe('fixes: component.yaml', () => {
	const json = doc({ org: [db('orders-db')], project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['orders-db', 'payments'] }] });
	const yaml = [
		'schemaVersion: "1.2"',
		'dependencies:',
		'  connectionReferences:',
		'    # the database',
		'    - name: orders-db',
		'      resourceRef: "database:main/other"',
		'    - name: paymnts',
		'      resourceRef: service:/shop/payments/v1/api/ORGANIZATION',
		'configurations:',
		'  env:',
		'    - name: DB_HOST',
		'      valueFrom:',
		'        connectionRef:',
		'          name: orders-db',
		'          key: Hostname',
		'',
	].join('\n');
	const files = { 'connections.json': json, 'orders/.choreo/component.yaml': yaml };
	const file = 'orders/.choreo/component.yaml';

	it('unknown connection name: did-you-mean, in the scalar\'s own style', () => {
		const [f] = fixesOf(files, 'component-yaml-unknown-connection', file);
		assert.equal(f.title, 'Change to "payments"');
		assert.equal(apply(f, files)[file], yaml.replace('name: paymnts', 'name: payments'));
	});

	it('target mismatch: set the resourceRef to connections.json\'s target, quotes kept', () => {
		const [f] = fixesOf(files, 'component-yaml-target-mismatch', file);
		assert.equal(f.title, 'Set resourceRef to "database:main/orders-db"');
		assert.equal(apply(f, files)[file], yaml.replace('"database:main/other"', '"database:main/orders-db"'));
	});

	it('unknown key in a connectionRef: rename it', () => {
		const [f] = fixesOf(files, 'unknown-parameter', file);
		assert.equal(f.title, 'Rename the key to "HostName"');
		assert.equal(apply(f, files)[file], yaml.replace('key: Hostname', 'key: HostName'));
	});

	it('missing reference: add it with the target', () => {
		const only = { ...files, [file]: 'schemaVersion: "1.2"\ndependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n' };
		const [f] = fixesOf(only, 'component-yaml-missing-reference', file);
		assert.equal(f.title, 'Add "orders-db" to connectionReferences in component.yaml');
		assert.equal(apply(f, only)[file], only[file].replace('resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n',
			'resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n    - name: orders-db\n      resourceRef: database:main/orders-db\n'));
	});

	it('a component.yaml with YAML errors is refused', () => {
		const [f] = fixesOf(files, 'component-yaml-unknown-connection', file);
		const r = f.edits[0].compute(yaml + 'x: [\n', detectFormatting(json));
		assert.equal(r.ok, false);
	});
});

/** component.yaml lines that inject HostName of orders-db as DB_HOST. */
const DB_HOST_RENAME = ['configurations:', '  env:', '    - name: DB_HOST', '      valueFrom:', '        connectionRef:', '          name: orders-db', '          key: HostName'];

describe('fixes: connections.json and component.yaml agree, each drift fixed in either direction', () => {
	const file = 'orders/.choreo/component.yaml';
	const json = [
		'{',
		'\t"version": 1,',
		'\t"project": {',
		'\t\t"id": "shop",',
		'\t\t"connections": [',
		'\t\t\t{ "id": "orders-db", "kind": "database", "target": "database:main/orders" },',
		'\t\t\t{ "id": "payments", "kind": "service", "target": "service:/shop/payments/v1/api/PROJECT", "access": "project", "security": { "scheme": "none" } },',
		'\t\t],',
		'\t\t"components": [',
		'\t\t\t{',
		'\t\t\t\t"id": "orders",',
		'\t\t\t\t"path": "orders",',
		'\t\t\t\t"uses": ["orders-db"], // the database',
		'\t\t\t\t"env": { "DB_HOST": { "connection": "orders-db", "key": "HostName" } },',
		'\t\t\t},',
		'\t\t],',
		'\t},',
		'}',
		'',
	].join('\n');
	const yaml = [
		'# orders',
		'schemaVersion: "1.2"',
		'dependencies:',
		'  connectionReferences:',
		'    - name: orders-db # the database',
		'      resourceRef: database:main/orders',
		...DB_HOST_RENAME,
		'',
	].join('\n');
	const agreeing = { 'connections.json': json, [file]: yaml };
	const DRIFT: ProblemCode[] = ['component-yaml-missing-reference', 'component-yaml-unlisted-reference', 'component-yaml-missing-rename', 'component-yaml-unlisted-rename', 'component-yaml-rename-mismatch'];
	const drift = (files: Files) => (projectOf(files).analyze().get(file) ?? []).filter((p) => DRIFT.includes(p.code)).map((p) => p.code);

	it('files that agree have no drift finding', () => {
		assert.deepEqual(drift(agreeing), []);
	});

	it('a connection in "uses" and not in component.yaml: add the reference, or remove the use', () => {
		const files = { ...agreeing, 'connections.json': json.replace('"uses": ["orders-db"]', '"uses": ["orders-db", "payments"]') };
		const fixes = fixesOf(files, 'component-yaml-missing-reference', file);
		assert.deepEqual(titles(fixes), ['* Add "payments" to connectionReferences in component.yaml', 'Remove "payments" from the "uses" of "orders"']);
		const toYaml = apply(fixes[0], files);
		assert.equal(toYaml[file], yaml.replace('      resourceRef: database:main/orders\n', '      resourceRef: database:main/orders\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/PROJECT\n'));
		assert.deepEqual(drift(toYaml), []);
		const toJson = apply(fixes[1], files);
		assert.equal(toJson['connections.json'], json);
		assert.deepEqual(drift(toJson), []);
	});

	it('a 1.0 component.yaml: the fix says it sets schemaVersion 1.2, and does, in the file\'s own quoting', () => {
		const old = yaml.replace('schemaVersion: "1.2"', 'schemaVersion: 1.0').replace(/configurations:[\s\S]*$/, '').replace(/dependencies:[\s\S]*$/, '');
		const files = { ...agreeing, [file]: old, 'connections.json': json.replace(/\n\t\t\t\t"env": .*\n/, '\n') };
		const [f] = fixesOf(files, 'component-yaml-missing-reference', file);
		assert.equal(f.title, 'Set schemaVersion to 1.2 and add "orders-db" to connectionReferences in component.yaml');
		assert.equal(apply(f, files)[file], '# orders\nschemaVersion: 1.2\ndependencies:\n  connectionReferences:\n    - name: orders-db\n      resourceRef: database:main/orders\n');
		// The same fix on a file that became 1.2 meanwhile is refused, not applied with a title that no longer says what it does.
		const r = f.edits[0].compute(old.replace('1.0', '"1.2"'), detectFormatting(json));
		assert.equal(r.ok, false);
	});

	it('a reference in component.yaml that "uses" does not list: add the use, or remove the reference (its comment goes with its line)', () => {
		const files = { ...agreeing, [file]: yaml.replace('      resourceRef: database:main/orders\n', '      resourceRef: database:main/orders\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/PROJECT\n') };
		const fixes = fixesOf(files, 'component-yaml-unlisted-reference', file);
		assert.deepEqual(titles(fixes), ['* Add "payments" to the "uses" of "orders"', 'Remove "payments" from connectionReferences in component.yaml']);
		const toJson = apply(fixes[0], files);
		assert.equal(toJson['connections.json'], json.replace('"uses": ["orders-db"]', '"uses": ["orders-db", "payments"]'));
		assert.deepEqual(drift(toJson), []);
		const toYaml = apply(fixes[1], files);
		assert.equal(toYaml[file], yaml);
		// The only reference removed leaves an empty list, not a null.
		const only = { ...agreeing, 'connections.json': json.replace('"uses": ["orders-db"], // the database', '"uses": [], // the database').replace(/\n\t\t\t\t"env": .*\n/, '\n') };
		const [remove] = fixesOf(only, 'component-yaml-unlisted-reference', file).filter((x) => x.title.startsWith('Remove'));
		assert.equal(apply(remove, only)[file], yaml.replace('\n    - name: orders-db # the database\n      resourceRef: database:main/orders', ' []'));
	});

	it('a rename in connections.json that component.yaml lacks: add it to configurations.env, or remove it (and an "env" left empty)', () => {
		const files = { ...agreeing, [file]: yaml.replace(/configurations:[\s\S]*$/, '') };
		const fixes = fixesOf(files, 'component-yaml-missing-rename', file);
		assert.deepEqual(titles(fixes), ['* Add DB_HOST to configurations.env in component.yaml', 'Remove DB_HOST from the "env" of "orders" in connections.json']);
		const toYaml = apply(fixes[0], files);
		assert.equal(toYaml[file], yaml);
		assert.deepEqual(drift(toYaml), []);
		const toJson = apply(fixes[1], files);
		assert.equal(toJson['connections.json'], json.replace('\n\t\t\t\t"env": { "DB_HOST": { "connection": "orders-db", "key": "HostName" } },', ''));
		assert.deepEqual(drift(toJson), []);
	});

	it('a rename added to a file that writes the singular "configuration" goes there', () => {
		const files = { ...agreeing, [file]: yaml.replace(/configurations:[\s\S]*$/, 'configuration:\n  env:\n    - name: MODE\n      value: test\n') };
		const [f] = fixesOf(files, 'component-yaml-missing-rename', file);
		assert.equal(apply(f, files)[file], yaml.replace(/configurations:[\s\S]*$/, 'configuration:\n  env:\n    - name: MODE\n      value: test\n    - name: DB_HOST\n      valueFrom:\n        connectionRef:\n          name: orders-db\n          key: HostName\n'));
	});

	it('a rename in component.yaml that connections.json lacks: add it to "env", or remove it from component.yaml', () => {
		const files = { ...agreeing, 'connections.json': json.replace(/\n\t\t\t\t"env": .*\n/, '\n') };
		const fixes = fixesOf(files, 'component-yaml-unlisted-rename', file);
		assert.deepEqual(titles(fixes), ['* Add DB_HOST to the "env" of "orders" in connections.json', 'Remove DB_HOST from configurations.env in component.yaml']);
		const toJson = apply(fixes[0], files);
		assert.deepEqual(drift(toJson), []);
		assert.deepEqual(parseConnectionsText(toJson['connections.json']).model.components[0].env.map((e) => [e.variable, e.connection?.value, e.key?.value]), [['DB_HOST', 'orders-db', 'HostName']]);
		const toYaml = apply(fixes[1], files);
		assert.equal(toYaml[file], yaml.replace(/\n    - name: DB_HOST[\s\S]*$/, ' []\n'));
	});

	it('a rename that reads another key: fill it as connections.json says, or as component.yaml says', () => {
		const files = { ...agreeing, [file]: yaml.replace('key: HostName', 'key: Port') };
		const fixes = fixesOf(files, 'component-yaml-rename-mismatch', file);
		assert.deepEqual(titles(fixes), ['* Fill DB_HOST from HostName of "orders-db" in component.yaml', 'Fill DB_HOST from Port of "orders-db" in connections.json']);
		assert.equal(apply(fixes[0], files)[file], yaml);
		const toJson = apply(fixes[1], files);
		assert.equal(toJson['connections.json'], json.replace('"key": "HostName"', '"key": "Port"'));
		assert.deepEqual(drift(toJson), []);
	});

	it('a component with connections and no component.yaml: information, whose fix creates a minimal 1.2 file', () => {
		const files = { 'connections.json': json, 'orders/index.ts': 'const p = process.env.CHOREO_PAYMENTS_SERVICEURL;\n' };
		const [f] = fixesOf(files, 'component-yaml-missing-file');
		assert.equal(f.title, 'Create orders/.choreo/component.yaml');
		assert.equal(f.edits[0].create, true);
		const created = apply(f, { ...files, [file]: '' })[file];
		assert.equal(created, [
			'# Read by the platform when it builds this component: it injects the connections listed under',
			'# dependencies.connectionReferences, under the names configurations.env gives them. Created from',
			'# connections.json by Connections for VS Code; keep the two in step.',
			'schemaVersion: "1.2"',
			'dependencies:',
			'  connectionReferences:',
			'    - name: orders-db',
			'      resourceRef: database:main/orders',
			// Read in the source, not in "uses": the platform must inject it too.
			'    - name: payments',
			'      resourceRef: service:/shop/payments/v1/api/PROJECT',
			...DB_HOST_RENAME,
			'',
		].join('\n'));
		const after = projectOf({ ...files, [file]: created }).analyze();
		// orders-db is in "uses" and no source reads it: that hint is connections.json's own business.
		assert.deepEqual(after.get('connections.json')!.map((p) => p.code), ['unused-connection']);
		assert.deepEqual(after.get(file)!.map((p) => p.code), ['component-yaml-unlisted-reference']);
		// A file that exists by the time the fix runs is refused.
		assert.equal(f.edits[0].compute(created, detectFormatting(json)).ok, false);
	});

	it('no information while sources are still being read, nor for a component with nothing to inject, and no fix beside another .choreo file', () => {
		const p = new ConnectionsProject(json);
		assert.deepEqual(p.analyze().get('connections.json')!.map((x) => x.code), [], 'sources not complete yet');
		const idle = projectOf({ 'connections.json': json.replace('"uses": ["orders-db"], // the database', '"uses": [],').replace(/\n\t\t\t\t"env": .*\n/, '\n') });
		assert.deepEqual(idle.analyze().get('connections.json')!.map((x) => x.code), []);
		const beside = { 'connections.json': json, 'orders/.choreo/endpoints.yaml': 'version: 0.1\nendpoints: []\n' };
		const problems = projectOf(beside).analyze().get('connections.json')!.filter((x) => x.code === 'component-yaml-missing-file');
		assert.equal(problems.length, 1);
		assert.deepEqual(fixesFor(projectOf(beside), 'connections.json', problems[0]), []);
		// A path that leaves the repository (the schema rejects it too) is never written to.
		const outside = projectOf({ 'connections.json': json.replace('"path": "orders"', '"path": "orders/../.."') });
		const far = outside.analyze().get('connections.json')!.filter((x) => x.code === 'component-yaml-missing-file');
		assert.equal(far.length, 1);
		assert.deepEqual(fixesFor(outside, 'connections.json', far[0]), []);
	});

	it('a legacy 1.0 serviceReferences rename (env from/to) counts as component.yaml\'s rename', () => {
		const legacy = 'schemaVersion: 1.0\ndependencies:\n  serviceReferences:\n    - name: choreo:///acme/shop/orders-db/v1/PROJECT\n      connectionConfig: 01ef-uuid\n      env:\n        - from: HostName\n          to: DB_HOST\n';
		const files = { ...agreeing, [file]: legacy };
		assert.equal(drift(files).includes('component-yaml-missing-rename'), false);
	});
});

describe('fixes: secrets, refusals and Fix All', () => {
	const fmt: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

	it('per-environment plain secrets: one value per environment, read from the current text', () => {
		const json = doc({ org: [db('x', { Password: { development: 'dev-pw', production: 'prod-pw' } })] });
		const [f] = fixesOf({ 'connections.json': json }, 'plain-secret');
		assert.deepEqual(f.secret!.valuesIn(json), [{ environment: 'development', value: 'dev-pw' }, { environment: 'production', value: 'prod-pw' }]);
		const out = apply(f, { 'connections.json': json }, fmt)['connections.json'];
		assert.equal(out, json.replace(/\{\n\s*"development": "dev-pw",\n\s*"production": "prod-pw"\n\s*\}/, '{ "secret": true }'));
		assert.ok(!/dev-pw|prod-pw/.test(out) && !/dev-pw|prod-pw/.test(f.title));
		// The value changed after it was stored: nothing is written.
		const changed = json.replace('prod-pw', 'other');
		const r = f.secret!.replaceIf(f.secret!.valuesIn(json)!).compute(changed, fmt);
		assert.equal(r.ok, false);
	});

	it('no fixes at all while connections.json has syntax errors (docs/reliability.md E3)', () => {
		const files = exampleFiles();
		const p = projectOf(files);
		const problems = p.analyze();
		p.updateConnections(files['connections.json'].replace('"version": 1,', '"version": 1,,'));
		for (const [file, list] of problems) {
			for (const x of list) {
				assert.deepEqual(fixesFor(p, file, x), [], `${x.code} in ${file}`);
			}
		}
		assert.equal(fixAllPlan(p).count, 0);
	});

	it('a fix computed against a broken text refuses and produces no edit', () => {
		const files = exampleFiles();
		for (const [file, list] of projectOf(files).analyze()) {
			for (const x of list) {
				for (const f of fixesFor(projectOf(files), file, x)) {
					for (const e of f.edits.filter((e) => e.file === 'connections.json')) {
						const r = e.compute(files['connections.json'] + '\n{', fmt);
						assert.equal(!r.ok && r.reason, 'syntax-errors', f.title);
					}
				}
			}
		}
	});

	it('two fixes computed from one analysis both land when applied one after the other', () => {
		const files = exampleFiles();
		const [a] = fixesOf(files, 'unknown-parameter');
		const [b] = fixesOf(files, 'out-of-scope-reference');
		const [c] = fixesOf(files, 'undeclared-reference', 'services/shipping/main.go');
		const out = apply(c, apply(b, apply(a, files)));
		const left = [...projectOf(out).analyze().values()].flat().filter(notPlatformInfo).map((x) => x.code);
		assert.deepEqual(left.sort(), ['oauth-app-project-mismatch', 'plain-secret', 'unknown-connection', 'unused-connection'].sort());
	});

	it('Fix All on a clean file has nothing to do', () => {
		const json = doc({ project: [svc('payments')], components: [{ id: 'a', uses: ['payments'] }] });
		const plan = fixAllPlan(new ConnectionsProject(json));
		assert.equal(plan.count, 0);
		assert.equal(plan.edits.compute(json, fmt).ok, false);
	});

	it('helpers: kinds from names and keys, IDs from variables, minimal edits', () => {
		assert.equal(guessKind('orders-db'), 'database');
		assert.equal(guessKind('stripe'), 'third-party');
		assert.equal(guessKind('x', 'HostName'), 'database');
		assert.equal(guessKind('x', 'CONSUMERKEY'), 'service');
		assert.deepEqual(splitVariable('CHOREO_ORDERS_DB_HOSTNAME'), { id: 'orders-db', key: 'HostName' });
		assert.deepEqual(splitVariable('CHOREO_TWILIO_SMS_AUTHTOKEN'), { id: 'twilio-sms', key: 'AUTHTOKEN' });
		assert.equal(splitVariable('CHOREO_X'), undefined);
		assert.equal(splitVariable('OTHER_A_B'), undefined);
		assert.deepEqual(minimalEdit('abcdef', 'abXYef'), { offset: 2, length: 2, newText: 'XY' });
		assert.deepEqual(minimalEdit('aaa', 'aaaa'), { offset: 3, length: 0, newText: 'a' });
	});
});

describe('fixes: properties', () => {
	const fmt: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
	const idArb = fc.constantFrom('payments', 'payment', 'shared-db', 'orders-db', 'cache', 'stripe', 'twilio-sms');
	const paramArb = fc.dictionary(fc.constantFrom('HostName', 'Hostname', 'Password', 'ServiceURL', 'Token', 'ApiKey'),
		fc.oneof(fc.constantFrom('x', 'hunter2', 'Bearer abcdefghijk'), fc.constant({ secret: true }), fc.constant({ development: 'pw', prod: 'x' })));
	const connArb = fc.record({
		id: idArb,
		kind: fc.constantFrom('service', 'database', 'third-party'),
		target: fc.constantFrom('service:/shop/p/v1/api/ORGANIZATION', 'service:/shop/p/v1/api/PROJECT', 'database:main/x', 'thirdparty:x/v1'),
		access: fc.constantFrom('project', 'organization', 'public', undefined),
		security: fc.option(fc.record({ scheme: fc.constantFrom('oauth2', 'none'), oauthApp: fc.constantFrom('app-a', 'app-b', undefined) }), { nil: undefined }),
		parameters: paramArb,
	}, { requiredKeys: ['id', 'kind'] });
	const docArb = fc.record({
		org: fc.array(connArb, { maxLength: 3 }),
		project: fc.array(connArb, { maxLength: 3 }),
		components: fc.array(fc.record({ id: fc.constantFrom('orders', 'billing'), path: fc.constantFrom('orders', 'billing'), uses: fc.array(idArb, { maxLength: 4 }), connections: fc.array(connArb, { maxLength: 2 }) }), { maxLength: 2 }),
	}).map((parts) => doc(parts));
	const sourceArb = fc.array(fc.constantFrom('CHOREO_PAYMENTS_SERVICEURL', 'CHOREO_PAYMENT_SERVICEURL', 'CHOREO_CACHE_PORT', 'CHOREO_ORDERS_DB_HOSTNAM', 'CHOREO_STRIPE_APIKEY'), { maxLength: 4 })
		.map((vars) => vars.map((v) => `process.env.${v};`).join('\n'));

	it('every fix of every finding either refuses or gives a file that parses, changing nothing outside its edit', () => {
		fc.assert(fc.property(docArb, sourceArb, (json, source) => {
			const files = { 'connections.json': json, 'orders/a.ts': source };
			const p = projectOf(files);
			for (const [file, list] of p.analyze()) {
				for (const x of list) {
					for (const f of fixesFor(p, file, x)) {
						assert.ok(!f.title.includes('hunter2') && !f.title.includes('Bearer'), f.title);
						for (const e of f.edits) {
							const r = e.compute(files[e.file as keyof typeof files], fmt);
							if (!r.ok) {
								continue;
							}
							const out = applyTextEdits(files[e.file as keyof typeof files], r.edits);
							if (e.file === 'connections.json') {
								assert.equal(parseConnectionsText(out).hasSyntaxErrors, false, `${f.title}\n${out}`);
							}
							const first = Math.min(...r.edits.map((d) => d.offset));
							assert.equal(out.slice(0, first), files[e.file as keyof typeof files].slice(0, first));
						}
					}
				}
			}
			const all = fixAllPlan(p).edits.compute(json, fmt);
			if (all.ok) {
				assert.equal(parseConnectionsText(applyTextEdits(json, all.edits)).hasSyntaxErrors, false);
			}
		}), { numRuns: 300 });
	}).timeout(120_000);
});

describe('fixes: the intent table', () => {
	it('every entry of the table is exercised above, through a finding whose intent has its code', () => {
		assert.deepEqual([...exercised].sort(), Object.keys(FIXES).sort());
	});
});
