// Safe edits of connections.json: jsonc-parser `modify` on the smallest path, refused while
// the text has syntax errors or the path crosses a duplicate key (RELIABILITY E1, E3, E6).
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';
import type { Span } from './model';
import { parseConnectionsText, pointerSegment, type ParsedConnectionsFile } from './parse';

export interface TextEdit {
	readonly offset: number;
	readonly length: number;
	readonly newText: string;
}

export interface FormattingOptions {
	readonly insertSpaces: boolean;
	readonly tabSize: number;
	readonly eol: string;
}

export type EditRefusal = 'syntax-errors' | 'ambiguous' | 'not-found' | 'invalid';

export type EditResult =
	| { readonly ok: true; readonly edits: readonly TextEdit[] }
	| { readonly ok: false; readonly reason: EditRefusal; readonly message: string };

export const REFUSAL_MESSAGES: Readonly<Record<EditRefusal, string>> = {
	'syntax-errors': 'connections.json has syntax errors: fix them first, then try again. Nothing was changed.',
	'ambiguous': 'connections.json has a duplicate key on the way to what would change: remove the duplicate first. Nothing was changed.',
	'not-found': 'What this edit changes is no longer in connections.json. Nothing was changed.',
	'invalid': 'This edit cannot be made to connections.json as it is. Nothing was changed.',
};

export function refuse(reason: EditRefusal): EditResult {
	return { ok: false, reason, message: REFUSAL_MESSAGES[reason] };
}

/** Indentation and line ends as the text already uses them (first indented line, first line break). */
export function detectFormatting(text: string): FormattingOptions {
	const eol = /\r\n/.test(text) ? '\r\n' : '\n';
	const m = /\n([ \t]+)\S/.exec(text);
	if (m && m[1].startsWith('\t')) {
		return { insertSpaces: false, tabSize: 4, eol };
	}
	return { insertSpaces: true, tabSize: m ? Math.min(m[1].length, 8) : 2, eol };
}

/** Whether a path passes through a key that appears twice in its object. */
export function isAmbiguous(parsed: ParsedConnectionsFile, path: JSONPath): boolean {
	let pointer = '';
	for (const seg of path) {
		pointer += '/' + pointerSegment(seg);
		if (parsed.ambiguousPaths.has(pointer)) {
			return true;
		}
	}
	return false;
}

function guard(parsed: ParsedConnectionsFile, path: JSONPath): EditResult | undefined {
	if (parsed.hasSyntaxErrors || parsed.guarded || !parsed.root) {
		return refuse('syntax-errors');
	}
	if (parsed.root.type !== 'object') {
		return refuse('invalid');
	}
	if (isAmbiguous(parsed, path)) {
		return refuse('ambiguous');
	}
	return undefined;
}

/**
 * jsonc-parser puts an appended property between the previous value and that value's
 * trailing line comment, which moves the comment onto the new line (jsonc-parser #125).
 * Split such an insertion: the comma stays, the new text goes after the comment.
 */
function keepTrailingComment(text: string, edit: TextEdit): TextEdit[] {
	if (edit.length !== 0 || !edit.newText.startsWith(',')) {
		return [edit];
	}
	const lineEnd = text.slice(edit.offset).search(/\r?\n|$/);
	const rest = text.slice(edit.offset, edit.offset + lineEnd);
	if (!/^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(rest)) {
		return [edit];
	}
	return [{ offset: edit.offset, length: 0, newText: ',' }, { offset: edit.offset + lineEnd, length: 0, newText: edit.newText.slice(1) }];
}

function run(parsed: ParsedConnectionsFile, path: JSONPath, value: unknown, fmt: FormattingOptions, opts: { isArrayInsertion?: boolean } = {}): EditResult {
	const refused = guard(parsed, path);
	if (refused) {
		return refused;
	}
	try {
		const edits = modify(parsed.text, path, value, { formattingOptions: fmt, isArrayInsertion: opts.isArrayInsertion })
			.flatMap((e) => keepTrailingComment(parsed.text, { offset: e.offset, length: e.length, newText: e.content }));
		return edits.length ? { ok: true, edits } : refuse('not-found');
	} catch {
		return refuse('invalid');
	}
}

/** Sets the value at a path (creating missing parents). */
export function setValue(parsed: ParsedConnectionsFile, path: JSONPath, value: unknown, fmt: FormattingOptions): EditResult {
	return run(parsed, path, value, fmt);
}

/** Removes the property or array element at a path. */
export function removeValue(parsed: ParsedConnectionsFile, path: JSONPath, fmt: FormattingOptions): EditResult {
	return run(parsed, path, undefined, fmt);
}

/** Inserts a value into the array at `arrayPath` (at `index`, or at the end), creating the array when absent. */
export function insertArrayItem(parsed: ParsedConnectionsFile, arrayPath: JSONPath, value: unknown, fmt: FormattingOptions, index = -1): EditResult {
	return run(parsed, [...arrayPath, index], value, fmt, { isArrayInsertion: true });
}

/** Replaces exactly one span (a literal) with new text; used where `modify` cannot (renaming a key). */
export function replaceSpan(parsed: ParsedConnectionsFile, span: Span, newText: string, path: JSONPath = []): EditResult {
	const refused = guard(parsed, path);
	return refused ?? { ok: true, edits: [{ offset: span.offset, length: span.length, newText }] };
}

/**
 * Inserts raw JSON text (e.g. a connection object cut from elsewhere, comments and all)
 * into an array: `modify` places a placeholder with correct commas and indentation, and the
 * placeholder is then swapped for the raw text, re-indented to the new depth.
 */
export function insertRawArrayItem(parsed: ParsedConnectionsFile, arrayPath: JSONPath, raw: string, fmt: FormattingOptions, index = -1): EditResult {
	const placeholder = '\u0000raw\u0000';
	const result = insertArrayItem(parsed, arrayPath, placeholder, fmt, index);
	if (!result.ok) {
		return result;
	}
	const quoted = JSON.stringify(placeholder);
	return {
		ok: true,
		edits: result.edits.map((e) => {
			const at = e.newText.indexOf(quoted);
			if (at < 0) {
				return e;
			}
			const lineStart = e.newText.lastIndexOf('\n', at) + 1;
			const indent = /^[ \t]*/.exec(e.newText.slice(lineStart))![0];
			return { ...e, newText: e.newText.slice(0, at) + reindent(raw, indent, fmt.eol) + e.newText.slice(at + quoted.length) };
		}),
	};
}

/** Re-indents a multi-line slice so that its first line sits at `indent` and the rest keep their relative indentation. */
export function reindent(raw: string, indent: string, eol: string): string {
	const lines = raw.split(/\r?\n/);
	if (lines.length === 1) {
		return raw;
	}
	// A cut object ends with its closing brace at the object's own depth: that is the base.
	const base = /^[ \t]*/.exec(lines[lines.length - 1])![0].length;
	return [lines[0], ...lines.slice(1).map((l) => (l.trim() ? indent + l.slice(Math.min(base, /^[ \t]*/.exec(l)![0].length)) : l))].join(eol);
}

/** Applies edits to a text (for tests and the command line). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
	return applyEdits(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.newText })));
}

/** Re-parses after edits; undefined when the result would not parse (an edit must never break the file). */
export function checkedResult(text: string, edits: readonly TextEdit[]): string | undefined {
	const out = applyTextEdits(text, edits);
	return parseConnectionsText(out).hasSyntaxErrors ? undefined : out;
}
