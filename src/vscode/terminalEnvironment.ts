// Optionally, every terminal of the workspace gets one component's variables (`connections.terminal.component`)
// through the environment variable collection, described in the terminal's tooltip, and kept current when
// connections.json, component.yaml or a stored secret changes. Not persisted (the values may be secrets, and
// secrets live only in secret storage), and nothing at all in Restricted Mode.
import * as vscode from 'vscode';
import { environmentFor, runEnvironmentOf } from './localRun';
import type { Services } from './services';

const SETTING = 'terminal.component';
const DEBOUNCE_MS = 300;

export function registerTerminalEnvironment(services: Services, context: vscode.ExtensionContext): vscode.Disposable {
	const collection = context.environmentVariableCollection;
	collection.persistent = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let generation = 0;

	const refresh = async (): Promise<void> => {
		const mine = ++generation;
		const componentId = vscode.workspace.getConfiguration('connections').get<string>(SETTING, '').trim();
		const repo = componentId && vscode.workspace.isTrusted
			? services.model.repositories().find((r) => r.project.index.model.components.some((c) => c.hasId && c.id === componentId))
			: undefined;
		const environment = repo && environmentFor(services, repo);
		const env = repo && environment !== undefined ? await runEnvironmentOf(services, repo, componentId, environment) : undefined;
		if (mine !== generation) {
			return; // a newer refresh runs
		}
		collection.clear();
		if (!env || typeof env === 'string') {
			collection.description = undefined;
			return;
		}
		for (const v of env.variables) {
			collection.replace(v.name, v.value!);
		}
		collection.description = new vscode.MarkdownString(vscode.l10n.t('Connections: the {0} variable(s) of component {1} for {2} ({3} missing).',
			env.variables.length, componentId, environment!, env.missing.length));
	};
	const schedule = () => {
		clearTimeout(timer);
		timer = setTimeout(() => void refresh(), DEBOUNCE_MS);
	};
	void refresh();
	return vscode.Disposable.from(
		services.model.onDidUpdate(schedule),
		vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`connections.${SETTING}`) && schedule()),
		vscode.workspace.onDidGrantWorkspaceTrust(schedule),
		context.secrets.onDidChange(schedule),
		services.environments.onDidChangeEnvironment(schedule),
		{ dispose: () => { clearTimeout(timer); collection.clear(); } },
	);
}
