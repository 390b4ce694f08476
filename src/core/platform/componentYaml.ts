// A component's `.choreo/component.yaml` (and the legacy `component-config.yaml`): the connection
// references it declares, with the source span of every value, and minimal text edits that add or
// rename a reference while keeping every other byte (comments, quoting, indentation, line ends).
import { Composer, isMap, isPair, isScalar, isSeq, parseDocument, Parser, type CST, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../model/model';
import type { TextEdit } from '../text/textEdit';
import { eolOf } from '../text/indentation';

type Token = CST.Token;

export interface YamlConnectionReference {
	readonly name: string;
	/** The name scalar's source text (quotes included). */
	readonly nameSpan: Span;
	readonly resourceRef?: string;
	readonly resourceRefSpan?: Span;
	/** The whole list item. */
	readonly span: Span;
	/** Position in `dependencies.connectionReferences`. */
	readonly index: number;
}

/** A `configurations.env[]` entry whose `valueFrom.connectionRef` renames an injected variable. */
export interface YamlEnvConnectionRef {
	readonly envName: string;
	readonly envNameSpan: Span;
	readonly connection: string;
	readonly connectionSpan: Span;
	readonly key?: string;
	readonly keySpan?: Span;
	/** Position in `configurations.env`. */
	readonly index: number;
}

/** Schema 1.0 `dependencies.serviceReferences[]` or component-config.yaml `spec.outbound.serviceReferences[]`. */
export interface YamlLegacyServiceReference {
	readonly name: string;
	readonly nameSpan: Span;
	readonly connectionConfig?: string;
	readonly env: readonly { from: string; fromSpan: Span; to: string; toSpan: Span }[];
}

export interface YamlError {
	readonly message: string;
	readonly offset: number;
	readonly length: number;
}

export interface ComponentYaml {
	/** Normalised: `1.2` and `"1.2 "` both give "1.2", `1` gives "1.0". */
	readonly schemaVersion?: string;
	readonly connectionReferences: readonly YamlConnectionReference[];
	/** The `connectionReferences` key, where a missing reference is reported. */
	readonly connectionReferencesSpan?: Span;
	readonly envConnectionRefs: readonly YamlEnvConnectionRef[];
	readonly legacyServiceReferences: readonly YamlLegacyServiceReference[];
	/** YAML syntax errors (duplicate keys included); offsets are UTF-16 code units. */
	readonly errors: readonly YamlError[];
}

interface ScalarAt {
	readonly value: string;
	readonly span: Span;
	readonly node: Scalar;
	/** Inside a flow collection (`[…]`, `{…}`), where plain scalars may not hold `,[]{}`. */
	readonly flow: boolean;
}

interface Parsed {
	readonly doc?: Document.Parsed;
	readonly yaml: ComponentYaml;
	/** Name scalars of connectionReferences[] and env[].valueFrom.connectionRef, for rename. */
	readonly nameScalars: readonly ScalarAt[];
}

const EMPTY: ComponentYaml = { connectionReferences: [], envConnectionRefs: [], legacyServiceReferences: [], errors: [] };

/** Parses component.yaml text; never throws. Every span lies inside `text`. */
export function parseComponentYaml(text: string): ComponentYaml {
	return parse(text).yaml;
}

/**
 * Longest component.yaml read (UTF-16 units). Real files are a few kilobytes; the YAML parser
 * takes about a second per megabyte, so a cap keeps a hostile file from blocking the editor.
 */
export const MAX_COMPONENT_YAML_LENGTH = 128 * 1024;
/** Deepest nesting read. Composing recurses per level, and a stack overflow inside it can abort the process. */
export const MAX_COMPONENT_YAML_DEPTH = 64;
/** Cheap bounds checked before parsing, so that even the syntax tree of a hostile file stays small. */
const MAX_FLOW_OPENERS = 4096;
const MAX_INDENT = 512;
const MAX_COMPACT_PER_LINE = MAX_COMPONENT_YAML_DEPTH;

function failed(message: string, offset: number, text: string): Parsed {
	const at = Math.max(0, Math.min(offset, text.length));
	return { yaml: { ...EMPTY, errors: [{ message, offset: at, length: Math.min(1, text.length - at) }] }, nameScalars: [] };
}

/** A first, linear look that bounds the parser's work: bracket count, indentation, `- - -` runs. */
function boundsError(text: string): Parsed | undefined {
	if (text.length > MAX_COMPONENT_YAML_LENGTH) {
		return failed(`The file is too large to read (${text.length} characters; at most ${MAX_COMPONENT_YAML_LENGTH}).`, 0, text);
	}
	let openers = 0;
	let lineStart = true;
	let indent = 0;
	let compact = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) {
			lineStart = true;
			indent = 0;
			compact = 0;
			continue;
		}
		if (lineStart && c === 32) {
			if (++indent > MAX_INDENT) {
				return failed(`The file is indented more than ${MAX_INDENT} columns here; it is not read.`, i, text);
			}
			continue;
		}
		lineStart = false;
		if (c === 91 /* [ */ || c === 123 /* { */) {
			if (++openers > MAX_FLOW_OPENERS) {
				return failed(`The file has more than ${MAX_FLOW_OPENERS} flow collections; it is not read.`, i, text);
			}
		} else if ((c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
			if (++compact > MAX_COMPACT_PER_LINE) {
				return failed(`The file is nested more than ${MAX_COMPONENT_YAML_DEPTH} levels deep here; it is not read.`, i, text);
			}
		}
	}
	return undefined;
}

