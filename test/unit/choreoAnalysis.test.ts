// The platform's rules on every .choreo file, inside the repository's one analysis (editor and command
// line): beside connections.json, with the platform's precedence, schemaFilePath through the caller's
// file system, and connections.json syntax errors not holding them back.
import assert from 'node:assert/strict';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { doc, findingsOf, svc } from './helpers';

const json = doc({ project: [svc('payments')], components: [{ id: 'orders', path: 'orders', uses: ['payments'] }] });
const ref = 'dependencies:\n  connectionReferences:\n    - name: payments\n      resourceRef: service:/shop/payments/v1/api/ORGANIZATION\n';

describe('the platform rules in the repository analysis', () => {
	it('component.yaml beside connections.json gets the validator\'s findings with their ranges', () => {
		const result = findingsOf(json, { 'orders/.choreo/component.yaml': `schemaVersion: 1.3\n${ref}` });
		assert.deepEqual(result.get('orders/.choreo/component.yaml'), ['source-config-schema-version@1.3']);
	});

	it('a component.yaml of a folder no component has still gets the platform\'s rules, and its names are no references', () => {
		const project = new ConnectionsProject(json);
		project.updateChoreoFile('elsewhere/.choreo/component.yaml', 'schemaVersion: 1.2\ndependencies:\n  connectionReferences:\n    - name: payments\n');
		const codes = project.analyze().get('elsewhere/.choreo/component.yaml')!.map((p) => p.code);
		assert.deepEqual(codes, ['source-config-required']);
		assert.deepEqual(project.referencesTo('payments').map((r) => r.file), ['connections.json', 'connections.json']);
	});

	it('a lower file is reported as unused while a higher one exists, and checked once it is the one the platform reads', () => {
		const project = new ConnectionsProject(json);
		const endpoints = 'version: 0.1\nendpoints:\n  - name: api\n    port: 80\n    type: REST\n    networkVisibility: Public\n    context: /\n';
		project.updateChoreoFile('orders/.choreo/component.yaml', `schemaVersion: 1.2\n${ref}`);
		project.updateChoreoFile('orders/.choreo/endpoints.yaml', endpoints);
		assert.deepEqual(project.analyze().get('orders/.choreo/endpoints.yaml')!.map((p) => p.code), ['source-config-unused-file']);
		project.removeChoreoFile('orders/.choreo/component.yaml');
		const codes = project.analyze().get('orders/.choreo/endpoints.yaml')!.map((p) => p.code);
		assert.ok(!codes.includes('source-config-unused-file') && codes.includes('source-config-outdated'), codes.join());
		assert.ok(codes.includes('source-config-invalid-value'), `port 80 is below the platform's range: ${codes.join()}`);
	});

	it('schemaFilePath is checked through the caller\'s answer, relative to the component, never outside the repository', () => {
		const yaml = (p: string) => `schemaVersion: 1.2\nendpoints:\n  - name: api\n    service:\n      port: 8080\n    type: REST\n    schemaFilePath: ${p}\n`;
		const project = new ConnectionsProject(json);
		const asked: string[] = [];
		project.setFileExists((p) => (asked.push(p), p === 'orders/openapi.yaml'));
		project.updateChoreoFile('orders/.choreo/component.yaml', yaml('openapi.yaml'));
		assert.ok(!project.analyze().get('orders/.choreo/component.yaml')!.some((p) => p.code === 'source-config-schema-file'));
		project.updateChoreoFile('orders/.choreo/component.yaml', yaml('../../etc/passwd'));
		assert.ok(project.analyze().get('orders/.choreo/component.yaml')!.some((p) => p.code === 'source-config-schema-file'));
		assert.ok(asked.every((p) => !p.startsWith('..') && !p.startsWith('/')), `asked only about repository paths: ${asked.join()}`);
	});

	it('the platform rules do not wait for connections.json to parse', () => {
		const result = findingsOf('{ "version": 1, ', { 'orders/.choreo/component.yaml': 'schemaVersion: 2.0\n' });
		assert.deepEqual(result.get('orders/.choreo/component.yaml'), ['source-config-schema-version@2.0']);
	});

	it('a legacy component-config.yaml declares what the platform injects when there is no component.yaml', () => {
		const legacyJson = doc({ project: [{ ...svc('auth'), target: 'service:/shop/auth-service/v1/c5d5a/PUBLIC', access: 'public' }], components: [{ id: 'orders', path: 'orders', uses: [] }] });
		const config = [
			'apiVersion: core.choreo.dev/v1beta1', 'kind: ComponentConfig', 'spec:', '  outbound:', '    serviceReferences:',
			'      - name: choreo:///acme/shop/auth-service/c5d5a/v1/PUBLIC', '        connectionConfig: 01ef6903-1af7-12e8-9b89-32771e9e8535',
			'        env:', '          - from: ServiceURL', '            to: AUTH_URL', '',
		].join('\n');
		const src = 'const a = process.env.CHOREO_AUTH_SERVICEURL;\n';
		assert.deepEqual(findingsOf(legacyJson, { 'orders/index.ts': src }).get('orders/index.ts'), ['undeclared-reference@CHOREO_AUTH_SERVICEURL']);
		// Declared there (no undeclared-reference), and its env from/to renames ServiceURL: the platform injects
		// AUTH_URL, not the default name.
		assert.deepEqual(findingsOf(legacyJson, { 'orders/.choreo/component-config.yaml': config, 'orders/index.ts': src }).get('orders/index.ts'), ['renamed-variable-reference@CHOREO_AUTH_SERVICEURL']);
		assert.deepEqual(findingsOf(legacyJson, { 'orders/.choreo/component-config.yaml': config, 'orders/index.ts': 'const a = process.env.AUTH_URL;\n' }).get('orders/index.ts'), []);
	});
});
