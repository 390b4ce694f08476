// The edits that put a connection's snippet into a source file: at the cursor line or the
// default insertion point, set off by blank lines, with the imports it needs merged in.
import type { TextEdit } from '../text/textEdit';
import { importEdit } from './imports';
import { contextAt, defaultInsertionPoint, indentOf, lineAt, phpCodeStart, type LineInfo } from './layout';
import { maskNonCode } from './lexer';
import { renderSnippet, requiredImports } from './snippets/render';
import type { SnippetContext, SnippetFormat, SnippetLanguage, SnippetSpec } from './snippets/spec';

export interface InsertReferenceOptions {
	readonly format: SnippetFormat;
	/**
	 * Insert at the line holding this offset (the cursor). When absent, or where the language
	 * cannot take code (Java outside a class), the default insertion point is used.
	 */
	readonly at?: number;
}

export interface InsertReferenceEdits {
	readonly edits: readonly TextEdit[];
	/** Offset in the original text where the snippet is inserted. */
	readonly offset: number;
	readonly context: SnippetContext;
}

function isBlankLine(text: string, line: LineInfo): boolean {
	return !text.slice(line.start, line.end).trim();
}

/** Indentation for code on a blank line: the previous code line's, one level deeper after an opening bracket or colon. */
function blankLineIndent(text: string, masked: string, line: LineInfo, format: SnippetFormat, language: SnippetLanguage): string {
	const own = text.slice(line.start, line.end);
	if (own.length) {
		return own;
	}
	let at = line.start;
	while (at > 0) {
		const prev = lineAt(text, at - 1);
		const code = masked.slice(prev.start, prev.end);
		if (code.trim()) {
			const ind = indentOf(text.slice(prev.start, prev.end));
			const opens = language === 'python' ? /:\s*$/.test(code) : /[{(]\s*$/.test(code);
			return opens ? ind + format.indent : ind;
		}
		at = prev.start;
	}
	return '';
}

/**
 * The edits that insert a connection's snippet into a source file, with the imports it needs:
 * at the line of `options.at` (on a blank line, replacing its whitespace; otherwise above it,
 * with its indentation), or at the default insertion point set off by blank lines.
 */
export function insertReferenceEdits(text: string, language: SnippetLanguage, spec: SnippetSpec, options: InsertReferenceOptions): InsertReferenceEdits {
	const { format } = options;
	const eol = format.eol;
	const masked = maskNonCode(text, language);
	let snippet: TextEdit;
	let context: SnippetContext | undefined = options.at === undefined ? undefined : contextAt(text, language, Math.max(0, Math.min(options.at, text.length)), masked);
	if (options.at !== undefined && context) {
		const line = lineAt(text, Math.max(0, Math.min(options.at, text.length)));
		if (isBlankLine(text, line)) {
			const indent = blankLineIndent(text, masked, line, format, language);
			// On the empty last line of a file that ends with a line break, keep that final break.
			const final = line.start === text.length && text.length > 0 ? eol : '';
			snippet = { offset: line.start, length: line.end - line.start, newText: renderSnippet(spec, language, context, format, indent) + final };
		} else {
			const indent = indentOf(text.slice(line.start, line.end));
			snippet = { offset: line.start, length: 0, newText: renderSnippet(spec, language, context, format, indent) + eol };
		}
	} else {
		const point = defaultInsertionPoint(text, language, format, masked);
		context = point.context;
		const body = renderSnippet(spec, language, context, format, point.indent);
		const line = lineAt(text, point.offset);
		const atLineStart = point.offset === line.start;
		let newText: string;
		if (!atLineStart) {
			// After a `{` with code following on its line: open a line, and put the rest on its own.
			newText = eol + body + eol + eol + point.indent;
		} else {
			const prev = point.offset > 0 ? lineAt(text, point.offset - 1) : undefined;
			const prevText = prev ? masked.slice(prev.start, prev.end) : '';
			const noBreakBefore = point.offset > 0 && !/[\r\n]$/.test(text.slice(0, point.offset));
			const blankBefore = prev !== undefined && prevText.trim() !== '' && !/\{\s*$/.test(prevText);
			const nextLine = text.slice(line.start, line.end);
			const atEnd = point.offset >= text.length;
			const blankAfter = !atEnd && nextLine.trim() !== '' && !/^\s*\}/.test(nextLine);
			// PEP 8: two blank lines after a top-level function.
			const after = blankAfter ? (language === 'python' && /^def /m.test(body) ? eol + eol : eol) : '';
			newText = (noBreakBefore ? eol : '') + (blankBefore ? eol : '') + body + eol + after;
		}
		if (language === 'php' && phpCodeStart(masked) < 0 && text.trim()) {
			// A file of HTML only: the import edit opens the code, and the HTML after it stays HTML.
			newText += `?>${eol}`;
		}
		snippet = { offset: point.offset, length: 0, newText };
	}
	const imports = importEdit(text, masked, language, requiredImports(spec, language), format);
	// An import landing where the snippet goes is merged into it, imports first.
	const edits: TextEdit[] = [];
	let merged = snippet;
	for (const e of imports) {
		if (e.length === 0 && e.offset >= merged.offset && e.offset <= merged.offset + merged.length) {
			merged = { offset: merged.offset, length: merged.length, newText: e.newText + merged.newText };
		} else {
			edits.push(e);
		}
	}
	edits.push(merged);
	edits.sort((a, b) => a.offset - b.offset);
	return { edits, offset: snippet.offset, context };
}
