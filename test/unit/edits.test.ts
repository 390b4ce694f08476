// Safe edits of connections.json (docs/reliability.md E1, E2, E3, E6): random documents with random
// comments, indentation, line ends and BOM; every edit keeps the bytes it does not mean to
// change, keeps every comment it does not remove, and leaves a file that parses.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { addConnection, addUse, deleteConnection, moveConnection, removeUse, type ScopeTarget } from '../../src/core/edits/connectionEdits';
import { insertArrayItem, insertRawArrayItem, removeValue, replaceSpan, setValue, type EditResult } from '../../src/core/edits/edits';
import { detectFormatting, type FormattingOptions } from '../../src/core/text/indentation';
import { applyTextEdits } from '../../src/core/text/textEdit';
import type { Connection } from '../../src/core/model/model';
import { parseConnectionsText, type ParsedConnectionsFile } from '../../src/core/json/parse';
import fs from 'node:fs';
import path from 'node:path';

const fixture = (name: string) => fs.readFileSync(path.resolve('test/unit/fixtures', name), 'utf8');

// ---- generated documents ----------------------------------------------------------------

interface Layout {
	readonly indent: '  ' | '    ' | '\t';
	readonly eol: '\n' | '\r\n';
	readonly bom: boolean;
	readonly finalEol: boolean;
}

/** Number literals that must survive byte for byte (JSON.parse would change them). */
const RAW_NUMBERS = ['1.0', '1e2', '12345678901234567890', '-0', '5432'];

