// Completion of injected variable names in env reads, and of connection IDs, keys and OAuth
// application names in connections.json and component.yaml.
import * as vscode from 'vscode';
import {
	candidateDocumentation, jsonCompletions, sourceCompletions, yamlCompletions,
	type CandidateKind, type CompletionCandidate, type CompletionList,
} from '../core/ids/completion';
import { NavigationIndex } from '../core/ids/sites';
import { contextOf, guarded, ID_SELECTOR, rangeIn, translate } from './idSites';
import type { WorkspaceModel } from './workspaceModel';

const KIND: Record<CandidateKind, vscode.CompletionItemKind> = {
	// An injected variable varies per environment; a rename from `env` is a fixed name the component chose.
	'variable': vscode.CompletionItemKind.Variable,
	'renamed-variable': vscode.CompletionItemKind.Constant,
	'connection': vscode.CompletionItemKind.Reference,
	'key': vscode.CompletionItemKind.Property,
	'oauth-app': vscode.CompletionItemKind.Value,
};

class CandidateItem extends vscode.CompletionItem {
	constructor(readonly candidate: CompletionCandidate, readonly index: NavigationIndex, range: vscode.Range) {
		super(candidate.label, KIND[candidate.kind]);
		this.insertText = candidate.insertText;
		this.filterText = candidate.filterText;
		this.sortText = candidate.sortText;
		this.detail = candidate.detail;
		this.range = range;
	}
}

export function registerIdCompletion(model: WorkspaceModel): vscode.Disposable {
	return vscode.languages.registerCompletionItemProvider(ID_SELECTOR, {
		provideCompletionItems: (doc, position, token) => guarded('completion', async () => {
			await model.ready;
			const ctx = contextOf(model, doc);
			if (!ctx || token.isCancellationRequested) {
				return undefined;
			}
			const project = ctx.repo.project;
			const text = doc.getText();
			const offset = doc.offsetAt(position);
			let list: CompletionList | undefined;
			switch (ctx.role) {
				case 'connections':
					list = jsonCompletions(project, text, offset);
					break;
				case 'yaml':
					list = yamlCompletions(project, ctx.rel, text, offset);
					break;
				case 'source':
					list = sourceCompletions(project, ctx.rel, text, offset, ctx.language);
					break;
			}
			if (!list) {
				return undefined;
			}
			const range = rangeIn(doc, list.span);
			const index = NavigationIndex.of(project);
			return new vscode.CompletionList(list.items.map((c) => new CandidateItem(c, index, range)), list.incomplete);
		}),
		resolveCompletionItem: (item) => guarded('completion', () => {
			if (item instanceof CandidateItem) {
				const doc = candidateDocumentation(item.index, item.candidate, translate);
				if (doc !== undefined) {
					const md = new vscode.MarkdownString(undefined, false);
					md.isTrusted = false;
					md.supportHtml = false;
					md.appendMarkdown(doc);
					item.documentation = md;
				}
			}
			return item;
		}).then((r) => r ?? item),
	}, '"', '_', '.');
}
