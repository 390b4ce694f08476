// Whether a repository's `.gitignore` keeps a generated `.env` out of version control, and the line to add when it
// does not. Common patterns only (a name anywhere, a rooted or nested path, `*`, `?`, `**`, negation), read
// conservatively: a negated match counts as not ignored. Linear in the file's lines.
import type { TextEdit } from '../text/textEdit';

function globToRegExp(glob: string): RegExp {
	let re = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*') {
			if (glob[i + 1] === '*') {
				re += '.*';
				i++;
				if (glob[i + 1] === '/') {
					i++;
					re += '(?:/)?';
				}
			} else {
				re += '[^/]*';
			}
		} else if (c === '?') {
			re += '[^/]';
		} else {
			re += c.replace(/[\\^$.+()|{}[\]]/g, '\\$&');
		}
	}
	return new RegExp(`^${re}$`);
}

/** Whether the pattern lines of a `.gitignore` at the repository root ignore `path` (repository-relative, `/`-separated). */
export function gitignoreCovers(gitignore: string, path: string): boolean {
	const name = path.slice(path.lastIndexOf('/') + 1);
	let ignored = false;
	for (const raw of gitignore.split(/\r?\n/)) {
		let line = raw.trim();
		if (!line || line.startsWith('#') || line.length > 500) {
			continue;
		}
		const negated = line.startsWith('!');
		if (negated) {
			line = line.slice(1);
		}
		if (line.endsWith('/')) {
			continue; // folders only
		}
		const anchored = line.startsWith('/') || line.slice(0, -1).includes('/');
		const pattern = line.replace(/^\//, '');
		const matches = anchored ? globToRegExp(pattern).test(path) : globToRegExp(pattern).test(name);
		if (matches) {
			ignored = !negated;
		}
	}
	return ignored;
}

/** The edit appending `line` to a `.gitignore` text (on its own line, in the file's line ends). */
export function gitignoreAppend(gitignore: string, line: string): TextEdit {
	const eol = gitignore.includes('\r\n') ? '\r\n' : '\n';
	const sep = gitignore.length && !gitignore.endsWith('\n') ? eol : '';
	return { offset: gitignore.length, length: 0, newText: `${sep}${line}${eol}` };
}
