import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseComponentYaml, renameInYamlEdits, scalarInnerSpan, type ComponentYaml } from '../../src/core/platform/componentYaml';
import { addConnectionReferenceEdit, addEnvConnectionRefEdit, removeConnectionEverywhereEdit, removeConnectionReferenceEdit, removeEnvEntryEdit, schemaVersionBump } from '../../src/core/platform/componentYamlEdits';
import type { Span } from '../../src/core/model/model';
import { applyTextEdits } from '../../src/core/text/textEdit';
import { realChoreoFiles } from './helpers';

const corpus = realChoreoFiles;

function lines(...ls: string[]): string {
	return ls.join('\n') + '\n';
}

function slice(text: string, span: Span | undefined): string | undefined {
	return span && text.slice(span.offset, span.offset + span.length);
}

const apply = applyTextEdits;

/** Every span of a parse result lies inside the text. */
function assertSpansInside(text: string, y: ComponentYaml): void {
	const spans: Span[] = [
		...y.connectionReferences.flatMap((r) => [r.nameSpan, r.span, ...(r.resourceRefSpan ? [r.resourceRefSpan] : [])]),
		...y.envConnectionRefs.flatMap((r) => [r.envNameSpan, r.connectionSpan, ...(r.keySpan ? [r.keySpan] : [])]),
		...y.legacyServiceReferences.flatMap((r) => [r.nameSpan, ...r.env.flatMap((e) => [e.fromSpan, e.toSpan])]),
		...(y.connectionReferencesSpan ? [y.connectionReferencesSpan] : []),
		...y.errors,
	];
	for (const s of spans) {
		assert.ok(Number.isInteger(s.offset) && s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length, `${s.offset}+${s.length} outside ${text.length}`);
	}
}

/** Adds a reference, checks the edit and the result, and returns the new text. */
function added(text: string, name: string, resourceRef: string): string {
	const edit = addConnectionReferenceEdit(text, name, resourceRef);
	assert.ok(edit, 'an edit');
	const result = apply(text, [edit]);
	assert.equal(result.slice(0, edit.offset), text.slice(0, edit.offset));
	assert.equal(result.slice(edit.offset + edit.newText.length), text.slice(edit.offset + edit.length));
	const y = parseComponentYaml(result);
	assert.deepEqual(y.errors, []);
	assert.ok(y.connectionReferences.some((r) => r.name === name && r.resourceRef === resourceRef), 'the new reference reads back');
	return result;
}