const idArb = fc.constantFrom('payments', 'shared-db', 'orders db', 'hr.conn', 'cache', 'stripe', 'twilio-sms', 'billing');
const valueArb = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.constantFrom(...RAW_NUMBERS).map((n) => `\u0000num:${n}`),
	fc.boolean(),
	fc.constant({ secret: true }),
	fc.dictionary(fc.constantFrom('development', 'production'), fc.string({ maxLength: 8 }), { minKeys: 1 }),
);
const connectionArb = (id: string) => fc.record({
	id: fc.constant(id),
	name: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
	kind: fc.constantFrom('service', 'database', 'third-party'),
	parameters: fc.option(fc.dictionary(fc.constantFrom('ServiceURL', 'HostName', 'Port', 'Password', 'Region'), valueArb), { nil: undefined }),
}, { requiredKeys: ['id', 'kind'] });
const connectionsArb = fc.uniqueArray(idArb, { maxLength: 3 }).chain((ids) => fc.tuple(...ids.map(connectionArb)));
const componentArb = (id: string) => fc.record({
	id: fc.constant(id),
	path: fc.constantFrom('services/orders', 'services/inventory', '.'),
	uses: fc.option(fc.uniqueArray(idArb, { maxLength: 3 }), { nil: undefined }),
	connections: fc.option(connectionsArb, { nil: undefined }),
}, { requiredKeys: ['id'] });
const modelArb = fc.record({
	org: fc.option(connectionsArb, { nil: undefined }),
	project: fc.option(connectionsArb, { nil: undefined }),
	components: fc.uniqueArray(fc.constantFrom('orders-api', 'inventory', 'shipping'), { maxLength: 3 }).chain((ids) => fc.tuple(...ids.map(componentArb))),
});
const layoutArb: fc.Arbitrary<Layout> = fc.record({
	indent: fc.constantFrom('  ' as const, '    ' as const, '\t' as const),
	eol: fc.constantFrom('\n' as const, '\r\n' as const),
	bom: fc.boolean(),
	finalEol: fc.boolean(),
});
/** Comment text that is hostile to naive parsers: quotes, slashes, brackets, commas. */
const commentBodyArb = fc.array(fc.constantFrom('note', '"', "'", 'http://x.io/a', '{', '}', '[', ']', ',', ':', ' ', 'é', '😀', '\t', '*', '/'), { maxLength: 5 }).map((a) => a.join('').replace(/\*\//g, '* /'));

interface GeneratedDoc {
	readonly text: string;
	readonly layout: Layout;
	/** Every comment in the text; each is unique (it carries its number). */
	readonly comments: readonly string[];
}

const docArb: fc.Arbitrary<GeneratedDoc> = fc.tuple(modelArb, layoutArb, fc.array(fc.tuple(fc.nat(3), commentBodyArb), { minLength: 40, maxLength: 40 })).map(([m, layout, commentPlan]) => {
	const value = {
		version: 1,
		...(m.org ? { organization: { id: 'acme', connections: m.org } } : {}),
		project: { id: 'shop', ...(m.project ? { connections: m.project } : {}), components: m.components },
	};
	const json = JSON.stringify(value, null, layout.indent).replace(/"\\u0000num:([^"]+)"/g, '$1');
	const comments: string[] = [];
	const lines = json.split('\n').flatMap((line, i) => {
		const [where, body] = commentPlan[i % commentPlan.length];
		const c = (kind: 'line' | 'block') => {
			const n = comments.length;
			const text = kind === 'line' ? `// c${n}#${body}` : `/* c${n}#${body} */`;
			comments.push(text);
			return text;
		};
		if (i === 0 || where === 0) {
			return [line];
		}
		if (where === 1) {
			return [`${line} ${c('line')}`];
		}
		if (where === 2) {
			return [/^\s*/.exec(line)![0] + c('block'), line];
		}
		return [line.replace(/^(\s*)/, `$1${c('block')} `)];
	});
	const text = (layout.bom ? '\uFEFF' : '') + lines.join(layout.eol) + (layout.finalEol ? layout.eol : '');
	return { text, layout, comments };
});

const fmtOf = (l: Layout): FormattingOptions => ({ insertSpaces: l.indent !== '\t', tabSize: l.indent === '\t' ? 4 : l.indent.length, eol: l.eol });

// ---- random operations ------------------------------------------------------------------

interface Op {
	readonly name: string;
	run(parsed: ParsedConnectionsFile, fmt: FormattingOptions): EditResult;
	/** Spans whose text (and comments) the operation may remove. */
	removes(parsed: ParsedConnectionsFile): { offset: number; length: number }[];
	/** What must hold of the new document. */
	check(after: ParsedConnectionsFile, before: ParsedConnectionsFile): void;
}

const spanOfPath = (p: ParsedConnectionsFile, path: (string | number)[]): Node | undefined => findNodeAtLocation(p.root!, path);

function pickOps(p: ParsedConnectionsFile, pick: number[], newId: string): Op[] {
	const model = p.model;
	const conns = model.allConnections;
	const comps = model.components;
	const ops: Op[] = [];
	const at = <T>(list: readonly T[], k: number): T | undefined => list.length ? list[pick[k] % list.length] : undefined;
	const c = at(conns, 0);
	if (c) {
		ops.push({
			name: `set name of ${c.id}`,
			run: (q, fmt) => setValue(q, [...c.path, 'name'], 'Renamed "x" // not a comment', fmt),
			removes: () => [],
			check: (a) => assert.equal(spanOfPath(a, [...c.path, 'name'])?.value, 'Renamed "x" // not a comment'),
		});
		ops.push({
			name: `set parameter of ${c.id}`,
			run: (q, fmt) => setValue(q, [...c.path, 'parameters', 'Password'], { secret: true }, fmt),
			removes: (q) => {
				const n = spanOfPath(q, [...c.path, 'parameters', 'Password']);
				return n ? [{ offset: n.offset, length: n.length }] : [];
			},
			check: (a) => assert.equal(spanOfPath(a, [...c.path, 'parameters', 'Password', 'secret'])?.value, true),
		});
		const param = at(c.parameters, 1);
		if (param) {
			ops.push({
				name: `remove parameter ${param.key} of ${c.id}`,
				run: (q, fmt) => removeValue(q, param.path as (string | number)[], fmt),
				removes: (q) => {
					const params = spanOfPath(q, [...c.path, 'parameters'])!;
					return [{ offset: params.offset, length: params.length }];
				},
				check: (a) => assert.equal(spanOfPath(a, param.path as (string | number)[]), undefined),
			});
		}
		ops.push({
			name: `delete ${c.id}`,
			run: (q, fmt) => deleteConnection(q, c, fmt),
			removes: (q) => {
				const arr = spanOfPath(q, c.path.slice(0, -1) as (string | number)[])!;
				const out = [{ offset: arr.offset, length: arr.length }];
				for (const comp of q.model.components) {
					if (comp.usesSpan) {
						out.push(comp.usesSpan);
					}
				}
				return out;
			},
			check: (a, b) => {
				assert.equal(a.model.allConnections.length, b.model.allConnections.length - 1);
				if (c.scope !== 'component') {
					assert.ok(a.model.components.every((comp) => !comp.uses.some((u) => u.id === c.id)));
				}
			},
		});
		const all: ScopeTarget[] = [{ scope: 'organization' }, { scope: 'project' }, ...comps.map((k) => ({ scope: 'component' as const, componentIndex: k.index }))];
		const targets = all.filter((t) => !(t.scope === c.scope && t.componentIndex === c.componentIndex));
		const to = at(targets, 2);
		if (to) {
			ops.push({
				name: `move ${c.id} to ${to.scope}${to.componentIndex ?? ''}`,
				run: (q, fmt) => moveConnection(q, c, to, fmt),
				removes: (q) => {
					const arr = spanOfPath(q, c.path.slice(0, -1) as (string | number)[])!;
					return [{ offset: arr.offset, length: arr.length }, ...q.model.components.flatMap((k) => k.usesSpan ? [k.usesSpan] : [])];
				},
				check: (a) => {
					const moved = a.model.allConnections.filter((x: Connection) => x.id === c.id && x.scope === to.scope && x.componentIndex === to.componentIndex);
					assert.ok(moved.length >= 1, 'the connection is at its new scope');
				},
			});
		}
	}
	const scope = at<ScopeTarget>([{ scope: 'organization' }, { scope: 'project' }, ...comps.map((k) => ({ scope: 'component' as const, componentIndex: k.index }))], 3)!;
	ops.push({
		name: `add ${newId} at ${scope.scope}${scope.componentIndex ?? ''}`,
		run: (q, fmt) => addConnection(q, scope, { id: newId, kind: 'database', parameters: { Port: 5432, Password: { secret: true } } }, fmt),
		removes: () => [],
		check: (a) => assert.ok(a.model.allConnections.some((x) => x.id === newId && x.scope === scope.scope && x.componentIndex === scope.componentIndex)),
	});
	const comp = at(comps, 4);
	if (comp) {
		ops.push({
			name: `add use ${newId} to ${comp.id}`,
			run: (q, fmt) => addUse(q, comp.index, newId, fmt),
			removes: () => [],
			check: (a) => assert.ok(a.model.components[comp.index].uses.some((u) => u.id === newId)),
		});
		const use = at(comp.uses, 5);
		if (use) {
			ops.push({
				name: `remove use ${use.id} of ${comp.id}`,
				run: (q, fmt) => removeUse(q, comp.index, use.index, fmt),
				removes: () => [comp.usesSpan!],
				check: (a) => assert.equal(a.model.components[comp.index].uses.length, comp.uses.length - 1),
			});
		}
		ops.push({
			name: `insert use ${newId} first in ${comp.id}`,
			run: (q, fmt) => insertArrayItem(q, [...comp.path, 'uses'], newId, fmt, 0),
			removes: () => [],
			check: (a) => assert.equal(a.model.components[comp.index].uses[0]?.id, newId),
		});
	}
	return ops;
}

function countOf(text: string, s: string): number {
	let n = 0;
	for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) {
		n++;
	}
	return n;
}

