// The Connections view: one root per repository, then organization, project, components
// and their connections (built by src/core/treeModel.ts). Follows every model update, keeps
// the last valid tree while connections.json has syntax errors, and moves connections
// between scopes by drag and drop.
import * as vscode from 'vscode';
import type { ScopeTarget } from '../core/edits/connectionEdits';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { isSecretKey, keysOf } from '../core/model/scope';
import { secretStatesOf } from '../core/secrets/environments';
import {
	buildTree, componentTooltip, connectionTooltip, contextValueOf, isDefinedConnection, summarizeFindings, type TreeNode,
} from '../core/views/treeModel';
import type { ConnectionIndex } from '../core/model/scope';
import type { Problem } from '../core/findings/problems';
import type { ConnectionsApi } from './api';
import { CommandId, ViewId } from './commandIds';
import {
	folderName, moveConnectionTo, repositoryOfElement, repositoryPath, resolveConnection, setTreeSelectionSource, type ConnectionSelector,
} from './connectionActions';
import { localize } from './convert';
import { Disposable, whenDefined } from './dispose';
import { TreeElement } from './treeElement';
import type { Services } from './services';
import type { Repository, WorkspaceModel } from './workspaceModel';

/** The mime type VS Code gives this view's own drags. */
export const TREE_MIME = `application/vnd.code.tree.${ViewId.Explorer.toLowerCase()}`;

interface RepoState {
	root: TreeElement;
	/** The core nodes shown (the last valid ones while the file does not parse). */
	nodes: TreeNode[];
	/** The index the nodes were built from (the last one that parsed). */
	index?: ConnectionIndex;
	stale: boolean;
	errors: number;
}

function validationEnabled(repo: Repository): boolean {
	return vscode.workspace.getConfiguration('connections', repo.folder).get<boolean>('validation.enabled', true);
}

