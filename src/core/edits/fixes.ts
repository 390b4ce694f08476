// Quick fixes: for one finding, the changes that resolve it. Each change is described by what it
// means (a connection, a component, a key) and computed only when applied, from the text each
// file has then, with the smallest-path edits of edits.ts: a fix fired after another one, or
// after the user typed, still lands where it should or is refused (RELIABILITY E1, E4).
import { findNodeAtLocation, findNodeAtOffset, getNodePath, type JSONPath, type Node } from 'jsonc-parser';
import { isValidConnectionId } from '../model/connectionId';
import { addConnectionReferenceEdit, parseComponentYaml, renameInYamlEdits, scalarInnerSpan } from '../platform/componentYaml';
import { addConnection, addUse, combine, moveConnection, type NewConnection } from './connectionEdits';
import { checkedResult, insertArrayItem, refuse, removeValue, replaceSpan, setValue, type EditResult, type FormattingOptions, type TextEdit } from './edits';
import { formatMessage } from '../findings/messages';
import { DEFAULT_ENVIRONMENTS, type Component, type Connection, type ConnectionKind, type Parameter, type Scope } from '../model/model';
import { normaliseName, variableName } from '../model/naming';
import { parseConnectionsText, type ParsedConnectionsFile } from '../json/parse';
import type { Problem, ProblemCode } from '../findings/problems';
import { CONNECTIONS_FILE, ConnectionsProject, yamlPathOf } from '../analysis/project';
import { scanEnvReads } from '../source/envReads';
import { languageOfPath } from '../source/languages';
import { FIXED_KEYS } from '../model/scope';

/** The edits of one file, computed from its text at the moment they are applied. */
export interface FileEdits {
	/** Repository-relative path, `/`-separated. */
	readonly file: string;
	readonly compute: (text: string, fmt: FormattingOptions) => EditResult;
}

/** One literal value of a parameter: for every environment, or for one. */
export interface SecretValue {
	readonly environment?: string;
	readonly value: string;
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

// ---- building blocks ------------------------------------------------------------------

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
	addYamlReference: 'Add "{id}" to connectionReferences in component.yaml',
	setResourceRef: 'Set resourceRef to "{target}"',
	moveSecret: 'Move "{key}" of "{id}" to secret storage',
} as const;

function fix(code: ProblemCode, title: keyof typeof TITLES, args: Record<string, string>, edits: FileEdits[], extra: { isPreferred?: boolean; secret?: SecretMove } = {}): Fix {
	const template = TITLES[title];
	return { title: formatMessage(template, args), titleTemplate: template, titleArgs: args, kind: 'quickfix', code, edits, ...extra };
}

/** Edits of connections.json from its current parse; refused while it does not parse, and checked to parse afterwards. */
function json(run: (parsed: ParsedConnectionsFile, fmt: FormattingOptions) => EditResult): FileEdits {
	return {
		file: CONNECTIONS_FILE,
		compute: (text, fmt) => {
			const parsed = parseConnectionsText(text);
			if (parsed.hasSyntaxErrors || parsed.guarded || !parsed.root) {
				return refuse('syntax-errors');
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
interface ConnectionRef {
	readonly id: string;
	readonly scope: Scope;
	readonly componentId?: string;
}

const refOf = (c: Connection): ConnectionRef => ({ id: c.id, scope: c.scope, componentId: c.componentId });

function findConnection(parsed: ParsedConnectionsFile, ref: ConnectionRef): Connection | EditResult {
	const hits = parsed.model.allConnections.filter((c) => c.hasId && c.id === ref.id && c.scope === ref.scope && (ref.scope !== 'component' || c.componentId === ref.componentId));
	return hits.length === 1 ? hits[0] : refuse(hits.length ? 'ambiguous' : 'not-found');
}

function findComponent(parsed: ParsedConnectionsFile, id: string): Component | EditResult {
	const hits = parsed.model.components.filter((c) => c.hasId && c.id === id);
	return hits.length === 1 ? hits[0] : refuse(hits.length ? 'ambiguous' : 'not-found');
}

const isResult = (x: unknown): x is EditResult => typeof x === 'object' && x !== null && 'ok' in x;

/** The connection whose JSON path is a prefix of `path` (a connection's own path or anything inside it). */
function connectionAt(project: ConnectionsProject, path: readonly (string | number)[] | undefined): Connection | undefined {
	if (!path) {
		return undefined;
	}
	return project.parsed.model.allConnections.find((c) => c.path.length <= path.length && c.path.every((seg, i) => seg === path[i]));
}

/** Sets or removes a field of a connection found again by who it is. */
function connectionField(ref: ConnectionRef, field: readonly string[], value: unknown): FileEdits {
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
function useEntry(comp: Component, id: string, index: number | undefined, duplicate: boolean): number | EditResult {
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

function removeUseEdit(componentId: string, id: string, index: number | undefined, duplicate = false): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const at = useEntry(comp, id, index, duplicate);
		return isResult(at) ? at : removeValue(parsed, [...comp.path, 'uses', at], fmt);
	});
}

function addUseEdit(componentId: string, id: string): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		return isResult(comp) ? comp : addUse(parsed, comp.index, id, fmt);
	});
}

