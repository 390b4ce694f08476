// Debugging a component with its connections: for any debug type, a launch configuration with
// `"connections": { "component": …, "environment": … }` (or, when `connections.debug.matchComponentByPath` is on,
// one whose cwd/program lies under a component's folder) gets the component's variables merged into `env`, the
// configuration's own `env` winning. A secret that is not set stops the launch with a message that names it.
import * as vscode from 'vscode';
import { componentOfLaunchPath, launchConnections, mergedEnv } from '../core/run/launch';
import { missingReason, toRecord } from '../core/run/render';
import { CommandId } from './commandIds';
import { environmentFor, refusal, runEnvironmentOf } from './localRun';
import type { Services } from './services';
import type { Repository } from './workspaceModel';

function repositoriesOf(services: Services, folder: vscode.WorkspaceFolder | undefined): Repository[] {
	const all = services.model.repositories();
	return folder ? all.filter((r) => r.workspaceFolder?.uri.toString() === folder.uri.toString()) : all;
}

class ConnectionsDebugProvider implements vscode.DebugConfigurationProvider {
	constructor(private readonly services: Services) {}

	async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
		const attribute = launchConnections(config);
		if (typeof attribute === 'string') {
			void vscode.window.showErrorMessage(vscode.l10n.t('Launch configuration "{0}": {1}', String(config.name ?? ''), attribute));
			return undefined;
		}
		const repos = repositoriesOf(this.services, folder);
		let repo: Repository | undefined;
		let componentId: string | undefined;
		if (attribute) {
			repo = repos.find((r) => r.project.index.model.components.some((c) => c.hasId && c.id === attribute.component));
			componentId = attribute.component;
			if (!repo) {
				void vscode.window.showErrorMessage(vscode.l10n.t('Launch configuration "{0}": no component "{1}" in a connections.json of this workspace.', String(config.name ?? ''), attribute.component));
				return undefined;
			}
		} else if (vscode.workspace.getConfiguration('connections', folder).get<boolean>('debug.matchComponentByPath', false)) {
			for (const r of repos) {
				const c = componentOfLaunchPath(r.folder.fsPath, r.project.index.model.components, config);
				if (c) {
					repo = r;
					componentId = c.id;
					break;
				}
			}
		}
		if (!repo || componentId === undefined) {
			return config; // not ours to change
		}
		const why = refusal('terminal');
		if (why) {
			void vscode.window.showErrorMessage(why);
			return undefined;
		}
		const environment = environmentFor(this.services, repo, attribute?.environment);
		const env = await runEnvironmentOf(this.services, repo, componentId, environment);
		if (typeof env === 'string') {
			void vscode.window.showErrorMessage(env);
			return undefined;
		}
		const unset = env.missing.filter((v) => v.missing === 'secret-not-set');
		if (unset.length) {
			const names = unset.map((v) => `${v.name} (${missingReason(v)}: ${v.connectionId} ${v.key})`).join(', ');
			const set = vscode.l10n.t('Set Secret Value...');
			void vscode.window.showErrorMessage(vscode.l10n.t('Not started: {0} needs {1} for {2}.', componentId, names, environment), set).then((choice) => {
				if (choice === set) {
					void vscode.commands.executeCommand(CommandId.SetSecretValue, { repository: repo!.folder, connectionId: unset[0].connectionId, key: unset[0].key, environment });
				}
			});
			return undefined;
		}
		return { ...config, env: mergedEnv(toRecord(env), config.env) };
	}
}

export function registerDebugConnections(services: Services): vscode.Disposable {
	return vscode.debug.registerDebugConfigurationProvider('*', new ConnectionsDebugProvider(services));
}
