// "Insert connection reference", planned from the two texts as they are when the edit is made:
// connections.json (the component must still see the connection; a `uses` entry is added when
// it lacks one) and the source file (the snippet and its imports). The editor layer asks the
// questions, turns the offset it gets into a position, and applies both edits as one step.
import type { InjectedRename } from '../model/model';
import { addUse } from './connectionEdits';
import type { EditRefusal } from './edits';
import type { FormattingOptions } from '../text/indentation';
import type { TextEdit } from '../text/textEdit';
import { parseConnectionsText } from '../json/parse';
import { buildIndex, visibleConnections } from '../model/scope';
import { insertReferenceEdits } from '../source/insertion';
import { snippetFormat, snippetSpec, type SnippetLanguage } from '../source/snippets/spec';

/** What the user chose. */
export interface InsertReferenceChoice {
	readonly componentId: string;
	readonly connectionId: string;
	readonly tokenFetch: boolean;
	readonly language: SnippetLanguage;
	/** Insert at the line holding this offset of the source text; the default place when absent. */
	readonly at?: number;
	/** The renames the platform applies in the component (ConnectionsProject.injectedRenames); connections.json's `env` when absent. */
	readonly renames?: readonly InjectedRename[];
}

/** A file's text and its formatting. */
export interface PlanText {
	readonly text: string;
	readonly format: FormattingOptions;
}

export type InsertReferencePlan =
	| {
		readonly ok: true;
		readonly sourceEdits: readonly TextEdit[];
		readonly connectionsEdits: readonly TextEdit[];
		/** Where the inserted text (the snippet with any import merged in) starts once the edits are applied. */
		readonly insertedAt: number;
	}
	/** `not-visible`: the component or the connection it should see is gone from connections.json. */
	| { readonly ok: false; readonly reason: EditRefusal | 'not-visible' };

/** Why connections.json cannot take the command before anything is asked: syntax errors or no content. */
export function insertReferenceRefusal(connectionsText: string): 'syntax-errors' | undefined {
	const parsed = parseConnectionsText(connectionsText);
	return parsed.editRefusal;
}

/** The edits of both files for the choice, or why they cannot be made. */
export function planInsertReference(connections: PlanText, source: PlanText, choice: InsertReferenceChoice): InsertReferencePlan {
	const parsed = parseConnectionsText(connections.text);
	if (parsed.editRefusal) {
		return { ok: false, reason: parsed.editRefusal };
	}
	const component = parsed.model.components.find((x) => x.hasId && x.id === choice.componentId);
	const connection = component && visibleConnections(buildIndex(parsed.model), component).get(choice.connectionId);
	if (!component || !connection) {
		return { ok: false, reason: 'not-visible' };
	}
	const uses = connection.scope === 'component' ? { ok: true as const, edits: [] } : addUse(parsed, component.index, choice.connectionId, connections.format);
	if (!uses.ok) {
		return { ok: false, reason: uses.reason };
	}
	const r = insertReferenceEdits(source.text, choice.language, snippetSpec(connection, component, choice.tokenFetch, choice.renames), { format: snippetFormat(source.format), at: choice.at });
	const delta = r.edits.filter((e) => e.offset < r.offset).reduce((n, e) => n + e.newText.length - e.length, 0);
	return { ok: true, sourceEdits: r.edits, connectionsEdits: uses.edits, insertedAt: r.offset + delta };
}