const lastIndex = (path: readonly (string | number)[] | undefined): number | undefined => {
	const last = path?.[path.length - 1];
	return typeof last === 'number' ? last : undefined;
};

/** The `env` rename of a component whose connection or key value sits at `offset`. */
function envRenameAt(project: ConnectionsProject, componentId: string | undefined, offset: number): { comp: Component; variable: string } | undefined {
	for (const comp of project.parsed.model.components) {
		if (componentId !== undefined && comp.id !== componentId) {
			continue;
		}
		const e = comp.env.find((r) => r.connection?.span.offset === offset || r.key?.span.offset === offset);
		if (e) {
			return { comp, variable: e.variable };
		}
	}
	return undefined;
}

function envField(componentId: string, variable: string, field: 'connection' | 'key', from: string, to: string): FileEdits {
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
function renameKey(parentPath: (parsed: ParsedConnectionsFile) => JSONPath | EditResult, from: string, to: string): FileEdits {
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

function parameterPath(ref: ConnectionRef): (parsed: ParsedConnectionsFile) => JSONPath | EditResult {
	return (parsed) => {
		const c = findConnection(parsed, ref);
		return isResult(c) ? c : [...c.path, 'parameters'] as JSONPath;
	};
}

/** Replaces a variable name read in a source file: the read with that name nearest to where it was. */
function replaceVariable(file: string, offset: number, from: string, to: string): FileEdits {
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

// ---- new connections ------------------------------------------------------------------

const DATABASE_NAME = /(^|[-_. ])(db|database|postgres|postgresql|pg|mysql|mariadb|mongo|mongodb|redis|sql|sqlserver|oracle)([-_. ]|$)|db$/i;
const SECRET_NAME = /secret|passw(?:or)?d|token|api[-_]?key|private[-_]?key|credential/i;

/** The kind a new connection most likely has: from the key it is read with, then its name. */
export function guessKind(id: string, key?: string): ConnectionKind {
	const k = key === undefined ? undefined : normaliseName(key);
	if (k && FIXED_KEYS.database.some((x) => normaliseName(x) === k)) {
		return 'database';
	}
	if (k && FIXED_KEYS.service.some((x) => x !== 'ServiceURL' && normaliseName(x) === k)) {
		return 'service';
	}
	return DATABASE_NAME.test(id) ? 'database' : 'third-party';
}

/** A variable's connection ID and key, as a new connection would need them (`CHOREO_ORDERS_DB_HOSTNAME` → orders-db, HostName). */
export function splitVariable(variable: string): { id: string; key: string } | undefined {
	if (!variable.startsWith('CHOREO_')) {
		return undefined;
	}
	const rest = variable.slice(7);
	const known = [...FIXED_KEYS.service, ...FIXED_KEYS.database].sort((a, b) => b.length - a.length);
	const fixed = known.find((k) => rest.endsWith('_' + normaliseName(k)) && rest.length > k.length + 1);
	const cut = fixed ? rest.length - normaliseName(fixed).length - 1 : rest.lastIndexOf('_');
	if (cut <= 0) {
		return undefined;
	}
	const id = rest.slice(0, cut).toLowerCase().replace(/_/g, '-');
	const key = fixed ?? rest.slice(cut + 1);
	return isValidConnectionId(id) && key && variableName(id, key) === variable ? { id, key } : undefined;
}

function newConnection(id: string, key?: string): NewConnection {
	const kind = guessKind(id, key);
	if (kind === 'third-party' && key && normaliseName(key) !== 'SERVICEURL') {
		// A third-party connection has the keys it declares: declare the one that is read.
		return { id, kind, parameters: { [key]: SECRET_NAME.test(key) ? { secret: true } : '' } };
	}
	return { id, kind };
}

/** "Create at component scope" and "create in the project and use it" for an ID no component can see. */
function createFixes(code: ProblemCode, project: ConnectionsProject, componentId: string, id: string, key: string | undefined, removeUseAt?: number): Fix[] {
	if (!isValidConnectionId(id) || project.index.byId.has(id)) {
		return [];
	}
	const c = newConnection(id, key);
	const args = { id, kind: c.kind, component: componentId };
	const inComponent = json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const results = [addConnection(parsed, { scope: 'component', componentIndex: comp.index }, c, fmt)];
		if (removeUseAt !== undefined) {
			// A component's own connection is used implicitly: its "uses" entry would be redundant.
			const at = useEntry(comp, id, removeUseAt, false);
			results.push(isResult(at) ? at : removeValue(parsed, [...comp.path, 'uses', at], fmt));
		}
		return combine(results);
	});
	const inProject = json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		return combine([addConnection(parsed, { scope: 'project' }, c, fmt), addUse(parsed, comp.index, id, fmt)]);
	});
	return [fix(code, 'createComponent', args, [inComponent]), fix(code, 'createProject', args, [inProject])];
}

