// The one lexer of component source: per language, what is code, what is a comment and what
// is a string (JS template and regex literals, Python triple-quoted and f-strings, Go raw
// strings, Java text blocks, C# verbatim, interpolated and raw strings with any number of
// quotes, Ballerina string templates, PHP heredocs and the HTML around `<?php … ?>`, Ruby
// `=begin`/`=end` and `#{}` interpolation). Holes of template, f- and interpolated strings
// (not PHP's, which stay string: conservative) are code. The env-read scanner reads
// its tokens; maskNonCode gives the insertion-point layout the same view as text. Every loop
// advances, nothing backtracks: linear time.
import type { SourceLanguage } from './languages';
import { isLineStart, phpHeredoc, phpOpenTag, skipPhpLine, skipRubyBlockComment } from './lexerScans';

// ---------------------------------------------------------------------------------------------
// Character classes

export const JS = 0, PY = 1, GO = 2, JAVA = 3, CS = 4, BAL = 5, PHP = 6, RB = 7;
export type Lang = typeof JS | typeof PY | typeof GO | typeof JAVA | typeof CS | typeof BAL | typeof PHP | typeof RB;
export const LANG: Readonly<Record<SourceLanguage, Lang>> = {
	typescript: JS, javascript: JS, python: PY, go: GO, java: JAVA, csharp: CS, ballerina: BAL, php: PHP, ruby: RB,
};

const NAME_START = 1, NAME_PART = 2, SPACE = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
	const ch = String.fromCharCode(c);
	if (/[A-Za-z_]/.test(ch)) {
		CLASS[c] |= NAME_START | NAME_PART;
	} else if (/[0-9]/.test(ch)) {
		CLASS[c] |= NAME_PART;
	} else if (c === 32 || (c >= 9 && c <= 13)) {
		CLASS[c] |= SPACE;
	}
}

export function isNameStart(c: number): boolean {
	return c < 128 && (CLASS[c] & NAME_START) !== 0;
}

export function isNamePart(c: number): boolean {
	return c < 128 && (CLASS[c] & NAME_PART) !== 0;
}

