import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConnectionsProject } from '../../src/core/analysis/project';
import {
	buildTree, connectionTooltip, contextValueOf, componentTooltip, summarizeFindings, usageCounts, walkTree, type TreeNode,
} from '../../src/core/views/treeModel';
import type { ViewMessage } from '../../src/core/findings/messages';
import { fixture } from './helpers';

const TEXT = fixture('tree/connections.json');
const SOURCES: Record<string, string> = {
	'services/orders/index.ts': [
		'const url = process.env.CHOREO_PAYMENTS_SERVICEURL;',
		'const host = process.env.CHOREO_SHARED_POSTGRES_HOSTNAME;',
		'const port = process.env.CHOREO_SHARED_POSTGRES_PORT;',
		'const billing = process.env.CHOREO_LEGACY_BILLING_SERVICEURL;',
		'',
	].join('\n'),
	'services/inventory/main.py': 'import os\nhost = os.environ["CHOREO_SHARED_POSTGRES_HOSTNAME"]\n',
};

function project(text = TEXT, sources = SOURCES): ConnectionsProject {
	const p = new ConnectionsProject(text);
	for (const [file, src] of Object.entries(sources)) {
		p.updateSource(file, src);
	}
	p.sourcesComplete = true;
	return p;
}

function tree(p = project()): TreeNode[] {
	return buildTree(p, { problems: p.analyze().get('connections.json') });
}

function find(nodes: TreeNode[], key: string): TreeNode {
	const n = [...walkTree(nodes)].find((x) => x.key === key);
	assert.ok(n, `no node ${key}; have ${[...walkTree(nodes)].map((x) => x.key).join(', ')}`);
	return n;
}

/** What a reader sees of a node: label, description, context value, icon. */
const seen = (n: TreeNode) => `${n.label} | ${n.description} | ${contextValueOf(n.role)} | ${n.icon}`;

