// Where code goes in a source file: the default insertion point (after the imports, or at the
// top of the first class body), the context (declarations, members or statements) at a line,
// and the line and import-block reading that the import edits share. Works on the lexer's
// masked text, so comments and strings never count as code.
import { maskNonCode } from './lexer';
import type { SnippetContext, SnippetFormat, SnippetLanguage } from './snippets/spec';

export interface LineInfo {
	readonly start: number;
	/** Offset of the line break (or the text's end). */
	readonly end: number;
	/** Offset after the line break. */
	readonly next: number;
}

export function lineAt(text: string, offset: number): LineInfo {
	if (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n') {
		offset--; // between the two characters of a CRLF: that is the end of the line before
	}
	let start = offset;
	while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') {
		start--;
	}
	let end = offset;
	while (end < text.length && text[end] !== '\n' && text[end] !== '\r') {
		end++;
	}
	const next = end >= text.length ? text.length : text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
	return { start, end, next };
}

/** Offset of the start of the line after the one holding `offset` (the text's end when there is none). */
export function nextLineStart(text: string, offset: number): number {
	return lineAt(text, offset).next;
}

export const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

// Brace nesting: what each open `{` is, for Java and C# (type body, namespace or code block).
type BraceKind = 'type' | 'namespace' | 'block';

interface Brace {
	readonly kind: BraceKind;
	readonly offset: number;
}

function braceKind(header: string, language: SnippetLanguage): BraceKind {
	if ((language === 'csharp' || language === 'php') && /\bnamespace\b/.test(header)) {
		return 'namespace';
	}
	const types = language === 'csharp' ? /\b(class|struct|interface|record|enum)\b/
		: language === 'php' ? /\b(class|interface|trait|enum)\b/
			: /\b(class|interface|enum|record)\b|@interface\b/;
	if (types.test(header) && !/=>|\breturn\b/.test(header)) {
		return 'type';
	}
	// An anonymous class body holds members too.
	if (language === 'java' && /\bnew\s+[\w.<>, ]+\([^;]*\)\s*$/.test(header)) {
		return 'type';
	}
	return 'block';
}

/** The open braces around `offset`, outermost first, in masked text. */
function bracesAt(masked: string, offset: number, language: SnippetLanguage): Brace[] {
	const stack: Brace[] = [];
	let headerStart = 0;
	for (let i = 0; i < offset && i < masked.length; i++) {
		const c = masked[i];
		if (c === '{') {
			stack.push({ kind: braceKind(masked.slice(headerStart, i), language), offset: i });
			headerStart = i + 1;
		} else if (c === '}') {
			stack.pop();
			headerStart = i + 1;
		} else if (c === ';') {
			headerStart = i + 1;
		}
	}
	return stack;
}

/** The offset of the `}` that closes the `{` at `open`, or the text's end. */
function closingBrace(masked: string, open: number): number {
	let depth = 0;
	for (let i = open; i < masked.length; i++) {
		if (masked[i] === '{') {
			depth++;
		} else if (masked[i] === '}' && --depth === 0) {
			return i;
		}
	}
	return masked.length;
}

/** Top-level statements of the masked text: [start, end, text] of each `;`- or `{`-terminated header at depth 0. */
export function topLevelHeaders(masked: string, from = 0, to = masked.length): { start: number; end: number; text: string; open: boolean }[] {
	const out: { start: number; end: number; text: string; open: boolean }[] = [];
	let depth = 0;
	let headerStart = from;
	for (let i = from; i < to; i++) {
		const c = masked[i];
		if (c === '{') {
			if (depth === 0) {
				out.push({ start: headerStart, end: i, text: masked.slice(headerStart, i), open: true });
			}
			depth++;
			headerStart = i + 1;
		} else if (c === '}') {
			depth = Math.max(0, depth - 1);
			headerStart = i + 1;
		} else if (c === ';' && depth === 0) {
			out.push({ start: headerStart, end: i, text: masked.slice(headerStart, i), open: false });
			headerStart = i + 1;
		}
	}
	return out;
}

/** Where code goes when no place is given, and in which context. */
export interface InsertionPoint {
	/** Offset where the block is inserted: the start of a line, or just after a `{` that has code after it on its line. */
	readonly offset: number;
	readonly context: SnippetContext;
	/** Indentation of the inserted lines. */
	readonly indent: string;
}

