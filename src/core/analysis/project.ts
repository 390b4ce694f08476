// One repository's analysis: its connections.json, the component source that reads
// connection variables, and the components' .choreo/component.yaml files. The editor and
// the command line both feed files in and read findings out, so they agree by construction.
import { parseComponentYaml, type ComponentYaml, type YamlEnvConnectionRef } from '../platform/componentYaml';
import { choreoFileOfPath, choreoFilePath, readByPlatform, type ChoreoFileName } from '../platform/choreoFiles';
import { checkChoreoFile } from '../platform/sourceConfig';
import type { NewComponentYaml } from '../platform/componentYamlEdits';
import { didYouMean, suggestionText } from '../text/didYouMean';
import type { Component, Connection, EnvRename, InjectedRename } from '../model/model';
import { variableName, variablePrefix } from '../model/naming';
import { DEFAULT_LIMITS, parseConnectionsText, propertyNode, type ParseLimits, type ParsedConnectionsFile } from '../json/parse';
import { problem, sortProblems, type IntentArg, type Problem, type ProblemCode } from '../findings/problems';
import { scanEnvReads, type EnvRead } from '../source/envReads';
import { languageOfPath, type SourceLanguage } from '../source/languages';
import { checkModel } from './rules';
import { isOtherProjectOnly, legacyServiceTarget, parseLegacyServiceName, parsePlatformResourceRef } from '../model/resourceRef';
import { validateSchema } from '../json/schemaValidation';
import { buildIndex, connectionKeyParts, endsInConnectionKey, keysOf, kindOf, VariableResolver, visibleConnections, whyNotVisible, type ConnectionIndex, type ResolvedVariable } from '../model/scope';

export const CONNECTIONS_FILE = 'connections.json';
export const COMPONENT_YAML = '.choreo/component.yaml';

/** A reference to a connection in some file of the repository. */
export interface ConnectionReference {
	/** Repository-relative path, `/`-separated. */
	readonly file: string;
	readonly offset: number;
	readonly length: number;
	readonly connectionId: string;
	readonly kind: 'definition' | 'use' | 'env-rename' | 'oauth-app' | 'source' | 'component-yaml';
	/** For source references: the variable read and the key it resolves to. */
	readonly variable?: string;
	readonly key?: string;
	/** Component the reference belongs to. */
	readonly componentId?: string;
}

interface SourceEntry {
	readonly language: SourceLanguage;
	readonly reads: readonly EnvRead[];
}

/** The resolution of one env read in component source. */
export interface ResolvedRead {
	readonly read: EnvRead;
	readonly component: Component;
	readonly connection?: Connection;
	readonly key?: string;
	/** True when the variable is a rename from the component's `env`. */
	readonly renamed?: boolean;
}

/** Is `file` (repository-relative) inside `folder` ('' = the root)? */
export function isUnder(file: string, folder: string): boolean {
	return folder === '' || file === folder || file.startsWith(folder + '/');
}

/** What a component.yaml declares, by name and (for legacy service references) by the service target. */
interface YamlDeclarations {
	readonly names: ReadonlySet<string>;
	readonly targets: ReadonlySet<string>;
}

const declarationsCache = new WeakMap<ComponentYaml, YamlDeclarations>();

/** The connections a component.yaml declares: `connectionReferences` names and legacy `serviceReferences`. */
function yamlDeclarations(yaml: ComponentYaml): YamlDeclarations {
	let d = declarationsCache.get(yaml);
	if (!d) {
		const names = new Set(yaml.connectionReferences.map((r) => r.name));
		const targets = new Set<string>();
		for (const s of yaml.legacyServiceReferences) {
			names.add(s.name);
			const legacy = parseLegacyServiceName(s.name);
			if (legacy?.kind === 'service') {
				targets.add(legacyServiceTarget(legacy));
			}
		}
		d = { names, targets };
		declarationsCache.set(yaml, d);
	}
	return d;
}

/** Whether a component.yaml declares connection `c` (by name, or a legacy reference to its target). */
function declaresConnection(d: YamlDeclarations, c: Connection): boolean {
	return d.names.has(c.id) || (c.target !== undefined && d.targets.has(c.target.value));
}

