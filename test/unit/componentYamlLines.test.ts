import assert from 'node:assert/strict';
import { yamlCompletionContext } from '../../src/core/platform/componentYamlLines';
import { at, YAML } from './idsFixture';

describe('platform/componentYamlLines', () => {
	it('reads the name or key being typed in component.yaml, line by line', () => {
		const edited = YAML.replace('    - name: "cache"', '    - name: ');
		assert.deepEqual(yamlCompletionContext(edited, at(edited, '- name: \n', 8)), { what: 'reference-name', span: { offset: at(edited, '- name: \n', 8), length: 0 }, needsSpace: false });
		const refName = yamlCompletionContext(YAML, at(YAML, 'name: payments', 8, 1));
		assert.equal(refName?.what, 'connection-ref-name');
		assert.equal(yamlCompletionContext(YAML, at(YAML, 'name: PAYMENTS_URL', 8)), undefined, 'an env name is not a connection');
		const tight = 'dependencies:\n  connectionReferences:\n    - name:';
		const ctx = yamlCompletionContext(tight, tight.length)!;
		assert.equal(ctx.needsSpace, true);
	});
});
