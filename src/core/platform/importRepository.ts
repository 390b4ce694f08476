// Builds a connections.json for a repository that has the platform's `.choreo/` files and none of ours:
// one component per folder holding `.choreo/`, its connections from what the platform reads there
// (component.yaml > component-config.yaml > endpoints.yaml), renames included, secrets only marked.
import type { ConnectionKind } from '../model/model';
import { CONNECTION_ID_MAX, isValidConnectionId } from '../model/connectionId';
import { normaliseName } from '../model/naming';
import { legacyServiceTarget, parseLegacyServiceName, parsePlatformResourceRef, parseTarget } from '../model/resourceRef';
import { SECRET_KEYS } from '../model/secretNames';
import { readByPlatform, shadowedFiles, type ChoreoFile, type ChoreoFileName } from './choreoFiles';
import { parseComponentYaml, type ComponentYaml } from './componentYaml';

/** Why something found in a `.choreo` file did not become part of the imported file, or what to check. */
export type ImportNote =
	| { readonly code: 'shadowed-file'; readonly folder: string; readonly file: ChoreoFileName; readonly by: ChoreoFileName }
	| { readonly code: 'yaml-errors'; readonly folder: string; readonly file: ChoreoFileName; readonly count: number }
	| { readonly code: 'invalid-reference'; readonly folder: string; readonly name: string; readonly resourceRef: string; readonly expected: string }
	| { readonly code: 'unsupported-reference'; readonly folder: string; readonly name: string; readonly resourceRef: string }
	| { readonly code: 'renamed-id'; readonly folder: string; readonly name: string; readonly id: string }
	| { readonly code: 'target-left-out'; readonly folder: string; readonly id: string; readonly resourceRef: string; readonly reason: string };

export interface ImportResult {
	/** The new connections.json, JSONC with a header comment, ending in `eol`. */
	readonly text: string;
	readonly components: number;
	readonly projectConnections: number;
	readonly componentConnections: number;
	readonly notes: readonly ImportNote[];
}

interface FoundReference {
	readonly name: string;
	readonly kind: ConnectionKind;
	/** The target as the file wrote it (legacy `choreo:///` names are rewritten to the service grammar). */
	readonly target: string;
	readonly renames: { readonly variable: string; readonly key: string }[];
}

interface FoundComponent {
	readonly folder: string;
	readonly id: string;
	readonly references: FoundReference[];
}

/** A connection ID from any text: the rule's characters kept, runs of others turned into '-'. */
function toId(text: string, fallback: string): string {
	const cleaned = text.replace(/[^A-Za-z0-9 ._-]+/g, '-').replace(/[ ._-]{2,}/g, (run) => run[0]).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
	const id = cleaned.slice(0, CONNECTION_ID_MAX).replace(/[^A-Za-z0-9]+$/, '');
	return isValidConnectionId(id) ? id : fallback;
}

function uniqueId(base: string, taken: Set<string>): string {
	let id = base;
	for (let n = 2; taken.has(id.toLowerCase()) || taken.has(normaliseName(id)); n++) {
		const suffix = `-${n}`;
		id = base.slice(0, CONNECTION_ID_MAX - suffix.length) + suffix;
	}
	taken.add(id.toLowerCase());
	taken.add(normaliseName(id));
	return id;
}

