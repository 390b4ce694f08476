// The Add Connection command: shows the steps src/core/views/addConnectionSteps.ts names, one
// QuickPick or InputBox each, then writes the connection (and the `uses` entries) as one edit.
import * as vscode from 'vscode';
import { addConnection, addUse, combine } from '../core/edits/connectionEdits';
import { idPlaceholder, newConnectionFrom, targetError, targetTemplate, validateAnswers, validateNewId } from '../core/views/connectionForm';
import { AddConnectionFlow, extraKeysError, oauthAppError, placeOfNode, valueError, type AddConnectionPresets, type AddStep } from '../core/views/addConnectionSteps';
import { CONNECTION_KINDS, type ConnectionKind, type Scope } from '../core/model/model';
import { argsOf, connectionsPlan, gone, refuseIfBroken, repositoryForCommand } from './connectionActions';
import { CommandId } from './commandIds';
import { whenDefined } from './dispose';
import { secretStorageFailure } from './secretStore';
import { localize } from './convert';
import { MultiStepInput, type InputStep } from './multiStepInput';
import type { Services } from './services';
import type { Repository } from './workspaceModel';
import { isTreeElement } from './treeElement';

/** Answers for Add Connection; what is given is not asked. Secret keys are always written as `{ "secret": true }`. */
export interface AddConnectionArgs extends AddConnectionPresets {
	readonly repository?: vscode.Uri | string;
	/** The component's ID, for component scope. */
	readonly component?: string;
	/** Values of secret keys, stored in secret storage for every environment (tests); with arguments, the others are not asked. */
	readonly secretValues?: Readonly<Record<string, string>>;
}

/** What Add Connection resolves to with arguments (tests, other extensions): no value in it. */
export interface AddConnectionResult {
	readonly id: string;
	readonly storedSecrets: readonly string[];
	readonly unsetSecrets: readonly string[];
	readonly message: string;
}

