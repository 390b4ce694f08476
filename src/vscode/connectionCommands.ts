// The commands on one connection, from the palette and the tree: edit, delete, rename, change
// scope, copy ID / variable names, reveal, show references; and registerConnectionCommands,
// which registers these, Add Connection (addConnectionCommand.ts) and the file commands
// (fileCommands.ts). Every prompt can be answered in advance by an argument object, so other
// code and tests drive them without UI.
import * as vscode from 'vscode';
import { deleteConnection as deleteConnectionEdit, findConnection, type ScopeTarget } from '../core/edits/connectionEdits';
import { deleteFromComponentYamls } from '../core/edits/componentYamlFixes';
import {
	editField, EDITABLE_FIELDS, fieldError, fieldValue, moveTargets, securityChoices,
	validateNewId as newIdProblem, accessOf, losersOfMove, type EditableField,
} from '../core/views/connectionForm';
import { ACCESS_MODES, type AccessMode, type Scope } from '../core/model/model';
import { variableName } from '../core/model/naming';
import { keysOf } from '../core/model/scope';
import { addConnectionCommand } from './addConnectionCommand';
import { CommandId } from './commandIds';
import {
	argsOf, connectionsPlan, gone, moveConnectionTo, refuseIfBroken, resolveConnection, scopeTargetOf, targetWords,
	type ConnectionSelector, type ResolvedConnection,
} from './connectionActions';
import { localize } from './convert';
import { connectionRenameEdit } from './idRename';
import { createFileCommand, openFileCommand, validateWorkspaceCommand } from './fileCommands';
import { secretStorageFailure } from './secretStore';
import type { Services } from './services';
import { isTreeElement } from './treeElement';
import type { Repository, WorkspaceModel } from './workspaceModel';

export type { AddConnectionArgs } from './addConnectionCommand';

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

// ---- Edit, delete, rename, change scope ------------------------------------------

function fieldLabel(field: EditableField): string {
	switch (field) {
		case 'name': return vscode.l10n.t('Display name');
		case 'description': return vscode.l10n.t('Description');
		case 'target': return vscode.l10n.t('Target');
		case 'access': return vscode.l10n.t('Access mode');
		case 'security': return vscode.l10n.t('Security scheme');
		case 'oauthApp': return vscode.l10n.t('OAuth application');
	}
}

/** validateNewId, localised: what the rename prompt shows. */
function validateNewId(...args: Parameters<typeof newIdProblem>): string | undefined {
	return localize(newIdProblem(...args));
}

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

async function editConnectionCommand({ model, edits }: Services, arg: unknown): Promise<boolean> {
	const args = argsOf<EditConnectionArgs>(arg);
	const resolved = await resolveConnection(model, arg);
	if (!resolved || refuseIfBroken(resolved.repo)) {
		return false;
	}
	const c = resolved.connection;
	let field = args?.field;
	if (!field) {
		const items = applicableFields(c).map((f) => ({ label: fieldLabel(f), description: fieldValue(c, f) || vscode.l10n.t('not set'), field: f }));
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
				title: vscode.l10n.t('Edit {0}: {1}', c.id, fieldLabel(field)),
				placeHolder: field === 'access' ? vscode.l10n.t('The target\'s last segment changes with it') : vscode.l10n.t('Project access takes "none" only'),
			}))?.label;
		} else {
			value = await vscode.window.showInputBox({
				title: vscode.l10n.t('Edit {0}: {1}', c.id, fieldLabel(field)),
				value: fieldValue(c, field),
				prompt: field === 'name' || field === 'description' || field === 'oauthApp' ? vscode.l10n.t('Empty removes it') : undefined,
				validateInput: (v) => localize(fieldError(c, field!, v)),
			});
		}
		if (value === undefined) {
			return false;
		}
	}
	const { id, scope, componentId } = c;
	const chosen = field;
	const v = value;
	return edits.applyOrExplain([connectionsPlan(resolved.repo, (parsed, fmt) => {
		const current = findConnection(parsed, id, scope, componentId);
		return current ? editField(parsed, current, chosen, v, fmt) : gone(id);
	})], vscode.l10n.t('Edit connection {0}', id));
}

