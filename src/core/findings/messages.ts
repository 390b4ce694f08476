// The single place where the English text of every finding is defined. Templates use
// `{name}` placeholders filled from Problem.args (vscode.l10n.t uses the same syntax).
import type { ProblemArgs, ProblemCode } from './problems';

export const MESSAGES: Readonly<Record<ProblemCode, string>> = {
	'syntax-error': '{error}. Fix the syntax first: nothing else in this file is checked or edited until it parses.',
	'file-too-large': 'This file is {size} bytes, over the {limit}-byte limit: only its size is checked. Split it or raise "connections.validation.maxFileSize".',
	'too-deep': 'Nesting deeper than {limit} levels: the file is not analysed further. connections.json never needs more than 8 levels.',
	'unreadable-file': 'Cannot read this file: {error}.',
	'forbidden-key': 'The key "{key}" is not allowed anywhere in connections.json (it could change how the file is read). Remove it.',
	'duplicate-key': 'The key "{key}" appears more than once in this object; only the last one counts. Remove or rename the duplicate.',
	'schema-type': '{path} must be {expected}.',
	'schema-required': '{path} is missing the required property "{property}". Add it.',
	'schema-unknown-property': '"{property}" is not a known property here.{hint} Remove it or check its spelling.',
	'schema-enum': '{path} must be one of {allowed}.',
	'schema-pattern': '{path} is not valid: {hint}',
	'schema-length': '{path}: {hint}',
	'schema-value': '{path}: {hint}',
	'unsupported-version': 'This file is version {version}; this extension reads version 1. Update the extension or set "version": 1.',
	'duplicate-id': 'The connection ID "{id}" is already defined at {otherScope} scope ({where}). IDs must be unique among the connections one component can see: rename one of them.',
	'variable-collision': 'The connection ID "{id}" gives the same variable prefix {prefix} as "{other}": their environment variables would collide. Rename one of them.',
	'unknown-connection': 'No connection "{id}" is visible to component "{component}".{suggestion}',
	'out-of-scope-reference': '"{id}" is a component connection of "{owner}", which component "{component}" cannot see. Promote it to the project to share it.',
	'duplicate-use': '"{id}" is listed more than once in "uses". Remove the duplicate.',
	'redundant-use': '"{id}" is this component\'s own connection; component connections are used implicitly. Remove it from "uses".',
	'unused-connection': 'Component "{component}" declares "{id}" but its source under "{path}" never reads a {prefix}* variable. Remove it from "uses" if it is not needed.',
	'unknown-parameter': '"{key}" is not a parameter of a {kind} connection.{suggestion} Known keys: {known}.',
	'plain-secret': 'The secret "{key}" is written as a plain value. Secrets never belong in a repository file: move it to secret storage ({ "secret": true }).',
	'unknown-environment': 'The environment "{environment}" is not declared in "environments" ({known}). Add it there or fix the name.',
	'invalid-target': 'The target "{target}" is not a valid {kind} resource reference: {reason}. Expected {expected}.',
	'access-mismatch': 'The access mode "{access}" does not match the target\'s visibility "{targetAccess}". Set "access" to "{targetAccess}".',
	'access-not-applicable': '"access" applies only to service connections; a {kind} connection has no endpoint access mode. Remove it.',
	'access-security-mismatch': 'An endpoint with project access takes no security scheme but "none"; "{scheme}" is offered only for organization or public access.',
	'security-not-applicable': '"security" applies only to service connections; remove it from this {kind} connection.',
	'oauth-app-shared': 'Organization connections "{id}" and "{other}" share the OAuth application "{app}"; each organization connection has its own. Give one of them its own application.',
	'oauth-app-project-mismatch': 'Project connections share one OAuth application, but "{id}" uses "{app}" while "{other}" uses "{otherApp}". Use "{otherApp}" here.',
	'oauth-app-component-mismatch': 'Component "{component}" could share one OAuth application: "{id}" uses "{app}" while "{other}" uses "{otherApp}".',
	'unknown-reference': '{variable} matches no connection visible to component "{component}".{suggestion}',
	'unknown-key-reference': '{variable}: the connection "{id}" ({kind}) has no parameter "{key}".{suggestion}',
	'undeclared-reference': '{variable} reads connection "{id}", which component "{component}" does not list in "uses": the platform will not inject it. Add "{id}" to "uses".',
	'renamed-variable-reference': '{variable} is not injected: component "{component}" renames it to {renamed} in "env". Read {renamed} instead.',
	'component-yaml-unknown-connection': 'component.yaml references "{name}", which is not a connection visible to component "{component}" in connections.json.{suggestion}',
	'component-yaml-target-mismatch': 'component.yaml gives "{name}" the resourceRef "{yamlTarget}", but connections.json says "{target}". Make them agree.',
	'component-yaml-missing-reference': 'Component "{component}" uses "{id}", but its component.yaml has no connectionReference for it. Add one so the platform creates it.',
	'component-yaml-invalid': 'component.yaml could not be read: {error}.',
	'source-config-schema-version': 'schemaVersion {version} is not one the platform reads: use one of {expected}.',
	'source-config-required': '{where} needs "{field}": the platform refuses the file without it.',
	'source-config-invalid-value': '"{field}" is "{value}"; the platform expects {expected}.',
	'source-config-resource-ref': 'The platform refuses the reference "{ref}": expected {expected}.',
	'source-config-env-name': 'The environment variable name "{name}" starts with a letter or "_" and has only letters, digits and "_".',
	'source-config-duplicate': 'The {what} "{name}" is defined twice; the platform needs every {what} name once.',
	'source-config-env-value-missing': 'The environment variable "{name}" takes its value from nothing: give one of {expected}.',
	'source-config-env-value-ambiguous': 'The environment variable "{name}" has more than one value source ({given}); which one the platform uses is not defined. Keep one.',
	'source-config-schema-file': 'schemaFilePath "{path}" does not exist (it is relative to the component\'s folder, the one holding .choreo/).',
	'source-config-not-in-version': '{key} is not part of schemaVersion {version}, so the platform ignores it: set schemaVersion to {since} or later.',
	'source-config-outdated': '{file} is an older source configuration; the platform recommends component.yaml {latest}.',
	'no-connections-file': 'There is no connections.json in {folder}: only the platform\'s .choreo files were checked. "connections import --write" creates one from them.',
	'source-config-unused-file': '.choreo/{file} is not read: the platform reads .choreo/{by} instead. Delete it or move what it says there.',
};

