// Running a component locally from the editor: its variables (core/run, with secrets from secret storage)
// in a terminal opened in its folder. Refused in code in Restricted Mode and in the browser, where there is
// no local process to give them to.
import * as vscode from 'vscode';
import type { Component } from '../core/model/model';
import { environmentsOf, isMaterializeError, materialize, type RunEnvironment, type SecretQuery } from '../core/run/materialize';
import { missingReason, toRecord } from '../core/run/render';
import { argsOf, repositoryForCommand } from './connectionActions';
import { CommandId } from './commandIds';
import type { Services } from './services';
import type { Repository } from './workspaceModel';

interface RunArgs {
	readonly repository?: vscode.Uri | string;
	readonly componentId?: string;
	readonly environment?: string;
}

/** A component's run environment with secret values from secret storage (per environment first, then for all). */
export async function runEnvironmentOf(services: Services, repo: Repository, componentId: string, environment: string): Promise<RunEnvironment | string> {
	// First pass without secrets: which secrets it needs. Then only those are read from the store.
	const asked: SecretQuery[] = [];
	const probe = materialize(repo.project, componentId, environment, (q) => {
		asked.push(q);
		return undefined;
	});
	if (isMaterializeError(probe)) {
		return probe.error === 'no-component'
			? vscode.l10n.t('No component "{0}" in connections.json.', componentId)
			: vscode.l10n.t('No environment "{0}" in connections.json (it has {1}).', environment, probe.known.join(', '));
	}
	const values = new Map<string, string>();
	const at = (q: { connectionId: string; key: string }) => JSON.stringify([q.connectionId, q.key]);
	for (const q of asked) {
		const address = { repository: repo.folder, connectionId: q.connectionId, key: q.key };
		const value = (await services.secrets.get({ ...address, environment: q.environment })) ?? (await services.secrets.get(address));
		if (value !== undefined) {
			values.set(at(q), value);
		}
	}
	const result = materialize(repo.project, componentId, environment, (q) => values.get(at(q)));
	return isMaterializeError(result) ? vscode.l10n.t('connections.json changed while its secrets were read; try again.') : result;
}

/** Why a local run cannot be prepared here, or undefined. */
function refusal(): string | undefined {
	if (!vscode.workspace.isTrusted) {
		return vscode.l10n.t('Local runs read secret values and start processes: trust the workspace first. Nothing was started.');
	}
	if (vscode.env.uiKind === vscode.UIKind.Web && typeof process === 'undefined') {
		return vscode.l10n.t('Local runs need a desktop or remote editor: the browser has no local process. Nothing was started.');
	}
	return undefined;
}

async function pickComponent(repo: Repository, componentId: string | undefined): Promise<Component | undefined> {
	const components = repo.project.index.model.components.filter((c) => c.hasId && c.sourcePath !== undefined);
	if (componentId !== undefined) {
		const c = components.find((x) => x.id === componentId);
		if (!c) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No component "{0}" with a path in connections.json.', componentId));
		}
		return c;
	}
	if (components.length === 1) {
		return components[0];
	}
	const picked = await vscode.window.showQuickPick(components.map((c) => ({ label: c.id, description: c.sourcePath!.value || '.', component: c })),
		{ placeHolder: vscode.l10n.t('Run which component?') });
	return picked?.component;
}

/** "Open Terminal for Component": a terminal in the component's folder with its variables for an environment. */
async function openTerminal(services: Services, arg: unknown): Promise<vscode.Terminal | undefined> {
	const why = refusal();
	if (why) {
		void vscode.window.showErrorMessage(why);
		return undefined;
	}
	const args = argsOf<RunArgs>(arg);
	const repo = await repositoryForCommand(services.model, arg, args?.repository);
	const component = repo && await pickComponent(repo, args?.componentId);
	if (!repo || !component) {
		return undefined;
	}
	const environment = args?.environment ?? environmentsOf(repo.project)[0];
	const env = await runEnvironmentOf(services, repo, component.id, environment);
	if (typeof env === 'string') {
		void vscode.window.showErrorMessage(env);
		return undefined;
	}
	const folder = component.sourcePath!.value ? repo.uriOf(component.sourcePath!.value) : repo.folder;
	const terminal = vscode.window.createTerminal({
		name: vscode.l10n.t('{0} ({1})', component.id, environment),
		cwd: folder,
		env: toRecord(env),
		iconPath: new vscode.ThemeIcon('plug'),
	});
	terminal.show();
	if (env.missing.length) {
		const names = env.missing.map((v) => `${v.name} (${missingReason(v)})`).join(', ');
		void vscode.window.showWarningMessage(vscode.l10n.t('The terminal has {0} variable(s) of {1}; missing: {2}.', env.variables.length, component.id, names));
	} else {
		void vscode.window.showInformationMessage(vscode.l10n.t('The terminal has the {0} variable(s) of {1} for {2}.', env.variables.length, component.id, environment));
	}
	return terminal;
}

export function registerLocalRun(services: Services): vscode.Disposable {
	return vscode.commands.registerCommand(CommandId.OpenTerminal, (arg: unknown) => openTerminal(services, arg));
}
