// Language features on connection IDs, editor-free: what is at an offset in connections.json,
// component source and component.yaml; hover content; completion candidates; definition,
// references and rename edits; the outline of connections.json. Offsets in, offsets out.
//
// Lookups go through a NavigationIndex built once per parse of connections.json (cached by the
// parsed object's identity): sorted sites for binary search and maps by ID, so a hover or a
// definition costs O(log n) in the number of connections, not O(n).
import { getLocation, type JSONPath } from 'jsonc-parser';
import { isValidConnectionId } from '../model/connectionId';
import { renameInYamlEdits, scalarInnerSpan, type ComponentYaml } from '../platform/componentYaml';
import { didYouMean } from '../text/didYouMean';
import { replaceSpan, type TextEdit } from '../edits/edits';
import { formatMessage } from '../findings/messages';
import type { Component, Connection, ConnectionsModel, Parameter, Scope, Span } from '../model/model';
import { normaliseName, variableName, variablePrefix } from '../model/naming';
import type { ParsedConnectionsFile } from '../json/parse';
import { CONNECTIONS_FILE, type ConnectionReference, type ConnectionsProject } from '../analysis/project';
import { envReadAt, type EnvRead } from '../source/envReads';
import type { SourceLanguage } from '../source/languages';
import { SECRET_NAME, SECRET_VALUE } from '../analysis/rules';
import { isSecretKey, keysOf, kindOf, visibleConnections, whyNotVisible, type ConnectionIndex } from '../model/scope';
import { LineIndex } from '../text/text';
import { escapeMarkdown as escapeText, truncate } from '../views/treeModel';

// ---- work counters ------------------------------------------------------------------

/** Work done by navigation, for tests that hold lookups to O(log n): nodes visited and index builds. */
export const navigationStats = { visited: 0, indexBuilds: 0 };

// ---- sites ----------------------------------------------------------------------------

export type SiteKind =
	| 'definition' | 'use' | 'env-connection' | 'env-key' | 'oauth-app'
	| 'source' | 'yaml-reference' | 'yaml-connection' | 'yaml-key';

/** A place where a connection ID (or something resolved through one) is written. */
export interface Site {
	readonly kind: SiteKind;
	/** Repository-relative file. */
	readonly file: string;
	/** The text at the site: a JSON string literal with its quotes, a YAML scalar, or a source variable name. */
	readonly span: Span;
	/** The connection ID as written there ('' for a source variable that resolves to nothing). */
	readonly id: string;
	/** The component whose view resolves it (the owner for a component connection's definition). */
	readonly component?: Component;
	/** What it resolves to; undefined for an unresolved reference. */
	readonly connection?: Connection;
	/** Source: the variable read; env-key: the renamed variable. */
	readonly variable?: string;
	/** The parameter key read (source, env-key, yaml-key). */
	readonly key?: string;
	/** The variable is a rename from the component's `env` (its text is not derived from the ID). */
	readonly renamed?: boolean;
	/** oauth-app: the application name. */
	readonly app?: string;
}

/** The item whose span holds `offset` (ends inclusive), by binary search over items sorted by offset. */
function findAt<T>(items: readonly T[], offset: number, spanOf: (item: T) => Span): T | undefined {
	let lo = 0;
	let hi = items.length - 1;
	let best = -1;
	while (lo <= hi) {
		navigationStats.visited++;
		const mid = (lo + hi) >> 1;
		if (spanOf(items[mid]).offset <= offset) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best < 0) {
		return undefined;
	}
	const s = spanOf(items[best]);
	return offset <= s.offset + s.length ? items[best] : undefined;
}

// ---- the index --------------------------------------------------------------------------

/** Where an OAuth application is shared: the organization's connections, the project's, or one component's. */
function appGroup(c: Connection, app: string): string {
	return JSON.stringify([c.scope, c.componentIndex ?? -1, app]);
}

const indexes = new WeakMap<ParsedConnectionsFile, NavigationIndex>();

/** Per-parse lookup tables of one repository; get it with `NavigationIndex.of(project)`. */
export class NavigationIndex {
	readonly model: ConnectionsModel;
	private readonly sites: Site[] = [];
	/** The project's connection index for the same parse. */
	readonly connections: ConnectionIndex;
	private readonly usedBy = new Map<Connection, string[]>();
	private readonly componentByIndex = new Map<number, Component>();
	private readonly renames = new Map<Connection, { variable: string; key: string; component: Component }[]>();
	/** OAuth application literals by sharing group and name (see appGroup). */
	private readonly apps = new Map<string, Site[]>();
	private readonly componentOfFile = new Map<string, Component | undefined>();
	private readonly componentOfYamlFile = new Map<string, Component | undefined>();
	private lineIndex?: LineIndex;

	/** The index of the project's current parse of connections.json (built on first use, then cached). */
	static of(project: ConnectionsProject): NavigationIndex {
		const parsed = project.parsed;
		let idx = indexes.get(parsed);
		if (!idx) {
			idx = new NavigationIndex(project, parsed);
			indexes.set(parsed, idx);
		}
		return idx;
	}

