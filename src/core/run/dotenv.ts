// Reading a dotenv file (a `--secrets-file`): `NAME=value` lines, an optional `export `, values bare,
// single-quoted (literal) or double-quoted (\n, \r, \t, \", \\ and \$ escapes), `#` comments. One pass over
// the text; lines it cannot read are counted, never echoed (they may hold secrets).
import { isEnvName } from '../model/naming';

export interface Dotenv {
	readonly values: ReadonlyMap<string, string>;
	/** 1-based numbers of the lines that were not `NAME=value` (their text is not kept). */
	readonly badLines: readonly number[];
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

export function parseDotenv(text: string): Dotenv {
	const values = new Map<string, string>();
	const badLines: number[] = [];
	const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
	lines.forEach((raw, i) => {
		let line = raw.trim();
		if (!line || line.startsWith('#')) {
			return;
		}
		if (line.startsWith('export ')) {
			line = line.slice(7).trimStart();
		}
		const eq = line.indexOf('=');
		const name = eq < 0 ? '' : line.slice(0, eq).trim();
		if (!isEnvName(name)) {
			badLines.push(i + 1);
			return;
		}
		const rest = line.slice(eq + 1).trimStart();
		const quote = rest[0];
		if (quote === "'" || quote === '"') {
			let value = '';
			let j = 1;
			for (; j < rest.length && rest[j] !== quote; j++) {
				if (quote === '"' && rest[j] === '\\' && j + 1 < rest.length) {
					j++;
					value += ESCAPES[rest[j]] ?? '\\' + rest[j];
				} else {
					value += rest[j];
				}
			}
			const after = rest.slice(j + 1).trim();
			if (j >= rest.length || (after && !after.startsWith('#'))) {
				badLines.push(i + 1);
				return;
			}
			values.set(name, value);
			return;
		}
		const hash = rest.search(/\s#/);
		values.set(name, (hash < 0 ? rest : rest.slice(0, hash)).trim());
	});
	return { values, badLines };
}