export class ConnectionsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeElement>, vscode.TreeDragAndDropController<TreeElement> {
	readonly dragMimeTypes = [TREE_MIME];
	readonly dropMimeTypes = [TREE_MIME];
	private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<TreeElement | undefined>());
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private readonly _onDidChangeErrors = this._register(new vscode.EventEmitter<number>());
	/** Fires with the number of errors in all repositories after each rebuild. */
	readonly onDidChangeErrors = this._onDidChangeErrors.event;
	private readonly states = new Map<string, RepoState>();
	/** Every element shown, by ID. */
	private readonly elements = new Map<string, TreeElement>();

	private readonly model: WorkspaceModel;

	constructor(private readonly services: Services) {
		super();
		const model = this.model = services.model;
		this._register(model.onDidUpdate((repo) => this.rebuild(repo)));
		this._register(model.onDidChangeRepositories(() => this.syncRepositories()));
		this._register(vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('connections.validation.enabled')) {
				model.repositories().forEach((r) => this.rebuild(r, false));
				this.changed();
			}
		}));
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed()));
		// A value set or cleared: the items are asked again, so that their tooltips say set / not set anew.
		this._register(services.secrets.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
		model.repositories().forEach((r) => this.rebuild(r, false));
	}

	/** Total errors in every repository (for the view's badge). */
	get errorCount(): number {
		let n = 0;
		for (const s of this.states.values()) {
			n += s.errors;
		}
		return n;
	}

	private syncRepositories(): void {
		const live = new Set(this.model.repositories().map((r) => r.folder.toString()));
		for (const key of [...this.states.keys()]) {
			if (!live.has(key)) {
				this.states.delete(key);
				for (const [id, el] of this.elements) {
					if (el.repoKey === key) {
						this.elements.delete(id);
					}
				}
			}
		}
		for (const r of this.model.repositories()) {
			if (!this.states.has(r.folder.toString())) {
				this.rebuild(r, false);
			}
		}
		this.changed();
	}

	private changed(): void {
		this._onDidChangeTreeData.fire(undefined);
		this._onDidChangeErrors.fire(this.errorCount);
	}

	/** The element for an ID: the one shown before when there was one (updated in place), else a new one. */
	private element(live: Map<string, TreeElement>, repoKey: string, id: string, type: TreeElement['type'], node: TreeNode | undefined, parent: TreeElement | undefined): TreeElement {
		let el = this.elements.get(id);
		if (!el || el.type !== type || live.has(id)) {
			el = new TreeElement(repoKey, id, type, node, parent);
		}
		el.node = node;
		el.parent = parent;
		el.children = [];
		live.set(id, el);
		return el;
	}

	private toElement(live: Map<string, TreeElement>, repoKey: string, n: TreeNode, parent: TreeElement): TreeElement {
		const el = this.element(live, repoKey, `${repoKey}|${n.key}`, 'node', n, parent);
		el.children = n.children.map((c) => this.toElement(live, repoKey, c, el));
		return el;
	}

	private rebuild(repo: Repository, notify = true): void {
		const key = repo.folder.toString();
		const previous = this.states.get(key);
		const parsed = repo.project.parsed;
		const enabled = validationEnabled(repo);
		let findings: Map<string, Problem[]> | undefined;
		try {
			findings = enabled ? repo.project.analyze() : undefined;
		} catch (e) {
			console.error('[connections] analysis failed', e);
		}
		const errors = findings ? summarizeFindings(findings.values()).errors : 0;
		const broken = parsed.hasSyntaxErrors; // guarded and empty files included
		const live = new Map<string, TreeElement>();
		const root = this.element(live, key, key, 'repository', undefined, undefined);
		let nodes: TreeNode[];
		let index: ConnectionIndex | undefined;
		if (broken) {
			// Keep the last valid tree, marked stale (docs/reliability.md R3): the connections did not go away.
			root.children.push(this.element(live, key, `${key}|stale`, 'stale', undefined, root));
			nodes = previous?.nodes ?? [];
			index = previous?.index;
		} else {
			try {
				nodes = buildTree(repo.project, { problems: findings?.get(CONNECTIONS_FILE), showRefs: repo.indexed, say: localize });
			} catch (e) {
				console.error('[connections] tree build failed', e);
				nodes = [];
			}
			index = repo.project.index;
		}
		root.children.push(...nodes.map((n) => this.toElement(live, key, n, root)));
		for (const [id, el] of this.elements) {
			if (el.repoKey === key && !live.has(id)) {
				this.elements.delete(id);
			}
		}
		for (const [id, el] of live) {
			this.elements.set(id, el);
		}
		this.states.set(key, { root, nodes, index, stale: broken, errors });
		if (notify) {
			this.changed();
		}
	}

	getChildren(element?: TreeElement): TreeElement[] {
		if (!element) {
			const repos = this.model.repositories().slice().sort((a, b) => a.folder.toString().localeCompare(b.folder.toString()));
			return repos.map((r) => this.states.get(r.folder.toString())?.root).filter((e): e is TreeElement => !!e);
		}
		return [...element.children];
	}

	getParent(element: TreeElement): TreeElement | undefined {
		return element.parent;
	}

	getTreeItem(element: TreeElement): vscode.TreeItem {
		const repo = repositoryOfElement(this.model, element);
		if (element.type === 'repository') {
			const item = new vscode.TreeItem(repo ? folderName(repo.folder) : element.repoKey, vscode.TreeItemCollapsibleState.Expanded);
			item.id = element.id;
			item.description = repo ? repositoryPath(repo) : undefined;
			item.tooltip = repo ? vscode.workspace.asRelativePath(repo.connectionsUri, true) : undefined;
			item.iconPath = new vscode.ThemeIcon('repo');
			item.contextValue = contextValueOf(element.role);
			return item;
		}
		if (element.type === 'stale') {
			const guarded = repo?.project.parsed.guarded;
			const item = new vscode.TreeItem(guarded
				? vscode.l10n.t('connections.json cannot be read (too large or too deep) — showing the last valid state')
				: vscode.l10n.t('connections.json has syntax errors — showing the last valid state'));
			item.id = element.id;
			item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
			item.contextValue = contextValueOf(element.role);
			item.tooltip = vscode.l10n.t('Fix the syntax errors to see the current connections. Nothing is edited until the file parses.');
			if (repo) {
				item.command = { command: CommandId.OpenFile, title: vscode.l10n.t('Open connections.json'), arguments: [{ repository: repo.folder }] };
			}
			return item;
		}
		const n = element.node!;
		const collapsible = n.kind === 'connection'
			? vscode.TreeItemCollapsibleState.None
			: n.kind === 'component' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
		const item = new vscode.TreeItem(n.label, n.children.length || n.kind !== 'component' ? collapsible : vscode.TreeItemCollapsibleState.None);
		item.id = element.id;
		item.description = n.description;
		item.contextValue = contextValueOf(n.role);
		const color = n.kind === 'connection' || n.kind === 'component'
			? n.problems.errors ? new vscode.ThemeColor('list.errorForeground') : n.problems.warnings ? new vscode.ThemeColor('list.warningForeground') : undefined
			: undefined;
		item.iconPath = new vscode.ThemeIcon(n.icon, color);
		if (n.kind === 'component' && n.component) {
			item.tooltip = markdown(componentTooltip(n.component, localize));
		} else if (n.kind === 'connection') {
			// Left undefined: resolveTreeItem adds the tooltip (with "secret: set / not set") on hover.
			item.command = { command: CommandId.RevealInFile, title: vscode.l10n.t('Reveal in connections.json'), arguments: [element] };
		}
		return item;
	}

	async resolveTreeItem(item: vscode.TreeItem, element: TreeElement, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
		const n = element.node;
		if (!n || n.kind !== 'connection') {
			return item;
		}
		const state = this.states.get(element.repoKey);
		const repo = repositoryOfElement(this.model, element);
		if (!n.connection || !state?.index || !repo) {
			const md = new vscode.MarkdownString(undefined, false);
			md.appendText(vscode.l10n.t('No connection "{0}" is visible to component "{1}": define it, or remove it from "uses".', n.connectionId ?? '', n.component?.id ?? ''));
			item.tooltip = secure(md);
			return item;
		}
		const c = n.connection;
		const secrets = new Map<string, ReturnType<typeof secretStatesOf>>();
		const store = this.services.secrets;
		// Reading secret storage needs a trusted workspace (docs/reliability.md T1); only whether a value exists is asked.
		if (vscode.workspace.isTrusted) {
			try {
				// One read of the index of stored keys: which keys have a value (per environment), never the value.
				const stored = await store.addressesOf(repo.folder, c.id);
				for (const key of keysOf(c).filter((k) => isSecretKey(c, k))) {
					secrets.set(key, secretStatesOf(repo.project.index.model, stored, key));
				}
			} catch {
				// Secret storage unavailable: say nothing about the state rather than guess.
			}
		}
		if (token.isCancellationRequested) {
			return item;
		}
		item.tooltip = markdown(connectionTooltip(state.index, c, {
			refs: n.refs,
			problems: n.problems,
			renames: n.component && repo.project.injectedRenames(n.component),
			secretStates: (key) => secrets.get(key),
			say: localize,
		}));
		return item;
	}

	/** The element for a connection, for reveal (by repository and ID; a component narrows it). */
	findConnection(selector: ConnectionSelector): TreeElement | undefined {
		for (const [key, state] of this.states) {
			if (selector.repository !== undefined && key !== String(selector.repository).replace(/\/$/, '') && key !== vscode.Uri.file(String(selector.repository)).toString()) {
				continue;
			}
			const stack = [...state.root.children];
			while (stack.length) {
				const el = stack.shift()!;
				const n = el.node;
				if (n?.kind === 'connection' && isDefinedConnection(n.role) && n.connectionId === selector.connectionId
					&& (selector.scope === undefined || n.scope === selector.scope)
					&& (selector.componentId === undefined || n.component?.id === selector.componentId)) {
					return el;
				}
				stack.push(...el.children);
			}
		}
		return undefined;
	}

	handleDrag(source: readonly TreeElement[], dataTransfer: vscode.DataTransfer): void {
		const movable = source.filter((s) => s.node && isDefinedConnection(s.node.role));
		if (movable.length) {
			// Only IDs: the workbench serializes the value, and elements link to their parents.
			dataTransfer.set(TREE_MIME, new vscode.DataTransferItem(JSON.stringify(movable.map((s) => s.id))));
		}
	}

	/** The elements a drop carries: IDs (from handleDrag) or the elements themselves. */
	private async droppedElements(item: vscode.DataTransferItem): Promise<TreeElement[]> {
		let value: unknown = item.value ?? await item.asString();
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value);
			} catch {
				return [];
			}
		}
		const list = Array.isArray(value) ? value : [value];
		return list
			.map((v) => (v instanceof TreeElement ? this.elements.get(v.id) ?? v : typeof v === 'string' ? this.elements.get(v) : undefined))
			.filter((s): s is TreeElement => !!s?.node && isDefinedConnection(s.node.role));
	}

	async handleDrop(target: TreeElement | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
		const item = dataTransfer.get(TREE_MIME);
		if (!item || !target?.node || token.isCancellationRequested) {
			return;
		}
		const sources = await this.droppedElements(item);
		const to = dropTarget(target.node);
		if (!to) {
			return;
		}
		for (const source of sources) {
			if (source.repoKey !== target.repoKey) {
				void vscode.window.showErrorMessage(vscode.l10n.t('A connection can only move within its own connections.json.'));
				continue;
			}
			const c = source.node!.connection!;
			if (c.scope === to.scope && (to.scope !== 'component' || c.componentIndex === to.componentIndex)) {
				continue; // dropped where it already is
			}
			const resolved = await resolveConnection(this.model, source);
			if (resolved) {
				await moveConnectionTo(this.services.edits, resolved, to);
			}
		}
	}
}

