// "Insert connection reference": the code that reads a connection's variables in the
// languages the product supports (optionally with the OAuth2 client-credentials token fetch),
// where it goes in a file, and the imports it needs. Offsets in, text edits out.
import type { TextEdit } from '../edits/edits';
import type { Component, Connection, ConnectionKind, Scope } from '../model/model';
import { variableName } from '../model/naming';
import { LANGUAGES, type SourceLanguage } from './languages';
import { maskNonCode } from './lexer';
import { keysOf, kindOf } from '../model/scope';

/** The languages snippets are written in (`snippets` in the language table). */
export type SnippetLanguage = SourceLanguage;

export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = LANGUAGES.filter((l) => l.snippets).map((l) => l.language);

/** One variable the snippet reads. */
export interface SnippetVariable {
	/** The connection's parameter key, e.g. `ServiceURL`. */
	readonly key: string;
	/** The environment variable read: the injected name or the component's rename. */
	readonly variable: string;
}

/** What to insert for one connection. */
export interface SnippetSpec {
	readonly connectionId: string;
	readonly kind?: ConnectionKind;
	readonly scope: Scope;
	readonly variables: readonly SnippetVariable[];
	/** Add the OAuth2 client-credentials token fetch (only when the variables it needs are there). */
	readonly tokenFetch: boolean;
}

/**
 * Where the code goes: `declarations` at a file's top level, `members` in a class body
 * (Java, C#), `statements` inside a function (or C# top-level statements).
 */
export type SnippetContext = 'declarations' | 'members' | 'statements';

export interface SnippetFormat {
	/** One level of indentation: a tab or some spaces. */
	readonly indent: string;
	readonly eol: string;
}

/** Indentation unit and line end from editor-style formatting options. */
export function snippetFormat(options: { readonly insertSpaces: boolean; readonly tabSize: number; readonly eol: string }): SnippetFormat {
	return { indent: options.insertSpaces ? ' '.repeat(Math.max(1, Math.min(options.tabSize, 8))) : '\t', eol: options.eol };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,200}$/;

const TOKEN_KEYS = ['ConsumerKey', 'ConsumerSecret', 'TokenURL'] as const;

/** Whether a connection is a platform service secured with OAuth2 (the token fetch applies). */
export function supportsTokenFetch(c: Connection): boolean {
	return kindOf(c) === 'service' && c.security?.scheme?.value === 'oauth2';
}

/**
 * The keys a snippet reads: the connection's keys by kind (`keysOf`), and for a platform
 * service only those its security scheme injects (OAuth2: URL, client ID/secret and token URL;
 * API key: URL and key; none: URL). A service without a scheme gets every key.
 */
export function snippetKeys(c: Connection): string[] {
	const keys = keysOf(c);
	if (kindOf(c) !== 'service') {
		return keys;
	}
	switch (c.security?.scheme?.value) {
		case 'oauth2': return keys.filter((k) => k === 'ServiceURL' || (TOKEN_KEYS as readonly string[]).includes(k));
		case 'api-key': return keys.filter((k) => k === 'ServiceURL' || k === 'ChoreoAPIKey');
		case 'none': return keys.filter((k) => k === 'ServiceURL');
		default: return keys;
	}
}

/**
 * The snippet for a connection as seen from a component: one variable per key, read under the
 * component's `env` rename when it has one (a rename that is not a valid variable name is ignored).
 */
export function snippetSpec(connection: Connection, component: Component | undefined, tokenFetch: boolean): SnippetSpec {
	const variables = snippetKeys(connection).map((key) => {
		const rename = component?.env.find((e) => e.connection?.value === connection.id && e.key?.value === key && ENV_NAME.test(e.variable));
		return { key, variable: rename ? rename.variable : variableName(connection.id, key) };
	});
	return {
		connectionId: connection.id,
		kind: kindOf(connection),
		scope: connection.scope,
		variables,
		tokenFetch: tokenFetch && supportsTokenFetch(connection),
	};
}

// ---- identifiers -------------------------------------------------------------------------

function wordsOf(s: string): string[] {
	return s.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g) ?? [];
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
const safeStart = (s: string) => (/^[0-9]/.test(s) ? '_' + s : s);

function camel(...parts: string[]): string {
	const w = parts.flatMap(wordsOf);
	return safeStart(w.length ? w[0].toLowerCase() + w.slice(1).map(cap).join('') : 'connection');
}

function pascal(...parts: string[]): string {
	return safeStart(parts.flatMap(wordsOf).map(cap).join('') || 'Connection');
}

function snake(...parts: string[]): string {
	return safeStart(parts.flatMap(wordsOf).map((w) => w.toLowerCase()).join('_') || 'connection');
}

/** Go style: camelCase that keeps initialisms written in capitals (ServiceURL → serviceURL). */
function goCamel(...parts: string[]): string {
	const w = parts.flatMap(wordsOf);
	if (!w.length) {
		return 'connection';
	}
	const rest = w.slice(1).map((x) => (x.length > 1 && x === x.toUpperCase() && /[A-Z]/.test(x) ? x : cap(x)));
	return safeStart(w[0].toLowerCase() + rest.join(''));
}

/** Makes names unique by numbering repeats (two third-party keys may normalise alike). */
function uniq(names: string[]): string[] {
	const seen = new Map<string, number>();
	return names.map((n) => {
		const k = seen.get(n) ?? 0;
		seen.set(n, k + 1);
		return k ? `${n}${k + 1}` : n;
	});
}

/** The connection ID as it may appear in a comment: nothing that could end or break one. */
function displayId(id: string): string {
	return id.replace(/[^A-Za-z0-9 _.\-]/g, '?').slice(0, 80);
}

