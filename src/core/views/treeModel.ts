// The Connections tree as plain data: one repository's nodes (organization, project,
// components, connections) with labels, descriptions, problem state and usage counts,
// built from a ConnectionsProject. The vscode layer only maps these to TreeItems.
import type { Component, Connection, InjectedRename, Scope, Span, Use } from '../model/model';
import { variableName } from '../model/naming';
import type { Problem } from '../findings/problems';
import { viewMessage, viewMessageText, type Say, type ViewMessageCode } from '../findings/messages';
import type { ConnectionsProject } from '../analysis/project';
import { isSecretKey, keysOf, kindOf, visibleConnections, whyNotVisible, type ConnectionIndex } from '../model/scope';
import { escapeMarkdown, truncate } from '../text/markdown';

export type TreeNodeKind = 'organization' | 'project' | 'components' | 'component' | 'connection' | 'stale';

/** What an item of the Connections view stands for; its `contextValue` (the menus' `viewItem`) follows from it. */
export type TreeRole =
	| 'repository' | 'stale' | 'organization' | 'project' | 'components' | 'component'
	| 'organization-connection' | 'project-connection' | 'component-connection' | 'used-connection';

export const TREE_ROLES: readonly TreeRole[] = [
	'repository', 'stale', 'organization', 'project', 'components', 'component',
	'organization-connection', 'project-connection', 'component-connection', 'used-connection',
];

/** The roles whose items have actions in package.json's `view/item/context` menus. */
export const ROLES_WITH_ACTIONS: ReadonlySet<TreeRole> = new Set<TreeRole>([
	'organization', 'project', 'component', 'organization-connection', 'project-connection', 'component-connection', 'used-connection',
]);

/** The role of a connection defined at a scope. */
export function definedConnectionRole(scope: Scope): TreeRole {
	return `${scope}-connection`;
}

/** Whether a role is a connection defined here (not a `uses` entry): it can be edited, renamed, moved, deleted. */
export function isDefinedConnection(role: TreeRole): boolean {
	return role === 'organization-connection' || role === 'project-connection' || role === 'component-connection';
}

/** The `contextValue` of an item with a role: what the `viewItem` clauses of package.json's menus match. */
export function contextValueOf(role: TreeRole): string {
	switch (role) {
		case 'organization': return 'scope.organization';
		case 'project': return 'scope.project';
		case 'organization-connection': return 'connection.defined.organization';
		case 'project-connection': return 'connection.defined.project';
		case 'component-connection': return 'connection.defined.component';
		case 'used-connection': return 'connection.used';
		default: return role;
	}
}

/** Errors and warnings found inside a node's span (hints and infos are not counted). */
export interface ProblemCount {
	readonly errors: number;
	readonly warnings: number;
}

export interface TreeNode {
	readonly kind: TreeNodeKind;
	/** Unique and stable within one repository: scope, component and connection IDs, never positions. */
	readonly key: string;
	readonly label: string;
	readonly description: string;
	/** What the node stands for; `contextValueOf(role)` is what package.json's menus match. */
	readonly role: TreeRole;
	/** Codicon name. */
	readonly icon: string;
	readonly children: readonly TreeNode[];
	readonly problems: ProblemCount;
	/** Connection nodes: the definition (for a used connection, the one the component sees; absent when none). */
	readonly connection?: Connection;
	/** The ID a connection node stands for (also when a `uses` entry names nothing). */
	readonly connectionId?: string;
	/** Used-connection nodes: the `uses` entry. */
	readonly use?: Use;
	/** Component nodes, and connection nodes under a component. */
	readonly component?: Component;
	/** Scope nodes: the scope; connection nodes: the definition's scope. */
	readonly scope?: Scope;
	/** Connection nodes: source and component.yaml references (for a used connection: that component's). */
	readonly refs?: number;
	/** Set by buildTree after construction. */
	parent?: TreeNode;
}

