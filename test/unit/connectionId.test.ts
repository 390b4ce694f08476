import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CONNECTION_ID_MAX, CONNECTION_ID_MIN, CONNECTION_ID_PATTERN, idRuleViolation, isValidConnectionId } from '../../src/core/model/connectionId';

describe('connectionId', () => {
	const schema = JSON.parse(fs.readFileSync('schemas/connections.schema.json', 'utf8'));

	it('is the schema\'s pattern and bounds for connection IDs, component IDs and OAuth application names', () => {
		for (const def of ['connectionId', 'componentId', 'oauthAppName']) {
			assert.equal(schema.definitions[def].pattern, CONNECTION_ID_PATTERN, def);
			assert.equal(schema.definitions[def].maxLength, CONNECTION_ID_MAX, def);
		}
		assert.equal(CONNECTION_ID_MIN, 3);
	});

	it('accepts and refuses by the name rule, saying which part is broken', () => {
		for (const ok of ['payments', 'hr-connection', 'Book Listing Connection', 'a.b', 'abc', 'a.b_c-d', 'x'.repeat(50), 'a1b']) {
			assert.ok(isValidConnectionId(ok), ok);
			assert.equal(idRuleViolation(ok), undefined, ok);
		}
		const bad: [string, string][] = [
			['', 'too-short'], ['ab', 'too-short'], ['x'.repeat(51), 'too-long'], ['-ab', 'edge'], ['ab-', 'edge'], ['abc.', 'edge'],
			['a/b', 'character'], ['aé b', 'character'], ['a--b', 'double-delimiter'], ['a _b', 'double-delimiter'], ['a -b', 'double-delimiter'],
		];
		for (const [id, why] of bad) {
			assert.ok(!isValidConnectionId(id), id);
			assert.equal(idRuleViolation(id), why, id);
		}
	});

	it('agrees with the schema pattern on any text (property)', () => {
		const re = new RegExp(CONNECTION_ID_PATTERN);
		fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '-', '_', '.', '/', 'é'), maxLength: 60 }), (s) => {
			const bySchema = s.length <= CONNECTION_ID_MAX && re.test(s);
			assert.equal(isValidConnectionId(s), bySchema, JSON.stringify(s));
			assert.equal(idRuleViolation(s) === undefined, bySchema, JSON.stringify(s));
		}), { numRuns: 2000 });
	});

	it('is the only connection-ID rule in src/ (a second copy of the pattern fails this test)', () => {
		const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
			.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
		const home = path.join('src', 'core', 'model', 'connectionId.ts');
		const copies = walk('src').filter((f) => path.normalize(f) !== home && !f.includes(`${path.sep}generated${path.sep}`))
			.filter((f) => /\[ \._-\]\{2\}|\(\?!\.\*\[ \._-\]/.test(fs.readFileSync(f, 'utf8')));
		assert.deepEqual(copies, []);
	});
});
