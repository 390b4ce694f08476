import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { referencesByConnection } from '../../src/core/views/referenceLenses';
import { db, doc, svc } from './helpers';

/** `kind@file@text` of each reference, for readable comparisons. */
function summary(project: ConnectionsProject, texts: Record<string, string>, id: string, componentId?: string): string[] {
	const c = project.index.model.allConnections.find((x) => x.id === id && (componentId === undefined || x.componentId === componentId))!;
	return referencesByConnection(project).get(c)!.map((r) => `${r.kind}@${r.file}@${texts[r.file].slice(r.offset, r.offset + r.length)}`);
}

describe('reference lenses: references per connection', () => {
	const json = doc({
		org: [db('shared-db')],
		project: [svc('payments')],
		components: [
			{ id: 'a', path: 'svc/a', uses: ['shared-db', 'payments'], env: { PAY: { connection: 'payments', key: 'ServiceURL' } } },
			{ id: 'b', path: 'svc/b', uses: ['payments'], connections: [db('cache')] },
			// Its own "payments" shadows the project's for b2 only.
			{ id: 'b2', path: 'svc/b2', connections: [db('cache'), db('payments')] },
		],
	});
	const texts: Record<string, string> = {
		'connections.json': json,
		'svc/a/x.ts': 'const u = process.env.PAY; const d = process.env.CHOREO_SHARED_DB_HOSTNAME; // process.env.CHOREO_PAYMENTS_TOKENURL',
		'svc/b/y.py': 'import os\nx = os.environ["CHOREO_PAYMENTS_TOKENURL"]\nc = os.getenv("CHOREO_CACHE_PORT")\n',
		'svc/b2/z.go': 'package main\nvar p = os.Getenv("CHOREO_PAYMENTS_HOSTNAME")\nvar c = os.Getenv("CHOREO_CACHE_PORT")\n',
		// The platform injects PAY because component.yaml renames it (connections.json's env agrees).
		'svc/a/.choreo/component.yaml': 'schemaVersion: "1.2"\ndependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n'
			+ 'configurations:\n  env:\n    - name: PAY\n      valueFrom:\n        connectionRef:\n          name: payments\n          key: ServiceURL\n',
	};
	const project = new ConnectionsProject(json);
	for (const [file, text] of Object.entries(texts)) {
		if (file.endsWith('component.yaml')) {
			project.updateChoreoFile(file, text);
		} else if (file !== 'connections.json') {
			project.updateSource(file, text);
		}
	}

	it('counts uses, env renames, source reads and component.yaml references, never the definition or comments', () => {
		assert.deepEqual(summary(project, texts, 'payments', undefined).filter((s) => !s.includes('svc/b2')), [
			'use@connections.json@"payments"',
			'env-rename@connections.json@"payments"',
			'use@connections.json@"payments"',
			'component-yaml@svc/a/.choreo/component.yaml@payments',
			'component-yaml@svc/a/.choreo/component.yaml@payments',
			'source@svc/a/x.ts@PAY',
			'source@svc/b/y.py@CHOREO_PAYMENTS_TOKENURL',
		]);
		assert.deepEqual(summary(project, texts, 'shared-db'), ['use@connections.json@"shared-db"', 'source@svc/a/x.ts@CHOREO_SHARED_DB_HOSTNAME']);
	});

	it('a component connection counts only its own component\'s references, also when another shares its ID', () => {
		assert.deepEqual(summary(project, texts, 'cache', 'b'), ['source@svc/b/y.py@CHOREO_CACHE_PORT']);
		assert.deepEqual(summary(project, texts, 'cache', 'b2'), ['source@svc/b2/z.go@CHOREO_CACHE_PORT']);
		assert.deepEqual(summary(project, texts, 'payments', 'b2'), ['source@svc/b2/z.go@CHOREO_PAYMENTS_HOSTNAME']);
	});

	it('agrees with ConnectionsProject.referencesTo for IDs defined once', () => {
		const all = referencesByConnection(project);
		for (const [c, refs] of all) {
			if (project.index.byId.get(c.id)!.length === 1) {
				const expected = project.referencesTo(c.id).filter((r) => r.kind !== 'definition');
				assert.deepEqual(new Set(refs.map((r) => `${r.file}:${r.offset}`)), new Set(expected.map((r) => `${r.file}:${r.offset}`)), c.id);
			}
		}
	});

	it('every defined connection has an entry (zero references: "unused"), also in a file with syntax errors', () => {
		const broken = new ConnectionsProject(json.replace('"kind": "database"', '"kind": "database",,'));
		const refs = referencesByConnection(broken);
		// The last good model still counts what connections.json itself says: uses entries and the env rename.
		assert.deepEqual([...refs].map(([c, r]) => `${c.componentId ?? '-'}/${c.id}=${r.length}`), ['-/shared-db=1', '-/payments=3', 'b/cache=0', 'b2/cache=0', 'b2/payments=0']);
		assert.equal(referencesByConnection(new ConnectionsProject('')).size, 0);
	});

	it('the example repository: payments has 8 references (uses, env rename, 4 reads, 2 in component.yaml)', () => {
		const root = path.resolve('examples/acme-shop');
		const ex = new ConnectionsProject(fs.readFileSync(path.join(root, 'connections.json'), 'utf8'));
		const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
		for (const f of walk(root)) {
			const rel = path.relative(root, f).split(path.sep).join('/');
			if (rel.endsWith('.choreo/component.yaml')) {
				ex.updateChoreoFile(rel, fs.readFileSync(f, 'utf8'));
			} else {
				ex.updateSource(rel, fs.readFileSync(f, 'utf8'));
			}
		}
		const payments = ex.index.model.allConnections.find((c) => c.id === 'payments')!;
		assert.deepEqual(referencesByConnection(ex).get(payments)!.map((r) => r.kind),
			['use', 'env-rename', 'component-yaml', 'component-yaml', 'source', 'source', 'source', 'source']);
	});
});
