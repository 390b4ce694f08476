// Safe edits of connections.json: the smallest possible text change at a JSON path, refused
// while the text has syntax errors or the path crosses a duplicate key (docs/reliability.md E1, E3, E6).
//
// jsonc-parser's `modify` re-formats every line its change touches (a compact sibling object is
// expanded), drops the comment of the previous element when removing the last one, and corrupts
// compact arrays (`["a","b"]` minus "b" gives `["a""]`). So the text changes are computed here
// from the parse tree: an insertion adds its own lines after the last element's line (its
// trailing comment stays, jsonc-parser #125), a removal takes only its own lines (or its own
// slice of a compact line) and the one comma that must go. Every result is re-parsed and refused
// if it would not parse.
import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import type { Span } from '../model/model';
import { editRefusalAt, parseConnectionsText, type FileEditRefusal, type ParsedConnectionsFile } from '../json/parse';
import { applyTextEdits, type TextEdit } from '../text/textEdit';
import { indentAt, indentUnit, lineStart, type FormattingOptions } from '../text/indentation';
import { VIEW_MESSAGES, viewMessage, type ViewMessage, type ViewMessageCode } from '../findings/messages';



export type EditRefusal = FileEditRefusal | 'not-found';

export type EditResult =
	| { readonly ok: true; readonly edits: readonly TextEdit[] }
	| {
		readonly ok: false;
		readonly reason: EditRefusal;
		/** The refusal in English. */
		readonly message: string;
		/** The same as a catalogue code and arguments, when it has one: what the editor localises. */
		readonly viewMessage?: ViewMessage;
	};

/** The catalogue code of each refusal. */
export const REFUSAL_CODES: Readonly<Record<EditRefusal, ViewMessageCode>> = {
	'syntax-errors': 'refused-syntax-errors',
	'ambiguous': 'refused-ambiguous',
	'not-found': 'refused-not-found',
	'invalid': 'refused-invalid',
};

/** The English of each refusal (from the catalogue). */
export const REFUSAL_MESSAGES: Readonly<Record<EditRefusal, string>> = {
	'syntax-errors': VIEW_MESSAGES[REFUSAL_CODES['syntax-errors']],
	'ambiguous': VIEW_MESSAGES[REFUSAL_CODES.ambiguous],
	'not-found': VIEW_MESSAGES[REFUSAL_CODES['not-found']],
	'invalid': VIEW_MESSAGES[REFUSAL_CODES.invalid],
};

export function refuse(reason: EditRefusal): EditResult {
	return { ok: false, reason, message: REFUSAL_MESSAGES[reason], viewMessage: viewMessage(REFUSAL_CODES[reason]) };
}

function guard(parsed: ParsedConnectionsFile, path: JSONPath): EditResult | undefined {
	const refusal = editRefusalAt(parsed, path);
	return refusal && refuse(refusal);
}

// ---- text helpers ---------------------------------------------------------------------

const isBlank = (ch: string) => ch === ' ' || ch === '\t' || ch === '\uFEFF';
const isEolChar = (ch: string) => ch === '\n' || ch === '\r';


/** Skips blanks and comments on one line from `offset`; returns where something else (or the line end) starts. */
function skipLineTrivia(text: string, offset: number): number {
	let i = offset;
	for (;;) {
		while (i < text.length && isBlank(text[i])) {
			i++;
		}
		if (text.startsWith('//', i)) {
			while (i < text.length && !isEolChar(text[i])) {
				i++;
			}
			return i;
		}
		if (text.startsWith('/*', i)) {
			const close = text.indexOf('*/', i + 2);
			if (close < 0 || /[\r\n]/.test(text.slice(i, close))) {
				return i; // a block comment that runs over lines is not this line's trivia
			}
			i = close + 2;
			continue;
		}
		return i;
	}
}

