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
	'project-visibility-other-project': '"{target}" reaches an endpoint of project "{targetProject}" with PROJECT visibility, which only components of that project can reach; this repository\'s project is "{project}". Point at the endpoint\'s ORGANIZATION or PUBLIC visibility, or correct the project.',
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
	'component-yaml-unlisted-reference': 'component.yaml references "{id}", so the platform injects it into component "{component}", but connections.json does not list it in the component\'s "uses". Make them agree.',
	'component-yaml-missing-rename': 'connections.json injects {key} of "{id}" into component "{component}" as {variable}, but its component.yaml does not rename it: the platform injects the default name. Make them agree.',
	'component-yaml-unlisted-rename': 'component.yaml injects {key} of "{id}" as {variable}, but connections.json has no such "env" entry for component "{component}". Make them agree.',
	'component-yaml-rename-mismatch': 'component.yaml fills {variable} from {yamlKey} of "{yamlId}", but connections.json says {key} of "{id}". Make them agree.',
	'component-yaml-missing-file': 'Component "{component}" uses connections, but {file} does not exist: the platform injects only what that file declares.',
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

// ---- language features on connection IDs (src/core/ids): hover text, refusals of rename -----

/** Fixed hover text (English); the editor passes each through its localisation. `{x}` placeholders take escaped Markdown. */
export const HOVER_TEXT = {
	scope: 'Scope',
	kind: 'Kind',
	target: 'Target',
	access: 'Access mode',
	security: 'Security',
	oauthApp: 'OAuth application',
	ownApp: 'own application (implied)',
	projectApp: "the project's application (implied)",
	variables: 'Variables',
	usedBy: 'Used by',
	nobody: 'no component',
	definedAt: 'Defined in connections.json, line {line}',
	componentScope: 'component ({component})',
	parameter: 'Parameter',
	value: 'Value',
	secret: 'secret',
	secretSet: 'secret: set',
	secretNotSet: 'secret: not set',
	notSet: '—',
	renamedTo: 'injected as {variable}',
	renamedIn: 'injected as {variable} in {component}',
	reads: 'Reads {key} of {id} through {variable}',
	readsRenamed: 'Reads {key} of {id} through {variable}, renamed from {default} in "env"',
	readsVariable: 'Reads {variable} of {id}',
	unresolvedId: 'No connection {id} is visible to component {component}.',
	unresolvedIdNoComponent: 'No connection {id} is defined at organization or project scope.',
	unresolvedVariable: '{variable} matches no connection visible to component {component}.',
	didYouMean: 'Did you mean {candidates}?',
	ownedBy: 'It is a component connection of {owners}, which this component cannot see.',
	unresolvedTitle: 'Unresolved connection reference',
	oauthAppTitle: 'OAuth application {app}',
	oauthAppShared: 'Set on the {scope} connections {ids}.',
	oauthAppSharedComponent: 'Set on the connections {ids} of component {component}.',
	more: 'and {count} more',
	keyTitle: '{key} · {file}',
	keyAllowed: 'Allowed values',
	keySince: 'Since',
	keySinceVersion: 'schemaVersion {version}',
	keyNotInVersion: 'This file has schemaVersion {version}: the platform ignores this key there. Set schemaVersion to {since} or later.',
} as const;

export type HoverTextKey = keyof typeof HOVER_TEXT;

/**
 * What the platform does with each key of its `.choreo` files (core/platform/choreoKeys.ts says which
 * key is which), from the platform's source-config validator and docs. Fixed Markdown (code spans only);
 * the editor passes each through its localisation.
 */
