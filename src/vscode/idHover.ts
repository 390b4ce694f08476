// Hover on connection IDs in connections.json, env reads in component source and names in component.yaml.
import * as vscode from 'vscode';
import { hoverFor, renderHover } from '../core/ids/hover';
import { guarded, ID_SELECTOR, rangeIn, siteAt, translate } from './idSites';
import type { WorkspaceModel } from './workspaceModel';

export function registerIdHover(model: WorkspaceModel): vscode.Disposable {
	return vscode.languages.registerHoverProvider(ID_SELECTOR, {
		provideHover: (doc, position, token) => guarded('hover', async () => {
			const found = await siteAt(model, doc, position, token);
			const content = found && hoverFor(found.ctx.repo.project, found.site);
			if (!found || !content || token.isCancellationRequested) {
				return undefined;
			}
			// Workspace text arrives escaped by renderHover; nothing in it may run or render as HTML.
			const md = new vscode.MarkdownString(undefined, false);
			md.isTrusted = false;
			md.supportHtml = false;
			md.appendMarkdown(renderHover(content, translate));
			return new vscode.Hover(md, rangeIn(doc, found.site.span));
		}),
	});
}
