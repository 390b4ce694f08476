// Hover on the keys of the platform's `.choreo` files: which key is under an offset (by its path in
// the document, so `name` under `connectionReferences` is not `name` under `endpoints`), what the
// platform does with it (the text is in findings/messages.ts), its allowed values where they are a
// closed set, and the component.yaml schemaVersion that introduced it. Plain data in and out.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { CHOREO_KEY_TEXT, formatMessage, HOVER_TEXT, type ChoreoKeyDoc, type HoverTextKey } from '../findings/messages';
import type { Span } from '../model/model';
import { inertMarkdown } from '../text/markdown';
import { parseYamlTree } from './componentYaml';
import type { ChoreoFileName } from './choreoFiles';
import { COMPONENT_CONFIG_API_VERSION, ENDPOINT_TYPES, SCHEMA_VERSIONS, schemaVersionOf, VISIBILITIES } from './sourceConfig';

type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

interface KeyEntry {
	readonly doc: ChoreoKeyDoc;
	/** The component.yaml schemaVersion that introduced the key (component.yaml only). */
	readonly since?: SchemaVersion;
	readonly values?: readonly string[];
}

type Table = Readonly<Record<string, KeyEntry>>;

/** The entries of `table` with their paths under `prefix` ('' is the prefix itself). */
function under(prefix: string, table: Table): Table {
	return Object.fromEntries(Object.entries(table).map(([path, e]) => [path === '' ? prefix : `${prefix}${path.startsWith('[') ? '' : '.'}${path}`, e]));
}

/** `serviceReferences` of component.yaml 1.0 and of component-config.yaml `spec.outbound`. */
const LEGACY_REFERENCES: Table = {
	'': { doc: 'serviceReferences', since: '1.0' },
	'[].name': { doc: 'serviceReference.name', since: '1.0' },
	'[].connectionConfig': { doc: 'serviceReference.connectionConfig', since: '1.0' },
	'[].env': { doc: 'serviceReference.env', since: '1.0' },
	'[].env[].from': { doc: 'serviceReference.from', since: '1.0' },
	'[].env[].to': { doc: 'serviceReference.to', since: '1.0' },
};

/** The older endpoint shape of endpoints.yaml `endpoints` and component-config.yaml `spec.inbound`. */
const ENDPOINTS_V0: Table = {
	'': { doc: 'endpointsV0' },
	'[].name': { doc: 'endpointV0.name' },
	'[].port': { doc: 'endpoint.port' },
	'[].type': { doc: 'endpoint.type', values: ENDPOINT_TYPES },
	'[].networkVisibility': { doc: 'endpoint.networkVisibility', values: VISIBILITIES },
	'[].context': { doc: 'endpoint.context' },
	'[].schemaFilePath': { doc: 'endpoint.schemaFilePath' },
};

const CONFIGURATIONS: Table = {
	'env': { doc: 'env', since: '1.1' },
	'env[].name': { doc: 'env.name', since: '1.1' },
	'env[].value': { doc: 'env.value', since: '1.1' },
	'env[].valueFrom': { doc: 'env.valueFrom', since: '1.1' },
	'env[].valueFrom.connectionRef': { doc: 'connectionRef', since: '1.1' },
	'env[].valueFrom.connectionRef.name': { doc: 'connectionRef.name', since: '1.1' },
	'env[].valueFrom.connectionRef.key': { doc: 'connectionRef.key', since: '1.1' },
	'env[].valueFrom.configGroupRef': { doc: 'configGroupRef', since: '1.1' },
	'env[].valueFrom.configGroupRef.name': { doc: 'configGroupRef.name', since: '1.1' },
	'env[].valueFrom.configGroupRef.key': { doc: 'configGroupRef.key', since: '1.1' },
	'env[].valueFrom.configForm': { doc: 'configForm', since: '1.2' },
	'env[].valueFrom.configForm.displayName': { doc: 'configForm.displayName', since: '1.2' },
	'env[].valueFrom.configForm.required': { doc: 'configForm.required', since: '1.2' },
	'env[].valueFrom.configForm.type': { doc: 'configForm.type', since: '1.2' },
};