describe('componentYaml: parse', () => {
	const sample = lines(
		'schemaVersion: 1.2',
		'dependencies:',
		'  connectionReferences:',
		'    - name: "hr connection" # quoted',
		'      resourceRef: service:/hr/employees/v1/ad088/PUBLIC',
		'    - name: db',
		'configurations:',
		'  env:',
		'    - name: HR_URL',
		'      valueFrom:',
		'        connectionRef:',
		"          name: 'hr connection'",
		'          key: ServiceURL',
		'    - name: PLAIN',
		'      value: x',
	);

	it('reads connection references, env connectionRefs and their spans', () => {
		const y = parseComponentYaml(sample);
		assert.equal(y.schemaVersion, '1.2');
		assert.deepEqual(y.errors, []);
		assert.deepEqual(y.connectionReferences.map((r) => [r.name, slice(sample, r.nameSpan), r.resourceRef, r.index]), [
			['hr connection', '"hr connection"', 'service:/hr/employees/v1/ad088/PUBLIC', 0],
			['db', 'db', undefined, 1],
		]);
		assert.equal(slice(sample, y.connectionReferences[0].resourceRefSpan), 'service:/hr/employees/v1/ad088/PUBLIC');
		assert.equal(slice(sample, y.connectionReferences[0].span), 'name: "hr connection" # quoted\n      resourceRef: service:/hr/employees/v1/ad088/PUBLIC');
		assert.equal(slice(sample, y.connectionReferencesSpan), 'connectionReferences');
		assert.deepEqual(y.envConnectionRefs.map((r) => [r.envName, slice(sample, r.envNameSpan), r.connection, slice(sample, r.connectionSpan), r.key, slice(sample, r.keySpan), r.index]), [
			['HR_URL', 'HR_URL', 'hr connection', "'hr connection'", 'ServiceURL', 'ServiceURL', 0],
		]);
	});

	it('scalarInnerSpan strips quotes and nothing else', () => {
		const y = parseComponentYaml(sample);
		assert.equal(slice(sample, scalarInnerSpan(sample, y.connectionReferences[0].nameSpan)), 'hr connection');
		assert.equal(slice(sample, scalarInnerSpan(sample, y.envConnectionRefs[0].connectionSpan)), 'hr connection');
		assert.equal(slice(sample, scalarInnerSpan(sample, y.connectionReferences[1].nameSpan)), 'db');
		assert.deepEqual(scalarInnerSpan('"', { offset: 0, length: 1 }), { offset: 0, length: 1 });
	});

	it('normalises schemaVersion: number, quoted string, trailing space, integer', () => {
		assert.equal(parseComponentYaml('schemaVersion: 1.1\n').schemaVersion, '1.1');
		assert.equal(parseComponentYaml('schemaVersion: "1.2"\n').schemaVersion, '1.2');
		assert.equal(parseComponentYaml("schemaVersion: '1.2 '\n").schemaVersion, '1.2');
		assert.equal(parseComponentYaml('schemaVersion: 1.0 \n').schemaVersion, '1.0');
		assert.equal(parseComponentYaml('schemaVersion: 1\n').schemaVersion, '1.0');
		assert.equal(parseComponentYaml('version: 1\n').schemaVersion, undefined);
	});

	it('reads legacy serviceReferences (schema 1.0 and component-config.yaml)', () => {
		const legacy = lines(
			'dependencies:',
			'  serviceReferences:',
			'  - name: choreo:///org/proj/comp/abc12/v1/PUBLIC',
			'    connectionConfig: 01ef6903-1af7-12e8-9b89-32771e9e8535',
			'    env:',
			'    - from: ServiceURL',
			'      to: SERVICE_URL',
			'    - from: ConsumerKey',
		);
		const [ref] = parseComponentYaml(legacy).legacyServiceReferences;
		assert.equal(ref.name, 'choreo:///org/proj/comp/abc12/v1/PUBLIC');
		assert.equal(ref.connectionConfig, '01ef6903-1af7-12e8-9b89-32771e9e8535');
		assert.deepEqual(ref.env.map((e) => [e.from, e.to, slice(legacy, e.fromSpan), slice(legacy, e.toSpan)]), [['ServiceURL', 'SERVICE_URL', 'ServiceURL', 'SERVICE_URL']]);
		const config = lines('kind: ComponentConfig', 'spec:', '  outbound:', '    serviceReferences:', '      - name: x', '        env: []');
		assert.deepEqual(parseComponentYaml(config).legacyServiceReferences.map((r) => [r.name, r.env.length]), [['x', 0]]);
	});

	it('reports syntax errors and duplicate keys with ranges, and never throws', () => {
		const bad = 'dependencies:\n  connectionReferences: [\n';
		const y = parseComponentYaml(bad);
		assert.deepEqual(y.errors, [{ message: 'Flow sequence in block collection must be sufficiently indented and end with a ]', offset: bad.length, length: 0 }]);
		assertSpansInside(bad, y);
		const dup = 'schemaVersion: 1.2\nschemaVersion: 1.1\n';
		assert.equal(slice(dup, parseComponentYaml(dup).errors[0]), 'schemaVersion');
		for (const text of ['', '\ufeff', '---\n...\n', '- a\n- b', 'just a string', '&a [*a]', '? [a]\n: b', '{'.repeat(5000), '- '.repeat(5000), 'a: !!binary x\n', '%YAML 1.1\n---\na: 1', 'a: 1\n---\nb: 2\n']) {
			const r = parseComponentYaml(text);
			assertSpansInside(text, r);
		}
	});

	it('refuses nesting deeper than the limit with a clear error instead of overflowing the stack', () => {
		const deep = 'The file is nested more than 64 levels deep here; it is not read.';
		const hostile: [string, string, number][] = [
			['['.repeat(100_000), 'The file has more than 4096 flow collections; it is not read.', 4096],
			['{a: '.repeat(20_000), deep, 258], ['['.repeat(1000), deep, 64], ['- '.repeat(60_000) + 'x', deep, 128], ['- '.repeat(65) + 'x', deep, 128],
			[Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'a:').join('\n'), deep, 2272], [Array.from({ length: 100 }, (_, i) => ' '.repeat(2 * i) + '- - - - -').join('\n'), deep, 4664],
			[' '.repeat(600) + 'a', 'The file is indented more than 512 columns here; it is not read.', 512],
		];
		for (const [text, message, offset] of hostile) {
			const y = parseComponentYaml(text);
			assert.deepEqual(y.errors, [{ message, offset, length: 1 }]);
			assertSpansInside(text, y);
			assert.equal(addConnectionReferenceEdit(text, 'db', 'x'), undefined);
		}
		assert.deepEqual(parseComponentYaml('a: ' + '['.repeat(60) + ']'.repeat(60)).errors, []);
		assert.deepEqual(parseComponentYaml('x'.repeat(200_000)).errors, [{ message: 'The file is too large to read (200000 characters; at most 131072).', offset: 0, length: 1 }]);
		assert.deepEqual(parseComponentYaml('a: 1\n---\nb: 2\n').errors, [{ message: 'The file holds more than one YAML document; a component.yaml has one.', offset: 5, length: 9 }]);
	});

	it('keeps offsets as UTF-16 code units with a BOM and CRLF', () => {
		const text = '\ufeffschemaVersion: 1.2\r\ndependencies:\r\n  connectionReferences:\r\n    - name: é😀x\r\n';
		const [ref] = parseComponentYaml(text).connectionReferences;
		assert.equal(ref.name, 'é😀x');
		assert.equal(slice(text, ref.nameSpan), 'é😀x');
	});
});

