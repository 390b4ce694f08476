import assert from 'node:assert/strict';
import { CHOREO_FILES, choreoFileOfPath, choreoFilePath, shadowedFiles, type ChoreoFileName } from '../../src/core/platform/choreoFiles';
import { checkSourceConfig, type SourceConfigContext } from '../../src/core/platform/sourceConfig';
import { realChoreoFiles } from './helpers';


/** `code@text` for each finding: the code and the exact text its range covers. */
function check(name: ChoreoFileName, text: string, context: SourceConfigContext = { fileExists: () => true }): string[] {
	return checkSourceConfig(name, text, context).map((p) => `${p.code}@${text.slice(p.offset, p.offset + p.length)}`);
}

const errorsOnly = (name: ChoreoFileName, text: string) => checkSourceConfig(name, text, { fileExists: () => true }).filter((p) => p.severity === 'error').map((p) => p.code);

describe('sourceConfig: the platform validator\'s rules on .choreo files', () => {
	it('on the 40 real files, rejects exactly the seven the platform\'s validator rejects, for the same reasons', () => {
		const files = realChoreoFiles();
		// The validator's verdicts (choreo-templates/choreo-source-config-validator, schema files taken as present).
		const rejected: Record<string, string[]> = {
			'AkinduID__github-administration-automation@eba9d02__.choreo__component.yaml': ['source-config-invalid-value'], // port "<SERVICE_PORT>"
			'CharukaK__choreo-cli-service-test@d712b95__.choreo__component.yaml': ['source-config-required'], // no schemaVersion
			'chathuranga95__travel-booking@1455a9e__.choreo__component.yaml': ['source-config-resource-ref'], // legacy name ends in PUBLIC1
			'chathuranga95__travel-booking__.choreo__component.yaml': ['source-config-resource-ref'], // resourceRef ends in PUBLIC1
			'choreo-test-apps__connection-test-reward-management-api__.choreo__component-config.yaml': ['source-config-invalid-value'], // apiVersion v1alpha1
			'kokilaw__rupiyal-bff__.choreo__component-config.yaml': ['source-config-invalid-value'], // apiVersion 0.0.1
			'ruwanlinton__hermes-ems__backend__.choreo__component.yaml': ['source-config-required'], // no schemaVersion
		};
		const names = [...files.keys()];
		assert.equal(names.length, 40);
		for (const n of names) {
			const name = CHOREO_FILES.find((f) => n.endsWith(`__.choreo__${f}`))!;
			assert.deepEqual(errorsOnly(name, files.get(n)!), rejected[n] ?? [], n);
		}
	});

	it('schemaVersion: 1.0, 1.1 and 1.2 (quoted or not) are read; others and none are errors; older ones are information', () => {
		assert.deepEqual(check('component.yaml', 'schemaVersion: 1.2\n'), []);
		assert.deepEqual(check('component.yaml', 'schemaVersion: "1.2"\n'), []);
		assert.deepEqual(check('component.yaml', 'schemaVersion: 1.1\n'), ['source-config-outdated@1.1']);
		assert.deepEqual(check('component.yaml', 'schemaVersion: 1.3\n'), ['source-config-schema-version@1.3']);
		assert.deepEqual(check('component.yaml', 'version: 1\n'), ['source-config-required@version: 1']);
	});

	it('connection references: name grammar, a required resourceRef, and the platform\'s resourceRef grammar', () => {
		const text = [
			'schemaVersion: 1.2', 'dependencies:', '  connectionReferences:',
			'    - name: ok-one', '      resourceRef: payments/v1.0',
			'    - name: bad--name', '      resourceRef: thirdparty:Twilio SMS/v2',
			'    - name: no-ref',
			'    - name: db', '      resourceRef: database:pg.main/orders', '',
		].join('\n');
		assert.deepEqual(check('component.yaml', text), [
			'source-config-invalid-value@bad--name',
			'source-config-required@name: no-ref',
			'source-config-invalid-value@db', // two characters: the name rule wants three
			'source-config-resource-ref@database:pg.main/orders',
		]);
	});

	it('connectionReferences in a 1.0 file are ignored by the platform: a warning, not silence', () => {
		assert.deepEqual(check('component.yaml', 'schemaVersion: 1.0\ndependencies:\n  connectionReferences:\n    - name: x\n      resourceRef: a/v1\n'), [
			'source-config-outdated@1.0', 'source-config-not-in-version@connectionReferences',
		]);
	});

	it('env: names, uniqueness, one value source (none is an error, two a warning), in configuration and configurations', () => {
		const text = [
			'schemaVersion: 1.2', 'configurations:', '  env:',
			'    - name: GOOD', '      value: "1"',
			'    - name: 1BAD', '      value: x',
			'    - name: GOOD', '      valueFrom:', '        configForm:', '          type: string',
			'    - name: EMPTY',
			'    - name: BOTH', '      value: y', '      valueFrom:', '        connectionRef:', '          name: db', '          key: HostName',
			'configuration:', '  env:', '    - name: REF', '      valueFrom:', '        connectionRef:', '          name: db', '',
		].join('\n');
		assert.deepEqual(check('component.yaml', text), [
			'source-config-required@name: db', // configuration (singular) is read too: its connectionRef has no key
			'source-config-env-name@1BAD',
			'source-config-env-value-missing@name: EMPTY',
			'source-config-env-value-ambiguous@name: BOTH',
			'source-config-duplicate@GOOD',
		]);
		// 1.1 has no configForm: such an entry has no value source the platform reads.
		assert.deepEqual(check('component.yaml', 'schemaVersion: 1.1\nconfigurations:\n  env:\n    - name: F\n      valueFrom:\n        configForm: {}\n'), [
			'source-config-outdated@1.1', 'source-config-env-value-missing@name: F',
		]);
	});

	it('endpoints: name grammar and uniqueness, type, port range, visibilities, and schemaFilePath relative to the component', () => {
		const text = [
			'schemaVersion: 1.2', 'endpoints:',
			'  - name: Api', '    service:', '      basePath: api', '      port: 80', '    type: SOAP',
			'  - name: grpc', '    service:', '      port: 9090', '    type: GRPC', '    networkVisibilities:', '      - Public',
			'    schemaFilePath: specs/missing.proto',
			'  - name: grpc', '    service:', '      port: 9091', '    type: TCP', '    networkVisibilities: [Project]',
			'    schemaFilePath: specs/ok.yaml', '',
		].join('\n');
		assert.deepEqual(check('component.yaml', text, { fileExists: (p) => p === 'specs/ok.yaml' }), [
			'source-config-invalid-value@Api',
			'source-config-invalid-value@api',
			'source-config-invalid-value@80',
			'source-config-invalid-value@SOAP',
			'source-config-invalid-value@- Public',
			'source-config-schema-file@specs/missing.proto',
			'source-config-duplicate@grpc',
		]);
	});

	it('endpoints.yaml and component-config.yaml: required fields, context for REST, apiVersion and kind, legacy references', () => {
		assert.deepEqual(check('endpoints.yaml', 'version: 0.1\nendpoints:\n  - name: api\n    port: 8080\n    type: REST\n'), [
			'source-config-outdated@version', 'source-config-required@name: api',
		]);
		assert.deepEqual(check('endpoints.yaml', 'endpoints: []\n'), ['source-config-required@endpoints: []']);
		const config = [
			'apiVersion: core.choreo.dev/v1beta1', 'kind: Component', 'spec:', '  outbound:', '    serviceReferences:',
			'      - name: choreo:///acme/shop/auth/c5d5a/v1/PUBLIC', '        connectionConfig: not-a-uuid', '',
		].join('\n');
		assert.deepEqual(check('component-config.yaml', config), [
			'source-config-invalid-value@Component',
			'source-config-outdated@apiVersion',
			'source-config-invalid-value@not-a-uuid',
			'source-config-required@name: choreo:///acme/shop/auth/c5d5a/v1/PUBLIC',
		]);
	});

	it('precedence: component.yaml > component-config.yaml > endpoints.yaml', () => {
		assert.deepEqual(shadowedFiles(['endpoints.yaml', 'component.yaml']), [{ file: 'endpoints.yaml', by: 'component.yaml' }]);
		assert.deepEqual(shadowedFiles(['endpoints.yaml', 'component-config.yaml']), [{ file: 'endpoints.yaml', by: 'component-config.yaml' }]);
		assert.deepEqual(shadowedFiles(['endpoints.yaml']), []);
		assert.equal(choreoFilePath({ folder: '', name: 'component.yaml' }), '.choreo/component.yaml');
		assert.equal(choreoFilePath({ folder: 'services/orders', name: 'endpoints.yaml' }), 'services/orders/.choreo/endpoints.yaml');
		assert.deepEqual(choreoFileOfPath('services/orders/.choreo/component-config.yaml'), { folder: 'services/orders', name: 'component-config.yaml' });
		assert.deepEqual(choreoFileOfPath('.choreo/component.yaml'), { folder: '', name: 'component.yaml' });
		assert.equal(choreoFileOfPath('services/orders/component.yaml'), undefined);
		assert.equal(choreoFileOfPath('.choreo/other.yaml'), undefined);
	});

	it('any text never throws and every range lies inside it', () => {
		for (const text of ['', '- a\n- b\n', ': :', 'schemaVersion: [1.2]\n', 'schemaVersion: 1.2\nendpoints: x\ndependencies:\n  connectionReferences: {}\n', '\u0000', 'a: b: c']) {
			for (const name of CHOREO_FILES) {
				for (const p of checkSourceConfig(name, text)) {
					assert.ok(p.offset >= 0 && p.offset + p.length <= text.length, `${name} ${JSON.stringify(text)} ${p.code}`);
				}
			}
		}
	});
});
