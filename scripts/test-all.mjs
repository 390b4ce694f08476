#!/usr/bin/env node
// `npm test`: build, type check, unit tests (mocha), then the integration suite in a real VS Code.
// The last line is `N passed, N failed` over unit + integration tests; exit 1 if any stage failed.
//
// Usage: node scripts/test-all.mjs [--unit-only | --integration-only] [-- runTest options]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const unitOnly = argv.includes('--unit-only');
const integrationOnly = argv.includes('--integration-only');
const passThrough = argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : [];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const totals = { passed: 0, failed: 0 };
const stages = [];
const log = (msg) => console.log(`[test-all] ${msg}`);

/** Runs a command with inherited stdin, echoing its output; resolves with exit code and output. */
function run(cmd, args) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
		child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
		child.on('error', (e) => resolve({ code: 127, out: `${out}${e.message}\n` }));
		child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out }));
	});
}

async function stage(name, fn) {
	const t = Date.now();
	log(`${name} ...`);
	const { ok, detail } = await fn();
	const secs = ((Date.now() - t) / 1000).toFixed(1);
	stages.push({ name, ok, secs, detail });
	log(`${name}: ${ok ? 'ok' : 'FAILED'}${detail ? ` (${detail})` : ''} in ${secs} s`);
	return ok;
}

function walk(dir, re) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p, re) : re.test(e.name) ? [p] : [];
	});
}

// Compiled tests whose source is gone would keep running; delete just those (others may be building).
for (const f of walk(path.join(root, 'out', 'test'), /\.js(\.map)?$/)) {
	const source = path.join(root, path.relative(path.join(root, 'out'), f)).replace(/\.js(\.map)?$/, '.ts');
	if (!fs.existsSync(source)) fs.rmSync(f, { force: true });
}
const built = await stage('build', async () => ({ ok: (await run(process.execPath, ['esbuild.mjs', '--tests'])).code === 0 }));

if (built && !integrationOnly) {
	await stage('typecheck', async () => ({ ok: (await run(bin('tsc'), ['-p', '.', '--noEmit'])).code === 0 }));

	await stage('unit tests', async () => {
		const files = walk(path.join(root, 'out', 'test', 'unit'), /\.test\.js$/).sort();
		if (files.length === 0) {
			totals.failed += 1;
			return { ok: false, detail: 'no unit test files in out/test/unit: the build wrote none' };
		}
		const { code, out } = await run(bin('mocha'), ['--reporter', 'spec', '--no-color', ...files.map((f) => path.relative(root, f))]);
		// The spec reporter's epilogue: "N passing (…)", "N pending", "N failing".
		const count = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(out)?.[1] ?? 0);
		const epilogue = /^\s*\d+ passing\b/m.test(out);
		// Without an epilogue mocha crashed or a file failed to load: count the ticks, and at least one failure.
		const passed = epilogue ? count('passing') : (out.match(/^\s*✔ /gm) ?? []).length;
		const failed = epilogue ? count('failing') || (code !== 0 ? 1 : 0) : Math.max(1, (out.match(/^\s+\d+\) /gm) ?? []).length);
		totals.passed += passed;
		totals.failed += failed;
		return { ok: code === 0 && failed === 0, detail: `${passed} passed, ${failed} failed${count('pending') ? `, ${count('pending')} skipped` : ''}` };
	});
}

if (built && !unitOnly) {
	const ready = await stage('harness setup', async () => ({ ok: (await run('bash', ['scripts/harness/setup.sh'])).code === 0 }));
	await stage('integration tests', async () => {
		if (!ready) {
			totals.failed += 1;
			return { ok: false, detail: 'harness not installed' };
		}
		return integration(['test/integration/runTest.mjs', ...passThrough]);
	});
	// The same extension in Restricted Mode (workspace trust on, folder untrusted): docs/reliability.md T1.
	if (!passThrough.includes('--grep')) {
		await stage('restricted mode', async () => (ready ? integration(['test/integration/runTest.mjs', '--suite', 'restricted', '--untrusted', '--no-fixtures']) : { ok: false, detail: 'harness not installed' }));
		// Two workspace folders, each with its own connections.json: docs/reliability.md R4.
		await stage('multi-root', async () => (ready ? integration(['test/integration/runTest.mjs', '--suite', 'multiroot', '--multi-root', 'test/fixtures/multiroot/warehouse', '--no-fixtures']) : { ok: false, detail: 'harness not installed' }));
		// A real Choreo repository: .choreo files and no connections.json, adopted with one command (#7).
		await stage('adopt', async () => (ready ? integration(['test/integration/runTest.mjs', '--suite', 'adopt', '--example', 'test/fixtures/workspace/import-fixture', '--no-fixtures']) : { ok: false, detail: 'harness not installed' }));
	}
}

async function integration(args) {
	const { code, out } = await run(process.execPath, args);
	const m = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].at(-1);
	const passed = Number(m?.[1] ?? 0);
	const failed = m ? Number(m[2]) : 1; // no summary line: the runner itself broke
	totals.passed += passed;
	totals.failed += failed;
	return { ok: code === 0 && failed === 0, detail: `${passed} passed, ${failed} failed${m?.[3] ? `, ${m[3]} skipped` : ''}` };
}

console.log('');
for (const s of stages) log(`${s.ok ? 'ok    ' : 'FAILED'} ${s.name.padEnd(18)} ${s.secs.padStart(6)} s${s.detail ? `  ${s.detail}` : ''}`);
const ok = built && stages.every((s) => s.ok);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(ok ? 0 : 1);
