// A snippet as lines and text in a language and context, and the imports it needs: the one
// place that picks a language's template.
import { ballerina } from './ballerina';
import { csharp } from './csharp';
import { go } from './go';
import { java } from './java';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import type { SnippetTemplate } from './template';
import { javascript, typescript } from './typescript';
import type { SnippetContext, SnippetFormat, SnippetLanguage, SnippetSpec } from './spec';

const TEMPLATES: Readonly<Record<SnippetLanguage, SnippetTemplate>> = { typescript, javascript, python, go, java, csharp, ballerina, php, ruby };

/** The snippet's lines, indented by `baseIndent` plus levels of `format.indent` (blank lines stay empty). */
export function snippetLines(spec: SnippetSpec, language: SnippetLanguage, context: SnippetContext, format: SnippetFormat, baseIndent = ''): string[] {
	return TEMPLATES[language].lines(spec, context).map(([level, text]) => (text ? baseIndent + format.indent.repeat(level) + text : ''));
}

/** The snippet as text (lines joined by the format's EOL, no final line break). */
export function renderSnippet(spec: SnippetSpec, language: SnippetLanguage, context: SnippetContext, format: SnippetFormat, baseIndent = ''): string {
	return snippetLines(spec, language, context, format, baseIndent).join(format.eol);
}

/** Modules, packages or namespaces the snippet needs, in the language's import syntax order. */
export function requiredImports(spec: SnippetSpec, language: SnippetLanguage): string[] {
	const token = spec.tokenFetch && spec.variables.some((v) => v.key === 'TokenURL') && spec.variables.some((v) => v.key === 'ConsumerKey') && spec.variables.some((v) => v.key === 'ConsumerSecret');
	return TEMPLATES[language].imports(token);
}
