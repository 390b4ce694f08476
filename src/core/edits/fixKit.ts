// The building blocks of quick fixes: the Fix type, titles, and edits that find their target
// again by who it is (a connection, a component, a key) in the text each file has when the fix
// is applied, with the smallest-path edits of edits.ts: a fix fired after another one, or after
// the user typed, still lands where it should or is refused (docs/reliability.md E1, E4).
import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import { parseComponentYaml, scalarInnerSpan } from '../platform/componentYaml';
import { addUse } from './connectionEdits';
import { checkedResult, refuse, removeValue, replaceSpan, setValue, type EditResult } from './edits';
import type { FormattingOptions } from '../text/indentation';
import { formatMessage } from '../findings/messages';
import type { Component, Connection } from '../model/model';
import { parseConnectionsText, type ParsedConnectionsFile } from '../json/parse';
import type { ConnectionRef, FixableCode, IntentOf } from '../findings/intents';
import type { Problem, ProblemCode } from '../findings/problems';
import { CONNECTIONS_FILE, type ConnectionsProject } from '../analysis/project';
import { scanEnvReads } from '../source/envReads';
import { languageOfPath } from '../source/languages';
import type { TextEdit } from '../text/textEdit';

/** The edits of one file, computed from its text at the moment they are applied. */
export interface FileEdits {
	/** Repository-relative path, `/`-separated. */
	readonly file: string;
	/** The file does not exist yet: `compute('')` gives its whole text, and a file that exists by then is refused. */
	readonly create?: boolean;
	readonly compute: (text: string, fmt: FormattingOptions) => EditResult;
}

/** One literal value of a parameter: for every environment, or for one. */
export interface SecretValue {
	readonly environment?: string;
	readonly value: string;
}

/** Whether two readings of a parameter's literal values are the same, environment by environment. */
export function sameSecretValues(a: readonly SecretValue[], b: readonly SecretValue[]): boolean {
	return a.length === b.length && a.every((x, i) => x.environment === b[i].environment && x.value === b[i].value);
}

/** What moving a plain secret into secret storage needs besides the edit. */
export interface SecretMove {
	readonly connectionId: string;
	readonly key: string;
	/** The literal values the parameter holds in `text` (connections.json) now; undefined when it no longer holds any. */
	readonly valuesIn: (text: string) => readonly SecretValue[] | undefined;
	/** The edit that writes `{ "secret": true }`, refused unless the text still holds exactly `stored`. */
	readonly replaceIf: (stored: readonly SecretValue[]) => FileEdits;
}

export interface Fix {
	/** English title, for the command line and tests. */
	readonly title: string;
	/** The same title as a `{name}` template and its arguments, for localisation. */
	readonly titleTemplate: string;
	readonly titleArgs: Readonly<Record<string, string>>;
	readonly kind: 'quickfix';
	readonly isPreferred?: boolean;
	readonly code: ProblemCode;
	/** One entry per file the fix changes; all of them are applied as one edit. */
	readonly edits: readonly FileEdits[];
	/** Set for "move to secret storage": store `valuesIn` first, then apply `replaceIf(stored)`; never `edits` alone. */
	readonly secret?: SecretMove;
}

const TITLES = {
	changeTo: 'Change to "{to}"',
	renameKey: 'Rename the key to "{to}"',
	renameEnvironment: 'Rename the environment to "{to}"',
	addEnvironment: 'Add "{environment}" to "environments"',
	readInstead: 'Read {to} instead',
	createComponent: 'Create the {kind} connection "{id}" in component "{component}"',
	createProject: 'Create the {kind} connection "{id}" in the project and use it in "{component}"',
	addUse: 'Add "{id}" to the "uses" of "{component}"',
	removeUse: 'Remove "{id}" from the "uses" of "{component}"',
	promote: 'Promote "{id}" to a project connection (shared by "{owner}" and "{component}")',
	shareApp: 'Use the OAuth application "{app}"',
	projectApp: 'Use the project\'s OAuth application (remove "oauthApp")',
	ownApp: 'Give "{id}" its own OAuth application (remove "oauthApp")',
	setAccess: 'Set "access" to "{access}" (the target\'s visibility)',
	schemeNone: 'Set the security scheme to "none"',
	removeAccess: 'Remove "access"',
	removeSecurity: 'Remove "security"',
	createComponentYaml: 'Create {file}',
	addYamlReference: 'Add "{id}" to connectionReferences in component.yaml',
	addYamlReferenceBump: 'Set schemaVersion to 1.2 and add "{id}" to connectionReferences in component.yaml',
	removeYamlReference: 'Remove "{id}" from connectionReferences in component.yaml',
	addYamlRename: 'Add {variable} to configurations.env in component.yaml',
	addYamlRenameBump: 'Set schemaVersion to 1.2 and add {variable} to configurations.env in component.yaml',
	removeYamlRename: 'Remove {variable} from configurations.env in component.yaml',
	setYamlRename: 'Fill {variable} from {key} of "{id}" in component.yaml',
	addEnvRename: 'Add {variable} to the "env" of "{component}" in connections.json',
	removeEnvRename: 'Remove {variable} from the "env" of "{component}" in connections.json',
	setEnvRename: 'Fill {variable} from {key} of "{id}" in connections.json',
	setResourceRef: 'Set resourceRef to "{target}"',
	moveSecret: 'Move "{key}" of "{id}" to secret storage',
} as const;

