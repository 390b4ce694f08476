import assert from 'node:assert/strict';
import { didYouMean, editDistance, suggestionText } from '../../src/core/text/didYouMean';

describe('did you mean', () => {
	it('ranks by edit distance and ignores far words', () => {
		assert.equal(editDistance('payment', 'payments'), 1);
		assert.deepEqual(didYouMean('payment', ['payments', 'catalog', 'pay']), ['payments']);
		assert.deepEqual(didYouMean('Hostname', ['HostName', 'Port']), ['HostName']);
		assert.deepEqual(didYouMean('zzz', ['payments']), []);
	});
	it('gives up past the limit and orders ties by name', () => {
		assert.equal(editDistance('abc', 'xyz'), 3);
		assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
		assert.deepEqual(didYouMean('cart', ['dart', 'care', 'cart']), ['care', 'dart']);
	});
	it('words the suggestion for messages', () => {
		assert.equal(suggestionText(['payments', 'pay']), ' Did you mean "payments"?');
		assert.equal(suggestionText([]), '');
	});
});
