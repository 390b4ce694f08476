import assert from 'node:assert/strict';
import { outline, type OutlineNode } from '../../src/core/ids/outline';
import { JSON_TEXT, project } from './idsFixture';

describe('ids/outline', () => {
	it('gives Organization → connections, Project → connections and components → theirs', () => {
		const p = project();
		const tree = outline(p.parsed.model);
		const show = (n: OutlineNode): unknown => (n.children.length ? { [`${n.kind} ${n.name}`]: n.children.map(show) } : `${n.kind} ${n.name}`);
		assert.deepEqual(tree.map(show), [
			{ 'organization acme': ['database shared-postgres', 'third-party stripe'] },
			{ 'project shop': ['service payments', 'service catalog', 'service loyalty',
				{ 'component orders-api': ['database cache'] }, { 'component inventory': ['third-party cache'] }, 'component billing'] },
		]);
		const walk = (n: OutlineNode): void => {
			assert.ok(n.selectionSpan.offset >= n.span.offset && n.selectionSpan.offset + n.selectionSpan.length <= n.span.offset + n.span.length, n.name);
			n.children.forEach(walk);
		};
		tree.forEach(walk);
		const payments = (tree[1].children[0]);
		assert.equal(JSON_TEXT.slice(payments.selectionSpan.offset, payments.selectionSpan.offset + payments.selectionSpan.length), '"payments"');
		assert.equal(JSON_TEXT.charAt(payments.span.offset), '{');
	});
});