	private constructor(readonly project: ConnectionsProject, readonly parsed: ParsedConnectionsFile) {
		navigationStats.indexBuilds++;
		const model = this.model = parsed.model;
		this.connections = project.index;
		for (const comp of model.components) {
			this.componentByIndex.set(comp.index, comp);
		}
		const add = (s: Omit<Site, 'file'>): Site => {
			const site = { ...s, file: CONNECTIONS_FILE };
			this.sites.push(site);
			return site;
		};
		for (const c of model.allConnections) {
			navigationStats.visited++;
			const owner = this.ownerOf(c);
			if (c.hasId) {
				add({ kind: 'definition', span: c.idSpan, id: c.id, component: owner, connection: c });
				if (owner) {
					this.usedBy.set(c, [owner.id]);
				}
			}
			const app = c.security?.oauthApp;
			if (app) {
				const site = add({ kind: 'oauth-app', span: app.span, id: c.id, component: owner, connection: c, app: app.value });
				const group = appGroup(c, app.value);
				const list = this.apps.get(group);
				if (list) {
					list.push(site);
				} else {
					this.apps.set(group, [site]);
				}
			}
		}
		for (const comp of model.components) {
			for (const u of comp.uses) {
				navigationStats.visited++;
				const c = this.resolve(comp, u.id);
				add({ kind: 'use', span: u.span, id: u.id, component: comp, connection: c });
				if (c && c.scope !== 'component' && comp.hasId) {
					const list = this.usedBy.get(c);
					if (!list) {
						this.usedBy.set(c, [comp.id]);
					} else if (!list.includes(comp.id)) {
						list.push(comp.id);
					}
				}
			}
			for (const e of comp.env) {
				navigationStats.visited++;
				const c = e.connection ? this.resolve(comp, e.connection.value) : undefined;
				if (e.connection) {
					add({ kind: 'env-connection', span: e.connection.span, id: e.connection.value, component: comp, connection: c, variable: e.variable, key: e.key?.value, renamed: true });
				}
				if (c && e.key) {
					const list = this.renames.get(c) ?? [];
					list.push({ variable: e.variable, key: e.key.value, component: comp });
					this.renames.set(c, list);
				}
				if (e.key && e.connection) {
					add({ kind: 'env-key', span: e.key.span, id: e.connection.value, component: comp, connection: c, variable: e.variable, key: e.key.value, renamed: true });
				}
			}
		}
		this.sites.sort((a, b) => a.span.offset - b.span.offset);
	}

	/** The component that owns a component-scope connection. */
	ownerOf(c: Connection): Component | undefined {
		return c.scope === 'component' && c.componentIndex !== undefined ? this.componentByIndex.get(c.componentIndex) : undefined;
	}

	/** The component at an index of `project.components`. */
	componentAt(i: number): Component | undefined {
		return this.componentByIndex.get(i);
	}

	/** The connection an ID means for a component: its own, else the project's, else the organization's. */
	resolve(component: Component | undefined, id: string): Connection | undefined {
		navigationStats.visited++;
		return visibleConnections(this.connections, component).get(id);
	}

	/** Connections a component can see, own first. */
	visible(component: Component | undefined): Connection[] {
		return [...visibleConnections(this.connections, component).values()];
	}

	/** Connections defined with an ID (several for component connections of different components). */
	connectionsWithId(id: string): readonly Connection[] {
		return this.connections.byId.get(id) ?? [];
	}

	/** The `env` renames of a connection's variables, in every component. */
	renamesOf(c: Connection): readonly { readonly variable: string; readonly key: string; readonly component: Component }[] {
		return this.renames.get(c) ?? [];
	}

	/** IDs of the components that use a connection (`uses`, or owning it). */
	usersOf(c: Connection): readonly string[] {
		return this.usedBy.get(c) ?? [];
	}

	/** The site in connections.json at an offset. */
	siteAt(offset: number): Site | undefined {
		return findAt(this.sites, offset, (s) => s.span);
	}

	/** 1-based line of an offset in connections.json. */
	lineOf(offset: number): number {
		this.lineIndex ??= new LineIndex(this.parsed.text);
		return this.lineIndex.positionAt(offset).line + 1;
	}

	/** The component a source file belongs to (cached per file). */
	componentOf(file: string): Component | undefined {
		if (!this.componentOfFile.has(file)) {
			this.componentOfFile.set(file, this.project.componentOf(file));
		}
		return this.componentOfFile.get(file);
	}

	/** The component whose component.yaml a file is (cached per file). */
	componentOfYaml(file: string): Component | undefined {
		if (!this.componentOfYamlFile.has(file)) {
			this.componentOfYamlFile.set(file, this.project.componentOfYaml(file));
		}
		return this.componentOfYamlFile.get(file);
	}

	/** Literals of an OAuth application in one sharing group: the organization, the project, or one component. */
	oauthAppSites(site: Site): Site[] {
		const c = site.connection;
		if (!c || site.app === undefined) {
			return [];
		}
		return this.apps.get(appGroup(c, site.app)) ?? [];
	}
}

// ---- sites in component source and component.yaml ----------------------------------------

/** The site at an offset in a component source file, from the reads of its current text (sorted by offset). */
export function sourceSiteAt(project: ConnectionsProject, file: string, reads: readonly EnvRead[], offset: number): Site | undefined {
	const read = findAt(reads, offset, (r) => r);
	if (!read) {
		return undefined;
	}
	const index = NavigationIndex.of(project);
	const component = index.componentOf(file);
	if (!component) {
		return undefined;
	}
	const span = { offset: read.offset, length: read.length };
	const r = project.resolveVariable(component, read.variable);
	if (r) {
		return { kind: 'source', file, span, id: r.connection.id, component, connection: r.connection, variable: read.variable, key: r.matchedKey ?? r.key, renamed: r.renamed };
	}
	return read.variable.startsWith('CHOREO_') ? { kind: 'source', file, span, id: '', component, variable: read.variable } : undefined;
}

/** The site at an offset in a component.yaml, from its current parse. */
export function yamlSiteAt(project: ConnectionsProject, file: string, yaml: ComponentYaml, offset: number): Site | undefined {
	const index = NavigationIndex.of(project);
	const component = index.componentOfYaml(file);
	const inside = (s: Span | undefined) => !!s && offset >= s.offset && offset <= s.offset + s.length;
	for (const ref of yaml.connectionReferences) {
		if (inside(ref.nameSpan)) {
			return { kind: 'yaml-reference', file, span: ref.nameSpan, id: ref.name, component, connection: index.resolve(component, ref.name) };
		}
	}
	for (const r of yaml.envConnectionRefs) {
		if (inside(r.connectionSpan)) {
			return { kind: 'yaml-connection', file, span: r.connectionSpan, id: r.connection, component, connection: index.resolve(component, r.connection), key: r.key, variable: r.envName, renamed: true };
		}
		if (r.keySpan && r.key !== undefined && inside(r.keySpan)) {
			return { kind: 'yaml-key', file, span: r.keySpan, id: r.connection, component, connection: index.resolve(component, r.connection), key: r.key, variable: r.envName, renamed: true };
		}
	}
	return undefined;
}

