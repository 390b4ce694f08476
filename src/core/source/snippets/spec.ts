// What "Insert connection reference" writes for one connection: which keys it reads, under
// which variable names, with or without the OAuth2 token fetch; and the file's formatting.
import type { Component, Connection, ConnectionKind, InjectedRename, Scope } from '../../model/model';
import { isEnvName, variableName } from '../../model/naming';
import { injectedKeys, kindOf } from '../../model/scope';
import { LANGUAGES, type SourceLanguage } from '../languages';

/** The languages snippets are written in (`snippets` in the language table). */
export type SnippetLanguage = SourceLanguage;

export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = LANGUAGES.filter((l) => l.snippets).map((l) => l.language);

/** One variable the snippet reads. */
export interface SnippetVariable {
	/** The connection's parameter key, e.g. `ServiceURL`. */
	readonly key: string;
	/** The environment variable read: the injected name or the component's rename. */
	readonly variable: string;
}

/** What to insert for one connection. */
export interface SnippetSpec {
	readonly connectionId: string;
	readonly kind?: ConnectionKind;
	readonly scope: Scope;
	readonly variables: readonly SnippetVariable[];
	/** Add the OAuth2 client-credentials token fetch (only when the variables it needs are there). */
	readonly tokenFetch: boolean;
	/**
	 * The component is a web app (`type: "web-app"`): its JavaScript runs in the browser, which has
	 * no environment variables, so it reads the config file the platform mounts (`window.configs`).
	 */
	readonly browser?: boolean;
}

/**
 * Where the code goes: `declarations` at a file's top level, `members` in a class body
 * (Java, C#), `statements` inside a function (or C# top-level statements).
 */
export type SnippetContext = 'declarations' | 'members' | 'statements';

export interface SnippetFormat {
	/** One level of indentation: a tab or some spaces. */
	readonly indent: string;
	readonly eol: string;
}

/** Indentation unit and line end from editor-style formatting options. */
export function snippetFormat(options: { readonly insertSpaces: boolean; readonly tabSize: number; readonly eol: string }): SnippetFormat {
	return { indent: options.insertSpaces ? ' '.repeat(Math.max(1, Math.min(options.tabSize, 8))) : '\t', eol: options.eol };
}


/** Whether a connection is a platform service secured with OAuth2 (the token fetch applies). */
export function supportsTokenFetch(c: Connection): boolean {
	return kindOf(c) === 'service' && c.security?.scheme?.value === 'oauth2';
}

/** Whether a component runs in the browser (a web app): no environment variables, no client secret in its code. */
export function isBrowserComponent(component: Component | undefined): boolean {
	return component?.type?.value === 'web-app';
}

/** Whether "Insert connection reference" offers the token fetch for a connection in a component (never in a web app). */
export function offersTokenFetch(c: Connection, component: Component | undefined): boolean {
	return supportsTokenFetch(c) && !isBrowserComponent(component);
}

/** The keys a snippet reads: those the platform injects (model/scope.ts `injectedKeys`). */
export const snippetKeys = injectedKeys;

/** A component's connections.json `env` renames, for callers that know nothing else (no component.yaml). */
function jsonRenames(component: Component | undefined): InjectedRename[] {
	return (component?.env ?? []).flatMap((e) => (e.connection ? [{ variable: e.variable, connection: e.connection.value, key: e.key?.value }] : []));
}

/**
 * The snippet for a connection as seen from a component: one variable per key, read under the
 * renames the platform applies (ConnectionsProject.injectedRenames; connections.json's `env` by default) when it has one (a rename that is not a valid variable name is ignored).
 */
export function snippetSpec(connection: Connection, component: Component | undefined, tokenFetch: boolean, renames: readonly InjectedRename[] = jsonRenames(component)): SnippetSpec {
	const variables = snippetKeys(connection).map((key) => {
		const rename = renames.find((e) => e.connection === connection.id && e.key === key && isEnvName(e.variable));
		return { key, variable: rename ? rename.variable : variableName(connection.id, key) };
	});
	const browser = isBrowserComponent(component);
	return {
		connectionId: connection.id,
		kind: kindOf(connection),
		scope: connection.scope,
		variables,
		// A client secret has no place in browser code: a web app gets no token fetch.
		tokenFetch: tokenFetch && offersTokenFetch(connection, component),
		...(browser ? { browser } : {}),
	};
}