/** Where a drop on a node moves a connection: the organization, the project, or a component (also via one of their connections). */
function dropTarget(n: TreeNode): ScopeTarget | undefined {
	switch (n.kind) {
		case 'organization': return { scope: 'organization' };
		case 'project': return { scope: 'project' };
		case 'component': return n.component ? { scope: 'component', componentIndex: n.component.index } : undefined;
		case 'connection':
			if (n.role === 'used-connection' || n.scope === 'component') {
				return n.component ? { scope: 'component', componentIndex: n.component.index } : undefined;
			}
			return n.scope === 'organization' || n.scope === 'project' ? { scope: n.scope } : undefined;
		default: return undefined;
	}
}

function secure(md: vscode.MarkdownString): vscode.MarkdownString {
	md.isTrusted = false;
	md.supportHtml = false;
	md.supportThemeIcons = false;
	return md;
}

/** Markdown that the core escaped already: no trusted commands, no HTML. */
function markdown(text: string): vscode.MarkdownString {
	return secure(new vscode.MarkdownString(text, false));
}

export function registerConnectionsTree(services: Services, api: ConnectionsApi): vscode.Disposable {
	const provider = new ConnectionsTreeProvider(services);
	const view = vscode.window.createTreeView(ViewId.Explorer, {
		treeDataProvider: provider,
		dragAndDropController: provider,
		showCollapseAll: true,
		canSelectMany: false,
	});
	const showBadge = (errors: number) => {
		view.badge = errors ? { value: errors, tooltip: errors === 1 ? vscode.l10n.t('1 error in connections') : vscode.l10n.t('{0} errors in connections', errors) } : undefined;
	};
	const badge = provider.onDidChangeErrors(showBadge);
	showBadge(provider.errorCount);
	// Internal: reveal and select a connection in the view (after Add Connection), once the tree has it.
	const reveal = vscode.commands.registerCommand(CommandId.RevealInTree, async (selector: ConnectionSelector) => {
		const found = await whenDefined(provider.onDidChangeTreeData, () => provider.findConnection(selector), 10_000);
		// The view fetches the new children after the change event: until it has, reveal fails; try again a few times.
		for (let attempt = 0; found && attempt < 20; attempt++) {
			try {
				await view.reveal(provider.findConnection(selector) ?? found, { select: true, focus: false, expand: true });
				return true;
			} catch {
				await new Promise((r) => setTimeout(r, 250));
			}
		}
		return false;
	});
	const selection = setTreeSelectionSource(() => view.selection[0]);
	api.tree = provider as vscode.TreeDataProvider<unknown>;
	api.treeView = view as vscode.TreeView<unknown>;
	return vscode.Disposable.from(badge, reveal, selection, view, provider, { dispose: () => { api.tree = undefined; api.treeView = undefined; } });
}
