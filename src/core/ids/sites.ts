// Where connection IDs are written, editor-free: the sites of connections.json (definitions,
// `uses`, `env` renames, OAuth application names), of component source (env reads) and of
// component.yaml, and the NavigationIndex every language feature on IDs looks them up in.
// Imports the model, the project analysis and the platform's files; no other file of ids/.
//
// Lookups go through a NavigationIndex built once per parse of connections.json (cached by the
// parsed object's identity): sorted sites for binary search and maps by ID, so a hover or a
// definition costs O(log n) in the number of connections, not O(n).
import type { ComponentYaml } from '../platform/componentYaml';
import type { Component, Connection, ConnectionsModel, Span } from '../model/model';
import type { ParsedConnectionsFile } from '../json/parse';
import { CONNECTIONS_FILE, type ConnectionsProject } from '../analysis/project';
import type { EnvRead } from '../source/envReads';
import { visibleConnections, type ConnectionIndex } from '../model/scope';
import { LineIndex } from '../text/text';

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

/** A span in a repository file. */
export interface FileSpan {
	readonly file: string;
	readonly offset: number;
	readonly length: number;
}
