import assert from 'node:assert/strict';
import fc from 'fast-check';
import { envReadAt, scanEnvReads, type ScanStats } from '../../src/core/source/envReads';
import { MAX_VARIABLE_LENGTH } from '../../src/core/source/readMatcher';
import type { SourceLanguage } from '../../src/core/source/languages';

const LANGUAGES: readonly SourceLanguage[] = ['typescript', 'javascript', 'python', 'go', 'java', 'csharp', 'ballerina', 'php', 'ruby'];

/** `variable@whole read text` for each read, checking that the name span holds the variable. */
function reads(text: string, language: SourceLanguage): string[] {
	return scanEnvReads(text, language).map((r) => {
		assert.equal(text.slice(r.offset, r.offset + r.length), r.variable);
		assert.ok(r.readOffset <= r.offset && r.offset + r.length <= r.readOffset + r.readLength, `name inside the read: ${r.variable}`);
		return `${r.variable}@${text.slice(r.readOffset, r.readOffset + r.readLength)}`;
	});
}

/** envReadAt at the `|` of `marked`, as `prefix[start,end)` with the name token's text. */
function at(marked: string, language: SourceLanguage): string | undefined {
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const r = envReadAt(text, offset, language);
	return r && `${r.prefix}|${text.slice(r.start, r.end)}`;
}

