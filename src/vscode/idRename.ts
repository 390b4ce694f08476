// Rename of connection IDs and OAuth application names across connections.json, component source
// and component.yaml: F2, and the tree's Rename command through the same planner (core/ids/rename.ts)
// and the same WorkspaceEdit. Stored secrets follow either through secretLifecycle.ts.
import * as vscode from 'vscode';
import { choreoFileOfPath } from '../core/platform/choreoFiles';
import { NAVIGATION_MESSAGES } from '../core/findings/messages';
import { prepareRename, renameEdits, renameOAuthAppEdits, type Refusal, type RenamePlan } from '../core/ids/rename';
import type { ParsedConnectionsFile } from '../core/json/parse';
import type { Connection } from '../core/model/model';
import { catchUp, contextOf, ID_SELECTOR, nextUpdate, rangeIn, siteAt } from './idSites';
import type { Repository, WorkspaceModel } from './workspaceModel';

function refusalMessage(r: Refusal): string {
	return vscode.l10n.t(NAVIGATION_MESSAGES[r.code], r.args as Record<string, string>);
}

/**
 * Every document a rename plan touches, opened, with the plan's expected text checked at each
 * range; undefined when a file changed under the plan. A refused plan is thrown.
 */
async function planToEdit(repo: Repository, plan: RenamePlan | Refusal, label: string, yamlLabel = label): Promise<vscode.WorkspaceEdit | undefined> {
	if (!plan.ok) {
		throw new Error(refusalMessage(plan));
	}
	const edit = new vscode.WorkspaceEdit();
	// The label groups the edits in the refactor preview (Ctrl+Enter in the rename box). Not
	// `needsConfirmation`: the preview leaves such edits unchecked, so "Apply" would change
	// nothing unless the user ticked every one, and a partial rename breaks references.
	// component.yaml edits get their own group, so the preview says that the platform's file changes too.
	const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
	const yamlMetadata: vscode.WorkspaceEditEntryMetadata = { label: yamlLabel, needsConfirmation: false };
	for (const [file, edits] of plan.files) {
		const doc = await vscode.workspace.openTextDocument(repo.uriOf(file));
		const group = choreoFileOfPath(file) ? yamlMetadata : metadata;
		for (const e of edits) {
			const range = rangeIn(doc, e);
			if (doc.getText(range) !== e.expected) {
				return undefined;
			}
			edit.replace(doc.uri, range, e.newText, group);
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

/** The edit that renames a connection everywhere; undefined when a file changed under the plan. */
async function connectionEdit(repo: Repository, c: Connection, newId: string): Promise<vscode.WorkspaceEdit | undefined> {
	const yaml = await yamlTexts(repo);
	return planToEdit(repo, renameEdits(repo.project, c, newId, (file) => yaml.get(file)), vscode.l10n.t('Rename connection {0} to {1}', c.id, newId),
		vscode.l10n.t('Rename connection {0} to {1} in component.yaml (what the platform reads)', c.id, newId));
}

/** Throws "stale" unless the project's parse matches connections.json as it is open in the editor. */
async function caughtUp(model: WorkspaceModel, repo: Repository, token?: vscode.CancellationToken): Promise<void> {
	const connectionsDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === repo.connectionsUri.toString());
	if (connectionsDoc && !(await catchUp(model, repo, connectionsDoc, token))) {
		throw new Error(vscode.l10n.t(NAVIGATION_MESSAGES.stale));
	}
}

/**
 * Offsets come from the model: if a file changed since it was read (`attempt` gives no edit),
 * wait for the model once and plan again. `attempt` gives undefined when there is nothing to rename.
 */
async function freshEdit(model: WorkspaceModel, attempt: () => Promise<{ repo: Repository; edit?: vscode.WorkspaceEdit } | undefined>): Promise<vscode.WorkspaceEdit | undefined> {
	for (let i = 0; i < 2; i++) {
		const r = await attempt();
		if (!r || r.edit) {
			return r?.edit;
		}
		await nextUpdate(model, r.repo, 1000);
	}
	throw new Error(vscode.l10n.t(NAVIGATION_MESSAGES.stale));
}

/**
 * The tree's Rename: the edit F2 makes, for the connection that `find` picks from the current
 * parse; undefined when it is gone. Refusals are thrown with their localised message.
 */
export function connectionRenameEdit(model: WorkspaceModel, repo: Repository, find: (parsed: ParsedConnectionsFile) => Connection | undefined, newId: string): Promise<vscode.WorkspaceEdit | undefined> {
	return freshEdit(model, async () => {
		await caughtUp(model, repo);
		const c = find(repo.project.parsed);
		return c && { repo, edit: await connectionEdit(repo, c, newId) };
	});
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

function renameAt(model: WorkspaceModel, doc: vscode.TextDocument, position: vscode.Position, newName: string, token: vscode.CancellationToken): Promise<vscode.WorkspaceEdit | undefined> {
	return freshEdit(model, async () => {
		const found = await siteAt(model, doc, position, token);
		if (!found) {
			return notOurs(model, doc);
		}
		const { ctx: { repo }, site } = found;
		await caughtUp(model, repo, token);
		const ready = prepareRename(repo.project, site);
		if (!ready.ok) {
			throw new Error(refusalMessage(ready));
		}
		const name = newName.trim();
		const edit = site.kind === 'oauth-app'
			? await planToEdit(repo, renameOAuthAppEdits(repo.project, site, name), vscode.l10n.t('Rename OAuth application {0} to {1}', site.app ?? '', name))
			: await connectionEdit(repo, site.connection!, name);
		return { repo, edit };
	});
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

export function registerIdRename(model: WorkspaceModel): vscode.Disposable {
	// Refusals are thrown: the editor shows the message instead of renaming.
	return vscode.languages.registerRenameProvider(ID_SELECTOR, {
		prepareRename: (doc, position, token) => prepareAt(model, doc, position, token),
		provideRenameEdits: (doc, position, newName, token) => renameAt(model, doc, position, newName, token),
	});
}
