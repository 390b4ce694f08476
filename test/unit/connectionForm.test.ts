import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addConnection } from '../../src/core/edits/connectionEdits';
import {
	editField, EDITABLE_FIELDS, fieldValue, idPlaceholder, idRuleError, losersOfMove, moveError, moveTargets, newConnectionFrom,
	offeredKeys, securityChoices, starterFile, targetError, targetTemplate, validateAnswers, validateNewId,
	withAccess, type EditableField,
} from '../../src/core/views/connectionForm';
import { applyTextEdits } from '../../src/core/text/textEdit';
import { detectFormatting } from '../../src/core/text/indentation';
import { parseConnectionsText } from '../../src/core/json/parse';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { CONNECTION_KINDS } from '../../src/core/model/model';
import { viewMessageText, type ViewMessage } from '../../src/core/findings/messages';
import { fixture, problemsOf } from './helpers';

/** The English of a message of the catalogue, or undefined. */
const english = (m: ViewMessage | undefined) => (m ? viewMessageText(m) : undefined);

const TEXT = fixture('tree/connections.json');
const parsed = () => parseConnectionsText(TEXT);
const conn = (id: string, text = TEXT) => parseConnectionsText(text).model.allConnections.find((c) => c.id === id)!;
const fmt = detectFormatting(TEXT);

function apply(result: ReturnType<typeof editField>, text = TEXT): string {
	assert.ok(result.ok, result.ok ? '' : result.message);
	return applyTextEdits(text, result.edits);
}