// ---- hover ------------------------------------------------------------------------------

/** One row of the parameter table: a display value per environment column (undefined = not set). */
export interface ParameterRow {
	readonly key: string;
	readonly secret: boolean;
	readonly values: readonly (string | undefined)[];
}

export interface ConnectionHover {
	readonly type: 'connection';
	readonly id: string;
	readonly name?: string;
	readonly description?: string;
	readonly scope: Scope;
	readonly owner?: string;
	readonly kind?: string;
	readonly target?: string;
	readonly access?: string;
	readonly scheme?: string;
	readonly oauthApp?: string;
	/** The application an OAuth connection gets when `oauthApp` is left out. */
	readonly impliedApp?: 'own' | 'project';
	/**
	 * Injected variables with their renames from `env`: seen from a component, only its own rename
	 * (the default is then not injected there); from the definition, every component's.
	 */
	readonly variables: readonly { readonly key: string; readonly variable: string; readonly renames: readonly { readonly variable: string; readonly component: string }[] }[];
	/** The variables are seen from one component (`renames` are its own). */
	readonly fromComponent: boolean;
	/** For a source or env hover: what is read there. */
	readonly read?: { readonly variable: string; readonly key?: string; readonly renamed: boolean; readonly defaultVariable?: string };
	readonly usedBy: readonly string[];
	/** 1-based line of the definition in connections.json. */
	readonly line: number;
	readonly environments: readonly string[];
	readonly parameters: readonly ParameterRow[];
}

export interface UnresolvedHover {
	readonly type: 'unresolved';
	/** The ID as written, or the variable read for a source reference. */
	readonly name: string;
	readonly isVariable: boolean;
	readonly component?: string;
	readonly candidates: readonly string[];
	/** Components that own a connection of that ID (not visible here). */
	readonly owners: readonly string[];
}

export interface OAuthAppHover {
	readonly type: 'oauth-app';
	readonly app: string;
	readonly scope: Scope;
	readonly component?: string;
	readonly connections: readonly string[];
}

export type HoverContent = ConnectionHover | UnresolvedHover | OAuthAppHover;

const MAX_ENV_COLUMNS = 6;
const MAX_PARAMETER_ROWS = 40;

function display(v: string | number | boolean): string {
	return typeof v === 'string' ? v : String(v);
}

function valuesOf(p: Parameter): (string | number | boolean)[] {
	return p.value.type === 'plain' ? [p.value.value] : p.value.type === 'per-environment' ? [...p.value.values.values()].map((v) => v.value) : [];
}

/** Parameter rows; a key that is secret (by kind, by marking, by its name or by a credential-looking value) shows no value. */
function parameterRows(c: Connection, environments: string[]): ParameterRow[] {
	const byKey = new Map<string, Parameter>();
	for (const p of c.parameters) {
		byKey.set(p.key, p);
	}
	const keys = keysOf(c);
	for (const p of c.parameters) {
		if (!keys.includes(p.key)) {
			keys.push(p.key);
		}
	}
	return keys.slice(0, MAX_PARAMETER_ROWS).map((key) => {
		const p = byKey.get(key);
		const secret = isSecretKey(c, key) || (kindOf(c) === 'third-party' && SECRET_NAME.test(key)) || (!!p && valuesOf(p).some((v) => typeof v === 'string' && SECRET_VALUE.test(v)));
		const values = environments.map((env): string | undefined => {
			if (!p) {
				return undefined;
			}
			switch (p.value.type) {
				case 'plain':
					return display(p.value.value);
				case 'per-environment': {
					const v = p.value.values.get(env);
					return v === undefined ? undefined : display(v.value);
				}
				default:
					return undefined;
			}
		});
		return { key, secret, values: secret ? environments.map(() => undefined) : values };
	});
}

/** What a hover shows for a resolved connection, seen from `component` (for renames and the read). */
export function connectionHover(index: NavigationIndex, c: Connection, component?: Component, read?: ConnectionHover['read']): ConnectionHover {
	const environments = [...index.model.environments];
	for (const p of c.parameters) {
		if (p.value.type === 'per-environment') {
			for (const env of p.value.values.keys()) {
				if (!environments.includes(env)) {
					environments.push(env);
				}
			}
		}
	}
	const envs = environments.slice(0, MAX_ENV_COLUMNS);
	const scheme = c.security?.scheme?.value;
	const owner = index.ownerOf(c);
	const renames = index.renamesOf(c).filter((r) => !component || r.component === component);
	return {
		type: 'connection',
		id: c.id,
		name: c.name?.value,
		description: c.description?.value,
		scope: c.scope,
		owner: owner?.id,
		kind: c.kind?.value,
		target: c.target?.value,
		access: c.access?.value,
		scheme,
		oauthApp: c.security?.oauthApp?.value,
		impliedApp: scheme === 'oauth2' && !c.security?.oauthApp ? (c.scope === 'project' ? 'project' : 'own') : undefined,
		variables: keysOf(c).map((key) => ({
			key,
			variable: variableName(c.id, key),
			renames: renames.filter((r) => r.key === key).map((r) => ({ variable: r.variable, component: r.component.id })),
		})),
		fromComponent: !!component,
		read,
		usedBy: index.usersOf(c),
		line: index.lineOf(c.idSpan.offset),
		environments: envs,
		parameters: parameterRows(c, envs),
	};
}

