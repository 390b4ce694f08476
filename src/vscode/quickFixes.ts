// Quick fixes for the findings in connections.json, component source and component.yaml, the
// "Fix All" command and the `source.fixAll.connections` code action. The fixes come from the
// core (src/core/edits/fixes.ts), for the finding each diagnostic carries (DiagnosticFindings);
// they are applied through the one edit queue (Services.edits), which computes each edit from the document's text then.
import * as vscode from 'vscode';
import { fixAllPlan, fixesFor, sameSecretValues, type Fix, type FixAllLeft, type FixAllPlan } from '../core/edits/fixes';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { REFUSAL_MESSAGES } from '../core/edits/edits';
import type { EditQueue } from './applyEdits';
import type { Services } from './services';
import { CommandId } from './commandIds';
import type { DiagnosticFindings } from './diagnosticsFeature';
import { Disposable } from './dispose';
import { SecretStore, secretStorageFailure, type SecretAddress } from './secretStore';
import type { Repository, WorkspaceModel } from './workspaceModel';

/** Internal: applies a fix handed out by the provider (not in the palette, not in package.json). */
const APPLY_FIX_COMMAND = 'connections.applyQuickFix';
/** Test runs only: reads a stored secret back, so a test can check that "move to secret storage" stored it. */
export const READ_SECRET_TEST_COMMAND = 'connections.test.readSecret';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('connections');

/** Fixes handed out in code actions, by handle: the command carries only the handle (a number). */
class FixRegistry {
	private readonly fixes = new Map<number, { repo: Repository; fix: Fix; from: string }>();
	private next = 1;

	/** `from`: the repository file whose light bulb offered the fix. */
	add(repo: Repository, fix: Fix, from: string): number {
		const handle = this.next++;
		this.fixes.set(handle, { repo, fix, from });
		// Keep the most recent ones only: a light bulb's actions are asked for again on every move.
		if (this.fixes.size > 2000) {
			this.fixes.delete(this.fixes.keys().next().value!);
		}
		return handle;
	}

	get(handle: unknown): { repo: Repository; fix: Fix; from: string } | undefined {
		return typeof handle === 'number' ? this.fixes.get(handle) : undefined;
	}
}

const title = (fix: Fix) => vscode.l10n.t(fix.titleTemplate, fix.titleArgs);

let loggedFailure = false;

/** Logs a provider failure once (no file content, no values): providers never throw (docs/reliability.md R1). */
function logOnce(e: unknown): void {
	if (!loggedFailure) {
		loggedFailure = true;
		console.error('[connections] quick fixes failed:', e instanceof Error ? e.message.split('\n')[0] : 'unknown error');
	}
}

class QuickFixProvider implements vscode.CodeActionProvider {
	constructor(private readonly model: WorkspaceModel, private readonly registry: FixRegistry, private readonly findings: DiagnosticFindings) {}

	provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
		try {
			return this.actions(document, context);
		} catch (e) {
			logOnce(e);
			return [];
		}
	}

	private actions(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
		const repo = this.model.repositoryFor(document.uri);
		const rel = repo?.relativePath(document.uri);
		if (!repo || rel === undefined) {
			return [];
		}
		const parsed = repo.project.parsed;
		// No edit of any kind while connections.json may not be edited (docs/reliability.md E3); and none from
		// an analysis of an older text than the buffer's (the diagnostics will follow shortly).
		if (parsed.editRefusal || (rel === CONNECTIONS_FILE && parsed.text !== document.getText())) {
			return [];
		}
		const out: vscode.CodeAction[] = [];
		const only = context.only;
		if (!only || vscode.CodeActionKind.QuickFix.intersects(only)) {
			out.push(...this.quickFixes(repo, rel, context.diagnostics));
		}
		if (rel === CONNECTIONS_FILE && only && FIX_ALL_KIND.intersects(only)) {
			const plan = fixAllPlan(repo.project);
			if (plan.count) {
				const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable problems in connections.json'), FIX_ALL_KIND);
				action.command = { command: CommandId.FixAll, title: action.title, arguments: [document.uri] };
				out.push(action);
			}
		}
		return out;
	}

	private quickFixes(repo: Repository, rel: string, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
		const trusted = vscode.workspace.isTrusted;
		const out: vscode.CodeAction[] = [];
		for (const d of diagnostics) {
			const p = this.findings.findingOf(d);
			if (!p) {
				continue; // not ours
			}
			for (const fix of fixesFor(repo.project, rel, p)) {
				if (fix.secret && !trusted) {
					continue; // secret storage stays off in Restricted Mode
				}
				const action = new vscode.CodeAction(title(fix), vscode.CodeActionKind.QuickFix);
				action.diagnostics = [d];
				action.isPreferred = fix.isPreferred;
				action.command = { command: APPLY_FIX_COMMAND, title: action.title, arguments: [this.registry.add(repo, fix, rel)] };
				out.push(action);
			}
		}
		return out;
	}
}