export function isSpace(c: number): boolean {
	return c < 128 ? (CLASS[c] & SPACE) !== 0 : c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Identifier characters: name characters, `$` where the language allows it, anything non-ASCII but spaces. */
export function isIdentPart(c: number, lang: Lang): boolean {
	if (c < 128) {
		return (CLASS[c] & NAME_PART) !== 0 || (c === 36 /* $ */ && (lang === JS || lang === JAVA || lang === PHP));
	}
	return c >= 128 && !isSpace(c); // false for NaN (past the end)
}

export function isIdentStart(c: number, lang: Lang): boolean {
	return isIdentPart(c, lang) && !(c >= 48 && c <= 57);
}

export const C_LF = 10, C_CR = 13, C_DQ = 34, C_HASH = 35, C_DOLLAR = 36, C_SQ = 39, C_LP = 40, C_RP = 41, C_STAR = 42,
	C_COMMA = 44, C_DOT = 46, C_SLASH = 47, C_COLON = 58, C_EQ = 61, C_GT = 62, C_QM = 63, C_AT = 64, C_LB = 91, C_BSL = 92,
	C_RB = 93, C_BT = 96, C_LC = 123, C_RC = 125, C_BANG = 33, C_MINUS = 45, C_LT = 60;

// ---------------------------------------------------------------------------------------------
// Lexer

export const EOF = 0, IDENT = 1, PUNCT = 2, STR = 3, NUM = 4;

// String flags.
const ESC = 1;          // backslash escapes the next character
const SINGLE_LINE = 2;  // an unescaped line break ends the (unterminated) string
const DOUBLED = 4;      // a doubled quote is an escaped quote (C# verbatim)
const RAW_RUN = 8;      // closes at a run of at least `quotes` quotes (C# raw)
const DOLLAR_BRACE = 16; // holes open with `${` (JS templates, Ballerina string templates)
const HASH_BRACE = 32;  // holes open with `#{` (Ruby)

interface Hole {
	readonly quote: number;
	readonly quotes: number;
	readonly flags: number;
	readonly braces: number;
	depth: number;
}

const JS_REGEX_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Code tokens of a source text; comments are skipped, strings are single tokens, holes are code.
 * With `spans`, it also records what is not code, as [start, end) pairs in order: each comment
 * whole, and each string's content (a hole's opening and closing braces included, the quotes,
 * prefixes and a regex's slashes and flags not).
 */
export class Lexer {
	pos = 0;
	kind = EOF;
	start = 0;
	end = 0;
	ch = 0;
	pKind = EOF;
	pStart = 0;
	pEnd = 0;
	pCh = 0;
	ppKind = EOF;
	ppStart = 0;
	ppEnd = 0;
	tokens = 0;
	rescanned = 0;
	private readonly holes: Hole[] = [];
	/** PHP: outside `<?php … ?>`, where the text is HTML (not code). */
	private html: boolean;

	constructor(readonly text: string, readonly lang: Lang, private readonly spans?: number[]) {
		this.html = lang === PHP;
	}

	private mark(start: number, end: number): void {
		if (this.spans && end > start) {
			this.spans.push(start, end);
		}
	}

	/** Makes the span [start, end) the current token (an operand) and continues at `pos`. */
	resume(pos: number, start: number, end: number): void {
		this.emit(IDENT, start, end, 0);
		this.pos = pos;
	}

	private emit(kind: number, start: number, end: number, ch: number): number {
		this.ppKind = this.pKind;
		this.ppStart = this.pStart;
		this.ppEnd = this.pEnd;
		this.pKind = this.kind;
		this.pStart = this.start;
		this.pEnd = this.end;
		this.pCh = this.ch;
		this.kind = kind;
		this.start = start;
		this.end = end;
		this.ch = ch;
		this.pos = end;
		this.tokens++;
		return kind;
	}

	next(): number {
		const text = this.text;
		const n = text.length;
		const lang = this.lang;
		let i = this.pos;
		while (i < n) {
			if (this.html) {
				i = this.skipHtml(i);
				continue;
			}
			const c = text.charCodeAt(i);
			if (isSpace(c)) {
				i++;
				continue;
			}
			if (c === C_SLASH && lang !== PY && lang !== RB) {
				const d = text.charCodeAt(i + 1);
				if (d === C_SLASH || (d === C_STAR && lang !== BAL)) {
					const e = d === C_STAR ? skipBlockComment(text, i + 2) : lang === PHP ? skipPhpLine(text, i + 2) : skipLine(text, i + 2);
					this.mark(i, e);
					i = e;
					continue;
				}
				if (lang === JS && this.regexAllowed()) {
					const e = scanRegex(text, i + 1, lang);
					const close = text.lastIndexOf('/', e - 1);
					this.mark(i + 1, close > i ? close : e);
					return this.emit(STR, i, e, 0);
				}
				return this.emit(PUNCT, i, i + 1, c);
			}
			if (c === C_HASH && (lang === PY || lang === RB || lang === BAL || (lang === PHP && text.charCodeAt(i + 1) !== C_LB) || (i === 0 && text.charCodeAt(1) === C_BANG))) {
				const e = lang === PHP ? skipPhpLine(text, i + 1) : skipLine(text, i + 1);
				this.mark(i, e);
				i = e;
				continue;
			}
			if (lang === RB && c === C_EQ && isLineStart(text, i) && text.startsWith('=begin', i) && !isIdentPart(text.charCodeAt(i + 6), lang)) {
				const e = skipRubyBlockComment(text, i + 6);
				this.mark(i, e);
				i = e;
				continue;
			}
			if (lang === PHP) {
				if (c === C_QM && text.charCodeAt(i + 1) === C_GT) {
					// `?>` closes the code: back to HTML.
					this.html = true;
					i += 2;
					continue;
				}
				if (c === C_LT && text.startsWith('<<<', i)) {
					const e = this.phpHeredoc(i + 3);
					if (e >= 0) {
						return this.emit(STR, i, e, 0);
					}
				}
			}
			if (isIdentStart(c, lang)) {
				let j = i + 1;
				while (j < n && isIdentPart(text.charCodeAt(j), lang)) {
					j++;
				}
				if (lang === PY && j - i <= 2) {
					const q = text.charCodeAt(j);
					if ((q === C_DQ || q === C_SQ) && isPythonPrefix(text, i, j)) {
						return this.emit(STR, i, this.pythonString(j, isFormatPrefix(text, i, j)), 0);
					}
				}
				return this.emit(IDENT, i, j, 0);
			}
			if (c >= 48 && c <= 57) {
				let j = i + 1;
				while (j < n && (isIdentPart(text.charCodeAt(j), lang) || text.charCodeAt(j) === C_DOT)) {
					j++;
				}
				return this.emit(NUM, i, j, 0);
			}
			this.punctEnd = i + 1;
			const s = this.string(i, c);
			if (s >= 0) {
				if (this.opened) {
					i = s;
					continue;
				}
				return this.emit(STR, i, s, 0);
			}
			if (c === C_LC) {
				if (this.holes.length) {
					this.holes[this.holes.length - 1].depth++;
				}
			} else if (c === C_RC && this.holes.length) {
				const hole = this.holes[this.holes.length - 1];
				if (hole.depth === 0) {
					this.holes.pop();
					this.mark(i, i + 1);
					const e = this.scanString(i + 1, hole.quote, hole.quotes, hole.flags, hole.braces);
					if (this.opened) {
						i = e;
						continue;
					}
					return this.emit(STR, i, e, 0);
				}
				hole.depth--;
			}
			return this.emit(PUNCT, i, this.punctEnd, c);
		}
		this.pos = n;
		this.kind = EOF;
		this.start = this.end = n;
		return EOF;
	}

	/** Set by the string scanners: the string stopped at a hole, so the lexer is back in code. */
	private opened = false;
	/** End of the punctuation token at the current position when it is not a string opener. */
	private punctEnd = 0;

	/** PHP: from i in HTML, past the next open tag; the HTML is not code. */
	private skipHtml(i: number): number {
		const tag = phpOpenTag(this.text, i);
		this.mark(i, tag.htmlEnd);
		this.html = !tag.found;
		return tag.codeStart;
	}

	/** PHP heredoc or nowdoc after `<<<` (see phpHeredoc): its end, or -1 when none starts here. */
	private phpHeredoc(i: number): number {
		const h = phpHeredoc(this.text, i);
		if (!h) {
			return -1;
		}
		this.mark(h.contentStart, h.contentEnd);
		return h.end;
	}

	/** A string literal starting at i (quote or prefix character), its end; -1 if none starts there. */
	private string(i: number, c: number): number {
		const text = this.text;
		this.opened = false;
		switch (this.lang) {
			case JS:
				if (c === C_DQ || c === C_SQ) {
					return this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				if (c === C_BT) {
					return this.scanString(i + 1, c, 1, ESC | DOLLAR_BRACE, 1);
				}
				return -1;
			case PY:
				return c === C_DQ || c === C_SQ ? this.pythonString(i, false) : -1;
			case GO:
				if (c === C_DQ || c === C_SQ) {
					return this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				return c === C_BT ? this.scanString(i + 1, c, 1, 0, 0) : -1;
			case BAL:
				// `'` starts a quoted identifier, not a string.
				if (c === C_DQ) {
					return this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				return c === C_BT ? this.scanString(i + 1, c, 1, DOLLAR_BRACE, 1) : -1;
			case PHP:
				return c === C_DQ || c === C_SQ || c === C_BT ? this.scanString(i + 1, c, 1, ESC, 0) : -1;
			case RB:
				if (c === C_SQ) {
					return this.scanString(i + 1, c, 1, ESC, 0);
				}
				return c === C_DQ || c === C_BT ? this.scanString(i + 1, c, 1, ESC | HASH_BRACE, 1) : -1;
			case JAVA:
				if (c === C_SQ) {
					return this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				if (c === C_DQ) {
					return this.run(i, 3) >= 3 ? this.scanString(i + 3, c, 3, ESC, 0) : this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				return -1;
			default: // C#
				if (c === C_SQ) {
					return this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				if (c === C_DQ) {
					const run = this.run(i, Infinity);
					return run >= 3 ? this.scanString(i + run, c, run, RAW_RUN, 0) : this.scanString(i + 1, c, 1, ESC | SINGLE_LINE, 0);
				}
				if (c === C_AT) {
					const d = text.charCodeAt(i + 1);
					if (d === C_DQ) {
						return this.scanString(i + 2, C_DQ, 1, DOUBLED, 0);
					}
					if (d === C_DOLLAR && text.charCodeAt(i + 2) === C_DQ) {
						return this.scanString(i + 3, C_DQ, 1, DOUBLED, 1);
					}
					return -1;
				}
				if (c === C_DOLLAR) {
					const dollars = this.run(i, Infinity);
					const j = i + dollars;
					if (dollars === 1 && text.charCodeAt(j) === C_AT && text.charCodeAt(j + 1) === C_DQ) {
						return this.scanString(j + 2, C_DQ, 1, DOUBLED, 1);
					}
					if (text.charCodeAt(j) !== C_DQ) {
						// Not a string: the whole run of `$` is one token, so it is not counted again.
						this.punctEnd = j;
						return -1;
					}
					const run = this.run(j, Infinity);
					return run >= 3 ? this.scanString(j + run, C_DQ, run, RAW_RUN, dollars) : this.scanString(j + 1, C_DQ, 1, ESC | SINGLE_LINE, 1);
				}
				return -1;
		}
	}

	/** A Python string whose quote is at q (after any prefix). */
	private pythonString(q: number, format: boolean): number {
		const c = this.text.charCodeAt(q);
		return this.run(q, 3) >= 3
			? this.scanString(q + 3, c, 3, ESC, format ? 1 : 0)
			: this.scanString(q + 1, c, 1, ESC | SINGLE_LINE, format ? 1 : 0);
	}

	/**
	 * Scans string content from i; returns the position after the closing quote(s), at the
	 * line break that ends an unterminated single-line string, or after a hole's opening brace
	 * (then `opened` is true and the hole is pushed).
	 */
	private scanString(i: number, quote: number, quotes: number, flags: number, braces: number): number {
		const text = this.text;
		const n = text.length;
		const from = i;
		this.opened = false;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === quote) {
				if (flags & RAW_RUN) {
					const run = this.run(i, Infinity);
					if (run >= quotes) {
						this.mark(from, i + run - quotes);
						return i + run;
					}
					i += run;
					continue;
				}
				if (quotes === 1) {
					if ((flags & DOUBLED) && text.charCodeAt(i + 1) === quote) {
						i += 2;
						continue;
					}
					this.mark(from, i);
					return i + 1;
				}
				if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) {
					this.mark(from, i);
					return i + 3;
				}
				i++;
				continue;
			}
			if (c === C_BSL && (flags & ESC)) {
				i += text.charCodeAt(i + 1) === C_CR && text.charCodeAt(i + 2) === C_LF ? 3 : 2;
				continue;
			}
			if ((c === C_LF || c === C_CR) && (flags & SINGLE_LINE)) {
				this.mark(from, i);
				return i;
			}
			if (braces) {
				if (flags & (DOLLAR_BRACE | HASH_BRACE)) {
					if (c === (flags & DOLLAR_BRACE ? C_DOLLAR : C_HASH) && text.charCodeAt(i + 1) === C_LC) {
						this.holes.push({ quote, quotes, flags, braces, depth: 0 });
						this.opened = true;
						this.mark(from, i + 2);
						return i + 2;
					}
				} else if (c === C_LC) {
					let j = i + 1;
					while (text.charCodeAt(j) === C_LC) {
						j++;
					}
					const run = j - i;
					if (flags & RAW_RUN ? run >= braces : run % 2 === 1) {
						this.holes.push({ quote, quotes, flags, braces, depth: 0 });
						this.opened = true;
						this.mark(from, j);
						return j;
					}
					i = j;
					continue;
				}
			}
			i++;
		}
		this.mark(from, n);
		return n;
	}

	/**
	 * How many times the character at i repeats there (at most `max`). Only runs that are then
	 * consumed whole are counted without a limit, so the lexer stays linear; `rescanned` counts them.
	 */
	private run(i: number, max: number): number {
		const text = this.text;
		const q = text.charCodeAt(i);
		let j = i;
		while (j - i < max && text.charCodeAt(j) === q) {
			j++;
		}
		this.rescanned += j - i;
		return j - i;
	}

	private regexAllowed(): boolean {
		switch (this.kind) {
			case EOF:
				return true;
			case PUNCT:
				return this.ch !== C_RP && this.ch !== C_RB && this.ch !== C_RC;
			case IDENT:
				return JS_REGEX_KEYWORDS.has(this.text.slice(this.start, this.end));
			default:
				return false;
		}
	}
}


export function skipLine(text: string, i: number): number {
	const n = text.length;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === C_LF || c === C_CR) {
			return i;
		}
		i++;
	}
	return n;
}

export function skipBlockComment(text: string, i: number): number {
	const end = text.indexOf('*/', i);
	return end < 0 ? text.length : end + 2;
}

function scanRegex(text: string, i: number, lang: Lang): number {
	const n = text.length;
	let inClass = false;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === C_BSL) {
			i += 2;
			continue;
		}
		if (c === C_LF || c === C_CR) {
			return i;
		}
		if (inClass) {
			if (c === C_RB) {
				inClass = false;
			}
		} else if (c === C_LB) {
			inClass = true;
		} else if (c === C_SLASH) {
			i++;
			while (i < n && isIdentPart(text.charCodeAt(i), lang)) {
				i++;
			}
			return i;
		}
		i++;
	}
	return n;
}