function parse(text: string): Parsed {
	const bounds = boundsError(text);
	if (bounds) {
		return bounds;
	}
	let doc: Document.Parsed | undefined;
	const errors: YamlError[] = [];
	try {
		// The syntax tree is built without recursion; composing it recurses once per level, so the
		// depth is checked in between (a stack overflow inside the composer can abort the process).
		const tokens = [...new Parser().parse(text)];
		const deep = tooDeepAt(tokens, MAX_COMPONENT_YAML_DEPTH);
		if (deep >= 0) {
			return failed(`The file is nested more than ${MAX_COMPONENT_YAML_DEPTH} levels deep here; it is not read.`, deep, text);
		}
		for (const d of new Composer({ prettyErrors: false, uniqueKeys: true, strict: true }).compose(tokens, true, text.length)) {
			if (!doc) {
				doc = d;
			} else {
				errors.push(clampError(text, 'The file holds more than one YAML document; a component.yaml has one.', [d.range[0], d.range[1]]));
				break;
			}
		}
	} catch (e) {
		return failed(`The file cannot be read as YAML: ${e instanceof Error ? e.message : String(e)}`, 0, text);
	}
	if (!doc) {
		return { yaml: EMPTY, nameScalars: [] };
	}
	const parsed: Document.Parsed = doc;
	errors.unshift(...doc.errors.map((e) => clampError(text, e.message, e.code === 'DUPLICATE_KEY' ? keyRangeAt(parsed.contents, e.pos[0]) ?? e.pos : e.pos)));
	try {
		return { doc, ...extract(text, doc, errors) };
	} catch (e) {
		return { doc, yaml: { ...EMPTY, errors: [...errors, { message: `The file cannot be read: ${e instanceof Error ? e.message : String(e)}`, offset: 0, length: 0 }] }, nameScalars: [] };
	}
}

/** Where the syntax tree nests deeper than `limit` collections, or -1 (walked without recursion). */
function tooDeepAt(tokens: readonly Token[], limit: number): number {
	const stack: [Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
	while (stack.length) {
		const [token, depth] = stack.pop()!;
		if (!token) {
			continue;
		}
		switch (token.type) {
			case 'document':
				stack.push([token.value, depth]);
				break;
			case 'block-map':
			case 'block-seq':
			case 'flow-collection':
				if (depth + 1 > limit) {
					return token.offset;
				}
				for (const item of token.items) {
					stack.push([item.key, depth + 1], [item.value, depth + 1]);
				}
				break;
		}
	}
	return -1;
}

/** The range of the map key that starts at `offset`, to underline a duplicate key whole. */
function keyRangeAt(root: unknown, offset: number): [number, number] | undefined {
	const stack: unknown[] = [root];
	let budget = 100_000;
	while (stack.length && budget-- > 0) {
		const node = stack.pop();
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = pair.key as Node | null;
				if (key?.range && key.range[0] === offset) {
					return [key.range[0], key.range[1]];
				}
				stack.push(pair.value);
			}
		} else if (isSeq(node)) {
			stack.push(...node.items);
		}
	}
	return undefined;
}