describe('references: scanEnvReads', () => {
	it('TypeScript/JavaScript: member, bracket, optional, Deno, Bun, import.meta', () => {
		const src = [
			'const a = process.env.CHOREO_A_SERVICEURL;',
			'const b = process.env["B"] + process.env[\'C\'] + process.env[`D`];',
			'const c = process.env?.E ?? process.env?.["F"];',
			'const d = process . env . G;',
			'Deno.env.get("H"); Bun.env.I; Bun.env["J"]; import.meta.env.VITE_K;',
			'process.env.lower_case_1;',
		].join('\n');
		for (const lang of ['typescript', 'javascript'] as const) {
			assert.deepEqual(reads(src, lang), [
				'CHOREO_A_SERVICEURL@process.env.CHOREO_A_SERVICEURL', 'B@process.env["B"]', "C@process.env['C']", 'D@process.env[`D`]',
				'E@process.env?.E', 'F@process.env?.["F"]', 'G@process . env . G', 'H@Deno.env.get("H")', 'I@Bun.env.I', 'J@Bun.env["J"]',
				'VITE_K@import.meta.env.VITE_K', 'lower_case_1@process.env.lower_case_1',
			]);
		}
	});

	it('TypeScript: destructuring from the env object makes each key a read', () => {
		const src = 'const { A, B: b, C = "x", D = process.env.E, ...rest } = process.env;\nlet { F } = import.meta.env;';
		assert.deepEqual(reads(src, 'typescript'), ['A@A', 'B@B: b', 'C@C = "x"', 'D@D = process.env.E', 'E@process.env.E', 'F@F']);
		// Not from the env object, or the env object not used whole: no reads.
		assert.deepEqual(reads('const { A } = other; const { B } = process.env.X;', 'typescript'), ['X@process.env.X']);
		assert.deepEqual(reads('if (x) { A, B } process.env;', 'typescript'), []);
	});

	it('TypeScript: not a read in comments, strings, regexes, method calls or other names', () => {
		const src = [
			'// process.env.A',
			'/* process.env.B */',
			'const s = "process.env.C" + \'process.env.D\' + `process.env.E ${process.env.F} process.env.G`;',
			'const r = /process.env.H"/; const q = a / process.env.I / 2;',
			'process.env.hasOwnProperty("J"); process.envX.K; myprocess.env.L; process.env.$M; process.env.N$;',
			'`${`${process.env.O}`}`;',
		].join('\n');
		assert.deepEqual(reads(src, 'typescript'), ['F@process.env.F', 'I@process.env.I', 'O@process.env.O']);
	});

	it('Python: os.environ, os.getenv, environ, getenv, quotes, f-strings', () => {
		const src = [
			'import os',
			'a = os.environ["A"]',
			"b = os.environ.get('B', 'default')",
			'c = os.getenv("C")',
			"d = environ['D'] + getenv(\"E\", None)",
			'f = f"{os.getenv(\'F\')}/path"',
			'g = os.getenv("G", os.getenv("H"))',
			'i = os.environ [ "I" ]',
		].join('\n');
		assert.deepEqual(reads(src, 'python'), [
			'A@os.environ["A"]', "B@os.environ.get('B', 'default')", 'C@os.getenv("C")', "D@environ['D']", 'E@getenv("E", None)',
			"F@os.getenv('F')", 'G@os.getenv("G", os.getenv("H"))', 'H@os.getenv("H")', 'I@os.environ [ "I" ]',
		]);
	});

	it('Python: not a read in comments, strings, docstrings or attributes named environ', () => {
		const src = [
			'# os.getenv("A")',
			'"""os.getenv("B")',
			'os.environ["C"]"""',
			"s = 'os.getenv(\"D\")'",
			'r = rb"os.getenv(\'E\')"',
			'request.environ["F"]; self.getenv("G")',
			'f"{{os.getenv(\'H\')}}"',
		].join('\n');
		assert.deepEqual(reads(src, 'python'), []);
	});

	it('Go: os.Getenv, os.LookupEnv, backquotes; not in comments or strings', () => {
		const src = 'a := os.Getenv("A") // os.Getenv("X")\nb, ok := os.LookupEnv(`B`)\n/* os.Getenv("Y") */ s := "os.Getenv(\\"Z\\")"\nr := \'"\'; c := syscall.Getenv("C")';
		assert.deepEqual(reads(src, 'go'), ['A@os.Getenv("A")', 'B@os.LookupEnv(`B`)', 'C@syscall.Getenv("C")']);
	});

	it('Java: System.getenv, the map forms; not in comments, strings or text blocks', () => {
		const src = 'String a = System.getenv("A"); // System.getenv("X")\nString t = """\n  System.getenv("Y")\n  """;\nvar b = System.getenv().get("B"); var c = System.getenv().getOrDefault("C", "d"); char q = \'"\';';
		assert.deepEqual(reads(src, 'java'), ['A@System.getenv("A")', 'B@System.getenv().get("B")', 'C@System.getenv().getOrDefault("C", "d")']);
	});

	it('C#: Environment.GetEnvironmentVariable, System.-qualified, in interpolation holes; not in strings', () => {
		const src = [
			'var a = Environment.GetEnvironmentVariable("A");',
			'var b = System.Environment.GetEnvironmentVariable("B", EnvironmentVariableTarget.Process);',
			'var c = $"{Environment.GetEnvironmentVariable("C")} Environment.GetEnvironmentVariable(\\"X\\")";',
			'var d = @"Environment.GetEnvironmentVariable(""Y"")"; var e = """Environment.GetEnvironmentVariable("Z")""";',
			'var f = $$"""{{Environment.GetEnvironmentVariable("F")}} {Environment.GetEnvironmentVariable("W")}""";',
			'// Environment.GetEnvironmentVariable("V")',
		].join('\n');
		assert.deepEqual(reads(src, 'csharp'), [
			'A@Environment.GetEnvironmentVariable("A")',
			'B@System.Environment.GetEnvironmentVariable("B", EnvironmentVariableTarget.Process)',
			'C@Environment.GetEnvironmentVariable("C")',
			'F@Environment.GetEnvironmentVariable("F")',
		]);
	});

	it('Ballerina: os:getEnv, in string template holes; not in comments, strings, templates or near misses', () => {
		const src = [
			'import ballerina/os;',
			'final string a = os:getEnv("A"); // os:getEnv("X")',
			'# Documentation: os:getEnv("Y")',
			'string b = string `${os:getEnv("B")}/path os:getEnv("Z")`;',
			'string s = "os:getEnv(\\"W\\")"; string q = os:getEnv("C", "default");',
			'string v = os : getEnv("V") + os:getenv("U") + myos:getEnv("T") + os:getEnv(\'S\') + os:getEnv(`R`);',
			'/* not a comment in Ballerina */ string d = os:getEnv("D");',
		].join('\n');
		assert.deepEqual(reads(src, 'ballerina'), ['A@os:getEnv("A")', 'B@os:getEnv("B")', 'C@os:getEnv("C", "default")', 'D@os:getEnv("D")']);
	});

	it('PHP: getenv, $_ENV and $_SERVER, both quotes; only inside <?php … ?>, not in comments, strings or heredocs', () => {
		const src = [
			'<p>Don\'t getenv("X1")</p>',
			'<?php',
			"$a = getenv('A'); $b = getenv(\"B\", true); # getenv('X2')",
			"$c = $_ENV['C'] . $_SERVER[\"D\"]; // getenv('X3') ?> getenv('X4') <?php $e = \\getenv('E');",
			"/* getenv('X5') */ $s = 'getenv(\\'X6\\')' . \"$_ENV[X7] {$_ENV['X8']}\";",
			'$h = <<<EOT',
			"  getenv('X9')",
			'  EOT;',
			"$n = <<<'EOT'\ngetenv('X10')\nEOT;",
			"$f = 'x' . getenv('F');",
			"$o->getenv('X11'); $o?->getenv('X12'); Env::getenv('X13'); function getenv($k) {} $_ENV[$k]; $_GET['X14']; GETENV('X15');",
			"#[Attribute] $g = getenv('G');",
			"?><?= getenv('H') ?>",
		].join('\n');
		assert.deepEqual(reads(src, 'php'), [
			"A@getenv('A')", 'B@getenv("B", true)', "C@$_ENV['C']", 'D@$_SERVER["D"]', "E@getenv('E')", "F@getenv('F')", "G@getenv('G')", "H@getenv('H')",
		]);
	});

	it('Ruby: ENV[], ENV.fetch with and without a default, in #{} holes; not in comments, =begin blocks, strings or near misses', () => {
		const src = [
			'# ENV["X1"]',
			"a = ENV['A'] + ENV[\"B\"]",
			"b = ENV.fetch('C')",
			'c = ENV.fetch("D", "default")',
			'=begin',
			'ENV["X2"]',
			'=end',
			"s = \"#{ENV['E']} ENV['X3']\" + 'ENV[\"X4\"] #{ENV[\"X5\"]}'",
			'foo.ENV["X6"]; MY_ENV["X7"]; ENV.fetch(name); ENV.key?("X8"); env["X9"]',
			'x = ENV.fetch("F") { "lazy" }',
		].join('\n');
		assert.deepEqual(reads(src, 'ruby'), [
			"A@ENV['A']", 'B@ENV["B"]', "C@ENV.fetch('C')", 'D@ENV.fetch("D", "default")', "E@ENV['E']", 'F@ENV.fetch("F")',
		]);
	});

	it('names: [A-Za-z_][A-Za-z0-9_]* of at most 256 characters', () => {
		const ok = 'A'.repeat(MAX_VARIABLE_LENGTH);
		const long = 'A'.repeat(MAX_VARIABLE_LENGTH + 1);
		assert.deepEqual(scanEnvReads(`os.getenv("${ok}"); os.getenv("${long}"); os.getenv("1A"); os.getenv("A-B"); os.getenv("")`, 'python').map((r) => r.length), [MAX_VARIABLE_LENGTH]);
		assert.deepEqual(scanEnvReads(`process.env.${ok}; process.env.${long}; process.env["A B"]`, 'typescript').map((r) => r.length), [MAX_VARIABLE_LENGTH]);
		assert.deepEqual(reads('os.getenv("A" + b); os.getenv(name)', 'python'), []);
	});

	it('offsets are UTF-16 code units', () => {
		const src = '// 😀 ünïcödé\nconst x = "😀"; process.env.A;';
		const [r] = scanEnvReads(src, 'typescript');
		assert.equal(r.offset, src.indexOf('A;'));
		assert.equal(src.slice(r.readOffset, r.readOffset + r.readLength), 'process.env.A');
	});

	it('survives unterminated comments, strings and holes at the end of the text', () => {
		for (const lang of LANGUAGES) {
			for (const tail of ['/*', '"', "'", '`', '${', 'f"{', '$"{', '"""', '@"', 'process.env.', 'os.getenv(', 'os.getenv("A"', 'System.getenv().']) {
				const text = `process.env.A os.getenv("A") os.Getenv("A") System.getenv("A") Environment.GetEnvironmentVariable("A") ${tail}`;
				for (const r of scanEnvReads(text, lang)) {
					assert.ok(r.readOffset >= 0 && r.readOffset + r.readLength <= text.length);
				}
			}
		}
	});

	it('a read inside a call with more arguments ends at its own closing parenthesis, even when unbalanced', () => {
		assert.deepEqual(reads('x = os.getenv("A", f(1, (2)))', 'python'), ['A@os.getenv("A", f(1, (2)))']);
		assert.deepEqual(reads('x = os.getenv("A", ', 'python'), ['A@os.getenv("A"']);
	});
});

