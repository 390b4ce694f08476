// What the language templates share: identifier styles (camelCase, snake_case, Go initialisms),
// the header comment, the token fetch's inputs, and the shape of a template.
import type { ConnectionKind } from '../../model/model';
import type { SnippetContext, SnippetSpec } from './spec';

export function wordsOf(s: string): string[] {
	return s.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g) ?? [];
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
const safeStart = (s: string) => (/^[0-9]/.test(s) ? '_' + s : s);

export function camel(...parts: string[]): string {
	const w = parts.flatMap(wordsOf);
	return safeStart(w.length ? w[0].toLowerCase() + w.slice(1).map(cap).join('') : 'connection');
}

export function pascal(...parts: string[]): string {
	return safeStart(parts.flatMap(wordsOf).map(cap).join('') || 'Connection');
}

export function snake(...parts: string[]): string {
	return safeStart(parts.flatMap(wordsOf).map((w) => w.toLowerCase()).join('_') || 'connection');
}

/** Go style: camelCase that keeps initialisms written in capitals (ServiceURL → serviceURL). */
export function goCamel(...parts: string[]): string {
	const w = parts.flatMap(wordsOf);
	if (!w.length) {
		return 'connection';
	}
	const rest = w.slice(1).map((x) => (x.length > 1 && x === x.toUpperCase() && /[A-Z]/.test(x) ? x : cap(x)));
	return safeStart(w[0].toLowerCase() + rest.join(''));
}

/** Makes names unique by numbering repeats (two third-party keys may normalise alike). */
export function uniq(names: string[]): string[] {
	const seen = new Map<string, number>();
	return names.map((n) => {
		const k = seen.get(n) ?? 0;
		seen.set(n, k + 1);
		return k ? `${n}${k + 1}` : n;
	});
}

/** The connection ID as it may appear in a comment: nothing that could end or break one. */
export function displayId(id: string): string {
	return id.replace(/[^A-Za-z0-9 _.\-]/g, '?').slice(0, 80);
}

const KIND_TEXT: Record<ConnectionKind, string> = { 'service': 'service', 'third-party': 'third-party service', 'database': 'database' };

export function headerComment(spec: SnippetSpec): string {
	const kind = spec.kind ? KIND_TEXT[spec.kind] : 'connection';
	return `Choreo connection "${displayId(spec.connectionId)}" (${kind}, ${spec.scope} scope)`;
}

export function listText(names: readonly string[]): string {
	return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A line of generated code: nesting level and text ('' = blank line). */
export type Line = readonly [level: number, text: string];

export interface Named {
	readonly key: string;
	readonly variable: string;
	readonly name: string;
}

export function named(spec: SnippetSpec, nameOf: (key: string) => string): Named[] {
	const names = uniq(spec.variables.map((v) => nameOf(v.key)));
	return spec.variables.map((v, i) => ({ ...v, name: names[i] }));
}

/** The token fetch's inputs, when the snippet has them. */
export function tokenInputs(spec: SnippetSpec, vars: readonly Named[]): { url: Named; id: Named; secret: Named } | undefined {
	if (!spec.tokenFetch) {
		return undefined;
	}
	const find = (k: string) => vars.find((v) => v.key === k);
	const url = find('TokenURL');
	const id = find('ConsumerKey');
	const secret = find('ConsumerSecret');
	return url && id && secret ? { url, id, secret } : undefined;
}

export function missingText(t: { url: Named; id: Named; secret: Named }): string {
	return `${listText([t.url.variable, t.id.variable, t.secret.variable])} must be set`;
}

/** One language's code: its lines for a context, and the imports they need. */
export interface SnippetTemplate {
	lines(spec: SnippetSpec, context: SnippetContext): Line[];
	/** Modules, packages or namespaces, in the language's import order; `token` when the token fetch is in. */
	imports(token: boolean): string[];
}
