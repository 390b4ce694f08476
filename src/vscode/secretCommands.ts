// Set Secret Value, Clear Secret Value and Clear Stored Secrets, from the palette, the tree and a light bulb
// on `{ "secret": true }` in connections.json. Values go only to SecretStorage (docs/reliability.md S1, S6):
// no message, log or return value carries one, and a failing store is one error with nothing written elsewhere.
// Refused in code in Restricted Mode (T1), not only hidden.
import * as vscode from 'vscode';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import type { Connection } from '../core/model/model';
import { isSecretKey, keysOf } from '../core/model/scope';
import { environmentChoices, environmentsOf, secretSetFor } from '../core/secrets/environments';
import { argsOf, folderName, repositoryForCommand, resolveConnection, type ConnectionSelector } from './connectionActions';
import { CommandId } from './commandIds';
import { Disposable } from './dispose';
import { secretStorageFailure, type SecretAddress } from './secretStore';
import type { Services } from './services';
import type { Repository } from './workspaceModel';

/** Arguments of Set Secret Value (tests, other extensions): what is not given is asked. With `value` and no `environment`, the value is for every environment. */
export interface SetSecretArgs extends ConnectionSelector {
	readonly key?: string;
	readonly environment?: string;
	readonly value?: string;
}

/** Arguments of Clear Secret Value; without `environment`, the value stored for every environment. */
export interface ClearSecretArgs extends ConnectionSelector {
	readonly key?: string;
	readonly environment?: string;
}

/** Arguments of Clear Stored Secrets; `confirmed: true` skips the confirmation (tests). */
export interface ClearStoredSecretsArgs {
	readonly repository?: vscode.Uri | string;
	readonly confirmed?: boolean;
}

/** An environment choice: a declared environment, or every environment (stored without one). */
type EnvironmentPick = { readonly environment: string | undefined };

function secretKeysOf(c: Connection): string[] {
	return keysOf(c).filter((k) => isSecretKey(c, k));
}

function environmentWords(environment: string | undefined): string {
	return environment === undefined ? vscode.l10n.t('every environment') : environment;
}

/** Refuses in Restricted Mode: secret storage is neither read nor written until the workspace is trusted. */
function refuseUntrusted(): boolean {
	if (!vscode.workspace.isTrusted) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Secret storage is off in Restricted Mode: trust the workspace to set or clear secret values. Nothing was changed.'));
		return true;
	}
	return false;
}

class SecretCommands extends Disposable {
	constructor(private readonly services: Services) {
		super();
		this._register(vscode.commands.registerCommand(CommandId.SetSecretValue, (arg: unknown) => this.set(arg)));
		this._register(vscode.commands.registerCommand(CommandId.ClearSecretValue, (arg: unknown) => this.clear(arg)));
		this._register(vscode.commands.registerCommand(CommandId.ClearStoredSecrets, (arg: unknown) => this.clearAll(arg)));
		this._register(vscode.languages.registerCodeActionsProvider({ pattern: `**/${CONNECTIONS_FILE}` }, new SecretMarkerActions(services), {
			providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
		}));
	}

	/** The stored addresses of a connection, or undefined (and one error) when secret storage fails. */
	private async storedOf(repo: Repository, id: string): Promise<SecretAddress[] | undefined> {
		try {
			return await this.services.secrets.addressesOf(repo.folder, id);
		} catch (e) {
			void vscode.window.showErrorMessage(secretStorageFailure(e));
			return undefined;
		}
	}

	private async pickKey(c: Connection, given: string | undefined, stored: readonly SecretAddress[]): Promise<string | undefined> {
		const keys = secretKeysOf(c);
		if (given !== undefined) {
			if (!keys.includes(given)) {
				void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a secret parameter of "{1}" (secret parameters: {2}).', given, c.id, keys.join(', ') || vscode.l10n.t('none')));
				return undefined;
			}
			return given;
		}
		if (!keys.length) {
			void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no secret parameters. Mark one with {1} in connections.json.', c.id, '{ "secret": true }'));
			return undefined;
		}
		if (keys.length === 1) {
			return keys[0];
		}
		const picked = await vscode.window.showQuickPick(keys.map((k) => ({
			label: k,
			description: stored.some((a) => a.key === k) ? vscode.l10n.t('has a stored value') : vscode.l10n.t('not set'),
		})), { placeHolder: vscode.l10n.t('Which secret of "{0}"?', c.id) });
		return picked?.label;
	}

