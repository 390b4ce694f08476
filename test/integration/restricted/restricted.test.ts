// docs/reliability.md T1 in the real editor: with workspace trust on and the folder untrusted, reading
// features work, and nothing touches secret storage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { waitFor } from '../suite/util';

const EXT_ID = 'connections-tools.choreo-connections';

describe('Restricted Mode (untrusted workspace)', () => {
	let api: ConnectionsApi;
	const connectionsUri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'connections.json');

	before(async () => {
		console.log(`    vscode.version=${vscode.version} isTrusted=${vscode.workspace.isTrusted}`);
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
	});

	it('the folder really is untrusted, and the extension still activates (limited support)', () => {
		assert.equal(vscode.workspace.isTrusted, false);
		assert.equal(vscode.extensions.getExtension(EXT_ID)!.isActive, true);
	});

	it('diagnostics, the tree and hover work', async () => {
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		const codes = await waitFor(() => {
			const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'connections');
			return d.length >= 9 ? d.map((x) => String(x.code)).sort() : undefined;
		}, 'diagnostics in Restricted Mode', 20000);
		// Four components without a component.yaml (information), then the example's deliberate mistakes.
		assert.deepEqual(codes, [...Array(4).fill('component-yaml-missing-file'), 'oauth-app-project-mismatch', 'out-of-scope-reference', 'plain-secret', 'unknown-connection', 'unknown-parameter']);
		const roots = (await api.tree!.getChildren()) ?? [];
		const labels = await Promise.all(roots.map(async (r) => {
			const item = await api.tree!.getTreeItem(r);
			return typeof item.label === 'string' ? item.label : item.label?.label;
		}));
		assert.deepEqual(labels, [vscode.workspace.workspaceFolders![0].name], 'one tree root, named for the folder');
		const at = doc.getText().indexOf('"payments"') + 2;
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at));
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		for (const part of ['**payments**', '**Scope:** project', '**Kind:** service', '**Used by:** orders\\-api']) {
			assert.ok(text.includes(part), `${part} in the hover:\n${text}`);
		}
	});

	it('moving a plain secret to secret storage is not offered, and no other fix touches the value', async () => {
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'plain-secret'), 'the plain-secret warning');
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range);
		assert.ok(!actions.some((a) => /secret storage/i.test(a.title)), `offered: ${actions.map((a) => a.title).join(' | ')}`);
		assert.match(doc.getText(), /"Password": "hunter2"/);
	});

	it('Set Secret Value, Clear Secret Value and Clear Stored Secrets refuse when called directly, and store nothing (#8)', async () => {
		const repository = vscode.workspace.workspaceFolders![0].uri.toString();
		const canary = 'CANARY-restricted-5e1f';
		assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository, connectionId: 'payments', key: 'ConsumerSecret', environment: 'development', value: canary }), false);
		assert.equal(await vscode.commands.executeCommand('connections.clearSecretValue', { repository, connectionId: 'payments', key: 'ConsumerSecret', environment: 'development' }), false);
		assert.equal(await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository, confirmed: true }), undefined);
		assert.equal(await vscode.commands.executeCommand('connections.test.readSecret', repository, 'payments', 'ConsumerSecret', 'development'), undefined);
		// No light bulb offers to set a value on { "secret": true } either.
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		const offset = doc.getText().indexOf('{ "secret": true }') + 3;
		assert.ok(offset > 3, 'the example has a { "secret": true } value');
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(doc.positionAt(offset), doc.positionAt(offset)));
		assert.ok(!actions.some((a) => a.command?.command === 'connections.setSecretValue'), `offered: ${actions.map((a) => a.title).join(' | ')}`);
	});

	it('the environment switch works in Restricted Mode (it reads no secret)', async () => {
		const repository = vscode.workspace.workspaceFolders![0].uri;
		const first = api.activeEnvironment!(repository);
		assert.ok(first, 'an active environment');
		assert.equal(await vscode.commands.executeCommand('connections.switchEnvironment', { repository, environment: 'production' }), 'production');
		assert.equal(api.activeEnvironment!(repository), 'production');
		await vscode.commands.executeCommand('connections.switchEnvironment', { repository, environment: first });
	});

	it('Open Terminal for Component is refused in code (it would read secrets and start a process): no terminal', async () => {
		const before = vscode.window.terminals.length;
		const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('connections.openTerminal', { repository: vscode.workspace.workspaceFolders![0].uri, componentId: 'orders-api', environment: 'development' });
		assert.equal(terminal, undefined);
		assert.equal(vscode.window.terminals.length, before);
	});

	it('Generate .env is refused in code: nothing is written', async () => {
		const folder = vscode.workspace.workspaceFolders![0].uri;
		assert.equal(await vscode.commands.executeCommand('connections.generateDotenv', { repository: folder, componentId: 'orders-api', environment: 'development', includeSecrets: true }), undefined);
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'services', 'orders', '.env'))));
	});
});