export async function addConnectionCommand(services: Services, arg: unknown): Promise<boolean | AddConnectionResult> {
	const { model, edits } = services;
	const args = argsOf<AddConnectionArgs>(arg) ?? {};
	const argsMode = argsOf<AddConnectionArgs>(arg) !== undefined;
	const repo = await repositoryForCommand(model, arg, args.repository);
	if (!repo || refuseIfBroken(repo)) {
		return false;
	}
	const index = repo.project.index;
	const components = index.model.components.filter((c) => c.hasId);
	let place: { scope?: Scope; componentIndex?: number } = {};
	if (args.component !== undefined) {
		const comp = index.componentsById.get(args.component);
		if (!comp) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No component "{0}" in connections.json.', args.component));
			return false;
		}
		place = { scope: args.scope ?? 'component', componentIndex: comp.index };
	}
	if (isTreeElement(arg) && arg.node) {
		place = placeOfNode(arg.node);
	}
	const flow = new AddConnectionFlow(args, argsMode, place, components.length);
	const state = flow.state;
	const title = vscode.l10n.t('Add Connection');
	const counter = (name: AddStep) => () => flow.counter(name);
	const stepFor = (name: AddStep): InputStep => async (input: MultiStepInput) => {
		const step = counter(name);
		switch (name) {
			case 'scope': {
				const items = [
					{ label: vscode.l10n.t('Organization'), description: index.model.organization?.id?.value, detail: vscode.l10n.t('Any component of any project in the organization can use it.'), scope: 'organization' as Scope },
					{ label: vscode.l10n.t('Project'), description: index.model.project?.id?.value, detail: vscode.l10n.t('Any component of this project can use it.'), scope: 'project' as Scope },
					...(components.length ? [{ label: vscode.l10n.t('Component'), description: '', detail: vscode.l10n.t('Only the component that defines it can use it.'), scope: 'component' as Scope }] : []),
				];
				const [picked] = await input.pick({ title, step, items, placeholder: vscode.l10n.t('Scope: who may use the connection'), activeItems: items.filter((i) => i.scope === state.scope) });
				state.scope = picked.scope;
				break;
			}
			case 'component': {
				const items = components.map((c) => ({ label: c.id, description: [c.type?.value, c.sourcePath?.value].filter(Boolean).join(' · '), index: c.index }));
				const [picked] = await input.pick({ title, step, items, placeholder: vscode.l10n.t('The component that owns the connection'), activeItems: items.filter((i) => i.index === state.componentIndex) });
				state.componentIndex = picked.index;
				break;
			}
			case 'kind': {
				const detail: Record<ConnectionKind, string> = {
					'service': vscode.l10n.t('A service of the platform (an endpoint of a component)'),
					'third-party': vscode.l10n.t('A third-party API (Twilio, Stripe, ...) or a legacy system'),
					'database': vscode.l10n.t('A database server'),
				};
				const items = CONNECTION_KINDS.map((k) => ({ label: k, detail: detail[k], connectionKind: k }));
				const [picked] = await input.pick({ title, step, items, placeholder: vscode.l10n.t('Kind of connection'), activeItems: items.filter((i) => i.connectionKind === state.kind) });
				flow.answerKind(picked.connectionKind);
				break;
			}
			case 'id':
				state.id = await input.input({
					title, step, value: state.id ?? '', prompt: vscode.l10n.t('Connection ID (3–50 letters, digits, spaces, "_", "-" or "."): components refer to it, and it names the variables'),
					placeholder: idPlaceholder(repo.project.index.model, state.kind),
					validate: (v) => localize(validateNewId(repo.project.index.model, flow.scopeTarget(), v)),
				});
				break;
			case 'target': {
				const kind = state.kind ?? 'database';
				state.target = await input.input({
					title, step, value: state.target ?? targetTemplate(kind, state.id ?? '', index.model.project?.id?.value),
					prompt: vscode.l10n.t('Target (resourceRef) of the {0}', kind), validate: (v) => localize(targetError(kind, v)),
				});
				break;
			}
			case 'access': {
				const implied = flow.impliedAccess();
				const items = flow.accessChoices().map((a) => ({ label: a, description: a === implied ? vscode.l10n.t('the target\'s visibility') : undefined, access: a }));
				const [picked] = await input.pick({ title, step, items, placeholder: vscode.l10n.t('Access mode of the endpoint (it follows the target\'s last segment)') });
				flow.answerAccess(picked.access);
				break;
			}
			case 'security': {
				const items = flow.securityChoices().map((s) => ({ label: s, scheme: s }));
				const [picked] = await input.pick({ title, step, items, placeholder: vscode.l10n.t('Security scheme'), activeItems: items.filter((i) => i.scheme === state.security) });
				state.security = picked.scheme;
				break;
			}
			case 'oauthApp':
				flow.answerOAuthApp(await input.input({
					title, step, value: state.oauthApp ?? '',
					prompt: state.scope === 'project'
						? vscode.l10n.t('OAuth application (project connections share one; empty for the project\'s)')
						: vscode.l10n.t('OAuth application (empty for the connection\'s own)'),
					validate: (v) => localize(oauthAppError(v)),
				}));
				break;
			case 'extraKeys':
				flow.answerExtraKeys(await input.input({
					title, step, value: flow.extraKeysText(),
					prompt: vscode.l10n.t('Parameters besides ServiceURL, comma-separated; mark a secret one with * (e.g. AccountSid, AuthToken*)'),
					validate: (v) => localize(extraKeysError(v)),
				}));
				break;
			case 'keys': {
				const items = flow.offeredKeys().map((k) => ({ label: k.key, description: k.secret ? vscode.l10n.t('secret: written as { "secret": true }, value kept in secret storage') : undefined, key: k.key }));
				const picked = await input.pick({
					title, step, items, canPickMany: true, placeholder: vscode.l10n.t('Parameters to write to the file (all are optional)'),
					activeItems: items.filter((i) => !state.pickedKeys || state.pickedKeys.includes(i.key)),
				});
				state.pickedKeys = picked.map((p) => p.key);
				break;
			}
			case 'uses': {
				const items = components.map((c) => ({ label: c.id, description: c.sourcePath?.value, id: c.id }));
				const picked = await input.pick({ title, step, items, canPickMany: true, placeholder: vscode.l10n.t('Add the new connection to the "uses" of these components (optional)'), activeItems: items.filter((i) => state.addToUses?.includes(i.id)) });
				state.addToUses = picked.map((p) => p.id);
				break;
			}
			default: {
				const key = name.slice('value:'.length);
				flow.answerValue(key, await input.input({
					title, step, value: flow.valueText(key),
					prompt: vscode.l10n.t('Value of {0} for every environment (empty: leave it out; per-environment values can be written in the file)', key),
					validate: (v) => localize(valueError(v, key)),
				}));
			}
		}
		const next = flow.next(name);
		return next && stepFor(next);
	};
	const first = flow.steps()[0];
	if (first && !(await MultiStepInput.run(stepFor(first)))) {
		return false;
	}
	const answers = flow.answers();
	if (!answers) {
		return false;
	}
	const target = flow.scopeTarget();
	const problem = validateAnswers(repo.project.index.model, target, answers);
	if (problem) {
		void vscode.window.showErrorMessage(localize(problem));
		return false;
	}
	const uses = state.addToUses ?? [];
	const created = newConnectionFrom(answers);
	const applied = await edits.applyOrExplain([connectionsPlan(repo, (parsed, fmt) => {
		const results = [addConnection(parsed, target, created, fmt)];
		for (const compId of uses) {
			const comp = parsed.model.components.find((c) => c.id === compId);
			results.push(comp ? addUse(parsed, comp.index, answers.id, fmt) : gone(compId));
		}
		return combine(results);
	})], vscode.l10n.t('Add connection {0}', answers.id));
	if (!applied) {
		return false;
	}
	const selector = { repository: repo.folder, connectionId: answers.id, scope: target.scope, componentId: target.scope === 'component' ? components.find((c) => c.index === target.componentIndex)?.id : undefined };
	const secretKeys = Object.entries((created as { parameters?: Record<string, unknown> }).parameters ?? {}).filter(([, v]) => typeof v === 'object').map(([k]) => k);
	const stored = await askSecretValues(services, repo.folder, answers.id, secretKeys, args.secretValues, argsMode);
	const unset = secretKeys.filter((k) => !stored.includes(k));
	// Show what was added: selected in the file and in the tree.
	const show = async () => {
		await vscode.commands.executeCommand(CommandId.RevealInFile, selector);
		await vscode.commands.executeCommand(CommandId.RevealInTree, selector);
	};
	if (await modelHas(services, repo, answers.id)) {
		await show();
	}
	const where = target.scope === 'component' ? vscode.l10n.t('component {0}', selector.componentId ?? '') : target.scope;
	const message = [
		vscode.l10n.t('Added connection "{0}" ({1}).', answers.id, where),
		uses.length ? vscode.l10n.t('Used by {0}.', uses.join(', ')) : '',
		stored.length ? vscode.l10n.t('Stored {0} secret value(s).', stored.length) : '',
		unset.length ? vscode.l10n.t('Not set yet: {0}.', unset.join(', ')) : '',
	].filter(Boolean).join(' ');
	const showLabel = vscode.l10n.t('Show');
	const setLabel = vscode.l10n.t('Set Secret Value...');
	void vscode.window.showInformationMessage(message, showLabel, ...(unset.length ? [setLabel] : [])).then((b) => {
		if (b === showLabel) {
			void show();
		} else if (b === setLabel) {
			void vscode.commands.executeCommand(CommandId.SetSecretValue, { ...selector, key: unset[0] });
		}
	});
	return argsMode ? { id: answers.id, storedSecrets: stored, unsetSecrets: unset, message } : true;
}