describe('references: envReadAt', () => {
	it('finds the name being typed in each read form', () => {
		assert.equal(at('os.getenv("CHO|")', 'python'), 'CHO|CHO');
		assert.equal(at('os.getenv("|")', 'python'), '|');
		assert.equal(at('x = os.environ.get(\'CH|OREO_X\', None)', 'python'), 'CH|CHOREO_X');
		assert.equal(at('environ["|', 'python'), '|');
		assert.equal(at('process.env.|', 'typescript'), '|');
		assert.equal(at('process.env.CH|OR + 1', 'typescript'), 'CH|CHOR');
		assert.equal(at('process.env?.C|', 'javascript'), 'C|C');
		assert.equal(at('process.env["CH|', 'typescript'), 'CH|CH');
		assert.equal(at('const u = `${import.meta.env.V|}`', 'typescript'), 'V|V');
		assert.equal(at('Deno.env.get("|")', 'typescript'), '|');
		assert.equal(at('os.Getenv(`C|`)', 'go'), 'C|C');
		assert.equal(at('os.LookupEnv("|")', 'go'), '|');
		assert.equal(at('System.getenv("A|")', 'java'), 'A|A');
		assert.equal(at('System.getenv().get("|")', 'java'), '|');
		assert.equal(at('System.Environment.GetEnvironmentVariable(@"X|")', 'csharp'), 'X|X');
		assert.equal(at('Environment.GetEnvironmentVariable( "|" )', 'csharp'), '|');
		assert.equal(at('string a = os:getEnv("CHO|', 'ballerina'), 'CHO|CHO');
		assert.equal(at("<?php $a = getenv('CH|OREO');", 'php'), 'CH|CHOREO');
		assert.equal(at("<?php $a = 'x' . getenv('|');", 'php'), '|');
		assert.equal(at('<?php $a = $_ENV["|', 'php'), '|');
		assert.equal(at("<?php $a = $_SERVER['C|']", 'php'), 'C|C');
		assert.equal(at('ENV.fetch("C|", nil)', 'ruby'), 'C|C');
		assert.equal(at("x = ENV['|']", 'ruby'), '|');
	});

	it('is undefined outside the new languages\' env reads: members, HTML, comments, strings', () => {
		assert.equal(at('<?php $o->getenv("C|")', 'php'), undefined);
		assert.equal(at('getenv("C|")', 'php'), undefined); // HTML: no open tag
		assert.equal(at('<?php # getenv("C|")', 'php'), undefined);
		assert.equal(at('# ENV["C|"]', 'ruby'), undefined);
		assert.equal(at('x.ENV["C|"]', 'ruby'), undefined);
		assert.equal(at('// os:getEnv("C|")', 'ballerina'), undefined);
		assert.equal(at('os.getEnv("C|")', 'ballerina'), undefined);
	});

	it('is undefined outside env reads, in comments and in strings', () => {
		assert.equal(at('x = 1 # os.getenv("CHO|")', 'python'), undefined);
		assert.equal(at('"""\nos.getenv("CHO|")', 'python'), undefined);
		assert.equal(at('// process.env.A|', 'typescript'), undefined);
		assert.equal(at('const s = "process.env.A|"', 'typescript'), undefined);
		assert.equal(at('request.environ["|"]', 'python'), undefined);
		assert.equal(at('print("|")', 'python'), undefined);
		assert.equal(at('os.getenv("X"|)', 'python'), undefined);
		assert.equal(at('os.getenv("X")|', 'python'), undefined);
		assert.equal(at('process.env.A|', 'python'), undefined);
		assert.equal(at('process.env[|', 'typescript'), undefined);
		assert.equal(at('os.getenv("1|")', 'python'), undefined);
		assert.equal(envReadAt('abc', -1, 'python'), undefined);
		assert.equal(envReadAt('abc', 4, 'python'), undefined);
	});
});

