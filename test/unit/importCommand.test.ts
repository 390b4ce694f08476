import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, run } from './cliHelpers';


const ORDERS = 'schemaVersion: 1.2\n# the shop\'s database\ndependencies:\n  connectionReferences:\n    - name: orders-db\n      resourceRef: database:pg/orders\n';

describe('command line: connections import', () => {
	it('prints the imported file, which then validates with exit 0', () => {
		const dir = repo({ 'services/orders/.choreo/component.yaml': ORDERS });
		const r = run(['import', dir], dir);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^\/\/ Imported from the \.choreo files/);
		assert.match(r.stdout, /"path": "services\/orders"/);
		assert.ok(!fs.existsSync(path.join(dir, 'connections.json')), 'printing writes nothing');
		fs.writeFileSync(path.join(dir, 'connections.json'), r.stdout);
		const v = run(['validate', dir], dir);
		assert.equal(v.code, 0, v.stdout);
	});

	it('--write creates connections.json, and never overwrites it without --force', () => {
		const dir = repo({ '.choreo/component.yaml': ORDERS });
		const first = run(['import', '--write'], dir);
		assert.equal(first.code, 0, first.stderr);
		assert.match(first.stderr, /wrote .*connections\.json: 1 component\(s\), 0 project and 1 component connection\(s\)/);
		const written = fs.readFileSync(path.join(dir, 'connections.json'), 'utf8');
		assert.match(written, /"id": "orders-db"/);
		fs.writeFileSync(path.join(dir, 'connections.json'), '{"version": 1} // mine\n');
		const again = run(['import', '.', '--write'], dir);
		assert.equal(again.code, 2);
		assert.match(again.stderr, /exists; add --force to replace it/);
		assert.equal(fs.readFileSync(path.join(dir, 'connections.json'), 'utf8'), '{"version": 1} // mine\n');
		const forced = run(['import', '.', '--write', '--force'], dir);
		assert.equal(forced.code, 0);
		assert.equal(fs.readFileSync(path.join(dir, 'connections.json'), 'utf8'), written);
	});

	it('exits 2 with nothing to import, an unknown option or two folders', () => {
		const dir = repo({ 'README.md': 'no platform files\n' });
		assert.match(run(['import', dir], dir).stderr, /no \.choreo\/component\.yaml, component-config\.yaml or endpoints\.yaml under/);
		assert.equal(run(['import', dir], dir).code, 2);
		assert.equal(run(['import', '--yes'], dir).code, 2);
		assert.equal(run(['import', 'a', 'b'], dir).code, 2);
	});

	it('says which files it did not read and what it left out', () => {
		const dir = repo({
			'a/.choreo/component.yaml': ORDERS,
			'a/.choreo/endpoints.yaml': 'version: 0.1\nendpoints: []\n',
			'b/.choreo/component.yaml': 'schemaVersion: 1.2\ndependencies:\n  connectionReferences:\n    - name: files\n      resourceRef: storage:uploads\n',
		});
		fs.mkdirSync(path.join(dir, 'c/.choreo'), { recursive: true });
		fs.symlinkSync('/etc/passwd', path.join(dir, 'c/.choreo/component.yaml'));
		const r = run(['import', dir], dir);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stderr, /not read: c\/\.choreo\/component\.yaml: not a regular file/);
		assert.match(r.stderr, /a\/\.choreo\/endpoints\.yaml is not read: the platform reads component\.yaml first\./);
		assert.match(r.stderr, /b: "files" \(storage:uploads\) is not imported: connections\.json has no connection kind for it\./);
		assert.ok(!r.stdout.includes('root:'), 'nothing of the symlink target is read');
	});
});

describe('command line: validate on a folder with .choreo files and no connections.json', () => {
	it('lists the platform files\' structural problems with ranges, says there is no connections.json, exits 1 on an error', () => {
		const dir = repo({
			'svc/.choreo/component.yaml': 'schemaVersion: 1.2\nconfigurations:\n  env:\n    - name: 1BAD\n      value: x\n',
			'svc/.choreo/endpoints.yaml': 'version: 0.1\nendpoints: []\n',
		});
		const r = run(['validate', dir, '--format', 'json'], dir);
		assert.equal(r.code, 1, r.stderr);
		const findings = JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string; severity: string }[];
		assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`), [
			'svc/.choreo/component.yaml:4:13 error source-config-env-name',
			'svc/.choreo/endpoints.yaml:1:1 warning source-config-unused-file',
			'connections.json:1:1 info no-connections-file',
		]);
	});

	it('exits 0 when the files have no error, and 2 when there is nothing at all to check', () => {
		const dir = repo({ '.choreo/component.yaml': ORDERS });
		const r = run(['validate', dir], dir);
		assert.equal(r.code, 0, r.stdout);
		assert.match(r.stdout, /info \[no-connections-file\] There is no connections\.json in \.: only the platform's \.choreo files were checked/);
		const empty = repo({ 'README.md': '\n' });
		const e = run(['validate', empty], empty);
		assert.equal(e.code, 2);
		assert.match(e.stderr, /no connections\.json in .*, and no \.choreo files under it/);
	});

	it('checks schemaFilePath against regular files inside the repository only', () => {
		const dir = repo({
			'svc/.choreo/component.yaml': 'schemaVersion: 1.2\nendpoints:\n  - name: api\n    service:\n      port: 8080\n    type: REST\n    schemaFilePath: openapi.yaml\n  - name: out\n    service:\n      port: 8081\n    type: REST\n    schemaFilePath: ../../outside.yaml\n',
			'svc/openapi.yaml': 'openapi: 3.0.0\n',
		});
		fs.writeFileSync(path.join(path.dirname(dir), 'outside.yaml'), 'x\n');
		const r = run(['validate', dir, '--format', 'json'], dir);
		const codes = (JSON.parse(r.stdout) as { code: string; line: number }[]).map((f) => `${f.line} ${f.code}`);
		assert.deepEqual(codes, ['12 source-config-schema-file', '1 no-connections-file']);
	});
});
