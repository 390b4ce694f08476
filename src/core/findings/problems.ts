// Findings: stable codes, severities and the data a quick fix needs. The English
// text of each code lives in messages.ts; nothing here is UI text.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const PROBLEM_CODES = {
	'syntax-error': 'error',
	'file-too-large': 'error',
	'too-deep': 'error',
	'unreadable-file': 'error',
	'forbidden-key': 'error',
	'duplicate-key': 'error',
	'schema-type': 'error',
	'schema-required': 'error',
	'schema-unknown-property': 'error',
	'schema-enum': 'error',
	'schema-pattern': 'error',
	'schema-length': 'error',
	'schema-value': 'error',
	'unsupported-version': 'error',
	'duplicate-id': 'error',
	'variable-collision': 'error',
	'unknown-connection': 'error',
	'out-of-scope-reference': 'error',
	'duplicate-use': 'warning',
	'redundant-use': 'warning',
	'unused-connection': 'hint',
	'unknown-parameter': 'error',
	'plain-secret': 'warning',
	'unknown-environment': 'warning',
	'invalid-target': 'error',
	'access-mismatch': 'error',
	'access-not-applicable': 'warning',
	'access-security-mismatch': 'error',
	'security-not-applicable': 'warning',
	'oauth-app-shared': 'error',
	'oauth-app-project-mismatch': 'warning',
	'oauth-app-component-mismatch': 'hint',
	'unknown-reference': 'error',
	'unknown-key-reference': 'error',
	'undeclared-reference': 'warning',
	'renamed-variable-reference': 'error',
	'component-yaml-unknown-connection': 'warning',
	'component-yaml-target-mismatch': 'warning',
	'component-yaml-missing-reference': 'warning',
	'component-yaml-invalid': 'warning',
	'source-config-schema-version': 'error',
	'source-config-required': 'error',
	'source-config-invalid-value': 'error',
	'source-config-resource-ref': 'error',
	'source-config-env-name': 'error',
	'source-config-duplicate': 'error',
	'source-config-env-value-missing': 'error',
	'source-config-env-value-ambiguous': 'warning',
	'source-config-schema-file': 'error',
	'source-config-not-in-version': 'warning',
	'source-config-outdated': 'info',
	'source-config-unused-file': 'warning',
	'no-connections-file': 'info',
} as const satisfies Record<string, Severity>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export type ProblemArgs = Readonly<Record<string, string | number>>;

/** Data a quick fix needs; every field is optional and plain. */
export interface FixData {
	/** Replacement candidates, best first (did-you-mean). */
	readonly candidates?: readonly string[];
	/** The scope that would make a reference legal. */
	readonly scope?: 'organization' | 'project' | 'component';
	/** Connection the finding is about. */
	readonly connectionId?: string;
	/** Component the finding is about (its ID). */
	readonly componentId?: string;
	/** JSON path in connections.json that a fix edits. */
	readonly path?: readonly (string | number)[];
	/** The OAuth application to share. */
	readonly oauthApp?: string;
	/** Parameter key (or variable key) involved. */
	readonly key?: string;
}

export interface Problem {
	readonly code: ProblemCode;
	readonly severity: Severity;
	/** UTF-16 offset of the range in the file's text. */
	readonly offset: number;
	/** Length of the range in UTF-16 code units (0 allowed at end of text). */
	readonly length: number;
	readonly args: ProblemArgs;
	readonly fix?: FixData;
	/** Where the finding belongs when it is reported for another file than the one analysed. */
	readonly related?: readonly { readonly file: string; readonly offset: number; readonly length: number; readonly args: ProblemArgs }[];
}

/** Builds a problem with the code's default severity. */
export function problem(code: ProblemCode, offset: number, length: number, args: ProblemArgs = {}, fix?: FixData): Problem {
	return fix ? { code, severity: PROBLEM_CODES[code], offset, length, args, fix } : { code, severity: PROBLEM_CODES[code], offset, length, args };
}

/** Sorts problems by offset, then code, for a stable order everywhere. */
export function sortProblems(problems: Problem[]): Problem[] {
	return problems.sort((a, b) => a.offset - b.offset || a.length - b.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
