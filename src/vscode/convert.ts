// Core findings to editor objects. The only place messages are localised.
import * as vscode from 'vscode';
import { MESSAGES } from '../core/findings/messages';
import type { Problem, Severity } from '../core/findings/problems';
import { DIAGNOSTIC_SOURCE } from './commandIds';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	info: vscode.DiagnosticSeverity.Information,
	hint: vscode.DiagnosticSeverity.Hint,
};

/** The localised message of a finding. */
export function messageOf(p: Problem): string {
	return vscode.l10n.t(MESSAGES[p.code], p.args as Record<string, string | number>);
}

/** A diagnostic for a finding; `code` is the stable finding code, `range` computed by the caller. */
export function toDiagnostic(p: Problem, range: vscode.Range): vscode.Diagnostic {
	const d = new vscode.Diagnostic(range, messageOf(p), SEVERITY[p.severity]);
	d.source = DIAGNOSTIC_SOURCE;
	d.code = p.code;
	if (p.code === 'unused-connection') {
		d.tags = [vscode.DiagnosticTag.Unnecessary];
	}
	return d;
}
