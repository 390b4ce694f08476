// The outline (document symbols) of connections.json.
import * as vscode from 'vscode';
import { outline, type OutlineKind, type OutlineNode } from '../core/ids/outline';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { catchUp, contextOf, guarded, rangeIn } from './idSites';
import type { WorkspaceModel } from './workspaceModel';

const SYMBOL_KIND: Record<OutlineKind, vscode.SymbolKind> = {
	'organization': vscode.SymbolKind.Namespace,
	'project': vscode.SymbolKind.Package,
	'component': vscode.SymbolKind.Class,
	'service': vscode.SymbolKind.Interface,
	'third-party': vscode.SymbolKind.Module,
	'database': vscode.SymbolKind.Field,
	'connection': vscode.SymbolKind.Field,
};

function toSymbol(doc: vscode.TextDocument, n: OutlineNode): vscode.DocumentSymbol {
	const range = rangeIn(doc, n.span);
	const selection = rangeIn(doc, n.selectionSpan);
	const s = new vscode.DocumentSymbol(n.name, n.detail, SYMBOL_KIND[n.kind], range, range.contains(selection) ? selection : new vscode.Range(range.start, range.start));
	s.children = n.children.map((c) => toSymbol(doc, c));
	return s;
}

export function registerIdOutline(model: WorkspaceModel): vscode.Disposable {
	return vscode.languages.registerDocumentSymbolProvider({ pattern: `**/${CONNECTIONS_FILE}` }, {
		provideDocumentSymbols: (doc, token) => guarded('outline', async () => {
			await model.ready;
			const ctx = contextOf(model, doc);
			if (!ctx || ctx.role !== 'connections' || !(await catchUp(model, ctx.repo, doc, token))) {
				return undefined;
			}
			return outline(ctx.repo.project.parsed.model).map((n) => toSymbol(doc, n));
		}),
	}, { label: vscode.l10n.t('Connections') });
}
