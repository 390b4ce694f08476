// docs/reliability.md S1, S2, S5 in the real editor: a canary secret moved to secret storage appears in no
// file of the workspace, and never in a hover or a tree tooltip.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { waitFor, codeOf } from './util';

const EXT_ID = 'connections-tools.choreo-connections';
const CANARY = 'CANARY-7f3a9c1e5b2d';

/** Any piece of the canary longer than 4 characters (S2: no prefix or suffix of it may show). */
function leaks(text: string): boolean {
	for (let i = 0; i + 5 <= CANARY.length; i++) {
		if (text.includes(CANARY.slice(i, i + 5)) && /[0-9a-f]{2}/.test(CANARY.slice(i, i + 5))) {
			return true;
		}
	}
	return false;
}

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function markdownOf(tooltip: string | vscode.MarkdownString | undefined): string {
	return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
}

describe('secrets never leave secret storage', () => {
	const root = () => vscode.workspace.workspaceFolders![0].uri;
	const folder = () => vscode.Uri.joinPath(root(), 'secrets-fixture');
	const file = () => vscode.Uri.joinPath(folder(), 'connections.json');
	let api: ConnectionsApi;

	before(async () => {
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		const text = [
			'{',
			'  "version": 1,',
			'  "organization": {',
			'    "id": "acme",',
			'    "connections": [',
			`      { "id": "vault-db", "kind": "database", "target": "database:vault", "parameters": { "Username": "app", "Password": "${CANARY}" } }`,
			'    ]',
			'  }',
			'}',
			'',
		].join('\n');
		await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(text));
	});

	after(async () => {
		await vscode.workspace.fs.delete(folder(), { recursive: true });
	});

	it('the plain secret is flagged, moved by its quick fix, and is then in no workspace file', async () => {
		const doc = await vscode.workspace.openTextDocument(file());
		await vscode.window.showTextDocument(doc);
		const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(file()).find((d) => codeOf(d) === 'plain-secret'), 'the plain-secret warning', 20000);
		assert.ok(!leaks(diagnostic.message), 'the diagnostic does not quote the value');
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file(), diagnostic.range);
		const move = actions.find((a) => /secret storage/.test(a.title));
		assert.ok(move?.command, `a "move to secret storage" action among: ${actions.map((a) => a.title).join(' | ')}`);
		assert.ok(!leaks(move.title));
		await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
		await waitFor(() => !doc.getText().includes(CANARY), 'the literal to leave the file');
		assert.match(doc.getText(), /"Password": \{ "secret": true \}/);
		await doc.save();
		const repo = await waitFor(() => api.model.repositoryFor(file()), 'the fixture repository');
		const stored = await vscode.commands.executeCommand<string | undefined>('connections.test.readSecret', repo.folder.toString(), 'vault-db', 'Password');
		assert.equal(stored, CANARY, 'the value is in secret storage');
		const hits = filesUnder(root().fsPath).filter((f) => fs.readFileSync(f).includes(CANARY));
		assert.deepEqual(hits, [], 'no workspace file holds the canary');
	});

	it('hover and tree tooltip say "secret" at most, never the value or a piece of it', async () => {
		const doc = await vscode.workspace.openTextDocument(file());
		const at = doc.getText().indexOf('"vault-db"') + 2;
		const hovers = await waitFor(async () => {
			const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file(), doc.positionAt(at));
			return h.length ? h : undefined;
		}, 'a hover on vault-db');
		const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		for (const part of ['**vault\\-db**', '**Scope:** organization', '| Parameter | development | production |', '| Username | app | app |', '| Password | *secret\\: set* | *secret\\: set* |']) {
			assert.ok(hoverText.includes(part), `${part} in the hover:\n${hoverText}`);
		}
		assert.ok(!leaks(hoverText), 'the hover shows no piece of the secret');

		const tree = api.tree!;
		const find = async (parent?: unknown): Promise<unknown> => {
			for (const child of (await tree.getChildren(parent)) ?? []) {
				const item = await tree.getTreeItem(child);
				const label = typeof item.label === 'string' ? item.label : item.label?.label;
				if (label === 'vault-db') {
					return child;
				}
				if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
					const found = await find(child);
					if (found) {
						return found;
					}
				}
			}
			return undefined;
		};
		const element = await waitFor(() => find(), 'vault-db in the tree');
		const item = await tree.getTreeItem(element);
		const resolved = tree.resolveTreeItem ? await tree.resolveTreeItem(item, element, new vscode.CancellationTokenSource().token) : item;
		const tooltip = markdownOf((resolved ?? item).tooltip);
		const shown = tooltip.replace(/\\(.)/g, '$1'); // the markdown escapes, undone
		assert.ok(shown.includes('**vault-db**') && shown.includes('- Username: "app"'), shown);
		assert.match(shown, /- Password: secret(: (set|not set))?\n/);
		assert.ok(!leaks(tooltip) && !leaks(String(item.description ?? '')), 'the tree shows no piece of the secret');
	});

	it('a rename with F2 (the rename provider) moves the stored secret to the new ID', async () => {
		const doc = await vscode.workspace.openTextDocument(file());
		await vscode.window.showTextDocument(doc);
		const repo = await waitFor(() => api.model.repositoryFor(file()), 'the fixture repository');
		const read = (id: string) => vscode.commands.executeCommand<string | undefined>('connections.test.readSecret', repo.folder.toString(), id, 'Password');
		assert.equal(await read('vault-db'), CANARY);
		const at = doc.positionAt(doc.getText().indexOf('"vault-db"') + 2);
		const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', file(), at, 'vault-main');
		assert.ok(edit && (await vscode.workspace.applyEdit(edit)));
		await waitFor(async () => (await read('vault-main')) === CANARY, 'the secret under the new ID');
		await waitFor(async () => (await read('vault-db')) === undefined, 'nothing left under the old ID');
		await doc.save();
	});

});
