// What the tree and the connection commands share: which repository or connection an argument
// means (a tree element, an argument object, or a quick pick), the refusal while connections.json
// does not parse, plans for connections.json, and the scope move that both the Change Scope
// command and drag and drop perform.
import * as vscode from 'vscode';
import { findConnection, moveConnection, type ScopeTarget } from '../core/edits/connectionEdits';
import { losersOfMove, moveError } from '../core/views/connectionForm';
import type { Component, Connection, Scope } from '../core/model/model';
import type { EditResult } from '../core/edits/edits';
import type { FormattingOptions } from '../core/text/indentation';
import { parseConnectionsText, type ParsedConnectionsFile } from '../core/json/parse';
import { viewMessage } from '../core/findings/messages';
import type { EditQueue, FileEditPlan } from './applyEdits';
import { CommandId } from './commandIds';
import { localize } from './convert';
import { isTreeElement, type TreeElement } from './treeElement';
import type { Repository, WorkspaceModel } from './workspaceModel';

/** An argument object naming a connection (what tests and other extensions pass). */
export interface ConnectionSelector {
	/** The repository folder (URI or its string); optional when there is one repository. */
	readonly repository?: vscode.Uri | string;
	readonly connectionId: string;
	readonly scope?: Scope;
	/** For component-scope connections, the owning component; for Copy Variable Names, the component whose renames apply. */
	readonly componentId?: string;
}

/** What a keybinding in the Connections view passes: act on the view's selection. */
interface FromTreeSelection {
	readonly fromTreeSelection: true;
}

function isFromTreeSelection(arg: unknown): arg is FromTreeSelection {
	return !!arg && typeof arg === 'object' && (arg as FromTreeSelection).fromTreeSelection === true;
}

let treeSelection: (() => TreeElement | undefined) | undefined;

/** The Connections view says where its selection is read (F2 and Delete in the view act on it). */
export function setTreeSelectionSource(source: () => TreeElement | undefined): vscode.Disposable {
	treeSelection = source;
	return { dispose: () => { treeSelection = treeSelection === source ? undefined : treeSelection; } };
}

function isSelector(arg: unknown): arg is ConnectionSelector {
	return !!arg && typeof arg === 'object' && typeof (arg as ConnectionSelector).connectionId === 'string';
}

/** An argument object (not a tree element, not a URI from the explorer). */
export function argsOf<T>(arg: unknown): T | undefined {
	return arg && typeof arg === 'object' && !isTreeElement(arg) && !(arg instanceof vscode.Uri) ? (arg as T) : undefined;
}

/** Shows the refusal and returns true when connections.json cannot be edited now (syntax errors, too large or deep). */
export function refuseIfBroken(repo: Repository): boolean {
	const parsed = repo.project.parsed;
	if (parsed.editRefusal) {
		void vscode.window.showErrorMessage(localize(viewMessage('refused-syntax-errors')));
		return true;
	}
	return false;
}

export async function repositoryForCommand(model: WorkspaceModel, arg: unknown, repository?: vscode.Uri | string): Promise<Repository | undefined> {
	if (isTreeElement(arg)) {
		return repositoryOfElement(model, arg);
	}
	if (repository !== undefined) {
		const repo = repositoryOf(model, repository);
		if (!repo) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No repository with a connections.json at {0}.', String(repository)));
		}
		return repo;
	}
	if (!model.repositories().length) {
		const create = vscode.l10n.t('Create connections.json');
		void vscode.window.showInformationMessage(vscode.l10n.t('This workspace has no connections.json yet.'), create).then((a) => {
			if (a === create) {
				void vscode.commands.executeCommand(CommandId.CreateFile);
			}
		});
		return undefined;
	}
	return pickRepository(model, vscode.l10n.t('Which repository?'));
}

/** The repository an argument names: a URI or string (folder or any file in it), or undefined. */
export function repositoryOf(model: WorkspaceModel, ref: vscode.Uri | string | undefined): Repository | undefined {
	if (ref === undefined) {
		return undefined;
	}
	let uri: vscode.Uri;
	if (typeof ref === 'string') {
		uri = /^[a-z][a-z0-9+.-]+:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref) ? vscode.Uri.parse(ref) : vscode.Uri.file(ref);
	} else {
		uri = ref;
	}
	const key = uri.toString().replace(/\/$/, '');
	return model.repositories().find((r) => r.folder.toString() === key) ?? model.repositoryFor(vscode.Uri.joinPath(uri, 'x'));
}

