// The desktop (and remote) extension host's entry: the same features as the web worker's entry
// (src/vscode/extension.ts), given what only Node has. Nothing else lives here.
import type * as vscode from 'vscode';
import type { ConnectionsApi } from '../vscode/api';
import { activate as activateFeatures } from '../vscode/extension';
import { tcpProbe } from './tcpProbe';

export type { ConnectionsApi } from '../vscode/api';

export function activate(context: vscode.ExtensionContext): ConnectionsApi {
	return activateFeatures(context, { tcp: tcpProbe });
}

export { deactivate } from '../vscode/extension';
