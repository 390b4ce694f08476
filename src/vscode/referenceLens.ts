// Code lenses: "Insert connection reference..." in component source, "N references" over each
// connection in connections.json; and the Insert Connection Reference command behind the first.
import * as vscode from 'vscode';
import { addUse } from '../core/edits/connectionEdits';
import { REFUSAL_MESSAGES, type EditResult } from '../core/edits/edits';
import type { Component, Connection } from '../core/model/model';
import { parseConnectionsText } from '../core/json/parse';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { referencesByConnection } from '../core/views/referenceLenses';
import { languageOfLanguageId, languageOfPath } from '../core/source/envReads';
import { buildIndex, visibleConnections } from '../core/model/scope';
import { defaultInsertionPoint, insertReferenceEdits, snippetFormat, snippetSpec, supportsTokenFetch, type SnippetLanguage } from '../core/source/snippets';
import { isExcludedPath } from '../core/text/text';
import { applyPlans, formattingOf, type FileEditPlan } from './applyEdits';
import { CommandId } from './commandIds';
import { repositoryOfElement } from './connectionActions';
import { isTreeElement } from './treeElement';
import { Disposable } from './dispose';
import type { Repository, WorkspaceModel } from './workspaceModel';

const SOURCE_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'java', 'csharp'];

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

function enabled(uri: vscode.Uri): boolean {
	return vscode.workspace.getConfiguration('connections', uri).get<boolean>('codeLens.enabled', true);
}

function sourceLanguage(doc: vscode.TextDocument, rel: string): SnippetLanguage | undefined {
	return languageOfLanguageId(doc.languageId) ?? (doc.languageId === 'plaintext' ? languageOfPath(rel) : undefined);
}

export class ReferenceLensProvider extends Disposable implements vscode.CodeLensProvider {
	private readonly _onDidChangeCodeLenses = this._register(new vscode.EventEmitter<void>());
	readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;

	constructor(private readonly model: WorkspaceModel) {
		super();
		this._register(model.onDidUpdate(() => this._onDidChangeCodeLenses.fire()));
		this._register(model.onDidChangeRepositories(() => this._onDidChangeCodeLenses.fire()));
		this._register(vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('connections.codeLens.enabled') || e.affectsConfiguration('connections.languages')) {
				this._onDidChangeCodeLenses.fire();
			}
		}));
	}

	async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
		try {
			if (!enabled(document.uri)) {
				return [];
			}
			const repo = this.model.repositoryFor(document.uri);
			const rel = repo?.relativePath(document.uri);
			if (!repo || rel === undefined) {
				return [];
			}
			if (rel === CONNECTIONS_FILE) {
				return await this.connectionLenses(repo, document, token);
			}
			return this.sourceLenses(repo, rel, document);
		} catch (e) {
			// A lens must never take the editor down (RELIABILITY R1).
			console.error('[connections] code lens failed:', e instanceof Error ? e.message : String(e));
			return [];
		}
	}

	private sourceLenses(repo: Repository, rel: string, document: vscode.TextDocument): vscode.CodeLens[] {
		const allowed = vscode.workspace.getConfiguration('connections', document.uri).get<string[]>('languages', SOURCE_LANGUAGES);
		const language = sourceLanguage(document, rel);
		if (!language || !allowed.includes(document.languageId) || isExcludedPath(rel) || !repo.project.componentOf(rel)) {
			return [];
		}
		const text = document.getText();
		const point = defaultInsertionPoint(text, language, snippetFormat(formattingOf(document)));
		const line = Math.min(document.positionAt(point.offset).line, Math.max(0, document.lineCount - 1));
		const args: InsertReferenceArgs = { uri: document.uri };
		return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
			title: vscode.l10n.t('Insert connection reference...'),
			tooltip: vscode.l10n.t('Insert code that reads a connection\'s variables here, and add the connection to this component\'s "uses"'),
			command: CommandId.InsertReference,
			arguments: [args],
		})];
	}

	private async connectionLenses(repo: Repository, document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
		// Offsets come from the model: wait until it has caught up with the buffer.
		if (!(await this.modelMatches(document, token))) {
			return [];
		}
		const current = this.model.repositoryFor(document.uri) ?? repo;
		const project = current.project;
		const lenses: vscode.CodeLens[] = [];
		for (const [c, refs] of referencesByConnection(project)) {
			const line = document.positionAt(c.span.offset).line;
			const range = new vscode.Range(line, 0, line, 0);
			if (!refs.length) {
				lenses.push(new vscode.CodeLens(range, {
					title: vscode.l10n.t('unused'),
					tooltip: vscode.l10n.t('No component uses "{0}": no uses entry, env read or component.yaml reference', c.id),
					command: '',
				}));
				continue;
			}
			const locations = refs.map((r) => new vscode.Location(current.uriOf(r.file), current.rangeOf(r.file, r.offset, r.length)));
			lenses.push(new vscode.CodeLens(range, {
				title: refs.length === 1 ? vscode.l10n.t('1 reference') : vscode.l10n.t('{0} references', refs.length),
				tooltip: vscode.l10n.t('Uses, env reads in component source and component.yaml references of "{0}"', c.id),
				command: 'editor.action.showReferences',
				arguments: [document.uri, document.positionAt(c.idSpan.offset), locations],
			}));
		}
		return lenses;
	}

	private modelMatches(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<boolean> {
		const matches = () => this.model.repositoryFor(document.uri)?.project.parsed.text === document.getText();
		if (matches()) {
			return Promise.resolve(true);
		}
		return new Promise((resolve) => {
			const done = (v: boolean) => {
				sub.dispose();
				cancel.dispose();
				clearTimeout(timer);
				resolve(v);
			};
			const sub = this.model.onDidUpdate(() => {
				if (matches()) {
					done(true);
				}
			});
			const cancel = token.onCancellationRequested(() => done(false));
			// The model re-reads after a short debounce; a lens request that outlives that gives up.
			const timer = setTimeout(() => done(matches()), 3000);
		});
	}
}

