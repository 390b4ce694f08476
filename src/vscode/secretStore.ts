// Secret values of connection parameters live only in the editor's SecretStorage
// (docs/reliability.md S1): never in files, settings, state, logs or messages. The bookkeeping is in
// src/core/secrets/secretVault.ts; this adapter only turns URIs into strings.
import * as vscode from 'vscode';
import { SecretVault, type SecretAddress as CoreAddress } from '../core/secrets/secretVault';

/** Where a secret belongs: one repository, one connection, one parameter, optionally one environment. */
export interface SecretAddress {
	readonly repository: vscode.Uri;
	readonly connectionId: string;
	readonly key: string;
	readonly environment?: string;
}

const toCore = (a: SecretAddress): CoreAddress => ({ ...a, repository: a.repository.toString() });

/** One vault per SecretStorage, so that every feature's changes are serialized together. */
const vaults = new WeakMap<vscode.SecretStorage, SecretVault>();

export class SecretStore {
	private readonly vault: SecretVault;
	/** Fires when any stored value (or the index of stored keys) changes; says nothing of the value. */
	readonly onDidChange: vscode.Event<void>;

	constructor(secrets: vscode.SecretStorage) {
		this.onDidChange = (listener, thisArgs, disposables) => secrets.onDidChange(() => listener.call(thisArgs), undefined, disposables);
		let vault = vaults.get(secrets);
		if (!vault) {
			vaults.set(secrets, vault = new SecretVault(secrets));
		}
		this.vault = vault;
	}

	/** Stores a value. Rejects (and the caller tells the user) when secret storage is unavailable; never falls back. */
	store(a: SecretAddress, value: string): Promise<void> {
		return this.vault.store(toCore(a), value);
	}

	get(a: SecretAddress): Promise<string | undefined> {
		return this.vault.get(toCore(a));
	}

	/** Whether a value is set, for "set / not set" displays (reads the index, not the value). */
	has(a: SecretAddress): Promise<boolean> {
		return this.vault.has(toCore(a));
	}

	/** Deletes one stored value (for example to roll back a move that failed half way). */
	delete(a: SecretAddress): Promise<void> {
		return this.vault.delete(toCore(a));
	}

	/** Every stored address of a connection in a repository. */
	async addressesOf(repository: vscode.Uri, connectionId: string): Promise<SecretAddress[]> {
		return (await this.vault.addressesOf(repository.toString(), connectionId)).map((a) => ({ ...a, repository }));
	}

	/** Every stored address in a repository. */
	async addressesIn(repository: vscode.Uri): Promise<SecretAddress[]> {
		return (await this.vault.addressesIn(repository.toString())).map((a) => ({ ...a, repository }));
	}

	/** Deletes every secret stored for a repository; resolves to how many values were deleted. */
	clearRepository(repository: vscode.Uri): Promise<number> {
		return this.vault.clearRepository(repository.toString());
	}

	/** Deletes every secret of a connection (on delete). */
	deleteConnection(repository: vscode.Uri, connectionId: string): Promise<void> {
		return this.vault.deleteConnection(repository.toString(), connectionId);
	}

	/** Moves every secret of a connection to its new ID (on rename). */
	renameConnection(repository: vscode.Uri, from: string, to: string): Promise<void> {
		return this.vault.renameConnection(repository.toString(), from, to);
	}

	/** Deletes every stored credential of the extension ("Clear stored credentials"). */
	clearAll(): Promise<void> {
		return this.vault.clearAll();
	}
}

/** The message shown when secret storage fails: actionable, and without any value. */
export function secretStorageFailure(e: unknown): string {
	const reason = e instanceof Error && e.message ? e.message.split('\n')[0].slice(0, 200) : 'unknown error';
	return vscode.l10n.t('Secret storage is not available ({0}). Nothing was stored and no file was changed. On Linux, make sure a keyring (for example GNOME Keyring) is running.', reason);
}

/** Test runs only: the editor's SecretStorage, made to reject every call while `failing` is set (a missing keyring, S6). */
export class FaultableSecretStorage implements vscode.SecretStorage {
	failing = false;

	constructor(private readonly inner: vscode.SecretStorage) {}

	get onDidChange(): vscode.Event<vscode.SecretStorageChangeEvent> {
		return this.inner.onDidChange;
	}

	private refuse(): Promise<never> {
		return Promise.reject(new Error('no keyring is available (test fault)'));
	}

	get(key: string): Thenable<string | undefined> {
		return this.failing ? this.refuse() : this.inner.get(key);
	}

	store(key: string, value: string): Thenable<void> {
		return this.failing ? this.refuse() : this.inner.store(key, value);
	}

	delete(key: string): Thenable<void> {
		return this.failing ? this.refuse() : this.inner.delete(key);
	}
}