/** Hover content for a site, or undefined where there is nothing to say. */
export function hoverFor(project: ConnectionsProject, site: Site): HoverContent | undefined {
	const index = NavigationIndex.of(project);
	if (site.kind === 'oauth-app' && site.app !== undefined && site.connection) {
		return {
			type: 'oauth-app',
			app: site.app,
			scope: site.connection.scope,
			component: site.component?.id,
			connections: index.oauthAppSites(site).map((s) => s.connection!.id),
		};
	}
	const c = site.connection;
	if (!c) {
		return unresolvedHover(index, site);
	}
	let read: ConnectionHover['read'];
	if (site.kind === 'source' && site.variable !== undefined) {
		read = { variable: site.variable, key: site.key, renamed: !!site.renamed, defaultVariable: site.renamed && site.key ? variableName(c.id, site.key) : undefined };
	} else if ((site.kind === 'env-key' || site.kind === 'env-connection' || site.kind === 'yaml-key' || site.kind === 'yaml-connection') && site.variable !== undefined) {
		// A rename: connections.json `env` or component.yaml `configurations.env[].valueFrom.connectionRef`.
		read = { variable: site.variable, key: site.key, renamed: true, defaultVariable: site.key ? variableName(c.id, site.key) : undefined };
	}
	return connectionHover(index, c, site.component, read);
}

function unresolvedHover(index: NavigationIndex, site: Site): UnresolvedHover {
	const visible = index.visible(site.component);
	if (site.kind === 'source') {
		const variable = site.variable ?? '';
		const rest = variable.slice(7);
		const head = rest.slice(0, Math.max(rest.lastIndexOf('_'), 0)) || rest;
		const byName = new Map(visible.map((c) => [normaliseName(c.id), c]));
		const tail = rest.slice(head.length + 1);
		const candidates = didYouMean(head, byName.keys()).map((n) => {
			const c = byName.get(n)!;
			const key = keysOf(c).find((k) => normaliseName(k) === tail) ?? keysOf(c)[0];
			return variableName(c.id, key);
		});
		const owners = index.model.components.filter((comp) => comp !== site.component && comp.connections.some((c) => c.hasId && variable.startsWith(variablePrefix(c.id)))).map((comp) => comp.id);
		return { type: 'unresolved', name: variable, isVariable: true, component: site.component?.id, candidates, owners };
	}
	const why = whyNotVisible(index.connections, site.id);
	const owners = why.reason === 'other-component' ? why.owners.map((c) => c.componentId ?? '') : [];
	return { type: 'unresolved', name: site.id, isVariable: false, component: site.component?.id, candidates: didYouMean(site.id, visible.map((c) => c.id)), owners };
}

/** Fixed hover text (English); the editor passes each through its localisation. `{x}` placeholders take escaped Markdown. */
export const HOVER_TEXT = {
	scope: 'Scope',
	kind: 'Kind',
	target: 'Target',
	access: 'Access mode',
	security: 'Security',
	oauthApp: 'OAuth application',
	ownApp: 'own application (implied)',
	projectApp: "the project's application (implied)",
	variables: 'Variables',
	usedBy: 'Used by',
	nobody: 'no component',
	definedAt: 'Defined in connections.json, line {line}',
	componentScope: 'component ({component})',
	parameter: 'Parameter',
	value: 'Value',
	secret: 'secret',
	notSet: '—',
	renamedTo: 'injected as {variable}',
	renamedIn: 'injected as {variable} in {component}',
	reads: 'Reads {key} of {id} through {variable}',
	readsRenamed: 'Reads {key} of {id} through {variable}, renamed from {default} in "env"',
	readsVariable: 'Reads {variable} of {id}',
	unresolvedId: 'No connection {id} is visible to component {component}.',
	unresolvedIdNoComponent: 'No connection {id} is defined at organization or project scope.',
	unresolvedVariable: '{variable} matches no connection visible to component {component}.',
	didYouMean: 'Did you mean {candidates}?',
	ownedBy: 'It is a component connection of {owners}, which this component cannot see.',
	unresolvedTitle: 'Unresolved connection reference',
	oauthAppTitle: 'OAuth application {app}',
	oauthAppShared: 'Set on the {scope} connections {ids}.',
	oauthAppSharedComponent: 'Set on the connections {ids} of component {component}.',
	more: 'and {count} more',
} as const;

export type HoverTextKey = keyof typeof HOVER_TEXT;
export type Translate = (text: string) => string;

const identity: Translate = (s) => s;
const MAX_TEXT = 200;
const MAX_DESCRIPTION = 500;
const MAX_LIST = 12;

/** Workspace text as inert Markdown: cut to `max` (never splitting a surrogate pair), then every ASCII punctuation escaped. */
function escapeMarkdown(text: string, max = MAX_TEXT): string {
	return escapeText(truncate(text, max));
}

/** A name as inline code when it is a plain identifier (derived variable names), else escaped text. */
function codeOrText(s: string): string {
	return /^[A-Za-z0-9_]{1,256}$/.test(s) ? '`' + s + '`' : escapeMarkdown(s);
}

function bold(s: string): string {
	return '**' + escapeMarkdown(s) + '**';
}

function list(items: readonly string[], t: Translate, render: (s: string) => string = escapeMarkdown): string {
	const shown = items.slice(0, MAX_LIST).map((s) => render(s)).join(', ');
	return items.length > MAX_LIST ? `${shown} ${formatMessage(t(HOVER_TEXT.more), { count: items.length - MAX_LIST })}` : shown;
}

function cell(s: string): string {
	return escapeMarkdown(s, 120);
}

/**
 * The hover as Markdown: fixed text from HOVER_TEXT (through `t`), every piece of workspace text
 * escaped with escapeMarkdown, no HTML, no links, no command URIs.
 */