function clampError(text: string, message: string, pos: readonly [number, number] | undefined): YamlError {
	const offset = Math.min(Math.max(0, pos?.[0] ?? 0), text.length);
	const end = Math.min(Math.max(offset, pos?.[1] ?? offset), text.length);
	return { message, offset, length: end - offset };
}

function extract(text: string, doc: Document.Parsed, errors: YamlError[]): { yaml: ComponentYaml; nameScalars: ScalarAt[] } {
	const root = doc.contents;
	const nameScalars: ScalarAt[] = [];
	const connectionReferences: YamlConnectionReference[] = [];
	const envConnectionRefs: YamlEnvConnectionRef[] = [];
	const legacyServiceReferences: YamlLegacyServiceReference[] = [];
	let schemaVersion: string | undefined;
	let connectionReferencesSpan: Span | undefined;
	if (isMap(root)) {
		const version = scalarOf(text, get(root, 'schemaVersion')?.value, false);
		if (version) {
			schemaVersion = normaliseVersion(version.value);
		}
		const deps = get(root, 'dependencies')?.value;
		if (isMap(deps)) {
			const refsPair = get(deps, 'connectionReferences');
			if (refsPair && isScalar(refsPair.key) && refsPair.key.range) {
				connectionReferencesSpan = spanOf(text, refsPair.key.range);
			}
			const refs = refsPair?.value;
			if (isSeq(refs)) {
				refs.items.forEach((item, index) => {
					if (!isMap(item)) {
						return;
					}
					const name = scalarOf(text, get(item, 'name')?.value, item.flow === true);
					if (!name) {
						return;
					}
					nameScalars.push(name);
					const ref = scalarOf(text, get(item, 'resourceRef')?.value, item.flow === true);
					connectionReferences.push({
						name: name.value, nameSpan: name.span,
						...(ref ? { resourceRef: ref.value, resourceRefSpan: ref.span } : {}),
						span: nodeSpan(text, item), index,
					});
				});
			}
			legacyServiceReferences.push(...legacyReferences(text, get(deps, 'serviceReferences')?.value));
		}
		const env = get(asMap(get(root, 'configurations')?.value), 'env')?.value;
		if (isSeq(env)) {
			env.items.forEach((entry, index) => {
				if (!isMap(entry)) {
					return;
				}
				const envName = scalarOf(text, get(entry, 'name')?.value, entry.flow === true);
				const ref = asMap(get(asMap(get(entry, 'valueFrom')?.value), 'connectionRef')?.value);
				const connection = scalarOf(text, get(ref, 'name')?.value, ref?.flow === true);
				if (!envName || !connection) {
					return;
				}
				nameScalars.push(connection);
				const key = scalarOf(text, get(ref, 'key')?.value, ref?.flow === true);
				envConnectionRefs.push({
					envName: envName.value, envNameSpan: envName.span,
					connection: connection.value, connectionSpan: connection.span,
					...(key ? { key: key.value, keySpan: key.span } : {}),
					index,
				});
			});
		}
		const outbound = asMap(get(asMap(get(root, 'spec')?.value), 'outbound')?.value);
		legacyServiceReferences.push(...legacyReferences(text, get(outbound, 'serviceReferences')?.value));
	}
	return {
		yaml: {
			...(schemaVersion !== undefined ? { schemaVersion } : {}),
			connectionReferences,
			...(connectionReferencesSpan ? { connectionReferencesSpan } : {}),
			envConnectionRefs,
			legacyServiceReferences,
			errors,
		},
		nameScalars,
	};
}

function legacyReferences(text: string, list: unknown): YamlLegacyServiceReference[] {
	const out: YamlLegacyServiceReference[] = [];
	if (!isSeq(list)) {
		return out;
	}
	for (const item of list.items) {
		if (!isMap(item)) {
			continue;
		}
		const name = scalarOf(text, get(item, 'name')?.value, false);
		if (!name) {
			continue;
		}
		const config = scalarOf(text, get(item, 'connectionConfig')?.value, false);
		const env: { from: string; fromSpan: Span; to: string; toSpan: Span }[] = [];
		const mappings = get(item, 'env')?.value;
		if (isSeq(mappings)) {
			for (const m of mappings.items) {
				if (!isMap(m)) {
					continue;
				}
				const from = scalarOf(text, get(m, 'from')?.value, false);
				const to = scalarOf(text, get(m, 'to')?.value, false);
				if (from && to) {
					env.push({ from: from.value, fromSpan: from.span, to: to.value, toSpan: to.span });
				}
			}
		}
		out.push({ name: name.value, nameSpan: name.span, ...(config ? { connectionConfig: config.value } : {}), env });
	}
	return out;
}

