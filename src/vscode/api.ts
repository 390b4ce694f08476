import type * as vscode from 'vscode';
import type { WorkspaceModel } from './workspaceModel';

/** What activate() returns: the live objects the integration tests look at. Features fill in their part. */
export interface ConnectionsApi {
	readonly model: WorkspaceModel;
	tree?: vscode.TreeDataProvider<unknown>;
	treeView?: vscode.TreeView<unknown>;
}