export class ConnectionsProject {
	private parsedFile: ParsedConnectionsFile;
	private idx: ConnectionIndex;
	private jsonProblems: readonly Problem[] = [];
	private readonly sources = new Map<string, SourceEntry>();
	/** Every `.choreo` file (component.yaml, component-config.yaml, endpoints.yaml), by repository-relative path. */
	private readonly yamls = new Map<string, ChoreoEntry>();
	/** The `.choreo` file names present per component folder, for the platform's precedence. */
	private readonly choreoByFolder = new Map<string, Set<ChoreoFileName>>();
	private fileExists?: (path: string) => boolean;
	private resolvers = new Map<Component | undefined, VariableResolver>();
	private renameCache = new WeakMap<Component, { readonly yaml: ComponentYaml | undefined; readonly renames: readonly InjectedRename[] }>();
	private keyParts: Set<string> | undefined;
	private complete = false;
	private cached?: Map<string, Problem[]>;

	/** Set once every source file has been fed in: only then can "declared but never read" be known. */
	get sourcesComplete(): boolean {
		return this.complete;
	}

	set sourcesComplete(value: boolean) {
		this.complete = value;
		this.cached = undefined;
	}

	constructor(text = '', private readonly limits: ParseLimits = DEFAULT_LIMITS) {
		this.parsedFile = parseConnectionsText(text, limits);
		this.idx = buildIndex(this.parsedFile.model);
		this.jsonProblems = this.checkConnectionsFile();
	}

	get parsed(): ParsedConnectionsFile {
		return this.parsedFile;
	}

	get index(): ConnectionIndex {
		return this.idx;
	}

	/** Replaces the connections.json text; re-parses and re-checks it. */
	updateConnections(text: string): void {
		this.cached = undefined;
		if (text === this.parsedFile.text) {
			return;
		}
		this.parsedFile = parseConnectionsText(text, this.limits);
		this.idx = buildIndex(this.parsedFile.model);
		this.resolvers = new Map();
		this.keyParts = undefined;
		this.jsonProblems = this.checkConnectionsFile();
	}

	private checkConnectionsFile(): Problem[] {
		const p = this.parsedFile;
		const out = [...p.problems];
		if (p.editRefusal || !p.root) {
			return out; // nothing else is checked until it parses
		}
		out.push(...validateSchema(p.root, p.value));
		const version = propertyNode(p.root, 'version');
		if (version && version.type === 'number' && version.value !== 1) {
			out.push(problem('unsupported-version', version.offset, version.length, { version: String(version.value) }));
		}
		out.push(...checkModel(p.model, this.idx));
		return out;
	}

	/** Whether a repository-relative path is a source file this analysis reads. */
	static isSourcePath(file: string): boolean {
		return languageOfPath(file) !== undefined;
	}

	/** Adds or replaces one source file; returns false when it is not a supported language. */
	updateSource(file: string, text: string): boolean {
		const language = languageOfPath(file);
		if (!language) {
			return false;
		}
		this.cached = undefined;
		this.sources.set(file, { language, reads: scanEnvReads(text, language) });
		return true;
	}

	removeSource(file: string): void {
		this.cached = undefined;
		this.sources.delete(file);
	}

	sourceFiles(): IterableIterator<string> {
		return this.sources.keys();
	}

	/** Whether the analysis holds this source or `.choreo` file. */
	hasFile(file: string): boolean {
		return this.sources.has(file) || this.yamls.has(file);
	}

	/** Every source and `.choreo` file under a repository-relative folder ('' = all), e.g. when the folder was deleted. */
	filesUnder(folder: string): string[] {
		const prefix = folder ? `${folder}/` : '';
		return [...this.sources.keys(), ...this.yamls.keys()].filter((f) => f.startsWith(prefix));
	}

	/**
	 * Adds or replaces one of a component's `.choreo` files (a repository-relative path ending in
	 * `.choreo/component.yaml`, `component-config.yaml` or `endpoints.yaml`); false for any other path.
	 */
	updateChoreoFile(file: string, text: string): boolean {
		const at = choreoFileOfPath(file);
		if (!at) {
			return false;
		}
		this.cached = undefined;
		if (this.yamls.get(file)?.text !== text) {
			this.yamls.set(file, { ...at, text, yaml: parseComponentYaml(text) });
		}
		let names = this.choreoByFolder.get(at.folder);
		if (!names) {
			this.choreoByFolder.set(at.folder, names = new Set());
		}
		if (!names.has(at.name)) {
			names.add(at.name);
			this.forgetPlatformFindings(at.folder);
		}
		return true;
	}