function asMap(node: unknown): YAMLMap | undefined {
	return isMap(node) ? node : undefined;
}

/** The pair of `map` whose key is the scalar `key` (the first, if duplicated). */
function get(map: YAMLMap | undefined, key: string): Pair<unknown, unknown> | undefined {
	if (!map) {
		return undefined;
	}
	for (const pair of map.items) {
		if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) {
			return pair;
		}
	}
	return undefined;
}

function spanOf(text: string, range: readonly number[]): Span {
	const offset = Math.min(Math.max(0, range[0]), text.length);
	const end = Math.min(Math.max(offset, range[1]), text.length);
	return { offset, length: end - offset };
}

/** A non-null scalar's value as a string (plain numbers keep their source text: `1.0` stays "1.0"). */
function scalarOf(text: string, node: unknown, flow: boolean): ScalarAt | undefined {
	if (!isScalar(node) || !node.range || node.value === null || node.value === undefined) {
		return undefined;
	}
	const span = spanOf(text, node.range);
	const value = typeof node.value === 'string' ? node.value : node.type === 'PLAIN' ? text.slice(span.offset, span.offset + span.length) : String(node.value);
	return { value, span, node, flow };
}

function normaliseVersion(v: string): string {
	const t = v.trim();
	return /^\d+$/.test(t) ? `${t}.0` : t;
}

/** The span of a scalar's value without its quotes (unchanged for plain and block scalars). */
export function scalarInnerSpan(text: string, span: Span): Span {
	const first = text.charAt(span.offset);
	if (span.length >= 2 && (first === '"' || first === "'") && text.charAt(span.offset + span.length - 1) === first) {
		return { offset: span.offset + 1, length: span.length - 2 };
	}
	return span;
}

/** Where a node's content ends: its last scalar or closing bracket, not the comments and line breaks after it. */
function contentEnd(node: unknown): number {
	if (isScalar(node)) {
		return node.range ? node.range[1] : 0;
	}
	if (isMap(node) || isSeq(node)) {
		if (node.flow || node.items.length === 0) {
			return node.range ? node.range[1] : 0;
		}
		const last = node.items[node.items.length - 1];
		if (isPair(last)) {
			const keyEnd = contentEnd(last.key);
			return last.value === null || last.value === undefined ? keyEnd : Math.max(keyEnd, contentEnd(last.value));
		}
		return contentEnd(last);
	}
	const range = (node as Node | null | undefined)?.range;
	return range ? range[1] : 0;
}

function nodeSpan(text: string, node: Node): Span {
	const start = node.range ? node.range[0] : 0;
	return spanOf(text, [start, contentEnd(node)]);
}

// ---------------------------------------------------------------------------------------------
// Edits

function lineStart(text: string, pos: number): number {
	let i = pos;
	while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) {
		i--;
	}
	return i;
}

