// The import edits a snippet needs: only the modules a file lacks, in its own style (Python
// `import` lines, a Go import block in order, Java imports, C# usings unless implicit usings cover them,
// Ballerina imports, Ruby `require` lines; PHP needs none, but a file without code gets its open tag).
import type { TextEdit } from '../text/textEdit';
import { afterShebang, CSHARP_USING, goImportEnd, importBlockEnd, indentOf, lineAt, nextLineStart, phpCodeStart, rubyRequireEnd, topLevelHeaders } from './layout';
import type { SnippetFormat, SnippetLanguage } from './snippets/spec';

function pythonHas(masked: string, module: string): boolean {
	for (const m of masked.matchAll(/^import[ \t]+([^\n\r#]+)/gm)) {
		for (const part of m[1].split(',')) {
			const [name, alias] = part.trim().split(/\s+as\s+/);
			if (alias) {
				continue;
			}
			if (name === module || (module === 'os' && name.startsWith('os.'))) {
				return true;
			}
		}
	}
	return false;
}

export function importEdit(text: string, masked: string, language: SnippetLanguage, modules: readonly string[], format: SnippetFormat): TextEdit[] {
	const eol = format.eol;
	if (language === 'php' && phpCodeStart(masked) < 0) {
		// A file of only HTML (or nothing): PHP code starts with the open tag.
		return [{ offset: 0, length: 0, newText: `<?php${eol}${eol}` }];
	}
	if (!modules.length) {
		return [];
	}
	switch (language) {
		case 'python': {
			const missing = modules.filter((m) => !pythonHas(masked, m));
			if (!missing.length) {
				return [];
			}
			const at = importBlockEnd(text, masked, language);
			const lines = missing.map((m) => `import ${m}`).join(eol) + eol;
			if (at >= 0) {
				return [{ offset: at, length: 0, newText: lines }];
			}
			const top = afterShebang(text);
			return [{ offset: top, length: 0, newText: lines + eol }];
		}
		case 'go':
			return goImportEdits(text, masked, modules, format);
		case 'java': {
			const have = new Set([...masked.matchAll(/^[ \t]*import[ \t]+([\w.]+(\.\*)?)[ \t]*;/gm)].map((m) => m[1]));
			const missing = modules.filter((m) => !have.has(m) && !have.has(m.slice(0, m.lastIndexOf('.')) + '.*'));
			if (!missing.length) {
				return [];
			}
			const lines = missing.map((m) => `import ${m};`).join(eol) + eol;
			const imports = [...masked.matchAll(/^[ \t]*import[ \t]+(static[ \t]+)?[\w.]+(\.\*)?[ \t]*;/gm)];
			if (imports.length) {
				const last = imports[imports.length - 1];
				return [{ offset: nextLineStart(text, last.index! + last[0].length), length: 0, newText: lines }];
			}
			const pkg = /^[ \t]*package[ \t]+[\w.]+[ \t]*;/m.exec(masked);
			if (pkg) {
				return [{ offset: nextLineStart(text, pkg.index + pkg[0].length), length: 0, newText: eol + lines }];
			}
			return [{ offset: 0, length: 0, newText: lines + eol }];
		}
		case 'csharp': {
			const headers: { text: string; end: number }[] = [];
			for (const h of topLevelHeaders(masked)) {
				if (h.open || !CSHARP_USING.test(h.text)) {
					break;
				}
				headers.push(h);
			}
			const have = new Set(headers.map((h) => /using\s+(static\s+)?([\w.]+)\s*$/.exec(h.text)?.[2]).filter(Boolean));
			// No using directive at all, or System types used without `using System;`: the project has
			// implicit usings on (the .NET 6+ default), so add only what they lack.
			const implicitOn = !headers.length || (!have.has('System') && /\b(Environment|Console|Convert|Math|Guid|DateTime|TimeSpan|Uri)\./.test(masked));
			const implicit = implicitOn ? ['System', 'System.Collections.Generic', 'System.IO', 'System.Linq', 'System.Net.Http', 'System.Threading', 'System.Threading.Tasks'] : [];
			const missing = modules.filter((m) => !have.has(m) && !implicit.includes(m));
			if (!missing.length) {
				return [];
			}
			const lines = missing.map((m) => `using ${m};`).join(eol) + eol;
			if (headers.length) {
				return [{ offset: nextLineStart(text, headers[headers.length - 1].end), length: 0, newText: lines }];
			}
			return [{ offset: 0, length: 0, newText: lines + eol }];
		}
		case 'ballerina': {
			const have = new Set([...masked.matchAll(/^[ \t]*import[ \t]+([\w.]+\/[\w.]+)/gm)].map((m) => m[1]));
			const missing = modules.filter((m) => !have.has(m));
			if (!missing.length) {
				return [];
			}
			const lines = missing.map((m) => `import ${m};`).join(eol) + eol;
			const at = importBlockEnd(text, masked, language);
			return at >= 0 ? [{ offset: at, length: 0, newText: lines }] : [{ offset: 0, length: 0, newText: lines + eol }];
		}
		case 'ruby': {
			// Matched on the masked text (string contents are spaces there), read from the text.
			const have = new Set([...masked.matchAll(/^require[ \t(]+(['"])([^'"\r\n]*)\1/gm)].map((m) => text.slice(m.index! + m[0].length - 1 - m[2].length, m.index! + m[0].length - 1)));
			const missing = modules.filter((m) => !have.has(m));
			if (!missing.length) {
				return [];
			}
			const lines = missing.map((m) => `require '${m}'`).join(eol) + eol;
			const { end, afterComments } = rubyRequireEnd(text, masked);
			return end >= 0 ? [{ offset: end, length: 0, newText: lines }] : [{ offset: afterComments, length: 0, newText: lines + eol }];
		}
		default:
			return [];
	}
}

function goImportEdits(text: string, masked: string, modules: readonly string[], format: SnippetFormat): TextEdit[] {
	const eol = format.eol;
	const header = goImportEnd(masked) >= 0 ? masked.slice(0, goImportEnd(masked)) : masked;
	const single = [...header.matchAll(/^import[ \t]+((?:\w+|[._])[ \t]+)?"([^"\n]*)"[ \t]*$/gm)];
	const blocks = [...header.matchAll(/^import[ \t]*\(/gm)];
	const have = new Set<string>();
	for (const m of header.matchAll(/^[ \t]*(?:import[ \t]+)?(?:(?:\w+|[._])[ \t]+)?"([^"\n]*)"/gm)) {
		have.add(text.slice(m.index! + m[0].length - 1 - m[1].length, m.index! + m[0].length - 1));
	}
	const missing = modules.filter((m) => !have.has(m));
	if (!missing.length) {
		return [];
	}
	if (blocks.length) {
		const open = blocks[0].index! + blocks[0][0].length;
		const close = masked.indexOf(')', open);
		// The first group: lines up to the first blank line.
		const lines: { start: number; next: number; path: string; indent: string }[] = [];
		let at = nextLineStart(text, open);
		while (at < close) {
			const l = lineAt(text, at);
			const content = text.slice(l.start, l.end);
			if (!content.trim()) {
				if (lines.length) {
					break;
				}
			} else {
				const m = /"([^"\n]*)"/.exec(masked.slice(l.start, l.end));
				if (m && l.end <= close) {
					const from = l.start + m.index + 1;
					lines.push({ start: l.start, next: l.next, path: text.slice(from, from + m[1].length), indent: indentOf(content) });
				}
			}
			if (l.next === at) {
				break;
			}
			at = l.next;
		}
		const indent = lines[0]?.indent ?? format.indent;
		const byOffset = new Map<number, string[]>();
		for (const m of missing) {
			const before = lines.find((l) => l.path > m);
			const offset = before ? before.start : lines.length ? lines[lines.length - 1].next : nextLineStart(text, open);
			byOffset.set(offset, [...(byOffset.get(offset) ?? []), `${indent}"${m}"${eol}`]);
		}
		return [...byOffset].map(([offset, l]) => ({ offset, length: 0, newText: l.join('') }));
	}
	const block = (paths: string[]) => `import (${eol}${paths.sort().map((p) => `${format.indent}"${p}"${eol}`).join('')})`;
	if (single.length === 1 && !single[0][1]) {
		const s = single[0];
		const path = text.slice(s.index! + s[0].lastIndexOf('"') - s[2].length, s.index! + s[0].lastIndexOf('"'));
		return [{ offset: s.index!, length: s[0].length, newText: block([path, ...missing]) }];
	}
	if (single.length) {
		const last = single[single.length - 1];
		const newText = missing.map((m) => `import "${m}"${eol}`).join('');
		return [{ offset: nextLineStart(text, last.index! + last[0].length), length: 0, newText }];
	}
	const pkg = /^package\s+\w+[^\n\r]*/m.exec(masked);
	const offset = pkg ? nextLineStart(text, pkg.index + pkg[0].length) : 0;
	const decl = missing.length === 1 ? `import "${missing[0]}"` : block([...missing]);
	return [{ offset, length: 0, newText: pkg ? eol + decl + eol : decl + eol + eol }];
}
