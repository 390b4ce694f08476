import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { ConnectionsProject } from '../../src/core/analysis/project';

import { CHOREO_FILES, type ChoreoFile, type ChoreoFileName } from '../../src/core/platform/choreoFiles';
import { importRepository } from '../../src/core/platform/importRepository';
import { realChoreoFiles } from './helpers';


/** The 40 real .choreo files, each as the only file of its own component folder. */
function corpus(): ChoreoFile[] {
	return [...realChoreoFiles()].map(([n, text], i) => {
		const name = CHOREO_FILES.find((f) => n.endsWith(`__.choreo__${f}`));
		assert.ok(name, n);
		return { folder: `c${String(i).padStart(2, '0')}`, name: name as ChoreoFileName, text };
	});
}

/**
 * Error findings of the analysis of an imported file together with the component.yaml files it came from;
 * the platform's own rules on the original files (`source-config-*`, sourceConfig.test.ts) are not the import's.
 */
function errorsOf(text: string, files: readonly ChoreoFile[]): string[] {
	const project = new ConnectionsProject(text);
	for (const f of files.filter((x) => x.name === 'component.yaml')) {
		project.updateChoreoFile(`${f.folder ? f.folder + '/' : ''}.choreo/component.yaml`, f.text);
	}
	const out: string[] = [];
	for (const [file, problems] of project.analyze()) {
		for (const p of problems.filter((x) => x.severity === 'error' && !x.code.startsWith('source-config-'))) {
			out.push(`${file}: ${p.code} ${JSON.stringify(p.args)}`);
		}
	}
	return out;
}

const sample = (folder: string, refs: string, extra = ''): ChoreoFile => ({
	folder, name: 'component.yaml',
	text: `schemaVersion: 1.2\ndependencies:\n  connectionReferences:\n${refs}${extra}`,
});