const inside = (offset: number, spans: { offset: number; length: number }[]) => spans.some((s) => offset >= s.offset && offset < s.offset + s.length);

function assertSafeEdit(doc: GeneratedDoc, op: Op, parsed: ParsedConnectionsFile, result: EditResult): void {
	assert.ok(result.ok, `${op.name}: refused (${!result.ok && result.reason})\n${doc.text}`);
	const edits = result.edits;
	const out = applyTextEdits(doc.text, edits);
	const first = Math.min(...edits.map((e) => e.offset));
	const last = Math.max(...edits.map((e) => e.offset + e.length));
	// E1: bytes before the first edit and after the last one are identical.
	assert.equal(out.slice(0, first), doc.text.slice(0, first), op.name);
	assert.equal(out.slice(out.length - (doc.text.length - last)), doc.text.slice(last), op.name);
	// The result parses with no error, and the change happened.
	const after = parseConnectionsText(out);
	assert.equal(after.hasSyntaxErrors, false, `${op.name}: result does not parse\n${out}`);
	op.check(after, parsed);
	// Comments: each one outside what the operation removes is still there exactly once.
	const removed = op.removes(parsed);
	for (const c of doc.comments) {
		const at = doc.text.indexOf(c);
		if (!inside(at, removed)) {
			assert.equal(countOf(out, c), 1, `${op.name}: lost or duplicated comment ${c}\n--- before\n${doc.text}\n--- after\n${out}`);
		}
	}
	// BOM kept, no mixed line ends, indentation in the file's style.
	assert.equal(out.charCodeAt(0) === 0xfeff, doc.layout.bom, `${op.name}: BOM`);
	if (doc.layout.eol === '\n') {
		assert.ok(!out.includes('\r'), `${op.name}: CR in an LF file`);
	} else {
		assert.ok(!/[^\r]\n/.test(out), `${op.name}: bare LF in a CRLF file\n${JSON.stringify(out)}`);
	}
	const changed = out.slice(first, out.length - (doc.text.length - last));
	for (const line of changed.split(/\r?\n/).slice(1)) {
		const indent = /^[ \t]*/.exec(line)![0];
		if (doc.layout.indent === '\t') {
			assert.ok(!indent.includes(' '), `${op.name}: spaces in a tab-indented file: ${JSON.stringify(line)}`);
		} else {
			assert.ok(!indent.includes('\t') && indent.length % doc.layout.indent.length === 0, `${op.name}: indentation ${JSON.stringify(indent)} in a ${doc.layout.indent.length}-space file`);
		}
	}
	// Every raw number literal outside removed spans survives.
	for (const n of RAW_NUMBERS) {
		const kept = [...doc.text.matchAll(new RegExp(`: ${n.replace(/[.+-]/g, '\\$&')}[,\\s]`, 'g'))].filter((m) => !inside(m.index! + 2, removed)).length;
		assert.ok(countOf(out, `: ${n}`) >= kept, `${op.name}: number literal ${n} changed`);
	}
}