const KIND_TEXT: Record<ConnectionKind, string> = { 'service': 'service', 'third-party': 'third-party service', 'database': 'database' };

function headerComment(spec: SnippetSpec): string {
	const kind = spec.kind ? KIND_TEXT[spec.kind] : 'connection';
	return `Choreo connection "${displayId(spec.connectionId)}" (${kind}, ${spec.scope} scope)`;
}

function listText(names: readonly string[]): string {
	return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

// ---- code per language ---------------------------------------------------------------------

/** A line of generated code: nesting level and text ('' = blank line). */
type Line = readonly [level: number, text: string];

interface Named {
	readonly key: string;
	readonly variable: string;
	readonly name: string;
}

function named(spec: SnippetSpec, nameOf: (key: string) => string): Named[] {
	const names = uniq(spec.variables.map((v) => nameOf(v.key)));
	return spec.variables.map((v, i) => ({ ...v, name: names[i] }));
}

/** The token fetch's inputs, when the snippet has them. */
function tokenInputs(spec: SnippetSpec, vars: readonly Named[]): { url: Named; id: Named; secret: Named } | undefined {
	if (!spec.tokenFetch) {
		return undefined;
	}
	const find = (k: string) => vars.find((v) => v.key === k);
	const url = find('TokenURL');
	const id = find('ConsumerKey');
	const secret = find('ConsumerSecret');
	return url && id && secret ? { url, id, secret } : undefined;
}

function missingText(t: { url: Named; id: Named; secret: Named }): string {
	return `${listText([t.url.variable, t.id.variable, t.secret.variable])} must be set`;
}

function typescriptLines(spec: SnippetSpec, typed: boolean): Line[] {
	const vars = named(spec, (k) => camel(spec.connectionId, k));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `const ${v.name} = process.env.${v.variable};`]);
	}
	const t = tokenInputs(spec, vars);
	if (t) {
		const fn = `get${pascal(spec.connectionId)}Token`;
		out.push(
			[0, ''],
			[0, `/** Gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant). */`],
			[0, `async function ${fn}()${typed ? ': Promise<string>' : ''} {`],
			[1, `if (!${t.url.name} || !${t.id.name} || !${t.secret.name}) {`],
			[2, `throw new Error('${missingText(t)}');`],
			[1, '}'],
			[1, `const response = await fetch(${t.url.name}, {`],
			[2, `method: 'POST',`],
			[2, 'headers: {'],
			[3, `'Authorization': \`Basic \${Buffer.from(\`\${${t.id.name}}:\${${t.secret.name}}\`).toString('base64')}\`,`],
			[3, `'Content-Type': 'application/x-www-form-urlencoded',`],
			[2, '},'],
			[2, `body: new URLSearchParams({ grant_type: 'client_credentials' }),`],
			[1, '});'],
			[1, 'if (!response.ok) {'],
			[2, `throw new Error(\`Token request failed: \${response.status} \${response.statusText}\`);`],
			[1, '}'],
			[1, `const body = ${typed ? '(await response.json()) as { access_token: string }' : 'await response.json()'};`],
			[1, 'return body.access_token;'],
			[0, '}'],
		);
	}
	return out;
}

function pythonLines(spec: SnippetSpec): Line[] {
	const vars = named(spec, (k) => snake(spec.connectionId, k));
	const out: Line[] = [[0, `# ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${v.name} = os.environ.get("${v.variable}")`]);
	}
	const t = tokenInputs(spec, vars);
	if (t) {
		out.push(
			[0, ''],
			[0, ''],
			[0, `def get_${snake(spec.connectionId)}_token() -> str:`],
			[1, `"""Gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant)."""`],
			[1, `if not (${t.url.name} and ${t.id.name} and ${t.secret.name}):`],
			[2, `raise RuntimeError("${missingText(t)}")`],
			[1, `credentials = base64.b64encode(f"{${t.id.name}}:{${t.secret.name}}".encode()).decode()`],
			[1, 'request = urllib.request.Request('],
			[2, `${t.url.name},`],
			[2, 'data=urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),'],
			[2, 'headers={'],
			[3, '"Authorization": f"Basic {credentials}",'],
			[3, '"Content-Type": "application/x-www-form-urlencoded",'],
			[2, '},'],
			[2, 'method="POST",'],
			[1, ')'],
			[1, 'with urllib.request.urlopen(request) as response:'],
			[2, 'return json.loads(response.read())["access_token"]'],
		);
	}
	return out;
}

function goLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const vars = named(spec, (k) => goCamel(spec.connectionId, k));
	const width = Math.max(...vars.map((v) => v.name.length));
	const out: Line[] = [[0, `// ${headerComment(spec)}`], [0, 'var (']];
	for (const v of vars) {
		out.push([1, `${v.name.padEnd(width)} = os.Getenv("${v.variable}")`]);
	}
	out.push([0, ')']);
	const t = tokenInputs(spec, vars);
	if (t) {
		const fn = `get${pascal(spec.connectionId)}Token`;
		out.push(
			[0, ''],
			[0, `// ${fn} gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant).`],
			[0, context === 'statements' ? `${fn} := func() (string, error) {` : `func ${fn}() (string, error) {`],
			[1, `if ${t.url.name} == "" || ${t.id.name} == "" || ${t.secret.name} == "" {`],
			[2, `return "", fmt.Errorf("${missingText(t)}")`],
			[1, '}'],
			[1, 'form := url.Values{"grant_type": {"client_credentials"}}'],
			[1, `req, err := http.NewRequest(http.MethodPost, ${t.url.name}, strings.NewReader(form.Encode()))`],
			[1, 'if err != nil {'],
			[2, 'return "", err'],
			[1, '}'],
			[1, `req.SetBasicAuth(${t.id.name}, ${t.secret.name})`],
			[1, 'req.Header.Set("Content-Type", "application/x-www-form-urlencoded")'],
			[1, 'resp, err := http.DefaultClient.Do(req)'],
			[1, 'if err != nil {'],
			[2, 'return "", err'],
			[1, '}'],
			[1, 'defer resp.Body.Close()'],
			[1, 'if resp.StatusCode != http.StatusOK {'],
			[2, 'return "", fmt.Errorf("token request failed: %s", resp.Status)'],
			[1, '}'],
			[1, 'var token struct {'],
			[2, 'AccessToken string `json:"access_token"`'],
			[1, '}'],
			[1, 'if err := json.NewDecoder(resp.Body).Decode(&token); err != nil {'],
			[2, 'return "", err'],
			[1, '}'],
			[1, 'return token.AccessToken, nil'],
			[0, '}'],
		);
	}
	return out;
}

function javaLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const members = context !== 'statements';
	const vars = named(spec, (k) => (members ? snake(spec.connectionId, k).toUpperCase() : camel(spec.connectionId, k)));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${members ? 'private static final ' : ''}String ${v.name} = System.getenv("${v.variable}");`]);
	}
	const t = tokenInputs(spec, vars);
	if (!t) {
		return out;
	}
	const id = spec.connectionId;
	const check: Line[] = [
		[0, `if (${t.url.name} == null || ${t.id.name} == null || ${t.secret.name} == null) {`],
		[1, `throw new IllegalStateException("${missingText(t)}");`],
		[0, '}'],
	];
	const p = members ? '' : camel(id);
	const v = (n: string) => (members ? n : p + n.charAt(0).toUpperCase() + n.slice(1));
	const body: Line[] = [
		[0, `String ${v('credentials')} = Base64.getEncoder().encodeToString((${t.id.name} + ":" + ${t.secret.name}).getBytes(StandardCharsets.UTF_8));`],
		[0, `HttpRequest ${v('tokenRequest')} = HttpRequest.newBuilder(URI.create(${t.url.name}))`],
		[2, `.header("Authorization", "Basic " + ${v('credentials')})`],
		[2, '.header("Content-Type", "application/x-www-form-urlencoded")'],
		[2, '.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))'],
		[2, '.build();'],
		[0, `HttpResponse<String> ${v('tokenResponse')} = HttpClient.newHttpClient().send(${v('tokenRequest')}, HttpResponse.BodyHandlers.ofString());`],
		[0, `if (${v('tokenResponse')}.statusCode() != 200) {`],
		[1, `throw new IOException("Token request failed: HTTP " + ${v('tokenResponse')}.statusCode());`],
		[0, '}'],
		[0, `Matcher ${v('tokenMatcher')} = Pattern.compile("\\"access_token\\"\\\\s*:\\\\s*\\"([^\\"]+)\\"").matcher(${v('tokenResponse')}.body());`],
		[0, `if (!${v('tokenMatcher')}.find()) {`],
		[1, 'throw new IOException("The token response has no access_token");'],
		[0, '}'],
	];
	out.push([0, '']);
	if (members) {
		out.push(
			[0, `/** Gets an OAuth2 access token for "${displayId(id)}" (client credentials grant). */`],
			[0, `private static String get${pascal(id)}Token() throws IOException, InterruptedException {`],
			...[...check, ...body, [0, `return ${v('tokenMatcher')}.group(1);`] as Line].map(([l, s]): Line => [l + 1, s]),
			[0, '}'],
		);
	} else {
		out.push(
			[0, `// OAuth2 access token for "${displayId(id)}" (client credentials grant); the method must throw IOException and InterruptedException.`],
			...check,
			...body,
			[0, `String ${p}AccessToken = ${v('tokenMatcher')}.group(1);`],
		);
	}
	return out;
}

function csharpLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const members = context !== 'statements';
	const vars = named(spec, (k) => (members ? pascal(spec.connectionId, k) : camel(spec.connectionId, k)));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${members ? 'private static readonly string? ' : 'var '}${v.name} = Environment.GetEnvironmentVariable("${v.variable}");`]);
	}
	const t = tokenInputs(spec, vars);
	if (!t) {
		return out;
	}
	const id = spec.connectionId;
	out.push(
		[0, ''],
		members
			? [0, `/// <summary>Gets an OAuth2 access token for "${displayId(id)}" (client credentials grant).</summary>`]
			: [0, `// Gets an OAuth2 access token for "${displayId(id)}" (client credentials grant).`],
		[0, `${members ? 'private static ' : ''}async Task<string> Get${pascal(id)}TokenAsync()`],
		[0, '{'],
		[1, `if (string.IsNullOrEmpty(${t.url.name}) || string.IsNullOrEmpty(${t.id.name}) || string.IsNullOrEmpty(${t.secret.name}))`],
		[1, '{'],
		[2, `throw new InvalidOperationException("${missingText(t)}");`],
		[1, '}'],
		[1, 'using var client = new HttpClient();'],
		[1, `using var request = new HttpRequestMessage(HttpMethod.Post, ${t.url.name})`],
		[1, '{'],
		[2, 'Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),'],
		[1, '};'],
		[1, `request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{${t.id.name}}:{${t.secret.name}}")));`],
		[1, 'using var response = await client.SendAsync(request);'],
		[1, 'response.EnsureSuccessStatusCode();'],
		[1, 'using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());'],
		[1, 'return json.RootElement.GetProperty("access_token").GetString()!;'],
		[0, '}'],
	);
	return out;
}

function linesOf(spec: SnippetSpec, language: SnippetLanguage, context: SnippetContext): Line[] {
	switch (language) {
		case 'typescript': return typescriptLines(spec, true);
		case 'javascript': return typescriptLines(spec, false);
		case 'python': return pythonLines(spec);
		case 'go': return goLines(spec, context);
		case 'java': return javaLines(spec, context);
		case 'csharp': return csharpLines(spec, context);
	}
}

/** The snippet's lines, indented by `baseIndent` plus levels of `format.indent` (blank lines stay empty). */
export function snippetLines(spec: SnippetSpec, language: SnippetLanguage, context: SnippetContext, format: SnippetFormat, baseIndent = ''): string[] {
	return linesOf(spec, language, context).map(([level, text]) => (text ? baseIndent + format.indent.repeat(level) + text : ''));
}

/** The snippet as text (lines joined by the format's EOL, no final line break). */
export function renderSnippet(spec: SnippetSpec, language: SnippetLanguage, context: SnippetContext, format: SnippetFormat, baseIndent = ''): string {
	return snippetLines(spec, language, context, format, baseIndent).join(format.eol);
}

/** Modules, packages or namespaces the snippet needs, in the language's import syntax order. */
export function requiredImports(spec: SnippetSpec, language: SnippetLanguage): string[] {
	const token = spec.tokenFetch && spec.variables.some((v) => v.key === 'TokenURL') && spec.variables.some((v) => v.key === 'ConsumerKey') && spec.variables.some((v) => v.key === 'ConsumerSecret');
	switch (language) {
		case 'typescript':
		case 'javascript':
			return [];
		case 'python':
			return token ? ['base64', 'json', 'os', 'urllib.parse', 'urllib.request'] : ['os'];
		case 'go':
			return token ? ['encoding/json', 'fmt', 'net/http', 'net/url', 'os', 'strings'] : ['os'];
		case 'java':
			return token
				? ['java.io.IOException', 'java.net.URI', 'java.net.http.HttpClient', 'java.net.http.HttpRequest', 'java.net.http.HttpResponse',
					'java.nio.charset.StandardCharsets', 'java.util.Base64', 'java.util.regex.Matcher', 'java.util.regex.Pattern']
				: [];
		case 'csharp':
			return token
				? ['System', 'System.Collections.Generic', 'System.Net.Http', 'System.Net.Http.Headers', 'System.Text', 'System.Text.Json', 'System.Threading.Tasks']
				: ['System'];
	}
}

// ---- reading source text -------------------------------------------------------------------

interface LineInfo {
	readonly start: number;
	/** Offset of the line break (or the text's end). */
	readonly end: number;
	/** Offset after the line break. */
	readonly next: number;
}

function lineAt(text: string, offset: number): LineInfo {
	if (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n') {
		offset--; // between the two characters of a CRLF: that is the end of the line before
	}
	let start = offset;
	while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') {
		start--;
	}
	let end = offset;
	while (end < text.length && text[end] !== '\n' && text[end] !== '\r') {
		end++;
	}
	const next = end >= text.length ? text.length : text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
	return { start, end, next };
}

