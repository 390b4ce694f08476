// Writes l10n/bundle.l10n.json: every string the extension passes to vscode.l10n.t (the literals
// in src/vscode and the templates of src/core/findings/messages.ts). Translators copy it to
// bundle.l10n.<locale>.json. Run after adding or changing a message: node scripts/l10n-bundle.mjs
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = esbuild.buildSync({
	entryPoints: [path.join(root, 'test/unit/l10nStrings.ts')], bundle: true, write: false, platform: 'node', format: 'cjs', mainFields: ['module', 'main'],
});
const module = { exports: {} };
new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const bundle = module.exports.expectedBundle(root);
fs.mkdirSync(path.join(root, 'l10n'), { recursive: true });
fs.writeFileSync(path.join(root, 'l10n/bundle.l10n.json'), JSON.stringify(bundle, null, 2) + '\n');
console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} messages`);
