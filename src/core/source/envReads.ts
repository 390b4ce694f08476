// Environment-variable reads in component source: the code tokens of the one lexer (lexer.ts:
// comments and strings skipped, template, f-string and interpolated-string holes are code),
// matched against the read forms token by token (readMatcher.ts). Every loop advances, nothing
// backtracks: linear time.
import type { SourceLanguage } from './languages';
import {
	BAL, CS, C_AT, C_BT, C_COLON, C_COMMA, C_DOT, C_DQ, C_EQ, C_GT, C_LB, C_LC, C_LP, C_MINUS, C_QM, C_RB, C_RC, C_RP, C_SQ, EOF, GO, IDENT, JAVA, JS, Lexer,
	PHP, PUNCT, PY, RB, isIdentPart, isIdentStart, isNamePart, isNameStart, isSpace, LANG, type Lang,
} from './lexer';
import { identAt, Matcher, MAX_VARIABLE_LENGTH, type MutableRead } from './readMatcher';

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

const PREFILTER: Readonly<Record<Lang, readonly string[]>> = {
	[JS]: ['env'],
	[PY]: ['environ', 'getenv'],
	[GO]: ['Getenv', 'LookupEnv'],
	[JAVA]: ['getenv'],
	[CS]: ['GetEnvironmentVariable'],
	[BAL]: ['getEnv'],
	[PHP]: ['getenv', '$_ENV', '$_SERVER'],
	[RB]: ['ENV'],
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
		const prevDot = lang === PHP ? phpMember(text, lx.pKind, lx.pStart, lx.pEnd, lx.pCh) : lx.pKind === PUNCT && lx.pCh === C_DOT;
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

/**
 * PHP: whether the token [start, end) before an identifier makes it a member or a declared
 * name, not a call of the global function: `->` (and `?->`), `::`, `function`.
 */
function phpMember(text: string, kind: number, start: number, end: number, ch: number): boolean {
	if (kind === PUNCT) {
		const before = text.charCodeAt(start - 1);
		return (ch === C_GT && before === C_MINUS) || (ch === C_COLON && before === C_COLON);
	}
	return kind === IDENT && end - start === 8 && text.startsWith('function', start);
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
		const joiner = text.charCodeAt(k - 1);
		if (!(joiner === C_DOT || (lang === BAL && joiner === C_COLON)) || starts.length >= 6) {
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
		const prevDot = t > 0 || memberBefore(text, s, lang);
		const match = new Matcher(synthetic, lang).match(0, e, prevDot, -1);
		if (match && match.read.offset === calleeEnd - s + nameAt && match.read.length === 1) {
			return isCodeAt(text, s, lang) ? { prefix: text.slice(start, offset), start, end } : undefined;
		}
	}
	return undefined;
}

/** Whether the identifier at s follows what makes it a member (see phpMember), by the text before it. */
function memberBefore(text: string, s: number, lang: Lang): boolean {
	const k = previousNonSpace(text, s);
	if (lang !== PHP) {
		return text.charCodeAt(k) === C_DOT;
	}
	const c = text.charCodeAt(k);
	if (c === C_GT || c === C_COLON) {
		return phpMember(text, PUNCT, k, k + 1, c);
	}
	return k >= 7 && text.startsWith('function', k - 7) && !isIdentPart(text.charCodeAt(k - 8), lang);
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
