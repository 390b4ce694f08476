// Every change the extension makes to a user file goes through here: computed from the
// document's current text, applied as one WorkspaceEdit (one undo step), serialized, and
// re-computed when the user typed in between (docs/reliability.md E2, E4, E5).
import * as vscode from 'vscode';
import type { EditResult } from '../core/edits/edits';
import { indentationOf, type FormattingOptions } from '../core/text/indentation';
import type { TextEdit } from '../core/text/textEdit';
import { refusalText } from './convert';

/** Formatting of a document as the editor has it (indentation from the editor, EOL from the document). */
export function formattingOf(doc: vscode.TextDocument): FormattingOptions {
	const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
	const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
	if (editor && typeof editor.options.insertSpaces === 'boolean' && typeof editor.options.tabSize === 'number') {
		return { insertSpaces: editor.options.insertSpaces, tabSize: editor.options.tabSize, eol };
	}
	// Not shown in an editor: follow the text itself.
	return { ...indentationOf(doc.getText()), eol };
}

function toRange(doc: vscode.TextDocument, e: TextEdit): vscode.Range {
	return new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length));
}

/** One file's edits, computed from its current text. */
export interface FileEditPlan {
	readonly uri: vscode.Uri;
	/** A new file: created with the text `compute('')` gives, refused when the file exists by then. */
	readonly create?: boolean;
	readonly compute: (text: string, fmt: FormattingOptions) => EditResult;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

/**
 * The one queue every change to a user file goes through: tasks run one after another, so
 * that two edits fired together (by any features) both land, in order.
 */
export class EditQueue {
	private tail: Promise<unknown> = Promise.resolve();

	/** Runs a task after every task queued before it. */
	serialize<T>(task: () => Promise<T>): Promise<T> {
		const next = this.tail.then(task, task);
		this.tail = next.catch(() => undefined);
		return next;
	}

	/**
	 * Applies edits to one or more files as a single WorkspaceEdit (one undo step).
	 * Each file's edits are computed from its text at the moment of applying; if a document
	 * changed between compute and apply, everything is computed again once, then refused.
	 * Returns undefined on success, or the message shown to the user.
	 */
	applyPlans(plans: readonly FileEditPlan[], label?: string): Promise<string | undefined> {
		return this.serialize(() => applyNow(plans, label));
	}

	/** applyPlans, showing the refusal as an error message; resolves true when the edit landed. */
	async applyOrExplain(plans: readonly FileEditPlan[], label?: string): Promise<boolean> {
		const error = await this.applyPlans(plans, label);
		if (error) {
			void vscode.window.showErrorMessage(error);
			return false;
		}
		return true;
	}
}

async function applyNow(plans: readonly FileEditPlan[], label: string | undefined): Promise<string | undefined> {
	const created = plans.filter((p) => p.create);
	for (const p of created) {
		if (await exists(p.uri)) {
			return vscode.l10n.t('{0} already exists. Nothing was changed.', vscode.workspace.asRelativePath(p.uri, true));
		}
	}
	const existing = plans.filter((p) => !p.create);
	for (let attempt = 0; attempt < 2; attempt++) {
		const docs = await Promise.all(existing.map((p) => vscode.workspace.openTextDocument(p.uri)));
		const versions = docs.map((d) => d.version);
		const edit = new vscode.WorkspaceEdit();
		const metadata = label ? { label, needsConfirmation: false } : undefined;
		for (const p of created) {
			const result = p.compute('', { insertSpaces: true, tabSize: 2, eol: '\n' });
			if (!result.ok) {
				return refusalText(result);
			}
			const text = result.edits.map((e) => e.newText).join('');
			edit.createFile(p.uri, { contents: new TextEncoder().encode(text) }, metadata);
		}
		for (let i = 0; i < existing.length; i++) {
			const result = existing[i].compute(docs[i].getText(), formattingOf(docs[i]));
			if (!result.ok) {
				return refusalText(result);
			}
			for (const e of result.edits) {
				if (metadata) {
					edit.replace(docs[i].uri, toRange(docs[i], e), e.newText, metadata);
				} else {
					edit.replace(docs[i].uri, toRange(docs[i], e), e.newText);
				}
			}
		}
		if (docs.some((d, i) => d.version !== versions[i])) {
			continue; // typed in between: compute again against the new text
		}
		if (await vscode.workspace.applyEdit(edit)) {
			// A created file is shown, so the user sees what was written (and can undo it there).
			for (const p of created) {
				await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(p.uri), { preview: false });
			}
			return undefined;
		}
		return vscode.l10n.t('The editor refused the change (the file may be read-only). Nothing was changed.');
	}
	return vscode.l10n.t('The file kept changing while the edit was prepared. Nothing was changed; try again.');
}