	removeChoreoFile(file: string): void {
		const entry = this.yamls.get(file);
		if (!entry) {
			return;
		}
		this.cached = undefined;
		this.yamls.delete(file);
		const names = this.choreoByFolder.get(entry.folder);
		names?.delete(entry.name);
		if (names?.size === 0) {
			this.choreoByFolder.delete(entry.folder);
		}
		this.forgetPlatformFindings(entry.folder);
	}

	/** Which files of a folder the platform reads changed: their findings are computed again. */
	private forgetPlatformFindings(folder: string): void {
		for (const name of this.choreoByFolder.get(folder) ?? []) {
			const e = this.yamls.get(choreoFilePath({ folder, name }));
			if (e) {
				e.platform = undefined;
			}
		}
	}

	/**
	 * How the platform's `schemaFilePath` rule learns which repository files exist (repository-relative
	 * paths). Without it the rule is not applied; the editor and the command line both give one.
	 */
	setFileExists(fileExists: ((path: string) => boolean) | undefined): void {
		this.fileExists = fileExists;
		this.cached = undefined;
		for (const e of this.yamls.values()) {
			e.platform = undefined;
		}
	}

	/** A parsed `.choreo/component.yaml` (only that file name; what the platform reads for injection is chosen by `yamlOfComponent`). */
	componentYaml(file: string): ComponentYaml | undefined {
		const e = this.yamls.get(file);
		return e?.name === 'component.yaml' ? e.yaml : undefined;
	}

	/** The repository-relative paths of every `.choreo/component.yaml`. */
	*componentYamlFiles(): IterableIterator<string> {
		for (const [file, e] of this.yamls) {
			if (e.name === 'component.yaml') {
				yield file;
			}
		}
	}

	/** The repository-relative paths of every `.choreo` file the analysis holds. */
	choreoFiles(): IterableIterator<string> {
		return this.yamls.keys();
	}

	/** The component whose source folder holds `file` (the deepest one). */
	componentOf(file: string): Component | undefined {
		let best: Component | undefined;
		for (const c of this.idx.model.components) {
			const folder = c.sourcePath?.value;
			if (folder !== undefined && c.hasId && isUnder(file, folder) && (!best || folder.length > (best.sourcePath?.value.length ?? -1))) {
				best = c;
			}
		}
		return best;
	}

	/** The component whose component.yaml is `file`. */
	componentOfYaml(file: string): Component | undefined {
		return this.idx.model.components.find((c) => c.sourcePath !== undefined && c.hasId && yamlPathOf(c) === file);
	}

	private resolverFor(component: Component): VariableResolver {
		let r = this.resolvers.get(component);
		if (!r) {
			let shared = this.resolvers.get(undefined);
			if (!shared) {
				this.resolvers.set(undefined, shared = new VariableResolver(this.idx.shared.values()));
			}
			r = new VariableResolver(component.connections.filter((c) => c.hasId), shared);
			this.resolvers.set(component, r);
		}
		return r;
	}

	/**
	 * The renames the platform applies to a component's variables: its component.yaml's
	 * (`configurations.env[].valueFrom.connectionRef`, legacy `serviceReferences[].env` from/to) where the
	 * platform reads one that parses, else connections.json's `env`. Cached per component and file read.
	 */
	injectedRenames(component: Component): readonly InjectedRename[] {
		const yaml = this.yamlOfComponent(component);
		const from = yaml && !yaml.errors.length ? yaml : undefined;
		const cached = this.renameCache.get(component);
		if (cached && cached.yaml === from) {
			return cached.renames;
		}
		const renames: InjectedRename[] = [];
		if (!from) {
			for (const e of component.env) {
				if (e.connection) {
					renames.push({ variable: e.variable, connection: e.connection.value, key: e.key?.value });
				}
			}
		} else {
			for (const r of from.envConnectionRefs) {
				renames.push({ variable: r.envName, connection: r.connection, key: r.key });
			}
			const visible = visibleConnections(this.idx, component);
			for (const s of from.legacyServiceReferences) {
				const legacy = parseLegacyServiceName(s.name);
				const target = legacy?.kind === 'service' ? legacyServiceTarget(legacy) : undefined;
				const c = target === undefined ? undefined : [...visible.values()].find((x) => x.target?.value === target);
				for (const e of c ? s.env : []) {
					renames.push({ variable: e.to, connection: c!.id, key: e.from });
				}
			}
		}
		this.renameCache.set(component, { yaml: from, renames });
		return renames;
	}

