// Environment-variable reads in component source, found by a small per-language lexer that
// skips comments and strings (template, f-string and interpolated-string holes are code), then
// matches the read forms token by token. Every loop advances, nothing backtracks: linear time.

import type { SourceLanguage } from './languages';

/** One environment-variable read. Offsets are UTF-16 code units into the scanned text. */
export interface EnvRead {
	readonly variable: string;
	/** The variable name only: inside the quotes, or the identifier after `process.env.`. */
	readonly offset: number;
	readonly length: number;
	/** The whole read expression, e.g. `os.getenv("X", "d")` or `process.env["X"]`. */
	readonly readOffset: number;
	readonly readLength: number;
}

/** Work done by one scan, for tests that hold the scanner to linear time. */
export interface ScanStats {
	/** Tokens produced by the lexer. */
	tokens: number;
	/** Characters examined again: by the read matcher's lookahead, and by the lexer's quote counting. */
	lookahead: number;
}

/** Longest variable name reported; a longer name is not a read. */
export const MAX_VARIABLE_LENGTH = 256;

// ---------------------------------------------------------------------------------------------
// Character classes

const JS = 0, PY = 1, GO = 2, JAVA = 3, CS = 4;
type Lang = typeof JS | typeof PY | typeof GO | typeof JAVA | typeof CS;
const LANG: Readonly<Record<SourceLanguage, Lang>> = { typescript: JS, javascript: JS, python: PY, go: GO, java: JAVA, csharp: CS };

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

function isNameStart(c: number): boolean {
	return c < 128 && (CLASS[c] & NAME_START) !== 0;
}

function isNamePart(c: number): boolean {
	return c < 128 && (CLASS[c] & NAME_PART) !== 0;
}

