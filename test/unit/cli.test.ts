import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Finding } from '../../src/cli/main';
import { db, doc, svc } from './helpers';

function run(args: string[], cwd: string) {
	let stdout = '';
	let stderr = '';
	const code = main(args, (s) => { stdout += s + '\n'; }, (s) => { stderr += s + '\n'; }, cwd);
	return { code, stdout, stderr };
}

function repo(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connections-cli-'));
	for (const [f, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
		fs.writeFileSync(path.join(dir, f), text);
	}
	return dir;
}

describe('command line', () => {
	const clean = doc({ org: [db('shared-db')], project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['payments'] }] });

	it('exits 0 on a clean repository and says so', () => {
		const dir = repo({ 'connections.json': clean, 'orders/index.ts': 'export const u = process.env.CHOREO_PAYMENTS_SERVICEURL;\n' });
		const r = run(['validate', dir], dir);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.match(r.stdout, /0 error\(s\), 0 warning\(s\), 0 hint\(s\)/);
	});

	it('exits 1 with errors and prints file:line:column, severity and code', () => {
		const dir = repo({ 'connections.json': clean, 'orders/index.ts': '\nconst u = process.env.CHOREO_PAYMNTS_SERVICEURL;\n' });
		const r = run(['validate', '.'], dir);
		assert.equal(r.code, 1);
		assert.match(r.stdout, /^orders\/index\.ts:2:23: error \[unknown-reference\] CHOREO_PAYMNTS_SERVICEURL matches no connection/m);
	});

	it('json output has 1-based lines and columns, offsets and messages', () => {
		const text = clean.replace('"payments"\n', '"paymentz"\n');
		const dir = repo({ 'connections.json': text });
		const r = run(['validate', 'connections.json', '--format', 'json'], dir);
		assert.equal(r.code, 1);
		const findings = JSON.parse(r.stdout) as Finding[];
		assert.equal(findings.length, 1);
		const f = findings[0];
		assert.equal(f.code, 'unknown-connection');
		assert.equal(text.slice(f.offset, f.offset + f.length), '"paymentz"');
		const line = text.split('\n')[f.line - 1];
		assert.equal(line.slice(f.column - 1, f.endColumn - 1), '"paymentz"');
		assert.match(f.message, /Did you mean "payments"/);
	});

	it('sarif output is SARIF 2.1.0 with rules and regions', () => {
		const dir = repo({ 'connections.json': clean.replace('"payments"\n', '"paymentz"\n') });
		const r = run(['validate', '--format=sarif'], dir);
		const log = JSON.parse(r.stdout);
		assert.equal(log.version, '2.1.0');
		assert.equal(log.runs[0].tool.driver.rules[0].id, 'unknown-connection');
		assert.equal(log.runs[0].results[0].locations[0].physicalLocation.region.startLine > 0, true);
	});

	it('exits 2 on bad usage and unreadable input, with one line and no stack trace', () => {
		const dir = repo({});
		for (const args of [['frobnicate'], ['validate', '--format', 'xml'], ['validate', 'missing.json'], ['validate', '.'], ['validate', '--bogus']]) {
			const r = run(args, dir);
			assert.equal(r.code, 2, args.join(' '));
			assert.doesNotMatch(r.stderr, /\n\s+at /);
		}
	});

	it('non-UTF-8 and malformed files are findings (exit 1), not crashes', () => {
		for (const bytes of [Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), Buffer.from('{"version":1,"organization":{"id":"caf\xe9"}}', 'latin1'), Buffer.from('['.repeat(10000)), Buffer.from('{"a":')]) {
			const dir = repo({});
			fs.writeFileSync(path.join(dir, 'connections.json'), bytes);
			const r = run(['validate', '--format', 'json'], dir);
			assert.equal(r.code, 1);
			assert.ok((JSON.parse(r.stdout) as Finding[]).length >= 1);
		}
	});

	it('the bundled bin runs: `connections validate` on the example lists its deliberate mistakes', function () {
		const bin = path.resolve('dist/cli.js');
		if (!fs.existsSync('examples/acme-shop/connections.json')) {
			this.skip();
		}
		const r = spawnSync(process.execPath, [bin, 'validate', 'examples/acme-shop', '--format', 'json'], { encoding: 'utf8' });
		assert.equal(r.status, 1, r.stderr);
		const codes = new Set((JSON.parse(r.stdout) as Finding[]).map((f) => f.code));
		for (const c of ['unknown-connection', 'plain-secret', 'undeclared-reference', 'out-of-scope-reference', 'oauth-app-project-mismatch', 'unknown-parameter']) {
			assert.ok(codes.has(c as Finding['code']), `example should show ${c}; got ${[...codes].join(', ')}`);
		}
		assert.match(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+/);
	});
});