	private async pickEnvironment(repo: Repository, c: Connection, key: string, stored: readonly SecretAddress[]): Promise<EnvironmentPick | undefined> {
		const model = repo.project.index.model;
		const state = (e: string | undefined) => (e === undefined ? stored.some((a) => a.key === key && a.environment === undefined) : secretSetFor(stored, key, e))
			? vscode.l10n.t('set') : vscode.l10n.t('not set');
		const items: (vscode.QuickPickItem & EnvironmentPick)[] = [
			...environmentChoices(model, this.services.environments.activeOf(repo)).map((e) => ({ label: e, description: state(e), environment: e })),
			{ label: vscode.l10n.t('Every environment'), description: state(undefined), detail: vscode.l10n.t('One value used wherever no environment has its own'), environment: undefined },
		];
		return vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('{0} of "{1}": for which environment?', key, c.id) });
	}

	/** The connection a secret command is about (one with secret keys) and what is stored for it; undefined when refused. */
	private async connectionWithStored(arg: unknown) {
		const resolved = await resolveConnection(this.services.model, arg, (c) => secretKeysOf(c).length > 0);
		if (!resolved) {
			return undefined;
		}
		const { repo, connection: c } = resolved;
		const stored = await this.storedOf(repo, c.id);
		return stored && { repo, c, stored };
	}

	private async set(arg: unknown): Promise<boolean> {
		if (refuseUntrusted()) {
			return false;
		}
		const args = argsOf<SetSecretArgs>(arg);
		const found = await this.connectionWithStored(arg);
		if (!found) {
			return false;
		}
		const { repo, c, stored } = found;
		const key = await this.pickKey(c, args?.key, stored);
		if (key === undefined) {
			return false;
		}
		let environment: string | undefined;
		if (args?.environment !== undefined) {
			if (!environmentsOf(repo.project.index.model).includes(args.environment)) {
				void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not an environment of {1} ({2}).', args.environment, folderName(repo.folder), environmentsOf(repo.project.index.model).join(', ')));
				return false;
			}
			environment = args.environment;
		} else if (args?.value === undefined) {
			const picked = await this.pickEnvironment(repo, c, key, stored);
			if (!picked) {
				return false;
			}
			environment = picked.environment;
		}
		const value = args?.value ?? await vscode.window.showInputBox({
			password: true,
			ignoreFocusOut: true,
			title: vscode.l10n.t('Set Secret Value'),
			prompt: vscode.l10n.t('The value of {0} of "{1}" for {2}. It is kept in the editor\'s secret storage only.', key, c.id, environmentWords(environment)),
			validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter a value, or press Escape to cancel.')),
		});
		if (!value) {
			return false;
		}
		try {
			await this.services.secrets.store({ repository: repo.folder, connectionId: c.id, key, environment }, value);
		} catch (e) {
			void vscode.window.showErrorMessage(secretStorageFailure(e));
			return false;
		}
		void vscode.window.showInformationMessage(vscode.l10n.t('Stored the value of {0} of "{1}" for {2}.', key, c.id, environmentWords(environment)));
		return true;
	}

	private async clear(arg: unknown): Promise<boolean> {
		if (refuseUntrusted()) {
			return false;
		}
		const args = argsOf<ClearSecretArgs>(arg);
		const found = await this.connectionWithStored(arg);
		if (!found) {
			return false;
		}
		const { c, stored } = found;
		let target: SecretAddress | undefined;
		if (args?.key !== undefined) {
			target = stored.find((a) => a.key === args.key && a.environment === args.environment);
		} else if (stored.length === 1) {
			target = stored[0];
		} else if (stored.length) {
			target = (await vscode.window.showQuickPick(stored.map((a) => ({ label: a.key, description: environmentWords(a.environment), address: a })), {
				placeHolder: vscode.l10n.t('Clear which stored value of "{0}"?', c.id),
			}))?.address;
			if (!target) {
				return false;
			}
		}
		if (!target) {
			void vscode.window.showInformationMessage(args?.key !== undefined
				? vscode.l10n.t('No value of {0} of "{1}" is stored for {2}. Nothing was changed.', args.key, c.id, environmentWords(args.environment))
				: vscode.l10n.t('No secret value of "{0}" is stored. Nothing was changed.', c.id));
			return false;
		}
		try {
			await this.services.secrets.delete(target);
		} catch (e) {
			void vscode.window.showErrorMessage(secretStorageFailure(e));
			return false;
		}
		void vscode.window.showInformationMessage(vscode.l10n.t('Cleared the stored value of {0} of "{1}" for {2}.', target.key, c.id, environmentWords(target.environment)));
		return true;
	}

	private async clearAll(arg: unknown): Promise<number | undefined> {
		if (refuseUntrusted()) {
			return undefined;
		}
		const args = argsOf<ClearStoredSecretsArgs>(arg);
		const repo = await repositoryForCommand(this.services.model, arg, args?.repository);
		if (!repo) {
			return undefined;
		}
		const name = folderName(repo.folder);
		try {
			const count = (await this.services.secrets.addressesIn(repo.folder)).length;
			if (!count) {
				void vscode.window.showInformationMessage(vscode.l10n.t('No secret values are stored for {0}. Nothing was changed.', name));
				return 0;
			}
			if (!args?.confirmed) {
				const clear = vscode.l10n.t('Clear');
				const answer = await vscode.window.showWarningMessage(
					count === 1 ? vscode.l10n.t('Clear the 1 stored secret value of {0}?', name) : vscode.l10n.t('Clear the {0} stored secret values of {1}?', count, name),
					{ modal: true, detail: vscode.l10n.t('They are deleted from the editor\'s secret storage; connections.json is not changed.') }, clear);
				if (answer !== clear) {
					return undefined;
				}
			}
			const cleared = await this.services.secrets.clearRepository(repo.folder);
			void vscode.window.showInformationMessage(cleared === 1 ? vscode.l10n.t('Cleared 1 stored secret value of {0}.', name) : vscode.l10n.t('Cleared {0} stored secret values of {1}.', cleared, name));
			return cleared;
		} catch (e) {
			void vscode.window.showErrorMessage(secretStorageFailure(e));
			return undefined;
		}
	}
}