export function renderHover(h: HoverContent, t: Translate = identity): string {
	const fill = (key: HoverTextKey, args: Record<string, string | number>) => formatMessage(t(HOVER_TEXT[key]), args);
	if (h.type === 'oauth-app') {
		const ids = list(h.connections, t, bold);
		return [
			fill('oauthAppTitle', { app: bold(h.app) }),
			h.scope === 'component' && h.component !== undefined
				? fill('oauthAppSharedComponent', { ids, component: bold(h.component) })
				: fill('oauthAppShared', { scope: escapeMarkdown(h.scope), ids }),
		].join('\n\n');
	}
	if (h.type === 'unresolved') {
		const out = [`**${escapeMarkdown(t(HOVER_TEXT.unresolvedTitle))}**`];
		if (h.isVariable) {
			out.push(fill('unresolvedVariable', { variable: codeOrText(h.name), component: bold(h.component ?? '') }));
		} else if (h.component !== undefined) {
			out.push(fill('unresolvedId', { id: bold(h.name), component: bold(h.component) }));
		} else {
			out.push(fill('unresolvedIdNoComponent', { id: bold(h.name) }));
		}
		if (h.owners.length) {
			out.push(fill('ownedBy', { owners: list(h.owners, t, bold) }));
		}
		if (h.candidates.length) {
			out.push(fill('didYouMean', { candidates: list(h.candidates, t, h.isVariable ? codeOrText : bold) }));
		}
		return out.join('\n\n');
	}
	const out: string[] = [];
	out.push(h.name ? `${bold(h.id)} — ${escapeMarkdown(h.name)}` : bold(h.id));
	if (h.read) {
		const key = h.read.key !== undefined ? bold(h.read.key) : '';
		if (h.read.renamed && h.read.defaultVariable) {
			out.push(fill('readsRenamed', { key, id: bold(h.id), variable: codeOrText(h.read.variable), default: codeOrText(h.read.defaultVariable) }));
		} else if (h.read.key !== undefined) {
			out.push(fill('reads', { key, id: bold(h.id), variable: codeOrText(h.read.variable) }));
		} else {
			out.push(fill('readsVariable', { variable: codeOrText(h.read.variable), id: bold(h.id) }));
		}
	}
	if (h.description) {
		out.push('*' + escapeMarkdown(h.description.trim(), MAX_DESCRIPTION) + '*');
	}
	const line = (label: HoverTextKey, value: string) => `**${escapeMarkdown(t(HOVER_TEXT[label]))}:** ${value}`;
	const facts: string[] = [];
	facts.push(line('scope', h.scope === 'component' && h.owner !== undefined ? fill('componentScope', { component: escapeMarkdown(h.owner) }) : escapeMarkdown(h.scope)));
	if (h.kind !== undefined) {
		facts.push(line('kind', escapeMarkdown(h.kind)));
	}
	if (h.target !== undefined) {
		facts.push(line('target', escapeMarkdown(h.target)));
	}
	if (h.access !== undefined) {
		facts.push(line('access', escapeMarkdown(h.access)));
	}
	if (h.scheme !== undefined) {
		let security = escapeMarkdown(h.scheme);
		if (h.oauthApp !== undefined) {
			security += ` · ${escapeMarkdown(t(HOVER_TEXT.oauthApp))}: ${escapeMarkdown(h.oauthApp)}`;
		} else if (h.impliedApp) {
			security += ` · ${escapeMarkdown(t(HOVER_TEXT.oauthApp))}: ${escapeMarkdown(t(h.impliedApp === 'own' ? HOVER_TEXT.ownApp : HOVER_TEXT.projectApp))}`;
		}
		facts.push(line('security', security));
	}
	if (h.variables.length) {
		facts.push(line('variables', h.variables.map((v) => {
			if (!v.renames.length) {
				return `\`${v.variable}\``;
			}
			if (h.fromComponent) {
				return `~~\`${v.variable}\`~~ ${fill('renamedTo', { variable: codeOrText(v.renames[0].variable) })}`;
			}
			return `\`${v.variable}\` (${v.renames.map((r) => fill('renamedIn', { variable: codeOrText(r.variable), component: bold(r.component) })).join('; ')})`;
		}).join(', ')));
	}
	facts.push(line('usedBy', h.usedBy.length ? list(h.usedBy, t) : escapeMarkdown(t(HOVER_TEXT.nobody))));
	out.push(facts.join('  \n'));
	if (h.parameters.length) {
		const columns = h.environments.length ? h.environments : [t(HOVER_TEXT.value)];
		const rows = [
			`| ${escapeMarkdown(t(HOVER_TEXT.parameter))} | ${columns.map(cell).join(' | ')} |`,
			`|---|${columns.map(() => '---').join('|')}|`,
			...h.parameters.map((p) => `| ${cell(p.key)} | ${columns.map((_, i) => p.secret
				? `*${escapeMarkdown(t(HOVER_TEXT.secret))}*`
				: p.values[i] === undefined ? escapeMarkdown(t(HOVER_TEXT.notSet)) : cell(p.values[i]!)).join(' | ')} |`),
		];
		out.push(rows.join('\n'));
	}
	out.push(fill('definedAt', { line: h.line }));
	return out.join('\n\n');
}

// ---- definition and references ----------------------------------------------------------

/** A span in a repository file. */
export interface FileSpan {
	readonly file: string;
	readonly offset: number;
	readonly length: number;
}

function definitionSpan(c: Connection): FileSpan {
	return { file: CONNECTIONS_FILE, offset: c.idSpan.offset, length: c.idSpan.length };
}

/** Where the thing at a site is defined: the connection's `id` literal (or the first literal of an OAuth application). */
export function definitionsOf(project: ConnectionsProject, site: Site): FileSpan[] {
	const index = NavigationIndex.of(project);
	if (site.kind === 'oauth-app') {
		const first = index.oauthAppSites(site)[0];
		return first ? [{ file: CONNECTIONS_FILE, ...first.span }] : [];
	}
	if (site.connection) {
		return [definitionSpan(site.connection)];
	}
	// Not visible here, but defined as another component's connection: still worth jumping to.
	if (site.id) {
		return index.connectionsWithId(site.id).filter((c) => c.scope === 'component').map(definitionSpan);
	}
	return [];
}

/** Whether a reference found by ID means this very connection (component connections share IDs across components). */
function refersTo(index: NavigationIndex, r: ConnectionReference, c: Connection): boolean {
	if (r.kind === 'definition') {
		return r.offset === c.idSpan.offset;
	}
	const comp = r.componentId !== undefined
		? index.connections.componentsById.get(r.componentId)
		: r.kind === 'component-yaml' ? index.componentOfYaml(r.file) : undefined;
	return index.resolve(comp, r.connectionId) === c;
}

