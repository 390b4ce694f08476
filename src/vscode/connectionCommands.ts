// The connection commands of the palette and the tree: add (a multi-step flow), edit,
// delete, rename, change scope, copy ID / variable names, reveal, show references,
// validate, open / create connections.json, refresh. Every prompt can be answered in
// advance by an argument object, so other code and tests drive them without UI.
import * as vscode from 'vscode';
import { isValidConnectionId } from '../core/model/connectionId';
import { addConnection, addUse, combine, deleteConnection as deleteConnectionEdit, findConnection, type ScopeTarget } from '../core/edits/connectionEdits';
import {
	editField, EDITABLE_FIELDS, fieldError, fieldValue, moveTargets, newConnectionFrom, offeredKeys, renameInConnectionsFile, securityChoices,
	starterFile, targetError, targetTemplate, validateAnswers, validateNewId, accessOf, losersOfMove,
	type EditableField, type NewConnectionAnswers, type ParameterInput,
} from '../core/views/connectionForm';
import { REFUSAL_MESSAGES } from '../core/edits/edits';
import { parseConnectionsText } from '../core/json/parse';
import { ACCESS_MODES, CONNECTION_KINDS, type AccessMode, type ConnectionKind, type Scope, type SecurityScheme } from '../core/model/model';
import { variableName } from '../core/model/naming';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { buildIndex, keysOf } from '../core/model/scope';
import { summarizeFindings, type FindingSummary } from '../core/views/treeModel';
import { applyOrExplain } from './applyEdits';
import { CommandId } from './commandIds';
import {
	connectionsPlan, gone, moveConnectionTo, pickRepository, provideSecretStore, repositoryOf, repositoryOfElement,
	resolveConnection, scopeTargetOf, targetWords, type ConnectionSelector, type ResolvedConnection,
} from './connectionActions';
import { MultiStepInput } from './multiStepInput';
import { isTreeElement } from './treeElement';
import { SecretStore, secretStorageFailure } from './secretStore';
import type { Repository, WorkspaceModel } from './workspaceModel';

/** Answers for Add Connection; what is given is not asked. Secret keys are always written as `{ "secret": true }`. */
export interface AddConnectionArgs {
	readonly repository?: vscode.Uri | string;
	readonly scope?: Scope;
	/** The component's ID, for component scope. */
	readonly component?: string;
	readonly kind?: ConnectionKind;
	readonly id?: string;
	readonly name?: string;
	readonly description?: string;
	readonly target?: string;
	readonly access?: AccessMode;
	readonly security?: SecurityScheme;
	readonly oauthApp?: string;
	readonly parameters?: Readonly<Record<string, ParameterInput>>;
	readonly secretKeys?: readonly string[];
	/** Components whose `uses` get the new ID (organization and project scope). */
	readonly addToUses?: readonly string[];
}

export interface EditConnectionArgs extends ConnectionSelector {
	readonly field?: EditableField;
	readonly value?: string;
}

export interface DeleteConnectionArgs extends ConnectionSelector {
	/** Answers the confirmation in advance. */
	readonly confirm?: boolean;
}

export interface RenameConnectionArgs extends ConnectionSelector {
	readonly newId?: string;
}

export interface ChangeScopeArgs extends ConnectionSelector {
	/** `organization`, `project`, `component:<id>`, or an object. */
	readonly to?: string | { readonly scope: Scope; readonly component?: string };
	readonly confirm?: boolean;
}

/** An argument object (not a tree element, not a URI from the explorer). */
function argsOf<T>(arg: unknown): T | undefined {
	return arg && typeof arg === 'object' && !isTreeElement(arg) && !(arg instanceof vscode.Uri) ? (arg as T) : undefined;
}

function refuseIfBroken(repo: Repository): boolean {
	const parsed = repo.project.parsed;
	if (parsed.hasSyntaxErrors || parsed.guarded) {
		void vscode.window.showErrorMessage(vscode.l10n.t(REFUSAL_MESSAGES['syntax-errors']));
		return true;
	}
	return false;
}