export const NO_PROBLEMS: ProblemCount = { errors: 0, warnings: 0 };

/** Longest label and description shown before truncation. */
export const MAX_LABEL = 60;
export const MAX_DESCRIPTION = 90;

/** Codicon of a connection by kind. */
export function kindIcon(kind: string | undefined): string {
	switch (kind) {
		case 'service': return 'plug';
		case 'third-party': return 'globe';
		case 'database': return 'database';
		default: return 'question';
	}
}

/** A count in words: `1 connection`, `2 connections` (the codes of the one and of the many). */
function plural(say: Say, count: number, one: ViewMessageCode, many: ViewMessageCode): string {
	return say(viewMessage(count === 1 ? one : many, { count }));
}

/** "2 errors, 1 warning" (empty when there are none). */
export function problemText(p: ProblemCount, say: Say = viewMessageText): string {
	const parts: string[] = [];
	if (p.errors) {
		parts.push(plural(say, p.errors, 'tree-error-count-one', 'tree-error-count'));
	}
	if (p.warnings) {
		parts.push(plural(say, p.warnings, 'tree-warning-count-one', 'tree-warning-count'));
	}
	return parts.join(', ');
}

/** `service · project · organization access · oauth2`: kind, scope, and for services the access mode and security scheme. */
export function connectionSummary(c: Connection, say: Say = viewMessageText): string {
	const parts = [c.kind?.value ?? say(viewMessage('tree-unknown-kind')), c.scope];
	if (kindOf(c) === 'service') {
		if (c.access) {
			parts.push(say(viewMessage('tree-access-mode', { access: c.access.value })));
		}
		if (c.security?.scheme) {
			parts.push(c.security.scheme.value);
		}
	}
	return parts.join(' · ');
}

/** Finds, for each problem, the innermost of a set of non-overlapping spans that contains it. */
class SpanCounter<T> {
	private readonly sorted: { span: Span; item: T }[];
	readonly counts = new Map<T, { errors: number; warnings: number }>();

	constructor(items: Iterable<{ span: Span; item: T }>) {
		this.sorted = [...items].sort((a, b) => a.span.offset - b.span.offset);
	}