const CSHARP_USING_RE = /^(global\s+)?using\s+(static\s+)?([A-Za-z_][\w.]*\s*=\s*)?[A-Za-z_][\w.<>, ]*$/;
/** Whether a top-level header (the text before a `;`) is a using directive. */
export const CSHARP_USING = { test: (header: string) => header.length < 2000 && CSHARP_USING_RE.test(header.trim()) };

/** End of the import block (start of the line after the last import), or -1 when there is none. */
export function importBlockEnd(text: string, masked: string, language: SnippetLanguage): number {
	switch (language) {
		case 'typescript':
		case 'javascript': return jsImportEnd(text, masked);
		case 'python': return pythonImportEnd(text, masked);
		case 'go': return goImportEnd(masked);
		case 'java': {
			let end = -1;
			for (const h of topLevelHeaders(masked)) {
				if (h.open) {
					break;
				}
				if (/^\s*(import|package)\b/.test(h.text)) {
					end = nextLineStart(text, h.end);
				}
			}
			return end;
		}
		case 'csharp': {
			let end = -1;
			for (const h of topLevelHeaders(masked)) {
				if (h.open || !CSHARP_USING.test(h.text)) {
					break;
				}
				end = nextLineStart(text, h.end);
			}
			return end;
		}
		case 'ballerina': {
			let end = -1;
			for (const h of topLevelHeaders(masked)) {
				if (h.open || !/^\s*import\s/.test(h.text)) {
					break;
				}
				end = nextLineStart(text, h.end);
			}
			return end;
		}
		case 'php': {
			const code = phpCodeStart(masked);
			if (code < 0) {
				return -1;
			}
			let end = nextLineStart(text, code);
			for (const h of topLevelHeaders(masked, code)) {
				if (h.open || !/^\s*(declare|namespace|use)\b/.test(h.text) || /\?>/.test(h.text)) {
					break;
				}
				end = nextLineStart(text, h.end);
			}
			return end;
		}
		case 'ruby':
			return rubyRequireEnd(text, masked).end;
	}
}

/** PHP: the offset after the first open tag (`<?php`, `<?=`, `<?`) in masked text, or -1. */
export function phpCodeStart(masked: string): number {
	const k = masked.indexOf('<?');
	if (k < 0) {
		return -1;
	}
	return masked.charAt(k + 2) === '=' ? k + 3 : masked.slice(k + 2, k + 5).toLowerCase() === 'php' ? k + 5 : k + 2;
}

/**
 * Ruby: the end of the `require` lines at the top (-1 when there are none), and the end of the
 * comment lines that open the file (magic comments such as `# frozen_string_literal: true`
 * must stay first; 0 when there are none).
 */
