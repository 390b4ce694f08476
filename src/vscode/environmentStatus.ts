// The active environment of each repository: remembered per workspace (workspaceState), checked against
// connections.json's `environments` by core/secrets/environments.ts, shown in a status bar item for the
// active editor's repository and switched from it. The terminal, debugger and .env features read it here.
import * as vscode from 'vscode';
import { environmentChoices, environmentsOf, resolveActiveEnvironment } from '../core/secrets/environments';
import type { ConnectionsApi } from './api';
import { argsOf, folderName, repositoryForCommand, repositoryOf } from './connectionActions';
import { CommandId } from './commandIds';
import { Disposable } from './dispose';
import type { Repository, WorkspaceModel } from './workspaceModel';

const STATE_KEY = 'connections.activeEnvironments';

/** What onDidChangeEnvironment carries: the repository folder and its environment now. */
export interface EnvironmentChange {
	readonly repository: vscode.Uri;
	readonly environment: string;
}

/** The arguments of the Switch Environment command (tests and other extensions). */
export interface SwitchEnvironmentArgs {
	readonly repository?: vscode.Uri | string;
	readonly environment?: string;
}

export class ActiveEnvironments extends Disposable {
	private readonly _onDidChangeEnvironment = this._register(new vscode.EventEmitter<EnvironmentChange>());
	readonly onDidChangeEnvironment = this._onDidChangeEnvironment.event;
	/** The environment each repository had when last looked at, so that a change of connections.json that moves it fires too. */
	private readonly last = new Map<string, string>();

	constructor(private readonly model: WorkspaceModel, private readonly state: vscode.Memento) {
		super();
		this._register(model.onDidUpdate((repo) => this.check(repo)));
		this._register(model.onDidChangeRepositories(() => model.repositories().forEach((r) => this.check(r))));
	}

	private remembered(): Record<string, string> {
		const raw = this.state.get<unknown>(STATE_KEY);
		const out: Record<string, string> = Object.create(null);
		if (raw && typeof raw === 'object') {
			for (const [k, v] of Object.entries(raw)) {
				if (typeof v === 'string') {
					out[k] = v;
				}
			}
		}
		return out;
	}

	/** The active environment of a repository (its folder, or any file in it): the remembered one while declared, else the first. */
	activeEnvironment(repository: vscode.Uri | string): string | undefined {
		const repo = repositoryOf(this.model, repository);
		return repo && this.activeOf(repo);
	}

	activeOf(repo: Repository): string {
		return resolveActiveEnvironment(repo.project.index.model, this.remembered()[repo.folder.toString()]).environment;
	}

	/** The environments a repository offers, the active one first. */
	choicesOf(repo: Repository): readonly string[] {
		return environmentChoices(repo.project.index.model, this.activeOf(repo));
	}

	/** Makes an environment the active one of a repository; false (nothing remembered) when connections.json does not offer it. */
	async setActive(repo: Repository, environment: string): Promise<boolean> {
		if (!environmentsOf(repo.project.index.model).includes(environment)) {
			return false;
		}
		this.check(repo); // the environment before, if it was never looked at: the change must fire
		await this.state.update(STATE_KEY, { ...this.remembered(), [repo.folder.toString()]: environment });
		this.check(repo);
		return true;
	}

	private check(repo: Repository): void {
		const key = repo.folder.toString();
		const now = this.activeOf(repo);
		const before = this.last.get(key);
		this.last.set(key, now);
		if (before !== undefined && before !== now) {
			this._onDidChangeEnvironment.fire({ repository: repo.folder, environment: now });
		}
	}
}

class EnvironmentStatus extends Disposable {
	private readonly item = this._register(vscode.window.createStatusBarItem('connections.environment', vscode.StatusBarAlignment.Left, 50));

	constructor(private readonly model: WorkspaceModel, private readonly environments: ActiveEnvironments, api: ConnectionsApi) {
		super();
		this.item.name = vscode.l10n.t('Connections Environment');
		this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
		this._register(model.onDidChangeRepositories(() => this.update()));
		this._register(model.onDidUpdate(() => this.update()));
		this._register(environments.onDidChangeEnvironment(() => this.update()));
		this._register(vscode.commands.registerCommand(CommandId.SwitchEnvironment, (arg: unknown) => this.switch(arg)));
		api.activeEnvironment = (repository) => environments.activeEnvironment(repository);
		api.onDidChangeEnvironment = environments.onDidChangeEnvironment;
		api.environmentStatus = this.item;
		this._register({ dispose: () => { api.activeEnvironment = undefined; api.onDidChangeEnvironment = undefined; api.environmentStatus = undefined; } });
		this.update();
	}

	/** The repository the item speaks for: the active editor's, else the only (or first) one. */
	private shownRepository(): Repository | undefined {
		const uri = vscode.window.activeTextEditor?.document.uri;
		return (uri && this.model.repositoryFor(uri)) ?? this.model.repositories()[0];
	}

	private update(): void {
		const repo = this.shownRepository();
		if (!repo) {
			this.item.hide();
			return;
		}
		const environment = this.environments.activeOf(repo);
		const several = this.model.repositories().length > 1;
		this.item.text = several ? `$(server-environment) ${folderName(repo.folder)}: ${environment}` : `$(server-environment) ${environment}`;
		this.item.tooltip = vscode.l10n.t('Connections environment of {0}: {1}. Click to switch.', folderName(repo.folder), environment);
		this.item.command = { command: CommandId.SwitchEnvironment, title: vscode.l10n.t('Switch Environment'), arguments: [{ repository: repo.folder }] };
		this.item.show();
	}

	private async switch(arg: unknown): Promise<string | undefined> {
		const args = argsOf<SwitchEnvironmentArgs>(arg) ?? {};
		const repo = await repositoryForCommand(this.model, arg, args.repository);
		if (!repo) {
			return undefined;
		}
		const active = this.environments.activeOf(repo);
		let environment = args.environment;
		if (environment === undefined) {
			const picked = await vscode.window.showQuickPick(this.environments.choicesOf(repo).map((e) => ({
				label: e,
				description: e === active ? vscode.l10n.t('active') : undefined,
			})), { placeHolder: vscode.l10n.t('Environment for the connections of {0}', folderName(repo.folder)) });
			environment = picked?.label;
			if (environment === undefined) {
				return undefined;
			}
		}
		if (!(await this.environments.setActive(repo, environment))) {
			void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not an environment of {1} ({2}).', environment, folderName(repo.folder), environmentsOf(repo.project.index.model).join(', ')));
			return undefined;
		}
		void vscode.window.showInformationMessage(vscode.l10n.t('Connections of {0} now use the environment "{1}".', folderName(repo.folder), environment));
		return environment;
	}
}

/** The environment status bar item and the Switch Environment command; the API gets activeEnvironment and onDidChangeEnvironment. */
export function registerEnvironmentStatus(model: WorkspaceModel, environments: ActiveEnvironments, api: ConnectionsApi): vscode.Disposable {
	return new EnvironmentStatus(model, environments, api);
}