describe('references: linear time (work counted, not timed)', () => {
	const unit: Readonly<Record<SourceLanguage, string>> = {
		typescript: 'const a = process.env.A + `${process.env["B"]}`; // process.env.C\nconst { D, E: e } = process.env;\nf(a / 2, /"/g);\n',
		javascript: 'const a = process.env.A; /* process.env.B */ x = "process.env.C";\n',
		python: 'a = os.environ.get("A", os.getenv("B")) # os.getenv("C")\ns = f"{environ[\'D\']}" + """os.getenv("E")"""\n',
		go: 'a := os.Getenv("A") // os.Getenv("B")\nb, _ := os.LookupEnv(`C`)\n',
		java: 'String a = System.getenv("A"); /* System.getenv("B") */ var c = System.getenv().get("C");\n',
		csharp: 'var a = Environment.GetEnvironmentVariable("A"); var s = $"{Environment.GetEnvironmentVariable("B")}";\n',
		ballerina: 'string a = os:getEnv("A"); // os:getEnv("B")\nstring t = string `${os:getEnv("C")} os:getEnv("D")`;\n',
		php: '<?php $a = getenv(\'A\') . $_ENV["B"]; # getenv("C")\n$d = <<<EOT\ngetenv("D")\nEOT;\n?><p>getenv("E")</p>\n',
		ruby: 'a = ENV[\'A\'] || ENV.fetch("B", nil) # ENV["C"]\ns = "#{ENV[\'D\']} ENV[\'E\']"\n=begin\nENV["F"]\n=end\n',
	};

	function work(text: string, lang: SourceLanguage): { reads: number; steps: number } {
		const stats: ScanStats = { tokens: 0, lookahead: 0 };
		const reads = scanEnvReads(text, lang, stats).length;
		return { reads, steps: stats.tokens + stats.lookahead };
	}

	for (const lang of LANGUAGES) {
		it(`${lang}: 8 times the text gives exactly 8 times the reads and 8 times the work`, () => {
			const n = 500;
			const small = work(unit[lang].repeat(n), lang);
			const big = work(unit[lang].repeat(8 * n), lang);
			assert.ok(small.reads > 0);
			assert.equal(big.reads, 8 * small.reads);
			assert.ok(Math.abs(big.steps - 8 * small.steps) <= 8, `${big.steps} vs 8 × ${small.steps}`);
			assert.ok(big.steps <= 2 * unit[lang].length * 8 * n);
		});
	}

	it('pathological inputs stay within a budget linear in their length', () => {
		const cases: [SourceLanguage, string][] = [
			['typescript', 'process.env.'], ['typescript', 'process.env["'], ['typescript', 'process.env['], ['typescript', '"'], ['typescript', '`${'],
			['typescript', '{a,'], ['typescript', '}=process.env'], ['typescript', 'process /*'], ['typescript', '/'], ['typescript', 'process.env.A('],
			['python', 'os.getenv('], ['python', 'os.getenv("A",'], ['python', '"'], ['python', "'''"], ['csharp', '$'], ['csharp', '"'], ['python', 'f"{'], ['python', '"""'], ['python', 'os.environ["' + 'A'.repeat(300)],
			['go', 'os.Getenv(`'], ['go', '/*'], ['java', 'System.getenv().'], ['java', '"""'], ['csharp', '$"{'], ['csharp', '$$$"""{{{'], ['csharp', '@"'],
			['csharp', 'Environment.GetEnvironmentVariable('],
			['ballerina', 'os:getEnv('], ['ballerina', 'os:'], ['ballerina', '`${'], ['php', '<?php getenv('], ['php', '$_ENV['], ['php', '<<<A\n'],
			['php', '?><?'], ['php', '<?php /*'], ['ruby', 'ENV.fetch('], ['ruby', 'ENV['], ['ruby', '"#{'], ['ruby', '\n=begin\n'], ['ruby', '=end\n=begin\n'],
		];
		for (const [lang, piece] of cases) {
			// A real read first, so the quick "no env word here" exit does not hide the work.
			const text = `<?php process.env.A os.getenv("A") os.Getenv("A") System.getenv("A") Environment.GetEnvironmentVariable("A") os:getEnv("A") getenv("A") ENV["A"]\n${piece.repeat(Math.ceil(100_000 / piece.length))}`;
			const { steps } = work(text, lang);
			assert.ok(steps <= 4 * text.length, `${lang} ${JSON.stringify(piece)}: ${steps} steps for ${text.length} characters`);
		}
	});

	it('100k unclosed quotes or `process.env.` without a name finish with the right answer', () => {
		assert.equal(scanEnvReads('process.env.;'.repeat(100_000), 'typescript').length, 0);
		// Each `process.env.` is followed by the next one's `process`: a read of a variable named "process".
		assert.equal(scanEnvReads('process.env.'.repeat(100_000), 'typescript').length, 50_000);
		assert.equal(scanEnvReads('os.getenv('.repeat(100_000), 'python').length, 0);
		const quotes = 'process.env.A\n' + '"'.repeat(100_001) + '\nprocess.env.B';
		assert.deepEqual(reads(quotes, 'typescript'), ['A@process.env.A', 'B@process.env.B']);
	});
});

