// Adding a connection reference to a component.yaml: one insertion that follows the file's own
// YAML layout (map, list and list-item offsets, line ends) and keeps every other byte.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { contentEnd, get, parseComponentYaml, parseYamlTree, scalarInnerSpan, yamlScalar } from './componentYaml';
import { eolOf, lineStart } from '../text/indentation';
import { applyTextEdits, minimalEdit, type TextEdit } from '../text/textEdit';

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
 * The schema version is the caller's business (withSchemaVersion below).
 */
export function addConnectionReferenceEdit(text: string, name: string, resourceRef: string): TextEdit | undefined {
	const parsed = parseYamlTree(text);
	if (parsed.yaml.errors.length || !parsed.doc || parsed.yaml.connectionReferences.some((r) => r.name === name)) {
		return undefined;
	}
	const item: ItemLines = (dash, keyOffset) => [
		`${spaces(dash)}-${spaces(keyOffset - 1)}name: ${yamlScalar(name, false)}`,
		`${spaces(dash + keyOffset)}resourceRef: ${yamlScalar(resourceRef, false)}`,
	];
	const flowItem = `{name: ${yamlScalar(name, true)}, resourceRef: ${yamlScalar(resourceRef, true)}}`;
	const edit = buildAddEdit(text, parsed.doc.contents, 'dependencies', 'connectionReferences', item, flowItem);
	if (!edit) {
		return undefined;
	}
	const after = parseComponentYaml(applyTextEdits(text, [edit]));
	const ok = !after.errors.length
		&& after.connectionReferences.length === parsed.yaml.connectionReferences.length + 1
		&& after.connectionReferences.some((r) => r.name === name && r.resourceRef === resourceRef);
	return ok ? edit : undefined;
}

/** The key that holds `env` in this file: `configurations`, or the singular `configuration` the validator also reads when only it is there. */
function configurationsKey(root: unknown): string {
	return isMap(root) && !get(root, 'configurations') && get(root, 'configuration') ? 'configuration' : 'configurations';
}

/**
 * One insertion that adds a `configurations.env` entry renaming a connection's variable:
 * `- name: <envName>` / `valueFrom: connectionRef: {name, key}`, in the file's layout. Undefined
 * when the file has YAML errors, already has an env entry `envName`, or the result would not read back.
 */
export function addEnvConnectionRefEdit(text: string, envName: string, connection: string, key: string): TextEdit | undefined {
	const parsed = parseYamlTree(text);
	if (parsed.yaml.errors.length || !parsed.doc || parsed.yaml.envConnectionRefs.some((r) => r.envName === envName)) {
		return undefined;
	}
	const item: ItemLines = (dash, keyOffset, unit) => {
		const col = dash + keyOffset;
		return [
			`${spaces(dash)}-${spaces(keyOffset - 1)}name: ${yamlScalar(envName, false)}`,
			`${spaces(col)}valueFrom:`,
			`${spaces(col + unit)}connectionRef:`,
			`${spaces(col + 2 * unit)}name: ${yamlScalar(connection, false)}`,
			`${spaces(col + 2 * unit)}key: ${yamlScalar(key, false)}`,
		];
	};
	const flowItem = `{name: ${yamlScalar(envName, true)}, valueFrom: {connectionRef: {name: ${yamlScalar(connection, true)}, key: ${yamlScalar(key, true)}}}}`;
	const edit = buildAddEdit(text, parsed.doc.contents, configurationsKey(parsed.doc.contents), 'env', item, flowItem);
	if (!edit) {
		return undefined;
	}
	const after = parseComponentYaml(applyTextEdits(text, [edit]));
	const ok = !after.errors.length
		&& after.envConnectionRefs.length === parsed.yaml.envConnectionRefs.length + 1
		&& after.envConnectionRefs.some((r) => r.envName === envName && r.connection === connection && r.key === key);
	return ok ? edit : undefined;
}

/** Lines of one new block-list item: its dash column, key offset after the dash, and the file's map indentation. */
type ItemLines = (dash: number, keyOffset: number, unit: number) => string[];

