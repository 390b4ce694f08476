// Scope resolution: which connections a component may see, and why not.
import type { Component, Connection, ConnectionKind, ConnectionsModel } from './model';
import { normaliseName } from './naming';
import { SECRET_KEYS } from './secretNames';

/** Fixed parameter keys by kind; a third-party connection's keys are the ones it declares (plus ServiceURL). */
export const FIXED_KEYS: Readonly<Record<Exclude<ConnectionKind, 'third-party'>, readonly string[]>> = {
	service: ['ServiceURL', 'ConsumerKey', 'ConsumerSecret', 'TokenURL', 'ChoreoAPIKey'],
	database: ['HostName', 'Port', 'Username', 'Password', 'DatabaseName'],
};

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

/**
 * The key parts (normalised, e.g. `SERVICEURL`) that make a `CHOREO_*` variable a connection read: every fixed
 * key and every key a connection of the model declares. Other `CHOREO_*` variables (`CHOREO_ENV`,
 * `CHOREO_REGION`, …) are the platform's own, not connection reads.
 */
export function connectionKeyParts(model: ConnectionsModel): Set<string> {
	const parts = new Set([...FIXED_KEYS.service, ...FIXED_KEYS.database].map(normaliseName));
	for (const c of model.allConnections) {
		for (const p of c.parameters) {
			parts.add(normaliseName(p.key));
		}
	}
	return parts;
}

/** Whether `variable` (`CHOREO_<NAME>_<KEY>`) ends in one of `keyParts` after a non-empty name part. */
export function endsInConnectionKey(variable: string, keyParts: ReadonlySet<string>): boolean {
	const rest = variable.startsWith('CHOREO_') ? variable.slice(7) : variable;
	for (let cut = rest.indexOf('_'); cut > 0; cut = rest.indexOf('_', cut + 1)) {
		if (keyParts.has(rest.slice(cut + 1))) {
			return true;
		}
	}
	return false;
}

/** Whether a key of this connection holds a secret (fixed secret keys, or a parameter marked secret). */
const TOKEN_KEYS: readonly string[] = ['ConsumerKey', 'ConsumerSecret', 'TokenURL'];

/**
 * The keys the platform injects for a connection: its keys by kind (`keysOf`), and for a platform
 * service only those its security scheme gives (OAuth2: URL, client ID/secret and token URL;
 * API key: URL and key; none: URL). A service without a scheme gets every key.
 */
export function injectedKeys(c: Connection): string[] {
	const keys = keysOf(c);
	if (kindOf(c) !== 'service') {
		return keys;
	}
	switch (c.security?.scheme?.value) {
		case 'oauth2': return keys.filter((k) => k === 'ServiceURL' || TOKEN_KEYS.includes(k));
		case 'api-key': return keys.filter((k) => k === 'ServiceURL' || k === 'ChoreoAPIKey');
		case 'none': return keys.filter((k) => k === 'ServiceURL');
		default: return keys;
	}
}

export function isSecretKey(c: Connection, key: string): boolean {
	return SECRET_KEYS.has(key) || c.parameters.some((p) => p.key === key && p.value.type === 'secret');
}

export interface ConnectionIndex {
	readonly model: ConnectionsModel;
	/** Every connection with a given ID (more than one means duplicates or component connections of different components). */
	readonly byId: ReadonlyMap<string, readonly Connection[]>;
	readonly componentsById: ReadonlyMap<string, Component>;
	/** Organization and project connections, first definition of each ID (project before organization). */
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
	}
	// A project connection wins over an organization one with the same ID (a duplicate-id error anyway).
	for (const c of [...(model.project?.connections ?? []), ...(model.organization?.connections ?? [])]) {
		if (c.hasId && !shared.has(c.id)) {
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

/**
 * What one component sees: its own connections over the shared ones. A view over two maps,
 * so that asking for every component costs O(own connections), not O(all connections).
 */
class VisibleConnections implements ReadonlyMap<string, Connection> {
	constructor(private readonly own: ReadonlyMap<string, Connection>, private readonly shared: ReadonlyMap<string, Connection>) {}
	get size(): number {
		let n = this.shared.size;
		for (const id of this.own.keys()) {
			if (!this.shared.has(id)) {
				n++;
			}
		}
		return n;
	}
	get(id: string): Connection | undefined {
		return this.own.get(id) ?? this.shared.get(id);
	}
	has(id: string): boolean {
		return this.own.has(id) || this.shared.has(id);
	}
	*entries(): MapIterator<[string, Connection]> {
		yield* this.own.entries();
		for (const e of this.shared.entries()) {
			if (!this.own.has(e[0])) {
				yield e;
			}
		}
	}
	*keys(): MapIterator<string> {
		for (const [k] of this.entries()) {
			yield k;
		}
	}
	*values(): MapIterator<Connection> {
		for (const [, v] of this.entries()) {
			yield v;
		}
	}
	[Symbol.iterator](): MapIterator<[string, Connection]> {
		return this.entries();
	}
	forEach(fn: (value: Connection, key: string, map: ReadonlyMap<string, Connection>) => void): void {
		for (const [k, v] of this.entries()) {
			fn(v, k, this);
		}
	}
}

const visibleCache = new WeakMap<ConnectionIndex, Map<Component | undefined, ReadonlyMap<string, Connection>>>();

/** Connections visible to a component: its own first, then project and organization ones (first definition per ID wins). Cached per index. */
export function visibleConnections(index: ConnectionIndex, component: Component | undefined): ReadonlyMap<string, Connection> {
	let perIndex = visibleCache.get(index);
	if (!perIndex) {
		visibleCache.set(index, perIndex = new Map());
	}
	let view = perIndex.get(component);
	if (!view) {
		const own = new Map<string, Connection>();
		for (const c of component?.connections ?? []) {
			if (c.hasId && !own.has(c.id)) {
				own.set(c.id, c);
			}
		}
		view = new VisibleConnections(own, index.shared);
		perIndex.set(component, view);
	}
	return view;
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

	/** `fallback` answers for names this table does not have (a component's own table over the shared one). */
	constructor(connections: Iterable<Connection>, private readonly fallback?: VariableResolver) {
		const lengths = new Set<number>(fallback?.lengths ?? []);
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
				const c = this.connectionOfName(rest.slice(0, len));
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
	*names(): IterableIterator<string> {
		yield* this.byName.keys();
		if (this.fallback) {
			for (const n of this.fallback.names()) {
				if (!this.byName.has(n)) {
					yield n;
				}
			}
		}
	}

	connectionOfName(name: string): Connection | undefined {
		return this.byName.get(name) ?? this.fallback?.connectionOfName(name);
	}
}
