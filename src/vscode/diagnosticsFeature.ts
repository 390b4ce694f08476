// Publishes the core's findings for connections.json, component source and component.yaml.
import * as vscode from 'vscode';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import type { Problem, ProblemCode } from '../core/findings/problems';
import { toDiagnostic } from './convert';
import type { Repository, WorkspaceModel } from './workspaceModel';

/**
 * Findings that VS Code's own JSON language service already reports in connections.json
 * (it parses with the same jsonc-parser): shown once, by the editor, not twice.
 */
const EDITOR_OWNED: ReadonlySet<ProblemCode> = new Set(['syntax-error', 'duplicate-key']);

/** Whether the built-in JSON language features are there to report syntax errors. */
function jsonServiceActive(): boolean {
	return !!vscode.extensions.getExtension('vscode.json-language-features');
}

/**
 * The finding behind each diagnostic this feature publishes, so that the quick-fix provider
 * reads it from the diagnostic it is given instead of matching it back by range and code.
 */
export class DiagnosticFindings {
	private readonly findings = new WeakMap<vscode.Diagnostic, Problem>();

	/** A diagnostic for `p` that keeps its link to it. */
	diagnosticOf(p: Problem, range: vscode.Range): vscode.Diagnostic {
		const d = toDiagnostic(p, range);
		this.findings.set(d, p);
		return d;
	}

	findingOf(d: vscode.Diagnostic): Problem | undefined {
		return this.findings.get(d);
	}
}

/** The findings of a repository as the editor shows them (without what the JSON service reports itself). */
export function editorProblems(repo: Repository): Map<string, Problem[]> {
	const result = repo.project.analyze();
	if (jsonServiceActive()) {
		result.set(CONNECTIONS_FILE, (result.get(CONNECTIONS_FILE) ?? []).filter((p) => !EDITOR_OWNED.has(p.code)));
	}
	return result;
}

export function registerDiagnostics(model: WorkspaceModel, findings: DiagnosticFindings): vscode.Disposable {
	const collection = vscode.languages.createDiagnosticCollection('connections');
	const shown = new Map<Repository, Set<string>>();
	const publish = (repo: Repository) => {
		const enabled = vscode.workspace.getConfiguration('connections', repo.folder).get<boolean>('validation.enabled', true);
		const now = new Set<string>();
		if (enabled) {
			for (const [rel, problems] of editorProblems(repo)) {
				if (problems.length) {
					const uri = repo.uriOf(rel);
					collection.set(uri, problems.map((p) => findings.diagnosticOf(p, repo.rangeOf(rel, p.offset, p.length))));
					now.add(uri.toString());
				}
			}
		}
		for (const key of shown.get(repo) ?? []) {
			if (!now.has(key)) {
				collection.delete(vscode.Uri.parse(key));
			}
		}
		shown.set(repo, now);
	};
	const onRepos = model.onDidChangeRepositories(() => {
		const live = new Set(model.repositories());
		for (const [repo, uris] of shown) {
			if (!live.has(repo)) {
				uris.forEach((u) => collection.delete(vscode.Uri.parse(u)));
				shown.delete(repo);
			}
		}
	});
	const onConfig = vscode.workspace.onDidChangeConfiguration((e) => {
		if (e.affectsConfiguration('connections.validation.enabled')) {
			model.repositories().forEach(publish);
		}
	});
	model.repositories().forEach(publish);
	return vscode.Disposable.from(collection, model.onDidUpdate(publish), onRepos, onConfig);
}
