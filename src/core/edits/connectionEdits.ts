// Edits of whole connections (add, delete, move between scopes, add/remove uses), built
// from the smallest-path edits of edits.ts. Shared by quick fixes, the tree and commands.
import type { JSONPath } from 'jsonc-parser';
import { insertArrayItem, insertRawArrayItem, refuse, removeValue, type EditResult } from './edits';
import type { FormattingOptions } from '../text/indentation';
import type { TextEdit } from '../text/textEdit';
import type { Connection, Scope } from '../model/model';
import type { ParsedConnectionsFile } from '../json/parse';

/** A new connection as written to the file (only the fields given are written). */
export interface NewConnection {
	readonly id: string;
	readonly name?: string;
	readonly description?: string;
	readonly kind: 'service' | 'third-party' | 'database';
	readonly target?: string;
	readonly access?: 'project' | 'organization' | 'public';
	readonly security?: { readonly scheme: 'oauth2' | 'api-key' | 'none'; readonly oauthApp?: string };
	readonly parameters?: Readonly<Record<string, unknown>>;
}

/** Where a connection lives: a scope, and for component scope the component's index. */
export interface ScopeTarget {
	readonly scope: Scope;
	readonly componentIndex?: number;
}

/** The JSON path of a scope's `connections` array. */
export function connectionsArrayPath(target: ScopeTarget): JSONPath {
	switch (target.scope) {
		case 'organization': return ['organization', 'connections'];
		case 'project': return ['project', 'connections'];
		case 'component': return ['project', 'components', target.componentIndex ?? 0, 'connections'];
	}
}

/** A file that no edit may touch: it does not parse (docs/reliability.md E3). */
function unparsable(parsed: ParsedConnectionsFile): EditResult | undefined {
	return parsed.editRefusal ? refuse(parsed.editRefusal) : undefined;
}

/** Adds a connection at a scope (creating the scope's array if needed). */
export function addConnection(parsed: ParsedConnectionsFile, target: ScopeTarget, connection: NewConnection, fmt: FormattingOptions): EditResult {
	const broken = unparsable(parsed);
	if (broken) {
		return broken;
	}
	if (target.scope === 'component' && parsed.model.components[target.componentIndex ?? -1] === undefined) {
		return refuse('not-found');
	}
	return insertArrayItem(parsed, connectionsArrayPath(target), connection, fmt);
}

/** Combines results computed against the same text into one result (all or nothing; no overlaps). */
export function combine(results: readonly EditResult[]): EditResult {
	const edits: TextEdit[] = [];
	for (const r of results) {
		if (!r.ok) {
			return r;
		}
		edits.push(...r.edits);
	}
	edits.sort((a, b) => a.offset - b.offset);
	for (let i = 1; i < edits.length; i++) {
		if (edits[i].offset < edits[i - 1].offset + edits[i - 1].length) {
			return refuse('invalid');
		}
	}
	return { ok: true, edits };
}

/** The current connection at a path with this ID, or undefined when the file changed. */
export function findConnection(parsed: ParsedConnectionsFile, id: string, scope: Scope, componentId?: string): Connection | undefined {
	return parsed.model.allConnections.find((c) => c.id === id && c.scope === scope && (scope !== 'component' || c.componentId === componentId));
}

/**
 * Deletes a connection and, for organization and project connections, removes its ID from
 * every component's `uses`. Refused when the ID is defined more than once at that scope.
 */
export function deleteConnection(parsed: ParsedConnectionsFile, connection: Connection, fmt: FormattingOptions): EditResult {
	const broken = unparsable(parsed);
	if (broken) {
		return broken;
	}
	const same = parsed.model.allConnections.filter((c) => c.id === connection.id && c.scope === connection.scope && c.componentId === connection.componentId);
	if (same.length !== 1) {
		return refuse(same.length ? 'ambiguous' : 'not-found');
	}
	const results: EditResult[] = [removeValue(parsed, connection.path as JSONPath, fmt)];
	if (connection.scope !== 'component') {
		for (const comp of parsed.model.components) {
			const hits = comp.uses.filter((u) => u.id === connection.id);
			if (hits.length === 1) {
				results.push(removeValue(parsed, [...comp.path, 'uses', hits[0].index], fmt));
			} else if (hits.length > 1) {
				return refuse('ambiguous');
			}
		}
	}
	return combine(results);
}

/**
 * Moves a connection to another scope: cut its exact text (comments included) and insert it
 * into the target scope's array. Moving from a component to the project or organization adds
 * the ID to the `uses` of the component it came from, so nothing loses access.
 */
export function moveConnection(parsed: ParsedConnectionsFile, connection: Connection, to: ScopeTarget, fmt: FormattingOptions): EditResult {
	const broken = unparsable(parsed);
	if (broken) {
		return broken;
	}
	if (to.scope === connection.scope && to.componentIndex === connection.componentIndex) {
		return refuse('invalid');
	}
	const raw = parsed.text.slice(connection.span.offset, connection.span.offset + connection.span.length);
	const results: EditResult[] = [
		removeValue(parsed, connection.path as JSONPath, fmt),
		insertRawArrayItem(parsed, connectionsArrayPath(to), raw, fmt),
	];
	if (connection.scope === 'component' && to.scope !== 'component') {
		const comp = parsed.model.components[connection.componentIndex ?? -1];
		if (comp && !comp.uses.some((u) => u.id === connection.id)) {
			results.push(insertArrayItem(parsed, [...comp.path, 'uses'], connection.id, fmt));
		}
	}
	if (to.scope === 'component' && connection.scope !== 'component') {
		// The component now owns it: its `uses` entry is redundant, other components lose it.
		const comp = parsed.model.components[to.componentIndex ?? -1];
		const hit = comp?.uses.find((u) => u.id === connection.id);
		if (comp && hit) {
			results.push(removeValue(parsed, [...comp.path, 'uses', hit.index], fmt));
		}
	}
	return combine(results);
}

/** Adds a connection ID to a component's `uses` (creating the list). */
export function addUse(parsed: ParsedConnectionsFile, componentIndex: number, id: string, fmt: FormattingOptions): EditResult {
	const broken = unparsable(parsed);
	if (broken) {
		return broken;
	}
	const comp = parsed.model.components[componentIndex];
	if (!comp) {
		return refuse('not-found');
	}
	if (comp.uses.some((u) => u.id === id)) {
		return { ok: true, edits: [] };
	}
	return insertArrayItem(parsed, [...comp.path, 'uses'], id, fmt);
}

/** Removes one `uses` entry by its index. */
export function removeUse(parsed: ParsedConnectionsFile, componentIndex: number, useIndex: number, fmt: FormattingOptions): EditResult {
	const broken = unparsable(parsed);
	if (broken) {
		return broken;
	}
	const comp = parsed.model.components[componentIndex];
	if (!comp || !comp.uses.some((u) => u.index === useIndex)) {
		return refuse('not-found');
	}
	return removeValue(parsed, [...comp.path, 'uses', useIndex], fmt);
}

