import assert from 'node:assert/strict';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const contribution = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'connection-reference.injection');
const grammar = JSON.parse(fs.readFileSync(contribution.path, 'utf8'));

describe('connection reference injection grammar', () => {
	it('is contributed for the string scopes of the supported languages', () => {
		assert.equal(grammar.scopeName, contribution.scopeName);
		assert.deepEqual([...contribution.injectTo].sort(), ['source.ballerina', 'source.cs', 'source.go', 'source.java', 'source.js', 'source.js.jsx', 'source.php', 'source.python', 'source.ruby',
			'source.ts', 'source.tsx', 'text.html.php']);
		// Strings only, never comments (conservative: no highlighting of arbitrary identifiers).
		assert.equal(grammar.injectionSelector, 'L:string -comment');
		assert.equal(grammar.patterns.length, 1);
		assert.equal(grammar.patterns[0].name, 'variable.other.constant.connection-reference');
	});

	it('marks whole CHOREO_ variable names only', () => {
		// The pattern uses only syntax that Oniguruma and JavaScript read alike.
		const re = new RegExp(grammar.patterns[0].match, 'g');
		const hits = (s: string) => [...s.matchAll(re)].map((m) => m[0]);
		assert.deepEqual(hits('CHOREO_PAYMENTS_SERVICEURL'), ['CHOREO_PAYMENTS_SERVICEURL']);
		assert.deepEqual(hits('${CHOREO_A_B}/x and CHOREO_C_D'), ['CHOREO_A_B', 'CHOREO_C_D']);
		assert.deepEqual(hits('MY_CHOREO_A_B CHOREO_a_b CHOREO_A_Bc $CHOREO_A choreo_a_b CHOREO_'), []);
	});
});
