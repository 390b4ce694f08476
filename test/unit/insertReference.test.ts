import assert from 'node:assert/strict';
import { applyTextEdits } from '../../src/core/text/textEdit';
import type { FormattingOptions } from '../../src/core/text/indentation';
import { parseConnectionsText } from '../../src/core/json/parse';
import { scanEnvReads } from '../../src/core/source/envReads';
import { insertReferenceEdits } from '../../src/core/source/insertion';
import { insertReferenceRefusal, planInsertReference, type InsertReferenceChoice, type PlanText } from '../../src/core/edits/insertReference';
import { snippetSpec } from '../../src/core/source/snippets/spec';
import { buildIndex, visibleConnections } from '../../src/core/model/scope';
import { db, doc, svc } from './helpers';

const JSON_FMT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
const TAB_FMT: FormattingOptions = { insertSpaces: false, tabSize: 4, eol: '\n' };

const connectionsText = doc({
	org: [db('shared-postgres')],
	project: [svc('payments', { security: { scheme: 'oauth2', oauthApp: 'shop-app' } })],
	components: [
		{ id: 'orders-api', path: 'services/orders', uses: ['shared-postgres'] },
		{ id: 'inventory', path: 'services/inventory', connections: [db('stock-db')] },
	],
});
const connections: PlanText = { text: connectionsText, format: JSON_FMT };
const source: PlanText = { text: 'import os\n\n\ndef main():\n    pass\n', format: { insertSpaces: true, tabSize: 4, eol: '\n' } };

function choice(connectionId: string, componentId = 'orders-api', extra: Partial<InsertReferenceChoice> = {}): InsertReferenceChoice {
	return { componentId, connectionId, tokenFetch: false, language: 'python', ...extra };
}

function usesOf(text: string, componentId: string): string[] | undefined {
	return parseConnectionsText(text).model.components.find((c) => c.id === componentId)?.uses.map((u) => u.id);
}

describe('insert reference: the plan for both files', () => {
	it('a connection the component does not use yet: the snippet in the source, the ID added to uses', () => {
		const plan = planInsertReference(connections, source, choice('payments'));
		assert.ok(plan.ok);
		assert.deepEqual(usesOf(applyTextEdits(connectionsText, plan.connectionsEdits), 'orders-api'), ['shared-postgres', 'payments']);
		const out = applyTextEdits(source.text, plan.sourceEdits);
		assert.deepEqual(scanEnvReads(out, 'python').map((r) => r.variable), ['CHOREO_PAYMENTS_SERVICEURL', 'CHOREO_PAYMENTS_CONSUMERKEY', 'CHOREO_PAYMENTS_CONSUMERSECRET', 'CHOREO_PAYMENTS_TOKENURL']);
		assert.equal(plan.insertedAt, source.text.indexOf('\n\ndef'));
		assert.match(out.slice(plan.insertedAt), /^\n# Choreo connection "payments"/);
	});

	it('the source edits are those of insertReferenceEdits for the connection as the component sees it', () => {
		const parsed = parseConnectionsText(connectionsText);
		const component = parsed.model.components.find((c) => c.id === 'orders-api')!;
		const c = visibleConnections(buildIndex(parsed.model), component).get('payments')!;
		const plan = planInsertReference(connections, { text: source.text, format: TAB_FMT }, choice('payments', 'orders-api', { tokenFetch: true, at: 0 }));
		assert.ok(plan.ok);
		const expected = insertReferenceEdits(source.text, 'python', snippetSpec(c, component, true), { format: { indent: '\t', eol: '\n' }, at: 0 });
		assert.deepEqual(plan.sourceEdits, expected.edits);
		assert.match(applyTextEdits(source.text, plan.sourceEdits), /def get_payments_token\(\) -> str:/);
	});

	it('an import merged into the snippet\'s edit: insertedAt is where that edit\'s text starts', () => {
		const text = 'package main\n\nfunc main() {\n}\n';
		const plan = planInsertReference(connections, { text, format: TAB_FMT }, choice('shared-postgres', 'orders-api', { language: 'go' }));
		assert.ok(plan.ok);
		const out = applyTextEdits(text, plan.sourceEdits);
		assert.match(out, /import "os"/);
		assert.match(out.slice(plan.insertedAt), /^\nimport "os"\n\n\/\/ Choreo connection "shared-postgres"/);
	});

	it('an import added above the snippet: insertedAt counts it', () => {
		const text = 'import sys\n\nx = 1\n';
		const plan = planInsertReference(connections, { text, format: TAB_FMT }, choice('shared-postgres', 'orders-api', { at: text.indexOf('x = 1') }));
		assert.ok(plan.ok);
		assert.equal(plan.sourceEdits.length, 2);
		const out = applyTextEdits(text, plan.sourceEdits);
		assert.equal(plan.insertedAt, text.indexOf('x = 1') + 'import os\n'.length);
		assert.match(out.slice(plan.insertedAt), /^# Choreo connection "shared-postgres"[^]*\nx = 1\n$/);
	});

	it('already in uses, or a component connection: no edit to connections.json', () => {
		const used = planInsertReference(connections, source, choice('shared-postgres'));
		assert.ok(used.ok);
		assert.deepEqual(used.connectionsEdits, []);
		const own = planInsertReference(connections, source, choice('stock-db', 'inventory'));
		assert.ok(own.ok);
		assert.deepEqual(own.connectionsEdits, []);
		assert.match(applyTextEdits(source.text, own.sourceEdits), /CHOREO_STOCK_DB_HOSTNAME/);
	});

	it('refused: connections.json with syntax errors, a connection the component cannot see, a component that is gone', () => {
		assert.deepEqual(planInsertReference({ text: connectionsText.slice(0, -3), format: JSON_FMT }, source, choice('payments')), { ok: false, reason: 'syntax-errors' });
		assert.deepEqual(planInsertReference(connections, source, choice('stock-db')), { ok: false, reason: 'not-visible' });
		assert.deepEqual(planInsertReference(connections, source, choice('payments', 'gone')), { ok: false, reason: 'not-visible' });
	});

	it('before asking anything: connections.json without content or with syntax errors is refused', () => {
		assert.equal(insertReferenceRefusal(connectionsText), undefined);
		assert.equal(insertReferenceRefusal(''), 'syntax-errors');
		assert.equal(insertReferenceRefusal('{ "organization": '), 'syntax-errors');
	});
});
