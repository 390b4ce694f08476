import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTextEdits } from '../../src/core/text/textEdit';
import { scanEnvReads } from '../../src/core/source/envReads';
import { SOURCE_LANGUAGES, type SourceLanguage } from '../../src/core/source/languages';
import { maskNonCode, type LexStats } from '../../src/core/source/lexer';
import { insertReferenceEdits } from '../../src/core/source/insertion';
import { contextAt } from '../../src/core/source/layout';
import type { SnippetSpec } from '../../src/core/source/snippets/spec';

/** Asserts the masked text, written with `~` for each masked character (line breaks stay). */
function masks(text: string, language: SourceLanguage, expected: string): void {
	assert.equal(maskNonCode(text, language), expected.replace(/~/g, ' '), text);
}

const SAMPLE: SnippetSpec = { connectionId: 'db', kind: 'database', scope: 'project', variables: [{ key: 'HostName', variable: 'CHOREO_DB_HOSTNAME' }], tokenFetch: false };
const TAB = { indent: '\t', eol: '\n' };

describe('lexer: what is code', () => {
	it('JavaScript: comments, strings, template literals with code holes, regex literals', () => {
		masks('a // b\nc /* d */ e', 'javascript', 'a ~~~~\nc ~~~~~~~ e');
		masks('x = "a{" + \'b}\'', 'javascript', 'x = "~~" + \'~~\'');
		masks('s = `a${ {k: "}"} }b`', 'javascript', 's = `~~~ {k: "~"} ~~`');
		masks('r = /"[/]{/g; f(a / 2, b / 3)', 'javascript', 'r = /~~~~~/g; f(a / 2, b / 3)');
	});

	it('the known disagreement, JavaScript: `/"/` is a regex literal and does not mask the rest of the line', () => {
		masks('const r = /"/; const a = { b: 1 };', 'javascript', 'const r = /~/; const a = { b: 1 };');
		const text = 'function f() {\n\tconst r = /"/; if (x) {\n\t}\n\n}\n';
		assert.equal(contextAt(text, 'javascript', text.indexOf('\n\n') + 1), 'statements');
		assert.deepEqual(scanEnvReads('const r = /"/; const a = process.env.A;', 'javascript').map((r) => r.variable), ['A']);
	});

	it('Python: comments, triple-quoted strings, prefixes, f-string holes are code', () => {
		masks('s = f"a{b}c" # x\nt = """q\n"""', 'python', 's = f"~~b~~" ~~~\nt = """~\n"""');
		masks("r = rb'\\d' + u'x'", 'python', "r = rb'~~' + u'~'");
	});

	it('Go: raw strings without escapes, runes', () => {
		masks('s := `a\\` + "b" + \'c\' // d', 'go', 's := `~~` + "~" + \'~\' ~~~~');
	});

	it('Java: text blocks', () => {
		masks('String s = """\n  a " "" {\n  """; int x;', 'java', 'String s = """\n~~~~~~~~~~\n~~"""; int x;');
	});

	it('C#: verbatim, interpolated and raw strings with any number of quotes', () => {
		masks('var s = @"a""b\\" + $@"{z}" + @$"{w}";', 'csharp', 'var s = @"~~~~~" + $@"~z~" + @$"~w~";');
		masks('var s = $$"""{{x}} {y}""";', 'csharp', 'var s = $$"""~~x~~~~~~""";');
		masks('var s = """" a """ b """";', 'csharp', 'var s = """"~~~~~~~~~"""";');
	});

	it('Ballerina: // and # comments, double-quoted strings, string templates with code holes; \' is a quoted identifier', () => {
		masks('a // b\n# c\nx = "d{" + string `e${f}g`;', 'ballerina', 'a ~~~~\n~~~\nx = "~~" + string `~~~f~~`;');
		masks("int 'type = 1; x = a /* b */;", 'ballerina', "int 'type = 1; x = a /* b */;");
	});

	it('PHP: the HTML around <?php … ?> is not code; //, # and /* */ comments (a line comment ends at ?>), strings, heredocs', () => {
		masks('<b>x</b><?php $a = "s"; # c\n?>h<?= $b ?>', 'php', '~~~~~~~~<?php $a = "~"; ~~~\n?>~<?= $b ?>');
		masks("<?php // a ?>b<?php $c = 'd' . `e`;", 'php', "<?php ~~~~~?>~<?php $c = '~' . `~`;");
		masks('<?php $h = <<<"EOT"\n  a\n  EOT;\n$n = <<<\'X\'\nb\nX;', 'php', '<?php $h = <<<"EOT"\n~~~\n  EOT;\n$n = <<<\'X\'\n~\nX;');
		masks('<?php #[Attr] $a = 1; /* x */', 'php', '<?php #[Attr] $a = 1; ~~~~~~~');
	});

	it('Ruby: # comments, =begin/=end at line start, strings with #{} holes as code', () => {
		masks('a # b\n=begin\nc\n=end\nd = "e#{f}g" + \'h#{i}\'', 'ruby', 'a ~~~\n~~~~~~\n~\n~~~~\nd = "~~~f~~" + \'~~~~~\'');
		masks('x = 1 =begin\ny', 'ruby', 'x = 1 =begin\ny');
	});

	it('the known disagreement, C#: a raw string with four quotes holding `"""` and `{` leaves an insert in the class body a member', () => {
		const text = 'class A\n{\n    string s = """"\n        x """ { y\n        """";\n    \n}\n';
		const at = text.indexOf('    \n}');
		assert.equal(contextAt(text, 'csharp', at), 'members');
		const r = insertReferenceEdits(text, 'csharp', SAMPLE, { format: TAB, at });
		assert.equal(r.context, 'members');
		assert.match(applyTextEdits(text, r.edits), /private static readonly string\? DbHostName = Environment\.GetEnvironmentVariable\("CHOREO_DB_HOSTNAME"\);/);
	});

	it('env reads and masking agree: every read the scanner finds is in code', () => {
		const pieces = fc.constantFrom('process.env.A', 'os.getenv("A")', 'os.Getenv("A")', 'System.getenv("A")', 'Environment.GetEnvironmentVariable("A")',
			'os:getEnv("A")', 'getenv(\'A\')', '$_ENV["A"]', 'ENV[\'A\']', 'ENV.fetch("A")', '<?php ', '?>', '<<<X\n', '\nX;', '\n=begin\n', '\n=end\n', '#{',
			'"', "'", '`', '"""', '""""', '$"{', '}', '@"', '/*', '*/', '//', '#', '/"/', '\n', ' ', 'f"{', '${', 'x = ');
		fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), fc.constantFrom(...SOURCE_LANGUAGES), (parts, language) => {
			const text = parts.join('');
			const masked = maskNonCode(text, language);
			for (const r of scanEnvReads(text, language)) {
				assert.equal(masked[r.readOffset], text[r.readOffset], `read at ${r.readOffset} in ${JSON.stringify(text)}`);
			}
		}), { numRuns: 500 });
	});
});

