// The editor-free model of a connections.json file. Plain data only: every
// position is a UTF-16 offset into the text the model was built from.

/** A range of text: `offset` and `length` in UTF-16 code units. */
export interface Span {
	readonly offset: number;
	readonly length: number;
}

export type Scope = 'organization' | 'project' | 'component';
export type ConnectionKind = 'service' | 'third-party' | 'database';
export type AccessMode = 'project' | 'organization' | 'public';
export type SecurityScheme = 'oauth2' | 'api-key' | 'none';

export const SCOPES: readonly Scope[] = ['organization', 'project', 'component'];
export const CONNECTION_KINDS: readonly ConnectionKind[] = ['service', 'third-party', 'database'];
export const ACCESS_MODES: readonly AccessMode[] = ['project', 'organization', 'public'];
export const SECURITY_SCHEMES: readonly SecurityScheme[] = ['oauth2', 'api-key', 'none'];
export const DEFAULT_ENVIRONMENTS: readonly string[] = ['development', 'production'];

/** A string value in the file with the span of its JSON literal (quotes included). */
export interface StringAt {
	readonly value: string;
	readonly span: Span;
}

/** How a parameter's value is given in the file. */
export type ParameterValue =
	| { readonly type: 'plain'; readonly value: string | number | boolean }
	| { readonly type: 'per-environment'; readonly values: ReadonlyMap<string, { value: string | number | boolean; span: Span; keySpan: Span }> }
	| { readonly type: 'secret' }
	| { readonly type: 'invalid' };

export interface Parameter {
	readonly key: string;
	/** Span of the property name literal. */
	readonly keySpan: Span;
	/** Span of the value. */
	readonly valueSpan: Span;
	readonly value: ParameterValue;
	/** JSON path of the property, for edits. */
	readonly path: readonly (string | number)[];
}

export interface Security {
	readonly scheme?: StringAt;
	readonly oauthApp?: StringAt;
	readonly span: Span;
}

export interface Connection {
	readonly id: string;
	/** Span of the `"id"` value literal; the whole object's span where the id is missing. */
	readonly idSpan: Span;
	readonly hasId: boolean;
	readonly scope: Scope;
	/** Owning component's ID for component-scope connections. */
	readonly componentId?: string;
	/** Index of the owning component in `project.components`. */
	readonly componentIndex?: number;
	readonly span: Span;
	/** JSON path of the connection object, e.g. `['project', 'connections', 2]`. */
	readonly path: readonly (string | number)[];
	readonly name?: StringAt;
	readonly description?: StringAt;
	readonly kind?: StringAt;
	readonly target?: StringAt;
	readonly access?: StringAt;
	readonly security?: Security;
	readonly parameters: readonly Parameter[];
	readonly parametersSpan?: Span;
}

/** One entry of a component's `uses` list. */
export interface Use {
	readonly id: string;
	readonly span: Span;
	readonly index: number;
}

/** One entry of a component's `env` renames. */
export interface EnvRename {
	readonly variable: string;
	readonly variableSpan: Span;
	readonly connection?: StringAt;
	readonly key?: StringAt;
	readonly span: Span;
}

/** A variable the platform injects under another name than CHOREO_<ID>_<KEY> (from component.yaml, or connections.json's `env`). */
export interface InjectedRename {
	readonly variable: string;
	readonly connection: string;
	readonly key?: string;
}

export interface Component {
	readonly id: string;
	readonly idSpan: Span;
	readonly hasId: boolean;
	readonly index: number;
	readonly span: Span;
	readonly path: readonly (string | number)[];
	readonly type?: StringAt;
	/** Source folder relative to the repository root, `/`-separated, no trailing slash ('' = the root). */
	readonly sourcePath?: StringAt;
	readonly uses: readonly Use[];
	readonly usesSpan?: Span;
	readonly connections: readonly Connection[];
	readonly env: readonly EnvRename[];
}

export interface ScopeBlock {
	readonly id?: StringAt;
	readonly span: Span;
	readonly connections: readonly Connection[];
}

export interface ConnectionsModel {
	readonly version?: number;
	readonly environments: readonly string[];
	readonly environmentsDeclared: boolean;
	readonly organization?: ScopeBlock;
	readonly project?: ScopeBlock & { readonly components: readonly Component[] };
	/** Every connection in file order: organization, project, then each component's. */
	readonly allConnections: readonly Connection[];
	readonly components: readonly Component[];
}

export const EMPTY_MODEL: ConnectionsModel = {
	environments: DEFAULT_ENVIRONMENTS,
	environmentsDeclared: false,
	allConnections: [],
	components: [],
};

/** The environments a repository offers, in file order, without duplicates or empty names; the defaults when it declares none. */
export function environmentsOf(model: Pick<ConnectionsModel, 'environments'>): readonly string[] {
	const out = [...new Set(model.environments.filter((e) => typeof e === 'string' && e.trim() !== ''))];
	return out.length ? out : DEFAULT_ENVIRONMENTS;
}

/** The default environment: the first one offered. */
export function defaultEnvironment(model: Pick<ConnectionsModel, 'environments'>): string {
	return environmentsOf(model)[0];
}