async function repositoryForCommand(model: WorkspaceModel, arg: unknown, repository?: vscode.Uri | string): Promise<Repository | undefined> {
	if (isTreeElement(arg)) {
		return repositoryOfElement(model, arg);
	}
	if (repository !== undefined) {
		const repo = repositoryOf(model, repository);
		if (!repo) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No repository with a connections.json at {0}.', String(repository)));
		}
		return repo;
	}
	if (!model.repositories().length) {
		const create = vscode.l10n.t('Create connections.json');
		void vscode.window.showInformationMessage(vscode.l10n.t('This workspace has no connections.json yet.'), create).then((a) => {
			if (a === create) {
				void vscode.commands.executeCommand(CommandId.CreateFile);
			}
		});
		return undefined;
	}
	return pickRepository(model, vscode.l10n.t('Which repository?'));
}

// ---- Add ---------------------------------------------------------------------------

interface AddState {
	scope?: Scope;
	componentIndex?: number;
	kind?: ConnectionKind;
	id?: string;
	name?: string;
	description?: string;
	target?: string;
	access?: AccessMode;
	security?: SecurityScheme;
	oauthApp?: string;
	extraKeys: { key: string; secret: boolean }[];
	pickedKeys?: string[];
	values: Record<string, ParameterInput>;
	secretKeys: string[];
	addToUses?: string[];
}

const PARAMETER_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