/** The repository a tree element belongs to (repositories are re-created on refresh: look them up by folder). */
export function repositoryOfElement(model: WorkspaceModel, el: TreeElement): Repository | undefined {
	return model.repositories().find((r) => r.folder.toString() === el.repoKey);
}

/** The last segment of a folder's path. */
export function folderName(uri: vscode.Uri): string {
	const parts = uri.path.split('/').filter(Boolean);
	return parts[parts.length - 1] ?? uri.path;
}

/** The repository's path relative to the workspace, when that tells something (multi-root or nested). */
export function repositoryPath(repo: Repository): string | undefined {
	const folders = vscode.workspace.workspaceFolders ?? [];
	const atRoot = !!repo.workspaceFolder && repo.workspaceFolder.uri.toString() === repo.folder.toString();
	if (atRoot) {
		return folders.length > 1 ? repo.workspaceFolder!.name : undefined;
	}
	return vscode.workspace.asRelativePath(repo.folder, folders.length > 1);
}

/** Asks which repository when there are several (the active editor's first). */
export async function pickRepository(model: WorkspaceModel, placeHolder: string): Promise<Repository | undefined> {
	const repos = model.repositories();
	if (repos.length <= 1) {
		return repos[0];
	}
	const active = vscode.window.activeTextEditor?.document.uri;
	const preferred = active && model.repositoryFor(active);
	const items = repos.map((r) => ({ label: folderName(r.folder), description: repositoryPath(r), repo: r }));
	items.sort((a, b) => (a.repo === preferred ? -1 : b.repo === preferred ? 1 : a.label.localeCompare(b.label)));
	return (await vscode.window.showQuickPick(items, { placeHolder }))?.repo;
}

/** A connection as it is now in its repository's connections.json. */
export interface ResolvedConnection {
	readonly repo: Repository;
	readonly connection: Connection;
	/** The component the command was invoked under (a component's node, or `componentId` of a selector). */
	readonly component?: Component;
}

function scopeWords(c: Connection): string {
	return c.scope === 'component' ? vscode.l10n.t('component {0}', c.componentId ?? '') : c.scope;
}

/** Quick pick of every connection (ID, scope, kind), of one repository or of all. */
export async function pickConnection(model: WorkspaceModel, repo?: Repository, filter: (c: Connection) => boolean = () => true): Promise<ResolvedConnection | undefined> {
	const repos = repo ? [repo] : model.repositories();
	const items: (vscode.QuickPickItem & { resolved: ResolvedConnection })[] = [];
	for (const r of repos) {
		for (const c of r.project.index.model.allConnections) {
			if (c.hasId && filter(c)) {
				items.push({
					label: c.id,
					description: `${scopeWords(c)} · ${c.kind?.value ?? '?'}`,
					detail: repos.length > 1 ? repositoryPath(r) ?? folderName(r.folder) : undefined,
					resolved: { repo: r, connection: c },
				});
			}
		}
	}
	if (!items.length) {
		void vscode.window.showInformationMessage(vscode.l10n.t('There are no connections yet. Add one with "Connections: Add Connection...".'));
		return undefined;
	}
	return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which connection?'), matchOnDescription: true }))?.resolved;
}

/**
 * The connection an argument names, looked up in the current text: a tree element, a
 * selector object, or nothing (then a quick pick). Undefined when cancelled or gone.
 */