function isPythonPrefix(text: string, i: number, j: number): boolean {
	for (let k = i; k < j; k++) {
		if (!'rRbBuUfFtT'.includes(text[k])) {
			return false;
		}
	}
	return true;
}

function isFormatPrefix(text: string, i: number, j: number): boolean {
	for (let k = i; k < j; k++) {
		if ('fFtT'.includes(text[k])) {
			return true;
		}
	}
	return false;
}

/** Work done by one lexing pass, for tests that hold the lexer to linear time. */
export interface LexStats {
	tokens: number;
	/** Characters examined again (quote and brace runs). */
	rescanned: number;
}

/**
 * The text with comments and the contents of string literals replaced by spaces (line breaks,
 * quotes and the code in holes kept), so that brackets and keywords can be found with plain
 * scans. Same length. The view of the same lexer the env-read scanner uses.
 */
export function maskNonCode(text: string, language: SourceLanguage, stats?: LexStats): string {
	const spans: number[] = [];
	const lx = new Lexer(text, LANG[language], spans);
	while (lx.next() !== EOF) {
		// The spans are recorded on the way.
	}
	if (stats) {
		stats.tokens += lx.tokens;
		stats.rescanned += lx.rescanned;
	}
	const out: string[] = [];
	let at = 0;
	for (let k = 0; k < spans.length; k += 2) {
		out.push(text.slice(at, spans[k]), text.slice(spans[k], spans[k + 1]).replace(/[^\r\n]/g, ' '));
		at = spans[k + 1];
	}
	out.push(text.slice(at));
	return out.join('');
}
