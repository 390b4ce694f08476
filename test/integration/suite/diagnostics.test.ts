// Diagnostics as the user sees them in the real editor, and the command line agreeing with them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { editorStoreFiles } from './connectionsHelpers';
import { waitFor, codeOf } from './util';

const EXT_ID = 'connections-tools.choreo-connections';

interface CliFinding { file: string; line: number; column: number; endLine: number; endColumn: number; code: string; severity: string; message: string }

function root(): vscode.Uri {
	return vscode.workspace.workspaceFolders![0].uri;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connections');
}

function shown(doc: vscode.TextDocument, diags: readonly vscode.Diagnostic[]): string[] {
	return diags.map((d) => `${codeOf(d)}@${doc.getText(d.range)}`).sort();
}

async function replaceInDocument(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
	const at = doc.getText().indexOf(from);
	assert.ok(at >= 0, `"${from}" is in ${doc.uri.path}`);
	const edit = new vscode.WorkspaceEdit();
	edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
	assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('diagnostics in the editor', () => {
	let api: ConnectionsApi;
	const connectionsUri = () => vscode.Uri.joinPath(root(), 'connections.json');

	before(async () => {
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		await waitFor(() => api.model.repositories().find((r) => r.folder.toString() === root().toString())?.indexed, 'indexing of the example', 20000);
	});

	it('shows the example\'s deliberate mistakes in connections.json with their exact ranges', async () => {
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		const diags = await waitFor(() => (ours(doc.uri).length >= 9 ? ours(doc.uri) : undefined), 'diagnostics in connections.json', 20000);
		assert.deepEqual(shown(doc, diags), [
			// Information: four components have no component.yaml yet (the light bulb creates one).
			'component-yaml-missing-file@"billing"',
			'component-yaml-missing-file@"inventory"',
			'component-yaml-missing-file@"notifications"',
			'component-yaml-missing-file@"shipping"',
			'oauth-app-project-mismatch@"loyalty-app"',
			'out-of-scope-reference@"carrier-api"',
			'plain-secret@"hunter2"',
			'unknown-connection@"payment"',
			'unknown-parameter@"Hostname"',
		]);
		const severities = Object.fromEntries(diags.map((d) => [codeOf(d), d.severity]));
		assert.equal(severities['unknown-connection'], vscode.DiagnosticSeverity.Error);
		assert.equal(severities['plain-secret'], vscode.DiagnosticSeverity.Warning);
		assert.equal(severities['component-yaml-missing-file'], vscode.DiagnosticSeverity.Information);
		assert.match(diags.find((d) => codeOf(d) === 'unknown-connection')!.message, /Did you mean "payments"\?/);
	});

	it('each finding\'s code links to its section of docs/rules.md, and the "Connections" log says what was indexed', async function () {
		this.timeout(40_000);
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		const diags = await waitFor(() => (ours(doc.uri).length >= 9 ? ours(doc.uri) : undefined), 'diagnostics in connections.json', 20000);
		for (const d of diags) {
			assert.ok(typeof d.code === 'object', `${codeOf(d)} is a link`);
			assert.equal(d.code.target.toString(true), `https://github.com/connections-tools/choreo-connections/blob/main/docs/rules.md#${d.code.value}`);
		}
		const text = await waitFor(async () => {
			const f = (await editorStoreFiles()).find((c) => c.endsWith('Connections.log'));
			return f && fs.readFileSync(f, 'utf8').includes('Indexed workspace/connections.json') ? fs.readFileSync(f, 'utf8') : undefined;
		}, 'the indexing line in the Connections log', 20000);
		assert.match(text, /\[info\] Indexed workspace\/connections\.json: \d+ source file\(s\) and \d+ \.choreo file\(s\) in \d+ ms\. Not scanned: .*node_modules/);
	});

	it('shows references in component source that the component does not declare', async () => {
		const uri = vscode.Uri.joinPath(root(), 'services', 'shipping', 'main.go');
		const doc = await vscode.workspace.openTextDocument(uri);
		const diags = await waitFor(() => (ours(uri).length ? ours(uri) : undefined), 'diagnostics in main.go', 20000);
		assert.deepEqual(shown(doc, diags), ['undeclared-reference@CHOREO_CATALOG_SERVICEURL']);
	});

	it('the command line reports the same codes and ranges as the editor, file by file', async () => {
		const cli = path.join(vscode.extensions.getExtension(EXT_ID)!.extensionPath, 'dist', 'cli.js');
		let out: string;
		try {
			out = execFileSync(process.execPath, [cli, 'validate', '.', '--format', 'json'], { cwd: root().fsPath, encoding: 'utf8' });
		} catch (e) {
			out = (e as { stdout: string }).stdout; // exit 1: errors found
		}
		const cliFindings = (JSON.parse(out) as CliFinding[]).map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.code}`).sort();
		const editorFindings: string[] = [];
		for (const [uri, diags] of vscode.languages.getDiagnostics()) {
			const rel = path.relative(root().fsPath, uri.fsPath).split(path.sep).join('/');
			if (rel.startsWith('..') || rel.includes('-fixture/')) {
				continue; // other repositories of the test workspace
			}
			for (const d of diags.filter((x) => x.source === 'connections')) {
				editorFindings.push(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${codeOf(d)}`);
			}
		}
		assert.deepEqual(cliFindings.map((f) => f.replace(/:.* /, ' ')).sort(), [
			...Array(4).fill('connections.json component-yaml-missing-file'),
			'connections.json oauth-app-project-mismatch', 'connections.json out-of-scope-reference', 'connections.json plain-secret',
			'connections.json unknown-connection', 'connections.json unknown-parameter', 'services/shipping/main.go undeclared-reference',
		], 'the example\'s deliberate mistakes');
		assert.deepEqual(editorFindings.sort(), cliFindings);
	});

	it('a new mistake appears as the user types and disappears when fixed (the open buffer wins)', async () => {
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		await vscode.window.showTextDocument(doc);
		const before = doc.getText();
		await replaceInDocument(doc, '"target": "database:pg-main/shop"', '"target": "database:pg-main/shop/extra"');
		const bad = await waitFor(() => ours(doc.uri).find((d) => codeOf(d) === 'invalid-target'), 'invalid-target after the edit');
		assert.equal(doc.getText(bad.range), '"database:pg-main/shop/extra"');
		assert.match(bad.message, /database resource reference/);
		await replaceInDocument(doc, '"database:pg-main/shop/extra"', '"database:pg-main/shop"');
		await waitFor(() => !ours(doc.uri).some((d) => codeOf(d) === 'invalid-target'), 'invalid-target to disappear');
		assert.equal(doc.getText(), before);
	});

	it('a syntax error is shown once (by the JSON service), and our other findings pause until it parses', async () => {
		const doc = await vscode.workspace.openTextDocument(connectionsUri());
		await vscode.window.showTextDocument(doc);
		const before = doc.getText();
		await replaceInDocument(doc, '"version": 1,', '"version": 1,,');
		await waitFor(() => ours(doc.uri).length === 0, 'our findings to pause');
		const all = await waitFor(() => {
			const d = vscode.languages.getDiagnostics(doc.uri);
			return d.length ? d : undefined;
		}, 'the JSON service\'s syntax error');
		const ranges = all.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
		assert.equal(new Set(ranges).size, ranges.length, `no range is reported twice: ${all.map((d) => `${d.source} ${d.message}`).join(' | ')}`);
		assert.ok(all.every((d) => d.source !== 'connections'));
		await replaceInDocument(doc, '"version": 1,,', '"version": 1,');
		await waitFor(() => ours(doc.uri).length >= 5, 'our findings to return');
		assert.equal(doc.getText(), before);
	});

	it('a fixture with a broken connections.json shows each finding with the expected code and range', async () => {
		const uri = vscode.Uri.joinPath(root(), 'diagnostics-fixture', 'connections.json');
		const text = [
			'{',
			'  "version": 1,',
			'  "organization": { "id": "acme", "connections": [',
			'    { "id": "orders db", "kind": "database", "parameters": { "DBName": "x" } },',
			'    { "id": "orders.db", "kind": "queue" }',
			'  ] },',
			'  "__proto__": {}',
			'}',
			'',
		].join('\n');
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
		try {
			const doc = await vscode.workspace.openTextDocument(uri);
			const diags = await waitFor(() => (ours(uri).length >= 4 ? ours(uri) : undefined), 'the fixture\'s diagnostics', 20000);
			assert.deepEqual(shown(doc, diags), [
				'forbidden-key@"__proto__"',
				'schema-enum@"queue"',
				'unknown-parameter@"DBName"',
				'variable-collision@"orders.db"',
			]);
			assert.ok(diags.every((d) => d.range.start.line >= 2 && d.range.start.line <= 6));
		} finally {
			await vscode.workspace.fs.delete(uri);
		}
		await waitFor(() => ours(uri).length === 0, 'the fixture\'s diagnostics to go with the file');
	});
});

