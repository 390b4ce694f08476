// Code lenses: "Insert connection reference..." in component source (the command is in
// insertReference.ts), "N references" over each connection in connections.json.
import * as vscode from 'vscode';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { DEFAULT_EDITOR_LANGUAGE_IDS, EDITOR_LANGUAGE_IDS } from '../core/source/languages';
import { defaultInsertionPoint } from '../core/source/layout';
import { snippetFormat } from '../core/source/snippets/spec';
import { isExcludedPath } from '../core/text/text';
import { referencesByConnection } from '../core/views/referenceLenses';
import { formattingOf } from './applyEdits';
import { CommandId } from './commandIds';
import { Disposable } from './dispose';
import { sourceLanguage, type InsertReferenceArgs } from './insertReference';
import type { Repository, WorkspaceModel } from './workspaceModel';

function enabled(uri: vscode.Uri): boolean {
	return vscode.workspace.getConfiguration('connections', uri).get<boolean>('codeLens.enabled', true);
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
			// A lens must never take the editor down (docs/reliability.md R1).
			console.error('[connections] code lens failed:', e instanceof Error ? e.message : String(e));
			return [];
		}
	}

	private sourceLenses(repo: Repository, rel: string, document: vscode.TextDocument): vscode.CodeLens[] {
		const allowed = vscode.workspace.getConfiguration('connections', document.uri).get<readonly string[]>('languages', DEFAULT_EDITOR_LANGUAGE_IDS);
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

export function registerReferenceLens(model: WorkspaceModel): vscode.Disposable {
	const provider = new ReferenceLensProvider(model);
	const selector: vscode.DocumentSelector = [
		...EDITOR_LANGUAGE_IDS.map((language) => ({ language })),
		{ pattern: `**/${CONNECTIONS_FILE}` },
	];
	return vscode.Disposable.from(
		provider,
		vscode.languages.registerCodeLensProvider(selector, provider),
	);
}