/** Every place that refers to the connection (or OAuth application) at a site, across connections.json, source and component.yaml. */
export function referencesOf(project: ConnectionsProject, site: Site, includeDeclaration: boolean): FileSpan[] {
	const index = NavigationIndex.of(project);
	if (site.kind === 'oauth-app') {
		return index.oauthAppSites(site).map((s) => ({ file: CONNECTIONS_FILE, ...s.span }));
	}
	const c = site.connection;
	if (!c) {
		return [];
	}
	return project.referencesTo(c.id)
		.filter((r) => (includeDeclaration || r.kind !== 'definition') && refersTo(index, r, c))
		.map((r) => ({ file: r.file, offset: r.offset, length: r.length }));
}

// ---- rename -------------------------------------------------------------------------------

/** Messages of refused navigation actions (English; the editor localises them). `{x}` take plain text. */
export const NAVIGATION_MESSAGES = {
	'syntax-errors': 'connections.json has syntax errors: fix them first, then rename. Nothing was changed.',
	'unresolved': '"{id}" is not a connection visible here, so there is nothing to rename. Fix the reference first.',
	'unresolved-variable': '{variable} matches no connection visible here, so there is nothing to rename.',
	'renamed-variable': '{variable} is a name chosen in "env", not derived from the connection ID: rename the connection at its ID instead.',
	'not-renamable': 'Only a connection ID (or an OAuth application name) can be renamed here.',
	'invalid-id': '"{id}" is not a valid connection ID: 3 to 50 characters, starting and ending with a letter or digit, with letters, digits, spaces, "_", "-" or "." inside, never two of those in a row.',
	'invalid-app': '"{id}" is not a valid OAuth application name: 3 to 50 characters, starting and ending with a letter or digit, with letters, digits, spaces, "_", "-" or "." inside, never two of those in a row.',
	'duplicate-id': 'A connection "{id}" is already visible to the components that see "{old}": pick another ID.',
	'variable-collision': '"{id}" gives the variable prefix {prefix}, which "{other}" already has: their variables would collide. Pick another ID.',
	'ambiguous': 'connections.json has a duplicate key on the way to what would change: remove the duplicate first. Nothing was changed.',
	'stale': 'The files changed while the rename was prepared. Nothing was changed; try again.',
} as const;

export type NavigationMessageCode = keyof typeof NAVIGATION_MESSAGES;

export interface Refusal {
	readonly ok: false;
	readonly code: NavigationMessageCode;
	readonly args: Readonly<Record<string, string>>;
}

function refusal(code: NavigationMessageCode, args: Record<string, string> = {}): Refusal {
	return { ok: false, code, args };
}

/** The English text of a refusal (the editor uses NAVIGATION_MESSAGES through its localisation). */
export function refusalText(r: Refusal): string {
	return formatMessage(NAVIGATION_MESSAGES[r.code], r.args);
}

export interface RenameTarget {
	readonly ok: true;
	/** The text the user renames: the ID without quotes, or the NAME part of CHOREO_<NAME>_<KEY>. */
	readonly span: Span;
	/** What the rename box starts with: the connection ID (or application name). */
	readonly placeholder: string;
}

/** Inner span of a JSON string literal (without its quotes). */
function innerJson(span: Span): Span {
	return span.length >= 2 ? { offset: span.offset + 1, length: span.length - 2 } : span;
}

/** Whether the site can be renamed, and the range to rename; refuses on syntax errors and unresolved references. */
export function prepareRename(project: ConnectionsProject, site: Site, yamlText?: string): RenameTarget | Refusal {
	if (project.parsed.hasSyntaxErrors) {
		return refusal('syntax-errors');
	}
	const c = site.connection;
	if (!c) {
		return site.kind === 'source' ? refusal('unresolved-variable', { variable: site.variable ?? '' }) : refusal('unresolved', { id: site.id });
	}
	switch (site.kind) {
		case 'definition':
		case 'use':
		case 'env-connection':
			return { ok: true, span: innerJson(site.span), placeholder: c.id };
		case 'oauth-app':
			return { ok: true, span: innerJson(site.span), placeholder: site.app ?? '' };
		case 'source': {
			const prefix = variablePrefix(c.id);
			if (site.renamed || !site.variable?.startsWith(prefix)) {
				return refusal('renamed-variable', { variable: site.variable ?? '' });
			}
			return { ok: true, span: { offset: site.span.offset + 7, length: prefix.length - 8 }, placeholder: c.id };
		}
		case 'yaml-reference':
		case 'yaml-connection':
			return { ok: true, span: yamlText !== undefined ? scalarInnerSpan(yamlText, site.span) : site.span, placeholder: c.id };
		default:
			return refusal('not-renamable');
	}
}

/** A text edit with the text it expects to replace, so a stale offset is caught before applying. */
export interface CheckedEdit extends TextEdit {
	readonly expected: string;
}

export interface RenamePlan {
	readonly ok: true;
	/** Edits by repository-relative file, each sorted by offset. */
	readonly files: ReadonlyMap<string, readonly CheckedEdit[]>;
}

/** Whether `newId` may replace `c.id`: the name rule, unique among what c's viewers see, no variable prefix collision. */
export function checkNewId(index: NavigationIndex, c: Connection, newId: string): Refusal | undefined {
	if (!isValidConnectionId(newId)) {
		return refusal('invalid-id', { id: newId });
	}
	// Who can see c: its owner, or (organization/project) every component, and the project itself.
	const viewers: (Component | undefined)[] = c.scope === 'component' ? [index.ownerOf(c)] : [undefined, ...index.model.components];
	const prefix = normaliseName(newId);
	for (const viewer of viewers) {
		for (const other of index.visible(viewer)) {
			navigationStats.visited++;
			if (other === c) {
				continue;
			}
			if (other.id === newId) {
				return refusal('duplicate-id', { id: newId, old: c.id });
			}
			if (normaliseName(other.id) === prefix) {
				return refusal('variable-collision', { id: newId, prefix: variablePrefix(newId), other: other.id });
			}
		}
		if (c.scope !== 'component' && viewer) {
			// Another component's own connection with that ID would now shadow the shared one there.
			for (const own of viewer.connections) {
				if (own !== c && own.hasId && (own.id === newId || normaliseName(own.id) === prefix)) {
					return own.id === newId
						? refusal('duplicate-id', { id: newId, old: c.id })
						: refusal('variable-collision', { id: newId, prefix: variablePrefix(newId), other: own.id });
				}
			}
		}
	}
	return undefined;
}

