import assert from 'node:assert/strict';
import fs from 'node:fs';
import { contextValueOf, ROLES_WITH_ACTIONS, TREE_ROLES } from '../../src/core/views/treeModel';
import { CommandId, ContextKey, ViewId } from '../../src/vscode/commandIds';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const nls = JSON.parse(fs.readFileSync('package.nls.json', 'utf8'));

describe('package.json', () => {
	it('declares exactly the commands of CommandId, each with the Connections category and an icon', () => {
		const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
		assert.deepEqual(declared, Object.values(CommandId).sort());
		for (const c of pkg.contributes.commands) {
			assert.equal(c.category, '%category%');
			assert.match(c.icon, /^\$\([a-z-]+\)$/);
		}
	});

	it('every %key% has a text in package.nls.json', () => {
		const keys = [...JSON.stringify(pkg).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
		assert.ok(keys.length > 10);
		for (const k of keys) {
			assert.ok(typeof nls[k] === 'string' && nls[k].length > 0, `missing nls key ${k}`);
		}
	});

	it('menus only name declared commands, and the view and context key agree with the code', () => {
		const commands = new Set(Object.values(CommandId));
		for (const list of Object.values(pkg.contributes.menus) as { command: string }[][]) {
			for (const item of list) {
				assert.ok(commands.has(item.command as never), item.command);
			}
		}
		assert.equal(pkg.contributes.views.connections[0].id, ViewId.Explorer);
		assert.deepEqual(pkg.contributes.viewsWelcome.map((w: { view: string; when: string }) => [w.view, w.when]), [
			[ViewId.Explorer, `!${ContextKey.HasFile} && ${ContextKey.ChoreoComponents} > 0`],
			[ViewId.Explorer, `!${ContextKey.HasFile} && !${ContextKey.ChoreoComponents}`],
		]);
	});

	it('every viewItem clause of the menus matches a tree role, and exactly the roles with actions are matched', () => {
		const clauses: ((value: string) => boolean)[] = [];
		for (const list of Object.values(pkg.contributes.menus) as { when?: string }[][]) {
			for (const item of list) {
				for (const m of (item.when ?? '').matchAll(/viewItem\s*(=~|==)\s*(?:\/((?:\\.|[^/])+)\/|([\w.-]+))/g)) {
					const re = m[1] === '=~' ? new RegExp(m[2]) : undefined;
					clauses.push(re ? (v) => re.test(v) : (v) => v === m[3]);
				}
			}
		}
		assert.ok(clauses.length >= 11, `found ${clauses.length} viewItem clauses`);
		const values = TREE_ROLES.map(contextValueOf);
		assert.equal(new Set(values).size, TREE_ROLES.length, 'two roles share a contextValue');
		clauses.forEach((matches, i) => assert.ok(values.some(matches), `viewItem clause ${i} matches no role`));
		for (const role of TREE_ROLES) {
			assert.equal(clauses.some((matches) => matches(contextValueOf(role))), ROLES_WITH_ACTIONS.has(role), role);
		}
	});

	it('activates narrowly and runs limited in untrusted workspaces', () => {
		assert.deepEqual(pkg.activationEvents, ['connections.json', '.choreo/component.yaml', '.choreo/component-config.yaml', '.choreo/endpoints.yaml'].map((f) => `workspaceContains:**/${f}`));
		assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
	});

	it('the production bundle loads and exports activate (a bundling mistake fails here)', () => {
		// The bundle needs `vscode`; give it an inert stand-in with the API's top-level names
		// (any property, call or `new` works), only to check that the bundle loads.
		const inert: unknown = new Proxy(function () { /* inert */ }, { get: (_t, p) => (p === Symbol.toPrimitive ? () => 0 : inert), apply: () => inert, construct: () => inert as object });
		const names = [...fs.readFileSync('node_modules/@types/vscode/index.d.ts', 'utf8').matchAll(/^\texport (?:class|enum|namespace|const|function|let) (\w+)/gm)].map((m) => m[1]);
		const stub = Object.fromEntries(names.map((n) => [n, inert]));
		const Module = require('node:module');
		const original = Module._load;
		Module._load = function (request: string, ...rest: unknown[]) {
			return request === 'vscode' ? stub : original.call(this, request, ...rest);
		};
		try {
			const bundle = require(require('node:path').resolve(pkg.main));
			assert.deepEqual(Object.keys(bundle).sort(), ['activate', 'deactivate']);
			assert.equal(typeof bundle.activate, 'function');
			assert.equal(typeof bundle.deactivate, 'function');
		} finally {
			Module._load = original;
		}
	});
});