async function addConnectionCommand(model: WorkspaceModel, arg: unknown): Promise<boolean> {
	const args = argsOf<AddConnectionArgs>(arg) ?? {};
	const argsMode = argsOf<AddConnectionArgs>(arg) !== undefined;
	const repo = await repositoryForCommand(model, arg, args.repository);
	if (!repo || refuseIfBroken(repo)) {
		return false;
	}
	const index = repo.project.index;
	const components = index.model.components.filter((c) => c.hasId);
	const state: AddState = {
		scope: args.scope, kind: args.kind, id: args.id, name: args.name, description: args.description, target: args.target,
		access: args.access, security: args.security, oauthApp: args.oauthApp, extraKeys: [], values: { ...args.parameters },
		secretKeys: [...(args.secretKeys ?? [])], addToUses: args.addToUses ? [...args.addToUses] : undefined,
		pickedKeys: args.parameters || args.secretKeys ? Object.keys(args.parameters ?? {}) : undefined,
	};
	if (args.component !== undefined) {
		const comp = index.componentsById.get(args.component);
		if (!comp) {
			void vscode.window.showErrorMessage(vscode.l10n.t('No component "{0}" in connections.json.', args.component));
			return false;
		}
		state.scope ??= 'component';
		state.componentIndex = comp.index;
	}
	if (isTreeElement(arg) && arg.node) {
		const n = arg.node;
		if (n.kind === 'organization' || n.kind === 'project') {
			state.scope = n.kind;
		} else if ((n.kind === 'component' || n.kind === 'connection') && n.component) {
			state.scope = 'component';
			state.componentIndex = n.component.index;
		} else if (n.kind === 'connection' && n.scope) {
			state.scope = n.scope;
		}
	}
	const preset = new Set<string>();
	for (const [k, v] of Object.entries({ scope: state.scope, component: state.componentIndex, kind: state.kind, id: state.id, target: state.target })) {
		if (v !== undefined) {
			preset.add(k);
		}
	}
	const scopeTarget = (): ScopeTarget => ({ scope: state.scope ?? 'project', componentIndex: state.componentIndex });

	type StepName = string;
	const order = (): StepName[] => {
		const o: StepName[] = [];
		const ask = (name: string, when = true) => {
			if (when && !preset.has(name)) {
				o.push(name);
			}
		};
		ask('scope');
		ask('component', state.scope === 'component');
		ask('kind');
		ask('id');
		ask('target');
		if (!argsMode) {
			if (state.kind === 'service') {
				ask('access', args.access === undefined);
				ask('security', args.security === undefined);
				ask('oauthApp', state.security === 'oauth2' && args.oauthApp === undefined);
			}
			if (args.parameters === undefined && args.secretKeys === undefined) {
				ask('extraKeys', state.kind === 'third-party');
				ask('keys');
				for (const key of state.pickedKeys ?? []) {
					if (!isSecret(key)) {
						o.push(`value:${key}`);
					}
				}
			}
			ask('uses', state.scope !== 'component' && components.length > 0 && args.addToUses === undefined);
		}
		return o;
	};
	const isSecret = (key: string) => offeredKeys(state.kind ?? 'third-party').some((k) => k.key === key && k.secret) || state.extraKeys.some((k) => k.key === key && k.secret);
	const title = vscode.l10n.t('Add Connection');
	const counter = (name: string) => () => {
		const o = order();
		return { step: o.indexOf(name) + 1, total: o.length };
	};
	const nextAfter = (name: string) => {
		const o = order();
		const i = o.indexOf(name);
		return i >= 0 && i + 1 < o.length ? stepFor(o[i + 1]) : undefined;
	};
	const stepFor = (name: string): ((input: MultiStepInput) => Promise<any>) => async (input: MultiStepInput) => {
		switch (name) {
			case 'scope': {
				const items = [
					{ label: vscode.l10n.t('Organization'), description: index.model.organization?.id?.value, detail: vscode.l10n.t('Any component of any project in the organization can use it.'), scope: 'organization' as Scope },
					{ label: vscode.l10n.t('Project'), description: index.model.project?.id?.value, detail: vscode.l10n.t('Any component of this project can use it.'), scope: 'project' as Scope },
					...(components.length ? [{ label: vscode.l10n.t('Component'), description: '', detail: vscode.l10n.t('Only the component that defines it can use it.'), scope: 'component' as Scope }] : []),
				];
				const [picked] = await input.pick({ title, step: counter(name), items, placeholder: vscode.l10n.t('Scope: who may use the connection'), activeItems: items.filter((i) => i.scope === state.scope) });
				state.scope = picked.scope;
				break;
			}
			case 'component': {
				const items = components.map((c) => ({ label: c.id, description: [c.type?.value, c.sourcePath?.value].filter(Boolean).join(' · '), index: c.index }));
				const [picked] = await input.pick({ title, step: counter(name), items, placeholder: vscode.l10n.t('The component that owns the connection'), activeItems: items.filter((i) => i.index === state.componentIndex) });
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
				const [picked] = await input.pick({ title, step: counter(name), items, placeholder: vscode.l10n.t('Kind of connection'), activeItems: items.filter((i) => i.connectionKind === state.kind) });
				if (picked.connectionKind !== state.kind) {
					state.target = preset.has('target') ? state.target : undefined;
					state.pickedKeys = undefined;
				}
				state.kind = picked.connectionKind;
				break;
			}
			case 'id':
				state.id = await input.input({
					title, step: counter(name), value: state.id ?? '', prompt: vscode.l10n.t('Connection ID (3–50 letters, digits, spaces, "_", "-" or "."): components refer to it, and it names the variables'),
					placeholder: 'shared-postgres',
					validate: (v) => validateNewId(repo.project.index.model, scopeTarget(), v),
				});
				break;
			case 'target': {
				const kind = state.kind ?? 'database';
				state.target = await input.input({
					title, step: counter(name), value: state.target ?? targetTemplate(kind, state.id ?? '', index.model.project?.id?.value),
					prompt: vscode.l10n.t('Target (resourceRef) of the {0}', kind), validate: (v) => targetError(kind, v),
				});
				break;
			}
			case 'access': {
				const implied = accessOf(state.target ?? '');
				const items = ACCESS_MODES.map((a) => ({ label: a, description: a === implied ? vscode.l10n.t('the target\'s visibility') : undefined, access: a }));
				const [picked] = await input.pick({ title, step: counter(name), items: items.filter((i) => !implied || i.access === implied), placeholder: vscode.l10n.t('Access mode of the endpoint (it follows the target\'s last segment)') });
				state.access = picked.access;
				if (!securityChoices(state.access).includes(state.security ?? 'none')) {
					state.security = undefined;
				}
				break;
			}
			case 'security': {
				const items = securityChoices(state.access ?? accessOf(state.target ?? '')).map((s) => ({ label: s, scheme: s }));
				const [picked] = await input.pick({ title, step: counter(name), items, placeholder: vscode.l10n.t('Security scheme'), activeItems: items.filter((i) => i.scheme === state.security) });
				state.security = picked.scheme;
				break;
			}
			case 'oauthApp':
				state.oauthApp = (await input.input({
					title, step: counter(name), value: state.oauthApp ?? '',
					prompt: state.scope === 'project'
						? vscode.l10n.t('OAuth application (project connections share one; empty for the project\'s)')
						: vscode.l10n.t('OAuth application (empty for the connection\'s own)'),
					validate: (v) => (v && validateOAuthApp(v)) || undefined,
				})) || undefined;
				break;
			case 'extraKeys': {
				const text = await input.input({
					title, step: counter(name), value: state.extraKeys.map((k) => k.key + (k.secret ? '*' : '')).join(', '),
					prompt: vscode.l10n.t('Parameters besides ServiceURL, comma-separated; mark a secret one with * (e.g. AccountSid, AuthToken*)'),
					validate: (v) => splitKeys(v).find((k) => !PARAMETER_KEY.test(k.key)) ? vscode.l10n.t('A parameter key starts with a letter and has only letters, digits and "_".') : undefined,
				});
				state.extraKeys = splitKeys(text);
				state.pickedKeys = undefined;
				break;
			}
			case 'keys': {
				const offered = [...offeredKeys(state.kind ?? 'third-party'), ...state.extraKeys];
				const items = offered.map((k) => ({ label: k.key, description: k.secret ? vscode.l10n.t('secret: written as { "secret": true }, value kept in secret storage') : undefined, key: k.key }));
				const picked = await input.pick({
					title, step: counter(name), items, canPickMany: true, placeholder: vscode.l10n.t('Parameters to write to the file (all are optional)'),
					activeItems: items.filter((i) => !state.pickedKeys || state.pickedKeys.includes(i.key)),
				});
				state.pickedKeys = picked.map((p) => p.key);
				break;
			}
			case 'uses': {
				const items = components.map((c) => ({ label: c.id, description: c.sourcePath?.value, id: c.id }));
				const picked = await input.pick({ title, step: counter(name), items, canPickMany: true, placeholder: vscode.l10n.t('Add the new connection to the "uses" of these components (optional)'), activeItems: items.filter((i) => state.addToUses?.includes(i.id)) });
				state.addToUses = picked.map((p) => p.id);
				break;
			}
			default:
				if (name.startsWith('value:')) {
					const key = name.slice(6);
					const current = state.values[key];
					const text = await input.input({
						title, step: counter(name), value: current === undefined || typeof current === 'object' ? '' : String(current),
						prompt: vscode.l10n.t('Value of {0} for every environment (empty: leave it out; per-environment values can be written in the file)', key),
						validate: (v) => (v.length > 2000 ? vscode.l10n.t('At most 2000 characters.') : undefined),
					});
					if (text === '') {
						delete state.values[key];
					} else {
						state.values[key] = key === 'Port' && /^\d{1,5}$/.test(text) ? Number(text) : text;
					}
				}
		}
		return nextAfter(name);
	};
	const first = order()[0];
	if (first && !(await MultiStepInput.run(stepFor(first)))) {
		return false;
	}
	if (!state.kind || !state.id || !state.target || !state.scope) {
		return false;
	}
	const parameters: Record<string, ParameterInput> = {};
	for (const key of state.pickedKeys ?? []) {
		parameters[key] = isSecret(key) ? { secret: true } : state.values[key] ?? undefined as never;
		if (parameters[key] === undefined) {
			delete parameters[key];
		}
	}
	for (const [key, value] of Object.entries(state.values)) {
		if (!(key in parameters) && (argsMode || (state.pickedKeys ?? []).includes(key))) {
			parameters[key] = value;
		}
	}
	const secretKeys = [...state.secretKeys, ...state.extraKeys.filter((k) => k.secret && state.pickedKeys?.includes(k.key)).map((k) => k.key)];
	const answers: NewConnectionAnswers = {
		kind: state.kind, id: state.id, target: state.target, name: state.name, description: state.description,
		access: state.access, security: state.security, oauthApp: state.oauthApp,
		parameters: Object.keys(parameters).length ? parameters : undefined, secretKeys: secretKeys.length ? secretKeys : undefined,
	};
	const target = scopeTarget();
	const problem = validateAnswers(repo.project.index.model, target, answers);
	if (problem) {
		void vscode.window.showErrorMessage(problem);
		return false;
	}
	const uses = state.addToUses ?? [];
	return applyOrExplain([connectionsPlan(repo, (parsed, fmt) => {
		const results = [addConnection(parsed, target, newConnectionFrom(answers), fmt)];
		for (const compId of uses) {
			const comp = parsed.model.components.find((c) => c.id === compId);
			results.push(comp ? addUse(parsed, comp.index, answers.id, fmt) : gone(compId));
		}
		return combine(results);
	})], vscode.l10n.t('Add connection {0}', answers.id));
}