const KEYS: Readonly<Record<ChoreoFileName, Table>> = {
	'component.yaml': {
		'schemaVersion': { doc: 'schemaVersion', since: '1.0', values: SCHEMA_VERSIONS },
		'endpoints': { doc: 'endpoints', since: '1.0' },
		'endpoints[].name': { doc: 'endpoint.name', since: '1.0' },
		'endpoints[].displayName': { doc: 'endpoint.displayName', since: '1.0' },
		'endpoints[].service': { doc: 'endpoint.service', since: '1.0' },
		'endpoints[].service.basePath': { doc: 'endpoint.basePath', since: '1.0' },
		'endpoints[].service.port': { doc: 'endpoint.port', since: '1.0' },
		'endpoints[].type': { doc: 'endpoint.type', since: '1.0', values: ENDPOINT_TYPES },
		'endpoints[].networkVisibilities': { doc: 'endpoint.networkVisibilities', since: '1.0', values: VISIBILITIES },
		'endpoints[].schemaFilePath': { doc: 'endpoint.schemaFilePath', since: '1.0' },
		'dependencies': { doc: 'dependencies', since: '1.0' },
		...under('dependencies.serviceReferences', LEGACY_REFERENCES),
		'dependencies.connectionReferences': { doc: 'connectionReferences', since: '1.1' },
		'dependencies.connectionReferences[].name': { doc: 'connectionReference.name', since: '1.1' },
		'dependencies.connectionReferences[].resourceRef': { doc: 'connectionReference.resourceRef', since: '1.1' },
		'configurations': { doc: 'configurations', since: '1.1' },
		'configuration': { doc: 'configuration', since: '1.1' },
		...under('configurations', CONFIGURATIONS),
		...under('configuration', CONFIGURATIONS),
	},
	'component-config.yaml': {
		'apiVersion': { doc: 'apiVersion', values: [COMPONENT_CONFIG_API_VERSION] },
		'kind': { doc: 'kind', values: ['ComponentConfig'] },
		'spec': { doc: 'spec' },
		...under('spec.inbound', ENDPOINTS_V0),
		'spec.outbound': { doc: 'spec.outbound' },
		...under('spec.outbound.serviceReferences', LEGACY_REFERENCES),
	},
	'endpoints.yaml': {
		'version': { doc: 'version' },
		...under('endpoints', ENDPOINTS_V0),
	},
};

/** A key of a `.choreo` file under an offset, and what to say about it. */
export interface ChoreoKeyHover {
	readonly file: ChoreoFileName;
	/** The key as the platform names it. */
	readonly key: string;
	/** Its path in the document, lists as `[]` (`dependencies.connectionReferences[].resourceRef`). */
	readonly path: string;
	/** The key's span in the text (UTF-16 offsets). */
	readonly span: Span;
	readonly doc: ChoreoKeyDoc;
	readonly values?: readonly string[];
	readonly since?: string;
	/** component.yaml: the file's schemaVersion as written, when the key is not part of it (the platform ignores it there). */
	readonly ignoredIn?: string;
}

/** The key paths a file's hover knows, for tests and docs. */
export function knownKeyPaths(file: ChoreoFileName): string[] {
	return Object.keys(KEYS[file]);
}

/**
 * The key of a `.choreo` file whose name contains `offset` (its end included), or undefined: on a value,
 * a comment, an unknown key, or a file that does not parse at all. A file with YAML errors is read as far as
 * it parses. The descent is a loop (no recursion), bounded by the reader's depth limit.
 */