describe('connectionForm', () => {
	it('the ID step\'s placeholder is never an ID the repository has, nor one with the same variable prefix', () => {
		const model = parseConnectionsText(JSON.stringify({ version: 1, project: { id: 'shop', connections: [
			{ id: 'orders-db', kind: 'database', target: 'database:a' }, { id: 'orders.db-2', kind: 'database', target: 'database:b' },
		] } })).model;
		assert.equal(idPlaceholder(model, 'database'), 'orders-db-3');
		assert.equal(idPlaceholder(model, 'service'), 'orders-api');
		for (const kind of [undefined, ...CONNECTION_KINDS]) {
			const id = idPlaceholder(model, kind);
			assert.equal(validateNewId(model, { scope: 'project' }, id), undefined, id);
		}
	});

	it('checks the connection name rule', () => {
		for (const ok of ['abc', 'hr-connection', 'Shared Postgres', 'a.b_c-d', 'x'.repeat(50), 'a1b']) {
			assert.equal(idRuleError(ok), undefined, ok);
		}
		assert.match(english(idRuleError('ab'))!, /at least 3/);
		assert.match(english(idRuleError('x'.repeat(51)))!, /at most 50/);
		assert.match(english(idRuleError('-abc'))!, /starts and ends/);
		assert.match(english(idRuleError('abc.'))!, /starts and ends/);
		assert.match(english(idRuleError('a--b'))!, /two delimiters/);
		assert.match(english(idRuleError('a -b'))!, /two delimiters/);
		assert.match(english(idRuleError('a/b'))!, /only letters/);
		assert.match(english(idRuleError('aé b'))!, /only letters/);
		// ReDoS-shaped input: refused by the length check before the pattern runs (no timing needed).
		assert.match(english(idRuleError('a'.repeat(49) + '!'))!, /starts and ends/);
		assert.match(english(idRuleError('a-'.repeat(10_000)))!, /at most 50/);
	});

	it('checks uniqueness among what the chosen scope can see, and variable-name collisions', () => {
		const model = parsed().model;
		assert.match(english(validateNewId(model, { scope: 'project' }, 'payments'))!, /already/);
		// A component connection's ID may not become shared: every component would see both.
		assert.match(english(validateNewId(model, { scope: 'organization' }, 'legacy-billing'))!, /already/);
		// ...but another component may have its own with that ID.
		assert.equal(validateNewId(model, { scope: 'component', componentIndex: 1 }, 'legacy-billing'), undefined);
		assert.match(english(validateNewId(model, { scope: 'component', componentIndex: 1 }, 'shared-postgres'))!, /already/);
		assert.match(english(validateNewId(model, { scope: 'project' }, 'shared.postgres'))!, /same variables \(CHOREO_SHARED_POSTGRES_/);
		assert.equal(validateNewId(model, { scope: 'project' }, 'audit-db'), undefined);
	});

	it('prefills targets that parse for every kind, and validates them', () => {
		for (const kind of CONNECTION_KINDS) {
			for (const id of ['audit-db', 'Shared Postgres', '...', 'x']) {
				assert.equal(targetError(kind, targetTemplate(kind, id, 'shop')), undefined, `${kind} ${id}`);
			}
		}
		assert.match(english(targetError('database', 'thirdparty:x/v1'))!, /third-party reference/);
		assert.equal(withAccess('service:/shop/pay/v1/api/PROJECT', 'public'), 'service:/shop/pay/v1/api/PUBLIC');
		assert.deepEqual(securityChoices('project'), ['none']);
		assert.deepEqual(securityChoices('organization'), ['oauth2', 'api-key', 'none']);
		assert.deepEqual(offeredKeys('database').filter((k) => k.secret).map((k) => k.key), ['Password']);
	});

	it('writes a new connection with secrets as { "secret": true }, never a value', () => {
		const answers = {
			kind: 'service' as const, id: 'audit', target: 'service:/shop/audit/v1/api/ORGANIZATION',
			parameters: { ServiceURL: 'https://audit', ConsumerSecret: 'CANARY-value', ChoreoAPIKey: { secret: true as const } },
		};
		assert.equal(validateAnswers(parsed().model, { scope: 'project' }, answers), undefined);
		const c = newConnectionFrom(answers);
		assert.deepEqual(JSON.parse(JSON.stringify(c)), {
			id: 'audit', kind: 'service', target: 'service:/shop/audit/v1/api/ORGANIZATION', access: 'organization',
			security: { scheme: 'oauth2' },
			parameters: { ServiceURL: 'https://audit', ConsumerSecret: { secret: true }, ChoreoAPIKey: { secret: true } },
		});
		const third = newConnectionFrom({ kind: 'third-party', id: 'sms', target: 'thirdparty:twilio/v1', secretKeys: ['AuthToken'], parameters: { ServiceURL: 'https://x' } });
		assert.deepEqual(JSON.parse(JSON.stringify(third)).parameters, { ServiceURL: 'https://x', AuthToken: { secret: true } });
		assert.equal(JSON.parse(JSON.stringify(newConnectionFrom({ kind: 'service', id: 'p', target: 'service:/a/b/v1/c/PROJECT' }))).security.scheme, 'none');
		assert.match(english(validateAnswers(parsed().model, { scope: 'project' }, { ...answers, access: 'project' }))!, /does not match/);
		assert.match(english(validateAnswers(parsed().model, { scope: 'project' }, { kind: 'service', id: 'pay2', target: 'service:/a/b/v1/c/PROJECT', security: 'oauth2' }))!, /none/);
	});

	it('adds a connection as the exact expected text', () => {
		const text = '{\n  "version": 1,\n  "project": {\n    "id": "shop",\n    "connections": []\n  }\n}\n';
		const r = addConnection(parseConnectionsText(text), { scope: 'project' }, newConnectionFrom({ kind: 'database', id: 'audit-db', target: 'database:main/audit' }), detectFormatting(text));
		assert.equal(apply(r, text), '{\n  "version": 1,\n  "project": {\n    "id": "shop",\n    "connections": [\n      {\n        "id": "audit-db",\n        "kind": "database",\n        "target": "database:main/audit"\n      }\n    ]\n  }\n}\n');
	});

	it('edits one field on the smallest path, keeping access and target in step', () => {
		const pay = conn('payments');
		let out = apply(editField(parsed(), pay, 'access', 'public', fmt));
		assert.ok(out.includes('"target": "service:/shop/payments/v1/api/PUBLIC"') && out.includes('"access": "public"'));
		out = apply(editField(parsed(), pay, 'target', 'service:/shop/payments/v2/api/PROJECT', fmt));
		assert.ok(out.includes('"access": "project"') && out.includes('"scheme": "none"'), out);
		out = apply(editField(parsed(), pay, 'security', 'api-key', fmt));
		assert.ok(out.includes('"security": { "scheme": "api-key" }'), out);
		out = apply(editField(parsed(), pay, 'oauthApp', 'other-app', fmt));
		assert.ok(out.includes('"oauthApp": "other-app"'));
		out = apply(editField(parsed(), conn('shared-postgres'), 'name', '', fmt));
		assert.ok(!out.includes('Shared Postgres'));
		const refused = editField(parsed(), pay, 'target', 'database:x', fmt);
		assert.ok(!refused.ok && /Not a valid service target/.test(refused.message));
		const refused2 = editField(parsed(), conn('shared-postgres'), 'access', 'public', fmt);
		assert.ok(!refused2.ok);
		assert.equal(fieldValue(pay, 'oauthApp'), 'shop-app');
	});

	it('field edits change nothing outside their range and always parse (E1)', () => {
		const values: Record<EditableField, fc.Arbitrary<string>> = {
			name: fc.string({ maxLength: 20 }), description: fc.string({ maxLength: 20 }),
			target: fc.constantFrom('service:/shop/x/v1/api/PUBLIC', 'service:/a/b/v3/c/PROJECT'), access: fc.constantFrom('project', 'organization', 'public'),
			security: fc.constantFrom('oauth2', 'api-key', 'none'), oauthApp: fc.constantFrom('', 'app-one', 'shop-app'),
		};
		fc.assert(fc.property(fc.constantFrom(...EDITABLE_FIELDS).chain((f) => values[f].map((v) => [f, v] as const)), ([field, value]) => {
			const r = editField(parsed(), conn('payments'), field, value, fmt);
			if (!r.ok) {
				return;
			}
			const out = applyTextEdits(TEXT, r.edits);
			assert.equal(parseConnectionsText(out).hasSyntaxErrors, false);
			const first = Math.min(...r.edits.map((e) => e.offset));
			const last = Math.max(...r.edits.map((e) => e.offset + e.length));
			assert.equal(out.slice(0, first), TEXT.slice(0, first));
			assert.equal(out.slice(out.length - (TEXT.length - last)), TEXT.slice(last));
		}), { numRuns: 200 });
	});

	it('refuses every edit while the file has syntax errors (E3)', () => {
		const broken = TEXT.replace('"version": 1,', '"version": 1,,');
		const p = parseConnectionsText(broken);
		const c = p.model.allConnections.find((x) => x.id === 'payments');
		if (c) {
			const r = editField(p, c, 'name', 'x', fmt);
			assert.ok(!r.ok && r.reason === 'syntax-errors');
		}
	});

	it('lists scope moves, says who would lose a connection, and refuses clashes', () => {
		const p = new ConnectionsProject(TEXT);
		p.updateSource('services/inventory/main.py', 'import os\nos.environ["CHOREO_SHARED_POSTGRES_HOSTNAME"]\n');
		const pg = p.index.model.allConnections.find((c) => c.id === 'shared-postgres')!;
		assert.deepEqual(moveTargets(p.index.model, pg).map((t) => `${t.label}${t.demote ? ' (demote)' : ''}`), [
			'project shop (demote)', 'component orders-api (demote)', 'component inventory (demote)',
		]);
		assert.deepEqual(losersOfMove(p, pg, { scope: 'component', componentIndex: 0 }).map((c) => c.id), ['inventory']);
		assert.deepEqual(losersOfMove(p, pg, { scope: 'project' }), []);
		const billing = p.index.model.allConnections.find((c) => c.id === 'legacy-billing')!;
		assert.equal(moveError(p.index.model, billing, { scope: 'project' }), undefined);
		assert.match(english(moveError(p.index.model, billing, { scope: 'component', componentIndex: 0 }))!, /already there/);
		const payments = p.index.model.allConnections.find((c) => c.id === 'payments')!;
		assert.equal(moveError(p.index.model, payments, { scope: 'organization' }), undefined);
	});

	it('writes a starter file that parses and validates cleanly, in the given line ends', () => {
		const text = starterFile('My Repo!');
		assert.deepEqual(problemsOf(text).map((p) => p.code), []);
		assert.ok(text.includes('"id": "my-repo"'));
		const crlf = starterFile('x', '\r\n');
		assert.ok(!/[^\r]\n/.test(crlf));
	});
});
