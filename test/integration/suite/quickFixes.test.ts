// Quick fixes in the real editor, on the deliberate mistakes of examples/acme-shop: the code
// actions offered for each diagnostic, the exact text after applying one, the diagnostic gone,
// and one undo restoring the file byte for byte.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { Repository } from '../../../src/vscode/workspaceModel';
import { connectionsApi, openConnections, restoreConnections, restoreText, rootRepository, settled, undoAndCheck } from './connectionsHelpers';
import { drawnPage, notificationText, skipWithoutDrawnPage, ui } from './uiBridge';
import { waitFor, codeOf } from './util';

const APPLY = 'connections.applyQuickFix';

function replaceOnce(text: string, from: string, to: string): string {
	assert.equal(text.split(from).length, 2, `"${from.slice(0, 60)}" occurs exactly once`);
	return text.replace(from, () => to);
}

const ours = (uri: vscode.Uri, code: string) =>
	vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connections' && codeOf(d) === code);

async function diagnostic(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
	return waitFor(() => ours(uri, code)[0], `a ${code} diagnostic in ${uri.path.split('/').slice(-2).join('/')}`);
}

/** Our quick fixes at a diagnostic's range, as the light bulb would get them. */
async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
	const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
	return all.filter((a) => a.command?.command === APPLY);
}

async function run(action: vscode.CodeAction): Promise<boolean> {
	return (await vscode.commands.executeCommand<boolean>(action.command!.command, ...(action.command!.arguments ?? []))) === true;
}

const CARRIER = [
	'{',
	'\t"id": "carrier-api",',
	'\t"kind": "third-party",',
	'\t"target": "thirdparty:easypost/v2",',
	'\t"parameters": {',
	'\t\t"ServiceURL": "https://api.easypost.com/v2",',
	'\t\t"ApiKey": { "secret": true },',
	'\t\t"Mode": { "development": "test", "staging": "test", "production": "live" },',
	'\t},',
	'},',
];
const carrierAt = (indent: string) => CARRIER.map((l) => indent + l).join('\n');
const LOYALTY_END = '"parameters": { "TokenURL": "https://sts.acme.example/oauth2/token", "ConsumerSecret": { "secret": true } },\n\t\t\t},\n';

