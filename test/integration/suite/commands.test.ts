// The connection commands, driven with argument objects (no UI), on examples/acme-shop:
// each write gives the exact expected connections.json text and one undo restores it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { starterFile } from '../../../src/core/views/connectionForm';
import { parseConnectionsText } from '../../../src/core/json/parse';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { Repository } from '../../../src/vscode/workspaceModel';
import { connectionsApi, insertAfter, openConnections, restoreConnections, restoreText, rootRepository, settled, tree, undoAndCheck, without } from './connectionsHelpers';
import { waitFor } from './util';

const LOYALTY_END = '"ConsumerSecret": { "secret": true } },\n\t\t\t},';
const STRIPE = '\t\t\t{\n\t\t\t\t"id": "stripe",\n\t\t\t\t"name": "Stripe",\n\t\t\t\t"kind": "third-party",\n\t\t\t\t"target": "thirdparty:stripe/v1",\n\t\t\t\t"parameters": {\n\t\t\t\t\t"ServiceURL": "https://api.stripe.com/v1",\n\t\t\t\t\t"ApiKey": { "secret": true },\n\t\t\t\t},\n\t\t\t},\n';
const STOCK = '\t\t\t{\n\t\t\t\t"id": "stock-db",\n\t\t\t\t"kind": "database",\n\t\t\t\t"target": "database:pg-inventory/stock",\n\t\t\t\t"parameters": {\n\t\t\t\t\t"Hostname": "localhost",\n\t\t\t\t\t"Port": 5433,\n\t\t\t\t\t"Username": "inventory",\n\t\t\t\t\t"Password": { "secret": true },\n\t\t\t\t\t"DatabaseName": "stock",\n\t\t\t\t},\n\t\t\t},';

function replaceOnce(text: string, from: string, to: string): string {
	assert.equal(text.split(from).length, 2, `"${from}" occurs exactly once`);
	return text.replace(from, () => to);
}

