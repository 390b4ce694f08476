// Issue #8 items 1 and 2 in the real editor: Set Secret Value / Clear Secret Value / Clear Stored Secrets
// (with arguments, as tests and other extensions call them), set / not set per environment in the tree and
// the hover, the light bulb on { "secret": true }, and the environment switch through the API and its command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { EnvironmentChange } from '../../../src/vscode/environmentStatus';
import { skipWithoutDrawnPage, ui } from './uiBridge';
import { retry, waitFor } from './util';

const EXT_ID = 'connections-tools.choreo-connections';
const CANARY = 'CANARY-d41c8e2a9b07';
const FOLDER = 'secret-commands-fixture';

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const FIXTURE = [
	'{',
	'  "version": 1,',
	'  "environments": ["development", "staging", "production"],',
	'  "organization": {',
	'    "id": "acme",',
	'    "connections": [',
	'      { "id": "orders-db", "kind": "database", "target": "database:orders", "parameters": { "Username": "app", "Password": { "secret": true } } },',
	'      { "id": "stripe", "kind": "third-party", "target": "thirdparty:stripe/v1", "parameters": { "ApiKey": { "secret": true }, "BaseURL": "https://api.stripe.test" } }',
	'    ]',
	'  }',
	'}',
	'',
].join('\n');