	/**
	 * Whether connection `c` (visible to the component) is injected into it: its own, listed in `uses`, or
	 * declared by the component.yaml the platform reads (a connection it references is declared too).
	 */
	injects(component: Component, c: Connection): boolean {
		if (c.scope === 'component' || component.uses.some((u) => u.id === c.id)) {
			return true;
		}
		const yaml = this.yamlOfComponent(component);
		return !!yaml && declaresConnection(yamlDeclarations(yaml), c);
	}

	/** The connections injected into a component, own first (visibleConnections' order). */
	injectedConnections(component: Component): Connection[] {
		return [...visibleConnections(this.idx, component).values()].filter((c) => this.injects(component, c));
	}

	/** Resolves one variable name as read by a component's source (renamed as the platform injects it). */
	resolveVariable(component: Component, variable: string): (ResolvedVariable & { renamed?: boolean }) | undefined {
		const rename = this.injectedRenames(component).find((e) => e.variable === variable);
		if (rename) {
			const c = visibleConnections(this.idx, component).get(rename.connection);
			return c ? { connection: c, key: rename.key ?? '', matchedKey: rename.key, renamed: true } : undefined;
		}
		return this.resolverFor(component).resolve(variable);
	}

	/** Every env read of a source file with what it resolves to (connection reads only). */
	readsOf(file: string): ResolvedRead[] {
		const entry = this.sources.get(file);
		const component = entry && this.componentOf(file);
		if (!entry || !component) {
			return [];
		}
		const out: ResolvedRead[] = [];
		for (const read of entry.reads) {
			const r = this.resolveVariable(component, read.variable);
			if (r) {
				out.push({ read, component, connection: r.connection, key: r.matchedKey ?? r.key, renamed: r.renamed });
			} else if (read.variable.startsWith('CHOREO_')) {
				out.push({ read, component });
			}
		}
		return out;
	}

	/**
	 * Findings for every file, keyed by repository-relative path (connections.json included, even
	 * when clean). Computed once per change of any input; callers get their own Map and arrays.
	 */
	analyze(): Map<string, Problem[]> {
		this.cached ??= this.computeAnalysis();
		return new Map([...this.cached].map(([file, problems]) => [file, [...problems]]));
	}

	private computeAnalysis(): Map<string, Problem[]> {
		const result = new Map<string, Problem[]>();
		const json = [...this.jsonProblems];
		result.set(CONNECTIONS_FILE, json);
		if (this.parsedFile.editRefusal) {
			for (const f of this.sources.keys()) {
				result.set(f, []);
			}
			// The platform's own rules on its files do not wait for connections.json.
			for (const [f, entry] of this.yamls) {
				result.set(f, sortProblems(this.checkChoreoFile(f, entry, false)));
			}
			return result;
		}
		const usedBy = new Map<Component, Set<string>>();
		for (const [file] of this.sources) {
			const problems: Problem[] = [];
			result.set(file, problems);
			const component = this.componentOf(file);
			if (!component) {
				continue;
			}
			let used = usedBy.get(component);
			if (!used) {
				usedBy.set(component, used = new Set());
			}
			for (const r of this.readsOf(file)) {
				this.checkRead(r, used, problems);
			}
		}
		if (this.sourcesComplete) {
			for (const comp of this.idx.model.components) {
				if (comp.sourcePath === undefined || !comp.hasId) {
					continue;
				}
				const used = usedBy.get(comp) ?? new Set<string>();
				const visible = visibleConnections(this.idx, comp);
				this.checkHasComponentYaml(comp, used, json);
				for (const u of comp.uses) {
					const c = visible.get(u.id);
					if (c && c.scope !== 'component' && !used.has(u.id)) {
						json.push(problem('unused-connection', u.span.offset, u.span.length,
							{ id: u.id, component: comp.id, path: comp.sourcePath.value || '.', prefix: variablePrefix(u.id) },
							{ connectionId: u.id, componentId: comp.id, index: u.index }));
					}
				}
			}
		}
		for (const [file, entry] of this.yamls) {
			result.set(file, this.checkChoreoFile(file, entry));
		}
		for (const list of result.values()) {
			sortProblems(list);
		}
		return result;
	}

