// The fix-intent table: one entry per fixable code, and every finding's intent is the one of its code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXES, fixesFor } from '../../src/core/edits/fixes';
import { PROBLEM_CODES, type Problem, type ProblemCode } from '../../src/core/findings/problems';
import { ConnectionsProject } from '../../src/core/analysis/project';

/** Codes no quick fix can resolve: what to change is the user's call (or the file must parse first). */
const NOT_FIXABLE: readonly ProblemCode[] = [
	'syntax-error', 'file-too-large', 'too-deep', 'unreadable-file', 'forbidden-key', 'duplicate-key',
	'schema-type', 'schema-required', 'schema-pattern', 'schema-length', 'schema-value', 'unsupported-version',
	'duplicate-id', 'variable-collision', 'invalid-target', 'component-yaml-invalid',
	// Which visibility the endpoint offers, or which project was meant, is not in the repository.
	'project-visibility-other-project',
	// The platform's .choreo files (#7): findings only so far; their fixes come with the editor integration.
	'source-config-schema-version', 'source-config-required', 'source-config-invalid-value', 'source-config-resource-ref',
	'source-config-env-name', 'source-config-duplicate', 'source-config-env-value-missing', 'source-config-env-value-ambiguous',
	'source-config-schema-file', 'source-config-not-in-version', 'source-config-outdated', 'source-config-unused-file', 'no-connections-file',
];

/** Fixable codes whose intent depends on the finding (a did-you-mean with no candidate carries none). */
const INTENT_WHEN_CANDIDATES: readonly ProblemCode[] = ['schema-enum', 'schema-unknown-property'];

/** Every repository the tests and examples ship: connections.json, sources and component.yaml. */
function repositories(): Map<string, ConnectionsProject> {
	const roots = ['examples/acme-shop', 'test/fixtures/workspace/quickfix-fixture', 'test/fixtures/workspace/codelens-fixture',
		...fs.readdirSync('test/fixtures/multiroot').map((d) => `test/fixtures/multiroot/${d}`)];
	const out = new Map<string, ConnectionsProject>();
	for (const root of roots) {
		assert.ok(fs.existsSync(path.join(root, 'connections.json')), `${root}/connections.json is missing: the test needs it`);
		const project = new ConnectionsProject(fs.readFileSync(path.join(root, 'connections.json'), 'utf8'));
		const walk = (dir: string): void => {
			for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, e.name);
				const rel = path.relative(root, full).split(path.sep).join('/');
				if (e.isDirectory()) {
					walk(full);
				} else if (rel.endsWith('.choreo/component.yaml')) {
					project.updateChoreoFile(rel, fs.readFileSync(full, 'utf8'));
				} else if (ConnectionsProject.isSourcePath(rel)) {
					project.updateSource(rel, fs.readFileSync(full, 'utf8'));
				}
			}
		};
		walk(root);
		project.sourcesComplete = true;
		out.set(root, project);
	}
	return out;
}

describe('fix intents', () => {
	it('the table has one entry for every code but the unfixable ones, and only codes that exist', () => {
		const fixable = Object.keys(FIXES).sort();
		const expected = Object.keys(PROBLEM_CODES).filter((c) => !NOT_FIXABLE.includes(c as ProblemCode)).sort();
		assert.deepEqual(fixable, expected);
		for (const entry of Object.values(FIXES)) {
			assert.equal(typeof entry, 'function');
		}
	});

	const repos = repositories();
	const all: { root: string; file: string; problem: Problem; project: ConnectionsProject }[] = [];
	for (const [root, project] of repos) {
		for (const [file, problems] of project.analyze()) {
			for (const problem of problems) {
				all.push({ root, file, problem, project });
			}
		}
	}

	it('every finding carries the intent of its own code, and only fixable codes carry one', () => {
		const codes = new Set(all.filter((x) => x.problem.intent).map((x) => x.problem.code));
		assert.ok(codes.size >= 8, `the fixtures hold findings of 8 fixable codes or more: ${[...codes].join(', ')}`);
		for (const { root, file, problem } of all) {
			const where = `${problem.code} in ${root}/${file}`;
			if (NOT_FIXABLE.includes(problem.code)) {
				assert.equal(problem.intent, undefined, where);
			} else if (problem.intent || !INTENT_WHEN_CANDIDATES.includes(problem.code)) {
				assert.equal(problem.intent?.code, problem.code, where);
			}
		}
	});

	it('every fix is titled with its finding\'s code, and a finding without an intent gets none', () => {
		let fixes = 0;
		for (const { file, problem, project } of all) {
			const list = fixesFor(project, file, problem);
			fixes += list.length;
			for (const f of list) {
				assert.equal(f.code, problem.code, f.title);
				assert.ok(f.edits.length > 0, f.title);
			}
			if (!problem.intent) {
				assert.deepEqual(list, [], problem.code);
			}
		}
		assert.ok(fixes >= 10, `${fixes} fixes`); // the fixtures' findings have fixes
	});
});