describe('quick fixes in the real editor', () => {
	let api: ConnectionsApi;
	let repo: Repository;
	let doc: vscode.TextDocument;
	let original: string;

	before(async () => {
		api = await connectionsApi();
		repo = await rootRepository(api);
		doc = (await openConnections(repo)).document;
		original = doc.getText();
		await settled(repo, doc);
	});

	beforeEach(async () => {
		doc = (await openConnections(repo)).document;
		assert.equal(doc.getText(), original, 'each test starts from the example as it was');
		await settled(repo, doc);
	});

	after(() => restoreConnections(repo, original));

	/** Applies the first offered fix of the one `code` diagnostic of `uri` and checks text, diagnostic and undo. */
	async function fixAndUndo(uri: vscode.Uri, code: string, titles: string[], expected: (text: string) => string): Promise<void> {
		const d = await diagnostic(uri, code);
		const actions = await quickFixes(uri, d);
		assert.deepEqual(actions.map((a) => a.title), titles);
		assert.equal(actions[0].isPreferred, true);
		assert.ok(await run(actions[0]), 'the fix landed');
		assert.equal(doc.getText(), expected(original));
		await waitFor(() => ours(uri, code).length === 0, `the ${code} diagnostic to disappear`);
		const editor = await vscode.window.showTextDocument(doc, { preview: false });
		await undoAndCheck(repo, editor, original);
		await diagnostic(uri, code);
	}

	it('the Quick Fix menu the workbench draws lists the fixes, the preferred one first', async function () {
		skipWithoutDrawnPage(this);
		const d = await diagnostic(repo.connectionsUri, 'unknown-connection');
		const editor = await vscode.window.showTextDocument(doc, { preview: false });
		editor.selection = new vscode.Selection(d.range.start, d.range.start);
		editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
		const row = '.action-widget .monaco-list-row.action';
		try {
			await waitFor(async () => {
				await vscode.commands.executeCommand('editor.action.quickFix');
				return ui('waitFor', { selector: row, timeoutMs: 2000 }).then(() => true, () => false);
			}, 'the Quick Fix menu to open', 15000, 200);
			const texts = ((await ui('text', { selector: row })) as string[]).map((t) => t.trim());
			assert.deepEqual(texts.slice(0, 3), [
				'Change to "payments"',
				'Create the third-party connection "payment" in component "notifications"',
				'Create the third-party connection "payment" in the project and use it in "notifications"',
			]);
			if (process.env.QUICKFIX_SCREENSHOT) {
				await ui('screenshot', { path: process.env.QUICKFIX_SCREENSHOT });
			}
		} finally {
			await ui('press', { key: 'Escape' });
		}
		assert.equal(doc.getText(), original, 'opening the menu changes nothing');
	});

	it('unknown-connection: did-you-mean "payments", then create; applying the first replaces the ID', async () => {
		await fixAndUndo(repo.connectionsUri, 'unknown-connection', [
			'Change to "payments"',
			'Create the third-party connection "payment" in component "notifications"',
			'Create the third-party connection "payment" in the project and use it in "notifications"',
		], (t) => replaceOnce(t, '"uses": ["loyalty", "payment"]', '"uses": ["loyalty", "payments"]'));
	});

	it('unknown-parameter: renames the key literal only', async () => {
		await fixAndUndo(repo.connectionsUri, 'unknown-parameter', ['Rename the key to "HostName"'],
			(t) => replaceOnce(t, '"Hostname": "localhost"', '"HostName": "localhost"'));
	});

	it('oauth-app-project-mismatch: shares the project\'s OAuth application', async () => {
		await fixAndUndo(repo.connectionsUri, 'oauth-app-project-mismatch', ['Use the OAuth application "shop-app"'],
			(t) => replaceOnce(t, '"oauthApp": "loyalty-app"', '"oauthApp": "shop-app"'));
	});

	it('out-of-scope-reference: promotes carrier-api to the project, its text kept, and shipping keeps using it', async () => {
		await fixAndUndo(repo.connectionsUri, 'out-of-scope-reference', ['Promote "carrier-api" to a project connection (shared by "shipping" and "billing")'], (t) => {
			const promoted = replaceOnce(t, LOYALTY_END, `${LOYALTY_END}${carrierAt('\t\t\t')}\n`);
			return replaceOnce(promoted, `"uses": ["shared-postgres"],\n\t\t\t\t"connections": [\n${carrierAt('\t\t\t\t\t')}\n\t\t\t\t],`,
				'"uses": ["shared-postgres", "carrier-api"],\n\t\t\t\t"connections": [],');
		});
	});

	it('undeclared-reference in Go source: adds catalog to shipping\'s uses in connections.json', async () => {
		const go = repo.uriOf('services/shipping/main.go');
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(go), { preview: false });
		const goText = (await vscode.workspace.openTextDocument(go)).getText();
		await fixAndUndo(go, 'undeclared-reference', ['Add "catalog" to the "uses" of "shipping"'],
			(t) => replaceOnce(t, '"uses": ["shared-postgres"],\n\t\t\t\t"connections": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"id": "carrier-api"',
				'"uses": ["shared-postgres", "catalog"],\n\t\t\t\t"connections": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"id": "carrier-api"'));
		assert.equal((await vscode.workspace.openTextDocument(go)).getText(), goText, 'the source file is not touched');
		if (drawnPage()) {
			// Started in the Go file, it changed connections.json: a message says so, with an Open action.
			const shown = await notificationText('changed workspace/connections.json', 'the message about connections.json');
			assert.ok(shown.includes('"Add "catalog" to the "uses" of "shipping"" changed workspace/connections.json.'), shown);
			assert.ok(shown.includes('Open'), shown);
			await vscode.commands.executeCommand('notifications.clearAll');
			await vscode.commands.executeCommand('notifications.hideList');
		}
	});

	it('plain-secret: moves the value into SecretStorage and leaves no literal in the file (docs/reliability.md S5)', async () => {
		assert.equal(vscode.workspace.isTrusted, true, 'the suite runs in a trusted workspace');
		await fixAndUndo(repo.connectionsUri, 'plain-secret', ['Move "Password" of "ledger-db" to secret storage'], (t) => {
			const after = replaceOnce(t, '"Password": "hunter2",', '"Password": { "secret": true },');
			assert.ok(!after.includes('hunter2'));
			return after;
		});
		const stored = await vscode.commands.executeCommand<string | undefined>('connections.test.readSecret', repo.folder.toString(), 'ledger-db', 'Password');
		assert.equal(stored, 'hunter2', 'the value is in secret storage');
	});

	it('a file with a syntax error gets no edit actions, and a fix offered before the error refuses (docs/reliability.md E3)', async () => {
		const uri = repo.connectionsUri;
		const d = await diagnostic(uri, 'unknown-parameter');
		const [offered] = await quickFixes(uri, d);
		const broken = replaceOnce(original, '"version": 1,', '"version": 1,,');
		await restoreText(repo, doc, broken);
		await waitFor(() => repo.project.parsed.hasSyntaxErrors, 'the model to see the syntax error');
		const whole = new vscode.Range(0, 0, doc.lineCount, 0);
		for (const kind of [undefined, vscode.CodeActionKind.QuickFix.value, 'source.fixAll.connections']) {
			const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, kind);
			const mine = actions.filter((a) => a.command?.command === APPLY || a.command?.command === 'connections.fixAll' || a.kind?.value.startsWith('source.fixAll.connections'));
			assert.deepEqual(mine.map((a) => a.title), [], `no edit actions (${kind ?? 'all kinds'})`);
		}
		assert.equal(await run(offered), false, 'the earlier fix refuses');
		assert.equal(await vscode.commands.executeCommand('connections.fixAll', uri), false, 'Fix All refuses');
		assert.equal(doc.getText(), broken, 'the file is unchanged');
		await restoreText(repo, doc, original);
		await waitFor(() => !repo.project.parsed.hasSyntaxErrors, 'the model to parse the file again');
	});

	it('two quick fixes fired together both land, each one undo step', async () => {
		const uri = repo.connectionsUri;
		const [key] = await quickFixes(uri, await diagnostic(uri, 'unknown-parameter'));
		const [app] = await quickFixes(uri, await diagnostic(uri, 'oauth-app-project-mismatch'));
		const [typo] = await quickFixes(uri, await diagnostic(uri, 'unknown-connection'));
		const results = await Promise.all([run(key), run(app), run(typo)]);
		assert.deepEqual(results, [true, true, true]);
		let expected = replaceOnce(original, '"Hostname": "localhost"', '"HostName": "localhost"');
		expected = replaceOnce(expected, '"oauthApp": "loyalty-app"', '"oauthApp": "shop-app"');
		expected = replaceOnce(expected, '"uses": ["loyalty", "payment"]', '"uses": ["loyalty", "payments"]');
		assert.equal(doc.getText(), expected);
		const editor = await vscode.window.showTextDocument(doc, { preview: false });
		for (let i = 0; i < 3; i++) {
			await vscode.commands.executeCommand('undo');
		}
		await waitFor(() => doc.getText() === original || undefined, 'three undos to restore the file', 5000);
		await settled(repo, editor.document);
	});

	it('component-yaml-missing-file: the information on a component\'s ID creates its component.yaml, opened, and the finding goes', async () => {
		const file = vscode.Uri.joinPath(repo.folder, 'services', 'inventory', '.choreo', 'component.yaml');
		const info = await waitFor(() => ours(repo.connectionsUri, 'component-yaml-missing-file').find((d) => doc.getText(d.range) === '"inventory"'), 'the information on "inventory"');
		assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
		const actions = await quickFixes(repo.connectionsUri, info);
		assert.deepEqual(actions.map((a) => a.title), ['Create services/inventory/.choreo/component.yaml']);
		try {
			assert.ok(await run(actions[0]), 'the fix landed');
			assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), [
				'# Read by the platform when it builds this component: it injects the connections listed under',
				'# dependencies.connectionReferences, under the names configurations.env gives them. Created from',
				'# connections.json by Connections for VS Code; keep the two in step.',
				'schemaVersion: "1.2"',
				'dependencies:',
				'  connectionReferences:',
				'    - name: catalog',
				'      resourceRef: service:/shop/catalog/v1/catalog-api/PROJECT',
				'    - name: stock-db',
				'      resourceRef: database:pg-inventory/stock',
				'',
			].join('\n'));
			assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString(), 'the new file is shown');
			await waitFor(() => !ours(repo.connectionsUri, 'component-yaml-missing-file').some((d) => doc.getText(d.range) === '"inventory"'), 'the information on "inventory" to go');
			// Nothing else changed: connections.json is as it was, and the new file agrees with it.
			assert.equal(doc.getText(), original);
			await waitFor(() => vscode.languages.getDiagnostics(file).filter((d) => d.source === 'connections').length === 0 || undefined, 'no finding in the new file');
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
			await vscode.workspace.fs.delete(file);
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(file, '..'));
		}
		await waitFor(() => ours(repo.connectionsUri, 'component-yaml-missing-file').find((d) => doc.getText(d.range) === '"inventory"'), 'the information back once the file is gone');
	});

	describe('in a second repository: component source and component.yaml', () => {
		let fixture: Repository;

		before(async () => {
			fixture = await waitFor(() => api.model.repositories().find((r) => r.folder.path.endsWith('/quickfix-fixture') && r.indexed), 'the quickfix-fixture repository to be indexed', 20000);
		});

		/** Applies a fix to a file that is open in an editor, checks the exact text and the diagnostic, then undoes it. */
		async function fixFileAndUndo(rel: string, code: string, titles: string[], expected: (text: string) => string): Promise<void> {
			const uri = fixture.uriOf(rel);
			const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
			const before = editor.document.getText();
			const actions = await quickFixes(uri, await diagnostic(uri, code));
			assert.deepEqual(actions.map((a) => a.title), titles);
			assert.ok(await run(actions[0]), 'the fix landed');
			assert.equal(editor.document.getText(), expected(before));
			await waitFor(() => ours(uri, code).length === 0, `the ${code} diagnostic to disappear`);
			await vscode.window.showTextDocument(editor.document, { preview: false });
			await vscode.commands.executeCommand('undo');
			await waitFor(() => editor.document.getText() === before || undefined, 'one undo to restore the file', 5000);
			await diagnostic(uri, code);
		}

		it('unknown-key-reference in TypeScript: reads the right variable, only the name changes', async () => {
			await fixFileAndUndo('worker/index.ts', 'unknown-key-reference', ['Read CHOREO_ORDERS_DB_HOSTNAME instead'],
				(t) => replaceOnce(t, 'process.env.CHOREO_ORDERS_DB_HOSTNAM ??', 'process.env.CHOREO_ORDERS_DB_HOSTNAME ??'));
		});

		it('component-yaml-unknown-connection: renames the reference to the connection it most likely means', async () => {
			await fixFileAndUndo('worker/.choreo/component.yaml', 'component-yaml-unknown-connection', ['Change to "orders-db"'],
				(t) => replaceOnce(t, '- name: orders-dbb\n', '- name: orders-db\n'));
		});

		it('component-yaml-missing-reference: adds the reference with the connection\'s target', async () => {
			await fixFileAndUndo('worker/.choreo/component.yaml', 'component-yaml-missing-reference',
				['Add "orders-db" to connectionReferences in component.yaml', 'Remove "orders-db" from the "uses" of "worker"'],
				(t) => `${t}    - name: orders-db\n      resourceRef: database:main/orders\n`);
		});

		describe('connections.json and component.yaml out of step: a fix in either direction, then one undo', () => {
			const YAML = 'worker/.choreo/component.yaml';
			const JSON_FILE = 'connections.json';
			const ENV = '\n  env:\n    - name: ORDERS_HOST\n      valueFrom:\n        connectionRef:\n          name: orders-db\n          key: HostName\n';
			let texts: Map<string, string>;

			async function open(rel: string): Promise<vscode.TextDocument> {
				return vscode.workspace.openTextDocument(fixture.uriOf(rel));
			}

			beforeEach(async () => {
				texts = new Map();
				for (const rel of [YAML, JSON_FILE]) {
					texts.set(rel, (await open(rel)).getText());
				}
			});

			// A fix (and its undo) saves a file it edits that no editor shows (files.refactoring.autoSave), so the
			// original text is put back in the buffer and saved, which leaves the disk as it was too.
			afterEach(async () => {
				for (const [rel, text] of texts) {
					const d = await open(rel);
					await restoreText(fixture, d, text);
					if (d.isDirty && !(await d.save())) {
						// On a loaded machine the save can lose a race with the refactoring auto-save (the disk is
						// newer): put the original text on disk and let the buffer follow it.
						await vscode.workspace.fs.writeFile(d.uri, new TextEncoder().encode(text));
						await vscode.window.showTextDocument(d);
						await vscode.commands.executeCommand('workbench.action.files.revert');
					}
					assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(d.uri)), text, `${rel} is back on disk with its original text`);
				}
				await settled(fixture, await open(JSON_FILE));
			});

			/** Puts the files into a drifted state (in their buffers), applies the fix `pick` of `code`, checks the edited file's text, then undoes it there. */
			async function drift(setup: Record<string, (t: string) => string>, code: string, titles: string[], pick: number, edited: string, expected: (t: string) => string): Promise<void> {
				for (const [rel, change] of Object.entries(setup)) {
					await restoreText(fixture, await open(rel), change(texts.get(rel)!));
				}
				const yamlUri = fixture.uriOf(YAML);
				const actions = await quickFixes(yamlUri, await diagnostic(yamlUri, code));
				assert.deepEqual(actions.map((a) => a.title), titles);
				const target = await open(edited);
				const before = target.getText();
				assert.ok(await run(actions[pick]), 'the fix landed');
				assert.equal(target.getText(), expected(before));
				await waitFor(() => ours(yamlUri, code).length === 0, `the ${code} diagnostic to disappear`);
				await vscode.window.showTextDocument(target, { preview: false });
				await vscode.commands.executeCommand('undo');
				await waitFor(() => target.getText() === before || undefined, `one undo to restore ${edited}`, 5000);
				await diagnostic(yamlUri, code);
			}

			it('component.yaml references a connection "uses" does not list: the fix adds it to "uses" in connections.json', async () => {
				await drift({ [YAML]: (t) => replaceOnce(t, 'orders-dbb', 'orders-db'), [JSON_FILE]: (t) => replaceOnce(t, '"uses": ["orders-db"]', '"uses": []') },
					'component-yaml-unlisted-reference', ['Add "orders-db" to the "uses" of "worker"', 'Remove "orders-db" from connectionReferences in component.yaml'], 0,
					JSON_FILE, (t) => replaceOnce(t, '"uses": []', '"uses": ["orders-db"]'));
			});

			it('connections.json renames a variable component.yaml does not: the fix adds configurations.env to component.yaml', async () => {
				await drift({ [YAML]: (t) => replaceOnce(t, 'orders-dbb', 'orders-db'), [JSON_FILE]: (t) => replaceOnce(t, '"uses": ["orders-db"]', '"uses": ["orders-db"], "env": { "ORDERS_HOST": { "connection": "orders-db", "key": "HostName" } }') },
					'component-yaml-missing-rename', ['Add ORDERS_HOST to configurations.env in component.yaml', 'Remove ORDERS_HOST from the "env" of "worker" in connections.json'], 0,
					YAML, (t) => `${t}configurations:${ENV}`);
			});

			it('component.yaml renames a variable connections.json does not: the fix adds it to "env" in connections.json', async () => {
				await drift({ [YAML]: (t) => `${replaceOnce(t, 'orders-dbb', 'orders-db')}configurations:${ENV}` },
					'component-yaml-unlisted-rename', ['Add ORDERS_HOST to the "env" of "worker" in connections.json', 'Remove ORDERS_HOST from configurations.env in component.yaml'], 0,
					JSON_FILE, (t) => replaceOnce(t, '"uses": ["orders-db"] }', '"uses": ["orders-db"], "env": { "ORDERS_HOST": { "connection": "orders-db", "key": "HostName" } } }'));
			});
		});
	});

	it('Fix All (source.fixAll.connections) applies every preferred fix but the secret in one undoable edit', async () => {
		const uri = repo.connectionsUri;
		const whole = new vscode.Range(0, 0, doc.lineCount, 0);
		const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.connections'))
			.filter((a) => a.kind?.value === 'source.fixAll.connections');
		assert.deepEqual(actions.map((a) => a.title), ['Fix all auto-fixable problems in connections.json']);
		assert.equal(await vscode.commands.executeCommand(actions[0].command!.command, ...(actions[0].command!.arguments ?? [])), true);
		let expected = replaceOnce(original, '"oauthApp": "loyalty-app"', '"oauthApp": "shop-app"');
		expected = replaceOnce(expected, LOYALTY_END, `${LOYALTY_END}${carrierAt('\t\t\t')}\n`);
		expected = replaceOnce(expected, '"Hostname": "localhost"', '"HostName": "localhost"');
		expected = replaceOnce(expected, `"uses": ["shared-postgres"],\n\t\t\t\t"connections": [\n${carrierAt('\t\t\t\t\t')}\n\t\t\t\t],`,
			'"uses": ["shared-postgres", "carrier-api"],\n\t\t\t\t"connections": [],');
		expected = replaceOnce(expected, '"uses": ["loyalty", "payment"]', '"uses": ["loyalty", "payments"]');
		assert.equal(doc.getText(), expected);
		await waitFor(() => {
			const left = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connections' && d.severity <= vscode.DiagnosticSeverity.Warning);
			return left.length === 1 && ours(uri, 'plain-secret').length === 1;
		}, 'only the plain secret left');
		if (drawnPage()) {
			// It says what it changed and what it left, and why.
			const shown = await notificationText('Fixed ', 'the Fix All report');
			assert.ok(shown.includes('Fixed 4 problems: Use the OAuth application "shop-app"; Rename the key to "HostName"; Promote "carrier-api" to a project connection (shared by "shipping" and "billing"); Change to "payments". '
				+ 'Left 5: 1 would move a secret to secret storage (run it from the light bulb), 4 would change other files.'), shown);
			await vscode.commands.executeCommand('notifications.clearAll');
			await vscode.commands.executeCommand('notifications.hideList');
		}
		const editor = await vscode.window.showTextDocument(doc, { preview: false });
		await undoAndCheck(repo, editor, original);
	});
});