	/**
	 * A component that uses connections (in connections.json or by reading them) and has no component.yaml
	 * (nor a legacy component-config.yaml) gets nothing injected. Information, not a warning: many repositories
	 * are still adopting the platform's files. The fix creates the file when no other `.choreo` file is there.
	 */
	private checkHasComponentYaml(comp: Component, read: ReadonlySet<string>, out: Problem[]): void {
		const folder = comp.sourcePath!.value;
		const names = this.choreoByFolder.get(folder);
		const platform = names && readByPlatform([...names]);
		if (platform === 'component.yaml' || platform === 'component-config.yaml') {
			return;
		}
		if (!comp.uses.length && !comp.connections.some((c) => c.hasId) && !read.size) {
			return;
		}
		const file = yamlPathOf(comp)!;
		// Only a path that stays inside the repository is written to (the rule schemaFilePath is resolved by).
		const inside = joinRelative('', file) !== OUTSIDE;
		out.push(problem('component-yaml-missing-file', comp.idSpan.offset, comp.idSpan.length, { component: comp.id, file },
			{ componentId: comp.id, file, canCreate: inside && !names?.size }));
	}

	/** What a new component.yaml for `comp` declares: every connection it uses, owns or reads, and its `env` renames. */
	newComponentYaml(componentId: string): NewComponentYaml | undefined {
		const comp = this.idx.model.components.find((c) => c.hasId && c.id === componentId);
		if (!comp) {
			return undefined;
		}
		const visible = visibleConnections(this.idx, comp);
		const ids = new Set<string>([...comp.uses.map((u) => u.id), ...comp.connections.filter((c) => c.hasId).map((c) => c.id)]);
		for (const file of this.sources.keys()) {
			for (const r of this.readsOf(file)) {
				if (r.component === comp && r.connection) {
					ids.add(r.connection.id);
				}
			}
		}
		const references: { name: string; resourceRef: string }[] = [];
		let withoutTarget = 0;
		for (const id of ids) {
			const c = visible.get(id);
			if (!c) {
				continue;
			}
			if (c.target) {
				references.push({ name: id, resourceRef: c.target.value });
			} else {
				withoutTarget++;
			}
		}
		const renames = comp.env.filter((e) => e.connection && e.key && visible.has(e.connection.value))
			.map((e) => ({ envName: e.variable, connection: e.connection!.value, key: e.key!.value }));
		return { references, renames, withoutTarget };
	}

	private checkRead(r: ResolvedRead, used: Set<string>, out: Problem[]): void {
		const { read, component } = r;
		const at = <C extends ProblemCode>(code: C, args: Record<string, string | number>, intent: IntentArg<C>) =>
			out.push(problem(code, read.offset, read.length, { variable: read.variable, component: component.id, ...args }, intent));
		const c = r.connection;
		if (!c) {
			const resolver = this.resolverFor(component);
			const rest = read.variable.slice(7);
			const names = [...resolver.names()];
			// Compare the part before the key with every visible connection's normalised name.
			const head = rest.slice(0, Math.max(rest.lastIndexOf('_'), 0)) || rest;
			const near = didYouMean(head, names).map((n) => resolver.connectionOfName(n)!);
			const candidates = near.map((n) => variableName(n.id, read.variable.slice(7 + head.length + 1) || 'ServiceURL'));
			const otherComponent = this.idx.model.components.flatMap((comp) => comp.connections).find((x) => x.componentId !== component.id && read.variable.startsWith(variablePrefix(x.id)));
			// CHOREO_ENV, CHOREO_REGION, …: the platform's own variables, unless it is a near miss of a connection.
			this.keyParts ??= connectionKeyParts(this.idx.model);
			if (!otherComponent && !near.length && !endsInConnectionKey(read.variable, this.keyParts)) {
				return;
			}
			if (otherComponent) {
				at('out-of-scope-reference', { id: otherComponent.id, owner: otherComponent.componentId ?? '' }, { connectionId: otherComponent.id, componentId: component.id, listed: false });
			} else {
				at('unknown-reference', { suggestion: suggestionText(candidates) }, { variable: read.variable, componentId: component.id, candidates });
			}
			return;
		}
		used.add(c.id);
		const keys = keysOf(c);
		if (!r.renamed && !keys.some((k) => variableName(c.id, k) === read.variable)) {
			const candidates = didYouMean(r.key ?? '', keys.map((k) => variableName(c.id, k).slice(variablePrefix(c.id).length)))
				.map((k) => variablePrefix(c.id) + k);
			at('unknown-key-reference', { id: c.id, kind: kindOf(c) ?? 'unknown', key: r.key ?? '', suggestion: suggestionText(candidates) }, { variable: read.variable, componentId: component.id, candidates });
			return;
		}
		if (!r.renamed) {
			const rename = this.injectedRenames(component).find((e) => e.connection === c.id && e.key && variableName(c.id, e.key) === read.variable);
			if (rename) {
				at('renamed-variable-reference', { renamed: rename.variable }, { variable: read.variable, componentId: component.id, candidates: [rename.variable] });
				return;
			}
		}
		if (!this.injects(component, c)) {
			at('undeclared-reference', { id: c.id }, { connectionId: c.id, componentId: component.id });
		}
	}

