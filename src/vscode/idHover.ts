// Hover on connection IDs in connections.json, env reads in component source and names in component.yaml,
// and on the keys of the platform's .choreo files (component.yaml, component-config.yaml, endpoints.yaml).
import * as vscode from 'vscode';
import { hoverFor, renderHover } from '../core/ids/hover';
import { CHOREO_GLOB, choreoFileOfPath } from '../core/platform/choreoFiles';
import { choreoKeyAt, renderChoreoKeyHover } from '../core/platform/choreoKeys';
import { guarded, ID_SELECTOR, rangeIn, siteAt, translate } from './idSites';
import { secretSetFor } from '../core/secrets/environments';
import type { SecretAddress, SecretStore } from './secretStore';
import type { WorkspaceModel } from './workspaceModel';

const HOVER_SELECTOR: vscode.DocumentSelector = [...(ID_SELECTOR as vscode.DocumentFilter[]), { pattern: CHOREO_GLOB }];

/** Core Markdown, which escapes every piece of workspace text: nothing in it may run or render as HTML. */
function inert(markdown: string): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, false);
	md.isTrusted = false;
	md.supportHtml = false;
	md.appendMarkdown(markdown);
	return md;
}

/** The hover on a key of a .choreo file, or undefined (not such a file, or not on a key the platform reads). */
function keyHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
	const file = choreoFileOfPath(doc.uri.path);
	const h = file && choreoKeyAt(file.name, doc.getText(), doc.offsetAt(position));
	return h ? new vscode.Hover(inert(renderChoreoKeyHover(h, translate)), rangeIn(doc, h.span)) : undefined;
}

/** The stored addresses of a connection, only in a trusted workspace (T1) and only their keys (S2); undefined when not known. */
async function storedOf(secrets: SecretStore | undefined, repository: vscode.Uri, id: string): Promise<SecretAddress[] | undefined> {
	if (!secrets || !vscode.workspace.isTrusted) {
		return undefined;
	}
	try {
		return await secrets.addressesOf(repository, id);
	} catch {
		return undefined; // secret storage unavailable: the hover says "secret" only, rather than guess
	}
}

export function registerIdHover(model: WorkspaceModel, secrets?: SecretStore): vscode.Disposable {
	return vscode.languages.registerHoverProvider(HOVER_SELECTOR, {
		provideHover: (doc, position, token) => guarded('hover', async () => {
			const key = keyHover(doc, position);
			if (key) {
				return key;
			}
			const found = await siteAt(model, doc, position, token);
			const content = found && hoverFor(found.ctx.repo.project, found.site);
			if (!found || !content || token.isCancellationRequested) {
				return undefined;
			}
			const stored = content.type === 'connection' ? await storedOf(secrets, found.ctx.repo.folder, content.id) : undefined;
			const secretSet = stored && ((key: string, environment: string) => secretSetFor(stored, key, environment || undefined));
			return new vscode.Hover(inert(renderHover(content, translate, secretSet)), rangeIn(doc, found.site.span));
		}),
	});
}
