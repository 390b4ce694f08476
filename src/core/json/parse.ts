// Safe JSONC parsing of connections.json: size and depth guards before the parser, a
// plain value built into null-prototype objects (no `__proto__` reaches it), and the
// model with the span of everything a feature points at.
import { createScanner, parseTree, ParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import {
	DEFAULT_ENVIRONMENTS, EMPTY_MODEL,
	type Component, type Connection, type ConnectionsModel, type EnvRename, type Parameter, type ParameterValue,
	type Scope, type ScopeBlock, type Security, type Span, type StringAt, type Use,
} from '../model/model';
import { problem, type Problem } from '../findings/problems';

export interface ParseLimits {
	/** Files larger than this (UTF-16 code units) are not parsed. */
	readonly maxSize: number;
	/** Nesting deeper than this is not parsed (jsonc-parser, ajv and the JSON language service recurse). */
	readonly maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxSize: 16 * 1024 * 1024, maxDepth: 64 };

/** Keys that never reach a model object (docs/reliability.md T3). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedConnectionsFile {
	readonly text: string;
	readonly root?: Node;
	/** The document as plain data: null-prototype objects, last duplicate key wins, forbidden keys dropped. */
	readonly value: unknown;
	readonly model: ConnectionsModel;
	/** Findings of the parse itself: syntax, size, depth, forbidden and duplicate keys. */
	readonly problems: readonly Problem[];
	/** True when the text does not parse cleanly: no edit may be made (docs/reliability.md E3). */
	readonly hasSyntaxErrors: boolean;
	/** True when a guard stopped the parse (too large, too deep): there is no tree at all. */
	readonly guarded: boolean;
	/** `pointer/key` of every key that appears more than once in its object; edits through them are refused (E6). */
	readonly ambiguousPaths: ReadonlySet<string>;
	/**
	 * Why no edit of this file may be made, undefined when it may: the one answer to "may we edit
	 * this file?" (docs/reliability.md E3). For one path in it, ask editRefusalAt (duplicate keys, E6).
	 */
	readonly editRefusal: 'syntax-errors' | undefined;
}

/** Why an edit at a path of connections.json is refused. */
export type FileEditRefusal = 'syntax-errors' | 'invalid' | 'ambiguous';

/** Why no edit may be made at `path`: the file does not parse, is no object, or a key on the way is duplicated. */
export function editRefusalAt(parsed: ParsedConnectionsFile, path: readonly (string | number)[]): FileEditRefusal | undefined {
	if (parsed.editRefusal || !parsed.root) {
		return 'syntax-errors';
	}
	if (parsed.root.type !== 'object') {
		return 'invalid';
	}
	let pointer = '';
	for (const seg of path) {
		pointer += '/' + pointerSegment(seg);
		if (parsed.ambiguousPaths.has(pointer)) {
			return 'ambiguous';
		}
	}
	return undefined;
}

const PARSE_ERROR_TEXT: Partial<Record<ParseErrorCode, string>> = {
	[ParseErrorCode.InvalidSymbol]: 'Unexpected character',
	[ParseErrorCode.InvalidNumberFormat]: 'Invalid number',
	[ParseErrorCode.PropertyNameExpected]: 'A property name in double quotes is expected',
	[ParseErrorCode.ValueExpected]: 'A value is expected',
	[ParseErrorCode.ColonExpected]: 'A colon is expected',
	[ParseErrorCode.CommaExpected]: 'A comma is expected',
	[ParseErrorCode.CloseBraceExpected]: 'A closing brace "}" is expected',
	[ParseErrorCode.CloseBracketExpected]: 'A closing bracket "]" is expected',
	[ParseErrorCode.EndOfFileExpected]: 'Unexpected content after the end of the document',
	[ParseErrorCode.InvalidCommentToken]: 'Invalid comment',
	[ParseErrorCode.UnexpectedEndOfComment]: 'Unterminated block comment',
	[ParseErrorCode.UnexpectedEndOfString]: 'Unterminated string',
	[ParseErrorCode.UnexpectedEndOfNumber]: 'Unterminated number',
	[ParseErrorCode.InvalidUnicode]: 'Invalid Unicode escape',
	[ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character',
	[ParseErrorCode.InvalidCharacter]: 'Invalid character in a string (control characters must be escaped)',
};

/** Human text for a jsonc-parser error code. */
export function parseErrorText(code: ParseErrorCode): string {
	return PARSE_ERROR_TEXT[code] ?? 'Syntax error';
}

/** Offset of the first token nested deeper than maxDepth, or -1. Uses the scanner, which does not recurse. */
export function findExcessiveNesting(text: string, maxDepth: number): number {
	const scanner = createScanner(text, true);
	let depth = 0;
	for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
		if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
			if (++depth > maxDepth) {
				return scanner.getTokenOffset();
			}
		} else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
			depth = Math.max(0, depth - 1);
		}
	}
	return -1;
}

