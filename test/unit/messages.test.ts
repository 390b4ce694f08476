import assert from 'node:assert/strict';
import fs from 'node:fs';
import { MESSAGES, formatMessage, messageFor } from '../../src/core/findings/messages';
import { PROBLEM_CODES } from '../../src/core/findings/problems';

describe('messages', () => {
	it('every code has a message and a severity; placeholders are filled', () => {
		assert.deepEqual(Object.keys(MESSAGES).sort(), Object.keys(PROBLEM_CODES).sort());
		assert.equal(messageFor('duplicate-use', { id: 'x' }), '"x" is listed more than once in "uses". Remove the duplicate.');
	});
	it('leaves a placeholder without an argument as written', () => {
		assert.equal(formatMessage('{a} and {b}', { a: 1 }), '1 and {b}');
		assert.equal(formatMessage('{constructor}', {}), '{constructor}');
	});
	it('docs/rules.md documents every code', () => {
		const doc = fs.readFileSync('docs/rules.md', 'utf8');
		for (const code of Object.keys(PROBLEM_CODES)) {
			assert.ok(doc.includes(`### ${code}`) || doc.includes(`\`${code}\``) || new RegExp(`### [a-z-]*, ${code}`).test(doc), `docs/rules.md lacks ${code}`);
		}
	});
});