function referencesOf(yaml: ComponentYaml, folder: string, notes: ImportNote[]): FoundReference[] {
	const out: FoundReference[] = [];
	const byName = new Map<string, FoundReference>();
	for (const r of yaml.connectionReferences) {
		const ref = r.resourceRef ?? '';
		const parsed = parsePlatformResourceRef(ref);
		if (!parsed.ok) {
			notes.push({ code: 'invalid-reference', folder, name: r.name, resourceRef: ref, expected: parsed.expected });
			continue;
		}
		if (parsed.ref.kind === 'storage') {
			notes.push({ code: 'unsupported-reference', folder, name: r.name, resourceRef: ref });
			continue;
		}
		const kind = parsed.ref.kind;
		const found: FoundReference = { name: r.name, kind, target: ref, renames: [] };
		out.push(found);
		byName.set(r.name, found);
	}
	for (const e of yaml.envConnectionRefs) {
		const found = byName.get(e.connection);
		if (found && e.key) {
			found.renames.push({ variable: e.envName, key: e.key });
		}
	}
	for (const s of yaml.legacyServiceReferences) {
		const legacy = parseLegacyServiceName(s.name);
		if (!legacy) {
			notes.push({ code: 'invalid-reference', folder, name: s.name, resourceRef: s.name, expected: 'choreo:///<org>/<project>/<component>/<endpoint>/<vN>/<PUBLIC|PROJECT|ORGANIZATION>' });
			continue;
		}
		const kind = legacy.kind;
		const target = legacy.kind === 'service' ? legacyServiceTarget(legacy) : s.name;
		const name = legacy.kind === 'service' ? legacy.component : s.name.replace(/^[a-z]+:/, '');
		out.push({ name, kind, target, renames: s.env.map((x) => ({ variable: x.to, key: x.from })) });
	}
	return out;
}

/** The folder's last segment, or the repository's name for the root. */
function folderName(folder: string, repositoryName: string): string {
	return folder === '' ? repositoryName : folder.slice(folder.lastIndexOf('/') + 1);
}

/**
 * Builds connections.json from every `.choreo` file of a repository. A connection referenced by two or
 * more components with the same resourceRef goes to the project, any other to its component. Pure:
 * the same files always give the same text.
 */
export function importRepository(files: readonly ChoreoFile[], repositoryName: string, eol = '\n'): ImportResult {
	const notes: ImportNote[] = [];
	const byFolder = new Map<string, Map<ChoreoFileName, string>>();
	for (const f of files) {
		const m = byFolder.get(f.folder) ?? new Map<ChoreoFileName, string>();
		m.set(f.name, f.text);
		byFolder.set(f.folder, m);
	}
	const componentIds = new Set<string>();
	const components: FoundComponent[] = [];
	for (const folder of [...byFolder.keys()].sort()) {
		const present = byFolder.get(folder)!;
		const chosen = readByPlatform([...present.keys()])!;
		for (const { file, by } of shadowedFiles([...present.keys()])) {
			notes.push({ code: 'shadowed-file', folder, file, by });
		}
		const yaml = parseComponentYaml(present.get(chosen)!);
		if (yaml.errors.length) {
			notes.push({ code: 'yaml-errors', folder, file: chosen, count: yaml.errors.length });
		}
		const id = uniqueId(toId(folderName(folder, repositoryName), 'component'), componentIds);
		components.push({ folder, id, references: chosen === 'endpoints.yaml' ? [] : referencesOf(yaml, folder, notes) });
	}

	// Shared: the same name with the same target in two or more components, and no other target under that name.
	const targetsByName = new Map<string, Set<string>>();
	const usersByName = new Map<string, Set<string>>();
	for (const c of components) {
		for (const r of c.references) {
			(targetsByName.get(r.name) ?? targetsByName.set(r.name, new Set()).get(r.name)!).add(`${r.kind} ${r.target}`);
			(usersByName.get(r.name) ?? usersByName.set(r.name, new Set()).get(r.name)!).add(c.folder);
		}
	}
	const shared = new Set([...usersByName].filter(([name, users]) => users.size >= 2 && targetsByName.get(name)!.size === 1).map(([name]) => name));

	const sharedIds = new Set<string>();
	const projectConnections: Record<string, unknown>[] = [];
	const sharedIdOf = new Map<string, string>();
	for (const name of [...shared].sort()) {
		const c = components.find((x) => x.references.some((r) => r.name === name))!;
		const r = c.references.find((x) => x.name === name)!;
		const id = uniqueId(toId(name, 'connection'), sharedIds);
		if (id !== name) {
			notes.push({ code: 'renamed-id', folder: c.folder, name, id });
		}
		sharedIdOf.set(name, id);
		projectConnections.push(connectionJson(id, r, c.folder, notes));
	}

	let componentConnections = 0;
	const componentJson = components.map((c) => {
		const own: Record<string, unknown>[] = [];
		const uses: string[] = [];
		const env: Record<string, { connection: string; key: string }> = {};
		const ownIds = new Set(sharedIds);
		for (const r of c.references) {
			let id = sharedIdOf.get(r.name);
			if (id) {
				if (!uses.includes(id)) {
					uses.push(id);
				}
			} else {
				id = uniqueId(toId(r.name, 'connection'), ownIds);
				if (id !== r.name) {
					notes.push({ code: 'renamed-id', folder: c.folder, name: r.name, id });
				}
				own.push(connectionJson(id, r, c.folder, notes));
			}
			for (const rename of r.renames) {
				env[rename.variable] = { connection: id, key: rename.key };
			}
		}
		componentConnections += own.length;
		return {
			id: c.id,
			path: c.folder,
			...(uses.length ? { uses } : {}),
			...(own.length ? { connections: own } : {}),
			...(Object.keys(env).length ? { env } : {}),
		};
	});

	const file = {
		version: 1,
		project: {
			id: projectIdOf(components) ?? toId(repositoryName.toLowerCase(), 'my-project'),
			...(projectConnections.length ? { connections: projectConnections } : {}),
			components: componentJson,
		},
	};
	const header = [
		'// Imported from the .choreo files of this repository by "Connections: Import from component.yaml".',
		`// ${components.length} component${components.length === 1 ? '' : 's'}, one per folder holding .choreo/. Inferred, so check:`,
		'//  - scopes: a connection that two or more components reference with the same resourceRef is a project',
		'//    connection, any other belongs to its component; move one with "Connections: Change Scope";',
		'//  - the project ID is the one project that PROJECT-visibility references name (only its own project can reach',
		'//    them), else the repository folder\'s name; no organization connections are inferred;',
		'//  - secret values are never imported: Password and other secrets are { "secret": true }.',
		'// The platform reads .choreo/component.yaml: keep both in step (the sync quick fixes help).',
	];
	const body = JSON.stringify(file, null, 2).split('\n');
	return {
		text: [...header, ...body, ''].join(eol),
		components: components.length,
		projectConnections: projectConnections.length,
		componentConnections,
		notes,
	};
}

