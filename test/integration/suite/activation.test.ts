import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { connectionsApi } from './connectionsHelpers';
import { skipWithoutDrawnPage, ui } from './uiBridge';
import { waitFor } from './util';

const EXT_ID = 'connections-tools.choreo-connections';

describe('activation', () => {
	it('runs in a real VS Code extension host, of a version the manifest accepts', () => {
		console.log(`    vscode.version=${vscode.version} appHost=${vscode.env.appHost} node=${process.version}`);
		const wanted = /^\^(\d+)\.(\d+)\.\d+$/.exec(vscode.extensions.getExtension(EXT_ID)!.packageJSON.engines.vscode as string);
		assert.ok(wanted, 'engines.vscode is a caret range');
		const [major, minor] = vscode.version.split('.').map(Number);
		assert.equal(major, Number(wanted[1]), `VS Code ${vscode.version}`);
		assert.ok(minor >= Number(wanted[2]), `VS Code ${vscode.version} is older than engines.vscode ${wanted[0]}`);
	});

	it('opens a workspace folder', () => {
		const folders = vscode.workspace.workspaceFolders ?? [];
		assert.equal(folders.length, 1);
		assert.equal(folders[0].uri.scheme, 'file');
	});

	it(`finds and activates ${EXT_ID}; every command of the manifest is registered`, async () => {
		const ext = vscode.extensions.getExtension<ConnectionsApi>(EXT_ID);
		assert.ok(ext, `${EXT_ID} is loaded in the extension host`);
		const api = await ext.activate();
		assert.equal(ext.isActive, true);
		assert.ok(api.model && api.tree && api.treeView, 'activate returns the model, the tree and its view');
		const registered = new Set(await vscode.commands.getCommands(true));
		const declared = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
		assert.deepEqual(declared.filter((c) => !registered.has(c)), [], 'declared but not registered');
	});

	it('reaches the workbench page through the UI bridge: the title names the folder, the activity bar shows Connections', async function () {
		skipWithoutDrawnPage(this);
		const title = (await ui('evaluate', { expression: 'document.title' })) as string;
		const folder = vscode.workspace.workspaceFolders![0].name;
		assert.ok(title.includes(folder), `the window title "${title}" names the folder "${folder}"`);
		const ariaLabels = (await ui('evaluate', { expression: `[...document.querySelectorAll('.activitybar .action-item .action-label[aria-label]')].map((e) => e.getAttribute('aria-label'))` })) as string[];
		// The label carries the problem badge when there is one: "Connections - 3 errors in connections".
		assert.ok(ariaLabels.some((l) => /^Connections($| - )/.test(l)), `the activity bar has our view container: ${JSON.stringify(ariaLabels)}`);
	});

	it('a repository created while another is deleted is kept: discovery runs one search at a time', async function () {
		this.timeout(60_000);
		const api = await connectionsApi();
		const root = vscode.workspace.workspaceFolders![0].uri;
		const starter = new TextEncoder().encode('{ "version": 1, "organization": { "id": "acme", "connections": [] } }\n');
		const file = (n: number) => vscode.Uri.joinPath(root, `discovery-fixture-${n}`, 'connections.json');
		const has = (n: number) => api.model.repositories().some((r) => r.folder.toString() === vscode.Uri.joinPath(file(n), '..').toString());
		try {
			await vscode.workspace.fs.writeFile(file(0), starter);
			await waitFor(() => has(0), 'the first fixture repository', 20_000);
			// Each round deletes the newest repository and creates the next one at once: two searches overlap.
			for (let n = 1; n <= 4; n++) {
				await Promise.all([vscode.workspace.fs.delete(vscode.Uri.joinPath(file(n - 1), '..'), { recursive: true }), vscode.workspace.fs.writeFile(file(n), starter)]);
				await waitFor(() => has(n) && !has(n - 1), `repository ${n} in the model and ${n - 1} gone`, 20_000);
			}
			// Settled: no late answer of an older search drops the newest one afterwards.
			await api.model.refresh();
			assert.ok(has(4) && !has(3));
		} finally {
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(file(4), '..'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
		}
		await waitFor(() => !has(4), 'the last fixture repository to leave the model', 20_000);
	});
});
