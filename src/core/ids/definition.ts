// Go to definition on connection IDs: from any site to the connection's `id` literal in
// connections.json (or to the first literal of an OAuth application). Imports sites.ts.
import type { Connection } from '../model/model';
import { CONNECTIONS_FILE, type ConnectionsProject } from '../analysis/project';
import { NavigationIndex, type FileSpan, type Site } from './sites';

function definitionSpan(c: Connection): FileSpan {
	return { file: CONNECTIONS_FILE, offset: c.idSpan.offset, length: c.idSpan.length };
}

/** Where the thing at a site is defined: the connection's `id` literal (or the first literal of an OAuth application). */
export function definitionsOf(project: ConnectionsProject, site: Site): FileSpan[] {
	const index = NavigationIndex.of(project);
	if (site.kind === 'oauth-app') {
		const first = index.oauthAppSites(site)[0];
		return first ? [{ file: CONNECTIONS_FILE, ...first.span }] : [];
	}
	if (site.connection) {
		return [definitionSpan(site.connection)];
	}
	// Not visible here, but defined as another component's connection: still worth jumping to.
	if (site.id) {
		return index.connectionsWithId(site.id).filter((c) => c.scope === 'component').map(definitionSpan);
	}
	return [];
}