function splitKeys(text: string): { key: string; secret: boolean }[] {
	return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => ({ key: s.replace(/\*$/, '').trim(), secret: s.endsWith('*') }));
}

function validateOAuthApp(v: string): string | undefined {
	return isValidConnectionId(v)
		? undefined
		: vscode.l10n.t('An OAuth application name follows the connection name rule: 3–50 letters, digits, spaces, "_", "-" or ".".');
}

// ---- Edit, delete, rename, change scope ------------------------------------------

const FIELD_LABELS: Record<EditableField, string> = {
	name: 'Display name', description: 'Description', target: 'Target', access: 'Access mode', security: 'Security scheme', oauthApp: 'OAuth application',
};

function applicableFields(c: ResolvedConnection['connection']): EditableField[] {
	return EDITABLE_FIELDS.filter((f) => {
		if (f === 'access' || f === 'security') {
			return c.kind?.value === 'service';
		}
		if (f === 'oauthApp') {
			return c.security?.scheme?.value === 'oauth2';
		}
		return true;
	});
}

async function editConnectionCommand(model: WorkspaceModel, arg: unknown): Promise<boolean> {
	const args = argsOf<EditConnectionArgs>(arg);
	const resolved = await resolveConnection(model, arg);
	if (!resolved || refuseIfBroken(resolved.repo)) {
		return false;
	}
	const c = resolved.connection;
	let field = args?.field;
	if (!field) {
		const items = applicableFields(c).map((f) => ({ label: vscode.l10n.t(FIELD_LABELS[f]), description: fieldValue(c, f) || vscode.l10n.t('not set'), field: f }));
		field = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Edit {0}', c.id), placeHolder: vscode.l10n.t('Which field?') }))?.field;
		if (!field) {
			return false;
		}
	}
	let value = args?.value;
	if (value === undefined) {
		if (field === 'access' || field === 'security') {
			const access = (c.access?.value as AccessMode | undefined) ?? accessOf(c.target?.value ?? '');
			const choices: string[] = field === 'access' ? [...ACCESS_MODES] : securityChoices(access);
			value = (await vscode.window.showQuickPick(choices.map((v) => ({ label: v, description: v === fieldValue(c, field!) ? vscode.l10n.t('current') : undefined })), {
				title: vscode.l10n.t('Edit {0}: {1}', c.id, vscode.l10n.t(FIELD_LABELS[field])),
				placeHolder: field === 'access' ? vscode.l10n.t('The target\'s last segment changes with it') : vscode.l10n.t('Project access takes "none" only'),
			}))?.label;
		} else {
			value = await vscode.window.showInputBox({
				title: vscode.l10n.t('Edit {0}: {1}', c.id, vscode.l10n.t(FIELD_LABELS[field])),
				value: fieldValue(c, field),
				prompt: field === 'name' || field === 'description' || field === 'oauthApp' ? vscode.l10n.t('Empty removes it') : undefined,
				validateInput: (v) => fieldError(c, field!, v),
			});
		}
		if (value === undefined) {
			return false;
		}
	}
	const { id, scope, componentId } = c;
	const chosen = field;
	const v = value;
	return applyOrExplain([connectionsPlan(resolved.repo, (parsed, fmt) => {
		const current = findConnection(parsed, id, scope, componentId);
		return current ? editField(parsed, current, chosen, v, fmt) : gone(id);
	})], vscode.l10n.t('Edit connection {0}', id));
}

