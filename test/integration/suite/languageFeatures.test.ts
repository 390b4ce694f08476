// Hover, completion, go to definition, find references, rename and the outline on connection IDs,
// in the real editor over examples/acme-shop: connections.json, TypeScript/Python/Go source and
// component.yaml. Every test leaves the files as it found them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { Repository } from '../../../src/vscode/workspaceModel';
import { connectionsApi, openConnections, restoreText, rootRepository, settled } from './connectionsHelpers';
import { drawnPage, skipWithoutDrawnPage, ui } from './uiBridge';
import { waitFor, codeOf } from './util';

const PAYMENTS_TS = 'services/orders/src/payments.ts';
const DB_TS = 'services/orders/src/db.ts';
const APP_PY = 'services/inventory/app.py';
const MAIN_GO = 'services/shipping/main.go';
const ORDERS_YAML = 'services/orders/.choreo/component.yaml';

let api: ConnectionsApi;
let repo: Repository;

async function open(rel: string): Promise<vscode.TextDocument> {
	return vscode.workspace.openTextDocument(repo.uriOf(rel));
}

/** The position `delta` characters into the n-th occurrence of `needle`. */
function pos(doc: vscode.TextDocument, needle: string, delta = 1, nth = 0): vscode.Position {
	let i = -1;
	for (let k = 0; k <= nth; k++) {
		i = doc.getText().indexOf(needle, i + 1);
		assert.ok(i >= 0, `"${needle}" #${nth} in ${doc.uri.path}`);
	}
	return doc.positionAt(i + delta);
}

function rel(uri: vscode.Uri): string {
	return repo.relativePath(uri) ?? uri.toString();
}

/** What only our hovers say: where the connection is defined, that the reference is unresolved, or which .choreo key it is. */
const OURS = /Defined in connections\.json, line \d+|\*\*Unresolved connection reference\*\*| · `\.choreo\/[a-z-]+\.yaml`\*\*/;

/** Our hover's Markdown at a position (the JSON and TypeScript services may add their own). */
async function hoverMarkdown(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.MarkdownString> {
	const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
	const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && OURS.test(c.value));
	assert.equal(ours.length, 1, `one hover of ours at ${rel(doc.uri)}:${at.line + 1}:${at.character + 1}`);
	return ours[0];
}

