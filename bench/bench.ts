// Benchmarks, separate from the tests: figures and ratios against baselines measured in the
// same run (JSON.parse, VS Code's JSON language service with the same schema, ripgrep).
// Usage: npm run bench [-- --connections 10000 --files 10000 --runs 5]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { ConnectionsProject } from '../src/core/analysis/project';
import { scanEnvReads } from '../src/core/source/envReads';
import { makeDocument } from './document';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('connections', 10000);
const FILES = opt('files', 10000);
const RUNS = opt('runs', 5);

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs = RUNS): number {
	fn(); // warm-up
	const xs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = process.hrtime.bigint();
		fn();
		xs.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	return median(xs);
}

async function timeAsync(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
	await fn();
	const xs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = process.hrtime.bigint();
		await fn();
		xs.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	return median(xs);
}

async function main(): Promise<void> {
	const rows: [string, string, string][] = [];
	const row = (what: string, figure: string, verdict = '') => { rows.push([what, figure, verdict]); console.log(`${what.padEnd(58)} ${figure.padEnd(22)} ${verdict}`); };
	console.log(`machine: ${os.cpus()[0].model} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; median of ${RUNS} runs\n`);

	const text = makeDocument(N);
	row(`document: ${N} connections`, `${(text.length / 1e6).toFixed(1)} MB`);
	const tParse = time(() => JSON.parse(text));
	row('JSON.parse (baseline)', `${tParse.toFixed(1)} ms`);
	let project!: ConnectionsProject;
	const tOurs = time(() => { project = new ConnectionsProject(text); project.analyze(); });
	const findings = project.analyze().get('connections.json')!.length;
	row(`our validation with ranges (${findings} findings)`, `${tOurs.toFixed(1)} ms`, `${(tOurs / tParse).toFixed(2)}x JSON.parse (target <= 4x)`);

	const schema = JSON.parse(fs.readFileSync(path.resolve('schemas/connections.schema.json'), 'utf8'));
	const ls = getLanguageService({});
	ls.configure({ validate: true, allowComments: true, schemas: [{ uri: 'mem://schema.json', fileMatch: ['*.json'], schema }] });
	const doc = TextDocument.create('mem://connections.json', 'jsonc', 1, text);
	const tLs = await timeAsync(async () => { const d = ls.parseJSONDocument(doc); await ls.doValidation(doc, d); }, Math.min(RUNS, 3));
	row('VS Code JSON language service, same schema', `${tLs.toFixed(1)} ms`, `ours is ${(tLs / tOurs).toFixed(1)}x faster (target >= 8x)`);

	const edited = text.replace('"id": "conn-5"', '"id": "conn-5b"');
	let flip = false;
	const tEdit = time(() => { flip = !flip; project.updateConnections(flip ? edited : text); project.analyze(); });
	row('after a one-connection edit: re-validate', `${tEdit.toFixed(1)} ms`, `${(tEdit / tParse).toFixed(2)}x JSON.parse (target <= 1x)`);

	const rss = process.memoryUsage().rss;
	row('process RSS with the model loaded', `${(rss / 1e6).toFixed(0)} MB`, `file is ${(text.length / 1e6).toFixed(1)} MB`);

	// Source indexing against ripgrep over the same files.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connections-bench-'));
	for (let i = 0; i < FILES; i++) {
		const d = path.join(dir, `services/c${i % 100}/src`);
		fs.mkdirSync(d, { recursive: true });
		fs.writeFileSync(path.join(d, `f${i}.ts`), `import x from './x';\n// module ${i}\nexport function f${i}() {\n  const url = process.env.CHOREO_CONN_${i % N}_SERVICEURL;\n  const key = process.env["CHOREO_CONN_${i % N}_CONSUMERKEY"];\n  return fetch(url + '/items', { headers: { k: key ?? '' } });\n}\n`.repeat(3));
	}
	const files: string[] = [];
	const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } };
	walk(dir);
	const tIndex = time(() => { const p = new ConnectionsProject(''); for (const f of files) p.updateSource(path.relative(dir, f), fs.readFileSync(f, 'utf8')); }, 3);
	row(`index references in ${FILES} source files (read + scan)`, `${tIndex.toFixed(1)} ms`);
	const rg = spawnSync('rg', ['--version']);
	if (rg.status === 0) {
		const tRg = time(() => execFileSync('rg', ['-c', '--no-messages', 'process\\.env', dir], { maxBuffer: 1 << 28 }), 3);
		row('ripgrep over the same files (baseline)', `${tRg.toFixed(1)} ms`, `ours ${(tIndex / tRg).toFixed(2)}x ripgrep (target <= 2x)`);
	} else {
		row('ripgrep over the same files (baseline)', 'not installed', 'apt-get install ripgrep');
	}
	const one = fs.readFileSync(files[0], 'utf8');
	const tOne = time(() => scanEnvReads(one, 'typescript'), 50);
	row('one-file update (scan)', `${tOne.toFixed(3)} ms`, 'target < 2 ms');
	fs.rmSync(dir, { recursive: true, force: true });

	const tRefs = time(() => project.referencesTo('conn-5'), 20);
	row('references of one ID (whole repository)', `${tRefs.toFixed(3)} ms`, 'target < 1 ms');
	const bundle = fs.statSync(path.resolve('dist/extension.js')).size;
	row('extension bundle (dist/extension.js, production build)', `${(bundle / 1024).toFixed(0)} KiB`, 'target < 150 KiB');
}

void main();