describe('connection commands', () => {
	let api: ConnectionsApi;
	let repo: Repository;
	let editor: vscode.TextEditor;
	let original: string;
	const run = <T>(command: string, args: object) => vscode.commands.executeCommand<T>(command, { repository: repo.folder, ...args });

	before(async () => {
		api = await connectionsApi();
		repo = await rootRepository(api);
		editor = await openConnections(repo);
		original = editor.document.getText();
		await settled(repo, editor.document);
	});

	beforeEach(async () => {
		editor = await openConnections(repo);
		await settled(repo, editor.document);
	});

	after(() => restoreConnections(repo, original));

	it('Add Connection, answered by arguments, writes the exact connection and one undo restores the file', async () => {
		const result = await run<{ id: string; message: string; storedSecrets: string[]; unsetSecrets: string[] }>('connections.addConnection', { scope: 'project', kind: 'database', id: 'audit-db', target: 'database:main/audit' });
		assert.deepEqual(result, { id: 'audit-db', storedSecrets: [], unsetSecrets: [], message: 'Added connection "audit-db" (project).' });
		const expected = insertAfter(original, LOYALTY_END, '\n\t\t\t{\n\t\t\t\t"id": "audit-db",\n\t\t\t\t"kind": "database",\n\t\t\t\t"target": "database:main/audit"\n\t\t\t},');
		assert.equal(editor.document.getText(), expected);
		// It ends by showing the new connection: its ID selected in the file, and selected in the tree.
		const active = vscode.window.activeTextEditor;
		assert.equal(active?.document.uri.toString(), repo.connectionsUri.toString());
		assert.equal(active.document.getText(active.selection), 'audit-db');
		const element = await waitFor(() => tree(api).findConnection({ repository: repo.folder.toString(), connectionId: 'audit-db' }), 'audit-db in the tree');
		await waitFor(() => api.treeView!.selection.includes(element) || undefined, 'audit-db selected in the tree');
		await undoAndCheck(repo, editor, original);
	});

	it('Add Connection writes secrets as { "secret": true } (never a value) and adds the ID to uses, in one undo step', async () => {
		const ok = await run<object>('connections.addConnection', {
			scope: 'organization', kind: 'service', id: 'audit-api', target: 'service:/shop/audit/v1/api/ORGANIZATION', security: 'oauth2', oauthApp: 'audit-app',
			parameters: { ServiceURL: 'https://audit.acme.example', ConsumerSecret: 'CANARY-7f3a-never-written' }, addToUses: ['orders-api'],
			secretValues: { ConsumerSecret: 'CANARY-7f3a-stored' },
		});
		assert.deepEqual(ok, { id: 'audit-api', storedSecrets: ['ConsumerSecret'], unsetSecrets: [], message: 'Added connection "audit-api" (organization). Used by orders-api. Stored 1 secret value(s).' });
		assert.equal(await vscode.commands.executeCommand('connections.test.readSecret', repo.folder.toString(), 'audit-api', 'ConsumerSecret', undefined), 'CANARY-7f3a-stored', 'the value asked for is in secret storage');
		const text = editor.document.getText();
		assert.ok(!text.includes('CANARY'), 'no secret value reaches the file');
		const parsed = parseConnectionsText(text);
		assert.equal(parsed.hasSyntaxErrors, false);
		const added = parsed.model.allConnections.find((c) => c.id === 'audit-api')!;
		assert.equal(added.scope, 'organization');
		assert.deepEqual(JSON.parse(text.slice(added.span.offset, added.span.offset + added.span.length)), {
			id: 'audit-api', kind: 'service', target: 'service:/shop/audit/v1/api/ORGANIZATION', access: 'organization',
			security: { scheme: 'oauth2', oauthApp: 'audit-app' }, parameters: { ServiceURL: 'https://audit.acme.example', ConsumerSecret: { secret: true } },
		});
		assert.deepEqual(parsed.model.components.find((c) => c.id === 'orders-api')!.uses.map((u) => u.id), ['shared-postgres', 'payments', 'catalog', 'audit-api']);
		await undoAndCheck(repo, editor, original);
		await vscode.commands.executeCommand('connections.clearSecretValue', { repository: repo.folder, connectionId: 'audit-api', key: 'ConsumerSecret' });
	});

	it('Add Connection refuses a taken ID or a bad target and writes nothing', async () => {
		assert.equal(await run<boolean>('connections.addConnection', { scope: 'project', kind: 'database', id: 'payments', target: 'database:x' }), false);
		assert.equal(await run<boolean>('connections.addConnection', { scope: 'project', kind: 'database', id: 'fine-id', target: 'thirdparty:x/v1' }), false);
		assert.equal(await run<boolean>('connections.addConnection', { scope: 'component', component: 'inventory', kind: 'database', id: 'a--b', target: 'database:x' }), false);
		assert.equal(editor.document.getText(), original);
	});

	it('Delete Connection removes it and its uses entries; one undo restores the file', async () => {
		assert.equal(await run<boolean>('connections.deleteConnection', { connectionId: 'stripe', confirm: true }), true);
		const expected = without(original, STRIPE).replace('"uses": ["stripe", "carrier-api"]', '"uses": ["carrier-api"]');
		assert.equal(editor.document.getText(), expected);
		await undoAndCheck(repo, editor, original);
	});

	it('Delete Connection also removes its reference from component.yaml, in the same edit', async () => {
		const yamlDoc = await vscode.workspace.openTextDocument(repo.uriOf('services/orders/.choreo/component.yaml'));
		const yamlBefore = yamlDoc.getText();
		try {
			assert.equal(await run<boolean>('connections.deleteConnection', { connectionId: 'catalog', confirm: true }), true);
			assert.equal(yamlDoc.getText(), without(yamlBefore, '    - name: catalog\n      resourceRef: service:/shop/catalog/v1/catalog-api/PROJECT\n'));
			assert.ok(!parseConnectionsText(editor.document.getText()).model.allConnections.some((c) => c.id === 'catalog'));
		} finally {
			// A refactoring saves the files it changed that no editor shows: put both back, buffer and disk.
			for (const [doc, text] of [[yamlDoc, yamlBefore], [editor.document, original]] as const) {
				await restoreText(repo, doc, text);
				if (doc.isDirty) {
					assert.ok(await doc.save());
				}
			}
		}
	});

	it('Delete Connection does nothing when the confirmation is declined', async () => {
		assert.equal(await run<boolean>('connections.deleteConnection', { connectionId: 'stripe', confirm: false }), false);
		assert.equal(editor.document.getText(), original);
	});

	it('Change Scope promotes a component connection to the project (keeping its text) and the component keeps it in uses', async () => {
		assert.equal(await run<boolean>('connections.changeScope', { connectionId: 'stock-db', to: 'project' }), true);
		let expected = without(original, '\n' + STOCK.replace(/^/gm, '\t\t') + '\n\t\t\t\t');
		expected = insertAfter(expected, '"uses": ["catalog"', ', "stock-db"');
		expected = insertAfter(expected, LOYALTY_END, '\n' + STOCK);
		assert.equal(editor.document.getText(), expected);
		await undoAndCheck(repo, editor, original);
	});

	it('Change Scope asks before narrowing a connection that other components use, and writes nothing when declined', async () => {
		// catalog is used by orders-api, inventory and (in source) shipping: moving it into orders-api takes it from the others.
		assert.equal(await run<boolean>('connections.changeScope', { connectionId: 'catalog', to: 'component:orders-api', confirm: false }), false);
		assert.equal(editor.document.getText(), original);
	});

	it('Edit Connection changes one field on its own path; access and the target\'s last segment move together', async () => {
		assert.equal(await run<boolean>('connections.editConnection', { connectionId: 'payments', field: 'description', value: 'Payments' }), true);
		assert.equal(editor.document.getText(), replaceOnce(original, '"The payments service, exposed to the whole organization."', '"Payments"'));
		await undoAndCheck(repo, editor, original);
		assert.equal(await run<boolean>('connections.editConnection', { connectionId: 'loyalty', field: 'access', value: 'organization' }), true);
		const expected = replaceOnce(replaceOnce(original, 'service:/marketing/loyalty/v2/points/PUBLIC', 'service:/marketing/loyalty/v2/points/ORGANIZATION'), '"access": "public",', '"access": "organization",');
		assert.equal(editor.document.getText(), expected);
		await undoAndCheck(repo, editor, original);
	});

	it('Rename Connection changes the definition, its uses and the source that reads it (the planner and edit of F2)', async () => {
		const before = new Map<string, string>();
		for (const r of repo.project.referencesTo('loyalty')) {
			const doc = await vscode.workspace.openTextDocument(repo.uriOf(r.file));
			before.set(doc.uri.toString(), doc.getText());
		}
		try {
			assert.equal(await run<boolean>('connections.renameConnection', { connectionId: 'loyalty', newId: 'loyalty-points' }), true);
			const text = editor.document.getText();
			const parsed = parseConnectionsText(text);
			assert.ok(parsed.model.allConnections.some((c) => c.id === 'loyalty-points' && c.scope === 'project'));
			assert.deepEqual(parsed.model.components.find((c) => c.id === 'notifications')!.uses.map((u) => u.id), ['loyalty-points', 'payment']);
			assert.equal(text, original.replaceAll('"loyalty"', '"loyalty-points"'), 'the definition and the uses entry, nothing else');
			const program = before.get(vscode.Uri.joinPath(repo.folder, 'services', 'notifications', 'Program.cs').toString());
			assert.ok(program, `Program.cs is among the files that refer to loyalty: ${[...before.keys()].join(', ')}`);
			const programNow = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(repo.folder, 'services', 'notifications', 'Program.cs'))).getText();
			assert.equal(programNow, program.replaceAll('CHOREO_LOYALTY_', 'CHOREO_LOYALTY_POINTS_'), 'the C# reads follow the new ID');
		} finally {
			for (const [uri, text] of before) {
				const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
				await restoreText(repo, doc, text);
				if (doc.isDirty) {
					await doc.save();
				}
			}
		}
		assert.equal(editor.document.getText(), original);
	});

	it('Copy Connection ID puts the ID on the clipboard', async () => {
		assert.equal(await run<string>('connections.copyId', { connectionId: 'shared-postgres' }), 'shared-postgres');
		assert.equal(await vscode.env.clipboard.readText(), 'shared-postgres');
	});

	it('Copy Variable Names gives every variable, with the component\'s env renames', async () => {
		await run('connections.copyVariableNames', { connectionId: 'payments', componentId: 'orders-api' });
		assert.equal(await vscode.env.clipboard.readText(), ['PAYMENTS_URL', 'CHOREO_PAYMENTS_CONSUMERKEY', 'CHOREO_PAYMENTS_CONSUMERSECRET', 'CHOREO_PAYMENTS_TOKENURL', 'CHOREO_PAYMENTS_CHOREOAPIKEY'].join('\n'));
		await run('connections.copyVariableNames', { connectionId: 'stock-db' });
		assert.equal(await vscode.env.clipboard.readText(), ['HOSTNAME', 'PORT', 'USERNAME', 'PASSWORD', 'DATABASENAME'].map((k) => `CHOREO_STOCK_DB_${k}`).join('\n'));
	});

	it('Reveal in connections.json selects the connection\'s ID', async () => {
		assert.equal(await run<boolean>('connections.revealInFile', { connectionId: 'catalog' }), true);
		const active = vscode.window.activeTextEditor!;
		assert.equal(active.document.uri.toString(), repo.connectionsUri.toString());
		assert.equal(active.document.getText(active.selection), 'catalog');
	});

	it('Show References lists the definition, uses, source and component.yaml references', async () => {
		const locations = await run<vscode.Location[]>('connections.showReferences', { connectionId: 'catalog' });
		const files = [...new Set(locations.map((l) => vscode.workspace.asRelativePath(l.uri, false)))].sort();
		assert.deepEqual(files, ['connections.json', 'services/inventory/app.py', 'services/orders/.choreo/component.yaml', 'services/orders/src/index.ts', 'services/shipping/main.go']);
		await vscode.commands.executeCommand('closeReferenceSearch');
	});

	it('commands that write refuse while connections.json has syntax errors, and change nothing', async () => {
		const doc = editor.document;
		const broken = original.replace('"version": 1,', '"version": 1,,');
		await restoreText(repo, doc, broken);
		try {
			assert.equal(await run<boolean>('connections.addConnection', { scope: 'project', kind: 'database', id: 'audit-db', target: 'database:main/audit' }), false);
			assert.equal(await run<boolean>('connections.deleteConnection', { connectionId: 'stripe', confirm: true }), false);
			assert.equal(doc.getText(), broken);
		} finally {
			await restoreText(repo, doc, original);
		}
	});

	it('Validate Workspace re-indexes and sums up the findings, keeping the repositories callers hold', async () => {
		const held = repo;
		const summary = await vscode.commands.executeCommand<{ errors: number; warnings: number; files: number }>('connections.validateWorkspace');
		// examples/acme-shop: 3 errors and 2 warnings in connections.json, 1 warning in services/shipping/main.go;
		// quickfix-fixture: 1 error in worker/index.ts, 2 warnings in worker/.choreo/component.yaml; codelens-fixture: none.
		assert.deepEqual(summary, { errors: 4, warnings: 5, files: 4 });
		assert.strictEqual(await rootRepository(api), held, 'the refreshed repository is the object callers already hold');
		await settled(held, editor.document);
	});

	it('Open connections.json opens the repository\'s file', async () => {
		const opened = await run<vscode.TextEditor>('connections.openFile', {});
		assert.equal(opened?.document.uri.toString(), repo.connectionsUri.toString());
	});

	it('Create connections.json writes a starter file in a folder without one, and never overwrites', async () => {
		const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'created-by-commands-test');
		const file = vscode.Uri.joinPath(folder, 'connections.json');
		await vscode.workspace.fs.createDirectory(folder);
		try {
			const created = await vscode.commands.executeCommand<vscode.Uri>('connections.createFile', { folder });
			assert.equal(created?.toString(), file.toString());
			const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
			assert.equal(text, starterFile('created-by-commands-test'));
			assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
			// It becomes a second repository, shown as its own root with its relative path.
			const root = await waitFor(() => tree(api).getChildren().find((e) => e.repoKey === folder.toString()), 'the new repository in the tree');
			assert.equal(tree(api).getTreeItem(root).description, 'created-by-commands-test');
			// A second run leaves the file alone.
			await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{ "version": 1 } // edited\n'));
			await vscode.commands.executeCommand('connections.createFile', { folder });
			assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), '{ "version": 1 } // edited\n');
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
			await vscode.workspace.fs.delete(file);
			await waitFor(() => !api.model.repositories().some((r) => r.folder.toString() === folder.toString()), 'the removed repository to leave the model');
			await vscode.workspace.fs.delete(folder, { recursive: true });
		}
	});
});