/**
 * Edits that rename a connection everywhere: every JSON literal of its ID in connections.json
 * (definition, `uses`, `env.*.connection`) by the smallest replacement, the `CHOREO_<NAME>_`
 * prefix of every source variable that reads it, and every component.yaml name (through
 * `renameInYamlEdits` on each file's current text from `yamlText`). Refused on syntax errors or an invalid or taken ID.
 */
export function renameEdits(
	project: ConnectionsProject,
	c: Connection,
	newId: string,
	yamlText: (file: string) => string | undefined,
): RenamePlan | Refusal {
	const parsed = project.parsed;
	if (parsed.hasSyntaxErrors) {
		return refusal('syntax-errors');
	}
	const index = NavigationIndex.of(project);
	if (newId === c.id) {
		return { ok: true, files: new Map() };
	}
	const bad = checkNewId(index, c, newId);
	if (bad) {
		return bad;
	}
	const files = new Map<string, CheckedEdit[]>();
	const push = (file: string, e: CheckedEdit) => {
		const list = files.get(file);
		if (list) {
			list.push(e);
		} else {
			files.set(file, [e]);
		}
	};
	const literal = JSON.stringify(newId);
	const json: { span: Span; path: JSONPath }[] = [{ span: c.idSpan, path: [...c.path, 'id'] }];
	for (const comp of index.model.components) {
		for (const u of comp.uses) {
			if (u.id === c.id && index.resolve(comp, u.id) === c) {
				json.push({ span: u.span, path: [...comp.path, 'uses', u.index] });
			}
		}
		for (const e of comp.env) {
			if (e.connection?.value === c.id && index.resolve(comp, c.id) === c) {
				json.push({ span: e.connection.span, path: [...comp.path, 'env', e.variable, 'connection'] });
			}
		}
	}
	for (const { span, path } of json) {
		const r = replaceSpan(parsed, span, literal, path);
		if (!r.ok) {
			return refusal(r.reason === 'ambiguous' ? 'ambiguous' : 'syntax-errors');
		}
		push(CONNECTIONS_FILE, { ...r.edits[0], expected: parsed.text.slice(span.offset, span.offset + span.length) });
	}
	const oldPrefix = variablePrefix(c.id);
	const newPrefix = variablePrefix(newId);
	const yamlFiles = new Set<string>();
	for (const r of project.referencesTo(c.id)) {
		if (r.kind === 'component-yaml') {
			if (refersTo(index, r, c)) {
				yamlFiles.add(r.file);
			}
		} else if (r.kind === 'source' && oldPrefix !== newPrefix && r.variable?.startsWith(oldPrefix) && refersTo(index, r, c)) {
			// A renamed variable (from `env`) resolves here too but does not start with the prefix: it keeps its name.
			push(r.file, { offset: r.offset, length: oldPrefix.length, newText: newPrefix, expected: oldPrefix });
		}
	}
	for (const file of yamlFiles) {
		const text = yamlText(file);
		if (text === undefined) {
			continue;
		}
		for (const e of renameInYamlEdits(text, c.id, newId)) {
			push(file, { ...e, expected: text.slice(e.offset, e.offset + e.length) });
		}
	}
	for (const list of files.values()) {
		list.sort((a, b) => a.offset - b.offset);
	}
	return { ok: true, files };
}

/** Edits that rename an OAuth application in its sharing group (organization, project or one component). */
export function renameOAuthAppEdits(project: ConnectionsProject, site: Site, newName: string): RenamePlan | Refusal {
	const parsed = project.parsed;
	if (parsed.hasSyntaxErrors) {
		return refusal('syntax-errors');
	}
	if (!isValidConnectionId(newName)) {
		return refusal('invalid-app', { id: newName });
	}
	const edits: CheckedEdit[] = [];
	for (const s of NavigationIndex.of(project).oauthAppSites(site)) {
		const r = replaceSpan(parsed, s.span, JSON.stringify(newName), [...s.connection!.path, 'security', 'oauthApp']);
		if (!r.ok) {
			return refusal(r.reason === 'ambiguous' ? 'ambiguous' : 'syntax-errors');
		}
		edits.push({ ...r.edits[0], expected: parsed.text.slice(s.span.offset, s.span.offset + s.span.length) });
	}
	return { ok: true, files: new Map([[CONNECTIONS_FILE, edits]]) };
}