export async function resolveConnection(model: WorkspaceModel, arg: unknown, filter?: (c: Connection) => boolean): Promise<ResolvedConnection | undefined> {
	if (isFromTreeSelection(arg)) {
		const selected = treeSelection?.();
		if (!selected?.node?.connectionId) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Select a connection in the Connections view first.'));
			return undefined;
		}
		return resolveConnection(model, selected, filter);
	}
	if (isTreeElement(arg) && arg.node) {
		const repo = repositoryOfElement(model, arg);
		const n = arg.node;
		if (!repo || !n.connectionId) {
			return undefined;
		}
		if (!n.connection) {
			void vscode.window.showWarningMessage(vscode.l10n.t('No connection "{0}" is visible to component "{1}": define it, or remove it from "uses".', n.connectionId, n.component?.id ?? ''));
			return undefined;
		}
		const c = n.connection.scope === 'component'
			? findConnection(repo.project.parsed, n.connection.id, 'component', n.connection.componentId)
			: findConnection(repo.project.parsed, n.connection.id, n.connection.scope);
		if (!c) {
			void vscode.window.showWarningMessage(vscode.l10n.t('The connection "{0}" is no longer defined in connections.json.', n.connectionId));
			return undefined;
		}
		const component = n.component && repo.project.index.componentsById.get(n.component.id);
		return { repo, connection: c, component };
	}
	if (isSelector(arg)) {
		const repo = repositoryOf(model, arg.repository) ?? (arg.repository === undefined ? await pickRepository(model, vscode.l10n.t('Which repository?')) : undefined);
		if (!repo) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No repository with a connections.json at {0}.', String(arg.repository)));
			return undefined;
		}
		const candidates = repo.project.index.model.allConnections.filter((c) => c.hasId && c.id === arg.connectionId
			&& (arg.scope === undefined || c.scope === arg.scope)
			&& (arg.scope !== 'component' || arg.componentId === undefined || c.componentId === arg.componentId));
		const component = arg.componentId !== undefined ? repo.project.index.componentsById.get(arg.componentId) : undefined;
		if (candidates.length === 1) {
			return { repo, connection: candidates[0], component };
		}
		if (!candidates.length) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No connection "{0}" in {1}.', arg.connectionId, vscode.workspace.asRelativePath(repo.connectionsUri, true)));
			return undefined;
		}
		// The same ID in several components: the component named wins, else ask.
		const own = component && candidates.find((c) => c.componentId === component.id);
		if (own) {
			return { repo, connection: own, component };
		}
		const picked = await pickConnection(model, repo, (c) => candidates.includes(c));
		return picked && { ...picked, component };
	}
	return pickConnection(model, undefined, filter);
}

/** A plan for connections.json whose edits are computed from the text as it is when applied. */
export function connectionsPlan(repo: Repository, compute: (parsed: ParsedConnectionsFile, fmt: FormattingOptions) => EditResult): FileEditPlan {
	return {
		uri: repo.connectionsUri,
		compute: (text, fmt) => compute(text === repo.project.parsed.text ? repo.project.parsed : parseConnectionsText(text), fmt),
	};
}

/** The refusal when a connection is no longer in the text being edited. */
export function gone(id: string): EditResult {
	return { ok: false, reason: 'not-found', message: vscode.l10n.t('"{0}" is no longer in connections.json. Nothing was changed.', id) };
}

/** Where a connection lives, as a ScopeTarget. */
export function scopeTargetOf(c: Connection): ScopeTarget {
	return c.scope === 'component' ? { scope: 'component', componentIndex: c.componentIndex } : { scope: c.scope };
}

/** Words for a scope target ("organization acme", "component inventory"). */
export function targetWords(repo: Repository, to: ScopeTarget): string {
	const model = repo.project.index.model;
	switch (to.scope) {
		case 'organization': return vscode.l10n.t('organization {0}', model.organization?.id?.value ?? '');
		case 'project': return vscode.l10n.t('project {0}', model.project?.id?.value ?? '');
		case 'component': return vscode.l10n.t('component {0}', model.components[to.componentIndex ?? -1]?.id ?? '');
	}
}

/**
 * Moves a connection to another scope as one undoable edit. When that takes it away from
 * components that use it, asks first (a modal), unless `confirmed` answers in advance.
 * Resolves true when the edit landed.
 */
export async function moveConnectionTo(edits: EditQueue, resolved: ResolvedConnection, to: ScopeTarget, confirmed?: boolean): Promise<boolean> {
	const { repo } = resolved;
	const c = resolved.connection;
	const error = moveError(repo.project.index.model, c, to);
	if (error) {
		void vscode.window.showErrorMessage(localize(error));
		return false;
	}
	const losers = losersOfMove(repo.project, c, to);
	if (losers.length && confirmed !== true) {
		if (confirmed === false) {
			return false;
		}
		const move = vscode.l10n.t('Move');
		const answer = await vscode.window.showWarningMessage(
			vscode.l10n.t('Move "{0}" to {1}? {2} use it and will no longer see it.', c.id, targetWords(repo, to), losers.map((l) => `"${l.id}"`).join(', ')),
			{ modal: true, detail: vscode.l10n.t('Their "uses" entries stay and will be reported as errors until you change them.') },
			move,
		);
		if (answer !== move) {
			return false;
		}
	}
	const { id, scope, componentId } = c;
	return edits.applyOrExplain([connectionsPlan(repo, (parsed, fmt) => {
		const current = findConnection(parsed, id, scope, componentId);
		return current ? moveConnection(parsed, current, to, fmt) : gone(id);
	})], vscode.l10n.t('Move connection {0}', id));
}
