// Scope resolution: which connections a component may see, and why not.
import type { Component, Connection, ConnectionKind, ConnectionsModel } from './model';
import { normaliseName } from './naming';

/** Fixed parameter keys by kind; a third-party connection's keys are the ones it declares (plus ServiceURL). */
export const FIXED_KEYS: Readonly<Record<Exclude<ConnectionKind, 'third-party'>, readonly string[]>> = {
	service: ['ServiceURL', 'ConsumerKey', 'ConsumerSecret', 'TokenURL', 'ChoreoAPIKey'],
	database: ['HostName', 'Port', 'Username', 'Password', 'DatabaseName'],
};

/** Keys whose values are secret by the platform's definition. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['ConsumerSecret', 'ChoreoAPIKey', 'Password']);

/** The connection's kind when it is a valid one. */
export function kindOf(c: Connection): ConnectionKind | undefined {
	const k = c.kind?.value;
	return k === 'service' || k === 'third-party' || k === 'database' ? k : undefined;
}

/** The parameter keys a connection has: the fixed keys of its kind, or for third-party ServiceURL plus its declared keys. */
export function keysOf(c: Connection): string[] {
	const kind = kindOf(c);
	if (kind === 'service' || kind === 'database') {
		return [...FIXED_KEYS[kind]];
	}
	const keys = ['ServiceURL'];
	for (const p of c.parameters) {
		if (!keys.includes(p.key)) {
			keys.push(p.key);
		}
	}
	return keys;
}

/** Whether a key of this connection holds a secret (fixed secret keys, or a parameter marked secret). */
export function isSecretKey(c: Connection, key: string): boolean {
	return SECRET_KEYS.has(key) || c.parameters.some((p) => p.key === key && p.value.type === 'secret');
}

export interface ConnectionIndex {
	readonly model: ConnectionsModel;
	/** Every connection with a given ID (more than one means duplicates or component connections of different components). */
	readonly byId: ReadonlyMap<string, readonly Connection[]>;
	readonly componentsById: ReadonlyMap<string, Component>;
	/** Organization and project connections, first definition of each ID. */
	readonly shared: ReadonlyMap<string, Connection>;
}

/** Indexes a model by ID. O(n). */
export function buildIndex(model: ConnectionsModel): ConnectionIndex {
	const byId = new Map<string, Connection[]>();
	const shared = new Map<string, Connection>();
	for (const c of model.allConnections) {
		if (!c.hasId) {
			continue;
		}
		const list = byId.get(c.id);
		if (list) {
			list.push(c);
		} else {
			byId.set(c.id, [c]);
		}
		if (c.scope !== 'component' && !shared.has(c.id)) {
			shared.set(c.id, c);
		}
	}
	const componentsById = new Map<string, Component>();
	for (const comp of model.components) {
		if (comp.hasId && !componentsById.has(comp.id)) {
			componentsById.set(comp.id, comp);
		}
	}
	return { model, byId, componentsById, shared };
}

/** Connections visible to a component: its own first, then project, then organization (first definition per ID wins). */
export function visibleConnections(index: ConnectionIndex, component: Component | undefined): Map<string, Connection> {
	const out = new Map<string, Connection>();
	for (const c of component?.connections ?? []) {
		if (c.hasId && !out.has(c.id)) {
			out.set(c.id, c);
		}
	}
	for (const c of [...(index.model.project?.connections ?? []), ...(index.model.organization?.connections ?? [])]) {
		if (c.hasId && !out.has(c.id)) {
			out.set(c.id, c);
		}
	}
	return out;
}

/** Why a connection ID is not visible to a component: owned by other components, or unknown. */
export function whyNotVisible(index: ConnectionIndex, id: string): { readonly reason: 'other-component'; readonly owners: readonly Connection[] } | { readonly reason: 'unknown' } {
	const owners = (index.byId.get(id) ?? []).filter((c) => c.scope === 'component');
	return owners.length ? { reason: 'other-component', owners } : { reason: 'unknown' };
}

/** A variable resolved to a connection and key. */
export interface ResolvedVariable {
	readonly connection: Connection;
	/** The key part of the variable, as written (upper case). */
	readonly key: string;
	/** The connection's parameter key it matches, when there is one. */
	readonly matchedKey?: string;
}

/** Prefix table for resolving CHOREO_<NAME>_<KEY> against a set of connections (longest NAME wins). */
export class VariableResolver {
	private readonly byName = new Map<string, Connection>();
	private readonly lengths: number[];

	constructor(connections: Iterable<Connection>) {
		const lengths = new Set<number>();
		for (const c of connections) {
			const name = normaliseName(c.id);
			if (!this.byName.has(name)) {
				this.byName.set(name, c);
				lengths.add(name.length);
			}
		}
		this.lengths = [...lengths].sort((a, b) => b - a);
	}

	/** Resolves `CHOREO_<NAME>_<KEY>`; undefined when no connection's normalised name fits. */
	resolve(variable: string): ResolvedVariable | undefined {
		if (!variable.startsWith('CHOREO_')) {
			return undefined;
		}
		const rest = variable.slice(7);
		for (const len of this.lengths) {
			if (rest.length > len + 1 && rest.charCodeAt(len) === 95 /* _ */) {
				const c = this.byName.get(rest.slice(0, len));
				if (c) {
					const key = rest.slice(len + 1);
					const matchedKey = keysOf(c).find((k) => normaliseName(k) === key);
					return { connection: c, key, matchedKey };
				}
			}
		}
		return undefined;
	}

	/** Normalised names known to this resolver. */
	names(): IterableIterator<string> {
		return this.byName.keys();
	}

	connectionOfName(name: string): Connection | undefined {
		return this.byName.get(name);
	}
}
