// The Insert Connection Reference command: asks which connection (and whether to fetch an OAuth2
// token), then applies the plan of core/source/insertReference.ts to the source file and
// connections.json as one WorkspaceEdit (one undo step).
import * as vscode from 'vscode';
import { REFUSAL_MESSAGES, type EditResult } from '../core/edits/edits';
import type { Component, Connection } from '../core/model/model';
import { visibleConnections } from '../core/model/scope';
import { insertReferenceRefusal, planInsertReference, type InsertReferenceChoice, type InsertReferencePlan, type PlanText } from '../core/edits/insertReference';
import { languageOfLanguageId, languageOfPath } from '../core/source/languages';
import { offersTokenFetch, type SnippetLanguage } from '../core/source/snippets/spec';
import { formattingOf, type FileEditPlan } from './applyEdits';
import type { Services } from './services';
import { CommandId } from './commandIds';
import { repositoryOfElement } from './connectionActions';
import { isTreeElement } from './treeElement';

/** The argument object of `connections.insertReference` (every field optional). */
export interface InsertReferenceArgs {
	/** The source file; the active editor's when absent. */
	readonly uri?: vscode.Uri | string;
	/** The connection to insert; a quick pick when absent. */
	readonly connectionId?: string;
	/** Include the OAuth2 token fetch (OAuth2 services only); the `connections.insertReference.tokenFetch` setting when absent. */
	readonly tokenFetch?: boolean;
	/** Insert at this line (on a blank line, in place; otherwise above it); after the imports when absent. */
	readonly position?: vscode.Position | { readonly line: number; readonly character: number };
}

/** The snippet language of a document: by its language ID, or by extension for plain text. */
export function sourceLanguage(doc: vscode.TextDocument, rel: string): SnippetLanguage | undefined {
	return languageOfLanguageId(doc.languageId) ?? (doc.languageId === 'plaintext' ? languageOfPath(rel) : undefined);
}

function toUri(u: vscode.Uri | string): vscode.Uri {
	return typeof u === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(u) && !/^[a-z]:[\\/]/i.test(u) ? vscode.Uri.parse(u) : vscode.Uri.file(u)) : u;
}

function fail(message: string): false {
	void vscode.window.showErrorMessage(message);
	return false;
}

function scopeText(c: Connection): string {
	switch (c.scope) {
		case 'organization': return vscode.l10n.t('organization scope');
		case 'project': return vscode.l10n.t('project scope');
		case 'component': return vscode.l10n.t('component scope');
	}
}

async function pickConnection(component: Component, visible: ReadonlyMap<string, Connection>): Promise<Connection | undefined> {
	const items = [...visible.values()].map((c) => ({
		label: c.id,
		description: `${c.kind?.value ?? vscode.l10n.t('unknown kind')} · ${scopeText(c)}`,
		detail: c.scope === 'component'
			? vscode.l10n.t('component connection of {0}: no uses entry needed', component.id)
			: component.uses.some((u) => u.id === c.id) ? vscode.l10n.t('declared in uses') : vscode.l10n.t('will be added to uses'),
		connection: c,
	}));
	if (!items.length) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No connection is visible to component {0}. Add one with "Connections: Add Connection...".', component.id));
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Insert Connection Reference'),
		placeHolder: vscode.l10n.t('Which connection should {0} read?', component.id),
		matchOnDescription: true,
	});
	return picked?.connection;
}

async function askTokenFetch(c: Connection, uri: vscode.Uri): Promise<boolean | undefined> {
	const setting = vscode.workspace.getConfiguration('connections', uri).get<string>('insertReference.tokenFetch', 'ask');
	if (setting === 'always' || setting === 'never') {
		return setting === 'always';
	}
	const yes = { label: vscode.l10n.t('Read the variables and fetch an OAuth2 token'), detail: vscode.l10n.t('Adds a function that gets an access token with the client-credentials grant'), value: true };
	const no = { label: vscode.l10n.t('Only read the variables'), value: false };
	const picked = await vscode.window.showQuickPick([yes, no], { title: vscode.l10n.t('"{0}" is secured with OAuth2', c.id) });
	return picked?.value;
}

/** A refused plan as the message shown. */
function refusal(plan: Extract<InsertReferencePlan, { ok: false }>, choice: InsertReferenceChoice): EditResult {
	if (plan.reason === 'not-visible') {
		return { ok: false, reason: 'not-found', message: vscode.l10n.t('"{0}" is no longer visible to component {1} in connections.json. Nothing was changed.', choice.connectionId, choice.componentId) };
	}
	return { ok: false, reason: plan.reason, message: vscode.l10n.t(REFUSAL_MESSAGES[plan.reason]) };
}

/**
 * Inserts code that reads a connection's variables into a component source file and adds the
 * connection to the component's `uses` when it is missing: both in one WorkspaceEdit.
 * Resolves true when the edit landed.
 */