/** Offset of the start of the line after the one holding `offset` (the text's end when there is none). */
function nextLineStart(text: string, offset: number): number {
	return lineAt(text, offset).next;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

// Brace nesting: what each open `{` is, for Java and C# (type body, namespace or code block).
type BraceKind = 'type' | 'namespace' | 'block';

interface Brace {
	readonly kind: BraceKind;
	readonly offset: number;
}

function braceKind(header: string, language: SnippetLanguage): BraceKind {
	if (language === 'csharp' && /\bnamespace\b/.test(header)) {
		return 'namespace';
	}
	const types = language === 'csharp' ? /\b(class|struct|interface|record|enum)\b/ : /\b(class|interface|enum|record)\b|@interface\b/;
	if (types.test(header) && !/=>|\breturn\b/.test(header)) {
		return 'type';
	}
	// An anonymous class body holds members too.
	if (language === 'java' && /\bnew\s+[\w.<>, ]+\([^;]*\)\s*$/.test(header)) {
		return 'type';
	}
	return 'block';
}

/** The open braces around `offset`, outermost first, in masked text. */
function bracesAt(masked: string, offset: number, language: SnippetLanguage): Brace[] {
	const stack: Brace[] = [];
	let headerStart = 0;
	for (let i = 0; i < offset && i < masked.length; i++) {
		const c = masked[i];
		if (c === '{') {
			stack.push({ kind: braceKind(masked.slice(headerStart, i), language), offset: i });
			headerStart = i + 1;
		} else if (c === '}') {
			stack.pop();
			headerStart = i + 1;
		} else if (c === ';') {
			headerStart = i + 1;
		}
	}
	return stack;
}

/** The offset of the `}` that closes the `{` at `open`, or the text's end. */
function closingBrace(masked: string, open: number): number {
	let depth = 0;
	for (let i = open; i < masked.length; i++) {
		if (masked[i] === '{') {
			depth++;
		} else if (masked[i] === '}' && --depth === 0) {
			return i;
		}
	}
	return masked.length;
}

/** Top-level statements of the masked text: [start, end, text] of each `;`- or `{`-terminated header at depth 0. */
function topLevelHeaders(masked: string, from = 0, to = masked.length): { start: number; end: number; text: string; open: boolean }[] {
	const out: { start: number; end: number; text: string; open: boolean }[] = [];
	let depth = 0;
	let headerStart = from;
	for (let i = from; i < to; i++) {
		const c = masked[i];
		if (c === '{') {
			if (depth === 0) {
				out.push({ start: headerStart, end: i, text: masked.slice(headerStart, i), open: true });
			}
			depth++;
			headerStart = i + 1;
		} else if (c === '}') {
			depth = Math.max(0, depth - 1);
			headerStart = i + 1;
		} else if (c === ';' && depth === 0) {
			out.push({ start: headerStart, end: i, text: masked.slice(headerStart, i), open: false });
			headerStart = i + 1;
		}
	}
	return out;
}

/** Where code goes when no place is given, and in which context. */
export interface InsertionPoint {
	/** Offset where the block is inserted: the start of a line, or just after a `{` that has code after it on its line. */
	readonly offset: number;
	readonly context: SnippetContext;
	/** Indentation of the inserted lines. */
	readonly indent: string;
}

const CSHARP_USING_RE = /^(global\s+)?using\s+(static\s+)?([A-Za-z_][\w.]*\s*=\s*)?[A-Za-z_][\w.<>, ]*$/;
/** Whether a top-level header (the text before a `;`) is a using directive. */
const CSHARP_USING = { test: (header: string) => header.length < 2000 && CSHARP_USING_RE.test(header.trim()) };

/** End of the import block (start of the line after the last import), or -1 when there is none. */
function importBlockEnd(text: string, masked: string, language: SnippetLanguage): number {
	switch (language) {
		case 'typescript':
		case 'javascript': return jsImportEnd(text, masked);
		case 'python': return pythonImportEnd(text, masked);
		case 'go': return goImportEnd(masked);
		case 'java': {
			let end = -1;
			for (const h of topLevelHeaders(masked)) {
				if (h.open) {
					break;
				}
				if (/^\s*(import|package)\b/.test(h.text)) {
					end = nextLineStart(text, h.end);
				}
			}
			return end;
		}
		case 'csharp': {
			let end = -1;
			for (const h of topLevelHeaders(masked)) {
				if (h.open || !CSHARP_USING.test(h.text)) {
					break;
				}
				end = nextLineStart(text, h.end);
			}
			return end;
		}
	}
}

/** After the shebang line, if any. */
function afterShebang(text: string): number {
	return text.startsWith('#!') ? nextLineStart(text, 0) : 0;
}

function jsImportEnd(text: string, masked: string): number {
	let i = afterShebang(text);
	let end = -1;
	const n = masked.length;
	for (;;) {
		while (i < n && /\s/.test(masked[i])) {
			i++;
		}
		if (i >= n) {
			break;
		}
		const rest = masked.slice(i, i + 400);
		let stmtEnd = -1;
		if (/^import[\s{*'"]/.test(rest) || /^import\s+type\b/.test(rest) || /^export\s+(\*|\{[^}]*\})\s*from\s*['"]/.test(rest)) {
			// Ends after its module specifier: the first string literal of the statement.
			const dq = masked.indexOf('"', i);
			const sq = masked.indexOf("'", i);
			const open = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
			if (open < 0) {
				break;
			}
			const close = masked.indexOf(masked[open], open + 1);
			if (close < 0) {
				break;
			}
			stmtEnd = close + 1;
			const m = /^\s*(with|assert)\s*\{[^}]*\}/.exec(masked.slice(stmtEnd, stmtEnd + 500));
			if (m) {
				stmtEnd += m[0].length;
			}
		} else if (/^(const|let|var)\s+[^=;]+=\s*require\s*\(\s*['"][^'"]*['"]\s*\)/.test(rest)) {
			stmtEnd = i + /^(const|let|var)\s+[^=;]+=\s*require\s*\(\s*['"][^'"]*['"]\s*\)/.exec(rest)![0].length;
		} else if (/^(['"])use [a-z]+\1/.test(text.slice(i, i + 20))) {
			stmtEnd = i + /^(['"])use [a-z]+\1/.exec(text.slice(i, i + 20))![0].length;
		} else {
			break;
		}
		const semi = /^[ \t]*;/.exec(masked.slice(stmtEnd, stmtEnd + 100));
		if (semi) {
			stmtEnd += semi[0].length;
		}
		end = nextLineStart(text, stmtEnd);
		i = stmtEnd;
	}
	return end;
}

function pythonImportEnd(text: string, masked: string): number {
	let end = -1;
	let i = 0;
	let first = true;
	const n = text.length;
	while (i < n) {
		const line = lineAt(text, i);
		const code = masked.slice(line.start, line.end);
		if (!code.trim()) {
			i = line.next;
			if (line.next === line.start) {
				break;
			}
			continue;
		}
		if (/^(import|from)\s/.test(code)) {
			// Follow bracketed and backslash continuations.
			let j = line.start;
			let depth = 0;
			let last = line;
			for (;;) {
				const l = lineAt(text, j);
				const seg = masked.slice(l.start, l.end);
				depth += (seg.match(/\(/g) ?? []).length - (seg.match(/\)/g) ?? []).length;
				last = l;
				if ((depth > 0 || /\\\s*$/.test(seg)) && l.next < n && l.next !== l.start) {
					j = l.next;
					continue;
				}
				break;
			}
			end = last.next;
			i = last.next;
			first = false;
			continue;
		}
		if (first && /^[rRuUbB]{0,2}("""|'''|"|')/.test(code.trimStart()) && indentOf(code) === '') {
			// The module docstring: code goes after it.
			const q = /("""|'''|"|')/.exec(text.slice(line.start))!;
			const open = line.start + q.index;
			const close = text.indexOf(q[1], open + q[1].length);
			const stop = close < 0 ? line.end : close + q[1].length;
			end = nextLineStart(text, stop);
			i = end;
			first = false;
			continue;
		}
		break;
	}
	return end;
}

function goImportEnd(masked: string): number {
	let end = -1;
	for (const m of masked.matchAll(/^(package\s+\w+|import\s*\(|import\s+(\w+\s+|[._]\s+)?"[^"\n]*")/gm)) {
		if (m[0].startsWith('import') && m[0].endsWith('(')) {
			const close = masked.indexOf(')', m.index! + m[0].length);
			end = nextLineStart(masked, close < 0 ? masked.length : close);
		} else {
			end = nextLineStart(masked, m.index! + m[0].length);
		}
	}
	// Only declarations before the first func/type/var/const count.
	const firstDecl = /^(func|type|var|const)\b/m.exec(masked);
	if (firstDecl && end > firstDecl.index) {
		const before = masked.slice(0, firstDecl.index);
		return goImportEnd(before);
	}
	return end;
}

/** Indentation for lines just inside the `{` at `open`: the first member's, or the opening line's plus one level. */
function innerIndent(text: string, masked: string, open: number, format: SnippetFormat): string {
	const close = closingBrace(masked, open);
	let at = nextLineStart(text, open);
	while (at < close) {
		const l = lineAt(text, at);
		if (text.slice(l.start, l.end).trim() && l.start < close) {
			const ind = indentOf(text.slice(l.start, l.end));
			if (l.end <= close || masked.slice(l.start, close).trim()) {
				return ind;
			}
		}
		if (l.next === at) {
			break;
		}
		at = l.next;
	}
	const ol = lineAt(text, open);
	return indentOf(text.slice(ol.start, ol.end)) + format.indent;
}

/** Just inside the body of the `{` at `open`: the start of the next line when the rest of the line is empty. */
function insideBrace(text: string, masked: string, open: number, format: SnippetFormat): InsertionPoint {
	const line = lineAt(text, open);
	const rest = masked.slice(open + 1, line.end);
	const offset = rest.trim() ? open + 1 : line.next;
	return { offset, context: 'members', indent: innerIndent(text, masked, open, format) };
}

/**
 * Where "Insert connection reference" puts code when no place is given: after the import block
 * (TypeScript/JavaScript, Python, Go, C# top-level statements), or at the top of the first class
 * body (Java, C#).
 */
export function defaultInsertionPoint(text: string, language: SnippetLanguage, format: SnippetFormat): InsertionPoint {
	const masked = maskNonCode(text, language);
	const afterImports = importBlockEnd(text, masked, language);
	switch (language) {
		case 'typescript':
		case 'javascript':
			return { offset: afterImports >= 0 ? afterImports : afterShebang(text), context: 'declarations', indent: '' };
		case 'python':
			return { offset: afterImports >= 0 ? afterImports : afterShebang(text), context: 'declarations', indent: '' };
		case 'go':
			return { offset: afterImports >= 0 ? afterImports : 0, context: 'declarations', indent: '' };
		case 'java': {
			const type = topLevelHeaders(masked).find((h) => h.open && braceKind(h.text, 'java') === 'type');
			if (type) {
				return insideBrace(text, masked, type.end, format);
			}
			return { offset: afterImports >= 0 ? afterImports : 0, context: 'members', indent: '' };
		}
		case 'csharp':
			return csharpDefault(text, masked, afterImports, format);
	}
}

function csharpDefault(text: string, masked: string, afterUsings: number, format: SnippetFormat): InsertionPoint {
	const statements: InsertionPoint = { offset: afterUsings >= 0 ? afterUsings : 0, context: 'statements', indent: '' };
	let from = 0;
	let to = masked.length;
	for (;;) {
		const headers = topLevelHeaders(masked, from, to);
		let descended = false;
		for (const h of headers) {
			if (!h.text.trim() || CSHARP_USING.test(h.text) || /^\s*(\[[^\]]*\]\s*)*$/.test(h.text)) {
				continue;
			}
			if (!h.open && /^\s*namespace\s+[\w.]+\s*$/.test(h.text)) {
				continue; // file-scoped namespace
			}
			const kind = h.open ? braceKind(h.text, 'csharp') : 'block';
			if (kind === 'namespace') {
				from = h.end + 1;
				to = closingBrace(masked, h.end);
				descended = true;
				break;
			}
			if (kind === 'type') {
				return insideBrace(text, masked, h.end, format);
			}
			return statements; // a top-level statement comes first
		}
		if (!descended) {
			return statements;
		}
	}
}

/**
 * The context and indentation for code inserted at the start of the line holding `offset`,
 * or undefined when code cannot go there (Java or C# outside any type, unless the C# file
 * has top-level statements).
 */
export function contextAt(text: string, language: SnippetLanguage, offset: number): SnippetContext | undefined {
	const masked = maskNonCode(text, language);
	const line = lineAt(text, offset);
	switch (language) {
		case 'typescript':
		case 'javascript':
		case 'python':
			return 'statements';
		case 'go':
			return bracesAt(masked, line.start, language).length ? 'statements' : 'declarations';
		case 'java':
		case 'csharp': {
			const braces = bracesAt(masked, line.start, language);
			const inner = braces[braces.length - 1];
			if (inner?.kind === 'type') {
				return 'members';
			}
			if (inner?.kind === 'block') {
				return 'statements';
			}
			if (language === 'csharp' && !inner) {
				// Statements at the top level only where the file already has top-level statements.
				return csharpDefault(text, masked, importBlockEnd(text, masked, language), { indent: '\t', eol: '\n' }).context === 'statements' ? 'statements' : undefined;
			}
			return undefined;
		}
	}
}

// ---- imports -----------------------------------------------------------------------------

function pythonHas(masked: string, module: string): boolean {
	for (const m of masked.matchAll(/^import[ \t]+([^\n\r#]+)/gm)) {
		for (const part of m[1].split(',')) {
			const [name, alias] = part.trim().split(/\s+as\s+/);
			if (alias) {
				continue;
			}
			if (name === module || (module === 'os' && name.startsWith('os.'))) {
				return true;
			}
		}
	}
	return false;
}

function importEdit(text: string, masked: string, language: SnippetLanguage, modules: readonly string[], format: SnippetFormat): TextEdit[] {
	if (!modules.length) {
		return [];
	}
	const eol = format.eol;
	switch (language) {
		case 'python': {
			const missing = modules.filter((m) => !pythonHas(masked, m));
			if (!missing.length) {
				return [];
			}
			const at = importBlockEnd(text, masked, language);
			const lines = missing.map((m) => `import ${m}`).join(eol) + eol;
			if (at >= 0) {
				return [{ offset: at, length: 0, newText: lines }];
			}
			const top = afterShebang(text);
			return [{ offset: top, length: 0, newText: lines + eol }];
		}
		case 'go':
			return goImportEdits(text, masked, modules, format);
		case 'java': {
			const have = new Set([...masked.matchAll(/^[ \t]*import[ \t]+([\w.]+(\.\*)?)[ \t]*;/gm)].map((m) => m[1]));
			const missing = modules.filter((m) => !have.has(m) && !have.has(m.slice(0, m.lastIndexOf('.')) + '.*'));
			if (!missing.length) {
				return [];
			}
			const lines = missing.map((m) => `import ${m};`).join(eol) + eol;
			const imports = [...masked.matchAll(/^[ \t]*import[ \t]+(static[ \t]+)?[\w.]+(\.\*)?[ \t]*;/gm)];
			if (imports.length) {
				const last = imports[imports.length - 1];
				return [{ offset: nextLineStart(text, last.index! + last[0].length), length: 0, newText: lines }];
			}
			const pkg = /^[ \t]*package[ \t]+[\w.]+[ \t]*;/m.exec(masked);
			if (pkg) {
				return [{ offset: nextLineStart(text, pkg.index + pkg[0].length), length: 0, newText: eol + lines }];
			}
			return [{ offset: 0, length: 0, newText: lines + eol }];
		}
		case 'csharp': {
			const headers: { text: string; end: number }[] = [];
			for (const h of topLevelHeaders(masked)) {
				if (h.open || !CSHARP_USING.test(h.text)) {
					break;
				}
				headers.push(h);
			}
			const have = new Set(headers.map((h) => /using\s+(static\s+)?([\w.]+)\s*$/.exec(h.text)?.[2]).filter(Boolean));
			// No using directive at all, or System types used without `using System;`: the project has
			// implicit usings on (the .NET 6+ default), so add only what they lack.
			const implicitOn = !headers.length || (!have.has('System') && /\b(Environment|Console|Convert|Math|Guid|DateTime|TimeSpan|Uri)\./.test(masked));
			const implicit = implicitOn ? ['System', 'System.Collections.Generic', 'System.IO', 'System.Linq', 'System.Net.Http', 'System.Threading', 'System.Threading.Tasks'] : [];
			const missing = modules.filter((m) => !have.has(m) && !implicit.includes(m));
			if (!missing.length) {
				return [];
			}
			const lines = missing.map((m) => `using ${m};`).join(eol) + eol;
			if (headers.length) {
				return [{ offset: nextLineStart(text, headers[headers.length - 1].end), length: 0, newText: lines }];
			}
			return [{ offset: 0, length: 0, newText: lines + eol }];
		}
		default:
			return [];
	}
}

function goImportEdits(text: string, masked: string, modules: readonly string[], format: SnippetFormat): TextEdit[] {
	const eol = format.eol;
	const header = goImportEnd(masked) >= 0 ? masked.slice(0, goImportEnd(masked)) : masked;
	const single = [...header.matchAll(/^import[ \t]+((?:\w+|[._])[ \t]+)?"([^"\n]*)"[ \t]*$/gm)];
	const blocks = [...header.matchAll(/^import[ \t]*\(/gm)];
	const have = new Set<string>();
	for (const m of header.matchAll(/^[ \t]*(?:import[ \t]+)?(?:(?:\w+|[._])[ \t]+)?"([^"\n]*)"/gm)) {
		have.add(text.slice(m.index! + m[0].length - 1 - m[1].length, m.index! + m[0].length - 1));
	}
	const missing = modules.filter((m) => !have.has(m));
	if (!missing.length) {
		return [];
	}
	if (blocks.length) {
		const open = blocks[0].index! + blocks[0][0].length;
		const close = masked.indexOf(')', open);
		// The first group: lines up to the first blank line.
		const lines: { start: number; next: number; path: string; indent: string }[] = [];
		let at = nextLineStart(text, open);
		while (at < close) {
			const l = lineAt(text, at);
			const content = text.slice(l.start, l.end);
			if (!content.trim()) {
				if (lines.length) {
					break;
				}
			} else {
				const m = /"([^"\n]*)"/.exec(masked.slice(l.start, l.end));
				if (m && l.end <= close) {
					const from = l.start + m.index + 1;
					lines.push({ start: l.start, next: l.next, path: text.slice(from, from + m[1].length), indent: indentOf(content) });
				}
			}
			if (l.next === at) {
				break;
			}
			at = l.next;
		}
		const indent = lines[0]?.indent ?? format.indent;
		const byOffset = new Map<number, string[]>();
		for (const m of missing) {
			const before = lines.find((l) => l.path > m);
			const offset = before ? before.start : lines.length ? lines[lines.length - 1].next : nextLineStart(text, open);
			byOffset.set(offset, [...(byOffset.get(offset) ?? []), `${indent}"${m}"${eol}`]);
		}
		return [...byOffset].map(([offset, l]) => ({ offset, length: 0, newText: l.join('') }));
	}
	const block = (paths: string[]) => `import (${eol}${paths.sort().map((p) => `${format.indent}"${p}"${eol}`).join('')})`;
	if (single.length === 1 && !single[0][1]) {
		const s = single[0];
		const path = text.slice(s.index! + s[0].lastIndexOf('"') - s[2].length, s.index! + s[0].lastIndexOf('"'));
		return [{ offset: s.index!, length: s[0].length, newText: block([path, ...missing]) }];
	}
	if (single.length) {
		const last = single[single.length - 1];
		const newText = missing.map((m) => `import "${m}"${eol}`).join('');
		return [{ offset: nextLineStart(text, last.index! + last[0].length), length: 0, newText }];
	}
	const pkg = /^package\s+\w+[^\n\r]*/m.exec(masked);
	const offset = pkg ? nextLineStart(text, pkg.index + pkg[0].length) : 0;
	const decl = missing.length === 1 ? `import "${missing[0]}"` : block([...missing]);
	return [{ offset, length: 0, newText: pkg ? eol + decl + eol : decl + eol + eol }];
}

// ---- the edits -----------------------------------------------------------------------------

export interface InsertReferenceOptions {
	readonly format: SnippetFormat;
	/**
	 * Insert at the line holding this offset (the cursor). When absent, or where the language
	 * cannot take code (Java outside a class), the default insertion point is used.
	 */
	readonly at?: number;
}

export interface InsertReferenceEdits {
	readonly edits: readonly TextEdit[];
	/** Offset in the original text where the snippet is inserted. */
	readonly offset: number;
	readonly context: SnippetContext;
}

function isBlankLine(text: string, line: LineInfo): boolean {
	return !text.slice(line.start, line.end).trim();
}

/** Indentation for code on a blank line: the previous code line's, one level deeper after an opening bracket or colon. */
function blankLineIndent(text: string, masked: string, line: LineInfo, format: SnippetFormat, language: SnippetLanguage): string {
	const own = text.slice(line.start, line.end);
	if (own.length) {
		return own;
	}
	let at = line.start;
	while (at > 0) {
		const prev = lineAt(text, at - 1);
		const code = masked.slice(prev.start, prev.end);
		if (code.trim()) {
			const ind = indentOf(text.slice(prev.start, prev.end));
			const opens = language === 'python' ? /:\s*$/.test(code) : /[{(]\s*$/.test(code);
			return opens ? ind + format.indent : ind;
		}
		at = prev.start;
	}
	return '';
}

/**
 * The edits that insert a connection's snippet into a source file, with the imports it needs:
 * at the line of `options.at` (on a blank line, replacing its whitespace; otherwise above it,
 * with its indentation), or at the default insertion point set off by blank lines.
 */
export function insertReferenceEdits(text: string, language: SnippetLanguage, spec: SnippetSpec, options: InsertReferenceOptions): InsertReferenceEdits {
	const { format } = options;
	const eol = format.eol;
	const masked = maskNonCode(text, language);
	let snippet: TextEdit;
	let context: SnippetContext | undefined = options.at === undefined ? undefined : contextAt(text, language, Math.max(0, Math.min(options.at, text.length)));
	if (options.at !== undefined && context) {
		const line = lineAt(text, Math.max(0, Math.min(options.at, text.length)));
		if (isBlankLine(text, line)) {
			const indent = blankLineIndent(text, masked, line, format, language);
			// On the empty last line of a file that ends with a line break, keep that final break.
			const final = line.start === text.length && text.length > 0 ? eol : '';
			snippet = { offset: line.start, length: line.end - line.start, newText: renderSnippet(spec, language, context, format, indent) + final };
		} else {
			const indent = indentOf(text.slice(line.start, line.end));
			snippet = { offset: line.start, length: 0, newText: renderSnippet(spec, language, context, format, indent) + eol };
		}
	} else {
		const point = defaultInsertionPoint(text, language, format);
		context = point.context;
		const body = renderSnippet(spec, language, context, format, point.indent);
		const line = lineAt(text, point.offset);
		const atLineStart = point.offset === line.start;
		let newText: string;
		if (!atLineStart) {
			// After a `{` with code following on its line: open a line, and put the rest on its own.
			newText = eol + body + eol + eol + point.indent;
		} else {
			const prev = point.offset > 0 ? lineAt(text, point.offset - 1) : undefined;
			const prevText = prev ? masked.slice(prev.start, prev.end) : '';
			const noBreakBefore = point.offset > 0 && !/[\r\n]$/.test(text.slice(0, point.offset));
			const blankBefore = prev !== undefined && prevText.trim() !== '' && !/\{\s*$/.test(prevText);
			const nextLine = text.slice(line.start, line.end);
			const atEnd = point.offset >= text.length;
			const blankAfter = !atEnd && nextLine.trim() !== '' && !/^\s*\}/.test(nextLine);
			// PEP 8: two blank lines after a top-level function.
			const after = blankAfter ? (language === 'python' && /^def /m.test(body) ? eol + eol : eol) : '';
			newText = (noBreakBefore ? eol : '') + (blankBefore ? eol : '') + body + eol + after;
		}
		snippet = { offset: point.offset, length: 0, newText };
	}
	const imports = importEdit(text, masked, language, requiredImports(spec, language), format);
	// An import landing where the snippet goes is merged into it, imports first.
	const edits: TextEdit[] = [];
	let merged = snippet;
	for (const e of imports) {
		if (e.length === 0 && e.offset >= merged.offset && e.offset <= merged.offset + merged.length) {
			merged = { offset: merged.offset, length: merged.length, newText: e.newText + merged.newText };
		} else {
			edits.push(e);
		}
	}
	edits.push(merged);
	edits.sort((a, b) => a.offset - b.offset);
	return { edits, offset: snippet.offset, context };
}

/** Zero-based line of an offset (for the code lens of the default insertion point). */
export function lineOfOffset(text: string, offset: number): number {
	let line = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
			line++;
		}
	}
	return line;
}
