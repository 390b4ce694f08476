// The editor side of sites.ts, shared by the provider files of the language features on
// connection IDs (idHover, idCompletion, idDefinition, idReferences, idRename, idOutline): which
// role a document plays in its repository, the site under the cursor, and offsets to ranges.
import * as vscode from 'vscode';
import { parseComponentYaml, type ComponentYaml } from '../core/platform/componentYaml';
import { NavigationIndex, sourceSiteAt, yamlSiteAt, type FileSpan, type Site } from '../core/ids/sites';
import type { ParsedConnectionsFile } from '../core/json/parse';
import { COMPONENT_YAML, CONNECTIONS_FILE } from '../core/analysis/project';
import { scanEnvReads, type EnvRead } from '../core/source/envReads';
import { EDITOR_LANGUAGE_IDS, languageOfLanguageId, languageOfPath, type SourceLanguage } from '../core/source/languages';
import type { Span } from '../core/model/model';
import type { Repository, WorkspaceModel } from './workspaceModel';

/** Source languages (VS Code IDs) that the features serve; `connections.languages` narrows them. */
const SOURCE_LANGUAGE_IDS = [...EDITOR_LANGUAGE_IDS];

/** connections.json, component.yaml and component source. */
export const ID_SELECTOR: vscode.DocumentSelector = [
	{ pattern: `**/${CONNECTIONS_FILE}` },
	{ pattern: `**/${COMPONENT_YAML}` },
	...SOURCE_LANGUAGE_IDS.map((language) => ({ language })),
];

export type DocumentRole =
	| { readonly role: 'connections' }
	| { readonly role: 'yaml' }
	| { readonly role: 'source'; readonly language: SourceLanguage };

export type DocumentContext = DocumentRole & { readonly repo: Repository; readonly rel: string };

/** The repository a document belongs to and its role there, or undefined when it plays none. */
export function contextOf(model: WorkspaceModel, doc: vscode.TextDocument): DocumentContext | undefined {
	const repo = model.repositoryFor(doc.uri);
	const rel = repo?.relativePath(doc.uri);
	if (!repo || rel === undefined) {
		return undefined;
	}
	if (rel === CONNECTIONS_FILE) {
		return { repo, rel, role: 'connections' };
	}
	if (rel === COMPONENT_YAML || rel.endsWith('/' + COMPONENT_YAML)) {
		return { repo, rel, role: 'yaml' };
	}
	const language = languageOfLanguageId(doc.languageId) ?? languageOfPath(rel);
	const enabled = vscode.workspace.getConfiguration('connections', doc.uri).get<string[]>('languages', SOURCE_LANGUAGE_IDS);
	if (!language || (SOURCE_LANGUAGE_IDS.includes(doc.languageId) && !enabled.includes(doc.languageId))) {
		return undefined;
	}
	return { repo, rel, role: 'source', language };
}

// Per document version: the env reads of a source file and the parse of a component.yaml.
const readsCache = new WeakMap<vscode.TextDocument, { version: number; reads: EnvRead[] }>();
const yamlCache = new WeakMap<vscode.TextDocument, { version: number; yaml: ComponentYaml }>();

function readsOf(doc: vscode.TextDocument, language: SourceLanguage): EnvRead[] {
	const hit = readsCache.get(doc);
	if (hit && hit.version === doc.version) {
		return hit.reads;
	}
	const reads = scanEnvReads(doc.getText(), language);
	readsCache.set(doc, { version: doc.version, reads });
	return reads;
}

function yamlOf(doc: vscode.TextDocument): ComponentYaml {
	const hit = yamlCache.get(doc);
	if (hit && hit.version === doc.version) {
		return hit.yaml;
	}
	const yaml = parseComponentYaml(doc.getText());
	yamlCache.set(doc, { version: doc.version, yaml });
	return yaml;
}

// The document version whose text the project's parse of connections.json was made from.
const parsedVersion = new WeakMap<vscode.TextDocument, { parsed: ParsedConnectionsFile; version: number }>();

function isCurrent(repo: Repository, doc: vscode.TextDocument): boolean {
	const parsed = repo.project.parsed;
	const seen = parsedVersion.get(doc);
	if (seen && seen.parsed === parsed && seen.version === doc.version) {
		return true;
	}
	if (doc.getText() === parsed.text) {
		parsedVersion.set(doc, { parsed, version: doc.version });
		return true;
	}
	return false;
}

/** Resolves at the repository's next update, or after `ms`. */
export function nextUpdate(model: WorkspaceModel, repo: Repository, ms: number): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			sub.dispose();
			resolve();
		};
		const timer = setTimeout(done, Math.max(0, ms));
		const sub = model.onDidUpdate((r) => {
			if (r === repo) {
				done();
			}
		});
	});
}

const CATCH_UP_MS = 3000;

/**
 * Waits (briefly) until the project's parse of connections.json matches the open document, so
 * offsets computed from the model are offsets in the text the user sees. False when it does not
 * catch up in time or the request is cancelled.
 */
export async function catchUp(model: WorkspaceModel, repo: Repository, doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<boolean> {
	const deadline = Date.now() + CATCH_UP_MS;
	while (!isCurrent(repo, doc)) {
		if (token?.isCancellationRequested || Date.now() > deadline) {
			return false;
		}
		await nextUpdate(model, repo, deadline - Date.now());
	}
	return true;
}

export interface SiteAt {
	readonly ctx: DocumentContext;
	readonly site: Site;
}

/** The connection site under a position of a document, or undefined. */
export async function siteAt(model: WorkspaceModel, doc: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<SiteAt | undefined> {
	await model.ready;
	const ctx = contextOf(model, doc);
	if (!ctx) {
		return undefined;
	}
	const offset = doc.offsetAt(position);
	const project = ctx.repo.project;
	let site: Site | undefined;
	switch (ctx.role) {
		case 'connections':
			if (await catchUp(model, ctx.repo, doc, token)) {
				site = NavigationIndex.of(project).siteAt(offset);
			}
			break;
		case 'yaml':
			site = yamlSiteAt(project, ctx.rel, yamlOf(doc), offset);
			break;
		case 'source':
			site = sourceSiteAt(project, ctx.rel, readsOf(doc, ctx.language), offset);
			break;
	}
	return site ? { ctx, site } : undefined;
}

/** The range of a span in a document. */
export function rangeIn(doc: vscode.TextDocument, span: Span): vscode.Range {
	return new vscode.Range(doc.positionAt(span.offset), doc.positionAt(span.offset + span.length));
}

/** A Location for a span of a repository file (open buffer first, else the model's line table). */
export function locationOf(repo: Repository, s: FileSpan): vscode.Location {
	return new vscode.Location(repo.uriOf(s.file), repo.rangeOf(s.file, s.offset, s.length));
}

/** vscode.l10n for the core's fixed English text. */
export function translate(text: string): string {
	return vscode.l10n.t(text);
}

const reported = new Set<string>();

/** Runs a provider body; an unexpected error is logged once per feature and gives no result (docs/reliability.md R1). */
export async function guarded<T>(feature: string, body: () => Promise<T | undefined> | T | undefined): Promise<T | undefined> {
	try {
		return await body();
	} catch (e) {
		if (!reported.has(feature)) {
			reported.add(feature);
			console.error(`[connections] ${feature} failed: ${e instanceof Error ? e.message : String(e)}`);
		}
		return undefined;
	}
}