describe('edits: properties (docs/reliability.md E1, E2)', () => {
	it('random documents and random edits: bytes outside the edit, comments, BOM, line ends and indentation are kept; the result parses', () => {
		fc.assert(fc.property(docArb, fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), fc.nat(), (doc, pick, which) => {
			const parsed = parseConnectionsText(doc.text);
			assert.equal(parsed.hasSyntaxErrors, false, doc.text);
			const ops = pickOps(parsed, pick, 'new-db');
			const op = ops[which % ops.length];
			assertSafeEdit(doc, op, parsed, op.run(parsed, fmtOf(doc.layout)));
		}), { numRuns: 1500 });
	}).timeout(120_000);

	it('two edits one after another on the evolving text stay safe', () => {
		fc.assert(fc.property(docArb, fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), fc.nat(), fc.nat(), (doc, pick, w1, w2) => {
			const p1 = parseConnectionsText(doc.text);
			const ops1 = pickOps(p1, pick, 'new-one');
			const r1 = ops1[w1 % ops1.length].run(p1, fmtOf(doc.layout));
			assert.ok(r1.ok);
			const mid = { ...doc, text: applyTextEdits(doc.text, r1.edits) };
			const p2 = parseConnectionsText(mid.text);
			const ops2 = pickOps(p2, pick.map((n) => n + 1), 'new-two');
			const op = ops2[w2 % ops2.length];
			const r2 = op.run(p2, fmtOf(doc.layout));
			if (!r2.ok) {
				// Only a duplicated ID (the first edit may have moved one next to its twin) is a reason to refuse.
				assert.equal(r2.reason, 'ambiguous', `${op.name}: refused`);
				return;
			}
			const out = applyTextEdits(mid.text, r2.edits);
			assert.equal(parseConnectionsText(out).hasSyntaxErrors, false, out);
		}), { numRuns: 500 });
	}).timeout(120_000);
});