describe('diagnostics in the new source languages', () => {
	it('Ruby, PHP and Ballerina component files: a read the component does not declare is shown at its name; reads in comments, strings and HTML are not', async function () {
		this.timeout(60_000);
		const folder = vscode.Uri.joinPath(root(), 'languages-fixture');
		const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, ...rel.split('/')), new TextEncoder().encode(text));
		const connections = JSON.stringify({
			version: 1,
			organization: { id: 'acme', connections: [{ id: 'archive-db', kind: 'database', target: 'database:archive' }] },
			project: {
				id: 'tools',
				connections: [{ id: 'reports', kind: 'service', target: 'service:/tools/reports/v1/api/PROJECT', access: 'project', security: { scheme: 'none' } }],
				components: [
					{ id: 'worker', type: 'scheduled-task', path: 'worker', uses: ['reports'] },
					{ id: 'site', type: 'service', path: 'site', uses: ['reports'] },
					{ id: 'api', type: 'service', path: 'api', uses: ['reports'] },
				],
			},
		}, null, 2);
		try {
			await write('worker/app.rb', [
				"# ENV['CHOREO_ARCHIVE_DB_PORT'] in a comment",
				"REPORTS_URL = ENV.fetch('CHOREO_REPORTS_SERVICEURL')",
				"HOST = ENV['CHOREO_ARCHIVE_DB_HOSTNAME']",
				"NOTE = 'ENV[\"CHOREO_ARCHIVE_DB_USERNAME\"]'",
				'=begin',
				"ENV['CHOREO_ARCHIVE_DB_PASSWORD']",
				'=end',
				'',
			].join('\n'));
			await write('site/index.php', [
				"<p>getenv('CHOREO_ARCHIVE_DB_PORT') in HTML</p>",
				'<?php',
				"$reports = getenv('CHOREO_REPORTS_SERVICEURL');",
				"$host = $_ENV['CHOREO_ARCHIVE_DB_HOSTNAME']; // getenv('CHOREO_ARCHIVE_DB_USERNAME')",
				'',
			].join('\n'));
			await write('api/main.bal', [
				'import ballerina/os;',
				'',
				'final string reports = os:getEnv("CHOREO_REPORTS_SERVICEURL");',
				'final string host = os:getEnv("CHOREO_ARCHIVE_DB_HOSTNAME"); // os:getEnv("CHOREO_ARCHIVE_DB_PORT")',
				'',
			].join('\n'));
			// connections.json last, then opened: a watcher's create event can be late or lost on a loaded machine,
			// and an opened connections.json the model does not know is looked for at once (with every file above).
			await write('connections.json', connections + '\n');
			await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'connections.json'));
			for (const rel of ['worker/app.rb', 'site/index.php', 'api/main.bal']) {
				const uri = vscode.Uri.joinPath(folder, ...rel.split('/'));
				const doc = await vscode.workspace.openTextDocument(uri);
				const diags = await waitFor(() => (ours(uri).length ? ours(uri) : undefined), `diagnostics in ${rel}`, 30_000);
				assert.deepEqual(shown(doc, diags), ['undeclared-reference@CHOREO_ARCHIVE_DB_HOSTNAME'], rel);
				assert.match(diags[0].message, /does not list in "uses"/);
				if (doc.languageId !== 'ruby' && doc.languageId !== 'php') {
					// Diagnostics go by file extension; the language features by editor language, and the
					// editor knows no `ballerina` language without the Ballerina extension.
					continue;
				}
				// Hover on a declared read: the connection behind it, from the same scan.
				const at = doc.positionAt(doc.getText().indexOf('CHOREO_REPORTS_SERVICEURL') + 3);
				const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
				const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
				assert.match(text, /Defined in connections\.json, line \d+/, `${rel}: ${text}`);
			}
		} finally {
			await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
		}
		await waitFor(() => ours(vscode.Uri.joinPath(folder, 'worker', 'app.rb')).length === 0 || undefined, 'the findings to go with the folder', 20_000);
	});
});

