// The commands on the workspace's connections.json files: validate them all, open one,
// create one (never overwriting what is there).
import * as vscode from 'vscode';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { starterFile } from '../core/views/connectionForm';
import { summarizeFindings, type FindingSummary } from '../core/views/treeModel';
import { argsOf, repositoryForCommand } from './connectionActions';
import type { WorkspaceModel } from './workspaceModel';

export async function validateWorkspaceCommand(model: WorkspaceModel): Promise<FindingSummary> {
	const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating connections...') }, async () => {
		await model.refresh();
		const lists = model.repositories()
			.filter((r) => vscode.workspace.getConfiguration('connections', r.folder).get<boolean>('validation.enabled', true))
			.flatMap((r) => [...r.project.analyze().values()]);
		return summarizeFindings(lists);
	});
	const open = vscode.l10n.t('Open Problems');
	const text = vscode.l10n.t('{0} errors, {1} warnings in {2} files', summary.errors, summary.warnings, summary.files);
	const shown = summary.errors ? vscode.window.showErrorMessage(text, open) : summary.warnings ? vscode.window.showWarningMessage(text, open) : vscode.window.showInformationMessage(text, open);
	void shown.then((a) => (a === open ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
	return summary;
}

export async function openFileCommand(model: WorkspaceModel, arg: unknown): Promise<vscode.TextEditor | undefined> {
	const args = argsOf<{ repository?: vscode.Uri | string }>(arg);
	const repo = await repositoryForCommand(model, arg, args?.repository);
	if (!repo) {
		return undefined;
	}
	try {
		return await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(repo.connectionsUri));
	} catch (e) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}', vscode.workspace.asRelativePath(repo.connectionsUri, true), e instanceof Error ? e.message.split('\n')[0] : String(e)));
		return undefined;
	}
}

/** Whether anything (file or folder) is at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

export async function createFileCommand(model: WorkspaceModel, arg: unknown): Promise<vscode.Uri | undefined> {
	const args = argsOf<{ folder?: vscode.Uri | string }>(arg);
	let folder: vscode.Uri | undefined;
	if (args?.folder !== undefined) {
		folder = typeof args.folder === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(args.folder) ? vscode.Uri.parse(args.folder) : vscode.Uri.file(args.folder)) : args.folder;
	} else if (arg instanceof vscode.Uri) {
		folder = arg; // from the explorer's context menu
	} else {
		const candidates: vscode.WorkspaceFolder[] = [];
		for (const f of vscode.workspace.workspaceFolders ?? []) {
			if (!(await exists(vscode.Uri.joinPath(f.uri, CONNECTIONS_FILE)))) {
				candidates.push(f);
			}
		}
		if (!candidates.length) {
			void vscode.window.showInformationMessage(vscode.workspace.workspaceFolders?.length
				? vscode.l10n.t('Every workspace folder already has a connections.json.')
				: vscode.l10n.t('Open a folder first: connections.json belongs at a repository\'s root.'));
			return undefined;
		}
		folder = candidates.length === 1
			? candidates[0].uri
			: (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Create connections.json in which folder?') }))?.uri;
		if (!folder) {
			return undefined;
		}
	}
	const uri = vscode.Uri.joinPath(folder, CONNECTIONS_FILE);
	if (await exists(uri)) {
		// Never overwrite: open what is there.
		void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists; it was opened, not changed.', vscode.workspace.asRelativePath(uri, true)));
	} else {
		const name = folder.path.split('/').filter(Boolean).pop() ?? 'project';
		try {
			await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(starterFile(name)));
		} catch (e) {
			void vscode.window.showErrorMessage(vscode.l10n.t('Cannot create {0}: {1}', vscode.workspace.asRelativePath(uri, true), e instanceof Error ? e.message.split('\n')[0] : String(e)));
			return undefined;
		}
	}
	await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
	void model; // the model finds the new file through its watcher
	return uri;
}
