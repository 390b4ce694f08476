// The rules behind the add/edit/rename/change-scope commands: ID validation, target
// templates, access and security choices, the new connection's JSON, field edits, scope
// moves and the starter file. Offsets in, edits out; messages as codes of the catalogue
// (src/core/findings/messages.ts VIEW_MESSAGES), localised by the glue.
import type { JSONPath } from 'jsonc-parser';
import { combine, type NewConnection, type ScopeTarget } from '../edits/connectionEdits';
import { removeValue, setValue, type EditResult } from '../edits/edits';
import type { FormattingOptions } from '../text/indentation';
import {
	ACCESS_MODES, CONNECTION_KINDS, SECURITY_SCHEMES, type AccessMode, type Component, type Connection, type ConnectionKind,
	type ConnectionsModel, type SecurityScheme,
} from '../model/model';
import { normaliseName } from '../model/naming';
import type { ParsedConnectionsFile } from '../json/parse';
import type { ConnectionsProject } from '../analysis/project';
import { accessOfTarget, parseTarget, TARGET_GRAMMAR } from '../model/resourceRef';
import { CONNECTION_ID_MAX, CONNECTION_ID_MIN, idRuleViolation } from '../model/connectionId';
import { FIXED_KEYS, visibleConnections } from '../model/scope';
import { looksSecretName, SECRET_KEYS } from '../model/secretNames';
import { viewMessage, viewMessageText, type ViewMessage } from '../findings/messages';

/** Why a text is not a valid connection ID by the name rule alone, or undefined. */
export function idRuleError(id: string): ViewMessage | undefined {
	switch (idRuleViolation(id)) {
		case 'too-short': return viewMessage('id-too-short', { min: CONNECTION_ID_MIN });
		case 'too-long': return viewMessage('id-too-long', { max: CONNECTION_ID_MAX, length: id.length });
		case 'edge': return viewMessage('id-edge');
		case 'character': return viewMessage('id-character');
		case 'double-delimiter': return viewMessage('id-double-delimiter');
		default: return undefined;
	}
}

/**
 * The IDs a new connection at `target` must not take: for organization and project scope every
 * ID in the file (every component sees it), for component scope the shared IDs and the
 * component's own. `except` is left out (the connection being renamed or moved).
 */
export function takenIds(model: ConnectionsModel, target: ScopeTarget, except?: Connection): string[] {
	const ids: string[] = [];
	const add = (c: Connection) => {
		if (c.hasId && c !== except) {
			ids.push(c.id);
		}
	};
	if (target.scope === 'component') {
		(model.organization?.connections ?? []).forEach(add);
		(model.project?.connections ?? []).forEach(add);
		(model.components[target.componentIndex ?? -1]?.connections ?? []).forEach(add);
	} else {
		model.allConnections.forEach(add);
	}
	return ids;
}

/** A placeholder for the ID step that is not an ID the repository has (nor gives the same variable prefix). */
export function idPlaceholder(model: ConnectionsModel, kind: ConnectionKind | undefined): string {
	const base = kind === 'database' ? 'orders-db' : kind === 'third-party' ? 'payment-provider' : 'orders-api';
	const taken = new Set(model.allConnections.map((c) => normaliseName(c.id)));
	for (let n = 1; ; n++) {
		const id = n === 1 ? base : `${base}-${n}`;
		if (!taken.has(normaliseName(id))) {
			return id;
		}
	}
}

/** Why `id` cannot be a connection at `target`: the name rule, then uniqueness and variable-name collisions. */
export function validateNewId(model: ConnectionsModel, target: ScopeTarget, id: string, except?: Connection): ViewMessage | undefined {
	const rule = idRuleError(id);
	if (rule) {
		return rule;
	}
	const taken = takenIds(model, target, except);
	if (taken.includes(id)) {
		return viewMessage(target.scope === 'component' ? 'id-taken-component' : 'id-taken-shared', { id });
	}
	const name = normaliseName(id);
	const clash = taken.find((t) => normaliseName(t) === name);
	if (clash) {
		return viewMessage('id-variable-clash', { id, name, clash });
	}
	return undefined;
}

/** A target segment made from free text: letters, digits, `.`, `_`, `-` only. */
export function slug(text: string, fallback: string): string {
	const s = text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 100);
	return s || fallback;
}

/** A prefilled target for a new connection of a kind, following the resourceRef grammar. */
export function targetTemplate(kind: ConnectionKind, id: string, projectId?: string): string {
	const name = slug(id, 'name');
	switch (kind) {
		case 'service': return `service:/${slug(projectId ?? '', 'project')}/${name}/v1/api/PROJECT`;
		case 'third-party': return `thirdparty:${name}/v1`;
		case 'database': return `database:${name}`;
	}
}

