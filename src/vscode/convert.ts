// Core findings to editor objects. The only place messages are localised.
import * as vscode from 'vscode';
import { MESSAGES, VIEW_MESSAGES, type ViewMessage } from '../core/findings/messages';
import type { EditResult } from '../core/edits/edits';
import { ruleHelpUri, type Problem, type Severity } from '../core/findings/problems';
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

/** The localised text of a message of the editor's forms and commands. */
export function localize(m: ViewMessage): string;
export function localize(m: ViewMessage | undefined): string | undefined;
export function localize(m: ViewMessage | undefined): string | undefined {
	return m && vscode.l10n.t(VIEW_MESSAGES[m.code], m.args as Record<string, string | number>);
}

/** The localised refusal of an edit that failed (its catalogue message when it has one). */
export function refusalText(result: Extract<EditResult, { ok: false }>): string {
	return result.viewMessage ? localize(result.viewMessage) : result.message;
}

/** A diagnostic for a finding; `code` is the stable finding code, `range` computed by the caller. */
export function toDiagnostic(p: Problem, range: vscode.Range): vscode.Diagnostic {
	const d = new vscode.Diagnostic(range, messageOf(p), SEVERITY[p.severity]);
	d.source = DIAGNOSTIC_SOURCE;
	// The code links to its section of docs/rules.md (the Problems view and the hover show it as a link).
	d.code = { value: p.code, target: vscode.Uri.parse(ruleHelpUri(p.code)) };
	if (p.code === 'unused-connection') {
		d.tags = [vscode.DiagnosticTag.Unnecessary];
	}
	return d;
}
