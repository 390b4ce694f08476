// The services activate() builds once and hands to every feature that needs them.
import type * as vscode from 'vscode';
import type { EditQueue } from './applyEdits';
import type { ActiveEnvironments } from './environmentStatus';
import type { SecretStore } from './secretStore';
import type { WorkspaceModel } from './workspaceModel';

export interface Services {
	/** Every repository's connections.json, parsed and analysed, following edits and file changes. */
	readonly model: WorkspaceModel;
	/** The editor's secret storage for connection parameters (values never leave it). */
	readonly secrets: SecretStore;
	/** The one queue every change to a user file goes through. */
	readonly edits: EditQueue;
	/** Each repository's active environment (remembered per workspace). */
	readonly environments: ActiveEnvironments;
	/** The "Connections" output channel: what was checked, scanned or skipped, and why (never a value). */
	readonly log: vscode.LogOutputChannel;
	/** Opens a TCP connection and closes it (Test Connection); absent in the browser, which cannot. */
	readonly tcp?: TcpProbe;
}

export type TcpOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'refused' | 'timeout' | 'not-found' | 'failed' };

/** What the desktop entry (src/node) gives the features that the web worker cannot have. */
export type TcpProbe = (host: string, port: number, timeoutMs: number, cancel: AbortSignal) => Promise<TcpOutcome>;

export interface PlatformCapabilities {
	readonly tcp?: TcpProbe;
}
