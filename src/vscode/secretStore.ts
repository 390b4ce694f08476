// Secret values of connection parameters live only in the editor's SecretStorage
// (RELIABILITY S1): never in files, settings, state, logs or messages.
import * as vscode from 'vscode';

const INDEX_KEY = 'connections.secretKeys';

/** Where a secret belongs: one repository, one connection, one parameter, optionally one environment. */
export interface SecretAddress {
	readonly repository: vscode.Uri;
	readonly connectionId: string;
	readonly key: string;
	readonly environment?: string;
}

function storageKey(a: SecretAddress): string {
	return JSON.stringify(['connections', a.repository.toString(), a.connectionId, a.key, a.environment ?? '*']);
}

export class SecretStore {
	constructor(private readonly secrets: vscode.SecretStorage) {}

	private async keys(): Promise<string[]> {
		const raw = await this.secrets.get(INDEX_KEY);
		try {
			const list = raw ? JSON.parse(raw) : [];
			return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
		} catch {
			return [];
		}
	}

	private async saveKeys(keys: string[]): Promise<void> {
		await this.secrets.store(INDEX_KEY, JSON.stringify([...new Set(keys)]));
	}

	/** Stores a value. Rejects (and the caller tells the user) when secret storage is unavailable; never falls back. */
	async store(a: SecretAddress, value: string): Promise<void> {
		const k = storageKey(a);
		await this.secrets.store(k, value);
		await this.saveKeys([...(await this.keys()), k]);
	}

	async get(a: SecretAddress): Promise<string | undefined> {
		return this.secrets.get(storageKey(a));
	}

	/** Whether a value is set, for "set / not set" displays. */
	async has(a: SecretAddress): Promise<boolean> {
		return (await this.get(a)) !== undefined || (a.environment !== undefined && (await this.get({ ...a, environment: undefined })) !== undefined);
	}

	/** Every stored address of a connection in a repository. */
	async addressesOf(repository: vscode.Uri, connectionId: string): Promise<SecretAddress[]> {
		const out: SecretAddress[] = [];
		for (const k of await this.keys()) {
			const [, repo, id, key, env] = JSON.parse(k) as string[];
			if (repo === repository.toString() && id === connectionId) {
				out.push({ repository, connectionId: id, key, environment: env === '*' ? undefined : env });
			}
		}
		return out;
	}

	/** Deletes every secret of a connection (on delete). */
	async deleteConnection(repository: vscode.Uri, connectionId: string): Promise<void> {
		const gone = new Set<string>();
		for (const a of await this.addressesOf(repository, connectionId)) {
			await this.secrets.delete(storageKey(a));
			gone.add(storageKey(a));
		}
		await this.saveKeys((await this.keys()).filter((k) => !gone.has(k)));
	}

	/** Moves every secret of a connection to its new ID (on rename). */
	async renameConnection(repository: vscode.Uri, from: string, to: string): Promise<void> {
		for (const a of await this.addressesOf(repository, from)) {
			const value = await this.get(a);
			if (value !== undefined) {
				await this.store({ ...a, connectionId: to }, value);
			}
		}
		await this.deleteConnection(repository, from);
	}

	/** Deletes every stored credential of the extension ("Clear stored credentials"). */
	async clearAll(): Promise<void> {
		for (const k of await this.keys()) {
			await this.secrets.delete(k);
		}
		await this.secrets.delete(INDEX_KEY);
	}
}

/** The message shown when secret storage fails: actionable, and without any value. */
export function secretStorageFailure(e: unknown): string {
	const reason = e instanceof Error && e.message ? e.message.split('\n')[0].slice(0, 200) : 'unknown error';
	return vscode.l10n.t('Secret storage is not available ({0}). Nothing was stored and no file was changed. On Linux, make sure a keyring (for example GNOME Keyring) is running.', reason);
}