describe('lexer: linear time (work counted, not timed)', () => {
	const unit: Readonly<Record<SourceLanguage, string>> = {
		typescript: 'const a = `x${b}` + "c" /* d */ + /"/g; // e\n',
		javascript: 'let s = \'a\' + `${`${c}`}`; f(a / 2);\n',
		python: 's = f"{a}" + """b""" + r\'c\' # d\n',
		go: 's := `a` + "b" + \'c\' /* d */\n',
		java: 'String s = """\n  a\n  """ + "b"; // c\n',
		csharp: 'var s = $$"""{{a}}""" + @"b""c" + """" d """"; // e\n',
		ballerina: 'string s = string `a${b}` + "c"; // d\n# e\n',
		php: '<?php $s = \'a\' . "b$c" . <<<EOT\n  x\n  EOT; # d\n/* e */ ?><p>f</p>\n',
		ruby: 's = "a#{b}" + \'c\' # d\n=begin\ne\n=end\n',
	};

	function work(text: string, language: SourceLanguage): number {
		const stats: LexStats = { tokens: 0, rescanned: 0 };
		maskNonCode(text, language, stats);
		return stats.tokens + stats.rescanned;
	}

	for (const language of SOURCE_LANGUAGES) {
		it(`${language}: 8 times the text gives 8 times the work`, () => {
			const n = 500;
			const small = work(unit[language].repeat(n), language);
			const big = work(unit[language].repeat(8 * n), language);
			assert.ok(small > n);
			assert.ok(Math.abs(big - 8 * small) <= 8, `${big} vs 8 × ${small}`);
			assert.ok(big <= 2 * unit[language].length * 8 * n);
		});
	}

	it('runs of quotes, dollars and braces stay within a budget linear in their length', () => {
		for (const [language, piece] of [['csharp', '"'], ['csharp', '$'], ['csharp', '$$$"""{{{'], ['python', "'''"], ['typescript', '`${'], ['java', '"""'],
			['php', '<?php ?>'], ['php', '<<<A\n'], ['php', '<?php #'], ['ruby', '"#{'], ['ruby', '\n=begin\n'], ['ballerina', '`${']] as const) {
			const text = piece.repeat(Math.ceil(100_000 / piece.length));
			assert.ok(work(text, language) <= 4 * text.length, `${language} ${JSON.stringify(piece)}`);
		}
	});
});