export const CHOREO_KEY_TEXT = {
	'schemaVersion': 'The version of the component.yaml format. The platform checks the file by the rules of that version and reads it as a number (`1.2` and `"1.2"` are the same): 1.0 has endpoints and legacy `serviceReferences`, 1.1 adds `connectionReferences` and `configurations`, 1.2 adds `configForm`.',
	'endpoints': 'The endpoints the component exposes. The platform creates one endpoint per entry (names are unique) and other components reach it through a connection to it.',
	'endpoint.name': 'The endpoint\'s name, unique in the file: at most 50 lower-case letters, digits, `_` and `-`, starting with a letter. It is the `<endpoint>` segment of a resourceRef that points at it.',
	'endpoint.displayName': 'The endpoint\'s display name in the console: at most 50 characters.',
	'endpoint.service': 'How the endpoint is served: `port` (required) and `basePath`.',
	'endpoint.basePath': 'The path the endpoint is served under: `/` followed by letters, digits, `/`, `-` and `_`.',
	'endpoint.port': 'The port the component listens on for this endpoint: a number above 1000 and below 65535. Required.',
	'endpoint.type': 'The endpoint\'s protocol. Required. A GRPC, TCP or UDP endpoint can only be visible within its project.',
	'endpoint.networkVisibilities': 'Who may reach the endpoint: `Public` (anyone, through the gateway), `Project` (components of the same project), `Organization` (any component of the organization). A connection to it names the matching `PUBLIC`, `PROJECT` or `ORGANIZATION` at the end of its resourceRef. GRPC, TCP and UDP endpoints take only `Project`.',
	'endpoint.networkVisibility': 'Who may reach the endpoint: `Public` (anyone, through the gateway), `Project` (components of the same project) or `Organization` (any component of the organization).',
	'endpoint.schemaFilePath': 'The endpoint\'s API definition (an OpenAPI file, a GraphQL schema …), relative to the component\'s folder (the one holding `.choreo/`). The platform refuses the file when it does not exist.',
	'endpoint.context': 'The path the endpoint is served under: `/` followed by letters, digits, `/`, `-` and `_`. Required for REST, GraphQL and WS endpoints.',
	'endpointsV0': 'The endpoints the component exposes, in the older shape: `name`, `port`, `type`, `networkVisibility`, `context`, `schemaFilePath`.',
	'endpointV0.name': 'The endpoint\'s name. Required.',
	'dependencies': 'What the component connects to. The platform injects a connection\'s variables into the component only when it is declared here.',
	'connectionReferences': 'The connections the component uses, each by `name` and `resourceRef`. The platform injects each one\'s parameters as `CHOREO_<NAME>_<KEY>` variables, except those that `configurations.env` renames.',
	'connectionReference.name': 'The connection\'s name: 3–50 letters, digits, spaces, `_`, `-` or `.`, starting and ending with a letter or digit, never two delimiters in a row. It gives the injected names: `CHOREO_<NAME>_<KEY>`, the name upper-cased with every other run of characters turned into `_`.',
	'connectionReference.resourceRef': 'What the connection points at: `[service:][/<project>/]<component>/<version>[/<endpoint>][/<PUBLIC|PROJECT|ORGANIZATION>]`, `thirdparty:<name>/<vN>`, `database:[<server>/]<database>` or `storage:<name>`. A service with `PROJECT` visibility is reachable only from its own project.',
	'serviceReferences': 'Legacy service references: `name`, `connectionConfig` (the connection\'s UUID) and `env` (which values to inject under which names). Still accepted in 1.1 and 1.2 for custom variable names; `connectionReferences` replace them.',
	'serviceReference.name': 'The referenced service: `choreo:///<org>/<project>/<component>/<endpoint>/<vN>/<PUBLIC|PROJECT|ORGANIZATION>`, `thirdparty:<name>/<vN>` or `database:[<server>/]<database>`. Required.',
	'serviceReference.connectionConfig': 'The UUID of the connection created in the console. Required.',
	'serviceReference.env': 'Which of the connection\'s values are injected, and under which names: `from` a connection key, `to` a variable name. Required.',
	'serviceReference.from': 'The connection key whose value is injected (for example `ServiceURL`).',
	'serviceReference.to': 'The environment variable the value is injected as.',
	'configurations': 'The component\'s configuration: `env` lists the environment variables the platform injects, each with its value source.',
	'configuration': 'The singular spelling of `configurations`: the platform accepts both.',
	'env': 'Environment variables the platform injects: each has a unique `name` and one value source, `value` or a `valueFrom` (`connectionRef`, `configGroupRef` or, since 1.2, `configForm`).',
	'env.name': 'The variable\'s name: a letter or `_`, then letters, digits and `_`; unique in the list.',
	'env.value': 'A fixed value for the variable.',
	'env.valueFrom': 'Where the variable\'s value comes from: `connectionRef` (a key of a connection), `configGroupRef` (a key of a configuration group) or `configForm` (asked in the console, 1.2). Give exactly one.',
	'connectionRef': 'Injects one key of a connection under this variable\'s name instead of `CHOREO_<NAME>_<KEY>`: the default name is then not injected. `name` is a `connectionReferences` name, `key` the connection key.',
	'connectionRef.name': 'The name of a connection declared in `dependencies.connectionReferences`. Required.',
	'connectionRef.key': 'The key of that connection: `ServiceURL`, `ConsumerKey`, `ConsumerSecret`, `TokenURL`, `ChoreoAPIKey` for a service; `HostName`, `Port`, `Username`, `Password`, `DatabaseName` for a database; a third-party service\'s own keys. Required.',
	'configGroupRef': 'The value of one key of a configuration group defined in the console: `name` of the group and `key`.',
	'configGroupRef.name': 'The configuration group\'s name. Required.',
	'configGroupRef.key': 'The key in that configuration group. Required.',
	'configForm': 'The value is asked for in the console when the component is deployed: `displayName`, `required` and `type` of the field.',
	'configForm.displayName': 'The label of the field the console shows.',
	'configForm.required': 'Whether the console requires a value: `true` or `false`.',
	'configForm.type': 'The type of the field the console shows.',
	'apiVersion': 'The format of component-config.yaml. An older source configuration: the platform reads it only when there is no component.yaml, and recommends component.yaml 1.2.',
	'kind': 'The kind of the document. Required.',
	'spec': 'The component\'s configuration: `inbound` (its endpoints) and `outbound` (what it connects to).',
	'spec.outbound': 'What the component connects to: legacy `serviceReferences`.',
	'version': 'The version of the endpoints.yaml format. The oldest source configuration: the platform reads it only when there is no component.yaml or component-config.yaml, and recommends component.yaml 1.2.',
} as const;