async function completionLabels(doc: vscode.TextDocument, at: vscode.Position): Promise<string[]> {
	const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
	return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

function text(r: vscode.Location | vscode.LocationLink, docs: Map<string, vscode.TextDocument>): string {
	const uri = 'targetUri' in r ? r.targetUri : r.uri;
	const range = 'targetUri' in r ? r.targetSelectionRange ?? r.targetRange : r.range;
	return `${rel(uri)}:${docs.get(rel(uri))!.getText(range)}`;
}

/** Our findings per file as `file code` lines, for before/after comparisons. */
function findings(): string[] {
	return vscode.languages.getDiagnostics()
		.flatMap(([uri, ds]) => ds.filter((d) => d.source === 'connections' && repo.relativePath(uri) !== undefined && api.model.repositoryFor(uri) === repo)
			.map((d) => `${rel(uri)} ${codeOf(d)}`))
		.sort();
}

/** Replaces a document's text and waits until the model read it. */
async function edit(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
	const at = doc.getText().indexOf(from);
	assert.ok(at >= 0, `"${from}" in ${rel(doc.uri)}`);
	const e = new vscode.WorkspaceEdit();
	e.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
	assert.ok(await vscode.workspace.applyEdit(e));
}

/** Puts a document back to its text on disk: the original text, saved, so it is not left dirty. */
async function putBack(doc: vscode.TextDocument, original: string): Promise<void> {
	await restoreText(repo, doc, original);
	if (doc.isDirty) {
		await doc.save();
	}
	assert.equal(doc.getText(), original);
}

/** Secret cells with or without what the store says (set / not set depends on which tests stored values first). */
const secretCells = (markdown: string) => markdown.replace(/\*secret\\: (?:not )?set\*/g, '*secret*');

describe('language features on connection IDs', () => {
	let connections: vscode.TextDocument;
	let original: string;

	before(async () => {
		api = await connectionsApi();
		repo = await rootRepository(api);
		connections = (await openConnections(repo)).document;
		original = connections.getText();
		await settled(repo, connections);
	});

	after(async () => {
		await putBack(connections, original);
	});

	it('hover on an ID in connections.json: scope, kind, access, security, variables, users, parameters, never a secret', async () => {
		const md = await hoverMarkdown(connections, pos(connections, '"id": "payments"', 9));
		assert.equal(md.isTrusted, false);
		assert.equal(md.supportHtml, false);
		for (const part of ['**payments**', '**Scope:** project', '**Kind:** service', '**Access mode:** organization', 'OAuth application: shop\\-app',
			'`CHOREO_PAYMENTS_TOKENURL`', '`CHOREO_PAYMENTS_SERVICEURL` (injected as `PAYMENTS_URL` in **orders\\-api**)', '**Used by:** orders\\-api',
			'| Parameter | development | staging | production |', '| ConsumerSecret | *secret* | *secret* | *secret* |']) {
			assert.ok(secretCells(md.value).includes(part), `${part} in\n${md.value}`);
		}
		const ledger = await hoverMarkdown(connections, pos(connections, '"id": "ledger-db"', 9));
		assert.ok(ledger.value.includes('**Scope:** component (billing)'));
		assert.ok(secretCells(ledger.value).includes('| Password | *secret* | *secret* | *secret* |'), 'a plain password is shown as secret');
		assert.doesNotMatch(ledger.value, /hunter2/);
		const typo = await hoverMarkdown(connections, pos(connections, '"payment"]', 2));
		assert.ok(typo.value.includes('No connection **payment** is visible to component **notifications**'));
		assert.ok(typo.value.includes('Did you mean **payments**?'));
	});

	it('hover in TypeScript, Python and Go env reads and in component.yaml', async () => {
		const ts = await open(PAYMENTS_TS);
		const token = await hoverMarkdown(ts, pos(ts, 'CHOREO_PAYMENTS_TOKENURL', 3));
		assert.ok(token.value.includes('Reads **TokenURL** of **payments** through `CHOREO_PAYMENTS_TOKENURL`'), token.value);
		const renamed = await hoverMarkdown(ts, pos(ts, 'process.env.PAYMENTS_URL', 14));
		assert.ok(renamed.value.includes('through `PAYMENTS_URL`, renamed from `CHOREO_PAYMENTS_SERVICEURL` in "env"'), renamed.value);
		const py = await open(APP_PY);
		const stock = await hoverMarkdown(py, pos(py, 'CHOREO_STOCK_DB_HOSTNAME', 3));
		assert.ok(stock.value.includes('**stock\\-db**') && stock.value.includes('**Scope:** component (inventory)'), stock.value);
		assert.ok(secretCells(stock.value).includes('| Password | *secret* | *secret* | *secret* |'));
		const go = await open(MAIN_GO);
		const carrier = await hoverMarkdown(go, pos(go, 'CHOREO_CARRIER_API_MODE', 3));
		assert.ok(carrier.value.includes('Reads **Mode** of **carrier\\-api**'), carrier.value);
		assert.ok(carrier.value.includes('| Mode | test | test | live |'), carrier.value);
		const yaml = await open(ORDERS_YAML);
		const ref = await hoverMarkdown(yaml, pos(yaml, 'name: shared-postgres', 8));
		assert.ok(ref.value.includes('**shared\\-postgres** — Shared Postgres') && ref.value.includes('**Scope:** organization'), ref.value);
		const key = await hoverMarkdown(yaml, pos(yaml, 'key: ServiceURL', 7));
		assert.ok(key.value.includes('Reads **ServiceURL** of **payments**'), key.value);
	});

	it('hover on a component.yaml key: what the platform does with it, its allowed values, the schemaVersion that introduced it', async () => {
		const yaml = await open(ORDERS_YAML);
		const type = await hoverMarkdown(yaml, pos(yaml, 'type: REST', 2));
		assert.equal(type.isTrusted, false);
		assert.equal(type.supportHtml, false);
		assert.ok(type.value.startsWith('**`endpoints[].type` · `.choreo/component.yaml`**'), type.value);
		assert.ok(type.value.includes('**Allowed values:** `REST`, `GraphQL`, `GRPC`, `TCP`, `UDP`, `WS`'), type.value);
		const visibility = await hoverMarkdown(yaml, pos(yaml, 'networkVisibilities', 4));
		assert.ok(visibility.value.includes('**Allowed values:** `Public`, `Project`, `Organization`'), visibility.value);
		const at = pos(yaml, 'resourceRef: service:/shop/payments', 5);
		const ref = await hoverMarkdown(yaml, at);
		assert.ok(ref.value.includes('**Since:** schemaVersion `1.1`') && ref.value.includes('reachable only from its own project'), ref.value);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', yaml.uri, at);
		const ours = hovers.find((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && OURS.test(c.value)));
		assert.equal(ours?.range && yaml.getText(ours.range), 'resourceRef', 'the hover marks the key');
		const connectionRef = await hoverMarkdown(yaml, pos(yaml, 'connectionRef:', 3));
		assert.ok(connectionRef.value.includes('`configurations.env[].valueFrom.connectionRef`') && connectionRef.value.includes('the default name is then not injected'), connectionRef.value);
		// The connection names beside the keys keep their own hover.
		const name = await hoverMarkdown(yaml, pos(yaml, 'name: shared-postgres', 8));
		assert.ok(name.value.includes('**Scope:** organization'), name.value);
	});

	it('hover renders a hostile name as text: no link and no HTML in what the workbench draws', async function () {
		const hostile = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>';
		await edit(connections, '"name": "Stripe"', `"name": ${JSON.stringify(hostile)}`);
		try {
			await settled(repo, connections);
			const at = pos(connections, '"id": "stripe"', 9);
			const md = await hoverMarkdown(connections, at);
			assert.ok(md.value.includes('\\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) \\<img src\\=x onerror\\=alert\\(1\\)\\>'), md.value);
			if (!drawnPage()) {
				return;
			}
			const editor = await vscode.window.showTextDocument(connections, { preview: false });
			editor.selection = new vscode.Selection(at, at);
			editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
			await waitFor(async () => {
				await vscode.commands.executeCommand('editor.action.showHover');
				return ui('waitFor', { selector: '.monaco-hover .rendered-markdown', timeoutMs: 2000 }).then(() => true, () => false);
			}, 'the hover to show', 15000, 200);
			const seen = await ui('evaluate', {
				expression: `(() => { const h = [...document.querySelectorAll('.monaco-hover .rendered-markdown')].find((e) => e.textContent.includes('Defined in connections.json'));
					return h && { text: h.textContent, links: h.querySelectorAll('a').length, images: h.querySelectorAll('img').length }; })()`,
			}) as { text: string; links: number; images: number } | null;
			assert.ok(seen, 'our hover is drawn');
			assert.ok(seen.text.includes(hostile), `the name is shown as typed: ${seen.text}`);
			assert.equal(seen.links, 0, 'no link');
			assert.equal(seen.images, 0, 'no image');
			if (process.env.NAV_SCREENSHOT) {
				await ui('screenshot', { path: process.env.NAV_SCREENSHOT });
			}
			await ui('press', { key: 'Escape' });
		} finally {
			await putBack(connections, original);
			await settled(repo, connections);
		}
	});

	it('completion inside process.env.CHOREO_: the variables orders-api can read, renames instead of renamed defaults', async () => {
		const ts = await open(DB_TS);
		const before = ts.getText();
		await edit(ts, 'export const pool', 'const probe = process.env.CHOREO_;\nexport const pool');
		try {
			const labels = await completionLabels(ts, pos(ts, 'process.env.CHOREO_;', 19));
			for (const l of ['CHOREO_SHARED_POSTGRES_HOSTNAME', 'CHOREO_PAYMENTS_TOKENURL', 'PAYMENTS_URL', 'CHOREO_CATALOG_SERVICEURL', 'CHOREO_STRIPE_APIKEY']) {
				assert.ok(labels.includes(l), `${l} offered`);
			}
			assert.ok(!labels.includes('CHOREO_PAYMENTS_SERVICEURL'), 'the renamed default is not injected');
			assert.ok(!labels.includes('CHOREO_STOCK_DB_HOSTNAME'), "inventory's own connection is not visible");
			const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', ts.uri, pos(ts, 'process.env.CHOREO_;', 19), undefined, 200);
			const token = list.items.find((i) => i.label === 'CHOREO_PAYMENTS_TOKENURL')!;
			assert.equal(token.detail, 'payments · TokenURL · project');
			assert.equal(token.kind, vscode.CompletionItemKind.Variable);
			const doc = token.documentation as vscode.MarkdownString;
			assert.ok(doc.value.includes('Reads **TokenURL** of **payments**'), doc.value);
			assert.doesNotMatch(JSON.stringify(list.items.map((i) => [i.detail, (i.documentation as vscode.MarkdownString | undefined)?.value])), /hunter2/);
			const declared = list.items.find((i) => i.label === 'CHOREO_PAYMENTS_TOKENURL')!;
			const undeclared = list.items.find((i) => i.label === 'CHOREO_STRIPE_APIKEY')!;
			assert.ok(declared.sortText! < undeclared.sortText!, 'connections in "uses" sort first');
		} finally {
			await putBack(ts, before);
		}
	});

	it('completion inside a uses array: visible organization and project connections not yet listed', async () => {
		await edit(connections, '"uses": ["catalog"]', '"uses": ["catalog", ""]');
		try {
			const labels = await completionLabels(connections, pos(connections, '"catalog", ""', 12));
			// Exactly the visible IDs not yet listed, each once: the editor schema offers no examples of its own here
			// (it used to add "twilio-sms", notifications' own connection, and a second "payments" and "shared-postgres").
			assert.deepEqual(labels.slice().sort(), ['loyalty', 'payments', 'shared-postgres', 'stripe'], `offered: ${labels.join(', ')}`);
			assert.ok(!labels.includes('catalog'), 'already listed');
			assert.ok(!labels.includes('stock-db'), 'its own connection needs no uses entry');
			assert.ok(!labels.includes('carrier-api'), "another component's connection");
		} finally {
			await putBack(connections, original);
			await settled(repo, connections);
		}
	});

	it('go to definition: from source, component.yaml and uses to the id literal', async () => {
		const defAt = connections.getText().indexOf('"id": "payments"') + 6;
		const expected = new vscode.Range(connections.positionAt(defAt), connections.positionAt(defAt + '"payments"'.length));
		const ts = await open(PAYMENTS_TS);
		const yaml = await open(ORDERS_YAML);
		for (const [doc, at] of [[ts, pos(ts, 'CHOREO_PAYMENTS_CONSUMERKEY', 3)], [yaml, pos(yaml, 'name: payments', 8)], [connections, pos(connections, '"payments", "catalog"', 2)]] as const) {
			const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
			const ours = defs.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : d));
			assert.equal(ours.length, 1, `one definition from ${rel(doc.uri)}`);
			assert.equal(ours[0].uri.toString(), connections.uri.toString());
			assert.ok(ours[0].range.isEqual(expected), `definition range from ${rel(doc.uri)}`);
		}
		const py = await open(APP_PY);
		const stock = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', py.uri, pos(py, 'CHOREO_STOCK_DB_PORT', 3));
		assert.equal(text(stock[0], new Map([['connections.json', connections]])), 'connections.json:"stock-db"');
	});

	it('find references: connections.json, source and component.yaml', async () => {
		const docs = new Map<string, vscode.TextDocument>([['connections.json', connections]]);
		for (const f of [PAYMENTS_TS, ORDERS_YAML]) {
			docs.set(f, await open(f));
		}
		const at = pos(connections, '"id": "payments"', 9);
		const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', connections.uri, at);
		assert.deepEqual(refs.map((r) => text(r, docs)).sort(), [
			'connections.json:"payments"', 'connections.json:"payments"', 'connections.json:"payments"',
			`${ORDERS_YAML}:payments`, `${ORDERS_YAML}:payments`,
			`${PAYMENTS_TS}:CHOREO_PAYMENTS_CONSUMERKEY`, `${PAYMENTS_TS}:CHOREO_PAYMENTS_CONSUMERSECRET`, `${PAYMENTS_TS}:CHOREO_PAYMENTS_TOKENURL`, `${PAYMENTS_TS}:PAYMENTS_URL`,
		]);
	});

	it('rename: prepareRename ranges, one WorkspaceEdit across files, diagnostics unchanged, files restored', async () => {
		const ts = await open(PAYMENTS_TS);
		const yaml = await open(ORDERS_YAML);
		const originals = new Map([[connections, original], [ts, ts.getText()], [yaml, yaml.getText()]]);
		const inId = pos(connections, '"id": "payments"', 10);
		const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', connections.uri, inId);
		assert.equal(connections.getText(prepared.range), 'payments');
		assert.equal(prepared.placeholder, 'payments');
		const fromSource = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', ts.uri, pos(ts, 'CHOREO_PAYMENTS_TOKENURL', 9));
		assert.equal(ts.getText(fromSource.range), 'PAYMENTS');
		assert.equal(fromSource.placeholder, 'payments');
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', connections.uri, pos(connections, '"payment"]', 3))), /not a connection visible here/);
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', connections.uri, inId, 'catalog')), /already visible/);

		const before = await waitFor(() => (findings().length ? findings() : undefined), 'the example\'s findings');
		const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', connections.uri, inId, 'payments-v2');
		const files = edit.entries().map(([uri, edits]) => `${rel(uri)} ${edits.length}`).sort();
		assert.deepEqual(files, ['connections.json 3', `${ORDERS_YAML} 2`, `${PAYMENTS_TS} 3`]);
		try {
			// The editor would show this multi-file edit in the refactor preview; apply the same edits directly.
			const plain = new vscode.WorkspaceEdit();
			for (const [uri, edits] of edit.entries()) {
				plain.set(uri, edits);
			}
			assert.ok(await vscode.workspace.applyEdit(plain));
			assert.ok(ts.getText().includes('process.env.CHOREO_PAYMENTS_V2_TOKENURL'));
			assert.ok(ts.getText().includes('process.env.PAYMENTS_URL'), 'the renamed variable keeps its name');
			assert.equal((connections.getText().match(/"payments-v2"/g) ?? []).length, 3);
			assert.equal((yaml.getText().match(/name: payments-v2/g) ?? []).length, 2);
			await settled(repo, connections);
			await waitFor(() => JSON.stringify(findings()) === JSON.stringify(before), 'the same findings as before the rename', 10000)
				.catch(() => assert.deepEqual(findings(), before, 'a rename adds or removes no finding'));
			const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', connections.uri, pos(connections, '"id": "payments-v2"', 9));
			assert.equal(refs.length, 9, 'every reference follows the new ID');
		} finally {
			for (const [doc, text] of originals) {
				await putBack(doc, text);
			}
			await settled(repo, connections);
		}
		await waitFor(() => JSON.stringify(findings()) === JSON.stringify(before), 'the findings of the restored files');
	});

	it('rename with F2 and Ctrl+Enter: the refactor preview lists every file with every change checked; Apply renames', async function () {
		skipWithoutDrawnPage(this);
		const ts = await open(PAYMENTS_TS);
		const yaml = await open(ORDERS_YAML);
		const originals = new Map([[connections, original], [ts, ts.getText()], [yaml, yaml.getText()]]);
		const editor = await vscode.window.showTextDocument(connections, { preview: false });
		const at = pos(connections, '"id": "payments"', 10);
		editor.selection = new vscode.Selection(at, at);
		editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
		const renaming = vscode.commands.executeCommand('editor.action.rename');
		let applied = false;
		try {
			const input = (value: string) => ui('evaluate', { expression: `document.activeElement?.closest('.rename-box') && document.activeElement.value === ${JSON.stringify(value)}` });
			await waitFor(() => input('payments'), 'the rename box with the ID', 10000, 100);
			for (const key of ['End', '-', 'v', '2']) {
				await ui('press', { key });
			}
			await waitFor(() => input('payments-v2'), 'the new name typed', 5000, 100);
			await ui('press', { key: 'Control+Enter' });
			const panel = '.bulk-edit-panel';
			const shown = await waitFor(() => ui('evaluate', {
				expression: `(() => { const p = document.querySelector('${panel}'); const boxes = p ? [...p.querySelectorAll('.edit-checkbox')] : [];
					return p && p.textContent.includes('payments-v2') && boxes.length ? { text: p.textContent, boxes: boxes.map((b) => b.getAttribute('aria-checked')) } : null; })()`,
			}) as Promise<{ text: string; boxes: string[] } | null>, 'the refactor preview', 15000, 200);
			for (const f of ['connections.json', 'component.yaml', 'payments.ts']) {
				assert.ok(shown.text.includes(f), `${f} in the preview: ${shown.text}`);
			}
			assert.ok(shown.boxes.every((b) => b === 'true'), `every change is checked: ${shown.boxes.join(' ')}`);
			if (process.env.NAV_RENAME_SCREENSHOT) {
				await ui('screenshot', { path: process.env.NAV_RENAME_SCREENSHOT });
			}
			await vscode.commands.executeCommand('refactorPreview.apply');
			applied = true;
			await renaming;
			await waitFor(() => connections.getText().includes('"id": "payments-v2"') && ts.getText().includes('CHOREO_PAYMENTS_V2_TOKENURL') && yaml.getText().includes('name: payments-v2'),
				'the rename to land in all three files');
		} finally {
			if (!applied) {
				await ui('press', { key: 'Escape' });
				await Promise.resolve(vscode.commands.executeCommand('refactorPreview.discard')).catch(() => undefined);
			}
			for (const [doc, text] of originals) {
				await putBack(doc, text);
			}
			await settled(repo, connections);
		}
	});

	it('document symbols: Organization → connections, Project → connections and components → theirs', async () => {
		const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', connections.uri);
		const acme = symbols.find((s) => s.name === 'acme' && s.kind === vscode.SymbolKind.Namespace);
		const shop = symbols.find((s) => s.name === 'shop' && s.kind === vscode.SymbolKind.Package);
		assert.ok(acme && shop, `our symbols in ${symbols.map((s) => s.name).join(', ')}`);
		assert.deepEqual(acme.children.map((c) => `${c.name} ${vscode.SymbolKind[c.kind]}`), ['shared-postgres Field', 'stripe Module']);
		assert.deepEqual(shop.children.map((c) => `${c.name} ${vscode.SymbolKind[c.kind]}`), [
			'payments Interface', 'catalog Interface', 'loyalty Interface',
			'orders-api Class', 'inventory Class', 'shipping Class', 'billing Class', 'notifications Class',
		]);
		const inventory = shop.children.find((c) => c.name === 'inventory')!;
		assert.deepEqual(inventory.children.map((c) => c.name), ['stock-db']);
		assert.equal(connections.getText(inventory.children[0].selectionRange), '"stock-db"');
		assert.ok(connections.getText(inventory.children[0].range).startsWith('{'));
	});
});