/** Appends a list item at `top.list` of the root map, creating either key when absent. */
function buildAddEdit(text: string, root: unknown, top: string, list: string, itemLines: ItemLines, flowItem: string): TextEdit | undefined {
	const style = detectStyle(text, root);
	const { unit, seqIndent, itemKey, eol } = style;
	const item = (dash: number, keyOffset: number): string[] => itemLines(dash, keyOffset, unit);
	const refsBlock = (col: number): string[] => [`${spaces(col)}${list}:`, ...item(col + seqIndent, itemKey)];

	if (isNull(root)) {
		return insertAfterLine(text, text.length, [`${top}:`, ...refsBlock(unit)], eol);
	}
	if (!isMap(root)) {
		return undefined;
	}
	if (root.flow) {
		const deps = get(root, top);
		return deps ? undefined : insertIntoFlow(text, root, `${top}: {${list}: [${flowItem}]}`);
	}
	const depsPair = get(root, top);
	if (!depsPair) {
		const first = root.items[0]?.key as Node | null | undefined;
		const col = first?.range ? column(text, first.range[0]) : 0;
		return insertAfterLine(text, contentEnd(root), [`${spaces(col)}${top}:`, ...refsBlock(col + unit)], eol);
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
	const refsPair = get(deps, list);
	if (deps.flow) {
		if (!refsPair) {
			return insertIntoFlow(text, deps, `${list}: [${flowItem}]`);
		}
		return isSeq(refsPair.value) && refsPair.value.flow ? insertIntoFlow(text, refsPair.value, flowItem) : undefined;
	}
	if (!refsPair) {
		const first = deps.items[0]?.key as Node | null | undefined;
		const col = first?.range ? column(text, first.range[0]) : depsCol + unit;
		// A sibling list (serviceReferences beside connectionReferences) shows this block's list style best.
		const sibling = siblingSeqStyle(text, deps);
		const lines = sibling ? [`${spaces(col)}${list}:`, ...item(col + sibling.seqIndent, sibling.itemKey)] : refsBlock(col);
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

/** The value of a scalar key of a map, as text (plain numbers keep their source text). */
function scalarText(text: string, node: unknown): string | undefined {
	if (!isScalar(node) || !node.range || node.value === null || node.value === undefined) {
		return undefined;
	}
	return typeof node.value === 'string' ? node.value : text.slice(node.range[0], node.range[1]);
}

/** The end of the line holding `offset`, past its line break. */
function pastLine(text: string, offset: number): number {
	const lf = text.indexOf('\n', offset);
	return lf < 0 ? text.length : lf + 1;
}

/**
 * One deletion that removes the item of the list at `top.list` (for `env`, under `configurations` or
 * `configuration`) that `matches`: its lines in a block list (comments above it stay), the item and
 * one comma in a flow list, and a list left empty becomes `[]`. Undefined when the file has YAML
 * errors, no item or more than one matches, or the result would not read back with one item less.
 */
function removeListItemEdit(text: string, tops: readonly string[], list: string, matches: (item: YAMLMap) => boolean, count: (text: string) => number): TextEdit | undefined {
	const parsed = parseYamlTree(text);
	const root = parsed.doc?.contents;
	if (parsed.yaml.errors.length || !isMap(root)) {
		return undefined;
	}
	const hits: { pair: Pair<unknown, unknown>; seq: YAMLSeq; index: number }[] = [];
	for (const top of tops) {
		const parent = get(root, top)?.value;
		const pair = isMap(parent) ? get(parent, list) : undefined;
		if (pair && isSeq(pair.value)) {
			pair.value.items.forEach((item, index) => {
				if (isMap(item) && matches(item)) {
					hits.push({ pair, seq: pair.value as YAMLSeq, index });
				}
			});
		}
	}
	if (hits.length !== 1) {
		return undefined;
	}
	const { pair, seq, index } = hits[0];
	const item = seq.items[index] as YAMLMap;
	if (!item.range || !seq.range) {
		return undefined;
	}
	let edit: TextEdit | undefined;
	if (seq.flow) {
		const next = seq.items[index + 1] as Node | undefined;
		const prev = seq.items[index - 1] as Node | undefined;
		if (next?.range) {
			edit = { offset: item.range[0], length: next.range[0] - item.range[0], newText: '' };
		} else if (prev?.range) {
			const end = contentEnd(prev);
			edit = { offset: end, length: contentEnd(item) - end, newText: '' };
		} else {
			edit = { offset: item.range[0], length: contentEnd(item) - item.range[0], newText: '' };
		}
	} else {
		const start = lineStart(text, item.range[0]);
		if (!/^[ \t]*-[ \t]*$/.test(text.slice(start, item.range[0]))) {
			return undefined; // the item does not start its own line
		}
		const end = pastLine(text, contentEnd(item));
		edit = { offset: start, length: end - start, newText: '' };
		if (seq.items.length === 1) {
			// The list would be null: it becomes `[]` on its key's line, and the lines between (comments) stay.
			const key = pair.key as Node | null;
			const colon = key?.range ? text.indexOf(':', key.range[1]) : -1;
			if (colon < 0 || colon > start) {
				return undefined;
			}
			edit = { offset: colon + 1, length: end - colon - 1, newText: ' []' + text.slice(colon + 1, start) };
		}
	}
	const before = count(text);
	const afterText = applyTextEdits(text, [edit]);
	return !parseComponentYaml(afterText).errors.length && count(afterText) === before - 1 ? edit : undefined;
}

/** Removes the `dependencies.connectionReferences` item named `name`. */
export function removeConnectionReferenceEdit(text: string, name: string): TextEdit | undefined {
	return removeListItemEdit(text, ['dependencies'], 'connectionReferences', (item) => scalarText(text, get(item, 'name')?.value) === name,
		(t) => parseComponentYaml(t).connectionReferences.length);
}

/** Removes the `configurations.env` (or `configuration.env`) entry named `envName`. */
export function removeEnvEntryEdit(text: string, envName: string): TextEdit | undefined {
	return removeListItemEdit(text, ['configurations', 'configuration'], 'env', (item) => scalarText(text, get(item, 'name')?.value) === envName,
		(t) => parseComponentYaml(t).envConnectionRefs.length);
}

/** The schema version a write needs that the file's version does not define (`connectionReferences`, `configurations` came with 1.1). */
export const SCHEMA_VERSION_FOR_WRITES = '1.2';

/**
 * Where a file's schemaVersion does not define what a write adds (1.0 has no `connectionReferences` and
 * no `configurations`), the edit that sets it to 1.2 in its own quoting; undefined when no bump is needed
 * or the version cannot be rewritten in place. `needsBump` says which case it is.
 */
export function schemaVersionBump(text: string): { readonly needsBump: boolean; readonly edit?: TextEdit } {
	const parsed = parseYamlTree(text);
	const root = parsed.doc?.contents;
	if (parsed.yaml.schemaVersion !== '1.0' || !isMap(root)) {
		return { needsBump: false };
	}
	const node = get(root, 'schemaVersion')?.value;
	if (!isScalar(node) || !node.range) {
		return { needsBump: true };
	}
	const inner = scalarInnerSpan(text, { offset: node.range[0], length: contentEnd(node) - node.range[0] });
	const raw = text.slice(inner.offset, inner.offset + inner.length);
	const trimmed = raw.trimEnd();
	return { needsBump: true, edit: { offset: inner.offset, length: trimmed.length, newText: SCHEMA_VERSION_FOR_WRITES } };
}

/** What a new component.yaml declares. */
export interface NewComponentYaml {
	readonly references: readonly { readonly name: string; readonly resourceRef: string }[];
	readonly renames: readonly { readonly envName: string; readonly connection: string; readonly key: string }[];
	/** Connections left out for want of a target (no resourceRef to write). */
	readonly withoutTarget: number;
}

/**
 * The text of a minimal schemaVersion 1.2 component.yaml declaring `spec`'s references and renames,
 * with a comment on what it is for. Workspace strings appear only as YAML scalars, never in comments.
 */
export function newComponentYamlText(spec: NewComponentYaml): string {
	const out = [
		'# Read by the platform when it builds this component: it injects the connections listed under',
		'# dependencies.connectionReferences, under the names configurations.env gives them. Created from',
		'# connections.json by Connections for VS Code; keep the two in step.',
	];
	if (spec.withoutTarget) {
		out.push(`# ${spec.withoutTarget} connection(s) have no target in connections.json and are not listed: add them once they do.`);
	}
	out.push(`schemaVersion: "${SCHEMA_VERSION_FOR_WRITES}"`);
	if (spec.references.length) {
		out.push('dependencies:', '  connectionReferences:');
		for (const r of spec.references) {
			out.push(`    - name: ${yamlScalar(r.name, false)}`, `      resourceRef: ${yamlScalar(r.resourceRef, false)}`);
		}
	}
	if (spec.renames.length) {
		out.push('configurations:', '  env:');
		for (const r of spec.renames) {
			out.push(`    - name: ${yamlScalar(r.envName, false)}`, '      valueFrom:', '        connectionRef:',
				`          name: ${yamlScalar(r.connection, false)}`, `          key: ${yamlScalar(r.key, false)}`);
		}
	}
	return out.join('\n') + '\n';
}

/**
 * One edit that removes every mention of connection `id` from a component.yaml: its
 * `connectionReferences` item and each `configurations.env` entry filled from it (their lines only,
 * as the single removals do). Undefined when the file has YAML errors or mentions it nowhere.
 */
export function removeConnectionEverywhereEdit(text: string, id: string): TextEdit | undefined {
	if (parseComponentYaml(text).errors.length) {
		return undefined;
	}
	let current = text;
	const reference = removeConnectionReferenceEdit(current, id);
	if (reference) {
		current = applyTextEdits(current, [reference]);
	}
	for (const env of parseComponentYaml(current).envConnectionRefs.filter((r) => r.connection === id)) {
		const edit = removeEnvEntryEdit(current, env.envName);
		if (edit) {
			current = applyTextEdits(current, [edit]);
		}
	}
	return current === text ? undefined : minimalEdit(text, current);
}