async function deleteConnectionCommand(model: WorkspaceModel, store: SecretStore, arg: unknown): Promise<boolean> {
	const args = argsOf<DeleteConnectionArgs>(arg);
	const resolved = await resolveConnection(model, arg);
	if (!resolved || refuseIfBroken(resolved.repo)) {
		return false;
	}
	const { repo } = resolved;
	const c = resolved.connection;
	const index = repo.project.index;
	const users = c.scope === 'component' ? [] : index.model.components.filter((comp) => comp.uses.some((u) => u.id === c.id));
	if (args?.confirm !== true) {
		if (args?.confirm === false) {
			return false;
		}
		const del = vscode.l10n.t('Delete');
		const answer = await vscode.window.showWarningMessage(
			vscode.l10n.t('Delete the connection "{0}" ({1})?', c.id, c.scope === 'component' ? vscode.l10n.t('component {0}', c.componentId ?? '') : c.scope),
			{
				modal: true,
				detail: users.length
					? vscode.l10n.t('Used by {0}: it is removed from their "uses" too. Its stored secrets are deleted.', users.map((u) => `"${u.id}"`).join(', '))
					: vscode.l10n.t('No component lists it in "uses". Its stored secrets are deleted.'),
			},
			del,
		);
		if (answer !== del) {
			return false;
		}
	}
	const { id, scope, componentId } = c;
	const stillDefined = index.model.allConnections.some((x) => x !== c && x.id === id);
	const ok = await applyOrExplain([connectionsPlan(repo, (parsed, fmt) => {
		const current = findConnection(parsed, id, scope, componentId);
		return current ? deleteConnectionEdit(parsed, current, fmt) : gone(id);
	})], vscode.l10n.t('Delete connection {0}', id));
	if (ok && !stillDefined) {
		// Secrets follow the connection (RELIABILITY S3); only their keys are read, never a value.
		try {
			await store.deleteConnection(repo.folder, id);
		} catch (e) {
			void vscode.window.showErrorMessage(secretStorageFailure(e));
		}
	}
	return ok;
}

