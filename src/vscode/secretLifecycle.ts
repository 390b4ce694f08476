// Stored secrets follow their connection when its ID is renamed by any means: F2, the tree's
// Rename command, a quick fix or typing (docs/reliability.md S3). Deleting is explicit (the Delete
// command): a connection that merely disappears may be on its way to another place (cut, paste).
import * as vscode from 'vscode';
import { detectRenames } from '../core/secrets/secretVault';
import type { ParsedConnectionsFile } from '../core/json/parse';
import type { Services } from './services';
import type { Repository } from './workspaceModel';

export function registerSecretLifecycle({ model, secrets: store }: Services): vscode.Disposable {
	const last = new WeakMap<Repository, ParsedConnectionsFile>();
	return model.onDidUpdate((repo) => {
		const parsed = repo.project.parsed;
		const previous = last.get(repo);
		if (parsed.editRefusal || previous === parsed) {
			return; // a broken buffer says nothing about renames; keep the last good model
		}
		last.set(repo, parsed);
		if (!previous || !vscode.workspace.isTrusted) {
			return;
		}
		for (const { from, to } of detectRenames(previous.model.allConnections, parsed.model.allConnections)) {
			// Failures are not fatal here: the value stays under the old ID, where the user can still clear it.
			void store.renameConnection(repo.folder, from, to).catch(() => undefined);
		}
	});
}
