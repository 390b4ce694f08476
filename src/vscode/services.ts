// The services activate() builds once and hands to every feature that needs them.
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
}