// ---- exact texts ------------------------------------------------------------------------

const fmt2: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

function edit(text: string, run: (p: ParsedConnectionsFile, fmt: FormattingOptions) => EditResult, fmt = detectFormatting(text)): string {
	const r = run(parseConnectionsText(text), fmt);
	assert.ok(r.ok, !r.ok ? r.message : '');
	return applyTextEdits(text, r.edits);
}

describe('edits: exact results', () => {
	it('appending after a last property with a trailing line comment keeps the comment on its line (jsonc-parser #125)', () => {
		const text = fixture('tabs.json');
		const out = edit(text, (p, f) => addConnection(p, { scope: 'project' }, { id: 'orders-db', kind: 'database' }, f));
		assert.equal(out, text.replace('{ "id": "payments", "kind": "service" } // trailing comment',
			'{ "id": "payments", "kind": "service" }, // trailing comment\n\t\t\t{\n\t\t\t\t"id": "orders-db",\n\t\t\t\t"kind": "database"\n\t\t\t}'));
	});

	it('the same with a block comment and with a property value', () => {
		const text = '{\n  "version": 1, /* v */\n  "project": { "id": "shop" } /* last */\n}\n';
		assert.equal(edit(text, (p, f) => setValue(p, ['environments'], ['dev'], f)),
			'{\n  "version": 1, /* v */\n  "project": { "id": "shop" }, /* last */\n  "environments": ["dev"]\n}\n');
	});

	it('a compact neighbour on the edited line is not re-formatted', () => {
		const text = '{\n  "version": 1,\n  "project": { "id": "shop", "components": [{ "id": "a", "uses": ["x"] }] }\n}';
		assert.equal(edit(text, (p, f) => addUse(p, 0, 'y', f)),
			'{\n  "version": 1,\n  "project": { "id": "shop", "components": [{ "id": "a", "uses": ["x", "y"] }] }\n}');
		const compact = '{"version":1,"project":{"id":"shop","components":[{"id":"a","uses":["x","y"]}]}}';
		assert.equal(edit(compact, (p, f) => removeUse(p, 0, 1, f), fmt2), '{"version":1,"project":{"id":"shop","components":[{"id":"a","uses":["x"]}]}}');
		assert.equal(edit(compact, (p, f) => removeUse(p, 0, 0, f), fmt2), '{"version":1,"project":{"id":"shop","components":[{"id":"a","uses":["y"]}]}}');
		assert.equal(edit(compact, (p, f) => addUse(p, 0, 'z', f), fmt2), '{"version":1,"project":{"id":"shop","components":[{"id":"a","uses":["x","y","z"]}]}}');
	});

	it('removing the last element keeps the comment of the one before it', () => {
		const text = '{\n  "version": 1,\n  "project": {\n    "id": "shop",\n    "components": [\n      {\n        "id": "a",\n        "uses": [\n          "x", // keep me\n          "y" // goes\n        ]\n      }\n    ]\n  }\n}\n';
		assert.equal(edit(text, (p, f) => removeUse(p, 0, 1, f)), text.replace('"x", // keep me\n          "y" // goes\n', '"x" // keep me\n'));
		assert.equal(edit(text, (p, f) => removeUse(p, 0, 0, f)), text.replace('          "x", // keep me\n', ''));
	});

	it('removing the only element leaves an empty container', () => {
		const text = '{\n  "version": 1,\n  "project": {\n    "id": "shop",\n    "components": [\n      {\n        "id": "a",\n        "uses": [\n          "x"\n        ]\n      }\n    ]\n  }\n}\n';
		assert.equal(edit(text, (p, f) => removeUse(p, 0, 0, f)), text.replace('[\n          "x"\n        ]', '[]'));
	});

	it('creates missing containers with the file\'s indentation and line ends', () => {
		const crlf = '{\r\n    "version": 1,\r\n    "project": {\r\n        "id": "shop",\r\n        "components": [\r\n            { "id": "a" }\r\n        ]\r\n    }\r\n}\r\n';
		assert.equal(edit(crlf, (p, f) => addConnection(p, { scope: 'organization' }, { id: 'shared-db', kind: 'database' }, f)),
			crlf.replace('    }\r\n}', '    },\r\n    "organization": {\r\n        "connections": [\r\n            {\r\n                "id": "shared-db",\r\n                "kind": "database"\r\n            }\r\n        ]\r\n    }\r\n}'));
		assert.equal(edit(crlf, (p, f) => addUse(p, 0, 'x', f)), crlf.replace('{ "id": "a" }', '{ "id": "a", "uses": ["x"] }'));
	});

	it('keeps a BOM and number literals byte for byte', () => {
		const text = '\uFEFF{\n  "version": 1.0,\n  "organization": { "connections": [{ "id": "db", "kind": "database", "parameters": { "Port": 12345678901234567890 } }] }\n}';
		const out = edit(text, (p, f) => setValue(p, ['organization', 'connections', 0, 'name'], 'DB', f));
		assert.equal(out, text.replace('"parameters": { "Port": 12345678901234567890 } }', '"parameters": { "Port": 12345678901234567890 }, "name": "DB" }'));
	});

	it('inserting raw text re-indents it and keeps its comments', () => {
		const text = '{\n  "version": 1,\n  "project": {\n    "connections": []\n  }\n}';
		const raw = '{\n          "id": "x", // why\n          "kind": "database"\n        }';
		assert.equal(edit(text, (p, f) => insertRawArrayItem(p, ['project', 'connections'], raw, f)),
			'{\n  "version": 1,\n  "project": {\n    "connections": [\n      {\n        "id": "x", // why\n        "kind": "database"\n      }\n    ]\n  }\n}');
	});

	it('moving a connection keeps its comments and adds the ID to the owner\'s uses', () => {
		const text = [
			'{',
			'  "version": 1,',
			'  "project": {',
			'    "id": "shop",',
			'    "connections": [],',
			'    "components": [',
			'      {',
			'        "id": "a",',
			'        "uses": [],',
			'        "connections": [',
			'          {',
			'            "id": "cache", // the cache',
			'            "kind": "database"',
			'          }',
			'        ]',
			'      }',
			'    ]',
			'  }',
			'}',
		].join('\n');
		const p = parseConnectionsText(text);
		const out = edit(text, (q, f) => moveConnection(q, p.model.allConnections[0], { scope: 'project' }, f));
		assert.equal(out, [
			'{',
			'  "version": 1,',
			'  "project": {',
			'    "id": "shop",',
			'    "connections": [',
			'      {',
			'        "id": "cache", // the cache',
			'        "kind": "database"',
			'      }',
			'    ],',
			'    "components": [',
			'      {',
			'        "id": "a",',
			'        "uses": ["cache"],',
			'        "connections": []',
			'      }',
			'    ]',
			'  }',
			'}',
		].join('\n'));
	});
});

