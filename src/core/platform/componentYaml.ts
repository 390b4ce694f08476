// A component's `.choreo/component.yaml` (and the legacy `component-config.yaml`): the connection
// references it declares, with the source span of every value, and the rename of a reference in
// each scalar's own quoting. Adding a reference is componentYamlEdits.ts.
import { Composer, isMap, isPair, isScalar, isSeq, parseDocument, Parser, type CST, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../model/model';
import { applyTextEdits, type TextEdit } from '../text/textEdit';

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
	/** The `configurations` (or `configuration`) key, where a missing rename is reported. */
	readonly configurationsSpan?: Span;
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

export interface Parsed {
	readonly doc?: Document.Parsed;
	readonly yaml: ComponentYaml;
	/** Name scalars of connectionReferences[] and env[].valueFrom.connectionRef, for rename. */
	readonly nameScalars: readonly ScalarAt[];
}

const EMPTY: ComponentYaml = { connectionReferences: [], envConnectionRefs: [], legacyServiceReferences: [], errors: [] };

/** Parses component.yaml text; never throws. Every span lies inside `text`. */
export function parseComponentYaml(text: string): ComponentYaml {
	return parseYamlTree(text).yaml;
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

/** The parse with its document and name scalars: for the edits here and in componentYamlEdits.ts. */
export function parseYamlTree(text: string): Parsed {
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
	let configurationsSpan: Span | undefined;
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
		// The validator reads the singular `configuration` too (the newer docs write it).
		for (const pair of ['configurations', 'configuration'].map((k) => get(root, k))) {
			if (!configurationsSpan && pair && isScalar(pair.key) && pair.key.range) {
				configurationsSpan = spanOf(text, pair.key.range);
			}
			const env = get(asMap(pair?.value), 'env')?.value;
			if (!isSeq(env)) {
				continue;
			}
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
			...(configurationsSpan ? { configurationsSpan } : {}),
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
export function get(map: YAMLMap | undefined, key: string): Pair<unknown, unknown> | undefined {
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
export function contentEnd(node: unknown): number {
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

/** `value` as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string, flow: boolean): string {
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

/**
 * Edits replacing every `connectionReferences[].name` and `valueFrom.connectionRef.name` equal to
 * `oldName` with `newName`, in each scalar's own quoting style. Empty when the file has YAML errors
 * or when the result would not read back with the new names.
 */
export function renameInYamlEdits(text: string, oldName: string, newName: string): TextEdit[] {
	const parsed = parseYamlTree(text);
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
	const after = parseYamlTree(applyTextEdits(text, edits));
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
