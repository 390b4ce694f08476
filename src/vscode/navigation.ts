// Go to definition, find references and rename of connection IDs across connections.json,
// component source and component.yaml; the outline (document symbols) of connections.json.
import * as vscode from 'vscode';
import {
	definitionsOf, NAVIGATION_MESSAGES, outline, prepareRename, referencesOf, renameEdits, renameOAuthAppEdits,
	type OutlineKind, type OutlineNode, type Refusal, type RenamePlan,
} from '../core/ids/navigation';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { catchUp, contextOf, guarded, ID_SELECTOR, locationOf, nextUpdate, rangeIn, siteAt } from './navigationContext';
import type { Repository, WorkspaceModel } from './workspaceModel';

const SYMBOL_KIND: Record<OutlineKind, vscode.SymbolKind> = {
	'organization': vscode.SymbolKind.Namespace,
	'project': vscode.SymbolKind.Package,
	'component': vscode.SymbolKind.Class,
	'service': vscode.SymbolKind.Interface,
	'third-party': vscode.SymbolKind.Module,
	'database': vscode.SymbolKind.Field,
	'connection': vscode.SymbolKind.Field,
};

function refusalMessage(r: Refusal): string {
	return vscode.l10n.t(NAVIGATION_MESSAGES[r.code], r.args as Record<string, string>);
}

function toSymbol(doc: vscode.TextDocument, n: OutlineNode): vscode.DocumentSymbol {
	const range = rangeIn(doc, n.span);
	const selection = rangeIn(doc, n.selectionSpan);
	const s = new vscode.DocumentSymbol(n.name, n.detail, SYMBOL_KIND[n.kind], range, range.contains(selection) ? selection : new vscode.Range(range.start, range.start));
	s.children = n.children.map((c) => toSymbol(doc, c));
	return s;
}

/** Every document a rename plan touches, opened, with the plan's expected text checked at each range. */
async function planToEdit(repo: Repository, plan: RenamePlan, label: string): Promise<vscode.WorkspaceEdit | undefined> {
	const edit = new vscode.WorkspaceEdit();
	// The label groups the edits in the refactor preview (Ctrl+Enter in the rename box). Not
	// `needsConfirmation`: the preview leaves such edits unchecked, so "Apply" would change
	// nothing unless the user ticked every one, and a partial rename breaks references.
	const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
	for (const [file, edits] of plan.files) {
		const doc = await vscode.workspace.openTextDocument(repo.uriOf(file));
		for (const e of edits) {
			const range = rangeIn(doc, e);
			if (doc.getText(range) !== e.expected) {
				return undefined;
			}
			edit.replace(doc.uri, range, e.newText, metadata);
		}
	}
	return edit;
}

/** The current text of the repository's component.yaml files (opened, so an unsaved buffer wins). */
async function yamlTexts(repo: Repository): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const file of repo.project.componentYamlFiles()) {
		try {
			out.set(file, (await vscode.workspace.openTextDocument(repo.uriOf(file))).getText());
		} catch {
			// Gone since it was indexed: nothing to rename there.
		}
	}
	return out;
}

/**
 * Nothing of ours at the position: in connections.json say why; in source and component.yaml
 * stay silent, so that the language's own rename provider answers.
 */
function notOurs(model: WorkspaceModel, doc: vscode.TextDocument): undefined {
	if (contextOf(model, doc)?.role === 'connections') {
		throw new Error(vscode.l10n.t(NAVIGATION_MESSAGES['not-renamable']));
	}
	return undefined;
}

async function renameAt(model: WorkspaceModel, doc: vscode.TextDocument, position: vscode.Position, newName: string, token: vscode.CancellationToken): Promise<vscode.WorkspaceEdit | undefined> {
	// Offsets come from the model; if a file changed since it was read, wait for the model once and compute again.
	for (let attempt = 0; attempt < 2; attempt++) {
		const found = await siteAt(model, doc, position, token);
		if (!found) {
			return notOurs(model, doc);
		}
		const { ctx, site } = found;
		const repo = ctx.repo;
		const connectionsDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === repo.connectionsUri.toString());
		if (connectionsDoc && !(await catchUp(model, repo, connectionsDoc, token))) {
			throw new Error(vscode.l10n.t(NAVIGATION_MESSAGES.stale));
		}
		const ready = prepareRename(repo.project, site);
		if (!ready.ok) {
			throw new Error(refusalMessage(ready));
		}
		const name = newName.trim();
		const yaml = await yamlTexts(repo);
		const plan = site.kind === 'oauth-app'
			? renameOAuthAppEdits(repo.project, site, name)
			: renameEdits(repo.project, site.connection!, name, (file) => yaml.get(file));
		if (!plan.ok) {
			throw new Error(refusalMessage(plan));
		}
		const label = site.kind === 'oauth-app'
			? vscode.l10n.t('Rename OAuth application {0} to {1}', site.app ?? '', name)
			: vscode.l10n.t('Rename connection {0} to {1}', site.connection!.id, name);
		const edit = await planToEdit(repo, plan, label);
		if (edit) {
			return edit;
		}
		await nextUpdate(model, repo, 1000);
	}
	throw new Error(vscode.l10n.t(NAVIGATION_MESSAGES.stale));
}

async function prepareAt(model: WorkspaceModel, doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<{ range: vscode.Range; placeholder: string } | undefined> {
	const found = await siteAt(model, doc, position, token);
	if (!found) {
		return notOurs(model, doc);
	}
	const r = prepareRename(found.ctx.repo.project, found.site, found.ctx.role === 'yaml' ? doc.getText() : undefined);
	if (!r.ok) {
		throw new Error(refusalMessage(r));
	}
	return { range: rangeIn(doc, r.span), placeholder: r.placeholder };
}

export function registerNavigation(model: WorkspaceModel): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.languages.registerDefinitionProvider(ID_SELECTOR, {
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
		}),
		vscode.languages.registerReferenceProvider(ID_SELECTOR, {
			provideReferences: (doc, position, context, token) => guarded('references', async () => {
				const found = await siteAt(model, doc, position, token);
				return found && referencesOf(found.ctx.repo.project, found.site, context.includeDeclaration).map((r) => locationOf(found.ctx.repo, r));
			}),
		}),
		// Refusals are thrown: the editor shows the message instead of renaming.
		vscode.languages.registerRenameProvider(ID_SELECTOR, {
			prepareRename: (doc, position, token) => prepareAt(model, doc, position, token),
			provideRenameEdits: (doc, position, newName, token) => renameAt(model, doc, position, newName, token),
		}),
		vscode.languages.registerDocumentSymbolProvider({ pattern: `**/${CONNECTIONS_FILE}` }, {
			provideDocumentSymbols: (doc, token) => guarded('outline', async () => {
				await model.ready;
				const ctx = contextOf(model, doc);
				if (!ctx || ctx.role !== 'connections' || !(await catchUp(model, ctx.repo, doc, token))) {
					return undefined;
				}
				return outline(ctx.repo.project.parsed.model).map((n) => toSymbol(doc, n));
			}),
		}, { label: vscode.l10n.t('Connections') }),
	);
}