/** Why a target is not valid for a kind, or undefined. */
export function targetError(kind: ConnectionKind, target: string): ViewMessage | undefined {
	const r = parseTarget(kind, target);
	return r.ok ? undefined : viewMessage('target-invalid', { kind, reason: r.reason, expected: TARGET_GRAMMAR[kind] });
}

/** The access mode a service target implies (its last segment). */
export function accessOf(target: string): AccessMode | undefined {
	const r = parseTarget('service', target);
	return r.ok ? accessOfTarget(r.target) : undefined;
}

/** The security schemes an access mode offers: project access takes `none` only. */
export function securityChoices(access: AccessMode | undefined): SecurityScheme[] {
	return access === 'project' ? ['none'] : [...SECURITY_SCHEMES];
}

/** A service target with its visibility segment set to an access mode. */
export function withAccess(target: string, access: AccessMode): string | undefined {
	const r = parseTarget('service', target);
	if (!r.ok || r.target.kind !== 'service') {
		return undefined;
	}
	const t = r.target;
	return `service:/${t.project}/${t.component}/${t.version}/${t.endpoint}/${access.toUpperCase()}`;
}

/** The parameter keys offered for a kind, and which of them are secret. */
export function offeredKeys(kind: ConnectionKind): { key: string; secret: boolean }[] {
	const keys = kind === 'third-party' ? ['ServiceURL'] : [...FIXED_KEYS[kind]];
	return keys.map((key) => ({ key, secret: looksSecretName(kind, key) }));
}

export type ParameterInput = string | number | boolean | { readonly secret: true };

/** Everything the add flow gathers. */
export interface NewConnectionAnswers {
	readonly kind: ConnectionKind;
	readonly id: string;
	readonly target: string;
	readonly name?: string;
	readonly description?: string;
	readonly access?: AccessMode;
	readonly security?: SecurityScheme;
	readonly oauthApp?: string;
	/** Parameter values; keys that are secret (fixed secret keys, or marked) are written as `{ "secret": true }` whatever is given. */
	readonly parameters?: Readonly<Record<string, ParameterInput>>;
	/** Third-party keys to mark secret. */
	readonly secretKeys?: readonly string[];
}

/** Checks the answers of the add flow; the first problem in words, or undefined. */
export function validateAnswers(model: ConnectionsModel, target: ScopeTarget, a: NewConnectionAnswers): ViewMessage | undefined {
	if (!CONNECTION_KINDS.includes(a.kind)) {
		return viewMessage('unknown-kind', { kind: a.kind });
	}
	const idError = validateNewId(model, target, a.id);
	if (idError) {
		return idError;
	}
	const t = targetError(a.kind, a.target);
	if (t) {
		return t;
	}
	if (a.kind === 'service') {
		const implied = accessOf(a.target);
		if (a.access && a.access !== implied) {
			return viewMessage('access-target-mismatch', { access: a.access, implied: String(implied) });
		}
		if (a.security && !securityChoices(implied).includes(a.security)) {
			return viewMessage('security-needs-none', { access: String(implied) });
		}
	}
	if (target.scope === 'component' && !model.components[target.componentIndex ?? -1]) {
		return viewMessage('component-gone');
	}
	return undefined;
}

/** The connection object the add flow writes: fields in the order of the file format, secrets as `{ "secret": true }`. */
export function newConnectionFrom(a: NewConnectionAnswers): NewConnection {
	const secretKeys = new Set([...SECRET_KEYS, ...(a.secretKeys ?? [])]);
	let parameters: Record<string, unknown> | undefined;
	for (const [key, value] of Object.entries(a.parameters ?? {})) {
		parameters ??= {};
		const secret = secretKeys.has(key) || (typeof value === 'object' && value !== null);
		parameters[key] = secret ? { secret: true } : value;
	}
	for (const key of a.secretKeys ?? []) {
		parameters ??= {};
		parameters[key] = { secret: true };
	}
	// Key order of the format: id, name, description, kind, target, access, security, parameters.
	const ordered: Record<string, unknown> = { id: a.id };
	if (a.name) {
		ordered.name = a.name;
	}
	if (a.description) {
		ordered.description = a.description;
	}
	ordered.kind = a.kind;
	ordered.target = a.target;
	if (a.kind === 'service') {
		const access = a.access ?? accessOf(a.target);
		if (access) {
			ordered.access = access;
		}
		const scheme = a.security ?? (access === 'project' ? 'none' : 'oauth2');
		ordered.security = scheme === 'oauth2' && a.oauthApp ? { scheme, oauthApp: a.oauthApp } : { scheme };
	}
	if (parameters) {
		ordered.parameters = parameters;
	}
	return ordered as unknown as NewConnection;
}