describe('schema help from the editor\'s JSON service', () => {
	it('connections.json is JSON with comments, and the schema gives hover and value completion', async () => {
		const uri = vscode.Uri.joinPath(root(), 'connections.json');
		const doc = await vscode.workspace.openTextDocument(uri);
		assert.equal(doc.languageId, 'jsonc');
		const at = doc.getText().indexOf('"kind"');
		const hovers = await waitFor(async () => {
			const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(at + 2));
			return h.length ? h : undefined;
		}, 'a schema hover on "kind"', 20000);
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.match(text, /What the connection reaches/);
		const valueAt = doc.getText().indexOf('"database"', at) + 1;
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, doc.positionAt(valueAt));
		const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
		for (const kind of ['"service"', '"third-party"', '"database"']) {
			assert.ok(labels.includes(kind), `completion offers ${kind}: ${labels.join(', ')}`);
		}
	});
});

describe('the platform\'s .choreo files in the editor', () => {
	it('the platform\'s rules on .choreo files: component.yaml and endpoints.yaml beside connections.json, schemaFilePath from the disk', async function () {
		this.timeout(60_000);
		const folder = vscode.Uri.joinPath(root(), 'platform-fixture');
		const yamlUri = vscode.Uri.joinPath(folder, 'api', '.choreo', 'component.yaml');
		const endpointsUri = vscode.Uri.joinPath(folder, 'api', '.choreo', 'endpoints.yaml');
		const schemaUri = vscode.Uri.joinPath(folder, 'api', 'openapi.yaml');
		const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
		try {
			await write(vscode.Uri.joinPath(folder, 'connections.json'), '{ "version": 1, "project": { "id": "shop", "components": [{ "id": "api", "path": "api" }] } }\n');
			await write(yamlUri, 'schemaVersion: 1.2\nendpoints:\n  - name: api\n    service:\n      port: 8080\n    type: REST\n    schemaFilePath: openapi.yaml\n');
			await write(endpointsUri, 'version: 0.1\nendpoints: []\n');
			const yamlDoc = await vscode.workspace.openTextDocument(yamlUri);
			const first = await waitFor(() => (ours(yamlUri).length ? ours(yamlUri) : undefined), 'the schemaFilePath finding on component.yaml', 30_000);
			assert.deepEqual(shown(yamlDoc, first), ['source-config-schema-file@openapi.yaml']);
			const endpointsDoc = await vscode.workspace.openTextDocument(endpointsUri);
			const unused = await waitFor(() => (ours(endpointsUri).some((d) => codeOf(d) === 'source-config-unused-file') ? ours(endpointsUri) : undefined), 'endpoints.yaml reported as unused');
			assert.deepEqual(shown(endpointsDoc, unused), ['source-config-unused-file@version: 0.1']);
			// An unknown schema version is reported, and the rest of the file is not judged against a schema it has not.
			await replaceInDocument(yamlDoc, '1.2', '1.3');
			const unknown = await waitFor(() => (ours(yamlUri).some((d) => codeOf(d) === 'source-config-schema-version') ? ours(yamlUri) : undefined), 'the unknown schema version');
			assert.deepEqual(shown(yamlDoc, unknown), ['source-config-schema-version@1.3']);
			// The schema file appears: once the file is back at 1.2 its finding is gone.
			await write(schemaUri, 'openapi: 3.0.0\n');
			await replaceInDocument(yamlDoc, '1.3', '1.2');
			await waitFor(() => ours(yamlUri).length === 0 || undefined, 'no finding once the schema file exists', 20_000);
			assert.ok(await yamlDoc.save());
		} finally {
			await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
		}
		await waitFor(() => ours(endpointsUri).length === 0 || undefined, 'the findings to go with the folder', 20_000);
	});
});