/** Skips whitespace and comments over any number of lines. */
function skipTrivia(text: string, offset: number): number {
	let i = offset;
	for (;;) {
		while (i < text.length && (isBlank(text[i]) || isEolChar(text[i]))) {
			i++;
		}
		if (text.startsWith('//', i)) {
			while (i < text.length && !isEolChar(text[i])) {
				i++;
			}
			continue;
		}
		if (text.startsWith('/*', i)) {
			const close = text.indexOf('*/', i + 2);
			i = close < 0 ? text.length : close + 2;
			continue;
		}
		return i;
	}
}

/** Offset just past the line break at `offset` (which must be a line end or the end of text). */
function pastEol(text: string, offset: number): number {
	if (text[offset] === '\r' && text[offset + 1] === '\n') {
		return offset + 2;
	}
	return offset < text.length && isEolChar(text[offset]) ? offset + 1 : offset;
}

/** Whether only blanks and same-line block comments stand between the line start and `offset`. */
function startsLine(text: string, offset: number): boolean {
	return skipLineTrivia(text, lineStart(text, offset)) === offset;
}

/** The offset of the comma after a node (past comments and line breaks), or -1. */
function commaAfter(text: string, end: number): number {
	const i = skipTrivia(text, end);
	return text[i] === ',' ? i : -1;
}

// ---- serialising new values -----------------------------------------------------------

/** Raw JSON text to insert as is (re-indented), e.g. a connection cut from elsewhere with its comments. */
class RawJson {
	constructor(readonly text: string) {}
}

const isPrimitive = (v: unknown) => v === null || typeof v !== 'object' || v instanceof RawJson && !/[\r\n]/.test(v.text);

/** JSON text of a value whose first line sits at `indent`: primitive arrays and one-key objects inline, the rest one item a line. */
function serialize(value: unknown, indent: string, fmt: FormattingOptions): string {
	const unit = indentUnit(fmt);
	if (value instanceof RawJson) {
		return reindent(value.text, indent, fmt.eol);
	}
	if (Array.isArray(value)) {
		if (!value.length) {
			return '[]';
		}
		if (value.every(isPrimitive)) {
			return '[' + value.map((v) => serialize(v, indent, fmt)).join(', ') + ']';
		}
		return '[' + value.map((v) => fmt.eol + indent + unit + serialize(v, indent + unit, fmt)).join(',') + fmt.eol + indent + ']';
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, v]) => v !== undefined);
		if (!entries.length) {
			return '{}';
		}
		if (entries.length === 1 && isPrimitive(entries[0][1])) {
			return `{ ${JSON.stringify(entries[0][0])}: ${serialize(entries[0][1], indent, fmt)} }`;
		}
		return '{' + entries.map(([k, v]) => `${fmt.eol}${indent}${unit}${JSON.stringify(k)}: ${serialize(v, indent + unit, fmt)}`).join(',') + fmt.eol + indent + '}';
	}
	return JSON.stringify(value) ?? 'null';
}