async function renameConnectionCommand(model: WorkspaceModel, arg: unknown): Promise<boolean> {
	const args = argsOf<RenameConnectionArgs>(arg);
	const resolved = await resolveConnection(model, arg);
	if (!resolved || refuseIfBroken(resolved.repo)) {
		return false;
	}
	const { repo } = resolved;
	const c = resolved.connection;
	const validate = (v: string) => (v === c.id ? vscode.l10n.t('That is its ID now.') : validateNewId(repo.project.index.model, scopeTargetOf(c), v, c));
	let newId = args?.newId;
	if (newId === undefined) {
		newId = await vscode.window.showInputBox({
			title: vscode.l10n.t('Rename {0}', c.id), value: c.id, prompt: vscode.l10n.t('New connection ID: every reference in connections.json, source and component.yaml changes with it'),
			validateInput: validate,
		});
		if (newId === undefined) {
			return false;
		}
	}
	const problem = validate(newId);
	if (problem) {
		void vscode.window.showErrorMessage(problem);
		return false;
	}
	const { id, scope, componentId } = c;
	const doc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	const text = doc.getText();
	const current = findConnection(repo.project.parsed.text === text ? repo.project.parsed : parseConnectionsText(text), id, scope, componentId);
	if (!current) {
		void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is no longer in connections.json. Nothing was changed.', id));
		return false;
	}
	let edit: vscode.WorkspaceEdit | undefined;
	try {
		edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', doc.uri, doc.positionAt(current.idSpan.offset + 1), newId);
	} catch {
		edit = undefined; // no provider, or it refused: fall back below
	}
	let ok: boolean;
	if (edit && edit.size > 0) {
		ok = await vscode.workspace.applyEdit(edit);
		if (!ok) {
			void vscode.window.showErrorMessage(vscode.l10n.t('The editor refused the change (a file may be read-only). Nothing was changed.'));
		}
	} else {
		const to = newId;
		ok = await applyOrExplain([connectionsPlan(repo, (parsed) => {
			const cur = findConnection(parsed, id, scope, componentId);
			return cur ? renameInConnectionsFile(parsed, buildIndex(parsed.model), cur, to) : gone(id);
		})], vscode.l10n.t('Rename connection {0}', id));
		if (ok) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Renamed "{0}" to "{1}" in connections.json only: no rename provider answered, so source files and component.yaml were not changed.', id, to));
		}
	}
	// Stored secrets follow the rename through secretLifecycle.ts, as for any other rename;
	// in Restricted Mode secret storage is not touched, so say that they stay where they were.
	if (ok && !vscode.workspace.isTrusted) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Stored secrets of "{0}" were not moved to "{1}": secret storage is not read in Restricted Mode. Trust the workspace and store them again.', id, newId));
	}
	return ok;
}

function parseTo(repo: Repository, to: ChangeScopeArgs['to']): ScopeTarget | undefined {
	if (to === undefined) {
		return undefined;
	}
	const spec = typeof to === 'string'
		? to.startsWith('component:') ? { scope: 'component' as Scope, component: to.slice(10) } : { scope: to as Scope }
		: to;
	if (spec.scope === 'component') {
		const comp = repo.project.index.componentsById.get(spec.component ?? '');
		return comp ? { scope: 'component', componentIndex: comp.index } : undefined;
	}
	return spec.scope === 'organization' || spec.scope === 'project' ? { scope: spec.scope } : undefined;
}