function isSpace(c: number): boolean {
	return c < 128 ? (CLASS[c] & SPACE) !== 0 : c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Identifier characters: name characters, `$` where the language allows it, anything non-ASCII but spaces. */
function isIdentPart(c: number, lang: Lang): boolean {
	if (c < 128) {
		return (CLASS[c] & NAME_PART) !== 0 || (c === 36 /* $ */ && (lang === JS || lang === JAVA));
	}
	return c >= 128 && !isSpace(c); // false for NaN (past the end)
}

function isIdentStart(c: number, lang: Lang): boolean {
	return isIdentPart(c, lang) && !(c >= 48 && c <= 57);
}

const C_LF = 10, C_CR = 13, C_DQ = 34, C_HASH = 35, C_DOLLAR = 36, C_SQ = 39, C_LP = 40, C_RP = 41, C_STAR = 42,
	C_COMMA = 44, C_DOT = 46, C_SLASH = 47, C_COLON = 58, C_EQ = 61, C_GT = 62, C_QM = 63, C_AT = 64, C_LB = 91, C_BSL = 92,
	C_RB = 93, C_BT = 96, C_LC = 123, C_RC = 125, C_BANG = 33;

// ---------------------------------------------------------------------------------------------
// Lexer

const EOF = 0, IDENT = 1, PUNCT = 2, STR = 3, NUM = 4;

// String flags.
const ESC = 1;          // backslash escapes the next character
const SINGLE_LINE = 2;  // an unescaped line break ends the (unterminated) string
const DOUBLED = 4;      // a doubled quote is an escaped quote (C# verbatim)
const RAW_RUN = 8;      // closes at a run of at least `quotes` quotes (C# raw)
const DOLLAR_BRACE = 16; // holes open with `${` (JS templates)

interface Hole {
	readonly quote: number;
	readonly quotes: number;
	readonly flags: number;
	readonly braces: number;
	depth: number;
}

const JS_REGEX_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Code tokens of a source text; comments are skipped, strings are single tokens, holes are code. */
class Lexer {
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

	constructor(readonly text: string, readonly lang: Lang) {}

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
			const c = text.charCodeAt(i);
			if (isSpace(c)) {
				i++;
				continue;
			}
			if (c === C_SLASH && lang !== PY) {
				const d = text.charCodeAt(i + 1);
				if (d === C_SLASH) {
					i = skipLine(text, i + 2);
					continue;
				}
				if (d === C_STAR) {
					i = skipBlockComment(text, i + 2);
					continue;
				}
				if (lang === JS && this.regexAllowed()) {
					return this.emit(STR, i, scanRegex(text, i + 1, lang), 0);
				}
				return this.emit(PUNCT, i, i + 1, c);
			}
			if (c === C_HASH && (lang === PY || (i === 0 && text.charCodeAt(1) === C_BANG))) {
				i = skipLine(text, i + 1);
				continue;
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
		this.opened = false;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === quote) {
				if (flags & RAW_RUN) {
					const run = this.run(i, Infinity);
					if (run >= quotes) {
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
					return i + 1;
				}
				if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) {
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
				return i;
			}
			if (braces) {
				if (flags & DOLLAR_BRACE) {
					if (c === C_DOLLAR && text.charCodeAt(i + 1) === C_LC) {
						this.holes.push({ quote, quotes, flags, braces, depth: 0 });
						this.opened = true;
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
						return j;
					}
					i = j;
					continue;
				}
			}
			i++;
		}
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


function skipLine(text: string, i: number): number {
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

function skipBlockComment(text: string, i: number): number {
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

// ---------------------------------------------------------------------------------------------
// Read matching

interface MutableRead {
	variable: string;
	offset: number;
	length: number;
	readOffset: number;
	readLength: number;
}

/** A matched read: `resume` is where the lexer continues; `callOpen` >= 0 when the call has more arguments. */
interface Match {
	readonly read: MutableRead;
	readonly resume: number;
	readonly callOpen: number;
}

interface NameString {
	readonly nameStart: number;
	readonly nameEnd: number;
	readonly end: number;
}

/** Token-level matcher over the raw text; counts the characters it looks at. */
class Matcher {
	work = 0;

	constructor(readonly text: string, readonly lang: Lang) {}

	/** Skips white space and comments. */
	trivia(i: number): number {
		const text = this.text;
		const n = text.length;
		const from = i;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (isSpace(c)) {
				i++;
			} else if (this.lang === PY) {
				if (c !== C_HASH) {
					break;
				}
				i = skipLine(text, i + 1);
			} else if (c === C_SLASH && text.charCodeAt(i + 1) === C_SLASH) {
				i = skipLine(text, i + 2);
			} else if (c === C_SLASH && text.charCodeAt(i + 1) === C_STAR) {
				i = skipBlockComment(text, i + 2);
			} else {
				break;
			}
		}
		this.work += i - from;
		return i;
	}

	/** After trivia, the identifier `word` (whole): its end, else -1. */
	word(i: number, word: string): number {
		if (i < 0) {
			return -1;
		}
		i = this.trivia(i);
		this.work += word.length;
		if (!this.text.startsWith(word, i) || isIdentPart(this.text.charCodeAt(i + word.length), this.lang)) {
			return -1;
		}
		return i + word.length;
	}

	/** After trivia, the character c: the position after it, else -1. */
	char(i: number, c: number): number {
		if (i < 0) {
			return -1;
		}
		i = this.trivia(i);
		this.work++;
		return this.text.charCodeAt(i) === c ? i + 1 : -1;
	}

	/** After trivia, `.` (or `?.` in JavaScript): the position after it, else -1. */
	dot(i: number): number {
		if (i < 0) {
			return -1;
		}
		i = this.trivia(i);
		this.work += 2;
		const c = this.text.charCodeAt(i);
		if (c === C_DOT) {
			return this.text.charCodeAt(i + 1) === C_DOT ? -1 : i + 1;
		}
		if (c === C_QM && this.lang === JS && this.text.charCodeAt(i + 1) === C_DOT && !isDigit(this.text.charCodeAt(i + 2))) {
			return i + 2;
		}
		return -1;
	}

	/** A variable name identifier at i (no trivia): its end, else -1. */
	name(i: number): number {
		const text = this.text;
		if (!isNameStart(text.charCodeAt(i))) {
			return -1;
		}
		let j = i + 1;
		while (isNamePart(text.charCodeAt(j)) && j - i <= MAX_VARIABLE_LENGTH) {
			j++;
		}
		this.work += j - i;
		if (j - i > MAX_VARIABLE_LENGTH || isIdentPart(text.charCodeAt(j), this.lang)) {
			return -1;
		}
		return j;
	}

	/** After trivia, a string literal holding only a variable name. */
	nameString(i: number): NameString | undefined {
		if (i < 0) {
			return undefined;
		}
		const text = this.text;
		i = this.trivia(i);
		let q = text.charCodeAt(i);
		if (q === C_AT && this.lang === CS) {
			i++;
			q = text.charCodeAt(i);
		}
		const ok = q === C_DQ || (q === C_SQ && (this.lang === JS || this.lang === PY)) || (q === C_BT && (this.lang === JS || this.lang === GO));
		if (!ok) {
			return undefined;
		}
		const start = i + 1;
		if (!isNameStart(text.charCodeAt(start))) {
			return undefined;
		}
		let j = start + 1;
		while (isNamePart(text.charCodeAt(j)) && j - start <= MAX_VARIABLE_LENGTH) {
			j++;
		}
		this.work += j - i + 1;
		if (j - start > MAX_VARIABLE_LENGTH || text.charCodeAt(j) !== q) {
			return undefined;
		}
		return { nameStart: start, nameEnd: j, end: j + 1 };
	}

	private read(s: NameString | { nameStart: number; nameEnd: number }, readStart: number, readEnd: number): MutableRead {
		return {
			variable: this.text.slice(s.nameStart, s.nameEnd),
			offset: s.nameStart,
			length: s.nameEnd - s.nameStart,
			readOffset: readStart,
			readLength: readEnd - readStart,
		};
	}

	/** `( "X" )` or `( "X", …`: a read from readStart; a call with more arguments resumes at its `(`. */
	call(i: number, readStart: number): Match | undefined {
		const open = i < 0 ? -1 : this.trivia(i);
		if (open < 0 || this.text.charCodeAt(open) !== C_LP) {
			return undefined;
		}
		this.work++;
		const s = this.nameString(open + 1);
		if (!s) {
			return undefined;
		}
		const k = this.trivia(s.end);
		this.work++;
		const c = this.text.charCodeAt(k);
		if (c === C_RP) {
			return { read: this.read(s, readStart, k + 1), resume: k + 1, callOpen: -1 };
		}
		if (c === C_COMMA) {
			return { read: this.read(s, readStart, s.end), resume: open, callOpen: open };
		}
		return undefined;
	}

	/** `[ "X" ]` after trivia. */
	subscript(i: number, readStart: number): Match | undefined {
		const s = this.nameString(this.char(i, C_LB));
		if (!s) {
			return undefined;
		}
		const k = this.char(s.end, C_RB);
		return k < 0 ? undefined : { read: this.read(s, readStart, k), resume: k, callOpen: -1 };
	}

	/** After a JavaScript env object ending at i: `.X`, `?.X`, `["X"]`, `?.["X"]`. */
	jsAccess(i: number, readStart: number): Match | undefined {
		const text = this.text;
		const j = this.trivia(i);
		this.work += 2;
		const c = text.charCodeAt(j);
		if (c === C_LB) {
			return this.subscript(j, readStart);
		}
		let k = this.dot(j);
		if (k < 0) {
			return undefined;
		}
		if (text.charCodeAt(j) === C_QM && text.charCodeAt(this.trivia(k)) === C_LB) {
			return this.subscript(k, readStart);
		}
		k = this.trivia(k);
		const e = this.name(k);
		if (e < 0 || text.charCodeAt(this.trivia(e)) === C_LP) {
			return undefined;
		}
		return { read: this.read({ nameStart: k, nameEnd: e }, readStart, e), resume: e, callOpen: -1 };
	}

	/** The end of a JavaScript env object (`process.env`, `Bun.env`, `import.meta.env`, `Deno.env.toObject()`) starting with the identifier [s, e), else -1. */
	jsEnvObject(s: number, e: number, withDeno: boolean): number {
		switch (identAt(this.text, s, e)) {
			case 'process':
			case 'Bun':
				return this.word(this.dot(e), 'env');
			case 'import':
				return this.word(this.dot(this.word(this.dot(e), 'meta')), 'env');
			case 'Deno':
				return withDeno ? this.char(this.char(this.word(this.dot(this.word(this.dot(e), 'env')), 'toObject'), C_LP), C_RP) : -1;
			default:
				return -1;
		}
	}

	/**
	 * A read starting with the identifier [s, e). `prevDot` says the identifier follows a `.`;
	 * `qualifier` is where a `System.` before it starts (C#), or -1.
	 */
	match(s: number, e: number, prevDot: boolean, qualifier: number): Match | undefined {
		const id = identAt(this.text, s, e);
		switch (this.lang) {
			case JS: {
				if (id === 'Deno') {
					return this.call(this.word(this.dot(this.word(this.dot(e), 'env')), 'get'), s);
				}
				const env = this.jsEnvObject(s, e, false);
				return env < 0 ? undefined : this.jsAccess(env, s);
			}
			case PY: {
				if (id === 'os') {
					const d = this.dot(e);
					const environ = this.word(d, 'environ');
					return environ >= 0 ? this.pyEnviron(environ, s) : this.call(this.word(d, 'getenv'), s);
				}
				if (prevDot) {
					return undefined;
				}
				return id === 'environ' ? this.pyEnviron(e, s) : id === 'getenv' ? this.call(e, s) : undefined;
			}
			case GO: {
				if (id !== 'os' && id !== 'syscall') {
					return undefined;
				}
				const d = this.dot(e);
				const fn = Math.max(this.word(d, 'Getenv'), id === 'os' ? this.word(d, 'LookupEnv') : -1);
				return this.call(fn, s);
			}
			case JAVA: {
				if (id !== 'System') {
					return undefined;
				}
				const getenv = this.word(this.dot(e), 'getenv');
				const direct = this.call(getenv, s);
				if (direct) {
					return direct;
				}
				const map = this.dot(this.char(this.char(getenv, C_LP), C_RP));
				return this.call(Math.max(this.word(map, 'get'), this.word(map, 'getOrDefault')), s);
			}
			default:
				return id === 'Environment' ? this.call(this.word(this.dot(e), 'GetEnvironmentVariable'), qualifier >= 0 ? qualifier : s) : undefined;
		}
	}

	private pyEnviron(i: number, readStart: number): Match | undefined {
		return this.subscript(i, readStart) ?? this.call(this.word(this.dot(i), 'get'), readStart);
	}
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** The identifier [s, e) if it could start a read (cheap length/first-character test first). */
function identAt(text: string, s: number, e: number): string | undefined {
	switch (e - s) {
		case 2: case 3: case 4: case 6: case 7: case 11:
			break;
		default:
			return undefined;
	}
	const c = text.charCodeAt(s);
	if (c !== 0x44 /* D */ && c !== 0x42 /* B */ && c !== 0x45 /* E */ && c !== 0x53 /* S */ && c !== 0x65 /* e */
		&& c !== 0x67 /* g */ && c !== 0x69 /* i */ && c !== 0x6f /* o */ && c !== 0x70 /* p */ && c !== 0x73 /* s */) {
		return undefined;
	}
	return text.slice(s, e);
}

const PREFILTER: Readonly<Record<Lang, readonly string[]>> = {
	[JS]: ['env'],
	[PY]: ['environ', 'getenv'],
	[GO]: ['Getenv', 'LookupEnv'],
	[JAVA]: ['getenv'],
	[CS]: ['GetEnvironmentVariable'],
};

/** Destructuring property states inside one `{ … }` (JavaScript). */
const EXPECT_KEY = 0, AFTER_KEY = 1, IN_VALUE = 2, SKIP = 3;

/**
 * Every environment-variable read in `text`, in order of offset, of any variable name.
 * Reads inside comments and string literals are not reported.
 */
export function scanEnvReads(text: string, language: SourceLanguage, stats?: ScanStats): EnvRead[] {
	const lang = LANG[language];
	if (lang === undefined || !PREFILTER[lang].some((w) => text.includes(w))) {
		return [];
	}
	const lx = new Lexer(text, lang);
	const m = new Matcher(text, lang);
	const reads: MutableRead[] = [];
	let sorted = true;
	// Calls with more arguments: the read's readLength is fixed at the matching `)`.
	const pending: { read: MutableRead; depth: number }[] = [];
	let parens = 0;
	// JavaScript destructuring: one frame per open `{`, collecting candidate keys.
	const js = lang === JS;
	const fState: number[] = [];
	const fNest: number[] = [];
	const fKeyStart: number[] = [];
	const fKeyEnd: number[] = [];
	const fKeys: number[][] = [];
	let fd = -1;
	let lastEnd = 0;

	const commit = (propEnd: number): void => {
		fKeys[fd].push(fKeyStart[fd], fKeyEnd[fd], propEnd);
	};

	for (let kind = lx.next(); kind !== EOF; kind = lx.next()) {
		const start = lx.start;
		const end = lx.end;
		if (kind === PUNCT) {
			const c = lx.ch;
			if (c === C_LP) {
				parens++;
			} else if (c === C_RP) {
				while (pending.length && pending[pending.length - 1].depth > parens) {
					pending.pop();
				}
				if (pending.length && pending[pending.length - 1].depth === parens) {
					const p = pending.pop()!;
					p.read.readLength = end - p.read.readOffset;
				}
				parens--;
			}
			if (js) {
				if (c === C_LC) {
					fd++;
					fState[fd] = EXPECT_KEY;
					fNest[fd] = 0;
					if (fKeys[fd]) {
						fKeys[fd].length = 0;
					} else {
						fKeys[fd] = [];
					}
				} else if (fd >= 0) {
					if (c === C_RC) {
						const st = fState[fd];
						if (fNest[fd] === 0 && st === AFTER_KEY) {
							commit(fKeyEnd[fd]);
						} else if (fNest[fd] === 0 && st === IN_VALUE) {
							commit(lastEnd);
						}
						const keys = fKeys[fd];
						if (keys.length && destructuresEnv(m, end)) {
							for (let k = 0; k < keys.length; k += 3) {
								const e = m.name(keys[k]);
								if (e === keys[k + 1]) {
									if (reads.length && reads[reads.length - 1].offset > keys[k]) {
										sorted = false;
									}
									reads.push({ variable: text.slice(keys[k], e), offset: keys[k], length: e - keys[k], readOffset: keys[k], readLength: keys[k + 2] - keys[k] });
								}
							}
						}
						fd--;
					} else if (c === C_LP || c === C_LB) {
						if (fNest[fd] === 0 && fState[fd] !== IN_VALUE) {
							fState[fd] = SKIP;
						}
						fNest[fd]++;
					} else if (c === C_RP || c === C_RB) {
						if (fNest[fd] > 0) {
							fNest[fd]--;
						}
					} else if (fNest[fd] === 0) {
						const st = fState[fd];
						if (c === C_COMMA) {
							if (st === AFTER_KEY) {
								commit(fKeyEnd[fd]);
							} else if (st === IN_VALUE) {
								commit(lastEnd);
							}
							fState[fd] = EXPECT_KEY;
						} else if (c === C_COLON || c === C_EQ) {
							fState[fd] = st === AFTER_KEY ? IN_VALUE : st === EXPECT_KEY ? SKIP : st;
						} else if (st !== IN_VALUE) {
							fState[fd] = SKIP;
						}
					}
				}
			}
		} else if (js && fd >= 0 && fNest[fd] === 0) {
			const st = fState[fd];
			if (kind === IDENT && st === EXPECT_KEY) {
				fState[fd] = AFTER_KEY;
				fKeyStart[fd] = start;
				fKeyEnd[fd] = end;
			} else if (st === EXPECT_KEY || st === AFTER_KEY) {
				fState[fd] = SKIP;
			}
		}
		lastEnd = end;
		if (kind !== IDENT) {
			continue;
		}
		const prevDot = lx.pKind === PUNCT && lx.pCh === C_DOT;
		const qualifier = lang === CS && prevDot && lx.ppKind === IDENT && identAt(text, lx.ppStart, lx.ppEnd) === 'System' ? lx.ppStart : -1;
		const match = m.match(start, end, prevDot, qualifier);
		if (!match) {
			continue;
		}
		if (reads.length && reads[reads.length - 1].offset > match.read.offset) {
			sorted = false;
		}
		reads.push(match.read);
		if (match.callOpen >= 0) {
			pending.push({ read: match.read, depth: parens + 1 });
		}
		lx.resume(match.resume, start, match.callOpen >= 0 ? match.callOpen : match.resume);
		lastEnd = match.callOpen >= 0 ? match.callOpen : match.resume;
	}
	if (!sorted) {
		reads.sort((a, b) => a.offset - b.offset);
	}
	if (stats) {
		stats.tokens += lx.tokens;
		stats.lookahead += m.work + lx.rescanned;
	}
	return reads;
}

/** After a destructuring pattern's `}` ending at i: `= <env object>` used whole. */
function destructuresEnv(m: Matcher, i: number): boolean {
	const text = m.text;
	const eq = m.char(i, C_EQ);
	if (eq < 0 || text.charCodeAt(eq) === C_EQ || text.charCodeAt(eq) === C_GT) {
		return false;
	}
	const s = m.trivia(eq);
	let e = s;
	while (e < text.length && e - s < 8 && isIdentPart(text.charCodeAt(e), JS)) {
		e++;
	}
	m.work += e - s;
	const env = m.jsEnvObject(s, e, true);
	if (env < 0) {
		return false;
	}
	const k = m.trivia(env);
	const c = text.charCodeAt(k);
	return c !== C_DOT && c !== C_LB && !(c === C_QM && text.charCodeAt(k + 1) === C_DOT);
}

/** Where a variable name is being typed inside an env read (for completion). */
export interface EnvReadAtResult {
	/** The part of the name before the cursor. */
	readonly prefix: string;
	/** The whole name token to replace: [start, end), UTF-16 offsets; empty when nothing is typed yet. */
	readonly start: number;
	readonly end: number;
}

/** Longest stretch examined before the cursor to find the read's callee. */
const CALLEE_WINDOW = 512;

/**
 * When `offset` is where a variable name is typed inside an env read (`os.getenv("CHO|")`,
 * `process.env.|`, `process.env["|`), the partial name and the span of the name token; else
 * undefined. The read must be in code, not in a comment or string (checked by lexing up to it).
 */
export function envReadAt(text: string, offset: number, language: SourceLanguage): EnvReadAtResult | undefined {
	const lang = LANG[language];
	if (lang === undefined || !(offset >= 0 && offset <= text.length)) {
		return undefined;
	}
	let start = offset;
	while (start > 0 && offset - start <= MAX_VARIABLE_LENGTH && isNamePart(text.charCodeAt(start - 1))) {
		start--;
	}
	let end = offset;
	while (end - start <= MAX_VARIABLE_LENGTH && isNamePart(text.charCodeAt(end))) {
		end++;
	}
	if (end - start > MAX_VARIABLE_LENGTH || (start < end && !isNameStart(text.charCodeAt(start)))) {
		return undefined;
	}
	const before = text.charCodeAt(start - 1);
	let calleeEnd: number;
	let shape: string;
	let nameAt: number;
	if (before === C_DQ || before === C_SQ || before === C_BT) {
		let k = start - 2;
		if (lang === CS && text.charCodeAt(k) === C_AT) {
			k--;
		}
		while (k >= 0 && isSpace(text.charCodeAt(k))) {
			k--;
		}
		const open = text.charCodeAt(k);
		if (open !== C_LP && open !== C_LB) {
			return undefined;
		}
		calleeEnd = k;
		const q = String.fromCharCode(before);
		shape = text.slice(k, start - 1) + q;
		nameAt = shape.length;
		shape += 'A' + q + (open === C_LP ? ')' : ']');
	} else if (before === C_DOT && lang === JS) {
		calleeEnd = start - 1;
		if (text.charCodeAt(calleeEnd - 1) === C_QM) {
			calleeEnd--;
		}
		shape = text.slice(calleeEnd, start);
		nameAt = shape.length;
		shape += 'A';
	} else {
		return undefined;
	}
	// The callee: identifiers joined by dots, read backwards within a window.
	const starts: number[] = [];
	const floor = Math.max(0, calleeEnd - CALLEE_WINDOW);
	let k = calleeEnd;
	for (;;) {
		while (k > floor && isSpace(text.charCodeAt(k - 1))) {
			k--;
		}
		if (lang === JAVA && starts.length && text.charCodeAt(k - 1) === C_RP && text.charCodeAt(k - 2) === C_LP) {
			k -= 2; // System.getenv().get("X")
			continue;
		}
		let s = k;
		while (s > floor && isIdentPart(text.charCodeAt(s - 1), lang)) {
			s--;
		}
		if (s === k || !isIdentStart(text.charCodeAt(s), lang)) {
			break;
		}
		starts.unshift(s);
		k = s;
		while (k > floor && isSpace(text.charCodeAt(k - 1))) {
			k--;
		}
		if (text.charCodeAt(k - 1) !== C_DOT || starts.length >= 6) {
			break;
		}
		k--;
		if (lang === JS && text.charCodeAt(k - 1) === C_QM) {
			k--;
		}
	}
	for (let t = 0; t < starts.length; t++) {
		const s = starts[t];
		const synthetic = text.slice(s, calleeEnd) + shape;
		let e = 0;
		while (isIdentPart(synthetic.charCodeAt(e), lang)) {
			e++;
		}
		const prevDot = t > 0 || text.charCodeAt(previousNonSpace(text, s)) === C_DOT;
		const match = new Matcher(synthetic, lang).match(0, e, prevDot, -1);
		if (match && match.read.offset === calleeEnd - s + nameAt && match.read.length === 1) {
			return isCodeAt(text, s, lang) ? { prefix: text.slice(start, offset), start, end } : undefined;
		}
	}
	return undefined;
}

function previousNonSpace(text: string, i: number): number {
	let k = i - 1;
	while (k >= 0 && isSpace(text.charCodeAt(k))) {
		k--;
	}
	return k;
}

/** Whether a code token starts exactly at `pos` (so `pos` is in neither a comment nor a string). */
function isCodeAt(text: string, pos: number, lang: Lang): boolean {
	const lx = new Lexer(text, lang);
	while (lx.next() !== EOF) {
		if (lx.start >= pos) {
			return lx.start === pos && lx.kind === IDENT;
		}
	}
	return false;
}
