// Helpers for the tree and command suites: the extension API, the acme-shop repository's
// connections.json as an open editor, tree lookups, and restoring the text after a test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { TreeElement } from '../../../src/vscode/treeElement';
import type { ConnectionsTreeProvider } from '../../../src/vscode/connectionsTree';
import type { Repository } from '../../../src/vscode/workspaceModel';
import { waitFor } from './util';

export const EXT_ID = 'connections-tools.choreo-connections';

export async function connectionsApi(): Promise<ConnectionsApi> {
	const api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
	await api.model.ready;
	return api;
}

/** The repository at the workspace root (acme-shop), once indexed. */
export async function rootRepository(api: ConnectionsApi): Promise<Repository> {
	const root = vscode.workspace.workspaceFolders![0].uri.toString();
	return waitFor(() => api.model.repositories().find((r) => r.folder.toString() === root && r.indexed), 'the acme-shop repository to be indexed');
}

export function tree(api: ConnectionsApi): ConnectionsTreeProvider {
	assert.ok(api.tree, 'the tree registered itself in the API');
	return api.tree as unknown as ConnectionsTreeProvider;
}

/** Opens connections.json in an editor (undo needs the active editor) and returns it. */
export async function openConnections(repo: Repository): Promise<vscode.TextEditor> {
	const doc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	return vscode.window.showTextDocument(doc, { preview: false });
}

/** Waits until the model has read the buffer's current text. */
export async function settled(repo: Repository, doc: vscode.TextDocument): Promise<void> {
	await waitFor(() => repo.project.parsed.text === doc.getText(), 'the model to read the current text', 15000);
}

/** The root element of a repository in the tree. */
export function repoRoot(api: ConnectionsApi, repo: Repository): TreeElement | undefined {
	return tree(api).getChildren().find((e) => e.repoKey === repo.folder.toString());
}

/** The element at a path of labels below the repository root, e.g. ['shop', 'Components', 'inventory', 'stock-db']. */
export function elementAt(api: ConnectionsApi, repo: Repository, labels: readonly string[]): TreeElement | undefined {
	let el = repoRoot(api, repo);
	for (const label of labels) {
		el = el && tree(api).getChildren(el).find((c) => c.node?.label === label);
	}
	return el;
}

/** Replaces the whole text of a document (to restore it when undo is not the point of the test). */
export async function restoreText(repo: Repository, doc: vscode.TextDocument, text: string): Promise<void> {
	if (doc.getText() !== text) {
		const edit = new vscode.WorkspaceEdit();
		edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
		assert.ok(await vscode.workspace.applyEdit(edit));
	}
	if (doc.uri.toString() === repo.connectionsUri.toString()) {
		await settled(repo, doc);
	}
}

/** Puts connections.json back as it was and leaves it unmodified on disk (a suite's teardown). */
export async function restoreConnections(repo: Repository, original: string): Promise<void> {
	const doc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	await restoreText(repo, doc, original);
	if (doc.isDirty) {
		await vscode.window.showTextDocument(doc);
		await vscode.commands.executeCommand('workbench.action.files.revert');
	}
}

/** Undo once in the active editor and check that the text is back, byte for byte. */
export async function undoAndCheck(repo: Repository, editor: vscode.TextEditor, original: string): Promise<void> {
	await vscode.window.showTextDocument(editor.document, { preview: false });
	await vscode.commands.executeCommand('undo');
	await waitFor(() => editor.document.getText() === original || undefined, 'one undo to restore the original text', 5000)
		.catch(() => assert.equal(editor.document.getText(), original, 'one undo restores the original text byte for byte'));
	await settled(repo, editor.document);
}

/** `text` with `insert` put right after the one occurrence of `anchor`. */
export function insertAfter(text: string, anchor: string, insert: string): string {
	const at = text.indexOf(anchor);
	assert.ok(at >= 0 && text.indexOf(anchor, at + 1) < 0, `anchor occurs exactly once: ${anchor}`);
	return text.slice(0, at + anchor.length) + insert + text.slice(at + anchor.length);
}

/** `text` without the one occurrence of `part`. */
export function without(text: string, part: string): string {
	const at = text.indexOf(part);
	assert.ok(at >= 0 && text.indexOf(part, at + 1) < 0, `part occurs exactly once: ${part}`);
	return text.slice(0, at) + text.slice(at + part.length);
}

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * Every file where the editor keeps what an extension leaves behind: the window's extension-host logs (the
 * "Connections" output channel among them, and console output), this workspace's state, and the user folder
 * (settings, global state). Fails when the output channel's log is not among them.
 */
export async function editorStoreFiles(): Promise<string[]> {
	const paths = await vscode.commands.executeCommand<{ log: string; workspace?: string; global: string }>('connections.test.storagePaths');
	const logs = path.dirname(vscode.Uri.parse(paths.log).fsPath);
	const userDir = path.dirname(path.dirname(vscode.Uri.parse(paths.global).fsPath));
	const places = [logs, userDir, ...(paths.workspace ? [path.dirname(vscode.Uri.parse(paths.workspace).fsPath)] : [])];
	const files = places.flatMap((d) => (fs.existsSync(d) ? filesUnder(d) : []));
	assert.ok(files.some((f) => f.endsWith('Connections.log')), `the output channel's log is among the files searched (${logs})`);
	assert.ok(fs.existsSync(userDir), `the user folder exists (${userDir})`);
	return files;
}