export type ChoreoKeyDoc = keyof typeof CHOREO_KEY_TEXT;

/** Messages of refused navigation actions (English; the editor localises them). `{x}` take plain text. */
export const NAVIGATION_MESSAGES = {
	'syntax-errors': 'connections.json has syntax errors: fix them first, then rename. Nothing was changed.',
	'unresolved': '"{id}" is not a connection visible here, so there is nothing to rename. Fix the reference first.',
	'unresolved-variable': '{variable} matches no connection visible here, so there is nothing to rename.',
	'renamed-variable': '{variable} is a name chosen in "env", not derived from the connection ID: rename the connection at its ID instead.',
	'not-renamable': 'Only a connection ID (or an OAuth application name) can be renamed here.',
	'invalid-id': '"{id}" is not a valid connection ID: 3 to 50 characters, starting and ending with a letter or digit, with letters, digits, spaces, "_", "-" or "." inside, never two of those in a row.',
	'invalid-app': '"{id}" is not a valid OAuth application name: 3 to 50 characters, starting and ending with a letter or digit, with letters, digits, spaces, "_", "-" or "." inside, never two of those in a row.',
	'duplicate-id': 'A connection "{id}" is already visible to the components that see "{old}": pick another ID.',
	'variable-collision': '"{id}" gives the variable prefix {prefix}, which "{other}" already has: their variables would collide. Pick another ID.',
	'ambiguous': 'connections.json has a duplicate key on the way to what would change: remove the duplicate first. Nothing was changed.',
	'stale': 'The files changed while the rename was prepared. Nothing was changed; try again.',
} as const;

export type NavigationMessageCode = keyof typeof NAVIGATION_MESSAGES;

// ---- The editor's forms and commands ------------------------------------------------------
// What core tells the add/edit/rename/change-scope flows and the edit pipeline, as a code and
// arguments; the glue localises it in one place (src/vscode/l10n.ts), the same way as findings.