async function changeScopeCommand(model: WorkspaceModel, arg: unknown): Promise<boolean> {
	const args = argsOf<ChangeScopeArgs>(arg);
	const resolved = await resolveConnection(model, arg);
	if (!resolved || refuseIfBroken(resolved.repo)) {
		return false;
	}
	const { repo } = resolved;
	const c = resolved.connection;
	let to = parseTo(repo, args?.to);
	if (args?.to !== undefined && !to) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Unknown scope "{0}": use organization, project or component:<id>.', JSON.stringify(args.to)));
		return false;
	}
	if (!to) {
		const items = moveTargets(repo.project.index.model, c).map((t) => {
			const losers = losersOfMove(repo.project, c, t.target);
			return {
				label: targetWords(repo, t.target),
				description: t.demote ? vscode.l10n.t('narrower') : vscode.l10n.t('wider'),
				detail: losers.length ? vscode.l10n.t('{0} would lose it', losers.map((l) => l.id).join(', ')) : undefined,
				target: t.target,
			};
		});
		to = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Change the scope of {0} (now {1})', c.id, c.scope), placeHolder: vscode.l10n.t('Move it to...') }))?.target;
		if (!to) {
			return false;
		}
	}
	return moveConnectionTo(resolved, to, args?.confirm);
}

// ---- Copy, reveal, references ----------------------------------------------------

async function copyIdCommand(model: WorkspaceModel, arg: unknown): Promise<string | undefined> {
	const resolved = await resolveConnection(model, arg);
	if (!resolved) {
		return undefined;
	}
	await vscode.env.clipboard.writeText(resolved.connection.id);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied "{0}"', resolved.connection.id), 3000);
	return resolved.connection.id;
}

async function copyVariableNamesCommand(model: WorkspaceModel, arg: unknown): Promise<string | undefined> {
	const resolved = await resolveConnection(model, arg);
	if (!resolved) {
		return undefined;
	}
	const c = resolved.connection;
	const env = resolved.component?.env ?? [];
	const names = keysOf(c).map((key) => env.find((e) => e.connection?.value === c.id && e.key?.value === key)?.variable ?? variableName(c.id, key));
	const text = names.join('\n');
	await vscode.env.clipboard.writeText(text);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} variable names of "{1}"', names.length, c.id), 3000);
	return text;
}

async function revealCommand(model: WorkspaceModel, arg: unknown): Promise<boolean> {
	const resolved = await resolveConnection(model, arg);
	if (!resolved) {
		return false;
	}
	const { repo, connection: c } = resolved;
	const doc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	// Select the ID without its quotes.
	const inner = c.hasId ? { offset: c.idSpan.offset + 1, length: Math.max(0, c.idSpan.length - 2) } : c.idSpan;
	const selection = new vscode.Range(doc.positionAt(inner.offset), doc.positionAt(inner.offset + inner.length));
	await vscode.window.showTextDocument(doc, { selection, preserveFocus: isTreeElement(arg), preview: true });
	return true;
}

async function showReferencesCommand(model: WorkspaceModel, arg: unknown): Promise<vscode.Location[]> {
	const resolved = await resolveConnection(model, arg);
	if (!resolved) {
		return [];
	}
	const { repo, connection: c } = resolved;
	const locations = repo.project.referencesTo(c.id).map((r) => new vscode.Location(repo.uriOf(r.file), repo.rangeOf(r.file, r.offset, r.length)));
	const doc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	const at = doc.positionAt(c.idSpan.offset + 1);
	await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: true });
	await vscode.commands.executeCommand('editor.action.showReferences', doc.uri, at, locations);
	return locations;
}

// ---- Workspace-level -------------------------------------------------------------

async function validateWorkspaceCommand(model: WorkspaceModel): Promise<FindingSummary> {
	const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating connections...') }, async () => {
		await model.refresh();
		const lists = model.repositories()
			.filter((r) => vscode.workspace.getConfiguration('connections', r.folder).get<boolean>('validation.enabled', true))
			.flatMap((r) => [...r.project.analyze().values()]);
		return summarizeFindings(lists);
	});
	const open = vscode.l10n.t('Open Problems');
	const text = vscode.l10n.t('{0} errors, {1} warnings in {2} files', summary.errors, summary.warnings, summary.files);
	const shown = summary.errors ? vscode.window.showErrorMessage(text, open) : summary.warnings ? vscode.window.showWarningMessage(text, open) : vscode.window.showInformationMessage(text, open);
	void shown.then((a) => (a === open ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
	return summary;
}

async function openFileCommand(model: WorkspaceModel, arg: unknown): Promise<vscode.TextEditor | undefined> {
	const args = argsOf<{ repository?: vscode.Uri | string }>(arg);
	const repo = await repositoryForCommand(model, arg, args?.repository);
	if (!repo) {
		return undefined;
	}
	try {
		return await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(repo.connectionsUri));
	} catch (e) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}', vscode.workspace.asRelativePath(repo.connectionsUri, true), e instanceof Error ? e.message.split('\n')[0] : String(e)));
		return undefined;
	}
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

