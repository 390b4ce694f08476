// The references behind the "N references" code lenses of connections.json, for every defined
// connection in one pass (not one scan of all sources per connection).
import type { Component, Connection } from '../model/model';
import { CONNECTIONS_FILE, type ConnectionReference, type ConnectionsProject } from '../analysis/project';
import { visibleConnections } from '../model/scope';

/**
 * Every reference to each defined connection, except its definition: `uses` entries, `env`
 * renames, env reads in component source and component.yaml references. Each reference counts
 * for the connection its component sees under that ID (the component's own first), so two
 * component connections with the same ID keep separate counts; one it cannot see counts for
 * the connection of that ID when there is only one. The same references as
 * `ConnectionsProject.referencesTo(id)` lists for a unique ID, sorted by file and offset.
 */
export function referencesByConnection(project: ConnectionsProject): Map<Connection, ConnectionReference[]> {
	const index = project.index;
	const model = index.model;
	const out = new Map<Connection, ConnectionReference[]>();
	for (const c of model.allConnections) {
		if (c.hasId) {
			out.set(c, []);
		}
	}
	const visible = new Map<Component, ReadonlyMap<string, Connection>>();
	const seen = (comp: Component) => {
		let v = visible.get(comp);
		if (!v) {
			visible.set(comp, v = visibleConnections(index, comp));
		}
		return v;
	};
	const add = (c: Connection | undefined, ref: ConnectionReference) => {
		if (c) {
			out.get(c)?.push(ref);
		}
	};
	// A `uses` entry or component.yaml name the component cannot see (another component's
	// connection) still names that connection when its ID is defined once: it is what to fix.
	const unique = (id: string) => {
		const defs = index.byId.get(id);
		return defs?.length === 1 ? defs[0] : undefined;
	};
	for (const comp of model.components) {
		for (const u of comp.uses) {
			add(seen(comp).get(u.id) ?? unique(u.id), { file: CONNECTIONS_FILE, offset: u.span.offset, length: u.span.length, connectionId: u.id, kind: 'use', componentId: comp.id });
		}
		for (const e of comp.env) {
			if (e.connection) {
				add(seen(comp).get(e.connection.value) ?? unique(e.connection.value), {
					file: CONNECTIONS_FILE, offset: e.connection.span.offset, length: e.connection.span.length, connectionId: e.connection.value, kind: 'env-rename', componentId: comp.id,
				});
			}
		}
	}
	for (const file of project.sourceFiles()) {
		for (const r of project.readsOf(file)) {
			if (r.connection) {
				add(r.connection, { file, offset: r.read.offset, length: r.read.length, connectionId: r.connection.id, kind: 'source', variable: r.read.variable, key: r.key, componentId: r.component.id });
			}
		}
	}
	for (const file of project.componentYamlFiles()) {
		const yaml = project.componentYaml(file);
		if (!yaml) {
			continue;
		}
		const comp = project.componentOfYaml(file);
		const resolve = (id: string) => (comp ? seen(comp).get(id) : index.shared.get(id)) ?? unique(id);
		for (const ref of yaml.connectionReferences) {
			add(resolve(ref.name), { file, offset: ref.nameSpan.offset, length: ref.nameSpan.length, connectionId: ref.name, kind: 'component-yaml', componentId: comp?.id });
		}
		for (const r of yaml.envConnectionRefs) {
			add(resolve(r.connection), { file, offset: r.connectionSpan.offset, length: r.connectionSpan.length, connectionId: r.connection, kind: 'component-yaml', componentId: comp?.id });
		}
	}
	for (const refs of out.values()) {
		refs.sort((a, b) => (a.file === b.file ? a.offset - b.offset : a.file < b.file ? -1 : 1));
	}
	return out;
}