/**
 * The project the references say this repository belongs to: a PROJECT-visibility endpoint is reachable only from
 * its own project, so when every such reference that names a project names the same one, that is the project.
 */
function projectIdOf(components: readonly FoundComponent[]): string | undefined {
	const named = new Set<string>();
	for (const r of components.flatMap((c) => c.references)) {
		const parsed = r.kind === 'service' ? parsePlatformResourceRef(r.target) : undefined;
		if (parsed?.ok && parsed.ref.kind === 'service' && parsed.ref.visibility === 'PROJECT' && parsed.ref.project !== undefined) {
			named.add(parsed.ref.project);
		}
	}
	const [only] = named;
	return named.size === 1 && SCOPE_ID.test(only) ? only : undefined;
}

/** connections.json's `project.id` grammar (the schema's scopeId). */
const SCOPE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A connection entry; a target connections.json's grammar refuses is left out, and the note says why. */
function connectionJson(id: string, r: FoundReference, folder: string, notes: ImportNote[]): Record<string, unknown> {
	const parsed = parseTarget(r.kind, r.target);
	if (!parsed.ok) {
		notes.push({ code: 'target-left-out', folder, id, resourceRef: r.target, reason: parsed.reason });
	}
	const parameters: Record<string, { secret: true }> = {};
	if (r.kind === 'database') {
		parameters.Password = { secret: true };
	}
	for (const rename of r.renames) {
		if (SECRET_KEYS.has(rename.key)) {
			parameters[rename.key] = { secret: true };
		}
	}
	const visibility = r.kind === 'service' ? /\/(PUBLIC|PROJECT|ORGANIZATION)$/.exec(r.target)?.[1] : undefined;
	return {
		id,
		kind: r.kind,
		...(parsed.ok ? { target: r.target } : {}),
		...(parsed.ok && visibility ? { access: visibility.toLowerCase() } : {}),
		...(Object.keys(parameters).length ? { parameters } : {}),
	};
}
