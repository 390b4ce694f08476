import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { skipWithoutDrawnPage, ui } from './uiBridge';

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
});
