// Go to definition on connection IDs in connections.json, component source and component.yaml.
import * as vscode from 'vscode';
import { definitionsOf } from '../core/ids/definition';
import { guarded, ID_SELECTOR, locationOf, rangeIn, siteAt } from './idSites';
import type { WorkspaceModel } from './workspaceModel';

export function registerIdDefinition(model: WorkspaceModel): vscode.Disposable {
	return vscode.languages.registerDefinitionProvider(ID_SELECTOR, {
		provideDefinition: (doc, position, token) => guarded('definition', async () => {
			const found = await siteAt(model, doc, position, token);
			if (!found) {
				return undefined;
			}
			const origin = rangeIn(doc, found.site.span);
			return definitionsOf(found.ctx.repo.project, found.site).map((d): vscode.LocationLink => {
				const target = locationOf(found.ctx.repo, d);
				return { originSelectionRange: origin, targetUri: target.uri, targetRange: target.range, targetSelectionRange: target.range };
			});
		}),
	});
}
