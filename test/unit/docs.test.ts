// The docs stay true to the code: docs/reliability.md states every promise and names tests that exist,
// every citation of a promise names one that is there, and no file cites a document the repository lacks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const PROMISES = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'T1', 'T2', 'T3', 'T4', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'R1', 'R2', 'R3', 'R4'];

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const reliability = fs.readFileSync('docs/reliability.md', 'utf8');
const sources = ['src', 'test', 'scripts', 'bench', 'docs'].flatMap((d) => files(d)).concat('README.md')
	.filter((f) => /\.(ts|mjs|md)$/.test(f) && !f.startsWith(path.join('test', 'fixtures')) && f !== path.join('test', 'unit', 'docs.test.ts'));


describe('docs/reliability.md', () => {
	it('states every promise once, as a row of its table', () => {
		const rows = [...reliability.matchAll(/^\| ([STER]\d) \|/gm)].map((m) => m[1]);
		assert.deepEqual(rows, PROMISES);
	});

	it('names only test files that exist', () => {
		const cited = [...new Set([...reliability.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)].map((m) => m[1]))];
		assert.ok(cited.length >= 20, `only ${cited.length} test files cited`);
		assert.deepEqual(cited.filter((f) => !fs.existsSync(f)), [], 'cited but missing');
	});

	it('every test file it names for a promise has that test or block', () => {
		// `path` "test name": each quoted name after a path is a test or describe title in that file ("…" stands for the words left out).
		for (const row of reliability.split('\n').filter((l) => /^\| [STER]\d \|/.test(l))) {
			for (const part of row.split(/(?=`test\/)/).slice(1)) {
				const file = /^`([^`]+)`/.exec(part)![1];
				const text = fs.readFileSync(file, 'utf8').replace(/\\'/g, '\'');
				for (const m of part.matchAll(/(?:^|[ (,;])"([^"]*?(?:"[^"]*?"[^"]*?)*?)"(?=[,;.]|$| \(| and | in | there| \*)/g)) {
					const pieces = m[1].split('…').map((p) => p.trim()).filter(Boolean);
					assert.ok(pieces.length && pieces.every((p) => text.includes(p)), `${file} has no test "${m[1]}" (cited for ${row.slice(2, 4)})`);
				}
			}
		}
	});
});

describe('citations', () => {
	it('every "docs/reliability.md X" in the code names a promise of docs/reliability.md', () => {
		for (const f of sources) {
			for (const m of fs.readFileSync(f, 'utf8').matchAll(/docs\/reliability\.md((?:,? [STER]\d)+)/g)) {
				for (const id of m[1].split(/[ ,]+/).filter(Boolean)) {
					assert.ok(PROMISES.includes(id), `${f} cites ${id}, which docs/reliability.md does not state`);
				}
			}
		}
	});

	it('no file cites RELIABILITY.md or SPEC, documents outside the repository', () => {
		const found: string[] = [];
		for (const f of sources) {
			const rel = f.split(path.sep).join('/');
			fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
				if (/RELIABILITY|\bSPEC\b|SPEC\.md/.test(line)) {
					found.push(`${rel}:${i + 1}: ${line.trim()}`);
				}
			});
		}
		assert.deepEqual(found, []);
	});
});

describe('docs/rules.md', () => {
	// GitHub's heading anchors: lower-cased, punctuation but '-' and '_' dropped, spaces to '-'.
	const rules = fs.readFileSync('docs/rules.md', 'utf8');
	const anchors = new Set([
		...[...rules.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')),
		...[...rules.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]),
	]);

	it('has the anchor of every finding\'s code, which the diagnostics and the SARIF rules link to', async () => {
		const { PROBLEM_CODES, ruleHelpUri } = await import('../../src/core/findings/problems');
		const codes = Object.keys(PROBLEM_CODES) as (keyof typeof PROBLEM_CODES)[];
		assert.ok(codes.length > 50);
		const missing = codes.filter((c) => !anchors.has(new URL(ruleHelpUri(c)).hash.slice(1)));
		assert.deepEqual(missing, [], 'codes without their section in docs/rules.md');
	});
});