export async function insertReference({ model, edits }: Services, arg?: unknown): Promise<boolean> {
	await model.ready;
	const args: InsertReferenceArgs = arg && typeof arg === 'object' && !isTreeElement(arg) ? arg as InsertReferenceArgs : {};
	const editor = vscode.window.activeTextEditor;
	const uri = args.uri !== undefined ? toUri(args.uri) : editor?.document.uri;
	if (!uri) {
		return fail(vscode.l10n.t('Open a source file of a component first, then insert the connection reference.'));
	}
	// From the palette or the tree: at the cursor of the active editor.
	const position = args.position ?? (args.uri === undefined && editor?.document.uri.toString() === uri.toString() ? editor.selection.active : undefined);
	const repo = model.repositoryFor(uri);
	const rel = repo?.relativePath(uri);
	if (!repo || rel === undefined) {
		return fail(vscode.l10n.t('{0} is not in a repository with a connections.json.', vscode.workspace.asRelativePath(uri)));
	}
	const doc = await vscode.workspace.openTextDocument(uri);
	const language = sourceLanguage(doc, rel);
	if (!language) {
		return fail(vscode.l10n.t('Connection references can be inserted into TypeScript, JavaScript, Python, Go, Java and C# files.'));
	}
	const connectionsDoc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	const refused = insertReferenceRefusal(connectionsDoc.getText());
	if (refused) {
		return fail(vscode.l10n.t(REFUSAL_MESSAGES[refused]));
	}
	const component = repo.project.componentOf(rel);
	if (!component) {
		return fail(vscode.l10n.t('{0} is not inside the "path" of any component in connections.json.', rel));
	}
	const visible = visibleConnections(repo.project.index, component);
	let connection: Connection | undefined;
	const fromTree = isTreeElement(arg) && repositoryOfElement(model, arg) === repo ? arg.node?.connectionId : undefined;
	const wanted = args.connectionId ?? fromTree;
	if (wanted !== undefined) {
		connection = visible.get(wanted);
		if (!connection) {
			return fail(vscode.l10n.t('Component {0} cannot see a connection "{1}".', component.id, wanted));
		}
	} else {
		connection = await pickConnection(component, visible);
	}
	if (!connection) {
		return false;
	}
	let tokenFetch = false;
	if (offersTokenFetch(connection, component)) {
		const t = typeof args.tokenFetch === 'boolean' ? args.tokenFetch : await askTokenFetch(connection, uri);
		if (t === undefined) {
			return false;
		}
		tokenFetch = t;
	}
	const choice = { componentId: component.id, connectionId: connection.id, tokenFetch, language, renames: repo.project.injectedRenames(component) };
	let insertedAt: number | undefined;

	// Planned from the texts as they are at apply time: the user may have edited either file since.
	// `doc` is the document applyPlans reads the source text from: its offsets are those of that text.
	// Both files' edits come from one plan: the two compute() calls of one attempt see the same two texts,
	// so the plan is made once per pair of texts (a retry after typing makes a new one).
	let last: { connections: string; source: string; result: ReturnType<typeof planInsertReference> } | undefined;
	const plan = (connections: PlanText, source: PlanText) => {
		if (last?.connections !== connections.text || last.source !== source.text) {
			last = { connections: connections.text, source: source.text, result: planInsertReference(connections, source, {
				...choice,
				at: position ? doc.offsetAt(doc.validatePosition(new vscode.Position(position.line, position.character))) : undefined,
			}) };
		}
		return last.result;
	};
	const sourcePlan: FileEditPlan = {
		uri,
		compute: (text, fmt) => {
			const p = plan({ text: connectionsDoc.getText(), format: formattingOf(connectionsDoc) }, { text, format: fmt });
			if (!p.ok) {
				return refusal(p, choice);
			}
			insertedAt = p.insertedAt;
			return { ok: true, edits: p.sourceEdits };
		},
	};
	const usesPlan: FileEditPlan = {
		uri: repo.connectionsUri,
		compute: (text, fmt) => {
			const p = plan({ text, format: fmt }, { text: doc.getText(), format: formattingOf(doc) });
			return p.ok ? { ok: true, edits: p.connectionsEdits } : refusal(p, choice);
		},
	};
	const error = await edits.applyPlans([sourcePlan, usesPlan], vscode.l10n.t('Insert connection reference'));
	if (error) {
		return fail(error);
	}
	const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
	if (shown && insertedAt !== undefined) {
		const start = shown.document.positionAt(insertedAt);
		shown.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
	}
	return true;
}

export function registerInsertReference(services: Services): vscode.Disposable {
	return vscode.commands.registerCommand(CommandId.InsertReference, (arg?: unknown) => insertReference(services, arg));
}