/** "Set secret value of K..." on a `{ "secret": true }` value in connections.json (trusted workspaces only). */
class SecretMarkerActions implements vscode.CodeActionProvider {
	constructor(private readonly services: Services) {}

	provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
		if (!vscode.workspace.isTrusted) {
			return [];
		}
		try {
			const repo = this.services.model.repositoryFor(document.uri);
			const parsed = repo?.project.parsed;
			if (!repo || repo.relativePath(document.uri) !== CONNECTIONS_FILE || !parsed || parsed.text !== document.getText()) {
				return [];
			}
			const start = document.offsetAt(range.start);
			const end = document.offsetAt(range.end);
			const out: vscode.CodeAction[] = [];
			for (const c of parsed.model.allConnections) {
				if (!c.hasId || start > c.span.offset + c.span.length || end < c.span.offset) {
					continue;
				}
				for (const p of c.parameters) {
					const at = p.keySpan.offset;
					const until = p.valueSpan.offset + p.valueSpan.length;
					if (p.value.type !== 'secret' || start > until || end < at) {
						continue;
					}
					const action = new vscode.CodeAction(vscode.l10n.t('Set secret value of {0}...', p.key), vscode.CodeActionKind.QuickFix);
					const args: SetSecretArgs = { repository: repo.folder, connectionId: c.id, scope: c.scope, componentId: c.componentId, key: p.key };
					action.command = { command: CommandId.SetSecretValue, title: action.title, arguments: [args] };
					out.push(action);
				}
			}
			return out;
		} catch {
			return []; // providers never throw (docs/reliability.md R1)
		}
	}
}

/** The secret commands and the light bulb on `{ "secret": true }`; one Disposable for all of it. */
export function registerSecretCommands(services: Services): vscode.Disposable {
	return new SecretCommands(services);
}
