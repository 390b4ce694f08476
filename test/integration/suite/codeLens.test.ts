import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { drawnPage, ui } from './uiBridge';
import { waitFor } from './util';

const EXT_ID = 'connections-tools.choreo-connections';
const INSERT = 'connections.insertReference';

function file(rel: string): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...rel.split('/'));
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
	return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** Reverts a document to the file on disk; waits for the text too (the clean state arrives first). */
async function revert(doc: vscode.TextDocument): Promise<void> {
	const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)).replace(/^\uFEFF/, '');
	await vscode.window.showTextDocument(doc);
	await vscode.commands.executeCommand('workbench.action.files.revert');
	await waitFor(() => !doc.isDirty && doc.getText() === disk, `${doc.uri.path} reverted`);
}

const ours = (l: vscode.CodeLens) => l.command?.command === INSERT || /^(\d+ references?|unused)$/.test(l.command?.title ?? '');

/** What the loyalty connection (OAuth2, project scope) inserts into a TypeScript file indented with tabs. */
const LOYALTY_TS = [
	'// Choreo connection "loyalty" (service, project scope)',
	'const loyaltyServiceUrl = process.env.CHOREO_LOYALTY_SERVICEURL;',
	'const loyaltyConsumerKey = process.env.CHOREO_LOYALTY_CONSUMERKEY;',
	'const loyaltyConsumerSecret = process.env.CHOREO_LOYALTY_CONSUMERSECRET;',
	'const loyaltyTokenUrl = process.env.CHOREO_LOYALTY_TOKENURL;',
	'',
	'/** Gets an OAuth2 access token for "loyalty" (client credentials grant). */',
	'async function getLoyaltyToken(): Promise<string> {',
	'\tif (!loyaltyTokenUrl || !loyaltyConsumerKey || !loyaltyConsumerSecret) {',
	'\t\tthrow new Error(\'CHOREO_LOYALTY_TOKENURL, CHOREO_LOYALTY_CONSUMERKEY and CHOREO_LOYALTY_CONSUMERSECRET must be set\');',
	'\t}',
	'\tconst response = await fetch(loyaltyTokenUrl, {',
	'\t\tmethod: \'POST\',',
	'\t\theaders: {',
	'\t\t\t\'Authorization\': `Basic ${Buffer.from(`${loyaltyConsumerKey}:${loyaltyConsumerSecret}`).toString(\'base64\')}`,',
	'\t\t\t\'Content-Type\': \'application/x-www-form-urlencoded\',',
	'\t\t},',
	'\t\tbody: new URLSearchParams({ grant_type: \'client_credentials\' }),',
	'\t});',
	'\tif (!response.ok) {',
	'\t\tthrow new Error(`Token request failed: ${response.status} ${response.statusText}`);',
	'\t}',
	'\tconst body = (await response.json()) as { access_token: string };',
	'\treturn body.access_token;',
	'}',
].join('\n');

