import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ui, uiAvailable } from './uiBridge';

const EXT_ID = 'connections-tools.choreo-connections';

describe('activation', () => {
	it('runs in a real VS Code extension host', () => {
		console.log(`    vscode.version=${vscode.version} appHost=${vscode.env.appHost} node=${process.version}`);
		assert.match(vscode.version, /^\d+\.\d+\.\d+/);
	});

	it('opens a workspace folder', () => {
		const folders = vscode.workspace.workspaceFolders ?? [];
		assert.equal(folders.length, 1);
		assert.equal(folders[0].uri.scheme, 'file');
	});

	it(`finds and activates ${EXT_ID}`, async () => {
		const ext = vscode.extensions.getExtension(EXT_ID);
		assert.ok(ext, `${EXT_ID} is loaded in the extension host`);
		await ext.activate();
		assert.equal(ext.isActive, true);
	});

	it('reaches the workbench page through the UI bridge', async function () {
		if (!uiAvailable()) this.skip();
		const title = await ui('evaluate', { expression: 'document.title' });
		assert.equal(typeof title, 'string');
		const labels = (await ui('text', { selector: '.activitybar .action-item .action-label[aria-label]' })) as string[];
		assert.ok(Array.isArray(labels));
	});
});
