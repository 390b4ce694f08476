import assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../src/core/text/didYouMean';
import { MESSAGES, messageFor } from '../../src/core/findings/messages';
import { normaliseName, variableName, variablePrefix } from '../../src/core/model/naming';
import { PROBLEM_CODES } from '../../src/core/findings/problems';
import { parseTarget } from '../../src/core/model/resourceRef';
import { LineIndex } from '../../src/core/text/text';

describe('naming', () => {
	it('follows the platform: upper case, each run of non-alphanumerics to _', () => {
		assert.equal(variableName('hr-connection', 'ServiceURL'), 'CHOREO_HR_CONNECTION_SERVICEURL');
		assert.equal(variablePrefix('Book Listing  Connection'), 'CHOREO_BOOK_LISTING_CONNECTION_');
		assert.equal(normaliseName('a.-_b'), 'A_B');
	});
});

describe('resource references', () => {
	const ok = (kind: 'service' | 'third-party' | 'database', t: string) => parseTarget(kind, t).ok;
	it('accepts each kind\'s grammar', () => {
		assert.ok(ok('service', 'service:/shop/payments/v1/api/ORGANIZATION'));
		assert.ok(ok('third-party', 'thirdparty:twilio/v2.1'));
		assert.ok(ok('database', 'database:pg-main/orders'));
		assert.ok(ok('database', 'database:orders'));
	});
	it('rejects with a reason', () => {
		for (const [kind, t] of [['service', 'service:/shop/payments/v1/api'], ['service', 'service:/shop/payments/1/api/PUBLIC'], ['service', 'service:/s/p/v1/e/INTERNAL'],
			['third-party', 'thirdparty:twilio'], ['database', 'database:a/b/c'], ['database', 'thirdparty:x/v1']] as const) {
			const r = parseTarget(kind, t);
			assert.ok(!r.ok && r.reason.length > 10, t);
		}
	});
});

describe('did you mean', () => {
	it('ranks by edit distance and ignores far words', () => {
		assert.equal(editDistance('payment', 'payments'), 1);
		assert.deepEqual(didYouMean('payment', ['payments', 'catalog', 'pay']), ['payments']);
		assert.deepEqual(didYouMean('Hostname', ['HostName', 'Port']), ['HostName']);
		assert.deepEqual(didYouMean('zzz', ['payments']), []);
	});
});

describe('messages', () => {
	it('every code has a message and a severity; placeholders are filled', () => {
		assert.deepEqual(Object.keys(MESSAGES).sort(), Object.keys(PROBLEM_CODES).sort());
		assert.equal(messageFor('duplicate-use', { id: 'x' }), '"x" is listed more than once in "uses". Remove the duplicate.');
	});
	it('docs/rules.md documents every code', () => {
		const doc = require('node:fs').readFileSync('docs/rules.md', 'utf8') as string;
		for (const code of Object.keys(PROBLEM_CODES)) {
			assert.ok(doc.includes(`### ${code}`) || doc.includes(`\`${code}\``) || new RegExp(`### [a-z-]*, ${code}`).test(doc), `docs/rules.md lacks ${code}`);
		}
	});
});

describe('line index', () => {
	it('maps offsets with LF, CRLF and CR', () => {
		const idx = new LineIndex('a\nbb\r\nccc\rd');
		assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
		assert.deepEqual(idx.positionAt(3), { line: 1, character: 1 });
		assert.deepEqual(idx.positionAt(6), { line: 2, character: 0 });
		assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
		assert.equal(idx.offsetAt(2, 1), 7);
	});
});