describe('treeModel', () => {
	it('lists the organization, the project with its connections and a Components group, each component with own and used connections', () => {
		const nodes = tree();
		assert.deepEqual(nodes.map(seen), [
			'acme | organization · 1 connection | scope.organization | organization',
			'shop | project · 1 connection | scope.project | project',
		]);
		assert.deepEqual(nodes[1].children.map(seen), [
			'payments | service · project · organization access · oauth2 · 1 ref | connection.defined.project | plug',
			'Components | 2 components | components | layers',
		]);
		const orders = find(nodes, 'component:orders-api');
		assert.equal(seen(orders), 'orders-api | service · services/orders | component | package');
		assert.deepEqual(orders.children.map(seen), [
			'legacy-billing | third-party · component · 1 ref | connection.defined.component | globe',
			'shared-postgres | database · organization · used · 2 refs | connection.used | database',
			'payments | service · project · organization access · oauth2 · used · 1 ref | connection.used | plug',
			'nowhere | not defined · used · 1 error | connection.used | question',
		]);
		assert.deepEqual(find(nodes, 'component:inventory').children.map(seen), [
			'shared-postgres | database · organization · used · 1 ref | connection.used | database',
		]);
	});

	it('shows a problem count and state on the connection whose span holds a finding', () => {
		const nodes = tree();
		const pg = find(nodes, 'org/c:shared-postgres');
		assert.deepEqual(pg.problems, { errors: 0, warnings: 1 }); // the plain Password
		assert.equal(pg.description, 'database · organization · 3 refs · 1 warning');
		const nowhere = find(nodes, 'component:orders-api/use:nowhere');
		assert.deepEqual(nowhere.problems, { errors: 1, warnings: 0 });
		assert.equal(nowhere.connection, undefined);
		assert.deepEqual(find(nodes, 'project/c:payments').problems, { errors: 0, warnings: 0 });
		// The component adds up its children.
		assert.deepEqual(find(nodes, 'component:orders-api').problems, { errors: 1, warnings: 0 });
		// Without findings (validation off) there is no problem state.
		const quiet = buildTree(project());
		assert.ok([...walkTree(quiet)].every((n) => n.problems.errors === 0 && n.problems.warnings === 0));
	});

	it('counts usages from source and component.yaml, by the connection each component sees', () => {
		const p = project();
		const counts = usageCounts(p);
		const byId = (id: string) => p.index.model.allConnections.find((c) => c.id === id)!;
		assert.equal(counts.byConnection.get(byId('shared-postgres')), 3);
		assert.equal(counts.byConnection.get(byId('payments')), 1);
		assert.equal(counts.byConnection.get(byId('legacy-billing')), 1);
		// Agrees with referencesTo (source and component.yaml kinds).
		for (const c of p.index.model.allConnections) {
			const refs = p.referencesTo(c.id).filter((r) => r.kind === 'source' || r.kind === 'component-yaml').length;
			assert.equal(counts.byConnection.get(c) ?? 0, refs, c.id);
		}
		assert.equal(counts.byComponent.get('inventory')?.get(byId('shared-postgres')), 1);
		// payments is read once (CHOREO_PAYMENTS_SERVICEURL, by orders-api).
		assert.equal(find(tree(p), 'project/c:payments').refs, 1);
	});

	it('keeps node keys stable across an edit that moves text, and sets parents', () => {
		const before = tree();
		const edited = TEXT.replace('"version": 1,', '"version": 1,\n  // a comment that shifts every offset');
		const after = tree(project(edited));
		assert.deepEqual([...walkTree(after)].map((n) => n.key), [...walkTree(before)].map((n) => n.key));
		const pay = find(after, 'project/c:payments');
		assert.equal(pay.parent?.key, 'project');
		assert.equal(find(after, 'component:orders-api').parent?.key, 'components');
		assert.equal(after[0].parent, undefined);
	});

	it('gives duplicate IDs distinct keys', () => {
		const text = JSON.stringify({ version: 1, organization: { id: 'a', connections: [{ id: 'dup', kind: 'database', target: 'database:x' }, { id: 'dup', kind: 'database', target: 'database:y' }] } });
		const keys = [...walkTree(buildTree(new ConnectionsProject(text)))].map((n) => n.key);
		assert.equal(new Set(keys).size, keys.length);
	});

	it('builds no tree and never throws for text with syntax errors', () => {
		assert.doesNotThrow(() => buildTree(new ConnectionsProject('{"organization": {"id": "a", "connections": [')));
		fc.assert(fc.property(fc.string(), (s) => {
			const p = new ConnectionsProject(s);
			buildTree(p, { problems: p.analyze().get('connections.json') });
		}), { numRuns: 300 });
	});

	it('tooltips say scope, kind, target, access, security, OAuth application, users, variables and parameters', () => {
		const p = project();
		const pay = p.index.model.allConnections.find((c) => c.id === 'payments')!;
		const orders = p.index.model.components[0];
		const md = connectionTooltip(p.index, pay, { refs: 1, renames: p.injectedRenames(orders), secretState: (k) => (k === 'ConsumerSecret' ? 'set' : 'not set') });
		const plain = md.replace(/\\(.)/g, '$1');
		for (const want of [
			'- Scope: project', '- Kind: service', '- Target: service:/shop/payments/v1/api/ORGANIZATION', '- Access: organization',
			'- Security: oauth2', '- OAuth application: shop-app', '- Used by: orders-api', '- References: 1',
			'- PAYMENTS_URL (renamed from CHOREO_PAYMENTS_SERVICEURL)', '- CHOREO_PAYMENTS_CONSUMERKEY',
			'- ServiceURL: "https://payments.dev.acme.io"', '- ConsumerSecret: secret: set', '- ChoreoAPIKey: secret: not set', '- TokenURL: not set',
		]) {
			assert.ok(plain.includes(want), `missing ${want} in\n${plain}`);
		}
		const pg = p.index.model.allConnections.find((c) => c.id === 'shared-postgres')!;
		const pgText = connectionTooltip(p.index, pg).replace(/\\(.)/g, '$1');
		assert.ok(pgText.includes('- HostName: development = "db.dev.acme.internal", production = "db.acme.internal"'), pgText);
		assert.ok(pgText.includes('- Used by: orders-api, inventory'), pgText);
		assert.ok(pgText.includes('- Password: secret'), pgText);
	});

	it('says set / not set per environment when the repository declares environments', () => {
		const p = project();
		const pay = p.index.model.allConnections.find((c) => c.id === 'payments')!;
		const md = connectionTooltip(p.index, pay, {
			secretStates: (k) => (k === 'ConsumerSecret' ? [{ environment: 'development', set: true }, { environment: 'production', set: false }] : [{ set: false }]),
		}).replace(/\\(.)/g, '$1');
		assert.ok(md.includes('- ConsumerSecret: secret: set in development, not set in production'), md);
		assert.ok(md.includes('- ChoreoAPIKey: secret: not set'), md);
	});

	it('never puts a secret value in a tooltip, not even one written in plain text in the file (S2)', () => {
		const p = project();
		const canary = 'CANARY-7f3a-plain-in-file';
		for (const c of p.index.model.allConnections) {
			for (const state of ['set', 'not set', 'unknown'] as const) {
				const md = connectionTooltip(p.index, c, { secretState: () => state });
				const plain = md.replace(/\\(.)/g, '$1');
				for (let i = 0; i + 5 <= canary.length; i++) {
					assert.ok(!plain.includes(canary.slice(i, i + 5)), `tooltip of ${c.id} has part of the secret`);
				}
			}
		}
		for (const n of walkTree(tree(p))) {
			assert.ok(!`${n.label}${n.description}`.includes('CANARY'));
		}
	});

	it('escapes workspace text: no live link, no HTML, no code span (T2)', () => {
		const p = project();
		const pg = p.index.model.allConnections.find((c) => c.id === 'shared-postgres')!;
		const md = connectionTooltip(p.index, pg);
		assert.ok(!/\]\(command:/.test(md), md);
		assert.ok(!/(^|[^\\])</.test(md), md);
		assert.ok(md.includes('\\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) \\<img src\\=x onerror\\=alert\\(1\\)\\>'), md);
		const comp = componentTooltip({ ...p.index.model.components[0], id: '<b>x</b>' });
		assert.ok(!comp.includes('<b>'));
	});

	it('truncates long labels and descriptions', () => {
		const text = JSON.stringify({ version: 1, organization: { id: 'o'.repeat(300), connections: [] } });
		assert.ok(buildTree(new ConnectionsProject(text))[0].label.length <= 60);
	});

	it('takes every word of labels, descriptions and tooltips from the catalogue, so the editor can localise them', () => {
		const p = project();
		const say = (m: ViewMessage) => `<${m.code}${Object.values(m.args).map((v) => ` ${v}`).join('')}>`;
		const nodes = buildTree(p, { problems: p.analyze().get('connections.json'), say });
		assert.equal(find(nodes, 'components').label, '<tree-components>');
		assert.equal(find(nodes, 'components').description, '<tree-component-count 2>');
		assert.match(find(nodes, 'org').description, /^organization · <tree-connection-count(-one)? \d+>$/);
		const pg = p.index.model.allConnections.find((c) => c.id === 'shared-postgres')!;
		const tip = connectionTooltip(p.index, pg, { say, secretState: () => 'set' });
		assert.ok(!/Scope|Kind|Variables|Parameters|secret/.test(tip.replace(/<[^>]*>/g, '')), tip);
		assert.ok(!/Type|Uses|not set/.test(componentTooltip(p.index.model.components[0], say).replace(/<[^>]*>/g, '')));
	});

	it('summarizes findings: errors, warnings and files with either', () => {
		const p = project();
		const s = summarizeFindings(p.analyze().values());
		assert.ok(s.errors >= 1 && s.warnings >= 1 && s.files >= 1);
		assert.deepEqual(summarizeFindings([[], []]), { errors: 0, warnings: 0, files: 0 });
	});
});
