// The Connections view as a user sees it, for examples/acme-shop: items, problem state,
// tooltips, reveal, following edits, the stale state on syntax errors, drag and drop.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { TreeElement } from '../../../src/vscode/treeElement';
import type { Repository } from '../../../src/vscode/workspaceModel';
import {
	connectionsApi, elementAt, insertAfter, openConnections, repoRoot, restoreConnections, restoreText, rootRepository, settled, tree, undoAndCheck, without } from './connectionsHelpers';
import { drawnPage, skipWithoutDrawnPage, ui } from './uiBridge';
import { retry, waitFor } from './util';

const MIME = 'application/vnd.code.tree.connections.explorer';
const LOYALTY_END = '"ConsumerSecret": { "secret": true } },\n\t\t\t},';

/** What a reader sees of an item: label | description | contextValue | icon[/colour]. */
function seen(api: ConnectionsApi, el: TreeElement): string {
	const item = tree(api).getTreeItem(el);
	const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id + (item.iconPath.color ? `/${(item.iconPath.color as vscode.ThemeColor).id}` : '') : '';
	return `${item.label} | ${item.description ?? ''} | ${item.contextValue} | ${icon}`;
}

function children(api: ConnectionsApi, el: TreeElement | undefined): TreeElement[] {
	assert.ok(el, 'the parent element exists');
	return tree(api).getChildren(el);
}

async function tooltipOf(api: ConnectionsApi, el: TreeElement): Promise<vscode.MarkdownString> {
	const t = tree(api);
	const item = await t.resolveTreeItem(t.getTreeItem(el), el, new vscode.CancellationTokenSource().token);
	assert.ok(item.tooltip instanceof vscode.MarkdownString, 'the tooltip is markdown');
	return item.tooltip;
}

/** Markdown source without its escapes, as the rendered text reads. */
const unescape = (md: string) => md.replace(/\\(.)/g, '$1');