async function createFileCommand(model: WorkspaceModel, arg: unknown): Promise<vscode.Uri | undefined> {
	const args = argsOf<{ folder?: vscode.Uri | string }>(arg);
	let folder: vscode.Uri | undefined;
	if (args?.folder !== undefined) {
		folder = typeof args.folder === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(args.folder) ? vscode.Uri.parse(args.folder) : vscode.Uri.file(args.folder)) : args.folder;
	} else if (arg instanceof vscode.Uri) {
		folder = arg; // from the explorer's context menu
	} else {
		const candidates: vscode.WorkspaceFolder[] = [];
		for (const f of vscode.workspace.workspaceFolders ?? []) {
			if (!(await exists(vscode.Uri.joinPath(f.uri, CONNECTIONS_FILE)))) {
				candidates.push(f);
			}
		}
		if (!candidates.length) {
			void vscode.window.showInformationMessage(vscode.workspace.workspaceFolders?.length
				? vscode.l10n.t('Every workspace folder already has a connections.json.')
				: vscode.l10n.t('Open a folder first: connections.json belongs at a repository\'s root.'));
			return undefined;
		}
		folder = candidates.length === 1
			? candidates[0].uri
			: (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Create connections.json in which folder?') }))?.uri;
		if (!folder) {
			return undefined;
		}
	}
	const uri = vscode.Uri.joinPath(folder, CONNECTIONS_FILE);
	if (await exists(uri)) {
		// Never overwrite: open what is there.
		void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists; it was opened, not changed.', vscode.workspace.asRelativePath(uri, true)));
	} else {
		const name = folder.path.split('/').filter(Boolean).pop() ?? 'project';
		try {
			await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(starterFile(name)));
		} catch (e) {
			void vscode.window.showErrorMessage(vscode.l10n.t('Cannot create {0}: {1}', vscode.workspace.asRelativePath(uri, true), e instanceof Error ? e.message.split('\n')[0] : String(e)));
			return undefined;
		}
	}
	await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
	void model; // the model finds the new file through its watcher
	return uri;
}

export function registerConnectionCommands(model: WorkspaceModel, context: vscode.ExtensionContext): vscode.Disposable {
	const store = new SecretStore(context.secrets);
	provideSecretStore(store);
	const guard = <T>(run: (arg: unknown) => Promise<T>) => async (arg: unknown): Promise<T | undefined> => {
		try {
			return await run(arg);
		} catch (e) {
			console.error('[connections] command failed', e);
			void vscode.window.showErrorMessage(vscode.l10n.t('The command failed: {0}', e instanceof Error ? e.message.split('\n')[0] : String(e)));
			return undefined;
		}
	};
	const r = (id: string, run: (arg: unknown) => Promise<unknown>) => vscode.commands.registerCommand(id, guard(run));
	return vscode.Disposable.from(
		r(CommandId.AddConnection, (a) => addConnectionCommand(model, a)),
		r(CommandId.EditConnection, (a) => editConnectionCommand(model, a)),
		r(CommandId.DeleteConnection, (a) => deleteConnectionCommand(model, store, a)),
		r(CommandId.RenameConnection, (a) => renameConnectionCommand(model, a)),
		r(CommandId.ChangeScope, (a) => changeScopeCommand(model, a)),
		r(CommandId.CopyId, (a) => copyIdCommand(model, a)),
		r(CommandId.CopyVariableNames, (a) => copyVariableNamesCommand(model, a)),
		r(CommandId.RevealInFile, (a) => revealCommand(model, a)),
		r(CommandId.ShowReferences, (a) => showReferencesCommand(model, a)),
		r(CommandId.ValidateWorkspace, () => validateWorkspaceCommand(model)),
		r(CommandId.OpenFile, (a) => openFileCommand(model, a)),
		r(CommandId.CreateFile, (a) => createFileCommand(model, a)),
		r(CommandId.Refresh, () => model.refresh()),
		{ dispose: () => provideSecretStore(undefined) },
	);
}