/** Stores the literal value(s) first; only when that worked, replaces them with `{ "secret": true }` (docs/reliability.md S5, S6). */
async function moveToSecretStorage(store: SecretStore, edits: EditQueue, repo: Repository, fix: Fix): Promise<boolean> {
	const secret = fix.secret!;
	if (!vscode.workspace.isTrusted) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Secret storage is off in Restricted Mode: trust the workspace to move secrets. Nothing was changed.'));
		return false;
	}
	const doc = await vscode.workspace.openTextDocument(repo.connectionsUri);
	const values = secret.valuesIn(doc.getText());
	if (!values?.length) {
		void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" of "{1}" no longer holds a plain value. Nothing was changed.', secret.key, secret.connectionId));
		return false;
	}
	const stored: SecretAddress[] = [];
	try {
		for (const v of values) {
			const address = { repository: repo.folder, connectionId: secret.connectionId, key: secret.key, environment: v.environment };
			await store.store(address, v.value);
			stored.push(address);
		}
	} catch (e) {
		// All or nothing: take back what this attempt stored (best effort; storage is failing).
		for (const address of stored) {
			await store.delete(address).catch(() => undefined);
		}
		void vscode.window.showErrorMessage(secretStorageFailure(e));
		return false;
	}
	// If the text changed while storing, the guarded edit refuses: nothing else is written.
	const now = secret.valuesIn(doc.getText());
	if (!now || !sameSecretValues(now, values)) {
		void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" of "{1}" changed while it was being stored. connections.json was not changed; run the fix again.', secret.key, secret.connectionId));
		return false;
	}
	const edit = secret.replaceIf(values);
	return edits.applyOrExplain([{ uri: repo.uriOf(edit.file), compute: edit.compute }], title(fix));
}

class QuickFixes extends Disposable {
	private readonly registry = new FixRegistry();
	private readonly model: WorkspaceModel;
	private readonly store: SecretStore;
	private readonly edits: EditQueue;
	private providerRegistration: vscode.Disposable | undefined;

