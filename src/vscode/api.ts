import type * as vscode from 'vscode';
import type { EnvironmentChange } from './environmentStatus';
import type { WorkspaceModel } from './workspaceModel';

/** What activate() returns: the live objects the integration tests look at. Features fill in their part. */
export interface ConnectionsApi {
	readonly model: WorkspaceModel;
	tree?: vscode.TreeDataProvider<unknown>;
	treeView?: vscode.TreeView<unknown>;
	/** The active environment of a repository (its folder or any file in it); undefined when it has no connections.json. */
	activeEnvironment?: (repository: vscode.Uri | string) => string | undefined;
	/** Fires when a repository's active environment changes (switched, or no longer declared). */
	onDidChangeEnvironment?: vscode.Event<EnvironmentChange>;
	/** The environment status bar item (for tests). */
	environmentStatus?: vscode.StatusBarItem;
}
