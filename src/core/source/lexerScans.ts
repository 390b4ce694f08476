// The scans the lexer hands off to where a language leaves the C family's comments and strings:
// PHP's open tags (the HTML around the code), its heredocs and line comments that end at `?>`,
// and Ruby's `=begin`/`=end` blocks. Each scans forward from where it starts and never returns
// to an earlier position: linear time. No imports, so the lexer can depend on it freely.

const LF = 10, CR = 13, TAB = 9, SPACE = 32, DQ = 34, SQ = 39, EQ = 61, GT = 62, QM = 63;

function isNameStart(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNamePart(c: number): boolean {
	return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Whether i is at the start of a line. */
export function isLineStart(text: string, i: number): boolean {
	const p = text.charCodeAt(i - 1);
	return i === 0 || p === LF || p === CR;
}

/** PHP: a `//` or `#` comment ends at the line break or at `?>` (which it leaves to close the code). */
export function skipPhpLine(text: string, i: number): number {
	const n = text.length;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === LF || c === CR || (c === QM && text.charCodeAt(i + 1) === GT)) {
			return i;
		}
		i++;
	}
	return n;
}

/**
 * PHP: from i in HTML, the next open tag (`<?php`, `<?=`, `<?`): where the HTML ends and where the
 * code starts (after the tag). Without one, the HTML runs to the end (`found` false).
 */
export function phpOpenTag(text: string, i: number): { htmlEnd: number; codeStart: number; found: boolean } {
	const k = text.indexOf('<?', i);
	if (k < 0) {
		return { htmlEnd: text.length, codeStart: text.length, found: false };
	}
	const codeStart = text.charCodeAt(k + 2) === EQ ? k + 3 : text.slice(k + 2, k + 5).toLowerCase() === 'php' ? k + 5 : k + 2;
	return { htmlEnd: k, codeStart, found: true };
}

/**
 * PHP heredoc or nowdoc after `<<<` at i: `ID`, `"ID"` or `'ID'`, a line break, and the body up to
 * a line that starts (after white space) with ID not followed by a name character. The body is one
 * string, interpolation included (conservative). Undefined when no heredoc starts here.
 */
export function phpHeredoc(text: string, i: number): { contentStart: number; contentEnd: number; end: number } | undefined {
	const n = text.length;
	while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) {
		i++;
	}
	const q = text.charCodeAt(i);
	const quoted = q === DQ || q === SQ;
	if (quoted) {
		i++;
	}
	const idStart = i;
	if (!isNameStart(text.charCodeAt(i))) {
		return undefined;
	}
	while (i < n && isNamePart(text.charCodeAt(i))) {
		i++;
	}
	const id = text.slice(idStart, i);
	if (quoted) {
		if (text.charCodeAt(i) !== q) {
			return undefined;
		}
		i++;
	}
	if (text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) {
		return undefined;
	}
	const contentStart = i;
	while (i < n) {
		// At a line break: does the next line close the heredoc?
		let j = i + (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1);
		const lineStart = j;
		while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) {
			j++;
		}
		if (text.startsWith(id, j) && !isNamePart(text.charCodeAt(j + id.length))) {
			return { contentStart, contentEnd: lineStart, end: j + id.length };
		}
		i = j;
		while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) {
			i++;
		}
	}
	return { contentStart, contentEnd: n, end: n };
}

/** Ruby: after `=begin`, the end of the line that starts with `=end` (or the text's end). */
export function skipRubyBlockComment(text: string, i: number): number {
	for (;;) {
		const k = text.indexOf('=end', i);
		if (k < 0) {
			return text.length;
		}
		if (isLineStart(text, k) && !isNamePart(text.charCodeAt(k + 4)) && !(text.charCodeAt(k + 4) >= 128)) {
			let e = k + 4;
			while (e < text.length && text.charCodeAt(e) !== LF && text.charCodeAt(e) !== CR) {
				e++;
			}
			return e;
		}
		i = k + 4;
	}
}
