// The one place that reads a file's own layout habits: its line ends, its indentation unit and
// the indentation of a line. JSON edits (edits.ts), component.yaml insertions (componentYaml.ts)
// and the editor glue (applyEdits.ts, for a document no editor shows) all ask here.

/** Indentation and line ends of a file, as an edit should write them. */
export interface FormattingOptions {
	readonly insertSpaces: boolean;
	readonly tabSize: number;
	readonly eol: string;
}

/** The line end the text uses: that of its first line break ('\n' when it has none). */
export function eolOf(text: string): string {
	const lf = text.indexOf('\n');
	return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Indentation as the text already uses it (its first indented line): tabs, or spaces and how many. */
export function indentationOf(text: string): Pick<FormattingOptions, 'insertSpaces' | 'tabSize'> {
	const m = /\n([ \t]+)\S/.exec(text);
	if (m && m[1].startsWith('\t')) {
		return { insertSpaces: false, tabSize: 4 };
	}
	return { insertSpaces: true, tabSize: m ? Math.min(m[1].length, 8) : 2 };
}

/** Indentation and line ends as the text already uses them (first indented line, first line break). */
export function detectFormatting(text: string): FormattingOptions {
	return { ...indentationOf(text), eol: eolOf(text) };
}

/** One level of indentation. */
export function indentUnit(fmt: Pick<FormattingOptions, 'insertSpaces' | 'tabSize'>): string {
	return fmt.insertSpaces ? ' '.repeat(fmt.tabSize) : '\t';
}

const isEolChar = (ch: string) => ch === '\n' || ch === '\r';

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
	let i = offset;
	while (i > 0 && !isEolChar(text[i - 1])) {
		i--;
	}
	return i;
}

/** The leading blanks of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
	const s = lineStart(text, offset);
	let e = s;
	while (e < text.length && (text[e] === ' ' || text[e] === '\t')) {
		e++;
	}
	return text.slice(s, e);
}
