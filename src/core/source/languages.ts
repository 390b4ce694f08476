// The one table of source languages: which files and editor languages are component source,
// how the injection grammar reaches them, what `connections.languages` offers and enables by
// default, and which languages have insert snippets. Everything that lists languages derives
// from LANGUAGES below (a unit test holds package.json to it).

export type SourceLanguage = 'typescript' | 'javascript' | 'python' | 'go' | 'java' | 'csharp' | 'ballerina' | 'php' | 'ruby';

/** A VS Code language ID of a source language and the TextMate scope its grammar has. */
export interface EditorLanguage {
	readonly id: string;
	readonly scope: string;
	/**
	 * Scopes of grammars embedded in the language's grammar that hold its code (PHP: the editor's
	 * `php` grammar is `text.html.php`, with the code in `source.php`); the injection reaches these too.
	 */
	readonly embeddedScopes?: readonly string[];
}

export interface LanguageEntry {
	readonly language: SourceLanguage;
	/** Shown to people, e.g. in "can be inserted into … files". */
	readonly name: string;
	readonly editorLanguages: readonly EditorLanguage[];
	/** File extensions without the dot, lower case. */
	readonly extensions: readonly string[];
	/** Whether its editor languages are in the default of `connections.languages`. */
	readonly enabledByDefault: boolean;
	/** Whether "Insert connection reference" writes code in it. */
	readonly snippets: boolean;
}

export const LANGUAGES: readonly LanguageEntry[] = [
	{
		language: 'typescript', name: 'TypeScript',
		editorLanguages: [{ id: 'typescript', scope: 'source.ts' }, { id: 'typescriptreact', scope: 'source.tsx' }],
		extensions: ['ts', 'tsx', 'mts', 'cts'], enabledByDefault: true, snippets: true,
	},
	{
		language: 'javascript', name: 'JavaScript',
		editorLanguages: [{ id: 'javascript', scope: 'source.js' }, { id: 'javascriptreact', scope: 'source.js.jsx' }],
		extensions: ['js', 'jsx', 'mjs', 'cjs'], enabledByDefault: true, snippets: true,
	},
	{ language: 'python', name: 'Python', editorLanguages: [{ id: 'python', scope: 'source.python' }], extensions: ['py'], enabledByDefault: true, snippets: true },
	{ language: 'go', name: 'Go', editorLanguages: [{ id: 'go', scope: 'source.go' }], extensions: ['go'], enabledByDefault: true, snippets: true },
	{ language: 'java', name: 'Java', editorLanguages: [{ id: 'java', scope: 'source.java' }], extensions: ['java'], enabledByDefault: true, snippets: true },
	{ language: 'csharp', name: 'C#', editorLanguages: [{ id: 'csharp', scope: 'source.cs' }], extensions: ['cs'], enabledByDefault: true, snippets: true },
	{ language: 'ballerina', name: 'Ballerina', editorLanguages: [{ id: 'ballerina', scope: 'source.ballerina' }], extensions: ['bal'], enabledByDefault: true, snippets: true },
	{
		language: 'php', name: 'PHP',
		editorLanguages: [{ id: 'php', scope: 'text.html.php', embeddedScopes: ['source.php'] }],
		extensions: ['php'], enabledByDefault: true, snippets: true,
	},
	{ language: 'ruby', name: 'Ruby', editorLanguages: [{ id: 'ruby', scope: 'source.ruby' }], extensions: ['rb'], enabledByDefault: true, snippets: true },
];

/** Every source language, in table order. */
export const SOURCE_LANGUAGES: readonly SourceLanguage[] = LANGUAGES.map((l) => l.language);

/** Every VS Code language ID of a source language: the selectors and the `connections.languages` enum. */
export const EDITOR_LANGUAGE_IDS: readonly string[] = LANGUAGES.flatMap((l) => l.editorLanguages.map((e) => e.id));

/** The default of `connections.languages`. */
export const DEFAULT_EDITOR_LANGUAGE_IDS: readonly string[] = LANGUAGES.filter((l) => l.enabledByDefault).flatMap((l) => l.editorLanguages.map((e) => e.id));

/** The TextMate scopes the connection-reference grammar is injected into. */
export const GRAMMAR_SCOPES: readonly string[] = LANGUAGES.flatMap((l) => l.editorLanguages.flatMap((e) => [e.scope, ...(e.embeddedScopes ?? [])]));

/** A glob of every source file, e.g. `**\/*.{ts,tsx,…}`. */
export const SOURCE_GLOB = `**/*.{${LANGUAGES.flatMap((l) => l.extensions).join(',')}}`;

const BY_EXTENSION = new Map(LANGUAGES.flatMap((l) => l.extensions.map((ext) => [ext, l.language] as const)));
const BY_EDITOR_ID = new Map(LANGUAGES.flatMap((l) => l.editorLanguages.map((e) => [e.id, l.language] as const)));
const BY_LANGUAGE = new Map(LANGUAGES.map((l) => [l.language, l] as const));

/** The table entry of a source language. */
export function languageEntry(language: SourceLanguage): LanguageEntry {
	return BY_LANGUAGE.get(language)!;
}

/** The source language of a file path (by extension, case-insensitive), or undefined. */
export function languageOfPath(path: string): SourceLanguage | undefined {
	const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
	const dot = path.lastIndexOf('.');
	if (dot <= slash + 1) {
		return undefined;
	}
	return BY_EXTENSION.get(path.slice(dot + 1).toLowerCase());
}

/** The source language of a VS Code language ID, or undefined. */
export function languageOfLanguageId(id: string): SourceLanguage | undefined {
	return BY_EDITOR_ID.get(id);
}
