// Rename of connection IDs and OAuth application names, the one planner for F2 and the tree's
// Rename command: whether a site can be renamed, whether a new ID may be taken, and the checked
// edits in every file (connections.json, component source, component.yaml). Imports sites.ts,
// findReferences.ts, the model's ID rule and the edit helpers; the refusals' text is in
// findings/messages.ts.
import type { JSONPath } from 'jsonc-parser';
import { isValidConnectionId } from '../model/connectionId';
import { renameInYamlEdits, scalarInnerSpan } from '../platform/componentYaml';
import { replaceSpan } from '../edits/edits';
import type { TextEdit } from '../text/textEdit';
import { formatMessage, NAVIGATION_MESSAGES, type NavigationMessageCode } from '../findings/messages';
import type { Component, Connection, Span } from '../model/model';
import { normaliseName, variablePrefix } from '../model/naming';
import { CONNECTIONS_FILE, type ConnectionsProject } from '../analysis/project';
import { NavigationIndex, navigationStats, type Site } from './sites';
import { refersTo } from './findReferences';

export interface Refusal {
	readonly ok: false;
	readonly code: NavigationMessageCode;
	readonly args: Readonly<Record<string, string>>;
}

function refusal(code: NavigationMessageCode, args: Record<string, string> = {}): Refusal {
	return { ok: false, code, args };
}

/** The English text of a refusal (the editor uses NAVIGATION_MESSAGES through its localisation). */
export function refusalText(r: Refusal): string {
	return formatMessage(NAVIGATION_MESSAGES[r.code], r.args);
}

export interface RenameTarget {
	readonly ok: true;
	/** The text the user renames: the ID without quotes, or the NAME part of CHOREO_<NAME>_<KEY>. */
	readonly span: Span;
	/** What the rename box starts with: the connection ID (or application name). */
	readonly placeholder: string;
}

/** Inner span of a JSON string literal (without its quotes). */
function innerJson(span: Span): Span {
	return span.length >= 2 ? { offset: span.offset + 1, length: span.length - 2 } : span;
}

/** Whether the site can be renamed, and the range to rename; refuses on syntax errors and unresolved references. */
export function prepareRename(project: ConnectionsProject, site: Site, yamlText?: string): RenameTarget | Refusal {
	if (project.parsed.editRefusal) {
		return refusal('syntax-errors');
	}
	const c = site.connection;
	if (!c) {
		return site.kind === 'source' ? refusal('unresolved-variable', { variable: site.variable ?? '' }) : refusal('unresolved', { id: site.id });
	}
	switch (site.kind) {
		case 'definition':
		case 'use':
		case 'env-connection':
			return { ok: true, span: innerJson(site.span), placeholder: c.id };
		case 'oauth-app':
			return { ok: true, span: innerJson(site.span), placeholder: site.app ?? '' };
		case 'source': {
			const prefix = variablePrefix(c.id);
			if (site.renamed || !site.variable?.startsWith(prefix)) {
				return refusal('renamed-variable', { variable: site.variable ?? '' });
			}
			return { ok: true, span: { offset: site.span.offset + 7, length: prefix.length - 8 }, placeholder: c.id };
		}
		case 'yaml-reference':
		case 'yaml-connection':
			return { ok: true, span: yamlText !== undefined ? scalarInnerSpan(yamlText, site.span) : site.span, placeholder: c.id };
		default:
			return refusal('not-renamable');
	}
}

/** A text edit with the text it expects to replace, so a stale offset is caught before applying. */
export interface CheckedEdit extends TextEdit {
	readonly expected: string;
}

export interface RenamePlan {
	readonly ok: true;
	/** Edits by repository-relative file, each sorted by offset. */
	readonly files: ReadonlyMap<string, readonly CheckedEdit[]>;
}

/** Whether `newId` may replace `c.id`: the name rule, unique among what c's viewers see, no variable prefix collision. */
export function checkNewId(index: NavigationIndex, c: Connection, newId: string): Refusal | undefined {
	if (!isValidConnectionId(newId)) {
		return refusal('invalid-id', { id: newId });
	}
	// Who can see c: its owner, or (organization/project) every component, and the project itself.
	const viewers: (Component | undefined)[] = c.scope === 'component' ? [index.ownerOf(c)] : [undefined, ...index.model.components];
	const prefix = normaliseName(newId);
	for (const viewer of viewers) {
		for (const other of index.visible(viewer)) {
			navigationStats.visited++;
			if (other === c) {
				continue;
			}
			if (other.id === newId) {
				return refusal('duplicate-id', { id: newId, old: c.id });
			}
			if (normaliseName(other.id) === prefix) {
				return refusal('variable-collision', { id: newId, prefix: variablePrefix(newId), other: other.id });
			}
		}
		if (c.scope !== 'component' && viewer) {
			// Another component's own connection with that ID would now shadow the shared one there.
			for (const own of viewer.connections) {
				if (own !== c && own.hasId && (own.id === newId || normaliseName(own.id) === prefix)) {
					return own.id === newId
						? refusal('duplicate-id', { id: newId, old: c.id })
						: refusal('variable-collision', { id: newId, prefix: variablePrefix(newId), other: own.id });
				}
			}
		}
	}
	return undefined;
}

