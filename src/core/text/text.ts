// Offsets to lines and columns, for the command line and for tests.

/** Zero-based line and UTF-16 character of an offset. */
export interface LineCharacter {
	readonly line: number;
	readonly character: number;
}

/** Maps offsets to lines in O(log lines) after an O(n) scan. */
export class LineIndex {
	private readonly starts: number[] = [0];

	constructor(private readonly text: string) {
		for (let i = 0; i < text.length; i++) {
			const ch = text.charCodeAt(i);
			if (ch === 10 /* \n */) {
				this.starts.push(i + 1);
			} else if (ch === 13 /* \r */) {
				if (text.charCodeAt(i + 1) === 10) {
					i++;
				}
				this.starts.push(i + 1);
			}
		}
	}

	/** Line and character of an offset (clamped to the text). */
	positionAt(offset: number): LineCharacter {
		offset = Math.max(0, Math.min(offset, this.text.length));
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.starts[mid] <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return { line: lo, character: offset - this.starts[lo] };
	}

	/** Offset of a line and character (clamped). */
	offsetAt(line: number, character: number): number {
		if (line >= this.starts.length) {
			return this.text.length;
		}
		return Math.min(this.starts[Math.max(0, line)] + Math.max(0, character), this.text.length);
	}
}

/** Folder names never scanned for component source (dependencies, build output, VCS). */
export const EXCLUDED_FOLDERS: ReadonlySet<string> = new Set([
	'node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'target', 'bin', 'obj', 'vendor', '__pycache__', '.venv', 'venv', '.tox', '.gradle', '.idea', '.vscode',
]);

/** Whether a repository-relative path passes through an excluded folder. */
export function isExcludedPath(file: string): boolean {
	const parts = file.split('/');
	for (let i = 0; i < parts.length - 1; i++) {
		if (EXCLUDED_FOLDERS.has(parts[i])) {
			return true;
		}
	}
	return false;
}

/** Decodes file bytes as UTF-8 (a leading BOM is kept in the text); returns an error text for other encodings. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: string } {
	if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
		return { error: 'it is encoded as UTF-16; save it as UTF-8' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
	} catch {
		return { error: 'it is not valid UTF-8 (perhaps Latin-1); save it as UTF-8' };
	}
}

/** Control, line-separator and bidi characters: in output they could forge lines, terminal escapes or hide text. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

/** Whether a string holds any character `printable` escapes. */
export function hasUnprintable(s: string): boolean {
	return UNPRINTABLE.test(s);
}

/** `s` on one line with every control, line-separator and bidi character written as `\uXXXX`. */
export function printable(s: string): string {
	return s.replace(UNPRINTABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
