// PROJECT visibility is reachable only from the same project: a service reference that names another
// project with PROJECT visibility is a finding, in connections.json targets and in component.yaml
// resourceRefs, when the repository's project is known (connections.json `project.id`).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { messageFor } from '../../src/core/findings/messages';
import { isOtherProjectOnly, parsePlatformResourceRef, parseTarget } from '../../src/core/model/resourceRef';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { importRepository } from '../../src/core/platform/importRepository';
import { doc, findings, findingsOf, problemsOf, svc } from './helpers';

const target = (project: string, visibility: string) => `service:/${project}/catalog/v1/api/${visibility}`;
const proj = (id: string, t: string) => svc(id, { target: t, access: t.split('/').pop()!.toLowerCase(), ...(t.endsWith('PROJECT') ? { security: { scheme: 'none' } } : {}) });

describe('project-visibility-other-project', () => {
	it('connections.json: a PROJECT target in another project is an error on the target literal', () => {
		const text = doc({ project: [proj('catalog', target('billing', 'PROJECT'))] });
		assert.deepEqual(findings(text), [`project-visibility-other-project@"${target('billing', 'PROJECT')}"`]);
		const [p] = problemsOf(text);
		assert.equal(p.severity, 'error');
		assert.deepEqual(p.args, { target: target('billing', 'PROJECT'), targetProject: 'billing', project: 'shop' });
		assert.equal(messageFor(p.code, p.args),
			`"${target('billing', 'PROJECT')}" reaches an endpoint of project "billing" with PROJECT visibility, which only components of that project can reach; this repository's project is "shop". Point at the endpoint's ORGANIZATION or PUBLIC visibility, or correct the project.`);
		const at = text.indexOf(`"${target('billing', 'PROJECT')}"`);
		assert.equal(p.offset, at);
		assert.equal(p.length, target('billing', 'PROJECT').length + 2);
	});

	it('connections.json: the same project, or ORGANIZATION / PUBLIC visibility elsewhere, is fine; so is an organization connection of the same project', () => {
		assert.deepEqual(findings(doc({ project: [proj('catalog', target('shop', 'PROJECT'))] })), []);
		assert.deepEqual(findings(doc({ project: [proj('catalog', target('billing', 'ORGANIZATION'))] })), []);
		assert.deepEqual(findings(doc({ project: [proj('catalog', target('billing', 'PUBLIC'))] })), []);
		assert.deepEqual(findings(doc({ org: [proj('catalog', target('shop', 'PROJECT'))] })), []);
		assert.deepEqual(findings(doc({ org: [proj('catalog', target('billing', 'PROJECT'))] })), [`project-visibility-other-project@"${target('billing', 'PROJECT')}"`]);
		// A component's own connection is checked too.
		const own = doc({ components: [{ id: 'orders', connections: [proj('catalog', target('billing', 'PROJECT'))] }] });
		assert.deepEqual(findings(own), [`project-visibility-other-project@"${target('billing', 'PROJECT')}"`]);
	});

	it('connections.json without project.id: the project is not known, so nothing is reported', () => {
		const text = JSON.stringify({ version: 1, project: { connections: [proj('catalog', target('billing', 'PROJECT'))] } }, null, 2);
		assert.deepEqual(findings(text), []);
	});

	it('component.yaml: a resourceRef naming another project with PROJECT visibility, on the resourceRef value', () => {
		const text = doc({ project: [svc('payments'), svc('catalog')], components: [{ id: 'orders', path: 'orders', uses: ['payments', 'catalog'] }] });
		const yaml = [
			'schemaVersion: 1.2',
			'dependencies:',
			'  connectionReferences:',
			'    - name: payments',
			'      resourceRef: service:/shop/payments/v1/api/ORGANIZATION',
			'    - name: catalog',
			'      resourceRef: /billing/catalog/v1/api/PROJECT',
			'    - name: stock',
			'      resourceRef: stock/v1/PROJECT',
			'',
		].join('\n');
		const result = findingsOf(text, { 'orders/.choreo/component.yaml': yaml }).get('orders/.choreo/component.yaml')!;
		assert.ok(result.includes('project-visibility-other-project@/billing/catalog/v1/api/PROJECT'), result.join('\n'));
		// No project segment: the component's own project.
		assert.ok(!result.some((r) => r.startsWith('project-visibility-other-project@stock')), result.join('\n'));
		assert.equal(result.filter((r) => r.startsWith('project-visibility-other-project')).length, 1);
	});

	it('the decision: only PROJECT visibility with a named project that differs (property)', () => {
		const seg = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
		fc.assert(fc.property(seg, seg, fc.constantFrom('PUBLIC', 'PROJECT', 'ORGANIZATION'), (a, b, vis) => {
			const t = parseTarget('service', target(a, vis));
			assert.ok(t.ok && t.target.kind === 'service');
			assert.equal(isOtherProjectOnly(t.target, b), vis === 'PROJECT' && a !== b);
			const r = parsePlatformResourceRef(`/${a}/catalog/v1/api/${vis}`);
			assert.ok(r.ok && r.ref.kind === 'service');
			assert.equal(isOtherProjectOnly(r.ref, b), vis === 'PROJECT' && a !== b);
			const own = parsePlatformResourceRef(`catalog/v1/${vis}`);
			assert.ok(own.ok && own.ref.kind === 'service');
			assert.equal(isOtherProjectOnly(own.ref, b), false);
		}));
	});
	it('import: the project is the one that PROJECT references name, else the folder\'s name', () => {
		const yaml = (ref: string) => `schemaVersion: 1.2\ndependencies:\n  connectionReferences:\n    - name: catalog\n      resourceRef: ${ref}\n`;
		const projectOf = (text: string) => /"project": \{\n\s*"id": "([^"]+)"/.exec(text)?.[1];
		const one = importRepository([{ folder: 'orders', name: 'component.yaml', text: yaml('/billing/catalog/v1/api/PROJECT') }], 'my-repo');
		assert.equal(projectOf(one.text), 'billing');
		const codes = [...new ConnectionsProject(one.text).analyze().values()].flat().map((p) => p.code);
		assert.ok(!codes.includes('project-visibility-other-project'), codes.join(' '));
		const two = importRepository([
			{ folder: 'orders', name: 'component.yaml', text: yaml('/billing/catalog/v1/api/PROJECT') },
			{ folder: 'stock', name: 'component.yaml', text: yaml('/shop/catalog/v1/api/PROJECT') },
		], 'my-repo');
		assert.equal(projectOf(two.text), 'my-repo', 'two projects named: the folder\'s name, and the finding says which reference cannot be reached');
		assert.equal(projectOf(importRepository([{ folder: 'orders', name: 'component.yaml', text: yaml('/billing/catalog/v1/api/ORGANIZATION') }], 'my-repo').text), 'my-repo');
	});
});