describe('code lenses and Insert Connection Reference', function () {
	this.timeout(60000);
	let api: ConnectionsApi;
	const indexTs = file('services/orders/src/index.ts');
	const connectionsJson = file('connections.json');

	before(async () => {
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		await waitFor(() => api.model.repositories().every((r) => r.indexed) && api.model.repositories().length >= 2, 'both repositories indexed');
	});

	afterEach(async () => {
		// Leave every file as found: revert what a failed test may have left dirty.
		for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
			await revert(doc);
		}
		// (Only when set: every configuration change makes the model re-read the workspace.)
		if (vscode.workspace.getConfiguration('connections').inspect('codeLens.enabled')?.globalValue !== undefined) {
			await vscode.workspace.getConfiguration('connections').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('a component source file has the "Insert connection reference..." lens after its imports, with the command', async () => {
		const doc = await vscode.workspace.openTextDocument(indexTs);
		await vscode.window.showTextDocument(doc);
		const found = (await lenses(indexTs)).filter(ours);
		assert.equal(found.length, 1);
		const [lens] = found;
		assert.equal(lens.command?.title, 'Insert connection reference...');
		assert.equal(lens.command?.command, INSERT);
		assert.equal((lens.command?.arguments?.[0] as { uri: vscode.Uri }).uri.toString(), indexTs.toString());
		// Above the line after the import block.
		assert.match(doc.lineAt(lens.range.start.line - 1).text, /^import /);
		assert.doesNotMatch(doc.lineAt(lens.range.start.line).text, /^import /);
		if (drawnPage()) {
			// What the editor draws.
			await ui('waitFor', { selector: '.monaco-editor .codelens-decoration a:visible', timeoutMs: 15000 });
			const texts = (await ui('text', { selector: '.monaco-editor .codelens-decoration' })) as string[];
			assert.ok(texts.some((t) => t.includes('Insert connection reference...')), JSON.stringify(texts));
		}
	});

	it('Python, Go, Java and C# component files get the lens; Java and C# classes get it inside the class body', async () => {
		const cases: [string, RegExp][] = [
			['services/inventory/app.py', /^from flask import /],
			['services/shipping/main.go', /^\)$/],
			['services/billing/src/main/java/com/acme/billing/BillingService.java', /^public final class BillingService \{$/],
			['services/notifications/Program.cs', /^using System\.Text;$/],
		];
		for (const [rel, before] of cases) {
			const doc = await vscode.workspace.openTextDocument(file(rel));
			const found = (await lenses(doc.uri)).filter(ours);
			assert.equal(found.length, 1, rel);
			assert.equal(found[0].command?.command, INSERT, rel);
			assert.match(doc.lineAt(found[0].range.start.line - 1).text, before, rel);
		}
	});

	it('connections.json has "N references" over each connection, counts from the references of that connection', async () => {
		const doc = await vscode.workspace.openTextDocument(connectionsJson);
		const repo = api.model.repositoryFor(connectionsJson)!;
		const found = (await lenses(connectionsJson)).filter(ours);
		const byId = new Map<string, vscode.CodeLens>();
		for (const c of repo.project.index.model.allConnections) {
			const lens = found.find((l) => l.range.start.line === doc.positionAt(c.span.offset).line);
			assert.ok(lens, `a lens above ${c.id}`);
			byId.set(c.id, lens);
		}
		assert.equal(found.length, repo.project.index.model.allConnections.length);
		const title = (n: number) => (n === 0 ? 'unused' : n === 1 ? '1 reference' : `${n} references`);
		for (const [id, lens] of byId) {
			const expected = repo.project.referencesTo(id).filter((r) => r.kind !== 'definition').length;
			assert.equal(lens.command?.title, title(expected), id);
		}
		// Read from the example by hand: uses + env rename + 2 component.yaml references + 4 reads in payments.ts.
		assert.equal(byId.get('payments')!.command?.title, '8 references');
		assert.equal(byId.get('stripe')!.command?.title, '3 references');
		const payments = byId.get('payments')!.command!;
		assert.equal(payments.command, 'editor.action.showReferences');
		const locations = payments.arguments![2] as vscode.Location[];
		assert.equal(locations.length, 8);
		const perFile = new Map<string, number>();
		for (const l of locations) {
			const rel = vscode.workspace.asRelativePath(l.uri, false);
			perFile.set(rel, (perFile.get(rel) ?? 0) + 1);
		}
		assert.deepEqual(Object.fromEntries([...perFile].sort()), { 'connections.json': 2, 'services/orders/.choreo/component.yaml': 2, 'services/orders/src/payments.ts': 4 });
	});

	it('a connection nothing refers to is "unused"; each repository counts its own', async () => {
		const uri = file('codelens-fixture/connections.json');
		const doc = await vscode.workspace.openTextDocument(uri);
		const found = (await lenses(uri)).filter(ours);
		const at = (text: string) => found.find((l) => doc.lineAt(l.range.start.line).text.includes(text))?.command?.title;
		assert.equal(at('"archive-db"'), 'unused');
		// uses + the read in src/worker.py
		assert.equal(at('"reports"'), '2 references');
		assert.equal(found.length, 2);
	});

	it('Insert Connection Reference with arguments inserts the exact code and adds the ID to "uses" in one edit; one undo restores both byte for byte', async () => {
		const source = await vscode.workspace.openTextDocument(indexTs);
		const json = await vscode.workspace.openTextDocument(connectionsJson);
		const sourceBefore = source.getText();
		const jsonBefore = json.getText();
		await vscode.window.showTextDocument(source);

		const ok = await vscode.commands.executeCommand<boolean>(INSERT, { uri: indexTs, connectionId: 'loyalty', tokenFetch: true });
		assert.equal(ok, true);
		const imports = "import { charge } from './payments.js';\n";
		assert.equal(source.getText(), sourceBefore.replace(imports, `${imports}\n${LOYALTY_TS}\n`));
		const uses = '"uses": ["shared-postgres", "payments", "catalog"]';
		assert.ok(jsonBefore.includes(uses));
		assert.equal(json.getText(), jsonBefore.replace(uses, '"uses": ["shared-postgres", "payments", "catalog", "loyalty"]'));
		// The model sees the new reads and the new use: no undeclared-reference finding for them.
		await waitFor(() => api.model.repositoryFor(indexTs)!.project.readsOf('services/orders/src/index.ts').filter((r) => r.connection?.id === 'loyalty').length === 4, 'the model to see the inserted reads');

		// What VS Code 1.139 does: an extension's multi-file edit carries its own undo group, so undo
		// in the source editor takes back both files at once, without the "Undo in 2 Files / Undo
		// this File" question it asks for its own multi-file refactorings.
		await vscode.commands.executeCommand('undo');
		await waitFor(() => source.getText() === sourceBefore && json.getText() === jsonBefore, 'both files restored by one undo');
		if (drawnPage()) {
			assert.equal(await ui('evaluate', { expression: 'document.querySelector(".monaco-dialog-box") === null' }), true, 'no confirmation dialog');
		}
		assert.equal(source.getText(), sourceBefore);
		assert.equal(json.getText(), jsonBefore);
		assert.equal(source.isDirty, false);
		assert.equal(json.isDirty, false);
	});

	it('when the connection is already in "uses", only the source changes, at the given line, and one undo restores it', async () => {
		const source = await vscode.workspace.openTextDocument(indexTs);
		const json = await vscode.workspace.openTextDocument(connectionsJson);
		const sourceBefore = source.getText();
		const jsonBefore = json.getText();
		await vscode.window.showTextDocument(source);
		const line = source.getText().split('\n').findIndex((l) => l.startsWith('createServer('));
		const ok = await vscode.commands.executeCommand<boolean>(INSERT, { uri: indexTs, connectionId: 'catalog', position: new vscode.Position(line, 0) });
		assert.equal(ok, true);
		assert.equal(source.lineAt(line).text, '// Choreo connection "catalog" (service, project scope)');
		assert.equal(source.lineAt(line + 1).text, 'const catalogServiceUrl = process.env.CHOREO_CATALOG_SERVICEURL;');
		assert.equal(source.lineAt(line + 2).text, 'createServer(async (req, res) => {');
		assert.equal(json.getText(), jsonBefore);
		await vscode.commands.executeCommand('undo');
		await waitFor(() => source.getText() === sourceBefore, 'the source restored');
		assert.equal(source.isDirty, false);
	});

	it('refuses with the syntax-error message while connections.json does not parse, and changes nothing', async () => {
		const source = await vscode.workspace.openTextDocument(indexTs);
		const json = await vscode.workspace.openTextDocument(connectionsJson);
		const sourceBefore = source.getText();
		const jsonBefore = json.getText();
		const edit = new vscode.WorkspaceEdit();
		edit.insert(connectionsJson, json.positionAt(jsonBefore.indexOf('"project"')), '{{ ');
		assert.ok(await vscode.workspace.applyEdit(edit));
		try {
			const ok = await vscode.commands.executeCommand<boolean>(INSERT, { uri: indexTs, connectionId: 'loyalty', tokenFetch: false });
			assert.equal(ok, false);
			assert.equal(source.getText(), sourceBefore);
			assert.equal(json.getText().replace('{{ ', ''), jsonBefore);
		} finally {
			await revert(json);
		}
		assert.equal(json.getText(), jsonBefore);
	});

	it('connections.codeLens.enabled off gives no lenses, in source and in connections.json', async () => {
		await vscode.workspace.getConfiguration('connections').update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
		assert.deepEqual((await lenses(indexTs)).filter(ours), []);
		assert.deepEqual((await lenses(connectionsJson)).filter(ours), []);
		await vscode.workspace.getConfiguration('connections').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
		// Changing a connections.* setting makes the model re-read the workspace.
		await waitFor(async () => (await lenses(indexTs)).filter(ours).length === 1, 'the lens back after turning the setting on', 30000, 250);
	});
});
