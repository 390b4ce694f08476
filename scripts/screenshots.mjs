#!/usr/bin/env node
// `npm run screenshots`: builds, starts the real editor on examples/acme-shop (through the test
// harness, viewport 1280x800) and writes the README's pictures to docs/images/:
// tree.png, quick-fix.png, code-lens.png, hover.png. Extra arguments go to the runner, e.g.
// `npm run screenshots -- --grep hover` to retake one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const images = path.join(root, 'docs', 'images');
fs.mkdirSync(images, { recursive: true });

const run = (args, env = {}) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let status = run([path.join(root, 'esbuild.mjs'), '--tests']);
if (status === 0) {
	status = run([path.join(root, 'test', 'integration', 'runTest.mjs'), '--suite', 'screenshots', '--no-fixtures', ...process.argv.slice(2)], { SCREENSHOTS_DIR: images });
}
for (const name of ['tree.png', 'quick-fix.png', 'code-lens.png', 'hover.png']) {
	const p = path.join(images, name);
	console.log(`[screenshots] ${fs.existsSync(p) ? `${name} ${(fs.statSync(p).size / 1024).toFixed(0)} KiB` : `${name} missing`}`);
}
process.exit(status);
