import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidConnectionId } from '../../src/core/model/connectionId';
import { applyTextEdits } from '../../src/core/text/textEdit';
import { prepareRename, refusalText, renameEdits, renameOAuthAppEdits } from '../../src/core/ids/rename';
import { yamlSiteAt, type Site } from '../../src/core/ids/sites';
import { parseComponentYaml } from '../../src/core/platform/componentYaml';
import { parseConnectionsText } from '../../src/core/json/parse';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { fixture, problemsOf } from './helpers';
import { at, JSON_TEXT, jsonSite, project, SOURCES, sourceSite, textOf, YAML, YAML_FILE } from './idsFixture';

describe('ids/rename', () => {
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

	it('renames in connections.json: definition, uses and env renames of the components that see it', () => {
		const text = fixture('tree/connections.json');
		const q = new ConnectionsProject(text);
		const plan = renameEdits(q, q.index.model.allConnections.find((c) => c.id === 'payments')!, 'payments-v2', () => undefined);
		assert.ok(plan.ok, plan.ok ? '' : refusalText(plan));
		const out = applyTextEdits(text, plan.files.get('connections.json')!);
		assert.equal(out.match(/"payments-v2"/g)?.length, 3);
		assert.ok(!/"payments"/.test(out));
		assert.equal(problemsOf(out).filter((x) => x.severity === 'error').length, problemsOf(text).filter((x) => x.severity === 'error').length);
	});
});
