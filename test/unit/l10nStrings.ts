// What l10n/bundle.l10n.json must hold: every string literal the glue passes to
// vscode.l10n.t, and every template of the catalogue (src/core/findings/messages.ts), which the
// glue localises by code. Used by l10n.test.ts and by scripts/l10n-bundle.mjs, which writes it.
import fs from 'node:fs';
import path from 'node:path';
import * as catalogue from '../../src/core/findings/messages';

/** The string literals of `vscode.l10n.t('…')` calls in a source text, unescaped. */
export function l10nLiterals(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(/\bl10n\.t\(\s*('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\$])*`)/g)) {
		out.push(new Function(`return ${m[1]};`)() as string);
	}
	return out;
}

/** Every source file of the glue. */
export function glueFiles(root: string): string[] {
	const dir = path.join(root, 'src/vscode');
	return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** Every template of the catalogue: the values of its exported records of strings. */
export function catalogueTemplates(): string[] {
	return (Object.values(catalogue) as unknown[])
		.filter((v): v is Record<string, string> => !!v && typeof v === 'object' && Object.values(v).every((t) => typeof t === 'string'))
		.flatMap((record) => Object.values(record));
}

/** The bundle as it should be: each message keyed by itself, sorted. */
export function expectedBundle(root: string): Record<string, string> {
	const messages = new Set([...glueFiles(root).flatMap((f) => l10nLiterals(fs.readFileSync(f, 'utf8'))), ...catalogueTemplates()]);
	return Object.fromEntries([...messages].sort().map((m) => [m, m]));
}