	add(p: Problem): void {
		if (p.severity !== 'error' && p.severity !== 'warning') {
			return;
		}
		let lo = 0;
		let hi = this.sorted.length - 1;
		let found = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (this.sorted[mid].span.offset <= p.offset) {
				found = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		if (found < 0) {
			return;
		}
		const { span, item } = this.sorted[found];
		if (p.offset + p.length <= span.offset + span.length) {
			const c = this.counts.get(item) ?? { errors: 0, warnings: 0 };
			if (p.severity === 'error') {
				c.errors++;
			} else {
				c.warnings++;
			}
			this.counts.set(item, c);
		}
	}

	get(item: T): ProblemCount {
		return this.counts.get(item) ?? NO_PROBLEMS;
	}
}

/** Reference counts from component source and component.yaml, per defining connection and per (component, connection). */
export interface UsageCounts {
	readonly byConnection: ReadonlyMap<Connection, number>;
	/** `componentId` → connection → count. */
	readonly byComponent: ReadonlyMap<string, ReadonlyMap<Connection, number>>;
}

/**
 * Counts the source and component.yaml references of every connection in one pass. A reference
 * counts for the connection that its component sees under that ID (its own first), exactly as
 * `ConnectionsProject.referencesTo` lists them, but without one scan of all sources per connection.
 */
export function usageCounts(project: ConnectionsProject): UsageCounts {
	const byConnection = new Map<Connection, number>();
	const byComponent = new Map<string, Map<Connection, number>>();
	const bump = (c: Connection, componentId: string | undefined) => {
		byConnection.set(c, (byConnection.get(c) ?? 0) + 1);
		if (componentId !== undefined) {
			let m = byComponent.get(componentId);
			if (!m) {
				byComponent.set(componentId, m = new Map());
			}
			m.set(c, (m.get(c) ?? 0) + 1);
		}
	};
	if (project.parsed.hasSyntaxErrors) {
		return { byConnection, byComponent };
	}
	for (const file of project.sourceFiles()) {
		for (const r of project.readsOf(file)) {
			if (r.connection) {
				bump(r.connection, r.component.id);
			}
		}
	}
	const index = project.index;
	for (const file of project.componentYamlFiles()) {
		const yaml = project.componentYaml(file);
		const component = project.componentOfYaml(file);
		if (!yaml) {
			continue;
		}
		const visible = component ? visibleConnections(index, component) : undefined;
		const resolve = (id: string) => visible?.get(id) ?? (component ? undefined : index.shared.get(id));
		for (const ref of yaml.connectionReferences) {
			const c = resolve(ref.name);
			if (c) {
				bump(c, component?.id);
			}
		}
		for (const ref of yaml.envConnectionRefs) {
			const c = resolve(ref.connection);
			if (c) {
				bump(c, component?.id);
			}
		}
	}
	return { byConnection, byComponent };
}

/** The components that use a connection: listed in `uses`, or (component scope) its owner. */
export function usersOf(index: ConnectionIndex, c: Connection): Component[] {
	if (c.scope === 'component') {
		const owner = index.model.components[c.componentIndex ?? -1];
		return owner ? [owner] : [];
	}
	return index.model.components.filter((comp) => comp.uses.some((u) => u.id === c.id) && visibleConnections(index, comp).get(c.id) === c);
}

function refsText(n: number, say: Say): string {
	return plural(say, n, 'tree-ref-count-one', 'tree-ref-count');
}

function joinDescription(parts: (string | undefined)[]): string {
	return truncate(parts.filter((p): p is string => !!p).join(' · '), MAX_DESCRIPTION);
}

export interface BuildTreeOptions {
	/** Findings of connections.json (from `project.analyze()`); none when validation is off. */
	readonly problems?: readonly Problem[];
	/** Show reference counts (only meaningful once the sources are indexed). */
	readonly showRefs?: boolean;
	/** Words for the catalogue's messages (English unless the editor localises them). */
	readonly say?: Say;
}

/**
 * The children of one repository's root: the organization node, the project node (with its
 * connections and a "Components" group). Nodes get their `parent` set; keys are stable across edits.
 */
export function buildTree(project: ConnectionsProject, options: BuildTreeOptions = {}): TreeNode[] {
	const model = project.index.model;
	const index = project.index;
	const showRefs = options.showRefs ?? true;
	const say = options.say ?? viewMessageText;
	const t = (code: ViewMessageCode, args?: Record<string, string | number>) => say(viewMessage(code, args));
	const noId = t('tree-no-id');
	const connCounter = new SpanCounter<Connection>(model.allConnections.map((c) => ({ span: c.span, item: c })));
	const useCounter = new SpanCounter<Use>(model.components.flatMap((comp) => comp.uses.map((u) => ({ span: u.span, item: u }))));
	for (const p of options.problems ?? []) {
		connCounter.add(p);
		useCounter.add(p);
	}
	const usage = showRefs ? usageCounts(project) : undefined;
	const seenKeys = new Map<string, number>();
	const uniqueKey = (key: string) => {
		const n = seenKeys.get(key) ?? 0;
		seenKeys.set(key, n + 1);
		return n ? `${key}#${n + 1}` : key;
	};
	const idPart = (c: Connection) => (c.hasId ? c.id : `<no id ${c.path.join('.')}>`);

	const definedNode = (c: Connection, keyBase: string): TreeNode => {
		const problems = connCounter.get(c);
		const refs = usage?.byConnection.get(c) ?? 0;
		return {
			kind: 'connection',
			key: uniqueKey(`${keyBase}/c:${idPart(c)}`),
			label: truncate(c.hasId ? c.id : noId, MAX_LABEL),
			description: joinDescription([connectionSummary(c, say), usage ? refsText(refs, say) : undefined, problemText(problems, say) || undefined]),
			role: definedConnectionRole(c.scope),
			icon: kindIcon(c.kind?.value),
			children: [],
			problems,
			connection: c,
			connectionId: c.id,
			scope: c.scope,
			component: c.scope === 'component' ? model.components[c.componentIndex ?? -1] : undefined,
			refs: usage ? refs : undefined,
		};
	};

	const out: TreeNode[] = [];
	if (model.organization) {
		const children = model.organization.connections.map((c) => definedNode(c, 'org'));
		out.push({
			kind: 'organization',
			key: 'org',
			label: truncate(model.organization.id?.value ?? noId, MAX_LABEL),
			description: joinDescription(['organization', plural(say, children.length, 'tree-connection-count-one', 'tree-connection-count')]),
			role: 'organization',
			icon: 'organization',
			children,
			problems: NO_PROBLEMS,
			scope: 'organization',
		});
	}
	if (model.project) {
		const children: TreeNode[] = model.project.connections.map((c) => definedNode(c, 'project'));
		const components = model.project.components.map((comp): TreeNode => {
			const base = `component:${comp.hasId ? comp.id : `<no id ${comp.index}>`}`;
			const visible = visibleConnections(index, comp);
			const compUsage = usage?.byComponent.get(comp.id);
			const own = comp.connections.map((c) => definedNode(c, base));
			const used = comp.uses.map((u): TreeNode => {
				const c = visible.get(u.id);
				const shared = c && c.scope !== 'component' ? c : undefined;
				const problems = useCounter.get(u);
				const refs = shared ? compUsage?.get(shared) ?? 0 : 0;
				const why = c ? undefined : whyNotVisible(index, u.id);
				const state = shared ? connectionSummary(shared, say)
					: c ? t('tree-own-connection')
					: why?.reason === 'other-component' ? t('tree-not-visible', { owners: why.owners.map((o) => o.componentId).join(', ') })
					: t('tree-not-defined');
				return {
					kind: 'connection',
					key: uniqueKey(`${base}/use:${u.id}`),
					label: truncate(u.id, MAX_LABEL),
					description: joinDescription([state, t('tree-used'), shared && usage ? refsText(refs, say) : undefined, problemText(problems, say) || undefined]),
					role: 'used-connection',
					icon: kindIcon(shared?.kind?.value),
					children: [],
					problems,
					connection: shared,
					connectionId: u.id,
					use: u,
					component: comp,
					scope: shared?.scope,
					refs: shared && usage ? refs : undefined,
				};
			});
			const compChildren = [...own, ...used];
			return {
				kind: 'component',
				key: uniqueKey(base),
				label: truncate(comp.hasId ? comp.id : noId, MAX_LABEL),
				description: joinDescription([comp.type?.value, comp.sourcePath ? comp.sourcePath.value || '.' : undefined]),
				role: 'component',
				icon: 'package',
				children: compChildren,
				problems: sumProblems(compChildren),
				component: comp,
				scope: 'component',
			};
		});
		if (components.length) {
			children.push({
				kind: 'components',
				key: 'components',
				label: t('tree-components'),
				description: plural(say, components.length, 'tree-component-count-one', 'tree-component-count'),
				role: 'components',
				icon: 'layers',
				children: components,
				problems: sumProblems(components),
			});
		}
		out.push({
			kind: 'project',
			key: 'project',
			label: truncate(model.project.id?.value ?? noId, MAX_LABEL),
			description: joinDescription(['project', plural(say, model.project.connections.length, 'tree-connection-count-one', 'tree-connection-count')]),
			role: 'project',
			icon: 'project',
			children,
			problems: NO_PROBLEMS,
			scope: 'project',
		});
	}
	const link = (nodes: readonly TreeNode[], parent: TreeNode | undefined) => {
		for (const n of nodes) {
			n.parent = parent;
			link(n.children, n);
		}
	};
	link(out, undefined);
	return out;
}

function sumProblems(nodes: readonly TreeNode[]): ProblemCount {
	let errors = 0;
	let warnings = 0;
	for (const n of nodes) {
		errors += n.problems.errors;
		warnings += n.problems.warnings;
	}
	return { errors, warnings };
}

/** Every node of a tree, depth first. */
export function* walkTree(nodes: readonly TreeNode[]): IterableIterator<TreeNode> {
	for (const n of nodes) {
		yield n;
		yield* walkTree(n.children);
	}
}

/** What is known of a secret parameter's stored value: never the value itself. */
export type SecretState = 'set' | 'not set' | 'unknown';

export interface TooltipOptions {
	/** Whether a secret key has a stored value; `unknown` when it was not (or may not be) checked. */
	readonly secretState?: (key: string) => SecretState;
	/** Set / not set per environment (core/secrets/environments.ts secretStatesOf); wins over `secretState` when it gives one with an environment. */
	readonly secretStates?: (key: string) => readonly { readonly environment?: string; readonly set: boolean }[] | undefined;
	readonly refs?: number;
	readonly problems?: ProblemCount;
	/** The renames the platform applies in the component under which the connection is shown (ConnectionsProject.injectedRenames). */
	readonly renames?: readonly InjectedRename[];
	/** Words for the catalogue's messages (English unless the editor localises them). */
	readonly say?: Say;
}

function valueText(v: string | number | boolean): string {
	return truncate(typeof v === 'string' ? JSON.stringify(v) : String(v), 120);
}

/**
 * Markdown for a connection's tooltip: scope, kind, target, access, security and OAuth
 * application, the components using it, its variable names and its parameters. Every piece of
 * workspace text is escaped; for a secret key only whether a value is stored is said (S2).
 */
export function connectionTooltip(index: ConnectionIndex, c: Connection, options: TooltipOptions = {}): string {
	const e = escapeMarkdown;
	const say = options.say ?? viewMessageText;
	const t = (code: ViewMessageCode, args?: Record<string, string | number>) => say(viewMessage(code, args));
	const notSet = t('tree-not-set');
	const lines: string[] = [];
	const title = c.name ? `**${e(truncate(c.id, 200))}** — ${e(truncate(c.name.value, 200))}` : `**${e(truncate(c.id || t('tree-no-id'), 200))}**`;
	lines.push(title, '');
	if (c.description) {
		lines.push(e(truncate(c.description.value, 500)), '');
	}
	const row = (name: ViewMessageCode, value: string) => lines.push(t('tree-row', { name: t(name), value }));
	row('tree-row-scope', c.scope === 'component' ? t('tree-of-component', { scope: c.scope, component: e(c.componentId ?? '') }) : c.scope);
	row('tree-row-kind', c.kind ? e(truncate(c.kind.value, 60)) : notSet);
	row('tree-row-target', c.target ? e(truncate(c.target.value, 200)) : notSet);
	if (kindOf(c) === 'service' || c.access || c.security) {
		row('tree-row-access', c.access ? e(truncate(c.access.value, 60)) : notSet);
		row('tree-row-security', c.security?.scheme ? e(truncate(c.security.scheme.value, 60)) : notSet);
		if (c.security?.scheme?.value === 'oauth2' || c.security?.oauthApp) {
			const app = c.security?.oauthApp
				? e(truncate(c.security.oauthApp.value, 100))
				: t(c.scope === 'project' ? 'tree-project-app' : 'tree-own-app');
			row('tree-row-oauth-app', app);
		}
	}
	const users = usersOf(index, c).map((comp) => e(truncate(comp.id, 60)));
	row('tree-row-used-by', users.length ? users.join(', ') : t('tree-no-component'));
	if (options.refs !== undefined) {
		row('tree-row-references', String(options.refs));
	}
	if (options.problems && (options.problems.errors || options.problems.warnings)) {
		row('tree-row-problems', problemText(options.problems, say));
	}
	lines.push('', t('tree-variables'), '');
	for (const key of keysOf(c)) {
		const rename = options.renames?.find((r) => r.connection === c.id && r.key === key);
		const name = rename ? t('tree-renamed-from', { variable: e(rename.variable), original: e(variableName(c.id, key)) }) : e(variableName(c.id, key));
		lines.push(`- ${name}`);
	}
	lines.push('', t('tree-parameters'), '');
	const keys = keysOf(c);
	if (!keys.length) {
		lines.push(`- ${t('tree-none')}`);
	}
	for (const key of keys) {
		const p = c.parameters.find((x) => x.key === key);
		let value: string;
		if (isSecretKey(c, key)) {
			// Never the value, not even when the file (wrongly) holds one in plain text.
			const states = options.secretStates?.(key);
			const state = states?.length === 1 && states[0].environment === undefined ? (states[0].set ? 'set' : 'not set') : options.secretState?.(key) ?? 'unknown';
			value = states?.length && states.some((s) => s.environment !== undefined)
				? t('tree-secret-per-environment', { states: states.map((s) => t(s.set ? 'tree-secret-env-set' : 'tree-secret-env-not-set', { environment: e(truncate(s.environment ?? '', 40)) })).join(', ') })
				: t(state === 'unknown' ? 'tree-secret' : state === 'set' ? 'tree-secret-set' : 'tree-secret-not-set');
		} else if (!p) {
			value = notSet;
		} else if (p.value.type === 'plain') {
			value = e(valueText(p.value.value));
		} else if (p.value.type === 'per-environment') {
			value = [...p.value.values].map(([env, v]) => `${e(truncate(env, 40))} = ${e(valueText(v.value))}`).join(', ') || notSet;
		} else {
			value = t('tree-invalid-value');
		}
		lines.push(`- ${e(truncate(key, 60))}: ${value}`);
	}
	return lines.join('\n');
}

/** Markdown for a component's tooltip. */
export function componentTooltip(c: Component, say: Say = viewMessageText): string {
	const e = escapeMarkdown;
	const t = (code: ViewMessageCode, args?: Record<string, string | number>) => say(viewMessage(code, args));
	const notSet = t('tree-not-set');
	const row = (name: ViewMessageCode, value: string) => t('tree-row', { name: t(name), value });
	return [
		`**${e(truncate(c.id || t('tree-no-id'), 200))}**`,
		'',
		row('tree-row-type', c.type ? e(truncate(c.type.value, 60)) : notSet),
		row('tree-row-source-folder', c.sourcePath ? e(truncate(c.sourcePath.value || '.', 200)) : notSet),
		row('tree-row-own-connections', c.connections.length ? c.connections.map((x) => e(truncate(x.id, 60))).join(', ') : t('tree-none')),
		row('tree-row-uses', c.uses.length ? c.uses.map((u) => e(truncate(u.id, 60))).join(', ') : t('tree-nothing')),
	].join('\n');
}

/** Totals of findings over files, for the Validate Workspace summary and the view's badge. */
export interface FindingSummary {
	readonly errors: number;
	readonly warnings: number;
	/** Files with at least one error or warning. */
	readonly files: number;
}

export function summarizeFindings(results: Iterable<readonly Problem[]>): FindingSummary {
	let errors = 0;
	let warnings = 0;
	let files = 0;
	for (const list of results) {
		let counted = false;
		for (const p of list) {
			if (p.severity === 'error') {
				errors++;
			} else if (p.severity === 'warning') {
				warnings++;
			} else {
				continue;
			}
			if (!counted) {
				files++;
				counted = true;
			}
		}
	}
	return { errors, warnings, files };
}