export function fix(code: ProblemCode, title: keyof typeof TITLES, args: Record<string, string>, edits: FileEdits[], extra: { isPreferred?: boolean; secret?: SecretMove } = {}): Fix {
	const template = TITLES[title];
	return { title: formatMessage(template, args), titleTemplate: template, titleArgs: args, kind: 'quickfix', code, edits, ...extra };
}

/** Edits of connections.json from its current parse; refused while it does not parse, and checked to parse afterwards. */
export function json(run: (parsed: ParsedConnectionsFile, fmt: FormattingOptions) => EditResult): FileEdits {
	return {
		file: CONNECTIONS_FILE,
		compute: (text, fmt) => {
			const parsed = parseConnectionsText(text);
			if (parsed.editRefusal) {
				return refuse(parsed.editRefusal);
			}
			const result = run(parsed, fmt);
			if (result.ok && result.edits.length && checkedResult(text, result.edits) === undefined) {
				return refuse('invalid');
			}
			return result;
		},
	};
}

function refuseFile(file: string, reason: 'syntax-errors' | 'not-found'): EditResult {
	const name = file.split('/').pop() ?? file;
	return {
		ok: false,
		reason,
		message: reason === 'syntax-errors'
			? `${name} has errors: fix them first, then try again. Nothing was changed.`
			: `What this fix changes is no longer in ${name}. Nothing was changed.`,
	};
}

/** Who a connection is: stable across edits, unlike its offsets or index. */
export function findConnection(parsed: ParsedConnectionsFile, ref: ConnectionRef): Connection | EditResult {
	const hits = parsed.model.allConnections.filter((c) => c.hasId && c.id === ref.id && c.scope === ref.scope && (ref.scope !== 'component' || c.componentId === ref.componentId));
	return hits.length === 1 ? hits[0] : refuse(hits.length ? 'ambiguous' : 'not-found');
}

export function findComponent(parsed: ParsedConnectionsFile, id: string): Component | EditResult {
	const hits = parsed.model.components.filter((c) => c.hasId && c.id === id);
	return hits.length === 1 ? hits[0] : refuse(hits.length ? 'ambiguous' : 'not-found');
}

export const isResult = (x: unknown): x is EditResult => typeof x === 'object' && x !== null && 'ok' in x;

/** The connection whose JSON path is a prefix of `path` (a connection's own path or anything inside it). */
/** Sets or removes a field of a connection found again by who it is. */
export function connectionField(ref: ConnectionRef, field: readonly string[], value: unknown): FileEdits {
	return json((parsed, fmt) => {
		const c = findConnection(parsed, ref);
		if (isResult(c)) {
			return c;
		}
		const path = [...c.path, ...field] as JSONPath;
		return value === undefined ? removeValue(parsed, path, fmt) : setValue(parsed, path, value, fmt);
	});
}

/** One `uses` entry of a component: the one at `index` if it still names `id`, else the only one (or, for a duplicate, the last one). */
export function useEntry(comp: Component, id: string, index: number | undefined, duplicate: boolean): number | EditResult {
	const hits = comp.uses.filter((u) => u.id === id);
	const exact = hits.find((u) => u.index === index);
	if (duplicate) {
		return hits.length < 2 ? refuse('not-found') : (exact && exact !== hits[0] ? exact : hits[hits.length - 1]).index;
	}
	if (exact) {
		return exact.index;
	}
	return hits.length === 1 ? hits[0].index : refuse(hits.length ? 'ambiguous' : 'not-found');
}

export function removeUseEdit(componentId: string, id: string, index: number | undefined, duplicate = false): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const at = useEntry(comp, id, index, duplicate);
		return isResult(at) ? at : removeValue(parsed, [...comp.path, 'uses', at], fmt);
	});
}

export function addUseEdit(componentId: string, id: string): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		return isResult(comp) ? comp : addUse(parsed, comp.index, id, fmt);
	});
}