describe('references: properties', () => {
	const language = fc.constantFrom(...LANGUAGES);

	function assertWellFormed(text: string, lang: SourceLanguage): void {
		const found = scanEnvReads(text, lang);
		let last = -1;
		for (const r of found) {
			assert.ok(r.offset >= 0 && r.length > 0 && r.offset + r.length <= text.length);
			assert.ok(r.readOffset >= 0 && r.readLength >= r.length && r.readOffset + r.readLength <= text.length);
			assert.ok(r.offset > last, 'in order');
			assert.equal(text.slice(r.offset, r.offset + r.length), r.variable);
			assert.match(r.variable, /^[A-Za-z_][A-Za-z0-9_]*$/);
			last = r.offset;
		}
	}

	it('any text: never throws, every span inside the text, in order', function () {
		this.timeout(20_000);
		fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), language, (text, lang) => assertWellFormed(text, lang)), { numRuns: 300 });
		fc.assert(fc.property(fc.string({ maxLength: 300, unit: fc.constantFrom(...'process.env.os.getenv("X")\'`${}#/*\n\r$@ ') }), language, (text, lang) => assertWellFormed(text, lang)), { numRuns: 1000 });
	});

	it('any token soup: never throws, every span inside the text, in order', () => {
		const token = fc.constantFrom('process', 'env', 'os', 'environ', 'getenv', 'Getenv', 'System', 'getenv', 'Environment', 'GetEnvironmentVariable',
			'import', 'meta', 'Deno', 'get', 'Bun', '.', '?.', '(', ')', '[', ']', '{', '}', ',', '=', ':', '"', "'", '`', '"""', '$', '@', '${', 'f', 'r',
			'/', '//', '/*', '*/', '#', '\n', '\r\n', ' ', '\\', 'A', 'X_1', '...', 'const',
			'ENV', 'fetch', '$_ENV', '$_SERVER', 'getEnv', ':', '->', '::', '<?php', '?>', '<<<', 'EOT', '=begin', '=end', '#{', '#[');
		fc.assert(fc.property(fc.array(token, { maxLength: 60 }), language, (tokens, lang) => assertWellFormed(tokens.join(''), lang)), { numRuns: 1500 });
	});

	it('envReadAt never throws and its span holds the prefix before the cursor', () => {
		const token = fc.constantFrom('process.env.', 'os.getenv(', 'os.environ[', 'System.getenv(', '"', "'", '`', 'CHO', 'A', '#', '//', ' ', '\n', ')');
		fc.assert(fc.property(fc.array(token, { maxLength: 12 }), fc.nat(), language, (tokens, n, lang) => {
			const text = tokens.join('');
			const offset = n % (text.length + 1);
			const r = envReadAt(text, offset, lang);
			if (r) {
				assert.ok(r.start <= offset && offset <= r.end && r.end <= text.length);
				assert.equal(text.slice(r.start, offset), r.prefix);
			}
		}), { numRuns: 1000 });
	});

	it('a read between statements is found, whatever the name', () => {
		const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/);
		const forms: Readonly<Record<SourceLanguage, (n: string) => string>> = {
			typescript: (n) => `process.env.${n}`, javascript: (n) => `process.env["${n}"]`, python: (n) => `os.getenv('${n}')`,
			go: (n) => `os.Getenv("${n}")`, java: (n) => `System.getenv("${n}")`, csharp: (n) => `Environment.GetEnvironmentVariable("${n}")`,
			ballerina: (n) => `os:getEnv("${n}")`, php: (n) => `<?php $_ENV['${n}'];`, ruby: (n) => `ENV.fetch('${n}')`,
		};
		const filler = fc.constantFrom('x = 1', 'call(a, "s")', 'y = "q"', '');
		fc.assert(fc.property(name, language, filler, filler, (n, lang, before, after) => {
			const text = `${before}\n${forms[lang](n)}\n${after}\n`;
			assert.deepEqual(scanEnvReads(text, lang).map((r) => r.variable), [n]);
		}), { numRuns: 500 });
	});
});
