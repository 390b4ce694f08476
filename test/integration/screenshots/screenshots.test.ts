// Takes the README's screenshots in the real editor on examples/acme-shop (1280x800), through the
// UI bridge of test/integration/runTest.mjs. Run with `npm run screenshots` (scripts/screenshots.mjs).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { ui } from '../suite/uiBridge';
import { retry, waitFor } from '../suite/util';

const EXT_ID = 'connections-tools.choreo-connections';
const out = (name: string) => path.join(process.env.SCREENSHOTS_DIR ?? path.resolve('docs/images'), name);

function file(rel: string): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...rel.split('/'));
}

/** A quiet workbench: no editors, panels, notifications or menus left from the previous picture. */
async function clean(): Promise<void> {
	await ui('press', { key: 'Escape' });
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	await vscode.commands.executeCommand('workbench.action.closePanel');
	await vscode.commands.executeCommand('notifications.clearAll');
	// Park the mouse on the status bar so no stray hover shows.
	await ui('hover', { selector: '.statusbar' });
}

async function open(rel: string, line: number): Promise<vscode.TextEditor> {
	const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(rel)), { preview: false });
	editor.selection = new vscode.Selection(line, 0, line, 0);
	editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
	await ui('waitFor', { selector: '.monaco-editor .view-lines' });
	return editor;
}

/** Page script: drags the sash on the side bar's right edge by dx pixels (pointer events, as a user would). */
const dragSidebarEdge = (dx: number) => `((dx) => {
	const bar = document.querySelector('.part.sidebar').getBoundingClientRect();
	const sash = [...document.querySelectorAll('.monaco-sash.vertical')].find((s) => Math.abs(s.getBoundingClientRect().left + s.getBoundingClientRect().width / 2 - bar.right) < 6);
	if (!sash) return 'no sash';
	const r = sash.getBoundingClientRect();
	const x = r.left + r.width / 2, y = r.top + r.height / 2;
	const at = (type, cx, target) => target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX: cx, clientY: y, pointerId: 1, button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true, pointerType: 'mouse' }));
	const mouse = (type, cx, target) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: cx, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }));
	at('pointerdown', x, sash); mouse('mousedown', x, sash);
	at('pointermove', x + dx, sash); mouse('mousemove', x + dx, window);
	at('pointerup', x + dx, sash); mouse('mouseup', x + dx, window);
	return document.querySelector('.part.sidebar').getBoundingClientRect().width;
})(${dx})`;

/** The lightbulb menu opened at a range of connections.json, side bar closed, as a picture. */
async function lightbulb(range: vscode.Range, name: string): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeSidebar');
	const editor = await open('connections.json', Math.max(0, range.start.line - 12));
	editor.selection = new vscode.Selection(range.start.translate(0, 1), range.start.translate(0, 1));
	await vscode.commands.executeCommand('editor.action.quickFix');
	await ui('waitFor', { selector: '.action-widget', timeoutMs: 15000 });
	await ui('screenshot', { path: out(name) });
}

interface Row {
	readonly element: unknown;
	readonly labels: readonly string[];
	readonly hasChildren: boolean;
}

/** Every element of the tree (depth first, five levels) with the labels from the root to it. */
async function treeRows(api: ConnectionsApi): Promise<Row[]> {
	const tree = api.tree!;
	const label = async (e: unknown) => {
		const l = (await tree.getTreeItem(e)).label;
		return typeof l === 'string' ? l : l?.label ?? '';
	};
	const rows: Row[] = [];
	const walk = async (e: unknown | undefined, labels: string[]): Promise<void> => {
		for (const child of (await tree.getChildren(e)) ?? []) {
			const path = [...labels, await label(child)];
			const kids = labels.length < 5 ? (await tree.getChildren(child)) ?? [] : [];
			rows.push({ element: child, labels: path, hasChildren: kids.length > 0 });
			await walk(child, path);
		}
	};
	await walk(undefined, []);
	return rows;
}

