// Bookkeeping of stored secret values (docs/reliability.md S1, S3, S6), over any store with the shape of
// VS Code's SecretStorage. Values go only to that store; this module never logs or returns them
// except through `get`.

/** The part of VS Code's SecretStorage this needs (an in-memory fake in unit tests). */
export interface SecretBackend {
	get(key: string): PromiseLike<string | undefined>;
	store(key: string, value: string): PromiseLike<void>;
	delete(key: string): PromiseLike<void>;
}

/** Where a secret belongs: one repository (a URI string), one connection, one parameter, optionally one environment. */
export interface SecretAddress {
	readonly repository: string;
	readonly connectionId: string;
	readonly key: string;
	readonly environment?: string;
}

const INDEX_KEY = 'connections.secretKeys';

/** The storage key of an address: a JSON array, so no separator can be forged by an ID. */
export function storageKey(a: SecretAddress): string {
	return JSON.stringify(['connections', a.repository, a.connectionId, a.key, a.environment ?? '*']);
}

function parseKey(k: string): SecretAddress | undefined {
	try {
		const [tag, repository, connectionId, key, env] = JSON.parse(k) as unknown[];
		if (tag !== 'connections' || typeof repository !== 'string' || typeof connectionId !== 'string' || typeof key !== 'string' || typeof env !== 'string') {
			return undefined;
		}
		return { repository, connectionId, key, environment: env === '*' ? undefined : env };
	} catch {
		return undefined;
	}
}

export class SecretVault {
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly backend: SecretBackend) {}

	/** Runs changes one at a time: each rewrites the index, so two at once could lose an entry. */
	private exclusive<T>(task: () => Promise<T>): Promise<T> {
		const next = this.queue.then(task, task);
		this.queue = next.catch(() => undefined);
		return next;
	}

	/** Every storage key this extension has written (kept in an index, since SecretStorage cannot list). */
	async keys(): Promise<string[]> {
		const raw = await this.backend.get(INDEX_KEY);
		try {
			const list: unknown = raw ? JSON.parse(raw) : [];
			return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
		} catch {
			return [];
		}
	}

	private async saveKeys(keys: string[]): Promise<void> {
		await this.backend.store(INDEX_KEY, JSON.stringify([...new Set(keys)]));
	}

	/** Stores a value. Rejects when the backend does; there is no fallback anywhere else. */
	store(a: SecretAddress, value: string): Promise<void> {
		return this.exclusive(() => this.storeNow(a, value));
	}

	private async storeNow(a: SecretAddress, value: string): Promise<void> {
		const k = storageKey(a);
		await this.backend.store(k, value);
		await this.saveKeys([...(await this.keys()), k]);
	}

	async get(a: SecretAddress): Promise<string | undefined> {
		return this.backend.get(storageKey(a));
	}

	/** Whether a value is set (for "set / not set"), without reading any value: only the index. */
	async has(a: SecretAddress): Promise<boolean> {
		const keys = new Set(await this.keys());
		return keys.has(storageKey(a)) || (a.environment !== undefined && keys.has(storageKey({ ...a, environment: undefined })));
	}

	/** Deletes one stored value. */
	delete(a: SecretAddress): Promise<void> {
		return this.exclusive(() => this.deleteNow(a));
	}

	private async deleteNow(a: SecretAddress): Promise<void> {
		const k = storageKey(a);
		await this.backend.delete(k);
		await this.saveKeys((await this.keys()).filter((x) => x !== k));
	}

	/** Every stored address of a connection in a repository. */
	async addressesOf(repository: string, connectionId: string): Promise<SecretAddress[]> {
		return (await this.keys()).map(parseKey).filter((a): a is SecretAddress => !!a && a.repository === repository && a.connectionId === connectionId);
	}

	/** Every stored address in a repository (for "Clear Stored Secrets" and its count). */
	async addressesIn(repository: string): Promise<SecretAddress[]> {
		return (await this.keys()).map(parseKey).filter((a): a is SecretAddress => !!a && a.repository === repository);
	}

	/** Deletes every secret stored for a repository; resolves to how many values were deleted. */
	clearRepository(repository: string): Promise<number> {
		return this.exclusive(async () => {
			const gone = new Set<string>();
			for (const a of await this.addressesIn(repository)) {
				await this.backend.delete(storageKey(a));
				gone.add(storageKey(a));
			}
			await this.saveKeys((await this.keys()).filter((k) => !gone.has(k)));
			return gone.size;
		});
	}

	/** Deletes every secret of a connection (when the connection is deleted). */
	deleteConnection(repository: string, connectionId: string): Promise<void> {
		return this.exclusive(() => this.deleteConnectionNow(repository, connectionId));
	}

	private async deleteConnectionNow(repository: string, connectionId: string): Promise<void> {
		const gone = new Set<string>();
		for (const a of await this.addressesOf(repository, connectionId)) {
			await this.backend.delete(storageKey(a));
			gone.add(storageKey(a));
		}
		await this.saveKeys((await this.keys()).filter((k) => !gone.has(k)));
	}

	/** Moves every secret of a connection to its new ID (when the connection is renamed). */
	renameConnection(repository: string, from: string, to: string): Promise<void> {
		return this.exclusive(async () => {
			for (const a of await this.addressesOf(repository, from)) {
				const value = await this.get(a);
				if (value !== undefined) {
					await this.storeNow({ ...a, connectionId: to }, value);
				}
			}
			await this.deleteConnectionNow(repository, from);
		});
	}

	/** Deletes every value this extension stored ("Clear stored credentials"). */
	clearAll(): Promise<void> {
		return this.exclusive(async () => {
			for (const k of await this.keys()) {
				await this.backend.delete(k);
			}
			await this.backend.delete(INDEX_KEY);
		});
	}
}

/** The identity of a connection across edits: where it sits in the file (scope, owning component, position). */
interface Placed {
	readonly id: string;
	readonly hasId: boolean;
	readonly path: readonly (string | number)[];
}

/**
 * Connections whose ID changed between two versions of a file while they stayed where they were
 * (same JSON path): the renames that stored secrets should follow. An ID that still exists after,
 * or a new ID that already existed before, is no rename.
 */
export function detectRenames(before: readonly Placed[], after: readonly Placed[]): { readonly from: string; readonly to: string }[] {
	const beforeIds = new Set(before.filter((c) => c.hasId).map((c) => c.id));
	const afterIds = new Set(after.filter((c) => c.hasId).map((c) => c.id));
	const byPath = new Map(before.filter((c) => c.hasId).map((c) => [JSON.stringify(c.path), c.id]));
	const out: { from: string; to: string }[] = [];
	for (const c of after) {
		const old = c.hasId ? byPath.get(JSON.stringify(c.path)) : undefined;
		if (old !== undefined && old !== c.id && !afterIds.has(old) && !beforeIds.has(c.id)) {
			out.push({ from: old, to: c.id });
		}
	}
	return out;
}