async function deleteConnectionCommand({ model, edits, secrets: store }: Services, arg: unknown): Promise<boolean> {
	const args = argsOf<DeleteConnectionArgs>(arg);
	const resolved = await resolveConnection(model, arg);
	if (!resolved || refuseIfBroken(resolved.repo)) {
		return false;
	}
	const { repo } = resolved;
	const c = resolved.connection;
	const index = repo.project.index;
	const users = c.scope === 'component' ? [] : index.model.components.filter((comp) => comp.uses.some((u) => u.id === c.id));
	const stillDefined = index.model.allConnections.some((x) => x !== c && x.id === c.id);
	// The platform's files name it too: their references and renames go with it (not when another connection keeps the ID).
	const yamlEdits = stillDefined ? [] : deleteFromComponentYamls(repo.project, c.id);
	if (args?.confirm !== true) {
		if (args?.confirm === false) {
			return false;
		}
		const del = vscode.l10n.t('Delete');
		const answer = await vscode.window.showWarningMessage(
			vscode.l10n.t('Delete the connection "{0}" ({1})?', c.id, c.scope === 'component' ? vscode.l10n.t('component {0}', c.componentId ?? '') : c.scope),
			{
				modal: true,
				detail: [
					users.length
						? vscode.l10n.t('Used by {0}: it is removed from their "uses" too. Its stored secrets are deleted.', users.map((u) => `"${u.id}"`).join(', '))
						: vscode.l10n.t('No component lists it in "uses". Its stored secrets are deleted.'),
					...(yamlEdits.length ? [vscode.l10n.t('Its references in {0} are removed too.', yamlEdits.map((e) => e.file).join(', '))] : []),
				].join(' '),
			},
			del,
		);
		if (answer !== del) {
			return false;
		}
	}
	const { id, scope, componentId } = c;
	const ok = await edits.applyOrExplain([connectionsPlan(repo, (parsed, fmt) => {
		const current = findConnection(parsed, id, scope, componentId);
		return current ? deleteConnectionEdit(parsed, current, fmt) : gone(id);
	}), ...yamlEdits.map((e) => ({ uri: repo.uriOf(e.file), compute: e.compute }))], vscode.l10n.t('Delete connection {0}', id));
	if (ok && !stillDefined) {
		// Secrets follow the connection (docs/reliability.md S3); only their keys are read, never a value.
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
	// The planner and the edit of F2 (idRename.ts), on connections.json as it is open in the editor.
	await vscode.workspace.openTextDocument(repo.connectionsUri);
	let edit: vscode.WorkspaceEdit | undefined;
	try {
		edit = await connectionRenameEdit(model, repo, (parsed) => findConnection(parsed, id, scope, componentId), newId);
	} catch (e) {
		void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
		return false;
	}
	if (!edit) {
		void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is no longer in connections.json. Nothing was changed.', id));
		return false;
	}
	const ok = await vscode.workspace.applyEdit(edit);
	if (!ok) {
		void vscode.window.showErrorMessage(vscode.l10n.t('The editor refused the change (a file may be read-only). Nothing was changed.'));
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

async function changeScopeCommand({ model, edits }: Services, arg: unknown): Promise<boolean> {
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
	return moveConnectionTo(edits, resolved, to, args?.confirm);
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

export function registerConnectionCommands(services: Services): vscode.Disposable {
	const { model } = services;
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
		r(CommandId.AddConnection, (a) => addConnectionCommand(services, a)),
		r(CommandId.EditConnection, (a) => editConnectionCommand(services, a)),
		r(CommandId.DeleteConnection, (a) => deleteConnectionCommand(services, a)),
		r(CommandId.RenameConnection, (a) => renameConnectionCommand(model, a)),
		r(CommandId.ChangeScope, (a) => changeScopeCommand(services, a)),
		r(CommandId.CopyId, (a) => copyIdCommand(model, a)),
		r(CommandId.CopyVariableNames, (a) => copyVariableNamesCommand(model, a)),
		r(CommandId.RevealInFile, (a) => revealCommand(model, a)),
		r(CommandId.ShowReferences, (a) => showReferencesCommand(model, a)),
		r(CommandId.ValidateWorkspace, () => validateWorkspaceCommand(model)),
		r(CommandId.OpenFile, (a) => openFileCommand(model, a)),
		r(CommandId.CreateFile, (a) => createFileCommand(model, a)),
		r(CommandId.Refresh, () => model.refresh()),
	);
}
