// The structural rules the platform's source-config validator applies to a component's `.choreo`
// files (component.yaml 1.0/1.1/1.2, component-config.yaml, endpoints.yaml), with the exact range of
// each finding in the YAML. What the validator accepts is accepted here; where it only loosely
// checks (an env entry with two value sources), this module adds a warning and says so in docs/rules.md.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { problem, type Problem, type ProblemCode } from '../findings/problems';
import { isValidConnectionId } from '../model/connectionId';
import { ENV_NAME } from '../model/naming';
import { parseLegacyServiceName, parsePlatformResourceRef } from '../model/resourceRef';
import { parseYamlTree } from './componentYaml';
import { choreoFilePath, shadowedFiles, type ChoreoFile, type ChoreoFileName } from './choreoFiles';

export const SCHEMA_VERSIONS = ['1.0', '1.1', '1.2'] as const;
export const LATEST_SCHEMA_VERSION = '1.2';
/** The endpoint types the validator accepts. */
export const ENDPOINT_TYPES: readonly string[] = ['REST', 'GraphQL', 'GRPC', 'TCP', 'UDP', 'WS'];
/** The endpoint network visibilities the validator accepts. */
export const VISIBILITIES: readonly string[] = ['Public', 'Project', 'Organization'];
const CONTEXT_REQUIRED_TYPES = new Set(['REST', 'GraphQL', 'WS']);
const PROJECT_ONLY_TYPES = new Set(['GRPC', 'TCP', 'UDP']);
const PATH = /^\/[A-Za-z0-9/_-]*$/;
const ENDPOINT_NAME = /^[a-z][a-z0-9_-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const COMPONENT_CONFIG_API_VERSION = 'core.choreo.dev/v1beta1';

export interface SourceConfigContext {
	/** Whether a path relative to the component's root (the folder holding `.choreo/`) is an existing file. */
	readonly fileExists?: (relativePath: string) => boolean;
}

type At = { readonly offset: number; readonly length: number };

class Checker {
	readonly problems: Problem[] = [];
	constructor(readonly text: string, readonly context: SourceConfigContext) {}

	at(node: Node | Pair | null | undefined, fallback: At): At {
		const range = (node && 'range' in node ? node.range : undefined) ?? (node && 'key' in node ? (node.key as Node | null)?.range : undefined);
		if (!range) {
			return fallback;
		}
		const start = Math.max(0, Math.min(range[0], this.text.length));
		const end = Math.max(start, Math.min(range[1], this.text.length));
		// A multi-line node (a map item) is marked on its first line only.
		const nl = this.text.indexOf('\n', start);
		return { offset: start, length: (nl >= 0 && nl < end ? nl : end) - start };
	}

	report(code: ProblemCode, where: At, args: Record<string, string | number>): void {
		this.problems.push(problem(code, where.offset, where.length, args));
	}
}

function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
	return map?.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

function scalarText(node: unknown): string | undefined {
	return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

/** The value under `key` as the validator's yup casts it: scalars to strings, `null` as absent. */
function field(map: YAMLMap | undefined, key: string): { pair?: Pair; value: unknown; text?: string } {
	const pair = pairOf(map, key);
	const value = pair?.value;
	return { pair, value: isScalar(value) && value.value === null ? undefined : value, text: scalarText(value) };
}

function keyAt(c: Checker, pair: Pair | undefined, fallback: At): At {
	return c.at(pair?.key as Node | undefined, fallback);
}

function valueAt(c: Checker, pair: Pair | undefined, fallback: At): At {
	return c.at((pair?.value as Node | undefined) ?? (pair?.key as Node | undefined), fallback);
}

function required(c: Checker, map: YAMLMap, key: string, where: string, fallback: At): { pair?: Pair; value: unknown; text?: string } | undefined {
	const f = field(map, key);
	if (f.value === undefined || (f.text !== undefined && f.text === '')) {
		c.report('source-config-required', c.at(map, fallback), { field: key, where });
		return undefined;
	}
	return f;
}

function oneOf(c: Checker, f: { pair?: Pair; text?: string } | undefined, allowed: readonly string[], fieldName: string, fallback: At): boolean {
	if (!f || f.text === undefined) {
		return false;
	}
	if (!allowed.includes(f.text)) {
		c.report('source-config-invalid-value', valueAt(c, f.pair, fallback), { field: fieldName, value: f.text, expected: allowed.join(', ') });
		return false;
	}
	return true;
}

function port(c: Checker, map: YAMLMap, where: string, fallback: At): void {
	const f = required(c, map, 'port', where, fallback);
	if (f && f.text !== undefined) {
		const n = Number(f.text);
		if (!(n > 1000 && n < 65535)) {
			c.report('source-config-invalid-value', valueAt(c, f.pair, fallback), { field: 'port', value: f.text, expected: 'a number above 1000 and below 65535' });
		}
	}
}

function pattern(c: Checker, f: { pair?: Pair; text?: string }, re: RegExp, fieldName: string, expected: string, fallback: At): void {
	if (f.text !== undefined && !re.test(f.text)) {
		c.report('source-config-invalid-value', valueAt(c, f.pair, fallback), { field: fieldName, value: f.text, expected });
	}
}

function schemaFile(c: Checker, map: YAMLMap, fallback: At): void {
	const f = field(map, 'schemaFilePath');
	if (f.text && c.context.fileExists && !c.context.fileExists(f.text)) {
		c.report('source-config-schema-file', valueAt(c, f.pair, fallback), { path: f.text });
	}
}

function items(c: Checker, map: YAMLMap | undefined, key: string, fallback: At): YAMLMap[] {
	const f = field(map, key);
	if (f.value === undefined) {
		return [];
	}
	if (!isSeq(f.value)) {
		c.report('source-config-invalid-value', valueAt(c, f.pair, fallback), { field: key, value: f.text ?? typeof f.value, expected: 'a list' });
		return [];
	}
	return f.value.items.filter((i): i is YAMLMap => isMap(i));
}

function unique(c: Checker, entries: readonly { text: string; at: At }[], what: string): void {
	const seen = new Set<string>();
	for (const e of entries) {
		if (seen.has(e.text)) {
			c.report('source-config-duplicate', e.at, { what, name: e.text });
		}
		seen.add(e.text);
	}
}

/** component.yaml `endpoints[]` (schema 1.x). */
function endpointsV1(c: Checker, root: YAMLMap, fallback: At): void {
	const names: { text: string; at: At }[] = [];
	for (const ep of items(c, root, 'endpoints', fallback)) {
		const name = required(c, ep, 'name', 'an endpoint', fallback);
		if (name?.text !== undefined) {
			names.push({ text: name.text, at: valueAt(c, name.pair, fallback) });
			if (name.text.length > 50 || !ENDPOINT_NAME.test(name.text)) {
				c.report('source-config-invalid-value', valueAt(c, name.pair, fallback), { field: 'name', value: name.text, expected: 'at most 50 lower-case letters, digits, "_" and "-", starting with a letter' });
			}
		}
		const displayName = field(ep, 'displayName');
		if (displayName.text !== undefined && displayName.text.length > 50) {
			c.report('source-config-invalid-value', valueAt(c, displayName.pair, fallback), { field: 'displayName', value: displayName.text.slice(0, 60), expected: 'at most 50 characters' });
		}
		const service = required(c, ep, 'service', 'an endpoint', fallback);
		if (service && isMap(service.value)) {
			pattern(c, field(service.value, 'basePath'), PATH, 'basePath', 'a path starting with "/" of letters, digits, "/", "-" and "_"', fallback);
			port(c, service.value, 'an endpoint\'s service', fallback);
		}
		const type = required(c, ep, 'type', 'an endpoint', fallback);
		oneOf(c, type, ENDPOINT_TYPES, 'type', fallback);
		const vis = field(ep, 'networkVisibilities');
		if (isSeq(vis.value)) {
			const values = vis.value.items.map((v) => ({ node: v as Node, text: scalarText(v) ?? '' }));
			for (const v of values) {
				if (!VISIBILITIES.includes(v.text)) {
					c.report('source-config-invalid-value', c.at(v.node, fallback), { field: 'networkVisibilities', value: v.text, expected: VISIBILITIES.join(', ') });
				}
			}
			if (type?.text && PROJECT_ONLY_TYPES.has(type.text) && !(values.length === 1 && values[0].text === 'Project')) {
				c.report('source-config-invalid-value', valueAt(c, vis.pair, fallback), { field: 'networkVisibilities', value: values.map((v) => v.text).join(', '), expected: `only Project for a ${type.text} endpoint` });
			}
		}
		schemaFile(c, ep, fallback);
	}
	unique(c, names, 'endpoint');
}

/** endpoints.yaml `endpoints[]` and component-config.yaml `spec.inbound[]` (the older endpoint shape). */
function endpointsV0(c: Checker, map: YAMLMap | undefined, key: string, fallback: At): void {
	for (const ep of items(c, map, key, fallback)) {
		required(c, ep, 'name', 'an endpoint', fallback);
		port(c, ep, 'an endpoint', fallback);
		const type = required(c, ep, 'type', 'an endpoint', fallback);
		oneOf(c, type, ENDPOINT_TYPES, 'type', fallback);
		const vis = field(ep, 'networkVisibility');
		if (vis.value !== undefined) {
			oneOf(c, vis, VISIBILITIES, 'networkVisibility', fallback);
		}
		const context = field(ep, 'context');
		if (type?.text && CONTEXT_REQUIRED_TYPES.has(type.text) && !context.text) {
			c.report('source-config-required', c.at(ep, fallback), { field: 'context', where: `a ${type.text} endpoint` });
		}
		pattern(c, context, PATH, 'context', 'a path starting with "/" of letters, digits, "/", "-" and "_"', fallback);
		schemaFile(c, ep, fallback);
	}
}

function serviceReferences(c: Checker, map: YAMLMap | undefined, fallback: At): void {
	for (const ref of items(c, map, 'serviceReferences', fallback)) {
		const name = required(c, ref, 'name', 'a service reference', fallback);
		if (name?.text !== undefined && !parseLegacyServiceName(name.text)) {
			c.report('source-config-resource-ref', valueAt(c, name.pair, fallback), {
				ref: name.text, expected: 'choreo:///<org>/<project>/<component>/<endpoint>/<vN>/<PUBLIC|PROJECT|ORGANIZATION>, thirdparty:<service>/<vN> or database:[<server>/]<database>',
			});
		}
		const config = required(c, ref, 'connectionConfig', 'a service reference', fallback);
		if (config?.text !== undefined && !UUID.test(config.text)) {
			c.report('source-config-invalid-value', valueAt(c, config.pair, fallback), { field: 'connectionConfig', value: config.text, expected: 'a UUID' });
		}
		const env = required(c, ref, 'env', 'a service reference', fallback);
		if (env) {
			for (const m of items(c, ref, 'env', fallback)) {
				required(c, m, 'from', 'an env mapping', fallback);
				required(c, m, 'to', 'an env mapping', fallback);
			}
		}
	}
}

function connectionReferences(c: Checker, deps: YAMLMap, fallback: At): void {
	for (const ref of items(c, deps, 'connectionReferences', fallback)) {
		const name = required(c, ref, 'name', 'a connection reference', fallback);
		if (name?.text !== undefined && !isValidConnectionId(name.text.trim())) {
			c.report('source-config-invalid-value', valueAt(c, name.pair, fallback), { field: 'name', value: name.text, expected: '3–50 letters, digits, spaces, "_", "-" or ".", starting and ending with a letter or digit, no two delimiters in a row' });
		}
		const resourceRef = required(c, ref, 'resourceRef', 'a connection reference', fallback);
		if (resourceRef?.text !== undefined) {
			const parsed = parsePlatformResourceRef(resourceRef.text);
			if (!parsed.ok) {
				c.report('source-config-resource-ref', valueAt(c, resourceRef.pair, fallback), { ref: resourceRef.text, expected: parsed.expected });
			}
		}
	}
}

function configurations(c: Checker, root: YAMLMap, version: '1.1' | '1.2', fallback: At): void {
	const sources = version === '1.2' ? ['value', 'connectionRef', 'configGroupRef', 'configForm'] : ['value', 'connectionRef', 'configGroupRef'];
	for (const key of ['configuration', 'configurations']) {
		const conf = field(root, key);
		if (!isMap(conf.value)) {
			continue;
		}
		const names: { text: string; at: At }[] = [];
		for (const env of items(c, conf.value, 'env', fallback)) {
			const name = required(c, env, 'name', 'an env entry', fallback);
			if (name?.text !== undefined) {
				names.push({ text: name.text, at: valueAt(c, name.pair, fallback) });
				if (!ENV_NAME.test(name.text)) {
					c.report('source-config-env-name', valueAt(c, name.pair, fallback), { name: name.text });
				}
			}
			const valueFrom = field(env, 'valueFrom');
			const from = isMap(valueFrom.value) ? valueFrom.value : undefined;
			const given = sources.filter((s) => {
				const f = s === 'value' ? field(env, 'value') : field(from, s);
				return s === 'value' ? f.text !== undefined && f.text !== '' : f.value !== undefined;
			});
			for (const ref of ['connectionRef', 'configGroupRef']) {
				const r = field(from, ref);
				if (isMap(r.value)) {
					required(c, r.value, 'name', `a ${ref}`, fallback);
					required(c, r.value, 'key', `a ${ref}`, fallback);
				}
			}
			const where = c.at(env, fallback);
			if (given.length === 0) {
				c.report('source-config-env-value-missing', where, { name: name?.text ?? '', expected: sources.join(', ') });
			} else if (given.length > 1) {
				c.report('source-config-env-value-ambiguous', where, { name: name?.text ?? '', given: given.join(', ') });
			}
		}
		unique(c, names, 'environment variable');
	}
}

/** The normalised schema version ("1.2"), as the validator's `Number()` reads it, or undefined. */
export function schemaVersionOf(text: string | undefined): string | undefined {
	if (text === undefined || text.trim() === '') {
		return undefined;
	}
	const n = Number(text);
	return Number.isFinite(n) ? String(n).includes('.') ? String(n) : `${n}.0` : text;
}

function componentYaml(c: Checker, root: YAMLMap, fallback: At): void {
	const version = field(root, 'schemaVersion');
	const normalised = schemaVersionOf(version.text);
	if (!normalised) {
		c.report('source-config-required', fallback, { field: 'schemaVersion', where: 'component.yaml' });
		return;
	}
	if (!(SCHEMA_VERSIONS as readonly string[]).includes(normalised)) {
		c.report('source-config-schema-version', valueAt(c, version.pair, fallback), { version: version.text ?? '', expected: SCHEMA_VERSIONS.join(', ') });
		return;
	}
	if (normalised !== LATEST_SCHEMA_VERSION) {
		c.report('source-config-outdated', valueAt(c, version.pair, fallback), { file: `component.yaml ${normalised}`, latest: LATEST_SCHEMA_VERSION });
	}
	endpointsV1(c, root, fallback);
	const deps = field(root, 'dependencies');
	if (isMap(deps.value)) {
		serviceReferences(c, deps.value, fallback);
		const refs = pairOf(deps.value, 'connectionReferences');
		if (normalised === '1.0') {
			if (refs) {
				c.report('source-config-not-in-version', keyAt(c, refs, fallback), { key: 'dependencies.connectionReferences', version: normalised, since: '1.1' });
			}
		} else {
			connectionReferences(c, deps.value, fallback);
		}
	}
	if (normalised === '1.0') {
		for (const key of ['configuration', 'configurations']) {
			const p = pairOf(root, key);
			if (p) {
				c.report('source-config-not-in-version', keyAt(c, p, fallback), { key, version: normalised, since: '1.1' });
			}
		}
	} else {
		configurations(c, root, normalised as '1.1' | '1.2', fallback);
	}
}

function componentConfigYaml(c: Checker, root: YAMLMap, fallback: At): void {
	const api = required(c, root, 'apiVersion', 'component-config.yaml', fallback);
	oneOf(c, api, [COMPONENT_CONFIG_API_VERSION], 'apiVersion', fallback);
	const kind = required(c, root, 'kind', 'component-config.yaml', fallback);
	oneOf(c, kind, ['ComponentConfig'], 'kind', fallback);
	if (api) {
		c.report('source-config-outdated', keyAt(c, api.pair, fallback), { file: 'component-config.yaml', latest: LATEST_SCHEMA_VERSION });
	}
	const spec = field(root, 'spec');
	if (isMap(spec.value)) {
		endpointsV0(c, spec.value, 'inbound', fallback);
		const outbound = field(spec.value, 'outbound');
		if (isMap(outbound.value)) {
			serviceReferences(c, outbound.value, fallback);
		}
	}
}

function endpointsYaml(c: Checker, root: YAMLMap, fallback: At): void {
	const version = required(c, root, 'version', 'endpoints.yaml', fallback);
	if (version) {
		c.report('source-config-outdated', keyAt(c, version.pair, fallback), { file: 'endpoints.yaml', latest: LATEST_SCHEMA_VERSION });
	}
	if (field(root, 'endpoints').value === undefined) {
		c.report('source-config-required', fallback, { field: 'endpoints', where: 'endpoints.yaml' });
		return;
	}
	endpointsV0(c, root, 'endpoints', fallback);
}

/**
 * The platform validator's findings on one `.choreo` file, offsets into `text`. YAML syntax errors are
 * not repeated here (the component.yaml reader reports them); a file that is not a YAML map is one finding.
 */
export function checkSourceConfig(name: ChoreoFileName, text: string, context: SourceConfigContext = {}): Problem[] {
	const c = new Checker(text, context);
	const fallback: At = { offset: 0, length: Math.min(text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length, text.length) };
	const { doc } = parseYamlTree(text);
	if (!doc) {
		return [];
	}
	const root = doc.contents;
	if (!isMap(root)) {
		if (doc.errors.length === 0) {
			c.report('source-config-required', fallback, { field: name === 'endpoints.yaml' ? 'version' : name === 'component.yaml' ? 'schemaVersion' : 'apiVersion', where: name });
		}
		return c.problems;
	}
	switch (name) {
		case 'component.yaml': componentYaml(c, root, fallback); break;
		case 'component-config.yaml': componentConfigYaml(c, root, fallback); break;
		case 'endpoints.yaml': endpointsYaml(c, root, fallback); break;
	}
	return c.problems;
}

/**
 * The platform validator's findings on one `.choreo` file, given the names of the files present in its
 * folder: when a higher-precedence file is there, only that this one is not read; else its own rules.
 * `fileExists(relativePath)` answers for `schemaFilePath`, relative to the component's folder.
 */
export function checkChoreoFile(f: ChoreoFile, present: readonly ChoreoFileName[], fileExists?: (relativePath: string) => boolean): Problem[] {
	const by = shadowedFiles(present).find((s) => s.file === f.name)?.by;
	if (by) {
		const firstLine = f.text.indexOf('\n');
		return [problem('source-config-unused-file', 0, firstLine >= 0 ? firstLine : f.text.length, { file: f.name, by })];
	}
	return checkSourceConfig(f.name, f.text, fileExists ? { fileExists } : {});
}

/** `checkChoreoFile` on every `.choreo` file of a repository, by repository-relative path. */
export function checkChoreoFiles(files: readonly ChoreoFile[], fileExists?: (folder: string, relativePath: string) => boolean): Map<string, Problem[]> {
	const present = new Map<string, ChoreoFileName[]>();
	for (const f of files) {
		let names = present.get(f.folder);
		if (!names) {
			present.set(f.folder, names = []);
		}
		names.push(f.name);
	}
	return new Map(files.map((f) => [choreoFilePath(f), checkChoreoFile(f, present.get(f.folder)!, fileExists && ((p) => fileExists(f.folder, p)))]));
}