	/**
	 * What the platform reads for a component's connections: its component.yaml, or else its legacy
	 * component-config.yaml (endpoints.yaml declares none).
	 */
	private yamlOfComponent(component: Component): ComponentYaml | undefined {
		const folder = component.sourcePath?.value;
		const names = folder === undefined ? undefined : this.choreoByFolder.get(folder);
		const read = names && readByPlatform([...names]);
		if (read !== 'component.yaml' && read !== 'component-config.yaml') {
			return undefined;
		}
		return this.yamls.get(choreoFilePath({ folder: folder!, name: read }))?.yaml;
	}

	/** A `.choreo` file's findings: its YAML errors, the platform validator's rules, and (component.yaml) how it agrees with connections.json. */
	private checkChoreoFile(file: string, entry: ChoreoEntry, withModel = true): Problem[] {
		const out: Problem[] = [];
		for (const e of entry.yaml.errors) {
			out.push(problem('component-yaml-invalid', e.offset, e.length, { error: e.message }));
		}
		if (!entry.yaml.errors.length) {
			const exists = this.fileExists;
			entry.platform ??= checkChoreoFile(entry, [...(this.choreoByFolder.get(entry.folder) ?? [])], exists && ((p) => exists(joinRelative(entry.folder, p))));
			out.push(...entry.platform);
		}
		if (withModel && entry.name === 'component.yaml') {
			this.checkYaml(file, entry.yaml, out);
		}
		return out;
	}