export const VIEW_MESSAGES = {
	'id-too-short': 'A connection ID has at least {min} characters.',
	'id-too-long': 'A connection ID has at most {max} characters (this one has {length}).',
	'id-edge': 'A connection ID starts and ends with a letter or digit.',
	'id-character': 'A connection ID has only letters, digits, spaces and the delimiters "_", "-" and ".".',
	'id-double-delimiter': 'A connection ID never has two delimiters (space, "_", "-", ".") in a row.',
	'id-taken-component': '"{id}" is already a connection that this component can see. Choose another ID.',
	'id-taken-shared': '"{id}" is already a connection that some component can see. Choose another ID.',
	'id-variable-clash': '"{id}" would inject the same variables (CHOREO_{name}_…) as "{clash}". Choose another ID.',
	'oauth-app-name': 'An OAuth application name follows the connection name rule: 3–50 letters, digits, spaces, "_", "-" or ".".',
	'target-invalid': 'Not a valid {kind} target: {reason}. Expected {expected}.',
	'unknown-kind': 'Unknown kind "{kind}": use service, third-party or database.',
	'access-target-mismatch': 'The access mode "{access}" does not match the target\'s last segment ({implied}).',
	'security-needs-none': 'An endpoint with {access} access takes no security scheme but "none".',
	'component-gone': 'That component is no longer in connections.json.',
	'too-long': 'At most {max} characters.',
	'not-a-port': 'A port is a whole number from 1 to 65535.',
	'kind-first': 'Set a valid kind first.',
	'access-service-only': 'Only service connections have an access mode.',
	'access-values': 'Use project, organization or public.',
	'security-service-only': 'Only service connections have a security scheme.',
	'security-values': 'Use oauth2, api-key or none.',
	'oauth-app-scheme': 'An OAuth application applies only to the oauth2 security scheme.',
	'parameter-key': 'A parameter key starts with a letter and has only letters, digits and "_".',
	'move-already-there': 'The connection is already there.',
	'move-defined-by-component': '"{id}" is also defined by component "{component}": rename one first.',
	'move-defined-at-scope': '"{id}" is also defined at {scope} scope: rename one first.',
	'move-visible': '"{id}" is already visible to that component.',
	'refused-syntax-errors': 'connections.json has syntax errors: fix them first, then try again. Nothing was changed.',
	'refused-ambiguous': 'connections.json has a duplicate key on the way to what would change: remove the duplicate first. Nothing was changed.',
	'refused-not-found': 'What this edit changes is no longer in connections.json. Nothing was changed.',
	'refused-invalid': 'This edit cannot be made to connections.json as it is. Nothing was changed.',
	// The Connections view (src/core/views/treeModel.ts): labels, descriptions, tooltips.
	'tree-no-id': '(no id)',
	'tree-components': 'Components',
	'tree-connection-count-one': '{count} connection',
	'tree-connection-count': '{count} connections',
	'tree-component-count-one': '{count} component',
	'tree-component-count': '{count} components',
	'tree-ref-count-one': '{count} ref',
	'tree-ref-count': '{count} refs',
	'tree-error-count-one': '{count} error',
	'tree-error-count': '{count} errors',
	'tree-warning-count-one': '{count} warning',
	'tree-warning-count': '{count} warnings',
	'tree-unknown-kind': 'unknown kind',
	'tree-access-mode': '{access} access',
	'tree-own-connection': 'own connection',
	'tree-not-visible': 'not visible: a connection of {owners}',
	'tree-not-defined': 'not defined',
	'tree-used': 'used',
	'tree-row': '- {name}: {value}',
	'tree-row-scope': 'Scope',
	'tree-row-kind': 'Kind',
	'tree-row-target': 'Target',
	'tree-row-access': 'Access',
	'tree-row-security': 'Security',
	'tree-row-oauth-app': 'OAuth application',
	'tree-row-used-by': 'Used by',
	'tree-row-references': 'References',
	'tree-row-problems': 'Problems',
	'tree-row-type': 'Type',
	'tree-row-source-folder': 'Source folder',
	'tree-row-own-connections': 'Own connections',
	'tree-row-uses': 'Uses',
	'tree-of-component': '{scope} (component {component})',
	'tree-not-set': 'not set',
	'tree-project-app': 'the project\'s shared application',
	'tree-own-app': 'the connection\'s own application',
	'tree-no-component': 'no component',
	'tree-none': 'none',
	'tree-nothing': 'nothing',
	'tree-variables': '**Variables**',
	'tree-parameters': '**Parameters**',
	'tree-renamed-from': '{variable} (renamed from {original})',
	'tree-secret': 'secret',
	'tree-secret-set': 'secret: set',
	'tree-secret-not-set': 'secret: not set',
	'tree-secret-per-environment': 'secret: {states}',
	'tree-secret-env-set': 'set in {environment}',
	'tree-secret-env-not-set': 'not set in {environment}',
	'tree-invalid-value': 'invalid value',
} as const;

export type ViewMessageCode = keyof typeof VIEW_MESSAGES;

/** A message of the editor's forms and commands: a code of VIEW_MESSAGES and its arguments. */
export interface ViewMessage {
	readonly code: ViewMessageCode;
	readonly args: ProblemArgs;
}

/** A ViewMessage (arguments default to none). */
export function viewMessage(code: ViewMessageCode, args: ProblemArgs = {}): ViewMessage {
	return { code, args };
}

/** Turns a ViewMessage into text: viewMessageText in core and the CLI, the localising one in the editor. */
export type Say = (m: ViewMessage) => string;

/** The English text of a ViewMessage. */
export function viewMessageText(m: ViewMessage): string {
	return formatMessage(VIEW_MESSAGES[m.code], m.args);
}

// ---- import from the platform's .choreo files --------------------------------------------------

/** Why a variable of a local run has no value (core/run/materialize.ts), for comments, stderr and messages; never a value. */
export const RUN_MESSAGES = {
	'no-value': 'no value for this environment in connections.json',
	'secret-not-set': 'secret not set',
	'secrets-not-read': 'secret, not read',
	'invalid-name': 'not a valid variable name',
	'duplicate-name': 'another variable has this name',
	'secret-not-written': 'secret, not written',
} as const;

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