describe('tree view (Connections)', () => {
	let api: ConnectionsApi;
	let repo: Repository;
	let original: string;

	before(async () => {
		api = await connectionsApi();
		repo = await rootRepository(api);
		const editor = await openConnections(repo);
		original = editor.document.getText();
		await settled(repo, editor.document);
		await waitFor(() => repoRoot(api, repo), 'the repository root in the tree');
	});

	after(() => restoreConnections(repo, original));

	it('shows one root per repository, then the organization, the project with its connections, and the components', () => {
		const roots = tree(api).getChildren();
		assert.equal(roots.length, api.model.repositories().length, 'a root for each repository');
		assert.equal(new Set(roots.map((r) => r.id)).size, roots.length, 'one root per repository');
		const root = repoRoot(api, repo)!;
		assert.equal(tree(api).getTreeItem(root).label, vscode.workspace.workspaceFolders![0].name);
		assert.deepEqual(children(api, root).map((e) => seen(api, e)), [
			'acme | organization · 2 connections | scope.organization | organization',
			'shop | project · 3 connections | scope.project | project',
		]);
		assert.deepEqual(children(api, elementAt(api, repo, ['acme'])).map((e) => seen(api, e)), [
			'shared-postgres | database · organization · 11 refs | connection.defined.organization | database',
			'stripe | third-party · organization · 2 refs | connection.defined.organization | globe',
		]);
		assert.deepEqual(children(api, elementAt(api, repo, ['shop'])).map((e) => seen(api, e)), [
			'payments | service · project · organization access · oauth2 · 6 refs | connection.defined.project | plug',
			'catalog | service · project · project access · none · 4 refs | connection.defined.project | plug',
			'loyalty | service · project · public access · oauth2 · 4 refs · 1 warning | connection.defined.project | plug/list.warningForeground',
			'Components | 5 components | components | layers',
		]);
		assert.deepEqual(children(api, elementAt(api, repo, ['shop', 'Components'])).map((e) => seen(api, e)), [
			'orders-api | service · services/orders | component | package',
			'inventory | service · services/inventory | component | package/list.errorForeground',
			'shipping | service · services/shipping | component | package',
			'billing | scheduled-task · services/billing | component | package/list.errorForeground',
			'notifications | event-handler · services/notifications | component | package/list.errorForeground',
		]);
		assert.deepEqual(children(api, elementAt(api, repo, ['shop', 'Components', 'orders-api'])).map((e) => seen(api, e)), [
			'shared-postgres | database · organization · used · 6 refs | connection.used | database',
			'payments | service · project · organization access · oauth2 · used · 6 refs | connection.used | plug',
			'catalog | service · project · project access · none · used · 2 refs | connection.used | plug',
		]);
	});

	it('marks connections with problems by icon colour and a count, and says why a use resolves to nothing', () => {
		assert.equal(seen(api, elementAt(api, repo, ['shop', 'Components', 'inventory', 'stock-db'])!),
			'stock-db | database · component · 5 refs · 1 error | connection.defined.component | database/list.errorForeground');
		assert.equal(seen(api, elementAt(api, repo, ['shop', 'Components', 'billing', 'ledger-db'])!),
			'ledger-db | database · component · 5 refs · 1 warning | connection.defined.component | database/list.warningForeground');
		assert.equal(seen(api, elementAt(api, repo, ['shop', 'Components', 'billing', 'carrier-api'])!),
			'carrier-api | not visible: a connection of shipping · used · 1 error | connection.used | question/list.errorForeground');
		assert.equal(seen(api, elementAt(api, repo, ['shop', 'Components', 'notifications', 'payment'])!),
			'payment | not defined · used · 1 error | connection.used | question/list.errorForeground');
		assert.equal((api.treeView!.badge?.value ?? 0) >= 3, true, 'the view badge counts the errors');
	});

	it('gives every item a stable id, and a connection a click that reveals its definition', () => {
		const el = elementAt(api, repo, ['shop', 'payments'])!;
		const item = tree(api).getTreeItem(el);
		assert.equal(item.id, `${repo.folder.toString()}|project/c:payments`);
		assert.equal(item.command?.command, 'connections.revealInFile');
		assert.equal(tree(api).getParent(el)?.node?.label, 'shop');
	});

	it('tooltips are untrusted markdown with scope, kind, target, access, security, users, variables and parameters, never a secret value', async () => {
		const md = await tooltipOf(api, elementAt(api, repo, ['shop', 'payments'])!);
		assert.equal(md.isTrusted, false);
		assert.equal(md.supportHtml, false);
		const text = unescape(md.value);
		for (const line of [
			'**payments**', '- Scope: project', '- Kind: service', '- Target: service:/shop/payments/v1/api/ORGANIZATION', '- Access: organization',
			'- Security: oauth2', '- OAuth application: shop-app', '- Used by: orders-api', '- References: 6', '- CHOREO_PAYMENTS_TOKENURL',
			'- TokenURL: "https://sts.acme.example/oauth2/token"', '- ConsumerKey: not set',
		]) {
			assert.ok(text.includes(line), `tooltip has "${line}":\n${text}`);
		}
		// The example declares three environments: set / not set for each of them, in their order.
		assert.match(text, /- ConsumerSecret: secret: (?:not )?set in development, (?:not )?set in staging, (?:not )?set in production\n/);
		// Under orders-api, the env rename shows.
		const used = unescape((await tooltipOf(api, elementAt(api, repo, ['shop', 'Components', 'orders-api', 'payments'])!)).value);
		assert.ok(used.includes('- PAYMENTS_URL (renamed from CHOREO_PAYMENTS_SERVICEURL)'), used);
		// ledger-db holds its password in plain text (a deliberate mistake of the example): the tooltip still never shows it.
		const ledger = unescape((await tooltipOf(api, elementAt(api, repo, ['shop', 'Components', 'billing', 'ledger-db'])!)).value);
		assert.ok(/- Password: secret/.test(ledger), ledger);
		assert.ok(!ledger.includes('hunter2') && !ledger.includes('hunt'), ledger);
	});

	it('reveals a connection in the view', async function () {
		// Two deadlines of 20 s below: the test's own timeout must outlast both, or mocha reports a bare timeout.
		this.timeout(60_000);
		await vscode.commands.executeCommand('connections.explorer.focus');
		const view = api.treeView as vscode.TreeView<TreeElement>;
		// On a loaded machine a refresh can land between reveal and selection: each attempt takes the element
		// afresh, reveals it, and counts only when the view really selected it.
		const el = await retry(async () => {
			const target = elementAt(api, repo, ['shop', 'Components', 'inventory', 'stock-db'])!;
			await view.reveal(target, { select: true, focus: true, expand: true });
			await waitFor(() => view.visible && view.selection[0]?.id === target.id, 'stock-db to be selected in the view', 5000);
			return target;
		}, 'reveal and select stock-db', 45000, 200, 12000);
		assert.equal(view.selection[0]?.id, el.id);
		if (drawnPage()) {
			await ui('waitFor', { selector: '.pane-body .monaco-list-row[aria-label^="stock-db"]' });
			if (process.env.TREE_SCREENSHOT) {
				await ui('screenshot', { path: process.env.TREE_SCREENSHOT });
			}
		}
	});

	it('F2 and Delete in the view rename and delete the selected connection (each asks first)', async function () {
		this.timeout(60_000);
		skipWithoutDrawnPage(this);
		await vscode.commands.executeCommand('connections.explorer.focus');
		const view = api.treeView as vscode.TreeView<TreeElement>;
		// Selected as a user does: a click on its row (the project's connections are shown expanded).
		await retry(async () => {
			await ui('click', { selector: '.pane-body .monaco-list-row[aria-label^="loyalty"]' });
			await waitFor(() => view.selection[0]?.node?.connectionId === 'loyalty', 'loyalty to be selected in the view', 5000);
		}, 'click and select loyalty', 45000, 200, 12000);
		await ui('press', { key: 'F2' });
		await ui('waitFor', { selector: '.quick-input-widget :text("Rename loyalty")' });
		await ui('press', { key: 'Escape' });
		await ui('click', { selector: '.pane-body .monaco-list-row[aria-label^="loyalty"]' });
		await ui('press', { key: 'Delete' });
		// The confirmation it asks (test runs refuse modal dialogs, and the screen reader alert quotes it).
		await waitFor(async () => (await ui('evaluate', { expression: "[...document.querySelectorAll('.monaco-alert')].some((e) => e.textContent.includes('Delete the connection \\\"loyalty\\\" (project)?'))" })) === true, 'the Delete confirmation for loyalty', 15000);
		assert.ok(repo.project.index.model.allConnections.some((c) => c.id === 'loyalty'), 'nothing was deleted');
	});

	it('follows an edit of connections.json in the open buffer', async () => {
		const editor = await openConnections(repo);
		const doc = editor.document;
		const anchor = '"id": "acme",\n\t\t"connections": [';
		const at = doc.getText().indexOf(anchor) + anchor.length;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(doc.uri, doc.positionAt(at), '\n\t\t\t{ "id": "tree-added", "kind": "database", "target": "database:added" },');
		assert.ok(await vscode.workspace.applyEdit(edit));
		const added = await waitFor(() => elementAt(api, repo, ['acme', 'tree-added']), 'the new connection in the tree');
		assert.equal(seen(api, added), 'tree-added | database · organization · 0 refs | connection.defined.organization | database');
		assert.equal(seen(api, elementAt(api, repo, ['acme'])!), 'acme | organization · 3 connections | scope.organization | organization');
		await restoreText(repo, doc, original);
		await waitFor(() => !elementAt(api, repo, ['acme', 'tree-added']), 'the connection to leave the tree');
	});

	it('keeps showing the last valid tree, under a warning item, while connections.json has syntax errors', async () => {
		const editor = await openConnections(repo);
		const doc = editor.document;
		const before = children(api, repoRoot(api, repo)).map((e) => tree(api).getTreeItem(e).label);
		const edit = new vscode.WorkspaceEdit();
		const at = doc.getText().indexOf('"version": 1,') + '"version": 1,'.length;
		edit.insert(doc.uri, doc.positionAt(at), ',,');
		assert.ok(await vscode.workspace.applyEdit(edit));
		const stale = await waitFor(() => children(api, repoRoot(api, repo)).find((e) => e.type === 'stale'), 'the stale-state item');
		const rootChildren = children(api, repoRoot(api, repo));
		assert.equal(rootChildren[0], stale, 'the warning item comes first');
		const item = tree(api).getTreeItem(stale);
		assert.equal(item.label, 'connections.json has syntax errors — showing the last valid state');
		assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'warning');
		assert.equal(item.command?.command, 'connections.openFile');
		assert.deepEqual(rootChildren.slice(1).map((e) => tree(api).getTreeItem(e).label), before);
		assert.ok(elementAt(api, repo, ['shop', 'Components', 'inventory', 'stock-db']), 'the last valid connections are still there');
		await restoreText(repo, doc, original);
		await waitFor(() => !children(api, repoRoot(api, repo)).some((e) => e.type === 'stale'), 'the warning item to go');
	});

	it('drag and drop moves a connection to another scope as one undoable edit', async () => {
		const editor = await openConnections(repo);
		await settled(repo, editor.document);
		const source = elementAt(api, repo, ['shop', 'Components', 'inventory', 'stock-db'])!;
		const target = elementAt(api, repo, ['shop'])!;
		const dt = new vscode.DataTransfer();
		tree(api).handleDrag([source], dt);
		assert.ok(dt.get(MIME), 'the drag carries the tree\'s mime type');
		await tree(api).handleDrop(target, dt, new vscode.CancellationTokenSource().token);
		const stock = '\t\t\t{\n\t\t\t\t"id": "stock-db",\n\t\t\t\t"kind": "database",\n\t\t\t\t"target": "database:pg-inventory/stock",\n\t\t\t\t"parameters": {\n\t\t\t\t\t"Hostname": "localhost",\n\t\t\t\t\t"Port": 5433,\n\t\t\t\t\t"Username": "inventory",\n\t\t\t\t\t"Password": { "secret": true },\n\t\t\t\t\t"DatabaseName": "stock",\n\t\t\t\t},\n\t\t\t},';
		let expected = without(original, '\n' + stock.replace(/^/gm, '\t\t') + '\n\t\t\t\t');
		expected = insertAfter(expected, '"uses": ["catalog"', ', "stock-db"');
		expected = insertAfter(expected, LOYALTY_END, '\n' + stock);
		await waitFor(() => editor.document.getText() === expected || undefined, 'the moved connection in the text', 5000)
			.catch(() => assert.equal(editor.document.getText(), expected));
		await waitFor(() => elementAt(api, repo, ['shop', 'stock-db']), 'stock-db under the project in the tree');
		await undoAndCheck(repo, editor, original);
		await waitFor(() => elementAt(api, repo, ['shop', 'Components', 'inventory', 'stock-db']), 'stock-db back under inventory');
	});
});
