import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked } from 'marked';
import { escapeMarkdown, truncate } from '../../src/core/text/markdown';

describe('text/markdown', () => {
	it('escapes every Markdown punctuation', () => {
		assert.equal(escapeMarkdown('a`b*c_d'), 'a\\`b\\*c\\_d');
	});

	it('escaped workspace text: whatever it is, Markdown shows exactly it, with no markup', () => {
		fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'ab [](){}<>!*_`#|\\&;:/.-+~="\'\n\t 1'.split('')), maxLength: 60 }), (s) => {
			const md = escapeMarkdown(s);
			const html = marked.parseInline(md, { async: false });
			assert.doesNotMatch(html, /<(?!br)[a-z]/i);
			const shown = html.replace(/<br>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
			assert.equal(shown, s.replace(/[\r\n\t]+/g, ' '));
		}), { numRuns: 300 });
	});

	it('truncates without splitting a surrogate pair', () => {
		const long = 'x'.repeat(58) + '😀😀';
		const t = truncate(long, 60);
		assert.ok(t.length <= 60 && t.endsWith('…'));
		assert.ok(!/[\ud800-\udbff]…$/.test(t));
		assert.equal(truncate('a\nb', 10), 'a b');
	});
});