/** The fields the Edit Connection command changes. */
export type EditableField = 'name' | 'description' | 'target' | 'access' | 'security' | 'oauthApp';
export const EDITABLE_FIELDS: readonly EditableField[] = ['name', 'description', 'target', 'access', 'security', 'oauthApp'];

/** Why a new value of a field is not acceptable for this connection, or undefined. Empty text removes optional fields. */
export function fieldError(c: Connection, field: EditableField, value: string): ViewMessage | undefined {
	const kind = c.kind?.value as ConnectionKind | undefined;
	switch (field) {
		case 'name':
		case 'description':
			return value.length > 500 ? viewMessage('too-long', { max: 500 }) : undefined;
		case 'target':
			if (!kind || !CONNECTION_KINDS.includes(kind)) {
				return viewMessage('kind-first');
			}
			return targetError(kind, value);
		case 'access':
			if (kind !== 'service') {
				return viewMessage('access-service-only');
			}
			return ACCESS_MODES.includes(value as AccessMode) ? undefined : viewMessage('access-values');
		case 'security': {
			if (kind !== 'service') {
				return viewMessage('security-service-only');
			}
			if (!SECURITY_SCHEMES.includes(value as SecurityScheme)) {
				return viewMessage('security-values');
			}
			const access = (c.access?.value as AccessMode | undefined) ?? (c.target ? accessOf(c.target.value) : undefined);
			return securityChoices(access).includes(value as SecurityScheme) ? undefined : viewMessage('security-needs-none', { access: 'project' });
		}
		case 'oauthApp':
			if (value && c.security?.scheme?.value !== 'oauth2') {
				return viewMessage('oauth-app-scheme');
			}
			return value.length > 100 ? viewMessage('too-long', { max: 100 }) : undefined;
	}
}

/**
 * The edit of one field, on the smallest path. A service target's visibility and its access
 * mode are kept equal: changing one changes the other; project access sets the scheme to none.
 */
export function editField(parsed: ParsedConnectionsFile, c: Connection, field: EditableField, value: string, fmt: FormattingOptions): EditResult {
	const error = fieldError(c, field, value);
	if (error) {
		return { ok: false, reason: 'invalid', message: viewMessageText(error), viewMessage: error };
	}
	const at = (...rest: (string | number)[]): JSONPath => [...c.path, ...rest];
	const set = (path: JSONPath, v: unknown) => setValue(parsed, path, v, fmt);
	const results: EditResult[] = [];
	switch (field) {
		case 'name':
		case 'description':
			if (value) {
				results.push(set(at(field), value));
			} else if (c[field]) {
				results.push(removeValue(parsed, at(field), fmt));
			}
			break;
		case 'target': {
			results.push(set(at('target'), value));
			const access = c.kind?.value === 'service' ? accessOf(value) : undefined;
			if (access && c.access && c.access.value !== access) {
				results.push(set(at('access'), access));
			}
			if (access === 'project' && c.security?.scheme && c.security.scheme.value !== 'none') {
				results.push(set(at('security', 'scheme'), 'none'));
			}
			break;
		}
		case 'access': {
			results.push(set(at('access'), value));
			const target = c.target ? withAccess(c.target.value, value as AccessMode) : undefined;
			if (target && target !== c.target?.value) {
				results.push(set(at('target'), target));
			}
			if (value === 'project' && c.security?.scheme && c.security.scheme.value !== 'none') {
				results.push(set(at('security', 'scheme'), 'none'));
			}
			break;
		}
		case 'security':
			results.push(set(at('security', 'scheme'), value));
			if (value !== 'oauth2' && c.security?.oauthApp) {
				results.push(removeValue(parsed, at('security', 'oauthApp'), fmt));
			}
			break;
		case 'oauthApp':
			if (value) {
				results.push(set(at('security', 'oauthApp'), value));
			} else if (c.security?.oauthApp) {
				results.push(removeValue(parsed, at('security', 'oauthApp'), fmt));
			}
			break;
	}
	if (!results.length) {
		return { ok: true, edits: [] };
	}
	return combine(results);
}