/** One-line JSON text, spaced like `{ "a": 1, "b": [1, 2] }` or compact like `{"a":1}`. */
function inline(value: unknown, spaced: boolean): string {
	if (value instanceof RawJson) {
		return value.text;
	}
	const sep = spaced ? ', ' : ',';
	if (Array.isArray(value)) {
		return '[' + value.map((v) => inline(v, spaced)).join(sep) + ']';
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, v]) => v !== undefined);
		if (!entries.length) {
			return '{}';
		}
		const body = entries.map(([k, v]) => JSON.stringify(k) + (spaced ? ': ' : ':') + inline(v, spaced)).join(sep);
		return spaced ? `{ ${body} }` : `{${body}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

// ---- the two primitive changes: insert into and remove from a container ----------------

interface NewItem {
	/** Property name when the container is an object. */
	readonly key?: string;
	readonly value: unknown;
}

function itemText(item: NewItem, indent: string, fmt: FormattingOptions): string {
	return (item.key !== undefined ? JSON.stringify(item.key) + ': ' : '') + serialize(item.value, indent, fmt);
}

function itemInline(item: NewItem, spaced: boolean): string {
	return (item.key !== undefined ? JSON.stringify(item.key) + (spaced ? ': ' : ':') : '') + inline(item.value, spaced);
}

/** Edits that insert an item into an object or array node, at `index` (or at the end when -1 or past the end). */
function insertInto(text: string, container: Node, item: NewItem, index: number, fmt: FormattingOptions): TextEdit[] {
	const unit = indentUnit(fmt);
	const children = container.children ?? [];
	const open = container.offset;
	const close = container.offset + container.length - 1;
	const containerIndent = indentAt(text, open);
	if (!children.length) {
		const inner = text.slice(open + 1, close);
		const oneLine = !/[\r\n]/.test(text.slice(open, close));
		if (oneLine && container.type === 'array' && isPrimitive(item.value)) {
			return [{ offset: open + 1, length: 0, newText: itemInline(item, true) }];
		}
		const indent = containerIndent + unit;
		if (!inner.trim()) {
			return [{ offset: open + 1, length: inner.length, newText: fmt.eol + indent + itemText(item, indent, fmt) + fmt.eol + containerIndent }];
		}
		// Only comments inside: keep them after the new item.
		return [{ offset: open + 1, length: 0, newText: fmt.eol + indent + itemText(item, indent, fmt) }];
	}
	const at = index < 0 || index >= children.length ? children.length : index;
	const vertical = /[\r\n]/.test(text.slice(open, close)) && children.every((c) => startsLine(text, c.offset));
	if (at < children.length) {
		const next = children[at];
		if (vertical) {
			const indent = indentAt(text, next.offset);
			return [{ offset: lineStart(text, next.offset), length: 0, newText: indent + itemText(item, indent, fmt) + ',' + fmt.eol }];
		}
		const spaced = at > 0 ? /^,[ \t]/.test(text.slice(skipTrivia(text, children[at - 1].offset + children[at - 1].length))) : true;
		return [{ offset: next.offset, length: 0, newText: itemInline(item, spaced) + (spaced ? ', ' : ',') }];
	}
	const last = children[children.length - 1];
	const lastEnd = last.offset + last.length;
	const comma = commaAfter(text, lastEnd);
	if (vertical) {
		const indent = indentAt(text, last.offset);
		const afterLast = comma >= 0 ? comma + 1 : lastEnd;
		const lineEnd = skipLineTrivia(text, afterLast);
		const trailing = comma >= 0 ? ',' : ''; // the file ends its items with a comma: so does the new one
		const newItem = fmt.eol + indent + itemText(item, indent, fmt) + trailing;
		const edits: TextEdit[] = comma >= 0 ? [] : [{ offset: lastEnd, length: 0, newText: ',' }];
		if (lineEnd >= text.length || isEolChar(text[lineEnd])) {
			edits.push({ offset: lineEnd, length: 0, newText: newItem });
		} else {
			edits.push({ offset: afterLast, length: 0, newText: newItem });
		}
		return edits;
	}
	const spaced = children.length > 1
		? /^,[ \t]/.test(text.slice(skipTrivia(text, children[0].offset + children[0].length)))
		: /[,:][ \t]|[[{][ \t]/.test(text.slice(lineStart(text, open), skipLineTrivia(text, close + 1)));
	if (comma >= 0) {
		return [{ offset: comma + 1, length: 0, newText: (spaced ? ' ' : '') + itemInline(item, spaced) + ',' }];
	}
	return [{ offset: lastEnd, length: 0, newText: (spaced ? ', ' : ',') + itemInline(item, spaced) }];
}

/** Edits that remove child `index` (a property node or an array element) of a container. */
function removeFrom(text: string, container: Node, index: number): TextEdit[] {
	const children = container.children ?? [];
	const item = children[index];
	const start = item.offset;
	const end = item.offset + item.length;
	const comma = commaAfter(text, end);
	const afterItem = comma >= 0 ? comma + 1 : end;
	const restEnd = skipLineTrivia(text, afterItem);
	const ownLines = startsLine(text, start) && restEnd < text.length && isEolChar(text[restEnd])
		&& (comma < 0 || !/[\r\n]/.test(text.slice(end, comma)));
	const edits: TextEdit[] = [];
	if (ownLines) {
		const from = lineStart(text, start);
		const to = pastEol(text, restEnd);
		if (children.length === 1) {
			const open = container.offset;
			const close = container.offset + container.length - 1;
			const left = text.slice(open + 1, from) + text.slice(to, close);
			if (!left.trim()) {
				return [{ offset: open + 1, length: close - open - 1, newText: '' }];
			}
		}
		edits.push({ offset: from, length: to - from, newText: '' });
		if (comma < 0 && index > 0) {
			// The last element goes: the comma after the one before it must go too (its comment stays).
			const prev = children[index - 1];
			const prevComma = commaAfter(text, prev.offset + prev.length);
			if (prevComma >= 0) {
				edits.unshift({ offset: prevComma, length: 1, newText: '' });
			}
		}
		return edits;
	}
	if (comma >= 0) {
		let to = comma + 1;
		while (to < text.length && isBlank(text[to])) {
			to++;
		}
		let from = start;
		if (to >= text.length || isEolChar(text[to]) || text[to] === ']' || text[to] === '}') {
			to = comma + 1;
			while (from > 0 && isBlank(text[from - 1]) && index > 0) {
				from--;
			}
		}
		return [{ offset: from, length: to - from, newText: '' }];
	}
	if (index > 0) {
		const prev = children[index - 1];
		const prevComma = commaAfter(text, prev.offset + prev.length);
		const from = prevComma >= 0 ? prevComma : prev.offset + prev.length;
		return [{ offset: from, length: end - from, newText: '' }];
	}
	return [{ offset: start, length: end - start, newText: '' }];
}

// ---- paths ----------------------------------------------------------------------------

interface Located {
	/** The node at the full path, when it exists. */
	readonly node?: Node;
	/** The deepest existing container on the path and the path segments below it. */
	readonly parent: Node;
	readonly rest: JSONPath;
}

function locate(root: Node, path: JSONPath): Located | undefined {
	let parent = root;
	for (let i = 0; i < path.length; i++) {
		const child = findNodeAtLocation(parent, [path[i]]);
		if (!child) {
			return { parent, rest: path.slice(i) };
		}
		if (i === path.length - 1) {
			return { node: child, parent, rest: [] };
		}
		if (child.type !== 'object' && child.type !== 'array') {
			return undefined; // a scalar on the way: the path cannot be made
		}
		parent = child;
	}
	return { node: root, parent: root, rest: [] };
}

/** Wraps a value in the objects the missing path segments need; undefined when a missing segment is an array index. */
function nest(rest: JSONPath, value: unknown): unknown {
	let v = value;
	for (let i = rest.length - 1; i >= 1; i--) {
		const seg = rest[i];
		if (typeof seg === 'number') {
			if (seg !== -1 && seg !== 0) {
				return undefined;
			}
			v = [v];
		} else {
			v = { [seg]: v };
		}
	}
	return v;
}

function finish(parsed: ParsedConnectionsFile, edits: TextEdit[]): EditResult {
	if (!edits.length) {
		return refuse('not-found');
	}
	return checkedResult(parsed.text, edits) === undefined ? refuse('invalid') : { ok: true, edits };
}

function change(parsed: ParsedConnectionsFile, path: JSONPath, value: unknown, fmt: FormattingOptions, insertion: boolean): EditResult {
	const refused = guard(parsed, path);
	if (refused) {
		return refused;
	}
	if (!path.length) {
		return refuse('invalid');
	}
	const text = parsed.text;
	const found = locate(parsed.root!, path);
	if (!found) {
		return refuse('invalid');
	}
	const last = path[path.length - 1];
	if (value === undefined) {
		if (!found.node) {
			return refuse('not-found');
		}
		const container = found.node.parent?.type === 'property' ? found.node.parent.parent : found.node.parent;
		const child = found.node.parent?.type === 'property' ? found.node.parent : found.node;
		if (!container?.children) {
			return refuse('invalid');
		}
		return finish(parsed, removeFrom(text, container, container.children.indexOf(child)));
	}
	if (insertion) {
		// The last segment is an index into an array that may not exist yet.
		const arrayPath = path.slice(0, -1);
		const arr = arrayPath.length ? locate(parsed.root!, arrayPath) : { node: parsed.root!, parent: parsed.root!, rest: [] };
		if (!arr) {
			return refuse('invalid');
		}
		if (arr.node) {
			if (arr.node.type !== 'array') {
				return refuse('invalid');
			}
			return finish(parsed, insertInto(text, arr.node, { value }, typeof last === 'number' ? last : -1, fmt));
		}
		return insertMissing(parsed, arr.parent, arr.rest, [value], fmt);
	}
	if (found.node) {
		const indent = indentAt(text, found.node.parent?.type === 'property' ? found.node.parent.offset : found.node.offset);
		return finish(parsed, [{ offset: found.node.offset, length: found.node.length, newText: serialize(value, indent, fmt) }]);
	}
	return insertMissing(parsed, found.parent, found.rest, value, fmt);
}

function insertMissing(parsed: ParsedConnectionsFile, parent: Node, rest: JSONPath, value: unknown, fmt: FormattingOptions): EditResult {
	const first = rest[0];
	const nested = nest(rest, value);
	if (nested === undefined) {
		return refuse('invalid');
	}
	if (parent.type === 'object' && typeof first === 'string') {
		return finish(parsed, insertInto(parsed.text, parent, { key: first, value: nested }, -1, fmt));
	}
	if (parent.type === 'array' && typeof first === 'number' && (first === -1 || first === (parent.children?.length ?? 0))) {
		return finish(parsed, insertInto(parsed.text, parent, { value: nested }, -1, fmt));
	}
	return refuse('invalid');
}

/** Sets the value at a path (creating missing parents). */
export function setValue(parsed: ParsedConnectionsFile, path: JSONPath, value: unknown, fmt: FormattingOptions): EditResult {
	return change(parsed, path, value, fmt, false);
}

/** Removes the property or array element at a path. */
export function removeValue(parsed: ParsedConnectionsFile, path: JSONPath, fmt: FormattingOptions): EditResult {
	return change(parsed, path, undefined, fmt, false);
}

/** Inserts a value into the array at `arrayPath` (at `index`, or at the end), creating the array when absent. */
export function insertArrayItem(parsed: ParsedConnectionsFile, arrayPath: JSONPath, value: unknown, fmt: FormattingOptions, index = -1): EditResult {
	return change(parsed, [...arrayPath, index], value, fmt, true);
}

/** Replaces exactly one span (a literal) with new text; used where a path cannot say it (renaming a key). */
export function replaceSpan(parsed: ParsedConnectionsFile, span: Span, newText: string, path: JSONPath = []): EditResult {
	const refused = guard(parsed, path);
	return refused ?? finish(parsed, [{ offset: span.offset, length: span.length, newText }]);
}

/**
 * Inserts raw JSON text (e.g. a connection object cut from elsewhere, comments and all)
 * into an array, re-indented to its new depth.
 */
export function insertRawArrayItem(parsed: ParsedConnectionsFile, arrayPath: JSONPath, raw: string, fmt: FormattingOptions, index = -1): EditResult {
	return change(parsed, [...arrayPath, index], new RawJson(raw), fmt, true);
}

/** Re-indents a multi-line slice so that its first line sits at `indent` and the rest keep their relative indentation. */
export function reindent(raw: string, indent: string, eol: string): string {
	const lines = raw.split(/\r\n|\r|\n/);
	if (lines.length === 1) {
		return raw;
	}
	// A cut object ends with its closing brace at the object's own depth: that is the base.
	const base = /^[ \t]*/.exec(lines[lines.length - 1])![0].length;
	return [lines[0], ...lines.slice(1).map((l) => (l.trim() ? indent + l.slice(Math.min(base, /^[ \t]*/.exec(l)![0].length)) : ''))].join(eol);
}

/** Re-parses after edits; undefined when the result would not parse (an edit must never break the file). */
export function checkedResult(text: string, edits: readonly TextEdit[]): string | undefined {
	const out = applyTextEdits(text, edits);
	return parseConnectionsText(out).editRefusal ? undefined : out;
}
