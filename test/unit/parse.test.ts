import assert from 'node:assert/strict';
import { parseConnectionsText } from '../../src/core/json/parse';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { decodeUtf8 } from '../../src/core/text/text';
import { messageFor } from '../../src/core/findings/messages';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, fixture, problemsOf } from './helpers';

const codes = (text: string) => problemsOf(text).map((p) => p.code);
/** `offset+length message` of each finding: where it points and what the user reads. */
const shown = (text: string) => problemsOf(text).map((p) => `${p.offset}+${p.length} ${messageFor(p.code, p.args)}`);
const FIX_SYNTAX = 'Fix the syntax first: nothing else in this file is checked or edited until it parses.';

describe('parse: bad input gives findings, never exceptions', () => {
	for (const [name, text] of [['empty', ''], ['whitespace', '  \n\t'], ['comment only', '// nothing\n']] as const) {
		it(`${name} file`, () => {
			assert.deepEqual(codes(text), ['syntax-error']);
		});
	}

	it('unclosed object: syntax errors with ranges, nothing else checked', () => {
		const text = fixture('unclosed.json');
		assert.deepEqual(codes(text), ['syntax-error', 'syntax-error', 'syntax-error', 'syntax-error']);
		// Each open brace and bracket is reported at the end of the text, innermost first.
		assert.deepEqual(shown(text), ['}', ']', '}', '}'].map((c) => `${text.length}+0 A closing ${c === '}' ? 'brace' : 'bracket'} "${c}" is expected. ${FIX_SYNTAX}`));
		assert.equal(new ConnectionsProject(fixture('unclosed.json')).parsed.hasSyntaxErrors, true);
	});

	it('double comma, trailing garbage and two roots are syntax errors; a trailing comma is allowed', () => {
		const cases: [string, string[]][] = [
			['{"version":1,,"organization":{}}', [`13+1 A property name in double quotes is expected. ${FIX_SYNTAX}`, `13+1 A value is expected. ${FIX_SYNTAX}`]],
			['{"version":1} x', [`14+1 Unexpected character. ${FIX_SYNTAX}`]],
			['{"version":1}{}', [`13+1 Unexpected content after the end of the document. ${FIX_SYNTAX}`]],
		];
		for (const [text, expected] of cases) {
			assert.deepEqual(codes(text), expected.map(() => 'syntax-error'), text);
			assert.deepEqual(shown(text), expected, text);
		}
		assert.deepEqual(codes('{"version":1,}'), []);
	});

	it('a root that is not an object is a schema finding', () => {
		for (const text of ['null', '[]', '"x"', '42']) {
			assert.deepEqual(codes(text), ['schema-type'], text);
		}
	});

	it('BOM and CRLF: offsets match the text as given', () => {
		const text = fixture('bom-crlf.json');
		assert.equal(text.charCodeAt(0), 0xfeff);
		const parsed = parseConnectionsText(text);
		assert.equal(parsed.hasSyntaxErrors, false);
		assert.equal(parsed.model.organization?.id?.value, 'acme');
		const span = parsed.model.organization!.id!.span;
		assert.equal(text.slice(span.offset, span.offset + span.length), '"acme"');
	});

	it('comments and tabs are fine', () => {
		const parsed = parseConnectionsText(fixture('tabs.json'));
		assert.equal(parsed.hasSyntaxErrors, false);
		assert.equal(parsed.model.project?.connections[0].id, 'payments');
	});

	it('__proto__, constructor and prototype keys are findings and never reach the value or model', () => {
		const text = fixture('proto.json');
		const parsed = parseConnectionsText(text);
		assert.deepEqual(parsed.problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]), [
			['forbidden-key', '"__proto__"'], ['forbidden-key', '"constructor"'], ['forbidden-key', '"prototype"'],
		]);
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
		const value = parsed.value as Record<string, unknown>;
		assert.equal(Object.getPrototypeOf(value), null);
		assert.equal(Object.prototype.hasOwnProperty.call(value, '__proto__'), false);
		assert.deepEqual(parsed.model.allConnections[0].parameters, []);
	});

	it('duplicate keys are reported on both keys and make the path ambiguous for edits', () => {
		const text = fixture('duplicate-keys.json');
		const parsed = parseConnectionsText(text);
		assert.deepEqual(parsed.problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]), [
			['duplicate-key', '"version"'], ['duplicate-key', '"version"'], ['duplicate-key', '"id"'], ['duplicate-key', '"id"'],
		]);
		assert.ok(parsed.ambiguousPaths.has('/organization/connections/0/id'));
		assert.equal(parsed.model.allConnections[0].id, 'bbb', 'the last key wins, as in JSON.parse');
	});

	it('10,000-deep nesting is a too-deep finding, not a RangeError', () => {
		const text = '['.repeat(10000) + ']'.repeat(10000);
		assert.deepEqual(codes(text), ['too-deep']);
		assert.deepEqual(codes('{"a":' + '['.repeat(64) + ']'.repeat(64) + '}'), ['too-deep']);
	});

	it('a file over the size limit is one finding', () => {
		const text = ' '.repeat(20 * 1024 * 1024) + '{}';
		const parsed = parseConnectionsText(text);
		assert.deepEqual(parsed.problems.map((p) => p.code), ['file-too-large']);
		assert.equal(parsed.guarded, true);
	});

	it('numbers, lone surrogates and control characters do not throw', () => {
		for (const text of ['{"version":12345678901234567890}', '{"version":1e400}', '{"version":-0}', '{"version":0x10}', '{"version":NaN}',
			'{"version":1,"organization":{"id":"\\ud800"}}', '{"version":1,"organization":{"id":"a\u0000b"}}', '{"version":1,"organization":{"id":"\\u00"}}']) {
			assert.doesNotThrow(() => problemsOf(text), text);
		}
	});

	it('wrong types and schema violations are findings with the right ranges', () => {
		const text = '{"version":1,"organization":{"id":"acme","connections":{}},"project":{"id":"p","connections":[{"id":null,"kind":"queue"}]}}';
		const problems = problemsOf(text);
		const shown = problems.map((p) => `${p.code}@${text.slice(p.offset, p.offset + p.length)}`);
		assert.deepEqual(shown, ['schema-type@{}', 'schema-type@null', 'schema-enum@"queue"']);
	});

	it('an unknown property names the property and suggests the right one', () => {
		const text = '{"version":1,"organization":{"id":"acme","conections":[]}}';
		const [p] = problemsOf(text);
		assert.equal(p.code, 'schema-unknown-property');
		assert.equal(text.slice(p.offset, p.offset + p.length), '"conections"');
		assert.equal(p.args.hint, ' Did you mean "connections"?');
		assert.deepEqual(p.intent, { code: 'schema-unknown-property', objectPath: ['organization'], property: 'conections', candidates: ['connections'] });
	});

	it('UTF-16 and Latin-1 bytes are refused with a clear message', () => {
		const utf16 = decodeUtf8(fs.readFileSync(path.join(FIXTURES, 'utf16.json')));
		const latin1 = decodeUtf8(fs.readFileSync(path.join(FIXTURES, 'latin1.json')));
		assert.deepEqual(utf16, { error: 'it is encoded as UTF-16; save it as UTF-8' });
		assert.deepEqual(latin1, { error: 'it is not valid UTF-8 (perhaps Latin-1); save it as UTF-8' });
	});
});
