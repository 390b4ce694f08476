import * as vscode from 'vscode';
import type { ConnectionsApi } from './api';
import { EditQueue } from './applyEdits';
import { registerConnectionCommands } from './connectionCommands';
import { registerConnectionsTree } from './connectionsTree';
import { DiagnosticFindings, registerDiagnostics } from './diagnosticsFeature';
import { ActiveEnvironments, registerEnvironmentStatus } from './environmentStatus';
import { registerIdCompletion } from './idCompletion';
import { registerIdDefinition } from './idDefinition';
import { registerIdHover } from './idHover';
import { registerIdOutline } from './idOutline';
import { registerIdReferences } from './idReferences';
import { registerIdRename } from './idRename';
import { registerImportFromComponentYaml } from './importFromComponentYaml';
import { registerInsertReference } from './insertReference';
import { registerLocalRun } from './localRun';
import { registerDebugConnections } from './debugConnections';
import { registerTerminalEnvironment } from './terminalEnvironment';
import { registerQuickFixes } from './quickFixes';
import { registerReferenceLens } from './referenceLens';
import { registerSecretCommands } from './secretCommands';
import { registerSecretLifecycle } from './secretLifecycle';
import { FaultableSecretStorage, SecretStore } from './secretStore';
import type { PlatformCapabilities, Services } from './services';
import { registerTestConnection } from './testConnection';
import { WorkspaceModel } from './workspaceModel';

export type { ConnectionsApi } from './api';

/** Test runs only: `true` makes every secret storage call reject (a missing keyring), `false` restores it. */
const FAIL_SECRET_STORAGE_TEST_COMMAND = 'connections.test.failSecretStorage';
const STORAGE_PATHS_TEST_COMMAND = 'connections.test.storagePaths';

/**
 * Builds the services once and hands them to every feature; everything registered is disposed with the extension.
 * This is the web worker's entry; the desktop's (src/node/extension.ts) adds what needs Node (`capabilities`).
 */
export function activate(context: vscode.ExtensionContext, capabilities: PlatformCapabilities = {}): ConnectionsApi {
	const log = vscode.window.createOutputChannel('Connections', { log: true });
	const model = new WorkspaceModel(log);
	const environments = new ActiveEnvironments(model, context.workspaceState);
	// In test runs a switch makes secret storage fail like a missing keyring (docs/reliability.md S6).
	const faultable = context.extensionMode === vscode.ExtensionMode.Test ? new FaultableSecretStorage(context.secrets) : undefined;
	const services: Services = { model, secrets: new SecretStore(faultable ?? context.secrets), edits: new EditQueue(), environments, log, tcp: capabilities.tcp };
	const api: ConnectionsApi = { model };
	const findings = new DiagnosticFindings();
	context.subscriptions.push(
		log,
		model,
		environments,
		registerDiagnostics(model, findings),
		registerConnectionsTree(services, api),
		registerConnectionCommands(services),
		registerImportFromComponentYaml(services, api),
		registerQuickFixes(services, context, findings),
		registerReferenceLens(model),
		registerInsertReference(services),
		registerIdHover(model, services.secrets),
		registerIdCompletion(model),
		registerIdDefinition(model),
		registerIdReferences(model),
		registerIdRename(model),
		registerIdOutline(model),
		registerSecretLifecycle(services),
		registerSecretCommands(services),
		registerEnvironmentStatus(model, environments, api),
		registerLocalRun(services),
		registerDebugConnections(services),
		registerTerminalEnvironment(services, context),
		registerTestConnection(services, context.workspaceState),
	);
	if (faultable) {
		context.subscriptions.push(
			vscode.commands.registerCommand(FAIL_SECRET_STORAGE_TEST_COMMAND, (failing: unknown) => { faultable.failing = failing === true; }),
			// Where the editor keeps this extension's logs, workspace state and global state (the canary test searches them).
			vscode.commands.registerCommand(STORAGE_PATHS_TEST_COMMAND, () => ({ log: context.logUri.toString(), workspace: context.storageUri?.toString(), global: context.globalStorageUri.toString() })),
		);
	}
	return api;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