/** The current value of an editable field, as text. */
export function fieldValue(c: Connection, field: EditableField): string {
	switch (field) {
		case 'name': return c.name?.value ?? '';
		case 'description': return c.description?.value ?? '';
		case 'target': return c.target?.value ?? '';
		case 'access': return c.access?.value ?? '';
		case 'security': return c.security?.scheme?.value ?? '';
		case 'oauthApp': return c.security?.oauthApp?.value ?? '';
	}
}

/** A place a connection can be moved to, with words for a picker. */
export interface MoveTarget {
	readonly target: ScopeTarget;
	readonly label: string;
	/** Narrower than where the connection is now. */
	readonly demote: boolean;
}

const RANK = { organization: 0, project: 1, component: 2 } as const;

/** Every scope a connection can move to (not where it is; component targets need an ID). */
export function moveTargets(model: ConnectionsModel, c: Connection): MoveTarget[] {
	const out: MoveTarget[] = [];
	if (c.scope !== 'organization' && model.organization) {
		out.push({ target: { scope: 'organization' }, label: `organization ${model.organization.id?.value ?? ''}`.trim(), demote: false });
	}
	if (c.scope !== 'project' && model.project) {
		out.push({ target: { scope: 'project' }, label: `project ${model.project.id?.value ?? ''}`.trim(), demote: RANK[c.scope] < RANK.project });
	}
	for (const comp of model.components) {
		if (comp.hasId && !(c.scope === 'component' && c.componentIndex === comp.index)) {
			out.push({ target: { scope: 'component', componentIndex: comp.index }, label: `component ${comp.id}`, demote: c.scope !== 'component' });
		}
	}
	return out;
}

/**
 * The components that would lose sight of a connection moved to `to`: those that use it (in
 * `uses` or in their source) and are not the target component. Moving up loses no one.
 */
export function losersOfMove(project: ConnectionsProject, c: Connection, to: ScopeTarget): Component[] {
	if (to.scope !== 'component') {
		return []; // one project per file: every component sees organization and project connections alike
	}
	const index = project.index;
	const users = new Set<Component>();
	for (const comp of index.model.components) {
		if (comp.index === to.componentIndex || visibleConnections(index, comp).get(c.id) !== c) {
			continue;
		}
		if (comp.uses.some((u) => u.id === c.id)) {
			users.add(comp);
		}
	}
	for (const ref of project.referencesTo(c.id)) {
		if (ref.kind === 'source' && ref.componentId !== undefined) {
			const comp = index.componentsById.get(ref.componentId);
			if (comp && comp.index !== to.componentIndex && visibleConnections(index, comp).get(c.id) === c) {
				users.add(comp);
			}
		}
	}
	return [...users];
}

/** Why a connection cannot move to `to`: its ID would clash there. */
export function moveError(model: ConnectionsModel, c: Connection, to: ScopeTarget): ViewMessage | undefined {
	if (to.scope === c.scope && (to.scope !== 'component' || to.componentIndex === c.componentIndex)) {
		return viewMessage('move-already-there');
	}
	if (to.scope === 'component' && !model.components[to.componentIndex ?? -1]) {
		return viewMessage('component-gone');
	}
	const taken = takenIds(model, to, c);
	if (to.scope !== 'component') {
		// Moving up: only the definition itself may carry the ID (component connections elsewhere would now clash).
		const clash = model.allConnections.find((x) => x !== c && x.hasId && x.id === c.id);
		if (clash) {
			return clash.scope === 'component'
				? viewMessage('move-defined-by-component', { id: c.id, component: String(clash.componentId) })
				: viewMessage('move-defined-at-scope', { id: c.id, scope: clash.scope });
		}
	} else if (taken.includes(c.id)) {
		return viewMessage('move-visible', { id: c.id });
	}
	return undefined;
}

/** Text of a new connections.json: version, environments, an organization and project with no connections, a hint. */
export function starterFile(folderName: string, eol = '\n'): string {
	const project = slug(folderName, 'my-project');
	return [
		'{',
		'  // Connections of this repository\'s components, by scope (organization, project, component).',
		'  // Add one with "Connections: Add Connection...", or write it here: the schema completes the fields.',
		'  // Secrets are never written here: mark them { "secret": true } and store them in the editor.',
		'  "version": 1,',
		'  "environments": ["development", "production"],',
		'  "organization": {',
		'    "id": "my-organization",',
		'    "connections": []',
		'  },',
		'  "project": {',
		`    "id": ${JSON.stringify(project)},`,
		'    "connections": [],',
		'    "components": []',
		'  }',
		'}',
		'',
	].join(eol);
}
