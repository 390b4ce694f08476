// Completion on connection IDs: injected variable names in env reads of component source; IDs,
// keys and OAuth application names in connections.json; names and keys in component.yaml (read
// line by line, as it may not parse while typed). Imports sites.ts, hover.ts (a candidate's
// documentation is the connection's hover), the model, source scanning and the platform's files.
import { getLocation } from 'jsonc-parser';
import { yamlCompletionContext, yamlScalarText } from '../platform/componentYamlLines';
import type { Component, Connection, Span } from '../model/model';
import { variableName } from '../model/naming';
import type { ConnectionsProject } from '../analysis/project';
import { envReadAt } from '../source/envReads';
import type { SourceLanguage } from '../source/languages';
import { injectedKeys } from '../model/scope';
import { NavigationIndex } from './sites';
import { connectionHover, identity, renderHover, type Translate } from './hover';

export type CandidateKind = 'variable' | 'renamed-variable' | 'connection' | 'key' | 'oauth-app';

export interface CompletionCandidate {
	readonly label: string;
	readonly insertText: string;
	/** What the editor matches the typed text against (includes the quote when the range does). */
	readonly filterText: string;
	readonly kind: CandidateKind;
	/** connection ID · key · scope, or scope · kind. */
	readonly detail: string;
	readonly sortText: string;
	readonly connection?: Connection;
	readonly component?: Component;
	readonly key?: string;
}

export interface CompletionList {
	/** The text the chosen candidate replaces. */
	readonly span: Span;
	readonly items: readonly CompletionCandidate[];
	/** More candidates exist than were returned: ask again as the user types. */
	readonly incomplete: boolean;
}

/** Above this many source candidates only those starting with the typed text are returned. */
export const MAX_VARIABLE_CANDIDATES = 5000;

function scopeLabel(c: Connection): string {
	return c.scope === 'component' && c.componentId !== undefined ? `component ${c.componentId}` : c.scope;
}

/** Variable names visible to a component: every key of every visible connection, renames instead of their default names. */
function variableCandidates(index: NavigationIndex, component: Component): CompletionCandidate[] {
	const used = new Set(component.uses.map((u) => u.id));
	const renamed = new Map<string, string>();
	// As the platform injects them: component.yaml's renames where it has one.
	for (const e of index.project.injectedRenames(component)) {
		if (e.key) {
			renamed.set(variableName(e.connection, e.key), e.variable);
		}
	}
	const out: CompletionCandidate[] = [];
	for (const c of index.visible(component)) {
		// Declared connections first (own connections are declared implicitly), then the rest.
		const rank = c.scope === 'component' || used.has(c.id) ? '0' : '1';
		// Only the keys its security scheme injects, in the kind's order (ServiceURL first): the likely key sorts first.
		for (const [i, key] of injectedKeys(c).entries()) {
			const name = variableName(c.id, key);
			const rename = renamed.get(name);
			const label = rename ?? name;
			out.push({
				label,
				insertText: label,
				filterText: label,
				kind: rename !== undefined ? 'renamed-variable' : 'variable',
				detail: `${c.id} · ${key} · ${scopeLabel(c)}`,
				sortText: `${rank}${String(i).padStart(3, '0')}${label}`,
				connection: c,
				component,
				key,
			});
		}
	}
	return out;
}

/** Completion of variable names inside an env read of component source; undefined when the offset is not in one. */
export function sourceCompletions(project: ConnectionsProject, file: string, text: string, offset: number, language: SourceLanguage): CompletionList | undefined {
	const at = envReadAt(text, offset, language);
	if (!at) {
		return undefined;
	}
	const index = NavigationIndex.of(project);
	const component = index.componentOf(file);
	if (!component) {
		return undefined;
	}
	let items = variableCandidates(index, component);
	let incomplete = false;
	if (items.length > MAX_VARIABLE_CANDIDATES) {
		const typed = at.prefix.toUpperCase();
		items = items.filter((i) => i.label.toUpperCase().startsWith(typed));
		incomplete = true;
		if (items.length > MAX_VARIABLE_CANDIDATES) {
			items = items.slice(0, MAX_VARIABLE_CANDIDATES);
		}
	}
	return { span: { offset: at.start, length: at.end - at.start }, items, incomplete };
}

/** The string literal at the offset (cursor inside it or at its unterminated end), from getLocation's previous node. */
function stringAtCursor(text: string, node: { type: string; offset: number; length: number } | undefined, offset: number): Span | undefined {
	if (!node || node.type !== 'string') {
		return undefined;
	}
	const end = node.offset + node.length;
	const closed = node.length >= 2 && text.charCodeAt(end - 1) === 34;
	if (offset > node.offset && (offset < end || (offset === end && !closed))) {
		return { offset: node.offset, length: node.length };
	}
	return undefined;
}

function jsonCandidate(label: string, kind: CandidateKind, detail: string, sortText: string, extra: Partial<CompletionCandidate> = {}): CompletionCandidate {
	const insertText = JSON.stringify(label);
	return { label, insertText, filterText: insertText, kind, detail, sortText, ...extra };
}

/**
 * Completion in connections.json: IDs in a component's `uses` (visible organization/project
 * connections not yet listed), IDs in `env.*.connection`, keys in `env.*.key` for the chosen
 * connection, and OAuth application names already used in the scope in `security.oauthApp`.
 * `text` is the document's current text; the model may be a moment older.
 */