export function envField(componentId: string, variable: string, field: 'connection' | 'key', from: string, to: string): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const e = comp.env.find((r) => r.variable === variable);
		if (!e || e[field]?.value !== from) {
			return refuse('not-found');
		}
		return setValue(parsed, [...comp.path, 'env', variable, field], to, fmt);
	});
}

/** Replaces a property name literal (the key only: value, comments and order stay). */
export function renameKey(parentPath: (parsed: ParsedConnectionsFile) => JSONPath | EditResult, from: string, to: string): FileEdits {
	return json((parsed) => {
		const path = parentPath(parsed);
		if (isResult(path)) {
			return path;
		}
		const obj = findNodeAtLocation(parsed.root!, path);
		if (!obj || obj.type !== 'object') {
			return refuse('not-found');
		}
		const props = (obj.children ?? []).map((p) => p.children?.[0]).filter((k): k is Node => !!k);
		const key = props.find((k) => k.value === from);
		if (!key) {
			return refuse('not-found');
		}
		if (props.some((k) => k.value === to)) {
			return refuse('invalid'); // the new name is already there: renaming would make a duplicate key
		}
		return replaceSpan(parsed, { offset: key.offset, length: key.length }, JSON.stringify(to), path);
	});
}

export function parameterPath(ref: ConnectionRef): (parsed: ParsedConnectionsFile) => JSONPath | EditResult {
	return (parsed) => {
		const c = findConnection(parsed, ref);
		return isResult(c) ? c : [...c.path, 'parameters'] as JSONPath;
	};
}

/** Replaces a variable name read in a source file: the read with that name nearest to where it was. */
export function replaceVariable(file: string, offset: number, from: string, to: string): FileEdits {
	return {
		file,
		compute: (text) => {
			const language = languageOfPath(file);
			const reads = language ? scanEnvReads(text, language).filter((r) => r.variable === from) : [];
			if (!reads.length) {
				return refuseFile(file, 'not-found');
			}
			const read = reads.reduce((best, r) => (Math.abs(r.offset - offset) < Math.abs(best.offset - offset) ? r : best));
			return { ok: true, edits: [{ offset: read.offset, length: read.length, newText: to }] };
		},
	};
}

/** A new file with the text `content` gives at the moment it is created (refused when it gives none). */
export function newFile(file: string, content: () => string | undefined): FileEdits {
	return {
		file,
		create: true,
		compute: (text) => {
			const body = text === '' ? content() : undefined;
			return body ? { ok: true, edits: [{ offset: 0, length: 0, newText: body }] } : refuseFile(file, 'not-found');
		},
	};
}

export function yamlEdit(file: string, run: (text: string) => readonly TextEdit[] | undefined): FileEdits {
	return {
		file,
		compute: (text) => {
			if (parseComponentYaml(text).errors.length) {
				return refuseFile(file, 'syntax-errors');
			}
			const edits = run(text);
			return edits?.length ? { ok: true, edits } : refuseFile(file, 'not-found');
		},
	};
}

/** Replaces the text inside a scalar's quotes (or the plain scalar) when the new value needs no escaping there. */
export function replaceYamlScalar(text: string, span: { offset: number; length: number }, value: string): TextEdit | undefined {
	const inner = scalarInnerSpan(text, span);
	const quote = inner.offset !== span.offset ? text[span.offset] : '';
	if (/[\r\n\\"']/.test(value) || (!quote && /^[\s&*!|>%@`#[\]{},?-]|:\s|\s#|\s$/.test(value))) {
		return undefined;
	}
	return { offset: inner.offset, length: inner.length, newText: value };
}

export function nearest<T extends { offset: number }>(list: T[], offset: number): T | undefined {
	return list.length ? list.reduce((best, x) => (Math.abs(x.offset - offset) < Math.abs(best.offset - offset) ? x : best)) : undefined;
}

/** Where a finding was reported: the analysis it came from and the file it is in. */
export interface FixSite {
	readonly project: ConnectionsProject;
	/** Repository-relative path of the file the finding is in. */
	readonly file: string;
	readonly problem: Problem;
}

/** The fixes of one code, from its intent. */
export type FixEntry<C extends FixableCode> = (intent: IntentOf<C>, site: FixSite) => Fix[];

/** One entry per code of a family. */
export type FixEntries<C extends FixableCode> = { readonly [K in C]: FixEntry<K> };

/** "Change to" / "Rename to" fixes, one per candidate, the first one preferred. */
export function didYouMeanFixes(code: ProblemCode, title: 'changeTo' | 'renameKey' | 'renameEnvironment' | 'readInstead', candidates: readonly string[], edit: (to: string) => FileEdits): Fix[] {
	return candidates.map((to, i) => fix(code, title, { to }, [edit(to)], { isPreferred: i === 0 }));
}
