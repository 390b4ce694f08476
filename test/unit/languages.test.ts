import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
	DEFAULT_EDITOR_LANGUAGE_IDS, EDITOR_LANGUAGE_IDS, GRAMMAR_SCOPES, LANGUAGES, SOURCE_GLOB, languageOfLanguageId, languageOfPath,
	type SourceLanguage,
} from '../../src/core/source/languages';
import { SNIPPET_LANGUAGES } from '../../src/core/source/snippets/spec';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

describe('languages: the table', () => {
	it('maps file extensions, case-insensitively, and nothing else', () => {
		const cases: [string, SourceLanguage | undefined][] = [
			['src/a.ts', 'typescript'], ['a.tsx', 'typescript'], ['a.mts', 'typescript'], ['a.cts', 'typescript'], ['A.TS', 'typescript'],
			['a.js', 'javascript'], ['a.jsx', 'javascript'], ['a.mjs', 'javascript'], ['a.cjs', 'javascript'],
			['app/main.py', 'python'], ['main.go', 'go'], ['Main.java', 'java'], ['Program.cs', 'csharp'],
			['service.bal', 'ballerina'], ['index.php', 'php'], ['app/config.rb', 'ruby'], ['a.PHP', 'php'], ['a.phtml', undefined], ['Gemfile', undefined],
			['a.rs', undefined], ['Makefile', undefined], ['.ts', undefined], ['dir.ts/file', undefined], ['a.constructor', undefined], ['C:\\x\\a.py', 'python'],
		];
		for (const [file, lang] of cases) {
			assert.equal(languageOfPath(file), lang, file);
		}
	});

	it('maps VS Code language IDs', () => {
		assert.equal(languageOfLanguageId('typescriptreact'), 'typescript');
		assert.equal(languageOfLanguageId('javascriptreact'), 'javascript');
		for (const id of ['typescript', 'javascript', 'python', 'go', 'java', 'csharp', 'ballerina', 'php', 'ruby']) {
			assert.equal(languageOfLanguageId(id), id);
		}
		assert.equal(languageOfLanguageId('rust'), undefined);
		assert.equal(languageOfLanguageId('toString'), undefined);
	});
});

describe('languages: package.json is derived from the table', () => {
	it('connections.languages: the enum is every editor language, the default the enabled ones, in table order', () => {
		const setting = pkg.contributes.configuration.properties['connections.languages'];
		assert.deepEqual(setting.items.enum, EDITOR_LANGUAGE_IDS);
		assert.deepEqual(setting.default, DEFAULT_EDITOR_LANGUAGE_IDS);
	});

	it('the connection-reference grammar is injected into every language scope of the table', () => {
		const grammar = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'connection-reference.injection');
		assert.deepEqual(grammar.injectTo, GRAMMAR_SCOPES);
		// PHP: the editor's php grammar is text.html.php, with the code embedded as source.php; both are reached.
		assert.ok(GRAMMAR_SCOPES.includes('text.html.php') && GRAMMAR_SCOPES.includes('source.php'));
	});

	it('snippets, the source glob and the maps are read from the table', () => {
		assert.deepEqual(SNIPPET_LANGUAGES, LANGUAGES.filter((l) => l.snippets).map((l) => l.language));
		assert.equal(SOURCE_GLOB, '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,go,java,cs,bal,php,rb}');
		for (const l of LANGUAGES) {
			for (const ext of l.extensions) {
				assert.equal(languageOfPath(`a.${ext}`), l.language, ext);
			}
			for (const e of l.editorLanguages) {
				assert.equal(languageOfLanguageId(e.id), l.language, e.id);
			}
		}
	});

	it('no other file in src/ lists the editor language IDs (the table is their one home)', () => {
		const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
			.flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
		const table = path.resolve('src/core/source/languages.ts');
		for (const f of files(path.resolve('src')).filter((x) => x.endsWith('.ts') && x !== table)) {
			const text = fs.readFileSync(f, 'utf8');
			assert.ok(!/['"]typescriptreact['"]|['"]javascriptreact['"]|['"]source\.tsx?['"]|['"]py['"]\s*[:,]/.test(text), `${path.relative('.', f)} lists languages: derive them from languages.ts`);
		}
	});
});
