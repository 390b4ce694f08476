// docs/reliability.md R4 in the real editor: each workspace folder's connections.json is its own; the same ID
// in two folders is no duplicate, and references resolve to the nearest file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import { waitFor, codeOf } from '../suite/util';

const EXT_ID = 'connections-tools.choreo-connections';

describe('multi-root workspace', () => {
	let api: ConnectionsApi;
	const folders = () => vscode.workspace.workspaceFolders ?? [];
	const warehouse = () => folders().find((f) => f.name === 'warehouse')!.uri;

	before(async () => {
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		await waitFor(() => api.model.repositories().filter((r) => r.indexed).length === 2, 'both repositories indexed', 20000);
	});

	it('opens two folders and shows one tree root for each', async () => {
		assert.deepEqual(folders().map((f) => f.name).sort(), ['warehouse', 'workspace']);
		const roots = (await api.tree!.getChildren()) ?? [];
		const labels = await Promise.all(roots.map(async (r) => {
			const item = await api.tree!.getTreeItem(r);
			return typeof item.label === 'string' ? item.label : item.label?.label;
		}));
		assert.deepEqual(labels.sort(), ['warehouse', 'workspace']);
	});

	it('the same ID in two folders is not a duplicate, and each folder keeps its own findings', async () => {
		const acme = vscode.Uri.joinPath(folders().find((f) => f.name === 'workspace')!.uri, 'connections.json');
		const acmeCodes = await waitFor(() => {
			const d = vscode.languages.getDiagnostics(acme).filter((x) => x.source === 'connections');
			return d.length >= 9 ? d.map((x) => codeOf(x)).sort() : undefined;
		}, 'acme-shop findings', 20000);
		// The example's own deliberate mistakes, and no duplicate-id for the IDs warehouse shares with it.
		// Four components without a component.yaml (information), then the example's deliberate mistakes.
		assert.deepEqual(acmeCodes, [...Array(4).fill('component-yaml-missing-file'), 'oauth-app-project-mismatch', 'out-of-scope-reference', 'plain-secret', 'unknown-connection', 'unknown-parameter']);
		const own = vscode.languages.getDiagnostics(vscode.Uri.joinPath(warehouse(), 'connections.json')).filter((x) => x.source === 'connections');
		// Its one component has no component.yaml: information, and nothing else.
		assert.deepEqual(own.map((d) => codeOf(d)), ['component-yaml-missing-file']);
	});

	it('a reference resolves to the connection of its own folder', async () => {
		const source = vscode.Uri.joinPath(warehouse(), 'src', 'picker.py');
		const doc = await vscode.workspace.openTextDocument(source);
		const at = doc.positionAt(doc.getText().indexOf('CHOREO_PAYMENTS_SERVICEURL') + 3);
		const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', source, at);
		const uris = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).toString());
		assert.deepEqual(uris, [vscode.Uri.joinPath(warehouse(), 'connections.json').toString()]);
		assert.deepEqual(vscode.languages.getDiagnostics(source).filter((x) => x.source === 'connections'), []);
	});
});
