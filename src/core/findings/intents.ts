// Fix intents: what a rule knows, when it reports a finding, that a quick fix needs. One
// shape per fixable code, so src/core/edits/fixes.ts has one entry per code and never guesses
// intent back from JSON paths or offsets. Plain data (imports types only).
import type { Connection, Scope } from '../model/model';

/** Who a connection is: stable across edits, unlike its offsets or index. */
export interface ConnectionRef {
	readonly id: string;
	readonly scope: Scope;
	readonly componentId?: string;
}

export const refOf = (c: Connection): ConnectionRef => ({ id: c.id, scope: c.scope, componentId: c.componentId });

/** A `uses` entry of a component. */
interface UseEntry {
	readonly connectionId: string;
	readonly componentId: string;
	/** Its index in `uses` when the finding was made. */
	readonly index: number;
}

/** A variable read in component source. */
interface SourceRead {
	readonly variable: string;
	readonly componentId: string;
	/** Variable names to read instead, best first. */
	readonly candidates: readonly string[];
}

/** The fix data of each fixable code. */
export interface IntentData {
	'schema-enum': { readonly path: readonly (string | number)[]; readonly value: string; readonly candidates: readonly string[] };
	'schema-unknown-property': { readonly objectPath: readonly (string | number)[]; readonly property: string; readonly candidates: readonly string[] };
	'unknown-connection': {
		readonly connectionId: string;
		readonly componentId: string;
		readonly candidates: readonly string[];
		readonly at: { readonly in: 'uses'; readonly index: number } | { readonly in: 'env'; readonly variable: string; readonly key?: string };
	};
	'out-of-scope-reference': {
		readonly connectionId: string;
		readonly componentId: string;
		/** True when the component already lists it in `uses`. */
		readonly listed: boolean;
	};
	'duplicate-use': UseEntry;
	'redundant-use': UseEntry;
	'unused-connection': UseEntry;
	'unknown-parameter': {
		readonly key: string;
		readonly candidates: readonly string[];
		readonly at:
			| { readonly in: 'parameters'; readonly connection: ConnectionRef }
			| { readonly in: 'env'; readonly componentId: string; readonly variable: string }
			| { readonly in: 'component-yaml' };
	};
	'plain-secret': { readonly connection: ConnectionRef; readonly key: string };
	'unknown-environment': { readonly connection: ConnectionRef; readonly key: string; readonly environment: string; readonly candidates: readonly string[] };
	'access-mismatch': { readonly connection: ConnectionRef; readonly access: string };
	'access-not-applicable': { readonly connection: ConnectionRef };
	'access-security-mismatch': { readonly connection: ConnectionRef };
	'security-not-applicable': { readonly connection: ConnectionRef };
	'oauth-app-shared': { readonly connection: ConnectionRef };
	'oauth-app-project-mismatch': OAuthMismatch;
	'oauth-app-component-mismatch': OAuthMismatch;
	'unknown-reference': SourceRead;
	'unknown-key-reference': SourceRead;
	'renamed-variable-reference': SourceRead;
	'undeclared-reference': { readonly connectionId: string; readonly componentId: string };
	'component-yaml-unknown-connection': { readonly name: string; readonly candidates: readonly string[] };
	'component-yaml-target-mismatch': { readonly name: string; readonly target: string };
	'component-yaml-missing-reference': { readonly connectionId: string; readonly componentId: string; readonly target?: string; readonly inUses: boolean; readonly bump: boolean };
	/** `canCreate`: no other `.choreo` file is there (a new component.yaml would hide it) and the path stays inside the repository. */
	'component-yaml-missing-file': { readonly componentId: string; readonly file: string; readonly canCreate: boolean };
	'component-yaml-unlisted-reference': { readonly connectionId: string; readonly componentId: string };
	/** `bump`: the file is schemaVersion 1.0, which has no `configurations`. */
	'component-yaml-missing-rename': { readonly componentId: string; readonly variable: string; readonly connectionId: string; readonly key: string; readonly bump: boolean };
	'component-yaml-unlisted-rename': { readonly componentId: string; readonly variable: string; readonly connectionId: string; readonly key: string };
	'component-yaml-rename-mismatch': { readonly componentId: string; readonly variable: string; readonly connectionId: string; readonly key: string; readonly yamlConnectionId: string; readonly yamlKey?: string };
}

interface OAuthMismatch {
	readonly connection: ConnectionRef;
	/** The application to share, when it is named explicitly. */
	readonly shareApp?: string;
	/** Whether the connection names its own `oauthApp`. */
	readonly explicitApp: boolean;
}

export type FixableCode = keyof IntentData;

/** The intent of one fixable code: its data, tagged with the code. */
export type IntentOf<C extends FixableCode> = { readonly code: C } & IntentData[C];

/** Every fix intent, a union discriminated by `code`. */
export type FixIntent = { [C in FixableCode]: IntentOf<C> }[FixableCode];
