import * as vscode from 'vscode';
import type { ConnectionsApi } from './api';
import { registerConnectionCommands } from './connectionCommands';
import { registerConnectionsTree } from './connectionsTree';
import { DiagnosticFindings, registerDiagnostics } from './diagnosticsFeature';
import { registerIdCompletion } from './idCompletion';
import { registerIdHover } from './idHover';
import { registerNavigation } from './navigation';
import { registerQuickFixes } from './quickFixes';
import { registerReferenceLens } from './referenceLens';
import { registerSecretLifecycle } from './secretLifecycle';
import { WorkspaceModel } from './workspaceModel';

export type { ConnectionsApi } from './api';

export function activate(context: vscode.ExtensionContext): ConnectionsApi {
	const model = new WorkspaceModel();
	const api: ConnectionsApi = { model };
	const findings = new DiagnosticFindings();
	context.subscriptions.push(
		model,
		registerDiagnostics(model, findings),
		registerConnectionsTree(model, api),
		registerConnectionCommands(model, context),
		registerQuickFixes(model, context, findings),
		registerReferenceLens(model),
		registerIdHover(model),
		registerIdCompletion(model),
		registerNavigation(model),
		registerSecretLifecycle(model, context),
	);
	return api;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