/** Waits (10 s at most) until the analysis has read the edited connections.json and holds the connection. */
async function modelHas({ model }: Services, repo: Repository, id: string): Promise<boolean> {
	const has = () => (repo.project.index.model.allConnections.some((c) => c.hasId && c.id === id) ? true : undefined);
	return (await whenDefined(model.onDidUpdate, has, 10_000)) === true;
}

/**
 * Asks each secret key's value (a password box; Escape or empty skips it, to set later) and stores it for every
 * environment. Only in a trusted workspace: secret storage is off in Restricted Mode. Resolves to the keys stored.
 */
async function askSecretValues(services: Services, repository: vscode.Uri, id: string, keys: readonly string[], given: Readonly<Record<string, string>> | undefined, argsMode: boolean): Promise<string[]> {
	const stored: string[] = [];
	if (!vscode.workspace.isTrusted) {
		return stored;
	}
	for (const [i, key] of keys.entries()) {
		const value = given?.[key] ?? (argsMode ? undefined : await vscode.window.showInputBox({
			title: vscode.l10n.t('Add Connection: secret values ({0}/{1})', i + 1, keys.length),
			prompt: vscode.l10n.t('{0} of "{1}" for every environment, kept in the editor\'s secret storage only. Empty or Escape: set it later.', key, id),
			password: true,
			ignoreFocusOut: true,
		}));
		if (value) {
			try {
				await services.secrets.store({ repository, connectionId: id, key }, value);
				stored.push(key);
			} catch (e) {
				void vscode.window.showErrorMessage(secretStorageFailure(e));
				break;
			}
		}
	}
	return stored;
}
