// The one text-edit type of the core: a replacement of a UTF-16 range of a text. Every edit the
// core plans (connections.json, component.yaml, source files) is a list of these.

export interface TextEdit {
	/** UTF-16 offset of the replaced range. */
	readonly offset: number;
	/** Length of the replaced range in UTF-16 code units (0 for an insertion). */
	readonly length: number;
	readonly newText: string;
}

/** Applies edits (non-overlapping, any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
	const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i);
	let out = '';
	let at = 0;
	for (const { e } of sorted) {
		out += text.slice(at, e.offset) + e.newText;
		at = e.offset + e.length;
	}
	return out + text.slice(at);
}

/** The smallest single edit that turns `before` into `after`. */
export function minimalEdit(before: string, after: string): TextEdit {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) {
		start++;
	}
	let end = 0;
	while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
		end++;
	}
	return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}