function column(text: string, pos: number): number {
	const start = lineStart(text, pos);
	return pos - start - (start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/** The column of the `-` that introduces a block sequence item starting at pos, or -1. */
function dashColumn(text: string, pos: number): number {
	let i = pos - 1;
	while (i >= 0 && text.charCodeAt(i) === 32) {
		i--;
	}
	return text.charCodeAt(i) === 45 /* - */ ? column(text, i) : -1;
}

function spaces(n: number): string {
	return ' '.repeat(Math.max(0, n));
}

interface Style {
	/** Indentation of a nested block map. */
	readonly unit: number;
	/** Dash column minus key column for a block list under a key (0 or the unit). */
	readonly seqIndent: number;
	/** Key column minus dash column inside a list item (usually 2). */
	readonly itemKey: number;
	readonly eol: string;
}

/** The file's own YAML indentation habits (map, list and list-item offsets), from the first examples of each; line ends from text/indentation.ts. */
function detectStyle(text: string, root: unknown): Style {
	let unit = -1;
	let seqIndent = -1;
	let itemKey = -1;
	let budget = 2000;
	const visit = (node: unknown): void => {
		if (budget-- <= 0 || (unit >= 0 && seqIndent >= 0 && itemKey >= 0)) {
			return;
		}
		if (isMap(node) && !node.flow) {
			for (const pair of node.items) {
				const key = pair.key as Node | null;
				const value = pair.value as Node | null;
				if (!key?.range) {
					continue;
				}
				const keyCol = column(text, key.range[0]);
				if (isMap(value) && !value.flow && value.items.length && unit < 0) {
					const child = value.items[0].key as Node | null;
					if (child?.range) {
						const d = column(text, child.range[0]) - keyCol;
						if (d > 0) {
							unit = d;
						}
					}
				} else if (isSeq(value) && !value.flow && value.items.length && seqIndent < 0) {
					const first = value.items[0] as Node | null;
					if (first?.range) {
						const dash = dashColumn(text, first.range[0]);
						if (dash >= keyCol) {
							seqIndent = dash - keyCol;
						}
					}
				}
				visit(value);
			}
		} else if (isSeq(node) && !node.flow) {
			for (const item of node.items) {
				if (isMap(item) && !item.flow && itemKey < 0 && item.range) {
					const dash = dashColumn(text, item.range[0]);
					if (dash >= 0) {
						itemKey = column(text, item.range[0]) - dash;
					}
				}
				visit(item);
			}
		}
	};
	visit(root);
	unit = unit > 0 ? unit : 2;
	return {
		unit,
		seqIndent: seqIndent >= 0 ? seqIndent : unit,
		itemKey: itemKey > 0 ? itemKey : 2,
		eol: eolOf(text),
	};
}

/** The list style of the first block list of maps held by a key of `map`. */
function siblingSeqStyle(text: string, map: YAMLMap): { seqIndent: number; itemKey: number } | undefined {
	for (const pair of map.items) {
		const key = pair.key as Node | null;
		const value = pair.value;
		if (!key?.range || !isSeq(value) || value.flow || !isMap(value.items[0]) || value.items[0].flow || !value.items[0].range) {
			continue;
		}
		const first = value.items[0].range[0];
		const dash = dashColumn(text, first);
		const keyCol = column(text, key.range[0]);
		if (dash >= keyCol && column(text, first) > dash) {
			return { seqIndent: dash - keyCol, itemKey: column(text, first) - dash };
		}
	}
	return undefined;
}

/** `value` as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
function yamlScalar(value: string, flow: boolean): string {
	// Plain only for a conservative character set (so the probe below never meets nesting), and only when it reads back as the same string.
	if (/^[A-Za-z0-9_][A-Za-z0-9_ .\/:@+=~',()-]*$/.test(value) && value.trim() === value) {
		try {
			const probe = parseDocument(flow ? `[${value}]` : `k: ${value}`, { prettyErrors: false });
			const node = flow ? (isSeq(probe.contents) && probe.contents.items.length === 1 ? probe.contents.items[0] : undefined)
				: (isMap(probe.contents) && probe.contents.items.length === 1 ? probe.contents.items[0].value : undefined);
			if (!probe.errors.length && !probe.warnings.length && isScalar(node) && node.type === 'PLAIN' && node.value === value) {
				return value;
			}
		} catch {
			// fall through to quoting
		}
	}
	return doubleQuoted(value);
}

/** A YAML double-quoted scalar: JSON's escapes, plus escapes for what YAML does not allow raw. */
function doubleQuoted(value: string): string {
	return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Inserting `lines` on a new line after the line where `end` lies. */
function insertAfterLine(text: string, end: number, lines: readonly string[], eol: string): TextEdit {
	const body = lines.join(eol);
	if (end > 0 && text.charCodeAt(end - 1) === 10) {
		return { offset: end, length: 0, newText: body + eol };
	}
	const lf = text.indexOf('\n', end);
	if (lf < 0) {
		return { offset: text.length, length: 0, newText: (text.length ? eol : '') + body + (text.length ? '' : eol) };
	}
	return { offset: lf + 1, length: 0, newText: body + eol };
}

/** Inserting `item` before the closing bracket of a flow collection. */
function insertIntoFlow(text: string, node: YAMLMap | YAMLSeq, item: string): TextEdit | undefined {
	const close = (node.range?.[1] ?? 0) - 1;
	const bracket = text.charAt(close);
	if (bracket !== (isSeq(node) ? ']' : '}')) {
		return undefined;
	}
	let k = close - 1;
	while (k >= 0 && /\s/.test(text.charAt(k))) {
		k--;
	}
	const prev = text.charAt(k);
	const needsComma = node.items.length > 0 && prev !== ',';
	return { offset: k + 1, length: 0, newText: (needsComma ? ', ' : prev === ',' ? ' ' : '') + item };
}

/** After `key:` whose value is an explicit null (`~`, `null`): replace it with a block on the next lines. */
function replaceNull(text: string, pair: Pair<unknown, unknown>, lines: readonly string[], eol: string): TextEdit | undefined {
	const key = pair.key as Node | null;
	const value = pair.value as Scalar;
	if (!key?.range || !value.range) {
		return undefined;
	}
	const colon = text.indexOf(':', key.range[1]);
	if (colon < 0 || colon >= value.range[0]) {
		return undefined;
	}
	return { offset: colon + 1, length: value.range[1] - colon - 1, newText: eol + lines.join(eol) };
}

function isEmptyNull(node: unknown): node is Scalar {
	return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}

function isNull(node: unknown): node is Scalar {
	return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/**
 * One insertion (or, where the list is an explicit `null`, one replacement) that adds
 * `- name: <name>` / `resourceRef: <resourceRef>` to `dependencies.connectionReferences`,
 * creating the keys when absent and following the file's indentation and line ends. Undefined when
 * the file has YAML errors, is not a map, already lists `name`, or the result would not read back.
 */
export function addConnectionReferenceEdit(text: string, name: string, resourceRef: string): TextEdit | undefined {
	const parsed = parse(text);
	if (parsed.yaml.errors.length || !parsed.doc || parsed.yaml.connectionReferences.some((r) => r.name === name)) {
		return undefined;
	}
	const edit = buildAddEdit(text, parsed.doc.contents, name, resourceRef);
	if (!edit) {
		return undefined;
	}
	const after = parseComponentYaml(text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length));
	const ok = !after.errors.length
		&& after.connectionReferences.length === parsed.yaml.connectionReferences.length + 1
		&& after.connectionReferences.some((r) => r.name === name && r.resourceRef === resourceRef);
	return ok ? edit : undefined;
}

function buildAddEdit(text: string, root: unknown, name: string, resourceRef: string): TextEdit | undefined {
	const style = detectStyle(text, root);
	const { unit, seqIndent, itemKey, eol } = style;
	const item = (dash: number, keyOffset: number): string[] => [
		`${spaces(dash)}-${spaces(keyOffset - 1)}name: ${yamlScalar(name, false)}`,
		`${spaces(dash + keyOffset)}resourceRef: ${yamlScalar(resourceRef, false)}`,
	];
	const refsBlock = (col: number): string[] => [`${spaces(col)}connectionReferences:`, ...item(col + seqIndent, itemKey)];
	const flowItem = `{name: ${yamlScalar(name, true)}, resourceRef: ${yamlScalar(resourceRef, true)}}`;

	if (isNull(root)) {
		return insertAfterLine(text, text.length, [`dependencies:`, ...refsBlock(unit)], eol);
	}
	if (!isMap(root)) {
		return undefined;
	}
	if (root.flow) {
		const deps = get(root, 'dependencies');
		return deps ? undefined : insertIntoFlow(text, root, `dependencies: {connectionReferences: [${flowItem}]}`);
	}
	const depsPair = get(root, 'dependencies');
	if (!depsPair) {
		const first = root.items[0]?.key as Node | null | undefined;
		const col = first?.range ? column(text, first.range[0]) : 0;
		return insertAfterLine(text, contentEnd(root), [`${spaces(col)}dependencies:`, ...refsBlock(col + unit)], eol);
	}
	const depsKey = depsPair.key as Node;
	const depsCol = depsKey.range ? column(text, depsKey.range[0]) : 0;
	const deps = depsPair.value;
	if (isNull(deps)) {
		if (deps === null || deps === undefined || isEmptyNull(deps)) {
			return insertAfterLine(text, Math.max(contentEnd(depsPair.key), deps ? contentEnd(deps) : 0), refsBlock(depsCol + unit), eol);
		}
		return replaceNull(text, depsPair, refsBlock(depsCol + unit), eol);
	}
	if (!isMap(deps)) {
		return undefined;
	}
	const refsPair = get(deps, 'connectionReferences');
	if (deps.flow) {
		if (!refsPair) {
			return insertIntoFlow(text, deps, `connectionReferences: [${flowItem}]`);
		}
		return isSeq(refsPair.value) && refsPair.value.flow ? insertIntoFlow(text, refsPair.value, flowItem) : undefined;
	}
	if (!refsPair) {
		const first = deps.items[0]?.key as Node | null | undefined;
		const col = first?.range ? column(text, first.range[0]) : depsCol + unit;
		// A sibling list (serviceReferences) shows this block's list style best.
		const sibling = siblingSeqStyle(text, deps);
		const lines = sibling ? [`${spaces(col)}connectionReferences:`, ...item(col + sibling.seqIndent, sibling.itemKey)] : refsBlock(col);
		return insertAfterLine(text, contentEnd(deps), lines, eol);
	}
	const refsKey = refsPair.key as Node;
	const refsCol = refsKey.range ? column(text, refsKey.range[0]) : depsCol + unit;
	const refs = refsPair.value;
	if (isNull(refs)) {
		if (refs === null || refs === undefined || isEmptyNull(refs)) {
			return insertAfterLine(text, Math.max(contentEnd(refsPair.key), refs ? contentEnd(refs) : 0), item(refsCol + seqIndent, itemKey), eol);
		}
		return replaceNull(text, refsPair, item(refsCol + seqIndent, itemKey), eol);
	}
	if (!isSeq(refs)) {
		return undefined;
	}
	if (refs.flow) {
		return insertIntoFlow(text, refs, flowItem);
	}
	if (!refs.items.length) {
		return undefined;
	}
	const first = refs.items[0] as Node | null;
	let dash = first?.range ? dashColumn(text, first.range[0]) : -1;
	let keyOffset = itemKey;
	if (dash >= 0 && first?.range && isMap(first) && !first.flow) {
		keyOffset = column(text, first.range[0]) - dash;
	}
	if (dash < 0) {
		dash = refsCol + seqIndent;
	}
	return insertAfterLine(text, contentEnd(refs), item(dash, keyOffset > 0 ? keyOffset : itemKey), eol);
}

/**
 * Edits replacing every `connectionReferences[].name` and `valueFrom.connectionRef.name` equal to
 * `oldName` with `newName`, in each scalar's own quoting style. Empty when the file has YAML errors
 * or when the result would not read back with the new names.
 */
export function renameInYamlEdits(text: string, oldName: string, newName: string): TextEdit[] {
	const parsed = parse(text);
	if (parsed.yaml.errors.length || oldName === newName) {
		return [];
	}
	const edits: TextEdit[] = [];
	for (const s of parsed.nameScalars) {
		if (s.value !== oldName) {
			continue;
		}
		edits.push({ offset: s.span.offset, length: s.span.length, newText: requote(s, newName) });
	}
	if (!edits.length) {
		return edits;
	}
	edits.sort((a, b) => a.offset - b.offset);
	let result = '';
	let at = 0;
	for (const e of edits) {
		result += text.slice(at, e.offset) + e.newText;
		at = e.offset + e.length;
	}
	result += text.slice(at);
	const after = parse(result);
	const before = parsed.nameScalars.filter((s) => s.value === oldName).length;
	const renamed = after.nameScalars.filter((s) => s.value === newName).length - parsed.nameScalars.filter((s) => s.value === newName).length;
	return !after.yaml.errors.length && after.nameScalars.length === parsed.nameScalars.length && renamed === before ? edits : [];
}

function requote(s: ScalarAt, value: string): string {
	switch (s.node.type) {
		case 'QUOTE_DOUBLE':
			return doubleQuoted(value);
		case 'QUOTE_SINGLE':
			return /^(?:[\u0020-\u007e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/.test(value) ? `'${value.replace(/'/g, "''")}'` : doubleQuoted(value);
		default:
			return yamlScalar(value, s.flow);
	}
}
