import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const statements = [...text.matchAll(/^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^[ \t]*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]);
	const calls = [...text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
	return [...statements, ...calls];
}

const CORE = path.resolve('src/core');
const core = files(CORE).filter((f) => f.endsWith('.ts'));
const folders = fs.readdirSync(CORE, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

/** The "May import:" line of a folder's README: core folders and packages it may use. */
function mayImport(folder: string): Set<string> {
	const readme = path.join(CORE, folder, 'README.md');
	assert.ok(fs.existsSync(readme), `src/core/${folder} has no README.md saying what it holds and may import`);
	const line = fs.readFileSync(readme, 'utf8').split('\n').find((l) => l.startsWith('May import:'));
	assert.ok(line, `src/core/${folder}/README.md has no "May import:" line`);
	const rest = line.slice('May import:'.length).replace(/\(.*\)/, '').replace(/\.\s*$/, '');
	return new Set(rest.split(',').map((s) => s.trim()).filter((s) => s && s !== 'nothing'));
}

describe('layering', () => {
	it('src/core never imports vscode, src/vscode or Node modules (it runs in a web worker too)', () => {
		assert.ok(core.length > 5);
		for (const f of core) {
			for (const spec of importsOf(f)) {
				assert.ok(spec !== 'vscode' && !spec.includes('/vscode/') && !spec.startsWith('node:') && !['fs', 'path', 'os', 'child_process'].includes(spec), `${path.relative('.', f)} imports ${spec}`);
			}
		}
	});

	it('src/core holds folders only, each importing only what its README allows', () => {
		const loose = fs.readdirSync(CORE).filter((n) => n.endsWith('.ts'));
		assert.deepEqual(loose, [], 'files directly in src/core');
		assert.ok(folders.length >= 8, folders.join());
		for (const folder of folders) {
			const allowed = mayImport(folder);
			for (const f of core.filter((x) => x.startsWith(path.join(CORE, folder) + path.sep))) {
				for (const spec of importsOf(f)) {
					if (spec.startsWith('.')) {
						const target = path.relative(CORE, path.resolve(path.dirname(f), spec)).split(path.sep)[0];
						assert.ok(target === folder || allowed.has(target), `${path.relative('.', f)} imports ${spec}: src/core/${folder} may import ${[...allowed].join(', ') || 'nothing'}`);
					} else {
						assert.ok(allowed.has(spec), `${path.relative('.', f)} imports the package ${spec}: src/core/${folder} may import ${[...allowed].join(', ') || 'nothing'}`);
					}
				}
			}
		}
	});

	it('no two core folders import each other (the folders form a layered graph)', () => {
		for (const a of folders) {
			for (const b of mayImport(a)) {
				if (folders.includes(b)) {
					assert.ok(!mayImport(b).has(a), `src/core/${a} and src/core/${b} may import each other`);
				}
			}
		}
	});

	it('src/vscode and src/cli reach core files only, never each other', () => {
		for (const f of files(path.resolve('src/cli')).filter((x) => x.endsWith('.ts'))) {
			for (const spec of importsOf(f)) {
				assert.ok(!spec.includes('/vscode/') && spec !== 'vscode', `${path.relative('.', f)} imports ${spec}`);
			}
		}
		for (const f of files(path.resolve('src/vscode')).filter((x) => x.endsWith('.ts'))) {
			for (const spec of importsOf(f)) {
				assert.ok(!spec.includes('/cli/') && !spec.includes('/node/'), `${path.relative('.', f)} imports ${spec}`);
			}
		}
	});

	it('src/vscode imports no Node module (it is the web worker bundle too); only src/node, the desktop entry, may', () => {
		const builtins = new Set(['fs', 'path', 'os', 'net', 'tls', 'http', 'https', 'child_process', 'crypto', 'util', 'stream', 'events', 'url', 'buffer']);
		const vscodeFiles = files(path.resolve('src/vscode')).filter((x) => x.endsWith('.ts'));
		assert.ok(vscodeFiles.length > 20, 'src/vscode has its files');
		for (const f of vscodeFiles) {
			for (const spec of importsOf(f)) {
				assert.ok(!spec.startsWith('node:') && !builtins.has(spec), `${path.relative('.', f)} imports ${spec}`);
			}
		}
		const node = files(path.resolve('src/node')).filter((x) => x.endsWith('.ts'));
		assert.ok(node.some((f) => importsOf(f).includes('node:net')), 'the desktop entry holds the TCP probe');
	});
});
