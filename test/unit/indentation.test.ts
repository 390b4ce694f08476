// The one layout sniffer (src/core/text/indentation.ts): line ends, indentation unit, a line's indentation.
import assert from 'node:assert/strict';
import { detectFormatting, eolOf, indentAt, indentUnit, indentationOf, lineStart } from '../../src/core/text/indentation';

describe('indentation', () => {
	it('line ends follow the first line break', () => {
		assert.equal(eolOf('{\r\n  "a": 1\r\n}'), '\r\n');
		assert.equal(eolOf('{\n  "a": 1\r\n}'), '\n');
		assert.equal(eolOf('{}'), '\n');
		assert.equal(eolOf('\r\n'), '\r\n');
	});

	it('the indentation unit follows the first indented line: tabs, or 1 to 8 spaces; 2 spaces by default', () => {
		assert.deepEqual(indentationOf('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4 });
		assert.deepEqual(indentationOf('{\n    "a": 1\n}'), { insertSpaces: true, tabSize: 4 });
		assert.deepEqual(indentationOf('{\n            "a": 1\n}'), { insertSpaces: true, tabSize: 8 });
		assert.deepEqual(indentationOf('{}'), { insertSpaces: true, tabSize: 2 });
		assert.deepEqual(detectFormatting('{\r\n   "a": 1\r\n}'), { insertSpaces: true, tabSize: 3, eol: '\r\n' });
		assert.equal(indentUnit({ insertSpaces: false, tabSize: 4 }), '\t');
		assert.equal(indentUnit({ insertSpaces: true, tabSize: 3 }), '   ');
	});

	it('a line\'s indentation and start, whatever its line end', () => {
		const text = '{\r\n\t  "a": [\n    1\r]\n}';
		assert.equal(indentAt(text, text.indexOf('"a"')), '\t  ');
		assert.equal(indentAt(text, text.indexOf('1')), '    ');
		assert.equal(indentAt(text, 0), '');
		assert.equal(lineStart(text, text.indexOf(']')), text.indexOf(']'));
	});
});
