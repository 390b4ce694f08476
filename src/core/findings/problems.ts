// Findings: stable codes, severities and the fix intent of each (intents.ts). The English
// text of each code lives in messages.ts; nothing here is UI text.

import type { FixableCode, FixIntent, IntentData } from './intents';

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
	'project-visibility-other-project': 'error',
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
	'component-yaml-unlisted-reference': 'warning',
	'component-yaml-missing-rename': 'warning',
	'component-yaml-unlisted-rename': 'warning',
	'component-yaml-rename-mismatch': 'warning',
	'component-yaml-invalid': 'warning',
	'component-yaml-missing-file': 'info',
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

/** Where every rule is documented: docs/rules.md on the project's repository, one anchor per code. */
export const RULES_DOC_URL = 'https://github.com/connections-tools/choreo-connections/blob/main/docs/rules.md';

/** The documentation of a finding's code (its section of docs/rules.md; test/unit/docs.test.ts checks every anchor exists). */
export function ruleHelpUri(code: ProblemCode): string {
	return `${RULES_DOC_URL}#${code}`;
}

export type ProblemArgs = Readonly<Record<string, string | number>>;

export interface Problem {
	readonly code: ProblemCode;
	readonly severity: Severity;
	/** UTF-16 offset of the range in the file's text. */
	readonly offset: number;
	/** Length of the range in UTF-16 code units (0 allowed at end of text). */
	readonly length: number;
	readonly args: ProblemArgs;
	/** What a quick fix needs, for the codes that have one (intents.ts). */
	readonly intent?: FixIntent;
	/** Where the finding belongs when it is reported for another file than the one analysed. */
	readonly related?: readonly { readonly file: string; readonly offset: number; readonly length: number; readonly args: ProblemArgs }[];
}

/** Fix data for `code`, when it is fixable. */
export type IntentArg<C extends ProblemCode> = C extends FixableCode ? IntentData[C] : never;

/** Builds a problem with the code's default severity; `intent` is tagged with the same code. */
export function problem<C extends ProblemCode>(code: C, offset: number, length: number, args: ProblemArgs = {}, intent?: IntentArg<C>): Problem {
	const base = { code, severity: PROBLEM_CODES[code], offset, length, args };
	return intent ? { ...base, intent: { code, ...intent } as FixIntent } : base;
}

/** Sorts problems by offset, then code, for a stable order everywhere. */
export function sortProblems(problems: Problem[]): Problem[] {
	return problems.sort((a, b) => a.offset - b.offset || a.length - b.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
