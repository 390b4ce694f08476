// component.yaml read line by line, for completion while it is typed (when it may not parse):
// which name or key sits at an offset, and how a name is written back as a scalar. The full
// reading and the edits are in componentYaml.ts. Imports the model's Span only.
import type { Span } from '../model/model';

/** Where in a component.yaml a name or key is being typed: the scalar's span and what it names. */
export interface YamlCompletionContext {
	readonly what: 'reference-name' | 'connection-ref-name' | 'connection-ref-key';
	readonly span: Span;
	/** The value follows the colon directly: insert a space first. */
	readonly needsSpace: boolean;
	/** For a key: the connection named beside it. */
	readonly connection?: string;
}

const YAML_LINE = /^([ \t]*)(-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]*)(.*)$/;

interface YamlLine {
	readonly start: number;
	readonly indent: number;
	readonly key?: string;
	/** Offset of the value text (after `key: `), and the value without a trailing comment. */
	readonly valueStart: number;
	readonly value: string;
}

function yamlLines(text: string): YamlLine[] {
	const out: YamlLine[] = [];
	let start = 0;
	while (start <= text.length) {
		let end = text.indexOf('\n', start);
		if (end < 0) {
			end = text.length;
		}
		const raw = text.slice(start, end).replace(/\r$/, '');
		const m = YAML_LINE.exec(raw);
		if (m) {
			const indent = m[1].length + (m[2] ? m[2].length : 0);
			const valueStart = start + raw.length - m[4].length;
			const value = m[4].replace(/[ \t]+#.*$/, '');
			out.push({ start, indent, key: m[3], valueStart, value });
		} else {
			const trimmed = raw.trimStart();
			out.push({ start, indent: raw.length - trimmed.length + (trimmed.startsWith('- ') ? 2 : 0), valueStart: start, value: '' });
		}
		if (end === text.length) {
			break;
		}
		start = end + 1;
	}
	return out;
}

/** The keys enclosing a line (nearest first), by indentation. */
function yamlParents(lines: YamlLine[], i: number): string[] {
	const out: string[] = [];
	let indent = lines[i].indent;
	for (let j = i - 1; j >= 0 && indent > 0; j--) {
		const l = lines[j];
		if (l.key !== undefined && l.indent < indent) {
			out.push(l.key);
			indent = l.indent;
		}
	}
	return out;
}

/** The completion context at an offset of a component.yaml (a line-based reading: the file may not parse while typed). */
export function yamlCompletionContext(text: string, offset: number): YamlCompletionContext | undefined {
	const lines = yamlLines(text);
	let i = lines.length - 1;
	while (i > 0 && lines[i].start > offset) {
		i--;
	}
	const line = lines[i];
	if (line.key === undefined || offset < line.valueStart || offset > line.valueStart + line.value.length) {
		return undefined;
	}
	const span = { offset: line.valueStart, length: line.value.length };
	// `name:|` with no space yet: the value needs one before it.
	const needsSpace = text.charCodeAt(line.valueStart - 1) === 58 /* : */;
	const parents = yamlParents(lines, i);
	if (line.key === 'name' && parents[0] === 'connectionReferences') {
		return { what: 'reference-name', span, needsSpace };
	}
	if (line.key === 'name' && parents[0] === 'connectionRef') {
		return { what: 'connection-ref-name', span, needsSpace };
	}
	if (line.key === 'key' && parents[0] === 'connectionRef') {
		// The sibling `name:` at the same indentation under the same connectionRef.
		let connection: string | undefined;
		for (let j = i - 1; connection === undefined && j >= 0 && lines[j].indent >= line.indent; j--) {
			if (lines[j].indent === line.indent && lines[j].key === 'name') {
				connection = lines[j].value;
			}
		}
		for (let j = i + 1; connection === undefined && j < lines.length && lines[j].indent >= line.indent; j++) {
			if (lines[j].indent === line.indent && lines[j].key === 'name') {
				connection = lines[j].value;
			}
		}
		return { what: 'connection-ref-key', span, needsSpace, connection: connection?.replace(/^(["'])(.*)\1$/, '$2') };
	}
	return undefined;
}

/** A name as a YAML scalar: plain when it reads back as the same string, else double-quoted. */
export function yamlScalarText(name: string): string {
	return /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/.test(name) && !/ $/.test(name) && !/^(?:true|false|null|yes|no|on|off|~|[-+]?[0-9][0-9._]*)$/i.test(name) ? name : JSON.stringify(name);
}
