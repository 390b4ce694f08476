// "May we edit this file?" has one answer: ParsedConnectionsFile.editRefusal (and editRefusalAt
// for a path), both in src/core/json/parse.ts. This test fails when a second spelling appears.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { editRefusalAt, parseConnectionsText } from '../../src/core/json/parse';
import { fixture } from './helpers';

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/** Files that read the parse state for what to show, not to decide an edit; and those not yet moved to editRefusal. */
const READS_PARSE_STATE: Readonly<Record<string, string>> = {
	'src/core/json/parse.ts': 'the one place that decides',
	'src/vscode/connectionsTree.ts': 'shows the last valid tree and says why',
	'src/core/views/treeModel.ts': 'counts reads only of a file that parses',
};

describe('edit permission', () => {
	it('no file outside the list spells "may we edit?" with hasSyntaxErrors, guarded or ambiguousPaths', () => {
		const sources = files(path.resolve('src')).filter((f) => f.endsWith('.ts'));
		assert.ok(sources.length > 20);
		for (const f of sources) {
			const rel = path.relative('.', f).split(path.sep).join('/');
			const text = fs.readFileSync(f, 'utf8');
			if (/\bhasSyntaxErrors\b|\.guarded\b|\bambiguousPaths\b/.test(text)) {
				assert.ok(rel in READS_PARSE_STATE, `${rel} decides edit permission itself: use parsed.editRefusal or editRefusalAt`);
			}
		}
	});

	it('editRefusal: syntax errors, guards and empty files refuse; a clean file does not', () => {
		assert.equal(parseConnectionsText('{ "version": 1 }').editRefusal, undefined);
		assert.equal(parseConnectionsText('{ "version": 1,, }').editRefusal, 'syntax-errors');
		assert.equal(parseConnectionsText('').editRefusal, 'syntax-errors');
		assert.equal(parseConnectionsText('{ "a": 1 }', { maxSize: 3, maxDepth: 8 }).editRefusal, 'syntax-errors');
	});

	it('editRefusalAt: a duplicate key on the way refuses that path only; a non-object root is invalid', () => {
		const parsed = parseConnectionsText(fixture('duplicate-keys.json'));
		const ambiguous = [...parsed.ambiguousPaths][0];
		assert.ok(ambiguous, 'the fixture has a duplicate key');
		const segments = ambiguous.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
		assert.equal(editRefusalAt(parsed, segments), 'ambiguous');
		assert.equal(editRefusalAt(parsed, []), undefined);
		assert.equal(editRefusalAt(parseConnectionsText('[1]'), []), 'invalid');
	});
});