describe('README screenshots', function () {
	this.timeout(120000);
	let api: ConnectionsApi;

	before(async () => {
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		await waitFor(() => api.model.repositories().every((r) => r.indexed), 'the repository indexed', 30000);
		// The example has no node_modules: TypeScript's own checker would paint process and Buffer
		// red. The pictures are about this extension, so it is off in this throw-away profile.
		await vscode.workspace.getConfiguration('typescript').update('validate.enable', false, vscode.ConfigurationTarget.Global);
		await vscode.commands.executeCommand('workbench.view.explorer');
	});

	after(async () => {
		await vscode.workspace.getConfiguration('typescript').update('validate.enable', undefined, vscode.ConfigurationTarget.Global);
	});

	it('code-lens.png: a source file with the "Insert connection reference..." lens and the code just inserted', async () => {
		await clean();
		await vscode.commands.executeCommand('workbench.view.explorer');
		const uri = file('services/orders/src/index.ts');
		const editor = await open('services/orders/src/index.ts', 0);
		const before = editor.document.getText();
		assert.equal(await vscode.commands.executeCommand('connections.insertReference', { uri, connectionId: 'loyalty', tokenFetch: true }), true);
		const lines = editor.document.getText().split('\n');
		const first = lines.findIndex((l) => l.startsWith('// Choreo connection "loyalty"'));
		editor.selection = new vscode.Selection(first, 0, first, 0);
		editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
		await ui('waitFor', { selector: '.monaco-editor .codelens-decoration a:visible', timeoutMs: 20000 });
		await waitFor(async () => ((await ui('text', { selector: '.monaco-editor .codelens-decoration' })) as string[]).some((t) => t.includes('Insert connection reference...')), 'the lens drawn');
		await ui('hover', { selector: '.statusbar' });
		await ui('screenshot', { path: out('code-lens.png') });
		await vscode.commands.executeCommand('undo');
		await waitFor(() => editor.document.getText() === before, 'the insertion undone');
	});

	it('tree.png: the Connections view expanded, a connection selected', async () => {
		await clean();
		await vscode.commands.executeCommand('connections.explorer.focus');
		await waitFor(() => api.treeView, 'the tree view');
		const view = api.treeView!;
		const rows = await waitFor(async () => {
			const r = await treeRows(api);
			return r.length > 5 ? r : undefined;
		}, 'the tree filled');
		// Everything expanded, then the payments connection selected where it is defined.
		for (const row of rows.filter((r) => r.hasChildren)) {
			await retry(() => Promise.resolve(view.reveal(row.element, { expand: true })), `expand ${row.labels.join(' / ')}`);
		}
		const payments = rows.find((r) => r.labels[r.labels.length - 1].startsWith('payments') && !r.hasChildren);
		assert.ok(payments, JSON.stringify(rows.map((r) => r.labels.join(' / '))));
		await retry(() => Promise.resolve(view.reveal(payments.element, { select: true, focus: true })), 'select payments');
		await ui('waitFor', { selector: '.pane-body .monaco-list-row.selected' });
		// Room for the descriptions (kind, scope, access, usage): drag the side bar's edge to the right.
		const width = (await ui('evaluate', { expression: 'document.querySelector(".part.sidebar").getBoundingClientRect().width' })) as number;
		await ui('evaluate', { expression: dragSidebarEdge(160) });
		await ui('hover', { selector: '.statusbar' });
		// The file beside the tree, with its reference counts; the tree keeps the focus.
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('connections.json')), { preview: false, preserveFocus: true });
		await ui('waitFor', { selector: '.monaco-editor .codelens-decoration a:visible', timeoutMs: 20000 });
		await ui('hover', { selector: '.statusbar' });
		await ui('screenshot', { path: out('tree.png') });
		const wider = (await ui('evaluate', { expression: 'document.querySelector(".part.sidebar").getBoundingClientRect().width' })) as number;
		await ui('evaluate', { expression: dragSidebarEdge(width - wider) });
	});

	it('quick-fix.png: the lightbulb menu on a diagnostic in connections.json', async () => {
		await clean();
		const uri = file('connections.json');
		const doc = await vscode.workspace.openTextDocument(uri);
		// notifications "uses" the unknown "payment": the fix offers "payments".
		const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => doc.getText(d.range) === '"payment"'), 'the diagnostic on "payment"', 30000);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
		assert.equal(actions?.[0]?.title, 'Change to "payments"', `the first quick fix for "payment": ${(actions ?? []).map((a) => a.title).join(' | ')}`);
		await lightbulb(diagnostic.range, 'quick-fix.png');
		await ui('press', { key: 'Escape' });
		await vscode.commands.executeCommand('workbench.view.explorer');
	});

	it('missing-component-yaml.png: the information on a component without component.yaml, and its fix', async () => {
		await clean();
		const uri = file('connections.json');
		const doc = await vscode.workspace.openTextDocument(uri);
		const info = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => d.code !== undefined && doc.getText(d.range) === '"inventory"'), 'the information on "inventory"', 30000);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, info.range);
		assert.ok(actions?.some((a) => a.title === 'Create services/inventory/.choreo/component.yaml'), (actions ?? []).map((a) => a.title).join(' | '));
		await lightbulb(info.range, 'missing-component-yaml.png');
		await ui('press', { key: 'Escape' });
	});

	it('set-secret.png: Set Secret Value asking for the environment, the active environment in the status bar', async () => {
		await clean();
		const editor = await open('connections.json', 10);
		void editor;
		await ui('waitFor', { selector: '.statusbar-item:has-text("development")', timeoutMs: 20000 });
		const folder = vscode.workspace.workspaceFolders![0].uri;
		const pending = vscode.commands.executeCommand('connections.setSecretValue', { repository: folder, connectionId: 'shared-postgres', key: 'Password' });
		await ui('waitFor', { selector: '.quick-input-widget .quick-input-list .monaco-list-row', timeoutMs: 15000 });
		await ui('screenshot', { path: out('set-secret.png') });
		await ui('press', { key: 'Escape' });
		await pending;
	});

	it('hover.png: a hover on a CHOREO_ variable in source', async function () {
		await clean();
		await vscode.commands.executeCommand('workbench.view.explorer');
		const editor = await open('services/orders/src/payments.ts', 0);
		const line = editor.document.getText().split('\n').findIndex((l) => l.includes('CHOREO_PAYMENTS_TOKENURL'));
		const character = editor.document.lineAt(line).text.indexOf('CHOREO_PAYMENTS_TOKENURL') + 8;
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, character));
		const ours = (hovers ?? []).some((h) => h.contents.some((c) => /payments/.test(typeof c === 'string' ? c : 'value' in c ? c.value : '') && /scope|service/i.test(typeof c === 'string' ? c : 'value' in c ? c.value : '')));
		assert.ok(ours, 'hover.png needs the connection hover on CHOREO_PAYMENTS_TOKENURL, and there is none');
		editor.selection = new vscode.Selection(line, character, line, character);
		await vscode.commands.executeCommand('editor.action.showHover');
		await ui('waitFor', { selector: '.monaco-hover .rendered-markdown', timeoutMs: 15000 });
		await ui('screenshot', { path: out('hover.png') });
		await ui('press', { key: 'Escape' });
	});
});
