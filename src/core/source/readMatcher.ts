// The read forms of each language, matched token by token from an identifier the lexer found
// (`process.env.X`, `os.getenv("X")`, `System.getenv("X")`, `os:getEnv("X")`, `$_ENV['X']`,
// `ENV.fetch("X")` …); every look-ahead is counted in
// `work` so that tests can hold the scanner to linear time.
import {
	BAL, CS, C_AT, C_BT, C_COLON, C_COMMA, C_DOT, C_DQ, C_HASH, C_LB, C_LP, C_QM, C_RB, C_RP, C_SLASH, C_SQ, C_STAR, GO, JAVA, JS, PHP, PY, RB,
	isIdentPart, isNamePart, isNameStart, isSpace, skipBlockComment, skipLine, type Lang,
} from './lexer';

/** Longest variable name reported; a longer name is not a read. */
export const MAX_VARIABLE_LENGTH = 256;

export interface MutableRead {
	variable: string;
	offset: number;
	length: number;
	readOffset: number;
	readLength: number;
}

/** A matched read: `resume` is where the lexer continues; `callOpen` >= 0 when the call has more arguments. */
export interface Match {
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
export class Matcher {
	work = 0;

	constructor(readonly text: string, readonly lang: Lang) {}

	/** Skips white space and comments. */
	trivia(i: number): number {
		const text = this.text;
		const n = text.length;
		const from = i;
		const lang = this.lang;
		const hash = lang === PY || lang === RB || lang === BAL || lang === PHP;
		const slashes = lang !== PY && lang !== RB;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (isSpace(c)) {
				i++;
			} else if (c === C_HASH && hash && !(lang === PHP && text.charCodeAt(i + 1) === C_LB)) {
				i = skipLine(text, i + 1);
			} else if (!slashes) {
				break;
			} else if (c === C_SLASH && text.charCodeAt(i + 1) === C_SLASH) {
				i = skipLine(text, i + 2);
			} else if (c === C_SLASH && text.charCodeAt(i + 1) === C_STAR && lang !== BAL) {
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
		const lang = this.lang;
		const ok = q === C_DQ || (q === C_SQ && (lang === JS || lang === PY || lang === PHP || lang === RB)) || (q === C_BT && (lang === JS || lang === GO));
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
	 * A read starting with the identifier [s, e). `prevDot` says the identifier is a member: it
	 * follows a `.` (PHP: `->` or `::`, or it is the name of a function declaration; `.` is PHP's
	 * concatenation); `qualifier` is where a `System.` before it starts (C#), or -1.
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
			case BAL: {
				// `os:getEnv`: a qualified identifier, no white space around the colon.
				const text = this.text;
				if (id !== 'os' || text.charCodeAt(e) !== C_COLON || isSpace(text.charCodeAt(e + 1)) || text.charCodeAt(e + 1) === C_COLON) {
					return undefined;
				}
				this.work += 2;
				return this.call(this.word(e + 1, 'getEnv'), s);
			}
			case PHP:
				if (prevDot) {
					return undefined;
				}
				if (id === 'getenv') {
					return this.call(e, s);
				}
				return id === '$_ENV' || id === '$_SERVER' ? this.subscript(e, s) : undefined;
			case RB:
				if (id !== 'ENV' || prevDot) {
					return undefined;
				}
				return this.subscript(e, s) ?? this.call(this.word(this.dot(e), 'fetch'), s);
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
export function identAt(text: string, s: number, e: number): string | undefined {
	switch (e - s) {
		case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 11:
			break;
		default:
			return undefined;
	}
	const c = text.charCodeAt(s);
	if (c !== 0x24 /* $ */ && c !== 0x44 /* D */ && c !== 0x42 /* B */ && c !== 0x45 /* E */ && c !== 0x53 /* S */ && c !== 0x65 /* e */
		&& c !== 0x67 /* g */ && c !== 0x69 /* i */ && c !== 0x6f /* o */ && c !== 0x70 /* p */ && c !== 0x73 /* s */) {
		return undefined;
	}
	return text.slice(s, e);
}
