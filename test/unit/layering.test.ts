import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

describe('layering', () => {
	const core = files(path.resolve('src/core')).filter((f) => f.endsWith('.ts'));

	it('src/core never imports vscode, src/vscode or Node modules (it runs in a web worker too)', () => {
		assert.ok(core.length > 5);
		for (const f of core) {
			const text = fs.readFileSync(f, 'utf8');
			const imports = [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
			for (const spec of imports) {
				assert.ok(spec !== 'vscode' && !spec.includes('/vscode/') && !spec.startsWith('node:') && !['fs', 'path', 'os', 'child_process'].includes(spec), `${path.relative('.', f)} imports ${spec}`);
			}
		}
	});
});