function guardedResult(text: string, p: Problem): ParsedConnectionsFile {
	return { text, value: undefined, model: EMPTY_MODEL, problems: [p], hasSyntaxErrors: true, guarded: true, ambiguousPaths: new Set(), editRefusal: 'syntax-errors' };
}

/** Parses connections.json text. Never throws; offsets refer to `text` as given (a leading BOM keeps its offset). */
export function parseConnectionsText(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedConnectionsFile {
	if (text.length > limits.maxSize) {
		return guardedResult(text, problem('file-too-large', 0, 0, { size: text.length, limit: limits.maxSize }));
	}
	// The BOM becomes a space of the same length so that every offset still matches the text.
	const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
	const deep = findExcessiveNesting(source, limits.maxDepth);
	if (deep >= 0) {
		return guardedResult(text, problem('too-deep', deep, 1, { limit: limits.maxDepth }));
	}
	const errors: ParseError[] = [];
	const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
	// jsonc-parser can report an unterminated comment or string as reaching past the end: clamp.
	const problems: Problem[] = errors.map((e) => {
		const offset = Math.min(e.offset, text.length);
		return problem('syntax-error', offset, Math.min(e.length, text.length - offset), { error: parseErrorText(e.error) });
	});
	if (!root && errors.length === 0) {
		// Empty or comment-only text: an empty document is not a connections file.
		problems.push(problem('syntax-error', 0, 0, { error: 'The file is empty: a connections.json holds one JSON object' }));
	}
	const ambiguousPaths = new Set<string>();
	const value = root ? toValue(root, '', problems, ambiguousPaths) : undefined;
	const model = root && root.type === 'object' ? buildModel(root) : EMPTY_MODEL;
	const hasSyntaxErrors = errors.length > 0 || !root;
	return { text, root, value, model, problems, hasSyntaxErrors, guarded: false, ambiguousPaths, editRefusal: hasSyntaxErrors ? 'syntax-errors' : undefined };
}

/** Escapes one JSON-pointer segment. */
export function pointerSegment(s: string | number): string {
	return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

function toValue(node: Node, pointer: string, problems: Problem[], ambiguous: Set<string>): unknown {
	switch (node.type) {
		case 'object': {
			const out: Record<string, unknown> = Object.create(null);
			const seen = new Map<string, Node>();
			for (const prop of node.children ?? []) {
				const keyNode = prop.children?.[0];
				const valueNode = prop.children?.[1];
				if (!keyNode || typeof keyNode.value !== 'string') {
					continue;
				}
				const key = keyNode.value;
				if (FORBIDDEN_KEYS.has(key)) {
					problems.push(problem('forbidden-key', keyNode.offset, keyNode.length, { key }));
					continue;
				}
				const first = seen.get(key);
				if (first) {
					if (!ambiguous.has(pointer + '/' + pointerSegment(key))) {
						problems.push(problem('duplicate-key', first.offset, first.length, { key }));
					}
					problems.push(problem('duplicate-key', keyNode.offset, keyNode.length, { key }));
					ambiguous.add(pointer + '/' + pointerSegment(key));
				} else {
					seen.set(key, keyNode);
				}
				out[key] = valueNode ? toValue(valueNode, pointer + '/' + pointerSegment(key), problems, ambiguous) : null;
			}
			return out;
		}
		case 'array':
			return (node.children ?? []).map((c, i) => toValue(c, pointer + '/' + i, problems, ambiguous));
		default:
			return node.value;
	}
}

// ---- model -------------------------------------------------------------------------

const spanOf = (n: Node): Span => ({ offset: n.offset, length: n.length });

/** The value node of the last property `name` of an object node (last wins, like JSON.parse). */
export function propertyNode(obj: Node | undefined, name: string): Node | undefined {
	if (!obj || obj.type !== 'object' || !obj.children) {
		return undefined;
	}
	for (let i = obj.children.length - 1; i >= 0; i--) {
		const prop = obj.children[i];
		if (prop.children?.[0]?.value === name) {
			return prop.children[1];
		}
	}
	return undefined;
}

function stringAt(n: Node | undefined): StringAt | undefined {
	return n && n.type === 'string' && typeof n.value === 'string' ? { value: n.value, span: spanOf(n) } : undefined;
}

function arrayItems(n: Node | undefined): Node[] {
	return n && n.type === 'array' ? n.children ?? [] : [];
}

function objectProps(n: Node | undefined): { key: string; keyNode: Node; valueNode: Node }[] {
	if (!n || n.type !== 'object') {
		return [];
	}
	const out: { key: string; keyNode: Node; valueNode: Node }[] = [];
	for (const prop of n.children ?? []) {
		const [keyNode, valueNode] = prop.children ?? [];
		if (keyNode && valueNode && typeof keyNode.value === 'string' && !FORBIDDEN_KEYS.has(keyNode.value)) {
			out.push({ key: keyNode.value, keyNode, valueNode });
		}
	}
	return out;
}

const isScalar = (n: Node) => n.type === 'string' || n.type === 'number' || n.type === 'boolean';

function parameterValue(n: Node): ParameterValue {
	if (isScalar(n)) {
		return { type: 'plain', value: n.value as string | number | boolean };
	}
	if (n.type === 'object') {
		const props = objectProps(n);
		const secret = props.find((p) => p.key === 'secret');
		if (secret) {
			return secret.valueNode.value === true && props.length === 1 ? { type: 'secret' } : { type: 'invalid' };
		}
		const values = new Map<string, { value: string | number | boolean; span: Span; keySpan: Span }>();
		for (const p of props) {
			if (!isScalar(p.valueNode)) {
				return { type: 'invalid' };
			}
			values.set(p.key, { value: p.valueNode.value as string | number | boolean, span: spanOf(p.valueNode), keySpan: spanOf(p.keyNode) });
		}
		return { type: 'per-environment', values };
	}
	return { type: 'invalid' };
}

function buildConnection(n: Node, scope: Scope, path: (string | number)[], owner?: { id: string; index: number }): Connection | undefined {
	if (n.type !== 'object') {
		return undefined;
	}
	const idNode = stringAt(propertyNode(n, 'id'));
	const securityNode = propertyNode(n, 'security');
	const security: Security | undefined = securityNode && securityNode.type === 'object'
		? { scheme: stringAt(propertyNode(securityNode, 'scheme')), oauthApp: stringAt(propertyNode(securityNode, 'oauthApp')), span: spanOf(securityNode) }
		: undefined;
	const paramsNode = propertyNode(n, 'parameters');
	const parameters: Parameter[] = objectProps(paramsNode).map((p) => ({
		key: p.key,
		keySpan: spanOf(p.keyNode),
		valueSpan: spanOf(p.valueNode),
		value: parameterValue(p.valueNode),
		path: [...path, 'parameters', p.key],
	}));
	return {
		id: idNode?.value ?? '',
		idSpan: idNode?.span ?? { offset: n.offset, length: 1 },
		hasId: !!idNode,
		scope,
		componentId: owner?.id,
		componentIndex: owner?.index,
		span: spanOf(n),
		path,
		name: stringAt(propertyNode(n, 'name')),
		description: stringAt(propertyNode(n, 'description')),
		kind: stringAt(propertyNode(n, 'kind')),
		target: stringAt(propertyNode(n, 'target')),
		access: stringAt(propertyNode(n, 'access')),
		security,
		parameters,
		parametersSpan: paramsNode ? spanOf(paramsNode) : undefined,
	};
}

function buildConnections(list: Node | undefined, scope: Scope, base: (string | number)[], owner?: { id: string; index: number }): Connection[] {
	const out: Connection[] = [];
	arrayItems(list).forEach((item, i) => {
		const c = buildConnection(item, scope, [...base, i], owner);
		if (c) {
			out.push(c);
		}
	});
	return out;
}

function normaliseSourcePath(p: string): string {
	return p.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

function buildComponent(n: Node, index: number): Component | undefined {
	if (n.type !== 'object') {
		return undefined;
	}
	const path = ['project', 'components', index];
	const idNode = stringAt(propertyNode(n, 'id'));
	const id = idNode?.value ?? '';
	const usesNode = propertyNode(n, 'uses');
	const uses: Use[] = [];
	arrayItems(usesNode).forEach((u, i) => {
		if (u.type === 'string' && typeof u.value === 'string') {
			uses.push({ id: u.value, span: spanOf(u), index: i });
		}
	});
	const env: EnvRename[] = objectProps(propertyNode(n, 'env')).map((p) => ({
		variable: p.key,
		variableSpan: spanOf(p.keyNode),
		connection: stringAt(propertyNode(p.valueNode, 'connection')),
		key: stringAt(propertyNode(p.valueNode, 'key')),
		span: { offset: p.keyNode.offset, length: p.valueNode.offset + p.valueNode.length - p.keyNode.offset },
	}));
	const rawPath = stringAt(propertyNode(n, 'path'));
	return {
		id,
		idSpan: idNode?.span ?? { offset: n.offset, length: 1 },
		hasId: !!idNode,
		index,
		span: spanOf(n),
		path,
		type: stringAt(propertyNode(n, 'type')),
		sourcePath: rawPath ? { value: normaliseSourcePath(rawPath.value), span: rawPath.span } : undefined,
		uses,
		usesSpan: usesNode ? spanOf(usesNode) : undefined,
		connections: buildConnections(propertyNode(n, 'connections'), 'component', [...path, 'connections'], { id, index }),
		env,
	};
}

function buildModel(root: Node): ConnectionsModel {
	const versionNode = propertyNode(root, 'version');
	const envNode = propertyNode(root, 'environments');
	const environments = envNode && envNode.type === 'array'
		? arrayItems(envNode).filter((e) => e.type === 'string').map((e) => e.value as string)
		: DEFAULT_ENVIRONMENTS;
	const orgNode = propertyNode(root, 'organization');
	const organization: ScopeBlock | undefined = orgNode && orgNode.type === 'object'
		? { id: stringAt(propertyNode(orgNode, 'id')), span: spanOf(orgNode), connections: buildConnections(propertyNode(orgNode, 'connections'), 'organization', ['organization', 'connections']) }
		: undefined;
	const projNode = propertyNode(root, 'project');
	let project: ConnectionsModel['project'];
	if (projNode && projNode.type === 'object') {
		const components: Component[] = [];
		arrayItems(propertyNode(projNode, 'components')).forEach((c, i) => {
			const comp = buildComponent(c, i);
			if (comp) {
				components.push(comp);
			}
		});
		project = {
			id: stringAt(propertyNode(projNode, 'id')),
			span: spanOf(projNode),
			connections: buildConnections(propertyNode(projNode, 'connections'), 'project', ['project', 'connections']),
			components,
		};
	}
	const components = project?.components ?? [];
	return {
		version: versionNode && versionNode.type === 'number' ? (versionNode.value as number) : undefined,
		environments,
		environmentsDeclared: !!envNode,
		organization,
		project,
		allConnections: [
			...(organization?.connections ?? []),
			...(project?.connections ?? []),
			...components.flatMap((c) => c.connections),
		],
		components,
	};
}
