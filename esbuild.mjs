// One build script for the extension (Node and web), the command line, the tests and the
// benchmarks. Usage: node esbuild.mjs [--production] [--tests] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchemaArtifacts } from './scripts/generateSchema.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

generateSchemaArtifacts(root);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
	bundle: true,
	format: 'cjs',
	external: ['vscode'],
	// Without 'module' first, jsonc-parser's UMD build is bundled with unresolved require()s.
	mainFields: ['module', 'main'],
	logOverride: { 'import-is-undefined': 'error' },
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: 'warning',
	legalComments: 'none',
};

/** All files under dir whose name matches re. */
function walk(dir, re) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p, re) : re.test(e.name) ? [p] : [];
	});
}

const builds = [
	{ ...common, platform: 'node', target: 'node20', entryPoints: ['src/node/extension.ts'], outfile: 'dist/extension.js' },
	{ ...common, platform: 'browser', target: 'es2022', entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js',
		define: { 'process.env.NODE_ENV': '"production"' } },
	{ ...common, platform: 'node', target: 'node20', entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
		banner: { js: '#!/usr/bin/env node' }, define: { CLI_VERSION: JSON.stringify(pkg.version) } },
];
if (tests) {
	// Stale bundles of renamed or deleted tests would still run: start from an empty out/test.
	fs.rmSync(path.join(root, 'out/test'), { recursive: true, force: true });
	const unit = walk(path.join(root, 'test/unit'), /\.test\.ts$/);
	builds.push({ ...common, minify: false, platform: 'node', target: 'node20', entryPoints: unit, outdir: 'out/test/unit', outbase: 'test/unit', external: ['vscode', 'mocha'] });
	// Integration suites, each in its own folder (suite: the tests; screenshots: the README images; restricted: Restricted Mode; multiroot: two workspace folders; adopt: a repository with only .choreo files).
	for (const suite of ['suite', 'screenshots', 'restricted', 'multiroot', 'adopt']) {
		const entries = walk(path.join(root, 'test/integration', suite), /\.ts$/);
		if (entries.length) {
			builds.push({ ...common, minify: false, platform: 'node', target: 'node20', entryPoints: entries, outdir: `out/test/integration/${suite}`, outbase: `test/integration/${suite}`, external: ['vscode', 'mocha'] });
		}
	}
	const bench = walk(path.join(root, 'bench'), /\.ts$/);
	if (bench.length) {
		builds.push({ ...common, minify: false, platform: 'node', target: 'node20', entryPoints: bench, outdir: 'out/bench', outbase: 'bench', external: ['vscode', 'vscode-json-languageservice'] });
	}
}

if (watch) {
	for (const b of builds) (await esbuild.context(b)).watch();
	console.log('[esbuild] watching');
} else {
	await Promise.all(builds.map((b) => esbuild.build(b)));
	fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
}
