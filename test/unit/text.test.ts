import assert from 'node:assert/strict';
import { LineIndex, isExcludedPath } from '../../src/core/text/text';

describe('line index', () => {
	it('maps offsets with LF, CRLF and CR', () => {
		const idx = new LineIndex('a\nbb\r\nccc\rd');
		assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
		assert.deepEqual(idx.positionAt(3), { line: 1, character: 1 });
		assert.deepEqual(idx.positionAt(6), { line: 2, character: 0 });
		assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
		assert.equal(idx.offsetAt(2, 1), 7);
	});
	it('clamps offsets and positions to the text', () => {
		const idx = new LineIndex('ab\ncd');
		assert.deepEqual(idx.positionAt(-4), { line: 0, character: 0 });
		assert.deepEqual(idx.positionAt(99), { line: 1, character: 2 });
		assert.equal(idx.offsetAt(7, 0), 5);
		assert.equal(idx.offsetAt(0, 99), 5);
	});
});

describe('excluded folders', () => {
	it('skips dependency and build folders at any depth, not files named like them', () => {
		assert.equal(isExcludedPath('node_modules/x/index.js'), true);
		assert.equal(isExcludedPath('services/orders/dist/main.js'), true);
		assert.equal(isExcludedPath('services/orders/src/dist.ts'), false);
		assert.equal(isExcludedPath('services/orders/src/index.ts'), false);
	});
});