// ---- component.yaml -------------------------------------------------------------------

function yamlEdit(file: string, run: (text: string) => readonly TextEdit[] | undefined): FileEdits {
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
function replaceYamlScalar(text: string, span: { offset: number; length: number }, value: string): TextEdit | undefined {
	const inner = scalarInnerSpan(text, span);
	const quote = inner.offset !== span.offset ? text[span.offset] : '';
	if (/[\r\n\\"']/.test(value) || (!quote && /^[\s&*!|>%@`#[\]{},?-]|:\s|\s#|\s$/.test(value))) {
		return undefined;
	}
	return { offset: inner.offset, length: inner.length, newText: value };
}

function nearest<T extends { offset: number }>(list: T[], offset: number): T | undefined {
	return list.length ? list.reduce((best, x) => (Math.abs(x.offset - offset) < Math.abs(best.offset - offset) ? x : best)) : undefined;
}

function yamlFixes(project: ConnectionsProject, file: string, p: Problem): Fix[] {
	const f = p.fix ?? {};
	switch (p.code) {
		case 'component-yaml-unknown-connection': {
			const from = f.connectionId ?? (project.componentYaml(file)?.connectionReferences.find((r) => r.nameSpan.offset === p.offset)?.name)
				?? project.componentYaml(file)?.envConnectionRefs.find((r) => r.connectionSpan.offset === p.offset)?.connection;
			if (from === undefined) {
				return [];
			}
			return (f.candidates ?? []).map((to, i) => fix(p.code, 'changeTo', { to }, [yamlEdit(file, (text) => renameInYamlEdits(text, from, to))], { isPreferred: i === 0 }));
		}
		case 'unknown-parameter': {
			const from = f.key;
			if (from === undefined) {
				return [];
			}
			return (f.candidates ?? []).map((to, i) => fix(p.code, 'renameKey', { to }, [yamlEdit(file, (text) => {
				const refs = parseComponentYaml(text).envConnectionRefs.filter((r) => r.key === from && r.keySpan).map((r) => r.keySpan!);
				const at = nearest(refs, p.offset);
				const edit = at && replaceYamlScalar(text, at, to);
				return edit ? [edit] : undefined;
			})], { isPreferred: i === 0 }));
		}
		case 'component-yaml-target-mismatch': {
			const target = f.candidates?.[0];
			const name = f.connectionId;
			if (target === undefined || name === undefined) {
				return [];
			}
			return [fix(p.code, 'setResourceRef', { target }, [yamlEdit(file, (text) => {
				const refs = parseComponentYaml(text).connectionReferences.filter((r) => r.name === name && r.resourceRefSpan && r.resourceRef !== target).map((r) => r.resourceRefSpan!);
				const at = nearest(refs, p.offset);
				const edit = at && replaceYamlScalar(text, at, target);
				if (!edit) {
					return undefined;
				}
				const after = parseComponentYaml(text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length));
				return !after.errors.length && after.connectionReferences.some((r) => r.name === name && r.resourceRef === target) ? [edit] : undefined;
			})], { isPreferred: true })];
		}
		case 'component-yaml-missing-reference': {
			const target = f.candidates?.[0];
			const id = f.connectionId;
			if (!target || id === undefined) {
				return [];
			}
			return [fix(p.code, 'addYamlReference', { id }, [yamlEdit(file, (text) => {
				const edit = addConnectionReferenceEdit(text, id, target);
				return edit ? [edit] : undefined;
			})], { isPreferred: true })];
		}
		default:
			return [];
	}
}

// ---- source files ---------------------------------------------------------------------

function sourceFixes(project: ConnectionsProject, file: string, p: Problem): Fix[] {
	const f = p.fix ?? {};
	const variable = typeof p.args.variable === 'string' ? p.args.variable : undefined;
	const componentId = f.componentId;
	if (variable === undefined || componentId === undefined) {
		return [];
	}
	const replacements = () => (f.candidates ?? []).filter((to) => to !== variable)
		.map((to, i) => fix(p.code, 'readInstead', { to }, [replaceVariable(file, p.offset, variable, to)], { isPreferred: i === 0 }));
	switch (p.code) {
		case 'unknown-reference': {
			const parts = splitVariable(variable);
			return [...replacements(), ...(parts ? createFixes(p.code, project, componentId, parts.id, parts.key) : [])];
		}
		case 'unknown-key-reference':
		case 'renamed-variable-reference':
			return replacements();
		case 'undeclared-reference':
			return f.connectionId === undefined ? [] : [fix(p.code, 'addUse', { id: f.connectionId, component: componentId }, [addUseEdit(componentId, f.connectionId)], { isPreferred: true })];
		case 'out-of-scope-reference':
			return promoteFixes(project, p, componentId, f.connectionId, false);
		default:
			return [];
	}
}

/** Promote another component's connection to the project and let `componentId` use it. */
function promoteFixes(project: ConnectionsProject, p: Problem, componentId: string, id: string | undefined, listed: boolean): Fix[] {
	if (id === undefined) {
		return [];
	}
	const owners = (project.index.byId.get(id) ?? []).filter((c) => c.scope === 'component');
	if (owners.length !== 1 || owners[0].componentId === undefined) {
		return []; // several components own one: which to promote is the user's call
	}
	const owner = refOf(owners[0]);
	const edit = json((parsed, fmt) => {
		const c = findConnection(parsed, owner);
		if (isResult(c)) {
			return c;
		}
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const results = [moveConnection(parsed, c, { scope: 'project' }, fmt)];
		if (!listed && !comp.uses.some((u) => u.id === id)) {
			results.push(addUse(parsed, comp.index, id, fmt));
		}
		return combine(results);
	});
	return [fix(p.code, 'promote', { id, owner: owner.componentId ?? '', component: componentId }, [edit], { isPreferred: true })];
}

// ---- connections.json -----------------------------------------------------------------

function secretFix(project: ConnectionsProject, p: Problem): Fix[] {
	const f = p.fix ?? {};
	const c = connectionAt(project, f.path);
	if (!c || f.key === undefined) {
		return [];
	}
	const ref = refOf(c);
	const key = f.key;
	const parameterIn = (parsed: ParsedConnectionsFile): Parameter | undefined => {
		const conn = findConnection(parsed, ref);
		return isResult(conn) ? undefined : conn.parameters.find((x) => x.key === key);
	};
	const valuesOf = (param: Parameter | undefined): SecretValue[] | undefined => {
		if (param?.value.type === 'plain') {
			return [{ value: String(param.value.value) }];
		}
		if (param?.value.type === 'per-environment') {
			return [...param.value.values].map(([environment, v]) => ({ environment, value: String(v.value) }));
		}
		return undefined;
	};
	const same = (a: readonly SecretValue[] | undefined, b: readonly SecretValue[]) =>
		!!a && a.length === b.length && a.every((x, i) => x.environment === b[i].environment && x.value === b[i].value);
	const secret: SecretMove = {
		connectionId: c.id,
		key,
		valuesIn: (text) => {
			const parsed = parseConnectionsText(text);
			return parsed.hasSyntaxErrors ? undefined : valuesOf(parameterIn(parsed));
		},
		replaceIf: (stored) => json((parsed, fmt) => {
			const param = parameterIn(parsed);
			if (!param || !same(valuesOf(param), stored)) {
				return refuse('not-found'); // the value changed since it was stored: write nothing
			}
			return setValue(parsed, param.path as JSONPath, { secret: true }, fmt);
		}),
	};
	const now = valuesOf(c.parameters.find((x) => x.key === key));
	if (!now) {
		return [];
	}
	return [fix(p.code, 'moveSecret', { key, id: c.id }, [secret.replaceIf(now)], { isPreferred: true, secret })];
}

function jsonFixes(project: ConnectionsProject, p: Problem): Fix[] {
	const f = p.fix ?? {};
	const candidates = f.candidates ?? [];
	const path = f.path;
	switch (p.code) {
		case 'unknown-connection': {
			const id = f.connectionId;
			const componentId = f.componentId;
			if (id === undefined || componentId === undefined) {
				return [];
			}
			const index = lastIndex(path);
			if (path && path[path.length - 2] === 'uses') {
				const comp = project.index.componentsById.get(componentId);
				const listed = new Set(comp?.uses.map((u) => u.id));
				return [
					...candidates.filter((to) => !listed.has(to)).map((to, i) => fix(p.code, 'changeTo', { to }, [json((parsed, fmt) => {
						const k = findComponent(parsed, componentId);
						if (isResult(k)) {
							return k;
						}
						const at = useEntry(k, id, index, false);
						return isResult(at) ? at : setValue(parsed, [...k.path, 'uses', at], to, fmt);
					})], { isPreferred: i === 0 })),
					...createFixes(p.code, project, componentId, id, undefined, index ?? -1),
				];
			}
			const rename = envRenameAt(project, componentId, p.offset);
			if (!rename) {
				return [];
			}
			const key = rename.comp.env.find((e) => e.variable === rename.variable)?.key?.value;
			return [
				...candidates.map((to, i) => fix(p.code, 'changeTo', { to }, [envField(componentId, rename.variable, 'connection', id, to)], { isPreferred: i === 0 })),
				...createFixes(p.code, project, componentId, id, key),
			];
		}
		case 'unknown-parameter': {
			const from = f.key;
			if (from === undefined) {
				return [];
			}
			const c = connectionAt(project, path);
			if (c) {
				return candidates.map((to, i) => fix(p.code, 'renameKey', { to }, [renameKey(parameterPath(refOf(c)), from, to)], { isPreferred: i === 0 }));
			}
			const rename = envRenameAt(project, undefined, p.offset);
			return rename ? candidates.map((to, i) => fix(p.code, 'changeTo', { to }, [envField(rename.comp.id, rename.variable, 'key', from, to)], { isPreferred: i === 0 })) : [];
		}
		case 'unknown-environment': {
			const c = connectionAt(project, path);
			const environment = path?.[path.length - 1];
			const key = path?.[path.length - 2];
			if (!c || typeof environment !== 'string' || typeof key !== 'string') {
				return [];
			}
			const ref = refOf(c);
			const out = candidates.map((to, i) => fix(p.code, 'renameEnvironment', { to }, [renameKey((parsed) => {
				const conn = findConnection(parsed, ref);
				return isResult(conn) ? conn : [...conn.path, 'parameters', key] as JSONPath;
			}, environment, to)], { isPreferred: i === 0 }));
			if (/^[a-z][a-z0-9-]{0,31}$/.test(environment) && environment !== 'secret') {
				out.push(fix(p.code, 'addEnvironment', { environment }, [json((parsed, fmt) => {
					if (parsed.model.environments.includes(environment)) {
						return { ok: true, edits: [] };
					}
					return parsed.model.environmentsDeclared
						? insertArrayItem(parsed, ['environments'], environment, fmt)
						: setValue(parsed, ['environments'], [...DEFAULT_ENVIRONMENTS, environment], fmt);
				})]));
			}
			return out;
		}
		case 'schema-enum':
		case 'schema-unknown-property':
			return schemaFixes(project, p, candidates);
		case 'undeclared-reference':
			return f.connectionId === undefined || f.componentId === undefined ? []
				: [fix(p.code, 'addUse', { id: f.connectionId, component: f.componentId }, [addUseEdit(f.componentId, f.connectionId)], { isPreferred: true })];
		case 'unused-connection':
		case 'duplicate-use':
		case 'redundant-use': {
			const id = f.connectionId;
			const componentId = f.componentId;
			if (id === undefined || componentId === undefined) {
				return [];
			}
			return [fix(p.code, 'removeUse', { id, component: componentId }, [removeUseEdit(componentId, id, lastIndex(path), p.code === 'duplicate-use')],
				{ isPreferred: p.code !== 'unused-connection' })];
		}
		case 'out-of-scope-reference': {
			const componentId = f.componentId;
			return componentId === undefined ? [] : promoteFixes(project, p, componentId, f.connectionId, !!path);
		}
		case 'oauth-app-project-mismatch':
		case 'oauth-app-component-mismatch': {
			const c = connectionAt(project, path);
			if (!c) {
				return [];
			}
			if (f.oauthApp !== undefined) {
				return [fix(p.code, 'shareApp', { app: f.oauthApp }, [connectionField(refOf(c), ['security', 'oauthApp'], f.oauthApp)], { isPreferred: true })];
			}
			// An absent oauthApp means the project's application; for a component it would be the connection's own.
			return p.code === 'oauth-app-project-mismatch' && c.security?.oauthApp
				? [fix(p.code, 'projectApp', {}, [connectionField(refOf(c), ['security', 'oauthApp'], undefined)], { isPreferred: true })]
				: [];
		}
		case 'oauth-app-shared': {
			const c = connectionAt(project, path);
			return c ? [fix(p.code, 'ownApp', { id: c.id }, [connectionField(refOf(c), ['security', 'oauthApp'], undefined)], { isPreferred: true })] : [];
		}
		case 'access-mismatch': {
			const c = connectionAt(project, path);
			const access = candidates[0];
			return c && access ? [fix(p.code, 'setAccess', { access }, [connectionField(refOf(c), ['access'], access)], { isPreferred: true })] : [];
		}
		case 'access-security-mismatch': {
			const c = connectionAt(project, path);
			return c ? [fix(p.code, 'schemeNone', {}, [connectionField(refOf(c), ['security', 'scheme'], 'none')], { isPreferred: true })] : [];
		}
		case 'access-not-applicable':
		case 'security-not-applicable': {
			const c = connectionAt(project, path);
			const field = p.code === 'access-not-applicable' ? 'access' : 'security';
			return c ? [fix(p.code, field === 'access' ? 'removeAccess' : 'removeSecurity', {}, [connectionField(refOf(c), [field], undefined)], { isPreferred: true })] : [];
		}
		case 'plain-secret':
			return secretFix(project, p);
		default:
			return [];
	}
}

/** Did-you-mean for schema findings: the value (enum) or the property name (unknown property) at the finding's range. */
function schemaFixes(project: ConnectionsProject, p: Problem, candidates: readonly string[]): Fix[] {
	const root = project.parsed.root;
	const node = root && findNodeAtOffset(root, p.offset, false);
	if (!node || node.type !== 'string' || typeof node.value !== 'string') {
		return [];
	}
	const from = node.value;
	if (p.code === 'schema-enum') {
		const path = getNodePath(node);
		return candidates.map((to, i) => fix(p.code, 'changeTo', { to }, [json((parsed, fmt) => {
			const now = findNodeAtLocation(parsed.root!, path);
			return now?.value === from ? setValue(parsed, path, to, fmt) : refuse('not-found');
		})], { isPreferred: i === 0 }));
	}
	const property = node.parent;
	if (property?.type !== 'property' || property.children?.[0] !== node || !property.parent) {
		return [];
	}
	const objectPath = getNodePath(property.parent);
	return candidates.map((to, i) => fix(p.code, 'renameKey', { to }, [renameKey(() => objectPath, from, to)], { isPreferred: i === 0 }));
}

/**
 * The quick fixes of one finding of `file` (repository-relative), best first. None while
 * connections.json does not parse (RELIABILITY E3). Nothing is computed until a fix is applied.
 */
export function fixesFor(project: ConnectionsProject, file: string, problem: Problem): Fix[] {
	const parsed = project.parsed;
	if (parsed.hasSyntaxErrors || parsed.guarded || !parsed.root) {
		return [];
	}
	if (file === CONNECTIONS_FILE) {
		return jsonFixes(project, problem);
	}
	const component = project.componentOfYaml(file);
	if (component && yamlPathOf(component) === file) {
		return yamlFixes(project, file, problem);
	}
	return sourceFixes(project, file, problem);
}

/** The smallest single edit that turns `before` into `after`. */
export function minimalEdit(before: string, after: string): TextEdit {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) {
		start++;
	}
	let end = 0;
	while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
		end++;
	}
	return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}

