// Workspace text made safe for display: cut to a length, and escaped so that Markdown renders it
// as plain text (the tree's tooltips, the hover on connection IDs). Imports nothing.

/** Cuts text to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair; control characters become spaces. */
export function truncate(text: string, max: number): string {
	const clean = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
	if (clean.length <= max) {
		return clean;
	}
	let cut = max - 1;
	const code = clean.charCodeAt(cut - 1);
	if (code >= 0xd800 && code <= 0xdbff) {
		cut--;
	}
	return clean.slice(0, cut) + '…';
}

/** Escapes text for Markdown so that nothing in it becomes a link, HTML, emphasis or a code span (docs/reliability.md T2). */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
		.replace(/[!-/:-@[-`{-~]/g, (c) => '\\' + c);
}

const MAX_TEXT = 200;
const MAX_CELL = 120;
/** Items a list shows before "and N more". */
export const MAX_LIST = 12;

/** Workspace text as inert Markdown: cut to `max` (never splitting a surrogate pair), then every ASCII punctuation escaped. */
export function inertMarkdown(text: string, max = MAX_TEXT): string {
	return escapeMarkdown(truncate(text, max));
}

/** A name as inline code when it is a plain identifier (derived variable names), else escaped text. */
export function codeOrText(s: string): string {
	return /^[A-Za-z0-9_]{1,256}$/.test(s) ? '`' + s + '`' : inertMarkdown(s);
}

export function bold(s: string): string {
	return '**' + inertMarkdown(s) + '**';
}

/** Up to MAX_LIST items, comma-separated; `more(n)` says how many were left out. */
export function list(items: readonly string[], more: (count: number) => string, render: (s: string) => string = inertMarkdown): string {
	const shown = items.slice(0, MAX_LIST).map((s) => render(s)).join(', ');
	return items.length > MAX_LIST ? `${shown} ${more(items.length - MAX_LIST)}` : shown;
}

/** Workspace text in a table cell. */
export function cell(s: string): string {
	return inertMarkdown(s, MAX_CELL);
}