/**
 * Edits that rename a connection everywhere: every JSON literal of its ID in connections.json
 * (definition, `uses`, `env.*.connection`) by the smallest replacement, the `CHOREO_<NAME>_`
 * prefix of every source variable that reads it, and every component.yaml name (through
 * `renameInYamlEdits` on each file's current text from `yamlText`). Refused on syntax errors or an invalid or taken ID.
 */
export function renameEdits(
	project: ConnectionsProject,
	c: Connection,
	newId: string,
	yamlText: (file: string) => string | undefined,
): RenamePlan | Refusal {
	const parsed = project.parsed;
	if (parsed.editRefusal) {
		return refusal('syntax-errors');
	}
	const index = NavigationIndex.of(project);
	if (newId === c.id) {
		return { ok: true, files: new Map() };
	}
	const bad = checkNewId(index, c, newId);
	if (bad) {
		return bad;
	}
	const files = new Map<string, CheckedEdit[]>();
	const push = (file: string, e: CheckedEdit) => {
		const list = files.get(file);
		if (list) {
			list.push(e);
		} else {
			files.set(file, [e]);
		}
	};
	const literal = JSON.stringify(newId);
	const json: { span: Span; path: JSONPath }[] = [{ span: c.idSpan, path: [...c.path, 'id'] }];
	for (const comp of index.model.components) {
		for (const u of comp.uses) {
			if (u.id === c.id && index.resolve(comp, u.id) === c) {
				json.push({ span: u.span, path: [...comp.path, 'uses', u.index] });
			}
		}
		for (const e of comp.env) {
			if (e.connection?.value === c.id && index.resolve(comp, c.id) === c) {
				json.push({ span: e.connection.span, path: [...comp.path, 'env', e.variable, 'connection'] });
			}
		}
	}
	for (const { span, path } of json) {
		const r = replaceSpan(parsed, span, literal, path);
		if (!r.ok) {
			return refusal(r.reason === 'ambiguous' ? 'ambiguous' : 'syntax-errors');
		}
		push(CONNECTIONS_FILE, { ...r.edits[0], expected: parsed.text.slice(span.offset, span.offset + span.length) });
	}
	const oldPrefix = variablePrefix(c.id);
	const newPrefix = variablePrefix(newId);
	const yamlFiles = new Set<string>();
	for (const r of project.referencesTo(c.id)) {
		if (r.kind === 'component-yaml') {
			if (refersTo(index, r, c)) {
				yamlFiles.add(r.file);
			}
		} else if (r.kind === 'source' && oldPrefix !== newPrefix && r.variable?.startsWith(oldPrefix) && refersTo(index, r, c)) {
			// A renamed variable (from `env`) resolves here too but does not start with the prefix: it keeps its name.
			push(r.file, { offset: r.offset, length: oldPrefix.length, newText: newPrefix, expected: oldPrefix });
		}
	}
	for (const file of yamlFiles) {
		const text = yamlText(file);
		if (text === undefined) {
			continue;
		}
		for (const e of renameInYamlEdits(text, c.id, newId)) {
			push(file, { ...e, expected: text.slice(e.offset, e.offset + e.length) });
		}
	}
	for (const list of files.values()) {
		list.sort((a, b) => a.offset - b.offset);
	}
	return { ok: true, files };
}

/** Edits that rename an OAuth application in its sharing group (organization, project or one component). */
export function renameOAuthAppEdits(project: ConnectionsProject, site: Site, newName: string): RenamePlan | Refusal {
	const parsed = project.parsed;
	if (parsed.editRefusal) {
		return refusal('syntax-errors');
	}
	if (!isValidConnectionId(newName)) {
		return refusal('invalid-app', { id: newName });
	}
	const edits: CheckedEdit[] = [];
	for (const s of NavigationIndex.of(project).oauthAppSites(site)) {
		const r = replaceSpan(parsed, s.span, JSON.stringify(newName), [...s.connection!.path, 'security', 'oauthApp']);
		if (!r.ok) {
			return refusal(r.reason === 'ambiguous' ? 'ambiguous' : 'syntax-errors');
		}
		edits.push({ ...r.edits[0], expected: parsed.text.slice(s.span.offset, s.span.offset + s.span.length) });
	}
	return { ok: true, files: new Map([[CONNECTIONS_FILE, edits]]) };
}