// ---- completion -----------------------------------------------------------------------------

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
	for (const e of component.env) {
		if (e.connection && e.key) {
			renamed.set(variableName(e.connection.value, e.key.value), e.variable);
		}
	}
	const out: CompletionCandidate[] = [];
	for (const c of index.visible(component)) {
		// Declared connections first (own connections are declared implicitly), then the rest.
		const rank = c.scope === 'component' || used.has(c.id) ? '0' : '1';
		for (const key of keysOf(c)) {
			const name = variableName(c.id, key);
			const rename = renamed.get(name);
			const label = rename ?? name;
			out.push({
				label,
				insertText: label,
				filterText: label,
				kind: rename !== undefined ? 'renamed-variable' : 'variable',
				detail: `${c.id} · ${key} · ${scopeLabel(c)}`,
				sortText: `${rank}${label}`,
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
		const items = keysOf(c).map((key, i) => jsonCandidate(key, 'key', `${c.id} · ${variableName(c.id, key)}`, String(i).padStart(4, '0'), { connection: c, component, key }));
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

/** Where in a component.yaml a name or key is being typed: the scalar's span and what it names. */
export interface YamlCompletionContext {
	readonly what: 'reference-name' | 'connection-ref-name' | 'connection-ref-key';
	readonly span: Span;
	/** The value follows the colon directly: insert a space first. */
	readonly needsSpace: boolean;
	/** For a key: the connection named beside it. */
	readonly connection?: string;
}

const YAML_LINE = /^([ \t]*)(-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]*)(.*)$/;

interface YamlLine {
	readonly start: number;
	readonly indent: number;
	readonly key?: string;
	/** Offset of the value text (after `key: `), and the value without a trailing comment. */
	readonly valueStart: number;
	readonly value: string;
}

function yamlLines(text: string): YamlLine[] {
	const out: YamlLine[] = [];
	let start = 0;
	while (start <= text.length) {
		let end = text.indexOf('\n', start);
		if (end < 0) {
			end = text.length;
		}
		const raw = text.slice(start, end).replace(/\r$/, '');
		const m = YAML_LINE.exec(raw);
		if (m) {
			const indent = m[1].length + (m[2] ? m[2].length : 0);
			const valueStart = start + raw.length - m[4].length;
			const value = m[4].replace(/[ \t]+#.*$/, '');
			out.push({ start, indent, key: m[3], valueStart, value });
		} else {
			const trimmed = raw.trimStart();
			out.push({ start, indent: raw.length - trimmed.length + (trimmed.startsWith('- ') ? 2 : 0), valueStart: start, value: '' });
		}
		if (end === text.length) {
			break;
		}
		start = end + 1;
	}
	return out;
}

/** The keys enclosing a line (nearest first), by indentation. */
function yamlParents(lines: YamlLine[], i: number): string[] {
	const out: string[] = [];
	let indent = lines[i].indent;
	for (let j = i - 1; j >= 0 && indent > 0; j--) {
		const l = lines[j];
		if (l.key !== undefined && l.indent < indent) {
			out.push(l.key);
			indent = l.indent;
		}
	}
	return out;
}

/** The completion context at an offset of a component.yaml (a line-based reading: the file may not parse while typed). */
export function yamlCompletionContext(text: string, offset: number): YamlCompletionContext | undefined {
	const lines = yamlLines(text);
	let i = lines.length - 1;
	while (i > 0 && lines[i].start > offset) {
		i--;
	}
	const line = lines[i];
	if (line.key === undefined || offset < line.valueStart || offset > line.valueStart + line.value.length) {
		return undefined;
	}
	const span = { offset: line.valueStart, length: line.value.length };
	// `name:|` with no space yet: the value needs one before it.
	const needsSpace = text.charCodeAt(line.valueStart - 1) === 58 /* : */;
	const parents = yamlParents(lines, i);
	if (line.key === 'name' && parents[0] === 'connectionReferences') {
		return { what: 'reference-name', span, needsSpace };
	}
	if (line.key === 'name' && parents[0] === 'connectionRef') {
		return { what: 'connection-ref-name', span, needsSpace };
	}
	if (line.key === 'key' && parents[0] === 'connectionRef') {
		// The sibling `name:` at the same indentation under the same connectionRef.
		let connection: string | undefined;
		for (let j = i - 1; connection === undefined && j >= 0 && lines[j].indent >= line.indent; j--) {
			if (lines[j].indent === line.indent && lines[j].key === 'name') {
				connection = lines[j].value;
			}
		}
		for (let j = i + 1; connection === undefined && j < lines.length && lines[j].indent >= line.indent; j++) {
			if (lines[j].indent === line.indent && lines[j].key === 'name') {
				connection = lines[j].value;
			}
		}
		return { what: 'connection-ref-key', span, needsSpace, connection: connection?.replace(/^(["'])(.*)\1$/, '$2') };
	}
	return undefined;
}

/** A name as a YAML scalar: plain when it reads back as the same string, else double-quoted. */
function yamlScalarText(name: string): string {
	return /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/.test(name) && !/ $/.test(name) && !/^(?:true|false|null|yes|no|on|off|~|[-+]?[0-9][0-9._]*)$/i.test(name) ? name : JSON.stringify(name);
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
		const items = c ? keysOf(c).map((key, i) => plain(key, 'key', `${c.id} · ${variableName(c.id, key)}`, String(i).padStart(4, '0'), { connection: c, component, key })) : [];
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

// ---- outline ------------------------------------------------------------------------------------

export type OutlineKind = 'organization' | 'project' | 'component' | 'service' | 'third-party' | 'database' | 'connection';

export interface OutlineNode {
	readonly name: string;
	readonly detail: string;
	readonly kind: OutlineKind;
	/** The whole object. */
	readonly span: Span;
	/** The ID literal (inside `span`). */
	readonly selectionSpan: Span;
	readonly children: readonly OutlineNode[];
}

function connectionNode(c: Connection): OutlineNode {
	const kind = kindOf(c);
	return {
		name: c.hasId ? c.id : '(no id)',
		detail: [kind ?? c.kind?.value, c.name?.value].filter((s) => s !== undefined).join(' · '),
		kind: kind ?? 'connection',
		span: c.span,
		selectionSpan: c.hasId ? c.idSpan : { offset: c.span.offset, length: 0 },
		children: [],
	};
}

/** The outline of connections.json: Organization → connections; Project → connections and Components → their connections. */
export function outline(model: ConnectionsModel): OutlineNode[] {
	const out: OutlineNode[] = [];
	const org = model.organization;
	if (org) {
		out.push({
			name: org.id?.value ?? 'organization',
			detail: 'organization',
			kind: 'organization',
			span: org.span,
			selectionSpan: org.id?.span ?? { offset: org.span.offset, length: 0 },
			children: org.connections.map(connectionNode),
		});
	}
	const project = model.project;
	if (project) {
		out.push({
			name: project.id?.value ?? 'project',
			detail: 'project',
			kind: 'project',
			span: project.span,
			selectionSpan: project.id?.span ?? { offset: project.span.offset, length: 0 },
			children: [
				...project.connections.map(connectionNode),
				...project.components.map((comp): OutlineNode => ({
					name: comp.hasId ? comp.id : '(no id)',
					detail: ['component', comp.type?.value].filter((s) => s !== undefined).join(' · '),
					kind: 'component',
					span: comp.span,
					selectionSpan: comp.hasId ? comp.idSpan : { offset: comp.span.offset, length: 0 },
					children: comp.connections.map(connectionNode),
				})),
			],
		});
	}
	return out;
}