/** Fills a message template with its arguments. */
export function formatMessage(template: string, args: ProblemArgs): string {
	return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : m));
}

/** The English message for a finding. */
export function messageFor(code: ProblemCode, args: ProblemArgs): string {
	return formatMessage(MESSAGES[code], args);
}

// ---- import from the platform's .choreo files --------------------------------------------------

/** What the import left out or changed, by note code (see core/platform/importRepository.ts). */
export const IMPORT_MESSAGES = {
	'shadowed-file': '{folder}/.choreo/{file} is not read: the platform reads {by} first.',
	'yaml-errors': '{folder}/.choreo/{file} has {count} YAML error(s); what could be read was imported.',
	'invalid-reference': '{folder}: "{name}" is not imported: the platform refuses its reference "{resourceRef}" (expected {expected}).',
	'unsupported-reference': '{folder}: "{name}" ({resourceRef}) is not imported: connections.json has no connection kind for it.',
	'renamed-id': '{folder}: "{name}" is not a valid connection ID; imported as "{id}" (component.yaml still says "{name}").',
	'target-left-out': '{folder}: the target of "{id}" was left out: "{resourceRef}" is refused because {reason}.',
} as const;

/** The English text of an import note. */
export function importNoteText(note: { readonly code: keyof typeof IMPORT_MESSAGES } & Readonly<Record<string, string | number>>): string {
	return formatMessage(IMPORT_MESSAGES[note.code], note.folder === '' ? { ...note, folder: '.' } : note);
}