describe('componentYaml: the shared corpus of real files', () => {
	it('parses every file without throwing; every span lies inside the text; no YAML errors', () => {
		const files = corpus();
		assert.ok(files.size >= 30);
		for (const [file, text] of files) {
			const y = parseComponentYaml(text);
			assertSpansInside(text, y);
			assert.deepEqual(y.errors, [], file);
			for (const r of y.connectionReferences) {
				assert.equal(scalarInnerSpan(text, r.nameSpan).length, r.name.length, file);
			}
		}
	});

	it('spot checks: references, env connectionRefs, legacy mappings, versions', () => {
		const files = corpus();
		const get = (name: string): [string, ComponentYaml] => {
			const text = files.get(name);
			assert.ok(text, name);
			return [text, parseComponentYaml(text)];
		};
		const [mcpText, mcp] = get('NomadXD__choreo-mcp-demo__.choreo__component.yaml');
		assert.equal(mcp.schemaVersion, '1.2');
		assert.deepEqual(mcp.connectionReferences.map((r) => [r.name, r.resourceRef]), [['connection-book-listing-service-qz-bookdb', 'database:testdbdev/bookdb']]);
		assert.deepEqual(mcp.envConnectionRefs.map((r) => `${r.envName}=${r.connection}.${r.key}`), [
			'DB_HOST=connection-book-listing-service-qz-bookdb.HostName',
			'DB_PORT=connection-book-listing-service-qz-bookdb.Port',
			'DB_USERNAME=connection-book-listing-service-qz-bookdb.Username',
			'DB_PASSWORD=connection-book-listing-service-qz-bookdb.Password',
			'DB_NAME=connection-book-listing-service-qz-bookdb.DatabaseName',
		]);
		assert.equal(slice(mcpText, mcp.envConnectionRefs[4].keySpan), 'DatabaseName');

		const [, kaje] = get('kaje94__choreo-connections-mono-repo@bf982f3__todo-list-service__.choreo__component-config.yaml');
		assert.equal(kaje.legacyServiceReferences.length, 1);
		assert.equal(kaje.legacyServiceReferences[0].connectionConfig, '01ef6903-1af7-12e8-9b89-32771e9e8535');
		assert.deepEqual(kaje.legacyServiceReferences[0].env.map((e) => `${e.from}->${e.to}`), ['ServiceURL->SERVICE_URL', 'ConsumerKey->CONSUMER_KEY', 'ConsumerSecret->CONSUMER_SECRET', 'TokenURL->TOKEN_URL']);

		const [, travel10] = get('chathuranga95__travel-booking@1455a9e__.choreo__component.yaml');
		assert.equal(travel10.schemaVersion, '1.0');
		assert.deepEqual(travel10.legacyServiceReferences.map((r) => r.env.length), [1]);

		assert.equal(get('chathuranga95__travel-booking__.choreo__component.yaml')[1].connectionReferences[0].name, 'invalid connection name-v1.1');
		assert.equal(get('Melani-Abayalath__appointment-management__backend__.choreo__component.yaml')[1].schemaVersion, '1.2');
		assert.equal(get('AkinduID__github-administration-automation@eba9d02__.choreo__component.yaml')[1].schemaVersion, '1.0');
		assert.equal(get('AkinduID__github-administration-automation__.choreo__component.yaml')[1].schemaVersion, '1.1');
		assert.equal(get('ruwanlinton__hermes-ems__backend__.choreo__component.yaml')[1].schemaVersion, undefined);
		assert.equal(get('wso2__choreo-samples@a8fbdc1__appointment-management__appointment-service__.choreo__component.yaml')[1].connectionReferences[0].resourceRef, 'database:appointmentsdb/appointmentsdb-dev');
	});

	it('adding a reference works on every file and keeps the file\'s list style', () => {
		for (const [file, text] of corpus()) {
			const result = added(text, 'new-conn', 'database:srv/db');
			assert.equal(parseComponentYaml(result).connectionReferences.length, parseComponentYaml(text).connectionReferences.length + 1, file);
		}
		const files = corpus();
		// Items at the same column as the key, in a 4-space dependencies block.
		const sameColumn = files.get('wso2__choreo-samples@a8fbdc1__appointment-management__appointment-service__.choreo__component.yaml')!;
		assert.ok(added(sameColumn, 'x-db', 'database:a/b').endsWith('    connectionReferences:\n    - name: database_connection\n      resourceRef: database:appointmentsdb/appointmentsdb-dev\n    - name: x-db\n      resourceRef: database:a/b\n'));
		// No trailing newline.
		const noEol = files.get('wx-yz__menugen-app@de3f313__frontend__.choreo__component.yaml')!;
		assert.ok(added(noEol, 'x-db', 'database:a/b').endsWith('PROJECT\n    - name: x-db\n      resourceRef: database:a/b'));
	});

	it('renaming an existing reference works on every file that has one', () => {
		for (const [file, text] of corpus()) {
			const y = parseComponentYaml(text);
			if (!y.connectionReferences.length) {
				continue;
			}
			const old = y.connectionReferences[0].name;
			const edits = renameInYamlEdits(text, old, 'renamed: conn');
			const after = parseComponentYaml(apply(text, edits));
			assert.deepEqual(after.errors, [], file);
			assert.equal(after.connectionReferences[0].name, 'renamed: conn', file);
			assert.equal(after.envConnectionRefs.filter((r) => r.connection === old).length, 0, file);
			assert.equal(edits.length, 1 + y.envConnectionRefs.filter((r) => r.connection === old).length, file);
		}
	});
});

