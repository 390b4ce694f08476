// "Import from component.yaml": a connections.json built from a repository's .choreo files (the
// plan is core/platform/importRepository.ts), created as one undoable edit and opened. Also tells
// the Connections view how many components the workspace's .choreo files describe, for its offer.
import * as vscode from 'vscode';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { importNoteText } from '../core/findings/messages';
import { CHOREO_FILES, choreoFileOfPath, MAX_CHOREO_FILE_BYTES, type ChoreoFile } from '../core/platform/choreoFiles';
import { importRepository } from '../core/platform/importRepository';
import { decodeUtf8 } from '../core/text/text';
import type { ConnectionsApi } from './api';
import { CommandId, ContextKey } from './commandIds';
import { exists } from './fileCommands';
import { EXCLUDE_GLOB } from './workspaceModel';
import type { Services } from './services';

const CHOREO_GLOB = `**/.choreo/{${CHOREO_FILES.join(',')}}`;

/** The `.choreo` files under `folder` that are regular files of a readable size, and those refused. */
async function choreoFilesUnder(folder: vscode.Uri): Promise<{ files: ChoreoFile[]; refused: string[] }> {
	const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CHOREO_GLOB), EXCLUDE_GLOB);
	const files: ChoreoFile[] = [];
	const refused: string[] = [];
	for (const uri of uris.sort((a, b) => (a.path < b.path ? -1 : 1))) {
		const rel = uri.path.slice(folder.path.replace(/\/$/, '').length + 1);
		const at = choreoFileOfPath(rel);
		if (!at) {
			continue;
		}
		try {
			const st = await vscode.workspace.fs.stat(uri);
			// Only regular files: a symlink may lead out of the repository, a FIFO would never end.
			if (st.type !== vscode.FileType.File || st.size > MAX_CHOREO_FILE_BYTES) {
				refused.push(rel);
				continue;
			}
			const decoded = decodeUtf8(await vscode.workspace.fs.readFile(uri));
			if ('text' in decoded) {
				files.push({ ...at, text: decoded.text });
			} else {
				refused.push(rel);
			}
		} catch {
			refused.push(rel);
		}
	}
	return { files, refused };
}

/** Imports into `<folder>/connections.json`; returns its URI when a file was created or already there. */
export async function importFromComponentYaml(arg?: unknown): Promise<vscode.Uri | undefined> {
	const given = arg && typeof arg === 'object' && 'folder' in arg ? (arg as { folder: unknown }).folder : arg;
	let folder = given instanceof vscode.Uri ? given : typeof given === 'string' ? vscode.Uri.parse(given) : undefined;
	if (!folder) {
		const candidates = [];
		for (const f of vscode.workspace.workspaceFolders ?? []) {
			if (!(await exists(vscode.Uri.joinPath(f.uri, CONNECTIONS_FILE)))) {
				candidates.push(f);
			}
		}
		folder = candidates.length === 1 ? candidates[0].uri
			: candidates.length ? (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Import the .choreo files of which folder?') }))?.uri
				: undefined;
		if (!folder) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Every workspace folder already has a connections.json.'));
			return undefined;
		}
	}
	const target = vscode.Uri.joinPath(folder, CONNECTIONS_FILE);
	if (await exists(target)) {
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
		void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists; it was opened, not changed.', vscode.workspace.asRelativePath(target, true)));
		return target;
	}
	const { files, refused } = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading .choreo files') }, () => choreoFilesUnder(folder));
	if (!files.length) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No .choreo/component.yaml, component-config.yaml or endpoints.yaml under {0}: nothing to import.', vscode.workspace.asRelativePath(folder, true)));
		return undefined;
	}
	const name = folder.path.split('/').filter(Boolean).pop() ?? 'project';
	const result = importRepository(files, name);
	// One edit: undo deletes the file again.
	const edit = new vscode.WorkspaceEdit();
	edit.createFile(target, { contents: new TextEncoder().encode(result.text) }, { label: vscode.l10n.t('Import from component.yaml'), needsConfirmation: false });
	if (!(await vscode.workspace.applyEdit(edit))) {
		void vscode.window.showErrorMessage(vscode.l10n.t('The editor refused to create {0}. Nothing was changed.', vscode.workspace.asRelativePath(target, true)));
		return undefined;
	}
	await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
	const notes = [...result.notes.map((n) => importNoteText(n)), ...refused.map((r) => vscode.l10n.t('{0} was not read: not a regular file of a readable size.', r))];
	const summary = vscode.l10n.t('Imported {0} component(s) with {1} project and {2} component connection(s). Check the scopes the comment at the top explains.',
		result.components, result.projectConnections, result.componentConnections);
	if (notes.length) {
		const show = vscode.l10n.t('Show {0} note(s)', notes.length);
		void vscode.window.showInformationMessage(summary, show).then((choice) => {
			if (choice === show) {
				void vscode.window.showQuickPick(notes, { title: vscode.l10n.t('What the import left out or changed'), canPickMany: false });
			}
		});
	} else {
		void vscode.window.showInformationMessage(summary);
	}
	return target;
}

/** The command, and the count of components the workspace's .choreo files describe (for the view's offer). */
export function registerImportFromComponentYaml(services: Services, api: ConnectionsApi): vscode.Disposable {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const update = async () => {
		// Only after the model has looked for connections.json: a workspace that has one needs no offer.
		await services.model.ready;
		const folders = new Set<string>();
		if (!services.model.repositories().length) {
			for (const uri of await vscode.workspace.findFiles(CHOREO_GLOB, EXCLUDE_GLOB)) {
				folders.add(vscode.Uri.joinPath(uri, '..', '..').toString());
			}
		}
		await vscode.commands.executeCommand('setContext', ContextKey.ChoreoComponents, folders.size);
		// The count goes in the view's title and description (a view message would hide the welcome view's
		// offer, and the description is not drawn while the view is alone in its container).
		if (api.treeView) {
			api.treeView.description = folders.size ? vscode.l10n.t('{0} component(s) in .choreo files', folders.size) : undefined;
			api.treeView.title = folders.size ? vscode.l10n.t('{0} component(s) found', folders.size) : vscode.l10n.t('Connections');
		}
	};
	const schedule = () => {
		clearTimeout(timer);
		timer = setTimeout(() => void update(), 300);
	};
	const watcher = vscode.workspace.createFileSystemWatcher(CHOREO_GLOB);
	schedule();
	return vscode.Disposable.from(
		watcher,
		watcher.onDidCreate(schedule),
		watcher.onDidDelete(schedule),
		services.model.onDidChangeRepositories(schedule),
		vscode.commands.registerCommand(CommandId.ImportFromComponentYaml, (arg?: unknown) => importFromComponentYaml(arg)),
		{ dispose: () => clearTimeout(timer) },
	);
}