describe('secret commands and the active environment', () => {
	const root = () => vscode.workspace.workspaceFolders![0].uri;
	const folder = () => vscode.Uri.joinPath(root(), FOLDER);
	const file = () => vscode.Uri.joinPath(folder(), 'connections.json');
	let api: ConnectionsApi;
	let repoKey: string;
	const read = (id: string, key: string, environment?: string) =>
		vscode.commands.executeCommand<string | undefined>('connections.test.readSecret', repoKey, id, key, environment);

	before(async function () {
		this.timeout(60000);
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(FIXTURE));
		await vscode.workspace.openTextDocument(file()); // an open buffer is read at once; the watcher may be slower
		// Until the new file is found, the file belongs to the enclosing repository: wait for its own.
		const repo = await waitFor(() => {
			const r = api.model.repositoryFor(file());
			return r?.folder.path.endsWith(`/${FOLDER}`) ? r : undefined;
		}, 'the fixture repository', 40000);
		repoKey = repo.folder.toString();
		await waitFor(() => repo.project.index.model.environments.length === 3, 'the fixture parsed', 20000);
	});

	after(async () => {
		await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository: repoKey, confirmed: true });
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await vscode.workspace.fs.delete(folder(), { recursive: true });
	});

	async function tooltipOf(id: string): Promise<string> {
		const tree = api.tree!;
		const find = async (parent: unknown, depth: number): Promise<unknown> => {
			for (const child of (await tree.getChildren(parent)) ?? []) {
				const item = await tree.getTreeItem(child);
				const label = typeof item.label === 'string' ? item.label : item.label?.label;
				if (depth === 0 && label !== FOLDER) {
					continue; // only this fixture's repository
				}
				if (depth > 0 && label === id) {
					return child;
				}
				if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
					const found = await find(child, depth + 1);
					if (found) {
						return found;
					}
				}
			}
			return undefined;
		};
		const element = await waitFor(() => find(undefined, 0), `${id} in the tree`, 20000);
		const item = await tree.getTreeItem(element);
		const resolved = await tree.resolveTreeItem!(item, element, new vscode.CancellationTokenSource().token);
		const tip = (resolved ?? item).tooltip;
		return (typeof tip === 'string' ? tip : tip?.value ?? '').replace(/\\(.)/g, '$1');
	}

	it('Set Secret Value with arguments stores one environment\'s value; tree and hover say set / not set per environment, never the value', async () => {
		assert.equal(vscode.workspace.isTrusted, true);
		const ok = await vscode.commands.executeCommand<boolean>('connections.setSecretValue', { repository: repoKey, connectionId: 'orders-db', key: 'Password', environment: 'staging', value: CANARY });
		assert.equal(ok, true);
		assert.equal(await read('orders-db', 'Password', 'staging'), CANARY);
		assert.equal(await read('orders-db', 'Password', 'development'), undefined);
		assert.equal(await read('orders-db', 'Password'), undefined);

		const tip = await tooltipOf('orders-db');
		assert.ok(tip.includes('- Password: secret: not set in development, set in staging, not set in production'), tip);
		assert.ok(!tip.includes(CANARY.slice(8)), 'no piece of the value in the tooltip');

		const doc = await vscode.workspace.openTextDocument(file());
		await vscode.window.showTextDocument(doc);
		const at = doc.positionAt(doc.getText().indexOf('"orders-db"') + 2);
		const hover = await waitFor(async () => {
			const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file(), at);
			const text = h.flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
			return text.includes('| Password |') ? text : undefined;
		}, 'a hover on orders-db');
		assert.ok(hover.includes('| Password | *secret\\: not set* | *secret\\: set* | *secret\\: not set* |'), hover);
		assert.ok(!hover.includes(CANARY.slice(8)));
		const hits = filesUnder(root().fsPath).filter((f) => fs.readFileSync(f).includes(CANARY));
		assert.deepEqual(hits, [], 'no workspace file holds the value');
	});

	it('the light bulb on { "secret": true } offers Set Secret Value for that key', async () => {
		const doc = await vscode.workspace.openTextDocument(file());
		const offset = doc.getText().indexOf('"ApiKey": { "secret": true }') + 14;
		const range = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset));
		const actions = await waitFor(async () => {
			const list = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file(), range);
			return list.some((a) => a.command?.command === 'connections.setSecretValue') ? list : undefined;
		}, 'the Set Secret Value action');
		const set = actions.find((a) => a.command?.command === 'connections.setSecretValue')!;
		assert.equal(set.title, 'Set secret value of ApiKey...');
		assert.deepEqual({ ...(set.command!.arguments![0] as object), repository: undefined }, { repository: undefined, connectionId: 'stripe', scope: 'organization', componentId: undefined, key: 'ApiKey' });
	});

	it('a key that is not secret, an unknown environment or an unknown connection is refused, and nothing is stored', async () => {
		assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'orders-db', key: 'Username', environment: 'staging', value: CANARY }), false);
		assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'orders-db', key: 'Password', environment: 'qa', value: CANARY }), false);
		assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'nope', key: 'Password', value: CANARY }), false);
		assert.equal(await read('orders-db', 'Username', 'staging'), undefined);
		assert.equal(await read('orders-db', 'Password', 'qa'), undefined);
	});

	it('a failing secret storage (no keyring): Set Secret Value and Clear Stored Secrets fail, and nothing is written anywhere else', async () => {
		const doc = await vscode.workspace.openTextDocument(file());
		const before = doc.getText();
		await vscode.commands.executeCommand('connections.test.failSecretStorage', true);
		try {
			assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'stripe', key: 'ApiKey', environment: 'production', value: CANARY + '-fail' }), false);
			assert.equal(await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository: repoKey, confirmed: true }), undefined);
			assert.equal(await vscode.commands.executeCommand('connections.clearSecretValue', { repository: repoKey, connectionId: 'orders-db', key: 'Password', environment: 'staging' }), false);
		} finally {
			await vscode.commands.executeCommand('connections.test.failSecretStorage', false);
		}
		assert.equal(await read('stripe', 'ApiKey', 'production'), undefined, 'nothing stored');
		assert.equal(await read('orders-db', 'Password', 'staging'), CANARY, 'nothing cleared');
		assert.equal(doc.getText(), before, 'connections.json untouched');
		const hits = filesUnder(root().fsPath).filter((f) => fs.readFileSync(f).includes(CANARY + '-fail'));
		assert.deepEqual(hits, [], 'no workspace file holds the value');
	});

	it('Clear Secret Value deletes one value; Clear Stored Secrets deletes the rest of the repository and says how many', async () => {
		assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'stripe', key: 'ApiKey', value: CANARY + '-all' }), true);
		assert.equal(await read('stripe', 'ApiKey'), CANARY + '-all', 'a value given without an environment is for every environment');
		assert.ok((await tooltipOf('stripe')).includes('- ApiKey: secret: set in development, set in staging, set in production'));
		assert.equal(await vscode.commands.executeCommand('connections.clearSecretValue', { repository: repoKey, connectionId: 'orders-db', key: 'Password', environment: 'staging' }), true);
		assert.equal(await read('orders-db', 'Password', 'staging'), undefined);
		assert.equal(await vscode.commands.executeCommand('connections.clearSecretValue', { repository: repoKey, connectionId: 'orders-db', key: 'Password', environment: 'staging' }), false, 'nothing left to clear');
		assert.equal(await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository: repoKey, confirmed: true }), 1);
		assert.equal(await read('stripe', 'ApiKey'), undefined);
		assert.equal(await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository: repoKey, confirmed: true }), 0);
	});

	it('the environment switch: the API, the command with arguments, the status bar, the event, and a fallback when the environment disappears', async () => {
		assert.equal(api.activeEnvironment!(folder()), 'development', 'the first declared environment by default');
		assert.equal(api.activeEnvironment!(file()), 'development', 'any file of the repository names it');
		const doc = await vscode.workspace.openTextDocument(file());
		await vscode.window.showTextDocument(doc);
		await waitFor(() => api.environmentStatus!.text.endsWith(': development') || api.environmentStatus!.text.endsWith(' development'), 'the status bar item for the fixture');
		assert.ok(api.environmentStatus!.text.includes(FOLDER), api.environmentStatus!.text);
		assert.equal(api.environmentStatus!.command && typeof api.environmentStatus!.command === 'object' ? api.environmentStatus!.command.command : api.environmentStatus!.command, 'connections.switchEnvironment');

		const changes: EnvironmentChange[] = [];
		const sub = api.onDidChangeEnvironment!((e) => changes.push(e));
		try {
			assert.equal(await vscode.commands.executeCommand('connections.switchEnvironment', { repository: repoKey, environment: 'staging' }), 'staging');
			assert.equal(api.activeEnvironment!(folder()), 'staging');
			await waitFor(() => api.environmentStatus!.text.endsWith('staging'), 'the status bar to show staging');
			assert.deepEqual(changes.map((c) => [c.repository.toString(), c.environment]), [[repoKey, 'staging']]);

			assert.equal(await vscode.commands.executeCommand('connections.switchEnvironment', { repository: repoKey, environment: 'qa' }), undefined, 'an undeclared environment is refused');
			assert.equal(api.activeEnvironment!(folder()), 'staging');

			// The remembered environment leaves connections.json: the default takes over, and the event says so.
			const edit = new vscode.WorkspaceEdit();
			const text = doc.getText();
			const from = text.indexOf('"staging", ');
			edit.delete(file(), new vscode.Range(doc.positionAt(from), doc.positionAt(from + '"staging", '.length)));
			assert.ok(await vscode.workspace.applyEdit(edit));
			await waitFor(() => api.activeEnvironment!(folder()) === 'development', 'the fallback to the first environment', 20000);
			await waitFor(() => changes.length === 2, 'the change event of the fallback');
			assert.deepEqual([changes[1].repository.toString(), changes[1].environment], [repoKey, 'development']);
			await doc.save();
		} finally {
			sub.dispose();
		}
	});

	it('clicking the status bar item opens the environments, the active one first, and picking one switches', async function () {
		skipWithoutDrawnPage(this);
		this.timeout(60000);
		const doc = await vscode.workspace.openTextDocument(file());
		await vscode.window.showTextDocument(doc);
		const active = api.activeEnvironment!(folder())!;
		await waitFor(() => api.environmentStatus!.text.endsWith(active) && api.environmentStatus!.text.includes(FOLDER), 'the status bar item for the fixture');
		const item = `.statusbar-item:has-text("${FOLDER}: ${active}")`;
		await ui('waitFor', { selector: item, timeoutMs: 15000 });
		const row = '.quick-input-widget .quick-input-list .monaco-list-row';
		// On a loaded machine a click can land before the item is ready: click again until the pick shows (a
		// second click is made only while no pick is open, so it never closes one).
		await retry(async () => {
			const open = (await ui('evaluate', { expression: `(() => { const r = document.querySelector('${row}'); return !!r && r.offsetParent !== null; })()` })) as boolean;
			if (!open) {
				await ui('click', { selector: item });
			}
			await ui('waitFor', { selector: row, timeoutMs: 4000 });
		}, 'the environment pick to open', 30000, 200, 8000);
		const rows = (await ui('text', { selector: `${row} .label-name` })) as string[];
		const offered = [active, ...['development', 'production'].filter((e) => e !== active)];
		assert.deepEqual(rows.map((r) => r.trim()), offered, 'the active environment first, then the others in file order');
		await ui('press', { key: 'ArrowDown' });
		await ui('press', { key: 'Enter' });
		await waitFor(() => api.activeEnvironment!(folder()) === offered[1], `the switch to ${offered[1]}`);
		await ui('waitFor', { selector: `.statusbar-item:has-text("${FOLDER}: ${offered[1]}")`, timeoutMs: 15000 });
	});

	it('Set Secret Value asks for the environment, then the value in a password box, and stores it there', async function () {
		skipWithoutDrawnPage(this);
		this.timeout(60000);
		const active = api.activeEnvironment!(folder())!;
		const pending = vscode.commands.executeCommand<boolean>('connections.setSecretValue', { repository: repoKey, connectionId: 'orders-db' });
		const row = '.quick-input-widget .quick-input-list .monaco-list-row';
		await ui('waitFor', { selector: row, timeoutMs: 15000 });
		const detail = 'One value used wherever no environment has its own'; // the last item's second line
		const rows = ((await ui('text', { selector: `${row} .label-name` })) as string[]).map((r) => r.trim()).filter((r) => r !== detail);
		assert.deepEqual(rows, [active, ...['development', 'production'].filter((e) => e !== active), 'Every environment']);
		await ui('press', { key: 'Enter' }); // the active environment
		const password = '.quick-input-widget input[type="password"]';
		await ui('waitFor', { selector: password, timeoutMs: 15000 });
		const value = 'CANARY-typed-3b9e';
		for (const ch of value) {
			await ui('press', { key: ch });
		}
		await ui('press', { key: 'Enter' });
		assert.equal(await pending, true);
		assert.equal(await read('orders-db', 'Password', active), value);
		const hits = filesUnder(root().fsPath).filter((f) => fs.readFileSync(f).includes(value));
		assert.deepEqual(hits, [], 'no workspace file holds the typed value');
	});
});