	private checkYaml(file: string, yaml: ComponentYaml, out: Problem[]): void {
		const component = this.componentOfYaml(file);
		if (!component || yaml.errors.length) {
			return;
		}
		const visible = visibleConnections(this.idx, component);
		const named = new Set<string>();
		const project = this.parsed.model.project?.id?.value;
		for (const ref of yaml.connectionReferences) {
			named.add(ref.name);
			// The platform's grammar: a reference without a project segment is the component's own project.
			const parsedRef = project !== undefined && ref.resourceRef !== undefined ? parsePlatformResourceRef(ref.resourceRef) : undefined;
			if (project !== undefined && ref.resourceRefSpan && parsedRef?.ok && parsedRef.ref.kind === 'service' && isOtherProjectOnly(parsedRef.ref, project)) {
				out.push(problem('project-visibility-other-project', ref.resourceRefSpan.offset, ref.resourceRefSpan.length,
					{ target: ref.resourceRef!, targetProject: parsedRef.ref.project!, project }));
			}
			const c = visible.get(ref.name);
			if (!c) {
				const why = whyNotVisible(this.idx, ref.name);
				const candidates = didYouMean(ref.name, visible.keys());
				out.push(problem('component-yaml-unknown-connection', ref.nameSpan.offset, ref.nameSpan.length,
					{ name: ref.name, component: component.id, suggestion: why.reason === 'other-component' ? ` It is a component connection of "${why.owners[0].componentId}".` : suggestionText(candidates) },
					{ name: ref.name, candidates }));
				continue;
			}
			if (c.target && ref.resourceRef !== undefined && ref.resourceRefSpan && ref.resourceRef !== c.target.value) {
				out.push(problem('component-yaml-target-mismatch', ref.resourceRefSpan.offset, ref.resourceRefSpan.length,
					{ name: ref.name, yamlTarget: ref.resourceRef, target: c.target.value }, { name: c.id, target: c.target.value }));
			}
		}
		for (const r of yaml.envConnectionRefs) {
			named.add(r.connection);
			const c = visible.get(r.connection);
			if (!c) {
				const candidates = didYouMean(r.connection, visible.keys());
				out.push(problem('component-yaml-unknown-connection', r.connectionSpan.offset, r.connectionSpan.length,
					{ name: r.connection, component: component.id, suggestion: suggestionText(candidates) }, { name: r.connection, candidates }));
			} else if (r.key !== undefined && r.keySpan && !keysOf(c).includes(r.key)) {
				const keys = keysOf(c);
				const candidates = didYouMean(r.key, keys);
				out.push(problem('unknown-parameter', r.keySpan.offset, r.keySpan.length,
					{ key: r.key, kind: kindOf(c) ?? 'unknown', suggestion: suggestionText(candidates), known: keys.join(', ') }, { key: r.key, candidates, at: { in: 'component-yaml' } }));
			}
		}
		const used = new Set(component.uses.map((u) => u.id));
		const declared = [...used, ...component.connections.filter((c) => c.hasId).map((c) => c.id)];
		const anchor = yaml.connectionReferencesSpan ?? { offset: 0, length: 0 };
		const declarations = yamlDeclarations(yaml);
		const bump = yaml.schemaVersion === '1.0';
		for (const id of declared) {
			if (visible.has(id) && !named.has(id) && !declaresConnection(declarations, visible.get(id)!)) {
				const c = visible.get(id)!;
				out.push(problem('component-yaml-missing-reference', anchor.offset, anchor.length, { component: component.id, id },
					{ connectionId: id, componentId: component.id, target: c.target?.value, inUses: used.has(id), bump }));
			}
		}
		// The other direction: what component.yaml declares (and the platform injects) that connections.json does not say.
		const reported = new Set<string>();
		for (const ref of yaml.connectionReferences) {
			const c = visible.get(ref.name);
			if (c && c.scope !== 'component' && !used.has(ref.name) && !reported.has(ref.name)) {
				reported.add(ref.name);
				out.push(problem('component-yaml-unlisted-reference', ref.nameSpan.offset, ref.nameSpan.length, { component: component.id, id: ref.name },
					{ connectionId: ref.name, componentId: component.id }));
			}
		}
		this.checkRenames(component, yaml, visible, bump, out);
	}

	/** Renames in connections.json `env` and component.yaml `configurations.env` agree, both ways. */
	private checkRenames(component: Component, yaml: ComponentYaml, visible: ReadonlyMap<string, Connection>, bump: boolean, out: Problem[]): void {
		const inYaml = new Map<string, YamlEnvConnectionRef>();
		for (const r of yaml.envConnectionRefs) {
			if (!inYaml.has(r.envName)) {
				inYaml.set(r.envName, r);
			}
		}
		const inJson = new Map<string, EnvRename>();
		for (const e of component.env) {
			if (!inJson.has(e.variable)) {
				inJson.set(e.variable, e);
			}
		}
		// Legacy serviceReferences rename with env from/to: the platform injects those names too.
		const legacyNames = new Set(yaml.legacyServiceReferences.flatMap((s) => s.env.map((e) => e.to)));
		const anchor = yaml.configurationsSpan ?? yaml.connectionReferencesSpan ?? { offset: 0, length: 0 };
		for (const [variable, e] of inJson) {
			const connection = e.connection?.value;
			const key = e.key?.value;
			if (connection === undefined || key === undefined || !visible.has(connection)) {
				continue; // connections.json's own rules report it
			}
			const r = inYaml.get(variable);
			if (!r && !legacyNames.has(variable)) {
				out.push(problem('component-yaml-missing-rename', anchor.offset, anchor.length, { component: component.id, variable, id: connection, key },
					{ componentId: component.id, variable, connectionId: connection, key, bump }));
			} else if (r && (r.connection !== connection || (r.key !== undefined && r.key !== key))) {
				const span = r.connection !== connection ? r.connectionSpan : r.keySpan!;
				out.push(problem('component-yaml-rename-mismatch', span.offset, span.length,
					{ variable, yamlId: r.connection, yamlKey: r.key ?? '', id: connection, key },
					{ componentId: component.id, variable, connectionId: connection, key, yamlConnectionId: r.connection, yamlKey: r.key }));
			}
		}
		for (const [variable, r] of inYaml) {
			if (!inJson.has(variable) && r.key !== undefined && visible.has(r.connection)) {
				out.push(problem('component-yaml-unlisted-rename', r.envNameSpan.offset, r.envNameSpan.length, { component: component.id, variable, id: r.connection, key: r.key },
					{ componentId: component.id, variable, connectionId: r.connection, key: r.key }));
			}
		}
	}

