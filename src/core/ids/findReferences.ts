// Find references on connection IDs: every place that means the connection (or OAuth application)
// at a site, across connections.json, component source and component.yaml. Imports sites.ts.
import type { Connection } from '../model/model';
import { CONNECTIONS_FILE, type ConnectionReference, type ConnectionsProject } from '../analysis/project';
import { NavigationIndex, type FileSpan, type Site } from './sites';

/** Whether a reference found by ID means this very connection (component connections share IDs across components). */
export function refersTo(index: NavigationIndex, r: ConnectionReference, c: Connection): boolean {
	if (r.kind === 'definition') {
		return r.offset === c.idSpan.offset;
	}
	const comp = r.componentId !== undefined
		? index.connections.componentsById.get(r.componentId)
		: r.kind === 'component-yaml' ? index.componentOfYaml(r.file) : undefined;
	return index.resolve(comp, r.connectionId) === c;
}

/** Every place that refers to the connection (or OAuth application) at a site, across connections.json, source and component.yaml. */
export function referencesOf(project: ConnectionsProject, site: Site, includeDeclaration: boolean): FileSpan[] {
	const index = NavigationIndex.of(project);
	if (site.kind === 'oauth-app') {
		return index.oauthAppSites(site).map((s) => ({ file: CONNECTIONS_FILE, ...s.span }));
	}
	const c = site.connection;
	if (!c) {
		return [];
	}
	return project.referencesTo(c.id)
		.filter((r) => (includeDeclaration || r.kind !== 'definition') && refersTo(index, r, c))
		.map((r) => ({ file: r.file, offset: r.offset, length: r.length }));
}