describe('importRepository', () => {
	it('each of the 40 real files imports into a connections.json with no error', () => {
		for (const f of corpus()) {
			const result = importRepository([f], 'acme-shop');
			assert.deepEqual(errorsOf(result.text, [f]), [], `${f.folder} (${f.name})\n${result.text}`);
			assert.equal(result.components, 1);
		}
	});

	it('all 40 together import with no error, one component per folder', () => {
		const files = corpus();
		const result = importRepository(files, 'corpus');
		assert.deepEqual(errorsOf(result.text, files), []);
		const value = parse(result.text);
		assert.equal(value.project.components.length, 40);
		assert.deepEqual(value.project.components.map((c: { path: string }) => c.path), files.map((f) => f.folder));
		assert.equal(result.components, 40);
		assert.equal(result.projectConnections + result.componentConnections, value.project.components.reduce((n: number, c: { connections?: unknown[] }) => n + (c.connections?.length ?? 0), 0) + (value.project.connections?.length ?? 0));
	});

	it('a reference two components make to the same resourceRef is a project connection; others stay with their component', () => {
		const files = [
			sample('services/orders', '    - name: payments\n      resourceRef: service:/shop/payments/v1/api/PUBLIC\n    - name: orders-db\n      resourceRef: database:pg/orders\n'),
			sample('services/billing', '    - name: payments\n      resourceRef: service:/shop/payments/v1/api/PUBLIC\n    - name: stripe\n      resourceRef: thirdparty:stripe/v1\n'),
		];
		const result = importRepository(files, 'shop');
		assert.equal(result.text, [
			'// Imported from the .choreo files of this repository by "Connections: Import from component.yaml".',
			'// 2 components, one per folder holding .choreo/. Inferred, so check:',
			'//  - scopes: a connection that two or more components reference with the same resourceRef is a project',
			'//    connection, any other belongs to its component; move one with "Connections: Change Scope";',
			'//  - the project ID is the one project that PROJECT-visibility references name (only its own project can reach',
			'//    them), else the repository folder\'s name; no organization connections are inferred;',
			'//  - secret values are never imported: Password and other secrets are { "secret": true }.',
			'// The platform reads .choreo/component.yaml: keep both in step (the sync quick fixes help).',
			'{',
			'  "version": 1,',
			'  "project": {',
			'    "id": "shop",',
			'    "connections": [',
			'      {',
			'        "id": "payments",',
			'        "kind": "service",',
			'        "target": "service:/shop/payments/v1/api/PUBLIC",',
			'        "access": "public"',
			'      }',
			'    ],',
			'    "components": [',
			'      {',
			'        "id": "billing",',
			'        "path": "services/billing",',
			'        "uses": [',
			'          "payments"',
			'        ],',
			'        "connections": [',
			'          {',
			'            "id": "stripe",',
			'            "kind": "third-party",',
			'            "target": "thirdparty:stripe/v1"',
			'          }',
			'        ]',
			'      },',
			'      {',
			'        "id": "orders",',
			'        "path": "services/orders",',
			'        "uses": [',
			'          "payments"',
			'        ],',
			'        "connections": [',
			'          {',
			'            "id": "orders-db",',
			'            "kind": "database",',
			'            "target": "database:pg/orders",',
			'            "parameters": {',
			'              "Password": {',
			'                "secret": true',
			'              }',
			'            }',
			'          }',
			'        ]',
			'      }',
			'    ]',
			'  }',
			'}',
			'',
		].join('\n'));
		assert.equal(result.projectConnections, 1);
		assert.equal(result.componentConnections, 2);
		assert.deepEqual(errorsOf(result.text, files), []);
	});

	it('the same name with two different resourceRefs stays with each component', () => {
		const files = [
			sample('a', '    - name: backend\n      resourceRef: service:/p/one/v1/api/PUBLIC\n'),
			sample('b', '    - name: backend\n      resourceRef: service:/p/two/v1/api/PUBLIC\n'),
		];
		const value = parse(importRepository(files, 'p').text);
		assert.equal(value.project.connections, undefined);
		assert.deepEqual(value.project.components.map((c: { connections: { target: string }[] }) => c.connections[0].target), ['service:/p/one/v1/api/PUBLIC', 'service:/p/two/v1/api/PUBLIC']);
	});

	it('renames from configurations.env connectionRef and legacy env from/to; secret keys only marked', () => {
		const modern = sample('db', '    - name: orders-db\n      resourceRef: database:pg/orders\n',
			'configurations:\n  env:\n    - name: DB_HOST\n      valueFrom:\n        connectionRef:\n          name: orders-db\n          key: HostName\n');
		const legacy: ChoreoFile = {
			folder: 'legacy', name: 'component-config.yaml',
			text: 'apiVersion: core.choreo.dev/v1beta1\nkind: ComponentConfig\nspec:\n  outbound:\n    serviceReferences:\n      - name: choreo:///acme/shop/auth-service/c5d5a/v1/PUBLIC\n        connectionConfig: 01ef6903-1af7-12e8-9b89-32771e9e8535\n        env:\n          - from: ServiceURL\n            to: AUTH_URL\n          - from: ConsumerSecret\n            to: AUTH_SECRET\n',
		};
		const result = importRepository([modern, legacy], 'shop');
		const value = parse(result.text);
		const [db, leg] = value.project.components;
		assert.deepEqual(db.env, { DB_HOST: { connection: 'orders-db', key: 'HostName' } });
		assert.deepEqual(leg.connections, [{ id: 'auth-service', kind: 'service', target: 'service:/shop/auth-service/v1/c5d5a/PUBLIC', access: 'public', parameters: { ConsumerSecret: { secret: true } } }]);
		assert.deepEqual(leg.env, { AUTH_URL: { connection: 'auth-service', key: 'ServiceURL' }, AUTH_SECRET: { connection: 'auth-service', key: 'ConsumerSecret' } });
		assert.deepEqual(errorsOf(result.text, [modern, legacy]), []);
	});

	it('says what it left out: a lower-precedence file, a storage reference, a name that is no valid ID', () => {
		const files: ChoreoFile[] = [
			sample('svc', '    - name: files\n      resourceRef: storage:uploads\n    - name: "bad  name!"\n      resourceRef: database:pg/x\n'),
			{ folder: 'svc', name: 'endpoints.yaml', text: 'version: 0.1\nendpoints: []\n' },
		];
		const result = importRepository(files, 'x');
		assert.deepEqual(result.notes, [
			{ code: 'shadowed-file', folder: 'svc', file: 'endpoints.yaml', by: 'component.yaml' },
			{ code: 'unsupported-reference', folder: 'svc', name: 'files', resourceRef: 'storage:uploads' },
			{ code: 'renamed-id', folder: 'svc', name: 'bad  name!', id: 'bad name' },
		]);
	});

	it('gives the same text for the same files, with the requested line ends', () => {
		const files = corpus().slice(0, 10);
		assert.equal(importRepository(files, 'r').text, importRepository([...files].reverse(), 'r').text);
		const crlf = importRepository(files, 'r', '\r\n').text;
		assert.ok(!/[^\r]\n/.test(crlf));
	});
});
