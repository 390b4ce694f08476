import * as vscode from 'vscode';
import type { ConnectionsApi } from './api';
import { registerConnectionCommands } from './connectionCommands';
import { registerConnectionsTree } from './connectionsTree';
import { DiagnosticFindings, registerDiagnostics } from './diagnosticsFeature';
import { registerIdCompletion } from './idCompletion';
import { registerIdDefinition } from './idDefinition';
import { registerIdHover } from './idHover';
import { registerIdOutline } from './idOutline';
import { registerIdReferences } from './idReferences';
import { registerIdRename } from './idRename';
import { registerInsertReference } from './insertReference';
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
		registerInsertReference(model),
		registerIdHover(model),
		registerIdCompletion(model),
		registerIdDefinition(model),
		registerIdReferences(model),
		registerIdRename(model),
		registerIdOutline(model),
		registerSecretLifecycle(model, context),
	);
	return api;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