// ---- refusals ---------------------------------------------------------------------------

const MALFORMED = [
	'', '   \n', '// nothing', '{"version":1', '{"version": 1, "project": {"components": [{"id": "a"', '{"version":1,,"project":{}}',
	'{"version":1} x', '{"version":1}{}', 'null', '[]', '"x"', '42', '{"version": 1, /* unterminated', '{"version": 0x10}',
	'{"a": "\u0000"}', '{"project": {"connections": [1,2}}',
];

function allOps(p: ParsedConnectionsFile, fmt: FormattingOptions): EditResult[] {
	return [
		setValue(p, ['version'], 2, fmt),
		setValue(p, ['project', 'id'], 'x', fmt),
		removeValue(p, ['version'], fmt),
		insertArrayItem(p, ['project', 'connections'], { id: 'x', kind: 'database' }, fmt),
		insertRawArrayItem(p, ['project', 'connections'], '{"id":"x"}', fmt),
		replaceSpan(p, { offset: 0, length: 0 }, ' '),
		addConnection(p, { scope: 'project' }, { id: 'x', kind: 'database' }, fmt),
		addConnection(p, { scope: 'organization' }, { id: 'x', kind: 'database' }, fmt),
		addUse(p, 0, 'x', fmt),
	];
}

describe('edits: refusals (docs/reliability.md E3, E6)', () => {
	for (const text of [...MALFORMED, fixture('unclosed.json')]) {
		it(`malformed ${JSON.stringify(text.slice(0, 40))}: every edit is refused, no edit is produced`, () => {
			for (const r of allOps(parseConnectionsText(text), fmt2)) {
				assert.equal(r.ok, false);
				assert.ok(!('edits' in r));
			}
		});
	}

	it('any syntax error (random corruption of a valid document) refuses every edit', () => {
		fc.assert(fc.property(docArb, fc.nat(), fc.constantFrom('{', '[', ',,', '"', ':', '}}', '/*'), (doc, at, junk) => {
			const i = at % (doc.text.length + 1);
			const broken = doc.text.slice(0, i) + junk + doc.text.slice(i);
			const p = parseConnectionsText(broken);
			fc.pre(p.hasSyntaxErrors);
			for (const r of allOps(p, fmtOf(doc.layout))) {
				assert.equal(r.ok, false);
				assert.equal(!r.ok && r.reason, 'syntax-errors');
			}
		}), { numRuns: 400 });
	}).timeout(120_000);

	it('a path through a duplicate key is refused', () => {
		const text = '{"version":1,"project":{"id":"a","connections":[]},"project":{"id":"b","connections":[]}}';
		const p = parseConnectionsText(text);
		for (const r of [addConnection(p, { scope: 'project' }, { id: 'x', kind: 'database' }, fmt2), setValue(p, ['project', 'id'], 'c', fmt2)]) {
			assert.equal(!r.ok && r.reason, 'ambiguous');
		}
		const uses = parseConnectionsText('{"version":1,"project":{"components":[{"id":"a","uses":["x"],"uses":["y"]}]}}');
		assert.equal(((r) => !r.ok && r.reason)(addUse(uses, 0, 'z', fmt2)), 'ambiguous');
		const fromFixture = parseConnectionsText(fixture('duplicate-keys.json'));
		assert.equal(((r) => !r.ok && r.reason)(setValue(fromFixture, ['version'], 2, fmt2)), 'ambiguous');
		assert.equal(((r) => !r.ok && r.reason)(setValue(fromFixture, ['organization', 'connections', 0, 'id'], 'ccc', fmt2)), 'ambiguous');
	});

	it('a duplicated connection ID is never deleted (which one would go?)', () => {
		const p = parseConnectionsText('{"version":1,"project":{"connections":[{"id":"x","kind":"database"},{"id":"x","kind":"database"}]}}');
		const r = deleteConnection(p, p.model.allConnections[0], fmt2);
		assert.equal(!r.ok && r.reason, 'ambiguous');
	});

	it('a path through a scalar or a missing array element is refused, never thrown', () => {
		const p = parseConnectionsText('{"version":1,"project":"x"}');
		assert.equal(((r) => !r.ok && r.reason)(setValue(p, ['project', 'connections'], [], fmt2)), 'invalid');
		const q = parseConnectionsText('{"version":1,"project":{"components":[]}}');
		assert.equal(((r) => !r.ok && r.reason)(setValue(q, ['project', 'components', 3, 'id'], 'x', fmt2)), 'invalid');
		assert.equal(((r) => !r.ok && r.reason)(removeValue(q, ['project', 'nothing'], fmt2)), 'not-found');
	});
});

describe('why edits.ts does not call jsonc-parser modify', () => {
	// When this starts failing, jsonc-parser fixed these and edits.ts could go back to `modify`.
	it('modify still corrupts a compact array and drops comments on removal', () => {
		const { modify, applyEdits } = require('jsonc-parser') as typeof import('jsonc-parser');
		const fmt = { insertSpaces: true, tabSize: 2, eol: '\n' };
		const compact = '{"uses":["a","b"]}';
		const out = applyEdits(compact, modify(compact, ['uses', 1], undefined, { formattingOptions: fmt }));
		assert.throws(() => JSON.parse(out), 'modify produced broken JSON');
		const commented = '{\n  "uses": [\n    "a", // first\n    "b" // second\n  ]\n}';
		assert.doesNotMatch(applyEdits(commented, modify(commented, ['uses', 1], undefined, { formattingOptions: fmt })), /first/);
	});
});
