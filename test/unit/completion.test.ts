import assert from 'node:assert/strict';
import { candidateDocumentation, jsonCompletions, sourceCompletions, yamlCompletions } from '../../src/core/ids/completion';
import { NavigationIndex } from '../../src/core/ids/sites';
import { assertInert, at, JSON_TEXT, project, YAML, YAML_FILE } from './idsFixture';

describe('ids/completion', () => {
	const p = project();

	it('offers the variables a component can read inside an env read, declared connections first', () => {
		const text = 'const x = process.env.CHOREO_PA';
		const list = sourceCompletions(p, 'services/orders/src/index.ts', text, text.length, 'typescript');
		assert.ok(list);
		assert.deepEqual(list.span, { offset: text.indexOf('CHOREO_PA'), length: 'CHOREO_PA'.length });
		const labels = list.items.map((i) => i.label);
		assert.ok(labels.includes('CHOREO_PAYMENTS_TOKENURL'));
		assert.ok(labels.includes('PAYMENTS_URL'), 'the env rename is offered');
		assert.ok(!labels.includes('CHOREO_PAYMENTS_SERVICEURL'), 'the renamed default is not injected, so not offered');
		assert.ok(labels.includes('CHOREO_CACHE_HOSTNAME'), 'own connection');
		assert.ok(!labels.includes('CHOREO_CACHE_SERVICEURL'), "inventory's cache is not visible");
		assert.ok(labels.includes('CHOREO_STRIPE_APIKEY'), 'visible but not declared');
		const byLabel = new Map(list.items.map((i) => [i.label, i]));
		assert.equal(byLabel.get('CHOREO_PAYMENTS_TOKENURL')!.detail, 'payments · TokenURL · project');
		assert.equal(byLabel.get('PAYMENTS_URL')!.kind, 'renamed-variable');
		assert.ok(byLabel.get('CHOREO_PAYMENTS_TOKENURL')!.sortText < byLabel.get('CHOREO_STRIPE_APIKEY')!.sortText, 'uses first');
		assert.ok(byLabel.get('CHOREO_CACHE_HOSTNAME')!.sortText < byLabel.get('CHOREO_STRIPE_APIKEY')!.sortText, 'own connections count as declared');
	});

	it('offers only the keys a service\'s security scheme injects, the likely key (ServiceURL) first', () => {
		const text = JSON.stringify({ version: 1, project: { id: 'shop', connections: [
			{ id: 'open-api', kind: 'service', target: 'service:/shop/open/v1/api/PROJECT', access: 'project', security: { scheme: 'none' } },
			{ id: 'keyed-api', kind: 'service', target: 'service:/shop/keyed/v1/api/PUBLIC', access: 'public', security: { scheme: 'api-key' } },
		], components: [{ id: 'web', path: 'web', uses: ['open-api', 'keyed-api'] }] } });
		const src = 'process.env.CHOREO_';
		const list = sourceCompletions(project(text), 'web/index.ts', src, src.length, 'typescript')!;
		const sorted = list.items.slice().sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((i) => i.label);
		assert.deepEqual(sorted, ['CHOREO_KEYED_API_SERVICEURL', 'CHOREO_OPEN_API_SERVICEURL', 'CHOREO_KEYED_API_CHOREOAPIKEY'], 'no ConsumerKey of a none or api-key service; ServiceURL before CHOREOAPIKEY');
	});

	it('works in Python, Go and on an empty name; not outside env reads', () => {
		const py = 'import os\nos.environ["CHOREO_"]';
		assert.ok(sourceCompletions(p, 'services/inventory/app.py', py, py.length - 2, 'python')?.items.some((i) => i.label === 'CHOREO_CACHE_SERVICEURL'));
		const go = 'os.Getenv("")';
		assert.ok(sourceCompletions(p, 'services/billing/main.go', go, go.length - 2, 'go')?.items.some((i) => i.label === 'CHOREO_STRIPE_SERVICEURL'));
		const ts = 'process.env.';
		assert.ok(sourceCompletions(p, 'services/orders/src/index.ts', ts, ts.length, 'typescript')?.items.length);
		const outside = 'const CHOREO_ = 1';
		assert.equal(sourceCompletions(p, 'services/orders/src/index.ts', outside, outside.length - 4, 'typescript'), undefined);
		assert.equal(sourceCompletions(p, 'elsewhere/x.ts', ts, ts.length, 'typescript'), undefined, 'not in a component');
	});

	it('offers IDs in a uses array: visible organization/project connections not yet listed', () => {
		const text = JSON_TEXT.replace('"uses": ["catalog"]', '"uses": ["catalog", ""]');
		const q = project(text);
		const offset = at(text, '"catalog", ""', 12);
		const list = jsonCompletions(q, text, offset)!;
		assert.deepEqual(list.span, { offset: offset - 1, length: 2 });
		assert.deepEqual(list.items.map((i) => i.label).sort(), ['loyalty', 'payments', 'shared-postgres', 'stripe']);
		assert.equal(list.items[0].insertText, JSON.stringify(list.items[0].label));
		assert.equal(list.items.find((i) => i.label === 'payments')!.filterText, '"payments"');
		// Between items, outside any string: the same list, inserted at the cursor.
		const bare = JSON_TEXT.replace('"uses": ["catalog"]', '"uses": ["catalog", ]');
		const list2 = jsonCompletions(project(bare), bare, at(bare, '"catalog", ]', 11))!;
		assert.equal(list2.span.length, 0);
		assert.ok(list2.items.some((i) => i.label === 'payments'));
		// An empty list, and a quote just typed (the editor closed it).
		for (const [uses, delta] of [['[]', 1], ['[""]', 2]] as const) {
			const t = JSON_TEXT.replace('"uses": ["catalog"]', `"uses": ${uses}`);
			const l = jsonCompletions(project(t), t, at(t, `"uses": ${uses}`, 8 + delta));
			assert.ok(l?.items.some((i) => i.label === 'catalog'), uses);
		}
		// Right after a complete entry: nothing to complete there.
		assert.equal(jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"uses": ["catalog"]', 18)), undefined);
	});

	it('offers IDs and keys in env, and OAuth applications of the same scope', () => {
		const conn = jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"connection": "payments"', 16))!;
		assert.ok(conn.items.some((i) => i.label === 'cache'));
		assert.ok(conn.items.some((i) => i.label === 'stripe'));
		const key = jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"key": "ServiceURL"', 9))!;
		assert.deepEqual(key.items.map((i) => i.label), ['ServiceURL', 'ConsumerKey', 'ConsumerSecret', 'TokenURL'], 'an OAuth2 service has no ChoreoAPIKey');
		const text = JSON_TEXT.replace('"security": { "scheme": "oauth2" }', '"security": { "scheme": "oauth2", "oauthApp": "" }');
		const app = jsonCompletions(project(text), text, at(text, '"oauthApp": ""', 13))!;
		assert.deepEqual(app.items.map((i) => i.label), ['shop-app']);
		assert.equal(jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"kind": "service"', 10)), undefined);
		assert.equal(jsonCompletions(p, JSON_TEXT, at(JSON_TEXT, '"uses"', 2)), undefined, 'property keys are not IDs');
	});

	it('offers names and keys in component.yaml', () => {
		const edited = YAML.replace('    - name: "cache"', '    - name: ');
		const names = yamlCompletions(p, YAML_FILE, edited, at(edited, '- name: \n', 8))!;
		assert.ok(names.items.some((i) => i.label === 'cache'));
		assert.ok(!names.items.some((i) => i.label === 'stripe' && i.sortText.startsWith('0')));
		const keys = yamlCompletions(p, YAML_FILE, YAML, at(YAML, 'key: ServiceURL', 8))!;
		assert.ok(keys.items.some((i) => i.label === 'TokenURL'));
		assert.deepEqual(keys.span, { offset: at(YAML, 'ServiceURL', 0), length: 'ServiceURL'.length });
		const tight = 'dependencies:\n  connectionReferences:\n    - name:';
		assert.ok(yamlCompletions(p, YAML_FILE, tight, tight.length)!.items.every((i) => i.insertText.startsWith(' ')));
	});

	it('completion documentation is the hover, without secret values', () => {
		const list = sourceCompletions(p, 'services/orders/src/index.ts', 'process.env.CHOREO_', 19, 'typescript')!;
		const secret = list.items.find((i) => i.label === 'CHOREO_PAYMENTS_CONSUMERSECRET')!;
		const md = candidateDocumentation(NavigationIndex.of(p), secret)!;
		assert.ok(md.includes('Reads **ConsumerSecret** of **payments**'));
		assert.doesNotMatch(md, /CANARY/);
		assertInert(md);
	});
});