export interface FixAllPlan {
	/** How many findings of connections.json have a preferred fix. */
	readonly count: number;
	/** One edit of connections.json that applies them one after another (those that still apply). */
	readonly edits: FileEdits;
}

/**
 * Every preferred fix of connections.json that changes only connections.json (not the ones that
 * store secrets), applied one after another to the evolving text and returned as one edit.
 */
export function fixAllPlan(project: ConnectionsProject): FixAllPlan {
	const fixes: Fix[] = [];
	for (const p of project.analyze().get(CONNECTIONS_FILE) ?? []) {
		const preferred = fixesFor(project, CONNECTIONS_FILE, p).find((x) => x.isPreferred);
		if (preferred && !preferred.secret && preferred.edits.every((e) => e.file === CONNECTIONS_FILE)) {
			fixes.push(preferred);
		}
	}
	return {
		count: fixes.length,
		edits: {
			file: CONNECTIONS_FILE,
			compute: (text, fmt) => {
				if (parseConnectionsText(text).hasSyntaxErrors) {
					return refuse('syntax-errors');
				}
				let current = text;
				for (const x of fixes) {
					for (const e of x.edits) {
						const r = e.compute(current, fmt);
						const next = r.ok && r.edits.length ? checkedResult(current, r.edits) : undefined;
						if (next !== undefined) {
							current = next;
						}
					}
				}
				return current === text ? refuse('not-found') : { ok: true, edits: [minimalEdit(text, current)] };
			},
		},
	};
}
