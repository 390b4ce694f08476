// docs/reliability.md T1 in the real editor: with workspace trust on and the folder untrusted, reading
// features work, and nothing touches secret storage.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { ui } from '../suite/uiBridge';
import { retry, waitFor, codeOf } from '../suite/util';

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
			return d.length >= 9 ? d.map((x) => codeOf(x)).sort() : undefined;
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
		const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'plain-secret'), 'the plain-secret warning');
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

	// The last test: it grants trust. Before, Test Connection sends nothing; after, without a reload, every refused command works.
	it('Test Connection is refused in code (the server sees no request); granting trust enables it and the other gated commands without a reload', async function () {
		this.timeout(90_000);
		const requests: string[] = [];
		const server = http.createServer((req, res) => { requests.push(`${req.method} ${req.url}`); res.end('ok'); });
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		const port = (server.address() as AddressInfo).port;
		const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'trust-fixture');
		const file = vscode.Uri.joinPath(folder, 'connections.json');
		const dotenv = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'services', 'orders', '.env');
		try {
			await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify({ version: 1, organization: { id: 'acme', connections: [
				{ id: 'local-api', kind: 'third-party', target: 'thirdparty:local/v1', parameters: { ServiceURL: `http://127.0.0.1:${port}/health`, ApiKey: { secret: true } } },
			] } })));
			await vscode.workspace.openTextDocument(file);
			const repository = (await waitFor(() => {
				const r = api.model.repositoryFor(file);
				return r?.folder.path.endsWith('/trust-fixture') && r.project.index.model.allConnections.length === 1 ? r : undefined;
			}, 'the trust fixture repository', 40_000)).folder.toString();
			const args = { repository, connectionId: 'local-api', environment: 'development' };
			assert.equal(await vscode.commands.executeCommand('connections.testConnection', args), undefined);
			assert.deepEqual(requests, [], 'no request in Restricted Mode');

			// Grant trust as a user does: Manage Workspace Trust, then the Trust button.
			await retry(async () => {
				await ui('palette', { title: 'Workspaces: Manage Workspace Trust' });
				await ui('click', { selector: '.workspace-trust-editor .monaco-button:text-is("Trust")' });
			}, 'granting trust', 40_000, 500, 20_000);
			await waitFor(() => vscode.workspace.isTrusted || undefined, 'the workspace to be trusted', 20_000);

			const result = await vscode.commands.executeCommand<{ results: { ok: boolean }[] }>('connections.testConnection', args);
			assert.deepEqual(result?.results.map((r) => r.ok), [true], 'Test Connection works once trusted');
			assert.deepEqual(requests, ['GET /health']);
			assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { ...args, key: 'ApiKey', value: 'after-trust' }), true, 'Set Secret Value works once trusted');
			assert.equal(await vscode.commands.executeCommand('connections.test.readSecret', repository, 'local-api', 'ApiKey', 'development'), 'after-trust');
			const root = vscode.workspace.workspaceFolders![0].uri;
			assert.ok(await vscode.commands.executeCommand('connections.generateDotenv', { repository: root, componentId: 'orders-api', environment: 'development', includeSecrets: false }), 'Generate .env works once trusted');
			await vscode.workspace.fs.stat(dotenv);
			const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('connections.openTerminal', { repository: root, componentId: 'orders-api', environment: 'development' });
			assert.ok(terminal, 'Open Terminal works once trusted');
			terminal.dispose();
			assert.equal(await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository, confirmed: true }), 1);
		} finally {
			server.close();
			await Promise.resolve(vscode.workspace.fs.delete(folder, { recursive: true })).catch(() => undefined);
			await Promise.resolve(vscode.workspace.fs.delete(dotenv)).catch(() => undefined);
		}
	});
});