export function rubyRequireEnd(text: string, masked: string): { end: number; afterComments: number } {
	let end = -1;
	let afterComments = 0;
	let i = 0;
	let head = true;
	while (i < text.length) {
		const line = lineAt(text, i);
		const code = masked.slice(line.start, line.end);
		if (!code.trim()) {
			if (head && text.slice(line.start, line.end).trim()) {
				afterComments = line.next;
			} else {
				// The blank line that ends the opening comments stays with them.
				if (head && afterComments > 0) {
					afterComments = line.next;
				}
				head = false;
			}
		} else if (/^require(_relative)?[\s(]/.test(code)) {
			end = line.next;
			head = false;
		} else {
			break;
		}
		if (line.next === line.start) {
			break;
		}
		i = line.next;
	}
	return { end, afterComments };
}

/** After the shebang line, if any. */
export function afterShebang(text: string): number {
	return text.startsWith('#!') ? nextLineStart(text, 0) : 0;
}

function jsImportEnd(text: string, masked: string): number {
	let i = afterShebang(text);
	let end = -1;
	const n = masked.length;
	for (;;) {
		while (i < n && /\s/.test(masked[i])) {
			i++;
		}
		if (i >= n) {
			break;
		}
		const rest = masked.slice(i, i + 400);
		let stmtEnd = -1;
		if (/^import[\s{*'"]/.test(rest) || /^import\s+type\b/.test(rest) || /^export\s+(\*|\{[^}]*\})\s*from\s*['"]/.test(rest)) {
			// Ends after its module specifier: the first string literal of the statement.
			const dq = masked.indexOf('"', i);
			const sq = masked.indexOf("'", i);
			const open = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
			if (open < 0) {
				break;
			}
			const close = masked.indexOf(masked[open], open + 1);
			if (close < 0) {
				break;
			}
			stmtEnd = close + 1;
			const m = /^\s*(with|assert)\s*\{[^}]*\}/.exec(masked.slice(stmtEnd, stmtEnd + 500));
			if (m) {
				stmtEnd += m[0].length;
			}
		} else if (/^(const|let|var)\s+[^=;]+=\s*require\s*\(\s*['"][^'"]*['"]\s*\)/.test(rest)) {
			stmtEnd = i + /^(const|let|var)\s+[^=;]+=\s*require\s*\(\s*['"][^'"]*['"]\s*\)/.exec(rest)![0].length;
		} else if (/^(['"])use [a-z]+\1/.test(text.slice(i, i + 20))) {
			stmtEnd = i + /^(['"])use [a-z]+\1/.exec(text.slice(i, i + 20))![0].length;
		} else {
			break;
		}
		const semi = /^[ \t]*;/.exec(masked.slice(stmtEnd, stmtEnd + 100));
		if (semi) {
			stmtEnd += semi[0].length;
		}
		end = nextLineStart(text, stmtEnd);
		i = stmtEnd;
	}
	return end;
}

function pythonImportEnd(text: string, masked: string): number {
	let end = -1;
	let i = 0;
	let first = true;
	const n = text.length;
	while (i < n) {
		const line = lineAt(text, i);
		const code = masked.slice(line.start, line.end);
		if (!code.trim()) {
			i = line.next;
			if (line.next === line.start) {
				break;
			}
			continue;
		}
		if (/^(import|from)\s/.test(code)) {
			// Follow bracketed and backslash continuations.
			let j = line.start;
			let depth = 0;
			let last = line;
			for (;;) {
				const l = lineAt(text, j);
				const seg = masked.slice(l.start, l.end);
				depth += (seg.match(/\(/g) ?? []).length - (seg.match(/\)/g) ?? []).length;
				last = l;
				if ((depth > 0 || /\\\s*$/.test(seg)) && l.next < n && l.next !== l.start) {
					j = l.next;
					continue;
				}
				break;
			}
			end = last.next;
			i = last.next;
			first = false;
			continue;
		}
		if (first && /^[rRuUbB]{0,2}("""|'''|"|')/.test(code.trimStart()) && indentOf(code) === '') {
			// The module docstring: code goes after it.
			const q = /("""|'''|"|')/.exec(text.slice(line.start))!;
			const open = line.start + q.index;
			const close = text.indexOf(q[1], open + q[1].length);
			const stop = close < 0 ? line.end : close + q[1].length;
			end = nextLineStart(text, stop);
			i = end;
			first = false;
			continue;
		}
		break;
	}
	return end;
}

export function goImportEnd(masked: string): number {
	let end = -1;
	for (const m of masked.matchAll(/^(package\s+\w+|import\s*\(|import\s+(\w+\s+|[._]\s+)?"[^"\n]*")/gm)) {
		if (m[0].startsWith('import') && m[0].endsWith('(')) {
			const close = masked.indexOf(')', m.index! + m[0].length);
			end = nextLineStart(masked, close < 0 ? masked.length : close);
		} else {
			end = nextLineStart(masked, m.index! + m[0].length);
		}
	}
	// Only declarations before the first func/type/var/const count.
	const firstDecl = /^(func|type|var|const)\b/m.exec(masked);
	if (firstDecl && end > firstDecl.index) {
		const before = masked.slice(0, firstDecl.index);
		return goImportEnd(before);
	}
	return end;
}

/** Indentation for lines just inside the `{` at `open`: the first member's, or the opening line's plus one level. */
function innerIndent(text: string, masked: string, open: number, format: SnippetFormat): string {
	const close = closingBrace(masked, open);
	let at = nextLineStart(text, open);
	while (at < close) {
		const l = lineAt(text, at);
		if (text.slice(l.start, l.end).trim() && l.start < close) {
			const ind = indentOf(text.slice(l.start, l.end));
			if (l.end <= close || masked.slice(l.start, close).trim()) {
				return ind;
			}
		}
		if (l.next === at) {
			break;
		}
		at = l.next;
	}
	const ol = lineAt(text, open);
	return indentOf(text.slice(ol.start, ol.end)) + format.indent;
}

/** Just inside the body of the `{` at `open`: the start of the next line when the rest of the line is empty. */
function insideBrace(text: string, masked: string, open: number, format: SnippetFormat): InsertionPoint {
	const line = lineAt(text, open);
	const rest = masked.slice(open + 1, line.end);
	const offset = rest.trim() ? open + 1 : line.next;
	return { offset, context: 'members', indent: innerIndent(text, masked, open, format) };
}

/**
 * Where "Insert connection reference" puts code when no place is given: after the import block
 * (TypeScript/JavaScript, Python, Go, C# top-level statements), or at the top of the first class
 * body (Java, C#).
 */
export function defaultInsertionPoint(text: string, language: SnippetLanguage, format: SnippetFormat, masked = maskNonCode(text, language)): InsertionPoint {
	const afterImports = importBlockEnd(text, masked, language);
	switch (language) {
		case 'typescript':
		case 'javascript':
			return { offset: afterImports >= 0 ? afterImports : afterShebang(text), context: 'declarations', indent: '' };
		case 'python':
			return { offset: afterImports >= 0 ? afterImports : afterShebang(text), context: 'declarations', indent: '' };
		case 'go':
			return { offset: afterImports >= 0 ? afterImports : 0, context: 'declarations', indent: '' };
		case 'java': {
			const type = topLevelHeaders(masked).find((h) => h.open && braceKind(h.text, 'java') === 'type');
			if (type) {
				return insideBrace(text, masked, type.end, format);
			}
			return { offset: afterImports >= 0 ? afterImports : 0, context: 'members', indent: '' };
		}
		case 'csharp':
			return csharpDefault(text, masked, afterImports, format);
		case 'ballerina':
			return { offset: afterImports >= 0 ? afterImports : 0, context: 'declarations', indent: '' };
		case 'php':
			// No open tag: at the top, where the import edit writes one.
			return { offset: afterImports >= 0 ? afterImports : 0, context: 'statements', indent: '' };
		case 'ruby':
			return { offset: afterImports >= 0 ? afterImports : rubyRequireEnd(text, masked).afterComments, context: 'declarations', indent: '' };
	}
}

function csharpDefault(text: string, masked: string, afterUsings: number, format: SnippetFormat): InsertionPoint {
	const statements: InsertionPoint = { offset: afterUsings >= 0 ? afterUsings : 0, context: 'statements', indent: '' };
	let from = 0;
	let to = masked.length;
	for (;;) {
		const headers = topLevelHeaders(masked, from, to);
		let descended = false;
		for (const h of headers) {
			if (!h.text.trim() || CSHARP_USING.test(h.text) || /^\s*(\[[^\]]*\]\s*)*$/.test(h.text)) {
				continue;
			}
			if (!h.open && /^\s*namespace\s+[\w.]+\s*$/.test(h.text)) {
				continue; // file-scoped namespace
			}
			const kind = h.open ? braceKind(h.text, 'csharp') : 'block';
			if (kind === 'namespace') {
				from = h.end + 1;
				to = closingBrace(masked, h.end);
				descended = true;
				break;
			}
			if (kind === 'type') {
				return insideBrace(text, masked, h.end, format);
			}
			return statements; // a top-level statement comes first
		}
		if (!descended) {
			return statements;
		}
	}
}

/**
 * The context and indentation for code inserted at the start of the line holding `offset`,
 * or undefined when code cannot go there (Java or C# outside any type, unless the C# file
 * has top-level statements).
 */
export function contextAt(text: string, language: SnippetLanguage, offset: number, masked = maskNonCode(text, language)): SnippetContext | undefined {
	const line = lineAt(text, offset);
	switch (language) {
		case 'typescript':
		case 'javascript':
		case 'python':
		case 'ruby':
			// Ruby: locals and a lambda are valid anywhere (constants are not, inside a method).
			return 'statements';
		case 'go':
		case 'ballerina':
			return bracesAt(masked, line.start, language).length ? 'statements' : 'declarations';
		case 'php': {
			// Not in the HTML around the code, and not in a class body (no statements there).
			const before = masked.slice(0, line.start);
			if (before.lastIndexOf('<?') < 0 || before.lastIndexOf('?>') > before.lastIndexOf('<?')) {
				return undefined;
			}
			const braces = bracesAt(masked, line.start, language);
			return braces[braces.length - 1]?.kind === 'type' ? undefined : 'statements';
		}
		case 'java':
		case 'csharp': {
			const braces = bracesAt(masked, line.start, language);
			const inner = braces[braces.length - 1];
			if (inner?.kind === 'type') {
				return 'members';
			}
			if (inner?.kind === 'block') {
				return 'statements';
			}
			if (language === 'csharp' && !inner) {
				// Statements at the top level only where the file already has top-level statements.
				return csharpDefault(text, masked, importBlockEnd(text, masked, language), { indent: '\t', eol: '\n' }).context === 'statements' ? 'statements' : undefined;
			}
			return undefined;
		}
	}
}
