// A real Choreo repository: .choreo/component.yaml files and no connections.json. The Connections view
// says how many components it found and offers the import; after it the tree, diagnostics and hover work.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { drawnPage, ui } from '../suite/uiBridge';
import { waitFor } from '../suite/util';

const EXT_ID = 'connections-tools.choreo-connections';

describe('adopting a repository with only .choreo files', () => {
	let api: ConnectionsApi;
	const root = () => vscode.workspace.workspaceFolders![0].uri;
	const connectionsUri = () => vscode.Uri.joinPath(root(), 'connections.json');

	before(async () => {
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
	});

	it('activates on .choreo files, counts the components and offers the import in the Connections view', async function () {
		this.timeout(60_000);
		assert.equal(vscode.extensions.getExtension(EXT_ID)!.isActive, true);
		assert.deepEqual(api.model.repositories(), []);
		await vscode.commands.executeCommand('connections.explorer.focus');
		const description = await waitFor(() => api.treeView?.description || undefined, 'the view to say what it found', 20_000);
		assert.equal(description, '2 component(s) in .choreo files');
		assert.equal(api.treeView?.title, '2 component(s) found');
		if (drawnPage()) {
			await ui('waitFor', { selector: '.welcome-view-content a:has-text("Import from component.yaml")', timeoutMs: 20_000 });
			await ui('waitFor', { selector: '.composite.title:has-text("2 component(s) found"), .pane-header:has-text("2 component(s) found")' });
			const texts = await ui('text', { selector: '.welcome-view-content' }) as string[];
			assert.match(texts.join('\n'), /This workspace has components described in \.choreo files/);
			if (process.env.SCREENSHOTS_DIR) {
				await ui('screenshot', { path: `${process.env.SCREENSHOTS_DIR}/import-offer.png` });
			}
		}
	});

	it('after the import: the tree shows the components, component.yaml has no error, hover explains a reference', async function () {
		this.timeout(60_000);
		const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('connections.importFromComponentYaml');
		assert.equal(created?.toString(), connectionsUri().toString());
		const repo = await waitFor(() => api.model.repositories().find((r) => r.indexed), 'the new repository to be indexed', 20_000);
		assert.deepEqual(repo.project.index.model.components.map((c) => c.id), ['billing', 'orders']);
		await waitFor(() => (!api.treeView?.description && api.treeView?.title === 'Connections') || undefined, 'the count to go once connections.json exists', 10_000);
		const roots = (await api.tree!.getChildren()) ?? [];
		assert.equal(roots.length, 1, 'one tree root: the repository');
		const yaml = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'services', 'orders', '.choreo', 'component.yaml'));
		await vscode.window.showTextDocument(yaml);
		const errors = [...repo.project.analyze()].flatMap(([f, ps]) => ps.filter((p) => p.severity === 'error').map((p) => `${f}: ${p.code}`));
		assert.deepEqual(errors, []);
		const at = yaml.getText().indexOf('name: fx-payments') + 'name: '.length + 2;
		const hover = await waitFor(async () => {
			const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', yaml.uri, yaml.positionAt(at));
			const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
			return text.includes('**fx\\-payments**') ? text : undefined;
		}, 'a hover on the fx-payments reference', 10_000);
		for (const part of ['**Scope:** project', '**Kind:** service', '**Used by:** billing, orders']) {
			assert.ok(hover.includes(part), `${part} in the hover:\n${hover}`);
		}
	});
});
