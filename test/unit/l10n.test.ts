import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MESSAGES, VIEW_MESSAGES } from '../../src/core/findings/messages';
import { catalogueTemplates, expectedBundle, glueFiles, l10nLiterals } from './l10nStrings';

const root = path.resolve('.');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const nls = JSON.parse(fs.readFileSync('package.nls.json', 'utf8'));
const bundlePath = path.join(root, pkg.l10n ?? './l10n', 'bundle.l10n.json');

describe('localisation', () => {
	const bundle: Record<string, string> = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));

	it('package.json points vscode.l10n at the l10n folder, and the folder ships', () => {
		assert.equal(pkg.l10n, './l10n');
		assert.ok(fs.readFileSync('.vscodeignore', 'utf8').split('\n').includes('!l10n/**'));
	});

	it('the bundle has every vscode.l10n.t literal of src/vscode', () => {
		let count = 0;
		for (const file of glueFiles(root)) {
			for (const message of l10nLiterals(fs.readFileSync(file, 'utf8'))) {
				count++;
				assert.equal(bundle[message], message, `${path.relative(root, file)}: "${message}" is not in l10n/bundle.l10n.json (run node scripts/l10n-bundle.mjs)`);
			}
		}
		assert.ok(count > 100, `found only ${count} literals`);
		assert.deepEqual(l10nLiterals(`vscode.l10n.t('it\\'s {0}', x); vscode.l10n.t(\n\t"two"); l10n.t(MESSAGES[c])`), ['it\'s {0}', 'two']);
	});

	it('the bundle has every catalogue template the editor localises by code, and nothing else', () => {
		const templates = catalogueTemplates();
		for (const t of [...Object.values(MESSAGES), ...Object.values(VIEW_MESSAGES)]) {
			assert.ok(templates.includes(t), t);
		}
		for (const t of templates) {
			assert.equal(bundle[t], t, `catalogue template "${t}" is not in l10n/bundle.l10n.json (run node scripts/l10n-bundle.mjs)`);
		}
		assert.deepEqual(Object.keys(bundle).sort(), Object.keys(expectedBundle(root)).sort(), 'l10n/bundle.l10n.json is stale: run node scripts/l10n-bundle.mjs');
	});

	it('vscode.l10n.t is given a literal or a catalogue template, never text built elsewhere', () => {
		// Known by-code uses; a new one must be a catalogue (in the bundle) or be added here with a reason.
		const byCode = [
			/^(MESSAGES|VIEW_MESSAGES)\[/, /^REFUSAL_MESSAGES\[/, /^NAVIGATION_MESSAGES[[.]/,
			/^fix\.titleTemplate\b/, // TODO(#6): fix titles are templates in src/core/edits/fixes.ts, not yet in the catalogue
			/^text\)/, // TODO(#6): navigationContext.ts translate(): fixed English of src/core/ids
		];
		for (const file of glueFiles(root)) {
			for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bl10n\.t\(\s*(?!['"`])([^\n]{0,40})/g)) {
				assert.ok(byCode.some((re) => re.test(m[1])), `${path.relative(root, file)}: vscode.l10n.t(${m[1]}…) is neither a literal nor a catalogue template`);
			}
		}
	});

	it('package.nls.json has a text for every %key% of package.json, and no key that package.json does not use', () => {
		const used = new Set([...JSON.stringify(pkg).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]));
		for (const key of used) {
			assert.ok(typeof nls[key] === 'string' && nls[key].length > 0, `missing nls key ${key}`);
		}
		for (const key of Object.keys(nls)) {
			assert.ok(used.has(key), `package.nls.json has "${key}", which package.json never uses`);
		}
	});
});
