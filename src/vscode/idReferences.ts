// Find references on connection IDs across connections.json, component source and component.yaml.
import * as vscode from 'vscode';
import { referencesOf } from '../core/ids/findReferences';
import { guarded, ID_SELECTOR, locationOf, siteAt } from './idSites';
import type { WorkspaceModel } from './workspaceModel';

export function registerIdReferences(model: WorkspaceModel): vscode.Disposable {
	return vscode.languages.registerReferenceProvider(ID_SELECTOR, {
		provideReferences: (doc, position, context, token) => guarded('references', async () => {
			const found = await siteAt(model, doc, position, token);
			return found && referencesOf(found.ctx.repo.project, found.site, context.includeDeclaration).map((r) => locationOf(found.ctx.repo, r));
		}),
	});
}