// ---- the command ------------------------------------------------------------------------

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

/**
 * Inserts code that reads a connection's variables into a component source file and adds the
 * connection to the component's `uses` when it is missing: both in one WorkspaceEdit.
 * Resolves true when the edit landed.
 */
export async function insertReference(model: WorkspaceModel, arg?: unknown): Promise<boolean> {
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
	const parsedNow = parseConnectionsText(connectionsDoc.getText());
	if (parsedNow.hasSyntaxErrors || !parsedNow.root) {
		return fail(vscode.l10n.t(REFUSAL_MESSAGES['syntax-errors']));
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
	if (supportsTokenFetch(connection)) {
		const t = typeof args.tokenFetch === 'boolean' ? args.tokenFetch : await askTokenFetch(connection, uri);
		if (t === undefined) {
			return false;
		}
		tokenFetch = t;
	}
	const componentId = component.id;
	const connectionId = connection.id;
	const gone = (): EditResult => ({ ok: false, reason: 'not-found', message: vscode.l10n.t('"{0}" is no longer visible to component {1} in connections.json. Nothing was changed.', connectionId, componentId) });
	let inserted: { offset: number; delta: number } | undefined;

	// Everything from the texts as they are at apply time: the user may have edited connections.json since.
	const resolve = (connectionsText: string) => {
		const parsed = parseConnectionsText(connectionsText);
		if (parsed.hasSyntaxErrors) {
			return { ok: false as const, reason: 'syntax-errors' as const, message: vscode.l10n.t(REFUSAL_MESSAGES['syntax-errors']) };
		}
		const comp = parsed.model.components.find((x) => x.hasId && x.id === componentId);
		const c = comp && visibleConnections(buildIndex(parsed.model), comp).get(connectionId);
		return comp && c ? { parsed, comp, c } : gone();
	};
	const sourcePlan: FileEditPlan = {
		uri,
		compute: (text, fmt) => {
			const found = resolve(connectionsDoc.getText());
			if ('ok' in found) {
				return found;
			}
			const { comp, c } = found;
			// `doc` is the document applyPlans reads `text` from: its offsets are those of `text`.
			const at = position ? doc.offsetAt(doc.validatePosition(new vscode.Position(position.line, position.character))) : undefined;
			const r = insertReferenceEdits(text, language, snippetSpec(c, comp, tokenFetch), { format: snippetFormat(fmt), at });
			inserted = { offset: r.offset, delta: r.edits.filter((e) => e.offset < r.offset).reduce((n, e) => n + e.newText.length - e.length, 0) };
			return { ok: true, edits: r.edits };
		},
	};
	const usesPlan: FileEditPlan = {
		uri: repo.connectionsUri,
		compute: (text, fmt) => {
			const found = resolve(text);
			if ('ok' in found) {
				return found;
			}
			return found.c.scope === 'component' ? { ok: true, edits: [] } : addUse(found.parsed, found.comp.index, connectionId, fmt);
		},
	};
	const error = await applyPlans([sourcePlan, usesPlan], vscode.l10n.t('Insert connection reference'));
	if (error) {
		return fail(error);
	}
	const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
	if (shown && inserted) {
		const start = shown.document.positionAt(inserted.offset + inserted.delta);
		shown.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
	}
	return true;
}

export function registerReferenceLens(model: WorkspaceModel): vscode.Disposable {
	const provider = new ReferenceLensProvider(model);
	const selector: vscode.DocumentSelector = [
		...SOURCE_LANGUAGES.map((language) => ({ language })),
		{ pattern: `**/${CONNECTIONS_FILE}` },
	];
	return vscode.Disposable.from(
		provider,
		vscode.languages.registerCodeLensProvider(selector, provider),
		vscode.commands.registerCommand(CommandId.InsertReference, (arg?: unknown) => insertReference(model, arg)),
	);
}
