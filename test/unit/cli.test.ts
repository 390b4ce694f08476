import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/cli/main';
import { repo, run } from './cliHelpers';
import { db, doc, svc } from './helpers';


describe('command line', () => {
	const clean = doc({ org: [db('shared-db')], project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['payments'] }] });
	/** The component.yaml that agrees with `clean`: without one, the component gets an information finding. */
	const yaml = { 'orders/.choreo/component.yaml': 'schemaVersion: "1.2"\ndependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n' };

	it('exits 0 on a clean repository and says so', () => {
		const dir = repo({ 'connections.json': clean, ...yaml, 'orders/index.ts': 'export const u = process.env.CHOREO_PAYMENTS_SERVICEURL;\n' });
		const r = run(['validate', dir], dir);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.equal(r.stdout, '0 error(s), 0 warning(s), 0 hint(s)\n');
	});

	it('exits 1 with errors and prints file:line:column, severity and code', () => {
		const dir = repo({ 'connections.json': clean, ...yaml, 'orders/index.ts': '\nconst u = process.env.CHOREO_PAYMNTS_SERVICEURL;\n' });
		const r = run(['validate', '.'], dir);
		assert.equal(r.code, 1);
		assert.deepEqual(r.stdout.split('\n'), [
			'connections.json:29:11: hint [unused-connection] Component "orders" declares "payments" but its source under "orders" never reads a CHOREO_PAYMENTS_* variable. Remove it from "uses" if it is not needed.',
			'orders/index.ts:2:23: error [unknown-reference] CHOREO_PAYMNTS_SERVICEURL matches no connection visible to component "orders". Did you mean "CHOREO_PAYMENTS_SERVICEURL"?',
			'1 error(s), 0 warning(s), 1 hint(s)',
			'',
		]);
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
		assert.deepEqual([f.line, f.column, f.endLine, f.endColumn, f.severity], [29, 11, 29, 21, 'error']);
		assert.equal(f.message, 'No connection "paymentz" is visible to component "orders". Did you mean "payments"?');
	});

	it('sarif output is SARIF 2.1.0 with rules and regions', () => {
		const dir = repo({ 'connections.json': clean.replace('"payments"\n', '"paymentz"\n'), 'orders/.choreo/component.yaml': 'schemaVersion: "1.2"\n' });
		const r = run(['validate', '--format=sarif'], dir);
		const log = JSON.parse(r.stdout);
		assert.equal(log.version, '2.1.0');
		assert.deepEqual(log.runs[0].tool.driver.rules.map((rule: { id: string; defaultConfiguration: { level: string }; helpUri: string }) => [rule.id, rule.defaultConfiguration.level, rule.helpUri]),
			[['unknown-connection', 'error', 'https://github.com/connections-tools/choreo-connections/blob/main/docs/rules.md#unknown-connection']]);
		const [result] = log.runs[0].results;
		assert.equal(result.message.text, 'No connection "paymentz" is visible to component "orders". Did you mean "payments"?');
		assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'connections.json');
		assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 29, startColumn: 11, endLine: 29, endColumn: 21, charOffset: 562, charLength: 10 });
	});

	it('exits 2 on bad usage and unreadable input, with one line and no stack trace', () => {
		const dir = repo({});
		const cases: [string[], string][] = [
			[['frobnicate'], 'connections: unknown command "frobnicate"'],
			[['validate', '--format', 'xml'], 'connections: --format must be text, json or sarif, not "xml"'],
			[['validate', 'missing.json'], `connections: no such file or folder: ${path.join(dir, 'missing.json')}`],
			[['validate', '.'], `connections: no connections.json in ${dir}, and no .choreo files under it`],
			[['validate', '--bogus'], 'connections: unknown option "--bogus"'],
		];
		for (const [args, first] of cases) {
			const r = run(args, dir);
			assert.equal(r.code, 2, args.join(' '));
			assert.equal(r.stdout, '', args.join(' '));
			assert.equal(r.stderr.split('\n')[0], first);
			assert.doesNotMatch(r.stderr, /\n\s+at /);
		}
	});

	it('non-UTF-8 and malformed files are findings (exit 1), not crashes', () => {
		const cases: [Buffer, string[]][] = [
			[Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), ['unreadable-file 1:1 Cannot read this file: it is encoded as UTF-16; save it as UTF-8.']],
			[Buffer.from('{"version":1,"organization":{"id":"caf\xe9"}}', 'latin1'), ['unreadable-file 1:1 Cannot read this file: it is not valid UTF-8 (perhaps Latin-1); save it as UTF-8.']],
			[Buffer.from('['.repeat(10000)), ['too-deep 1:65 Nesting deeper than 64 levels: the file is not analysed further. connections.json never needs more than 8 levels.']],
			[Buffer.from('{"a":'), [
				'syntax-error 1:6 A value is expected. Fix the syntax first: nothing else in this file is checked or edited until it parses.',
				'syntax-error 1:6 A closing brace "}" is expected. Fix the syntax first: nothing else in this file is checked or edited until it parses.',
			]],
		];
		for (const [bytes, expected] of cases) {
			const dir = repo({});
			fs.writeFileSync(path.join(dir, 'connections.json'), bytes);
			const r = run(['validate', '--format', 'json'], dir);
			assert.equal(r.code, 1);
			assert.deepEqual((JSON.parse(r.stdout) as Finding[]).map((f) => `${f.code} ${f.line}:${f.column} ${f.message}`), expected);
		}
	});

	it('the bundled bin runs: `connections validate` on the example lists its deliberate mistakes', () => {
		const bin = path.resolve('dist/cli.js');
		assert.ok(fs.existsSync(bin), `${bin} is missing: build it with \`node esbuild.mjs\``);
		assert.ok(fs.existsSync('examples/acme-shop/connections.json'), 'examples/acme-shop/connections.json is missing: the example repository is part of this repository');
		const r = spawnSync(process.execPath, [bin, 'validate', 'examples/acme-shop', '--format', 'json'], { encoding: 'utf8' });
		assert.equal(r.status, 1, r.stderr);
		const codes = new Set((JSON.parse(r.stdout) as Finding[]).map((f) => f.code));
		for (const c of ['unknown-connection', 'plain-secret', 'undeclared-reference', 'out-of-scope-reference', 'oauth-app-project-mismatch', 'unknown-parameter']) {
			assert.ok(codes.has(c as Finding['code']), `example should show ${c}; got ${[...codes].join(', ')}`);
		}
		const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
		assert.equal(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim(), version);
	});
});

describe('the $connections problem matcher (package.json)', () => {
	it('reads every line of the text format: file, line, column, severity, code and message', () => {
		const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { contributes: { problemMatchers: { name: string; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }[] } };
		const matcher = pkg.contributes.problemMatchers.find((m) => m.name === 'connections');
		assert.ok(matcher, 'contributed as $connections');
		const re = new RegExp(matcher.pattern.regexp);
		const dir = path.resolve('examples/acme-shop');
		const r = run(['validate'], dir);
		const lines = r.stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l));
		assert.ok(lines.length >= 9, r.stdout);
		const json = JSON.parse(run(['validate', '--format', 'json'], dir).stdout) as { file: string; line: number; column: number; severity: string; code: string; message: string }[];
		assert.deepEqual(lines.map((l) => {
			const m = re.exec(l);
			assert.ok(m, `the matcher reads: ${l}`);
			const p = matcher.pattern;
			return { file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity], code: m[p.code], message: m[p.message] };
		}), json.map((f) => ({ file: f.file, line: f.line, column: f.column, severity: f.severity, code: f.code, message: f.message })));
	});
});
