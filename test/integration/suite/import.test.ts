import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { importRepository } from '../../../src/core/platform/importRepository';
import { connectionsApi } from './connectionsHelpers';
import { waitFor } from './util';

function file(rel: string): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...rel.split('/'));
}

async function text(uri: vscode.Uri): Promise<string> {
	return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('import from component.yaml', () => {
	const folder = file('import-fixture');
	const target = vscode.Uri.joinPath(folder, 'connections.json');

	after(async function () {
		this.timeout(30_000);
		const edit = new vscode.WorkspaceEdit();
		edit.deleteFile(target, { ignoreIfNotExists: true });
		await vscode.workspace.applyEdit(edit);
		// Later suites (the tree's) count repositories and reveal items: wait until this one has left the
		// model and the tree has settled on the others.
		const api = await connectionsApi();
		await waitFor(() => !api.model.repositories().some((r) => r.folder.toString() === folder.toString()) || undefined, 'the imported repository to leave the model', 20_000);
		await waitFor(async () => ((await api.tree!.getChildren()) ?? []).length === api.model.repositories().length || undefined, 'the tree to drop its root', 10_000);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	it('creates connections.json from the .choreo files as one edit, opens it, and the repository is analysed with no error', async function () {
		this.timeout(40_000);
		const api = await connectionsApi();
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)), 'the fixture starts without connections.json');
		const expected = importRepository([
			{ folder: 'services/billing', name: 'component.yaml', text: await text(file('import-fixture/services/billing/.choreo/component.yaml')) },
			{ folder: 'services/orders', name: 'component.yaml', text: await text(file('import-fixture/services/orders/.choreo/component.yaml')) },
		], 'import-fixture').text;
		const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('connections.importFromComponentYaml', { folder });
		assert.equal(created?.toString(), target.toString());
		assert.equal(await text(target), expected, 'the file holds exactly what the import planned');
		assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the new file is opened');
		assert.match(expected, /"id": "fx-payments",\n {8}"kind": "service"/, 'fx-payments, used by both components, is a project connection');
		const repo = await waitFor(() => api.model.repositories().find((r) => r.folder.toString() === folder.toString() && r.indexed), 'the imported repository to be indexed', 20_000);
		const errors = [...repo.project.analyze()].flatMap(([f, ps]) => ps.filter((p) => p.severity === 'error').map((p) => `${f}: ${p.code}`));
		assert.deepEqual(errors, [], 'connections.json and both component.yaml files agree, with no error');
		assert.deepEqual(vscode.languages.getDiagnostics(target).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
		assert.deepEqual(repo.project.index.model.components.map((c) => c.id), ['billing', 'orders']);
		// Running it again never overwrites: the file is opened as it is.
		const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('connections.importFromComponentYaml', { folder });
		assert.equal(again?.toString(), target.toString());
		assert.equal(await text(target), expected);
	});
});