	/** Every reference to a connection ID across connections.json, source and component.yaml. */
	referencesTo(connectionId: string): ConnectionReference[] {
		const out: ConnectionReference[] = [];
		const model = this.idx.model;
		for (const c of model.allConnections) {
			if (c.hasId && c.id === connectionId) {
				out.push({ file: CONNECTIONS_FILE, offset: c.idSpan.offset, length: c.idSpan.length, connectionId, kind: 'definition', componentId: c.componentId });
			}
		}
		for (const comp of model.components) {
			for (const u of comp.uses) {
				if (u.id === connectionId) {
					out.push({ file: CONNECTIONS_FILE, offset: u.span.offset, length: u.span.length, connectionId, kind: 'use', componentId: comp.id });
				}
			}
			for (const e of comp.env) {
				if (e.connection?.value === connectionId) {
					out.push({ file: CONNECTIONS_FILE, offset: e.connection.span.offset, length: e.connection.span.length, connectionId, kind: 'env-rename', componentId: comp.id });
				}
			}
		}
		for (const file of this.sources.keys()) {
			for (const r of this.readsOf(file)) {
				if (r.connection?.id === connectionId) {
					out.push({ file, offset: r.read.offset, length: r.read.length, connectionId, kind: 'source', variable: r.read.variable, key: r.key, componentId: r.component.id });
				}
			}
		}
		for (const file of this.componentYamlFiles()) {
			// A component.yaml of a folder connections.json does not know names some other repository's connections.
			if (!this.componentOfYaml(file)) {
				continue;
			}
			const yaml = this.yamls.get(file)!.yaml;
			for (const ref of yaml.connectionReferences) {
				if (ref.name === connectionId) {
					out.push({ file, offset: ref.nameSpan.offset, length: ref.nameSpan.length, connectionId, kind: 'component-yaml' });
				}
			}
			for (const r of yaml.envConnectionRefs) {
				if (r.connection === connectionId) {
					out.push({ file, offset: r.connectionSpan.offset, length: r.connectionSpan.length, connectionId, kind: 'component-yaml' });
				}
			}
		}
		return out;
	}
}

interface ChoreoEntry {
	readonly folder: string;
	readonly name: ChoreoFileName;
	readonly text: string;
	readonly yaml: ComponentYaml;
	/** The platform validator's findings, kept until the text or the file-existence answer changes. */
	platform?: Problem[];
}

/** The path no file has: what joinRelative gives for a path that leaves the repository. */
const OUTSIDE = '\0outside';

/**
 * A path relative to a component folder, made repository-relative; a path no file has when it climbs out
 * of the repository or is absolute (no file of the repository is meant).
 */
function joinRelative(folder: string, relative: string): string {
	const parts = folder ? folder.split('/') : [];
	for (const seg of relative.replace(/\\/g, '/').split('/')) {
		if (seg === '..') {
			if (!parts.length) {
				return OUTSIDE;
			}
			parts.pop();
		} else if (seg !== '.' && seg !== '') {
			parts.push(seg);
		}
	}
	return relative.startsWith('/') ? OUTSIDE : parts.join('/');
}

/** Repository-relative path of a component's component.yaml. */
export function yamlPathOf(component: Component): string | undefined {
	const folder = component.sourcePath?.value;
	return folder === undefined ? undefined : folder ? `${folder}/${COMPONENT_YAML}` : COMPONENT_YAML;
}