/** The comments of a YAML text in order (whole-line and trailing ones, as the text after the `#`). */
function commentLines(text: string): string[] {
	return text.split('\n').map((l) => /(?:^|\s)#(.*)$/.exec(l)?.[1]).filter((c): c is string => c !== undefined);
}

describe('componentYaml: sync edits on the shared corpus keep every other byte (comments, key order)', () => {
	/** One edit whose text outside its range is the original's, byte for byte. */
	function outsideKept(text: string, edit: { offset: number; length: number; newText: string }, file: string): string {
		const result = apply(text, [edit]);
		assert.equal(result.slice(0, edit.offset), text.slice(0, edit.offset), file);
		assert.equal(result.slice(edit.offset + edit.newText.length), text.slice(edit.offset + edit.length), file);
		return result;
	}

	it('adding a configurations.env rename works on every file that may hold one, as one insertion', () => {
		let n = 0;
		for (const [file, text] of corpus()) {
			const y = parseComponentYaml(text);
			const edit = addEnvConnectionRefEdit(text, 'NEW_CONN_URL', 'new-conn', 'ServiceURL');
			assert.ok(edit, `an edit for ${file}`);
			assert.equal(edit.length, 0, `${file}: an insertion, nothing replaced`);
			const after = parseComponentYaml(outsideKept(text, edit, file));
			assert.deepEqual(after.errors, [], file);
			assert.deepEqual(after.envConnectionRefs.map((r) => r.envName), [...y.envConnectionRefs.map((r) => r.envName), 'NEW_CONN_URL'], file);
			assert.deepEqual(after.connectionReferences.map((r) => r.name), y.connectionReferences.map((r) => r.name), file);
			n++;
		}
		assert.ok(n >= 30, `${n} files`);
	});

	it('the 1.0 files get schemaVersion 1.2 in their own quoting, nothing else changed; other versions are left alone', () => {
		let bumped = 0;
		for (const [file, text] of corpus()) {
			const bump = schemaVersionBump(text);
			assert.equal(bump.needsBump, parseComponentYaml(text).schemaVersion === '1.0', file);
			if (bump.needsBump) {
				assert.ok(bump.edit, file);
				const after = outsideKept(text, bump.edit, file);
				assert.equal(parseComponentYaml(after).schemaVersion, '1.2', file);
				assert.equal(text.slice(bump.edit.offset, bump.edit.offset + bump.edit.length).trim(), '1.0', file);
				bumped++;
			}
		}
		assert.ok(bumped >= 5, `${bumped} files at 1.0`);
	});

	it('removing each connection reference and each env rename takes exactly its item, the others stay in order', () => {
		let removed = 0;
		for (const [file, text] of corpus()) {
			const y = parseComponentYaml(text);
			for (const ref of y.connectionReferences) {
				if (y.connectionReferences.filter((r) => r.name === ref.name).length > 1) {
					continue;
				}
				const edit = removeConnectionReferenceEdit(text, ref.name);
				assert.ok(edit, `${file}: remove ${ref.name}`);
				const result = apply(text, [edit]);
				const after = parseComponentYaml(result);
				assert.deepEqual(after.errors, [], file);
				assert.deepEqual(after.connectionReferences.map((r) => r.name), y.connectionReferences.filter((r) => r !== ref).map((r) => r.name), file);
				// Every comment stays but those on the item's own lines (from its dash to its last value).
				const itemStart = text.lastIndexOf('\n', ref.span.offset) + 1;
				const lf = text.indexOf('\n', ref.span.offset + ref.span.length);
				const itemEnd = lf < 0 ? text.length : lf + 1;
				const kept = commentLines(text.slice(0, itemStart) + text.slice(itemEnd));
				assert.deepEqual(commentLines(result), kept, `${file}: the comments outside the item, in order`);
				removed++;
			}
			for (const env of y.envConnectionRefs) {
				const edit = removeEnvEntryEdit(text, env.envName);
				assert.ok(edit, `${file}: remove ${env.envName}`);
				const after = parseComponentYaml(outsideKept(text, edit, file));
				assert.deepEqual(after.errors, [], file);
				assert.deepEqual(after.envConnectionRefs.map((r) => r.envName), y.envConnectionRefs.filter((r) => r !== env).map((r) => r.envName), file);
				removed++;
			}
		}
		assert.ok(removed >= 10, `${removed} removals`);
	});
});

describe('componentYaml: removing a deleted connection everywhere', () => {
	it('takes its reference and every env entry filled from it, in one edit, and nothing else', () => {
		const text = lines(
			'schemaVersion: "1.2"', 'dependencies:', '  connectionReferences:', '    - name: db', '      resourceRef: database:a/b',
			'    # payments', '    - name: payments', '      resourceRef: service:/p/payments/v1/api/PUBLIC',
			'configurations:', '  env:', '    - name: DB_HOST', '      valueFrom:', '        connectionRef:', '          name: db', '          key: HostName',
			'    - name: PAY_URL', '      valueFrom:', '        connectionRef:', '          name: payments', '          key: ServiceURL',
			'    - name: DB_PORT', '      valueFrom:', '        connectionRef:', '          name: db', '          key: Port',
		);
		const edit = removeConnectionEverywhereEdit(text, 'db');
		assert.ok(edit);
		assert.equal(apply(text, [edit]), lines(
			'schemaVersion: "1.2"', 'dependencies:', '  connectionReferences:',
			'    # payments', '    - name: payments', '      resourceRef: service:/p/payments/v1/api/PUBLIC',
			'configurations:', '  env:',
			'    - name: PAY_URL', '      valueFrom:', '        connectionRef:', '          name: payments', '          key: ServiceURL',
		));
		assert.equal(removeConnectionEverywhereEdit(text, 'nope'), undefined);
		assert.equal(removeConnectionEverywhereEdit(text + 'x: [\n', 'db'), undefined);
	});

	it('works on every real file for each connection it names, and the name is gone afterwards', () => {
		for (const [file, text] of corpus()) {
			const y = parseComponentYaml(text);
			for (const name of new Set([...y.connectionReferences.map((r) => r.name), ...y.envConnectionRefs.map((r) => r.connection)])) {
				if (y.connectionReferences.filter((r) => r.name === name).length > 1) {
					continue;
				}
				const edit = removeConnectionEverywhereEdit(text, name);
				assert.ok(edit, `${file}: ${name}`);
				const after = parseComponentYaml(apply(text, [edit]));
				assert.deepEqual(after.errors, [], file);
				assert.equal([...after.connectionReferences.map((r) => r.name), ...after.envConnectionRefs.map((r) => r.connection)].includes(name), false, `${file}: ${name}`);
			}
		}
	});
});

describe('componentYaml: addConnectionReferenceEdit', () => {
	it('creates dependencies and connectionReferences in an empty or comment-only file', () => {
		assert.equal(added('', 'db', 'database:a/b'), 'dependencies:\n  connectionReferences:\n    - name: db\n      resourceRef: database:a/b\n');
		assert.equal(added('# only a comment', 'db', 'database:a/b'), '# only a comment\ndependencies:\n  connectionReferences:\n    - name: db\n      resourceRef: database:a/b');
	});

	it('appends dependencies after the last top-level value, before trailing comments', () => {
		const text = lines('schemaVersion: 1.2', 'endpoints:', '- name: api', '  port: 8080', '# trailing comment');
		assert.equal(added(text, 'db', 'database:a/b'), lines('schemaVersion: 1.2', 'endpoints:', '- name: api', '  port: 8080',
			'dependencies:', '  connectionReferences:', '  - name: db', '    resourceRef: database:a/b', '# trailing comment'));
	});

	it('follows 4-space indentation and CRLF', () => {
		const text = 'schemaVersion: 1.2\r\nendpoints:\r\n    - name: api\r\n      service:\r\n          port: 8080\r\n';
		assert.equal(added(text, 'db', 'database:a/b'), text + 'dependencies:\r\n    connectionReferences:\r\n        - name: db\r\n          resourceRef: database:a/b\r\n');
	});

	it('adds connectionReferences to an existing dependencies block', () => {
		const text = lines('dependencies:', '    serviceReferences:', '    - name: x # c', '      env: []', 'configurations: {}');
		assert.equal(added(text, 'db', 'database:a/b'), lines('dependencies:', '    serviceReferences:', '    - name: x # c', '      env: []',
			'    connectionReferences:', '    - name: db', '      resourceRef: database:a/b', 'configurations: {}'));
		assert.equal(added('dependencies:\nx: 1\n', 'db', 'database:a/b'), 'dependencies:\n  connectionReferences:\n    - name: db\n      resourceRef: database:a/b\nx: 1\n');
		assert.equal(added('dependencies: ~ # none\n', 'db', 'database:a/b'), 'dependencies:\n  connectionReferences:\n    - name: db\n      resourceRef: database:a/b # none\n');
	});

	it('appends to an existing list, empty list or flow list', () => {
		assert.equal(added('dependencies:\n  connectionReferences:\n', 'db', 'database:a/b'), 'dependencies:\n  connectionReferences:\n    - name: db\n      resourceRef: database:a/b\n');
		assert.equal(added('dependencies:\n  connectionReferences: []\n', 'db', 'database:a/b'), 'dependencies:\n  connectionReferences: [{name: db, resourceRef: database:a/b}]\n');
		assert.equal(added('dependencies:\n  connectionReferences: [{name: a, resourceRef: "database:x/y"}]\n', 'db', 'database:a/b'),
			'dependencies:\n  connectionReferences: [{name: a, resourceRef: "database:x/y"}, {name: db, resourceRef: database:a/b}]\n');
		assert.equal(added('dependencies: {connectionReferences: []}\n', 'db', 'database:a/b'), 'dependencies: {connectionReferences: [{name: db, resourceRef: database:a/b}]}\n');
		const list = lines('dependencies:', '  connectionReferences:', '  -   name: a', '      resourceRef: b', '', '# after');
		assert.equal(added(list, 'db', 'database:a/b'), lines('dependencies:', '  connectionReferences:', '  -   name: a', '      resourceRef: b',
			'  -   name: db', '      resourceRef: database:a/b', '', '# after'));
	});

	it('quotes names that YAML would read differently', () => {
		for (const name of ['a: b', 'true', '123', '- x', '#x', 'x #y', ' lead', 'null', '~', '"q"', "it's", '[a]', '{a}', '@x', '*x', '&x', '!x', '%x', 'é😀', 'a\nb', '', '\u0085', '\ufeff']) {
			added('dependencies:\n  connectionReferences:\n  - name: a\n    resourceRef: b\n', name, 'database:x/y');
			added('dependencies:\n  connectionReferences: [ ]\n', name, 'database:x/y');
		}
		assert.ok(added('', 'hr connection', 'service:/p/c/v1/ep/PUBLIC').includes('- name: hr connection\n'));
		assert.ok(added('', 'a: b', 'x').includes('- name: "a: b"\n'));
	});

	it('refuses files with YAML errors, non-map roots, or a name already listed', () => {
		assert.equal(addConnectionReferenceEdit('a: [\n', 'db', 'x'), undefined);
		assert.equal(addConnectionReferenceEdit('a: 1\na: 2\n', 'db', 'x'), undefined);
		assert.equal(addConnectionReferenceEdit('- a\n', 'db', 'x'), undefined);
		assert.equal(addConnectionReferenceEdit('dependencies: 3\n', 'db', 'x'), undefined);
		assert.equal(addConnectionReferenceEdit('dependencies:\n  connectionReferences: x\n', 'db', 'x'), undefined);
		assert.equal(addConnectionReferenceEdit('dependencies:\n  connectionReferences:\n  - name: db\n', 'db', 'x'), undefined);
	});
});

describe('componentYaml: renameInYamlEdits', () => {
	it('renames connectionReferences[].name and connectionRef.name, keeping each quoting style', () => {
		const text = lines(
			'dependencies:',
			'  connectionReferences:',
			'    - name: hr # plain',
			'      resourceRef: x',
			'    - name: other',
			'configurations:',
			'  env:',
			'    - name: hr',
			'      valueFrom:',
			'        connectionRef: { name: "hr", key: ServiceURL }',
			'    - name: B',
			'      valueFrom:',
			'        connectionRef:',
			"          name: 'hr'",
			'          key: hr',
		);
		const edits = renameInYamlEdits(text, 'hr', "hr's new");
		assert.equal(edits.length, 3);
		assert.equal(apply(text, edits), text.replace('name: hr # plain', "name: hr's new # plain").replace('name: "hr"', 'name: "hr\'s new"').replace("name: 'hr'", "name: 'hr''s new'"));
		const y = parseComponentYaml(apply(text, edits));
		assert.deepEqual(y.envConnectionRefs.map((r) => r.connection), ["hr's new", "hr's new"]);
		assert.equal(y.envConnectionRefs[1].key, 'hr');
		// Plain names that need quoting get double quotes; flow context rules apply inside `{ }`.
		assert.ok(apply(text, renameInYamlEdits(text, 'hr', 'a, b')).includes('connectionRef: { name: "a, b", key'), 'double-quoted stays double-quoted');
		const flow = 'configurations:\n  env:\n  - name: A\n    valueFrom: {connectionRef: {name: hr, key: K}}\n';
		assert.equal(apply(flow, renameInYamlEdits(flow, 'hr', 'a, b')), flow.replace('name: hr', 'name: "a, b"'));
		assert.equal(apply(flow, renameInYamlEdits(flow, 'hr', 'hr-2')), flow.replace('name: hr', 'name: hr-2'));
		assert.ok(apply(text, renameInYamlEdits(text, 'hr', 'a: b')).includes('- name: "a: b" # plain'));
	});

	it('returns nothing for files with YAML errors or no such name', () => {
		assert.deepEqual(renameInYamlEdits('dependencies: [\n', 'a', 'b'), []);
		assert.deepEqual(renameInYamlEdits('dependencies:\n  connectionReferences:\n  - name: a\n', 'z', 'b'), []);
		assert.deepEqual(renameInYamlEdits('dependencies:\n  connectionReferences:\n  - name: a\n', 'a', 'a'), []);
	});
});

describe('componentYaml: properties', () => {
	const name = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('db', 'hr connection', 'a: b', 'true', '1.2', '# x', "it's", 'é😀'));
	const simpleName = fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/);
	const document = fc.record({
		eol: fc.constantFrom('\n', '\r\n'),
		unit: fc.constantFrom(2, 4),
		seqIndented: fc.boolean(),
		trailingEol: fc.boolean(),
		version: fc.constantFrom('1.2', '"1.2"', '1.1', '1.0 ', undefined),
		endpoints: fc.boolean(),
		deps: fc.constantFrom('none', 'empty', 'null', 'emptyRefs', 'nullRefs', 'flowRefs', 'refs', 'serviceRefsOnly'),
		refs: fc.uniqueArray(simpleName, { maxLength: 3 }),
		comments: fc.boolean(),
		envRefs: fc.boolean(),
		depsFirst: fc.boolean(),
	}).map((d) => {
		const sp = (n: number) => ' '.repeat(n);
		const u = d.unit;
		const s = d.seqIndented ? u : 0;
		const out: string[] = [];
		const c = (indent: number, text: string) => d.comments && out.push(`${sp(indent)}# ${text}`);
		c(0, 'header');
		if (d.version) {
			out.push(`schemaVersion: ${d.version}`);
		}
		const endpoints = () => {
			if (d.endpoints) {
				out.push('endpoints:', `${sp(s)}- name: api`, `${sp(s + 2)}service:`, `${sp(s + 2 + u)}port: 8080`);
				c(s + 2, 'endpoint comment');
			}
		};
		const deps = () => {
			switch (d.deps) {
				case 'none': return;
				case 'empty': out.push('dependencies:'); break;
				case 'null': out.push('dependencies: ~'); break;
				case 'emptyRefs': out.push('dependencies:', `${sp(u)}connectionReferences:`); break;
				case 'nullRefs': out.push('dependencies:', `${sp(u)}connectionReferences: null # none`); break;
				case 'flowRefs': out.push('dependencies:', `${sp(u)}connectionReferences: [${d.refs.map((r) => `{name: ${r}, resourceRef: "database:x/${r}"}`).join(', ')}]`); break;
				case 'refs':
					out.push('dependencies:', `${sp(u)}connectionReferences:`);
					for (const r of d.refs) {
						out.push(`${sp(u + s)}- name: ${r}`, `${sp(u + s + 2)}resourceRef: database:x/${r}`);
						c(u + s + 2, 'ref comment');
					}
					break;
				case 'serviceRefsOnly': out.push('dependencies:', `${sp(u)}serviceReferences:`, `${sp(u + s)}- name: choreo:///a/b`, `${sp(u + s + 2)}env: []`); break;
			}
			c(0, 'after dependencies');
		};
		if (d.depsFirst) {
			deps();
			endpoints();
		} else {
			endpoints();
			deps();
		}
		if (d.envRefs && d.refs.length) {
			out.push('configurations:', `${sp(u)}env:`, `${sp(u + s)}- name: URL`, `${sp(u + s + 2)}valueFrom:`, `${sp(u + s + 2 + u)}connectionRef:`,
				`${sp(u + s + 2 + 2 * u)}name: ${d.refs[0]}`, `${sp(u + s + 2 + 2 * u)}key: ServiceURL`);
		}
		c(0, 'footer');
		return out.join(d.eol) + (d.trailingEol && out.length ? d.eol : '');
	});

	it('generated documents parse without errors (the generator is sound)', () => {
		fc.assert(fc.property(document, (text) => {
			assert.deepEqual(parseComponentYaml(text).errors, []);
		}), { numRuns: 200 });
	});

	it('adding keeps every byte outside the edit, re-parses with 0 errors and holds the old and new references', () => {
		fc.assert(fc.property(document, name, (text, n) => {
			const before = parseComponentYaml(text);
			fc.pre(!before.connectionReferences.some((r) => r.name === n));
			const result = added(text, n, 'database:srv/db');
			const after = parseComponentYaml(result);
			assert.deepEqual(after.connectionReferences.slice(0, before.connectionReferences.length).map((r) => [r.name, r.resourceRef]),
				before.connectionReferences.map((r) => [r.name, r.resourceRef]));
			assert.equal(after.schemaVersion, before.schemaVersion);
			assert.equal(after.envConnectionRefs.length, before.envConnectionRefs.length);
			if (text.includes('\r\n')) {
				assert.ok(!/[^\r]\n/.test(result.replace(/^\n/, '')), 'CRLF kept');
			}
		}), { numRuns: 400 });
	});

	it('renaming keeps every byte outside the edits and re-parses with the new name', () => {
		fc.assert(fc.property(document, name, (text, n) => {
			const before = parseComponentYaml(text);
			fc.pre(before.connectionReferences.length > 0);
			const old = before.connectionReferences[0].name;
			fc.pre(n !== old && !before.connectionReferences.some((r) => r.name === n));
			const edits = renameInYamlEdits(text, old, n);
			assert.ok(edits.length > 0);
			const result = apply(text, edits);
			const after = parseComponentYaml(result);
			assert.deepEqual(after.errors, []);
			assert.equal(after.connectionReferences[0].name, n);
			// Outside the edits, the text is unchanged: removing the edited spans gives the same remainder.
			let rest = '';
			let at = 0;
			for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
				rest += text.slice(at, e.offset);
				at = e.offset + e.length;
			}
			rest += text.slice(at);
			let restAfter = '';
			at = 0;
			let shift = 0;
			for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
				restAfter += result.slice(at, e.offset + shift);
				at = e.offset + shift + e.newText.length;
				shift += e.newText.length - e.length;
			}
			restAfter += result.slice(at);
			assert.equal(restAfter, rest);
		}), { numRuns: 300 });
	});

	it('any text: parsing never throws and spans lie inside; edits never throw', () => {
		const token = fc.constantFrom('dependencies:', 'connectionReferences:', 'configurations:', 'env:', 'valueFrom:', 'connectionRef:', '- ', 'name: ', 'key: ', 'x', '"q"',
			"'", '"', '[', ']', '{', '}', ',', ': ', '\n', '\r\n', '  ', '    ', '# c', '~', '&a ', '*a', '? ', '---\n', '|\n', '\t');
		fc.assert(fc.property(fc.array(token, { maxLength: 40 }), name, (tokens, n) => {
			const text = tokens.join('');
			assertSpansInside(text, parseComponentYaml(text));
			const edit = addConnectionReferenceEdit(text, n, 'database:a/b');
			if (edit) {
				const y = parseComponentYaml(apply(text, [edit]));
				assert.deepEqual(y.errors, []);
				assert.ok(y.connectionReferences.some((r) => r.name === n));
			}
			renameInYamlEdits(text, 'x', n);
		}), { numRuns: 500 });
		fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => assertSpansInside(text, parseComponentYaml(text))), { numRuns: 300 });
	});
});