	constructor(services: Services, context: vscode.ExtensionContext, private readonly findings: DiagnosticFindings) {
		super();
		({ model: this.model, secrets: this.store, edits: this.edits } = services);
		this.registerProvider();
		this._register({ dispose: () => this.providerRegistration?.dispose() });
		this._register(vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('connections.languages')) {
				this.registerProvider();
			}
		}));
		this._register(vscode.commands.registerCommand(APPLY_FIX_COMMAND, (handle: unknown) => this.apply(handle)));
		this._register(vscode.commands.registerCommand(CommandId.FixAll, (arg: unknown) => this.fixAll(arg)));
		if (context.extensionMode === vscode.ExtensionMode.Test) {
			this._register(vscode.commands.registerCommand(READ_SECRET_TEST_COMMAND, (repository: string, connectionId: string, key: string, environment?: string) =>
				this.store.get({ repository: vscode.Uri.parse(repository), connectionId, key, environment })));
		}
	}

	private registerProvider(): void {
		this.providerRegistration?.dispose();
		const languages = vscode.workspace.getConfiguration('connections').get<string[]>('languages', []);
		const selector: vscode.DocumentFilter[] = [
			{ pattern: `**/${CONNECTIONS_FILE}` },
			{ pattern: '**/.choreo/component.yaml' },
			...languages.map((language) => ({ language })),
		];
		this.providerRegistration = vscode.languages.registerCodeActionsProvider(selector, new QuickFixProvider(this.model, this.registry, this.findings), {
			providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
		});
	}

	private async apply(handle: unknown): Promise<boolean> {
		const entry = this.registry.get(handle);
		if (!entry) {
			void vscode.window.showErrorMessage(vscode.l10n.t('This quick fix is out of date. Open the light bulb again. Nothing was changed.'));
			return false;
		}
		const { repo, fix, from } = entry;
		if (fix.secret) {
			return moveToSecretStorage(this.store, this.edits, repo, fix);
		}
		const applied = await this.edits.applyOrExplain(fix.edits.map((e) => ({ uri: repo.uriOf(e.file), create: e.create, compute: e.compute })), title(fix));
		// A fix offered in one file that changed others (a source file's fix editing connections.json) says so.
		const elsewhere = [...new Set(fix.edits.map((e) => e.file))].filter((f) => f !== from);
		if (applied && elsewhere.length) {
			const open = vscode.l10n.t('Open');
			const names = elsewhere.map((f) => vscode.workspace.asRelativePath(repo.uriOf(f), true)).join(', ');
			void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" changed {1}.', title(fix), names), open).then(async (b) => {
				if (b === open) {
					await vscode.window.showTextDocument(repo.uriOf(elsewhere[0]), { preview: true });
				}
			});
		}
		return applied;
	}

	private async fixAll(arg: unknown): Promise<boolean> {
		const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
		let repo = uri && this.model.repositoryFor(uri);
		if (!repo) {
			const repos = this.model.repositories();
			repo = repos.length === 1 ? repos[0] : (await vscode.window.showQuickPick(
				repos.map((r) => ({ label: vscode.workspace.asRelativePath(r.connectionsUri, true), repo: r })),
				{ placeHolder: vscode.l10n.t('Fix all problems in which connections.json?') }))?.repo;
		}
		if (!repo) {
			return false;
		}
		const refusal = repo.project.parsed.editRefusal;
		if (refusal) {
			void vscode.window.showErrorMessage(vscode.l10n.t(REFUSAL_MESSAGES[refusal]));
			return false;
		}
		// The plan's fixes find their targets again in the text of the moment they are applied.
		const plan = fixAllPlan(repo.project);
		if (!plan.count) {
			void vscode.window.showInformationMessage(vscode.l10n.t('No problem in this connections.json has an automatic fix.'));
			return false;
		}
		const applied = await this.edits.applyOrExplain([{ uri: repo.connectionsUri, compute: plan.edits.compute }], vscode.l10n.t('Fix all problems in connections.json'));
		if (applied) {
			void vscode.window.showInformationMessage(fixAllReport(plan));
		}
		return applied;
	}
}

/** What Fix All did and what it left, and why: "Fixed 3 problems: …. Left 2: 1 moves a secret (…), 1 has no automatic fix." */
export function fixAllReport(plan: FixAllPlan): string {
	const done = plan.applied.map(title);
	const head = done.length === 1 ? vscode.l10n.t('Fixed 1 problem: {0}.', done[0]) : vscode.l10n.t('Fixed {0} problems: {1}.', done.length, done.join('; '));
	if (!plan.left.length) {
		return head;
	}
	const n = (why: FixAllLeft) => plan.left.filter((l) => l.why === why).length;
	const reasons = [
		n('secret') && (n('secret') === 1 ? vscode.l10n.t('1 would move a secret to secret storage (run it from the light bulb)') : vscode.l10n.t('{0} would move secrets to secret storage (run them from the light bulb)', n('secret'))),
		n('no-preferred-fix') && (n('no-preferred-fix') === 1 ? vscode.l10n.t('1 needs a choice between fixes') : vscode.l10n.t('{0} need a choice between fixes', n('no-preferred-fix'))),
		n('other-file') && (n('other-file') === 1 ? vscode.l10n.t('1 would change another file') : vscode.l10n.t('{0} would change other files', n('other-file'))),
		n('no-fix') && (n('no-fix') === 1 ? vscode.l10n.t('1 has no automatic fix') : vscode.l10n.t('{0} have no automatic fix', n('no-fix'))),
	].filter((x): x is string => !!x);
	return `${head} ${vscode.l10n.t('Left {0}: {1}.', plan.left.length, reasons.join(', '))}`;
}

/** Quick fixes, Fix All and the `source.fixAll.connections` action; one Disposable for all of it. */
export function registerQuickFixes(services: Services, context: vscode.ExtensionContext, findings: DiagnosticFindings): vscode.Disposable {
	return new QuickFixes(services, context, findings);
}