export function jsonCompletions(project: ConnectionsProject, text: string, offset: number): CompletionList | undefined {
	const loc = getLocation(text, offset);
	if (loc.isAtPropertyKey) {
		return undefined;
	}
	const path = loc.path;
	const str = stringAtCursor(text, loc.previousNode, offset);
	if (!str && loc.previousNode && loc.previousNode.type !== 'property') {
		// Right after a complete value (e.g. `"a"|`): not a place for a new one.
		const n = loc.previousNode;
		if (offset >= n.offset + n.length && offset - (n.offset + n.length) < 1) {
			return undefined;
		}
	}
	const span = str ?? { offset, length: 0 };
	const index = NavigationIndex.of(project);
	const component = path[0] === 'project' && path[1] === 'components' && typeof path[2] === 'number'
		? index.componentAt(path[2]) : undefined;
	const current = str ? text.slice(str.offset + 1, str.offset + str.length - (text.charCodeAt(str.offset + str.length - 1) === 34 && str.length > 1 ? 1 : 0)) : undefined;
	const connectionItem = (c: Connection, rank: string) => jsonCandidate(c.id, 'connection', `${scopeLabel(c)} · ${c.kind?.value ?? '?'}${c.name ? ` · ${c.name.value}` : ''}`, rank + c.id, { connection: c, component });

	if (component && path.length === 5 && path[3] === 'uses' && typeof path[4] === 'number') {
		const listed = new Set(component.uses.filter((u) => u.index !== path[4]).map((u) => u.id));
		const items = index.visible(undefined)
			.filter((c) => !listed.has(c.id) && !component.connections.some((own) => own.id === c.id))
			.map((c) => connectionItem(c, c.scope === 'project' ? '0' : '1'));
		return { span, items, incomplete: false };
	}
	if (component && path.length === 6 && path[3] === 'env' && path[5] === 'connection') {
		const items = index.visible(component).map((c) => connectionItem(c, c.scope === 'component' || component.uses.some((u) => u.id === c.id) ? '0' : '1'));
		return { span, items, incomplete: false };
	}
	if (component && path.length === 6 && path[3] === 'env' && path[5] === 'key') {
		const rename = component.env.find((e) => e.variable === path[4]);
		const c = rename?.connection ? index.resolve(component, rename.connection.value) : undefined;
		if (!c) {
			return { span, items: [], incomplete: false };
		}
		const items = injectedKeys(c).map((key, i) => jsonCandidate(key, 'key', `${c.id} · ${variableName(c.id, key)}`, String(i).padStart(4, '0'), { connection: c, component, key }));
		return { span, items, incomplete: false };
	}
	if (path.length >= 5 && path[path.length - 1] === 'oauthApp' && path[path.length - 2] === 'security') {
		const connPath = path.slice(0, -2);
		const here = index.model.allConnections.find((c) => c.path.length === connPath.length && c.path.every((s, i) => s === connPath[i]));
		if (!here) {
			return undefined;
		}
		const apps = new Map<string, string[]>();
		for (const c of index.model.allConnections) {
			const app = c.security?.oauthApp?.value;
			if (app !== undefined && app !== current && c.scope === here.scope && c.componentIndex === here.componentIndex && c !== here) {
				apps.set(app, [...(apps.get(app) ?? []), c.id]);
			}
		}
		// Organization connections each have their own application: sharing one is an error, so none is offered.
		const items = here.scope === 'organization' ? [] : [...apps].map(([app, ids]) => jsonCandidate(app, 'oauth-app', ids.join(', '), app));
		return { span, items, incomplete: false };
	}
	return undefined;
}

/** Completion in a component.yaml: connection names in connectionReferences and connectionRef, keys in connectionRef.key. */
export function yamlCompletions(project: ConnectionsProject, file: string, text: string, offset: number): CompletionList | undefined {
	const ctx = yamlCompletionContext(text, offset);
	if (!ctx) {
		return undefined;
	}
	const index = NavigationIndex.of(project);
	const component = index.componentOfYaml(file);
	const plain = (label: string, kind: CandidateKind, detail: string, sortText: string, extra: Partial<CompletionCandidate>): CompletionCandidate =>
		({ label, insertText: (ctx.needsSpace ? ' ' : '') + yamlScalarText(label), filterText: label, kind, detail, sortText, ...extra });
	if (ctx.what === 'connection-ref-key') {
		const c = ctx.connection !== undefined ? index.resolve(component, ctx.connection) : undefined;
		const items = c ? injectedKeys(c).map((key, i) => plain(key, 'key', `${c.id} · ${variableName(c.id, key)}`, String(i).padStart(4, '0'), { connection: c, component, key })) : [];
		return { span: ctx.span, items, incomplete: false };
	}
	const declared = new Set([...(component?.uses.map((u) => u.id) ?? [])]);
	const items = index.visible(component).map((c) => plain(c.id, 'connection', `${scopeLabel(c)} · ${c.kind?.value ?? '?'}`,
		(c.scope === 'component' || declared.has(c.id) ? '0' : '1') + c.id, { connection: c, component }));
	return { span: ctx.span, items, incomplete: false };
}

/** Documentation of a completion candidate (from the index it was computed with): the connection's hover, never a secret value. */
export function candidateDocumentation(index: NavigationIndex, candidate: CompletionCandidate, t: Translate = identity): string | undefined {
	const c = candidate.connection;
	if (!c) {
		return undefined;
	}
	const read = candidate.key !== undefined && (candidate.kind === 'variable' || candidate.kind === 'renamed-variable')
		? { variable: candidate.label, key: candidate.key, renamed: candidate.kind === 'renamed-variable', defaultVariable: candidate.kind === 'renamed-variable' ? variableName(c.id, candidate.key) : undefined }
		: undefined;
	return renderHover(connectionHover(index, c, candidate.component, read), t);
}