export function choreoKeyAt(file: ChoreoFileName, text: string, offset: number): ChoreoKeyHover | undefined {
	const { doc } = parseYamlTree(text);
	const root = doc?.contents;
	if (!doc || !isMap(root)) {
		return undefined;
	}
	const inside = (r: readonly number[] | null | undefined) => !!r && offset >= r[0] && offset <= r[1];
	let node: Node | null = root;
	let path = '';
	while (node) {
		if (isSeq(node)) {
			const item: Node | undefined = node.items.find((i): i is Node => !!i && typeof i === 'object' && 'range' in i && inside((i as Node).range));
			path += '[]';
			node = item ?? null;
			continue;
		}
		if (!isMap(node)) {
			return undefined;
		}
		let next: Node | null = null;
		for (const pair of node.items) {
			const key = pair.key;
			if (!isScalar(key) || typeof key.value !== 'string' || !key.range) {
				continue;
			}
			const keyPath = path === '' ? key.value : `${path}.${key.value}`;
			if (inside(key.range)) {
				// The key as written: bare, or inside its quotes. A key the reader recovered from broken text (an
				// unterminated quote) is not what the text says: no hover.
				const written = text.slice(key.range[0], key.range[1]);
				const quoted = written.length >= 2 && (written[0] === '"' || written[0] === "'") && written.endsWith(written[0]);
				const at = quoted ? key.range[0] + 1 : key.range[0];
				const span = { offset: at, length: key.value.length };
				return text.slice(at, at + key.value.length) === key.value && (quoted ? written.length === key.value.length + 2 : written === key.value)
					? hoverOf(file, text, root, keyPath, key.value, span)
					: undefined;
			}
			const value = pair.value as Node | null;
			if (value && typeof value === 'object' && 'range' in value && value.range && (isMap(value) || isSeq(value)) && inside(value.range)) {
				next = value;
				path = keyPath;
				break;
			}
		}
		node = next;
	}
	return undefined;
}

function hoverOf(file: ChoreoFileName, text: string, root: Node, path: string, key: string, span: Span): ChoreoKeyHover | undefined {
	const entry = KEYS[file][path];
	if (!entry) {
		return undefined;
	}
	let ignoredIn: string | undefined;
	if (file === 'component.yaml' && entry.since && isMap(root)) {
		const written = root.items.find((p) => isScalar(p.key) && p.key.value === 'schemaVersion')?.value;
		const raw = isScalar(written) && written.value !== null && typeof written.value !== 'object' ? String(written.value) : undefined;
		const version = schemaVersionOf(raw);
		if (raw !== undefined && version !== undefined && (SCHEMA_VERSIONS as readonly string[]).includes(version) && Number(version) < Number(entry.since)) {
			// As written (`1.0`, not the number 1 the YAML reader made of it).
			ignoredIn = isScalar(written) && written.range ? text.slice(written.range[0], written.range[1]) : raw;
		}
	}
	return {
		file, key, path, span, doc: entry.doc,
		...(entry.values ? { values: entry.values } : {}),
		...(file === 'component.yaml' && entry.since ? { since: entry.since } : {}),
		...(ignoredIn !== undefined ? { ignoredIn } : {}),
	};
}

/** A fixed identifier (a key path, a file name, an allowed value) as a code span; anything else escaped. */
function code(s: string): string {
	return /^[A-Za-z0-9_.\[\]/ -]{1,200}$/.test(s) && !s.includes('`') ? '`' + s + '`' : inertMarkdown(s);
}

/**
 * The hover as Markdown: fixed text from CHOREO_KEY_TEXT and HOVER_TEXT (through `t`), the schemaVersion
 * as written escaped with inertMarkdown; no HTML, no links.
 */
export function renderChoreoKeyHover(h: ChoreoKeyHover, t: (text: string) => string = (s) => s): string {
	const fill = (k: HoverTextKey, args: Record<string, string | number>) => formatMessage(t(HOVER_TEXT[k]), args);
	const label = (k: HoverTextKey) => `**${inertMarkdown(t(HOVER_TEXT[k]))}:**`;
	const out = [`**${fill('keyTitle', { key: code(h.path), file: code(`.choreo/${h.file}`) })}**`, t(CHOREO_KEY_TEXT[h.doc])];
	const facts: string[] = [];
	if (h.values) {
		facts.push(`${label('keyAllowed')} ${h.values.map(code).join(', ')}`);
	}
	if (h.since) {
		facts.push(`${label('keySince')} ${fill('keySinceVersion', { version: code(h.since) })}`);
	}
	if (facts.length) {
		out.push(facts.join('  \n'));
	}
	if (h.ignoredIn !== undefined && h.since) {
		out.push(fill('keyNotInVersion', { version: inertMarkdown(h.ignoredIn, 20), since: code(h.since) }));
	}
	return out.join('\n\n');
}
