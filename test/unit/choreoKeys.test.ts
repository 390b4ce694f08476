import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CHOREO_FILES, type ChoreoFileName } from '../../src/core/platform/choreoFiles';
import { choreoKeyAt, knownKeyPaths, renderChoreoKeyHover, type ChoreoKeyHover } from '../../src/core/platform/choreoKeys';
import { CHOREO_KEY_TEXT } from '../../src/core/findings/messages';
import { assertInert, rendered } from './idsFixture';
import { realChoreoFiles } from './helpers';

const COMPONENT_YAML = `# orders
schemaVersion: "1.2"
endpoints:
  - name: orders-api
    service:
      basePath: /orders
      port: 8080
    type: REST
    networkVisibilities:
      - Project
    schemaFilePath: openapi.yaml
dependencies:
  connectionReferences:
    - name: payments
      resourceRef: service:/shop/payments/v1/api/PROJECT
configurations:
  env:
    - name: PAYMENTS_URL
      valueFrom:
        connectionRef:
          name: payments
          key: ServiceURL
`;

/** The hover at the `delta`-th character of the first `needle`. */
function keyAt(file: ChoreoFileName, text: string, needle: string, delta = 1): ChoreoKeyHover | undefined {
	const i = text.indexOf(needle);
	assert.ok(i >= 0, needle);
	return choreoKeyAt(file, text, i + delta);
}

function spanText(text: string, h: ChoreoKeyHover): string {
	return text.slice(h.span.offset, h.span.offset + h.span.length);
}

/** A YAML document that has `path` (lists as `[]`), with the offset of its last key. */
function yamlFor(path: string): { text: string; offset: number; key: string } {
	const segments = path.split('.');
	const lines: string[] = [];
	let indent = 0;
	let dash = false;
	let offset = 0;
	let key = '';
	segments.forEach((segment, i) => {
		const name = segment.replace(/\[\]$/, '');
		const prefix = ' '.repeat(indent) + (dash ? '- ' : '');
		if (dash) {
			indent += 2;
		}
		if (i === segments.length - 1) {
			offset = lines.join('\n').length + (lines.length ? 1 : 0) + prefix.length;
			key = name;
		}
		lines.push(`${prefix}${name}:${i === segments.length - 1 ? ' x' : ''}`);
		dash = segment.endsWith('[]');
		indent += 2;
	});
	return { text: lines.join('\n') + '\n', offset, key };
}

describe('platform/choreoKeys: hover on the keys of .choreo files', () => {
	it('names the key under the offset by its path, with the exact span of the key', () => {
		const cases: [string, number, string, string][] = [
			['schemaVersion', 3, 'schemaVersion', 'schemaVersion'],
			['endpoints:', 0, 'endpoints', 'endpoints'],
			['name: orders-api', 2, 'endpoints[].name', 'name'],
			['port: 8080', 4, 'endpoints[].service.port', 'port'],
			['type: REST', 1, 'endpoints[].type', 'type'],
			['networkVisibilities', 5, 'endpoints[].networkVisibilities', 'networkVisibilities'],
			['schemaFilePath', 0, 'endpoints[].schemaFilePath', 'schemaFilePath'],
			['dependencies', 12, 'dependencies', 'dependencies'],
			['connectionReferences', 3, 'dependencies.connectionReferences', 'connectionReferences'],
			['name: payments', 0, 'dependencies.connectionReferences[].name', 'name'],
			['resourceRef', 4, 'dependencies.connectionReferences[].resourceRef', 'resourceRef'],
			['configurations', 2, 'configurations', 'configurations'],
			['env:', 1, 'configurations.env', 'env'],
			['valueFrom', 2, 'configurations.env[].valueFrom', 'valueFrom'],
			['connectionRef:', 2, 'configurations.env[].valueFrom.connectionRef', 'connectionRef'],
			['key: ServiceURL', 1, 'configurations.env[].valueFrom.connectionRef.key', 'key'],
		];
		for (const [needle, delta, path, key] of cases) {
			const h = keyAt('component.yaml', COMPONENT_YAML, needle, delta);
			assert.ok(h, needle);
			assert.equal(h.path, path, needle);
			assert.equal(h.key, key);
			assert.equal(spanText(COMPONENT_YAML, h), key, needle);
		}
		// The same `name` means different things by where it is.
		assert.notEqual(keyAt('component.yaml', COMPONENT_YAML, 'name: orders-api')!.doc, keyAt('component.yaml', COMPONENT_YAML, 'name: payments')!.doc);
		assert.notEqual(keyAt('component.yaml', COMPONENT_YAML, 'name: PAYMENTS_URL')!.doc, keyAt('component.yaml', COMPONENT_YAML, 'name: payments')!.doc);
	});

	it('the end of a key is still the key; values, comments, list dashes and unknown keys are not', () => {
		const i = COMPONENT_YAML.indexOf('resourceRef');
		assert.equal(choreoKeyAt('component.yaml', COMPONENT_YAML, i + 'resourceRef'.length)?.key, 'resourceRef');
		for (const needle of ['REST', 'orders-api', 'service:/shop', '# orders', '- Project', 'ServiceURL']) {
			assert.equal(keyAt('component.yaml', COMPONENT_YAML, needle, needle === '- Project' ? 0 : 2), undefined, needle);
		}
		assert.equal(choreoKeyAt('component.yaml', 'schemaVersion: 1.2\nmystery: 1\n', 20), undefined);
		assert.equal(choreoKeyAt('component.yaml', '- a\n- b\n', 1), undefined);
		assert.equal(choreoKeyAt('component.yaml', '', 0), undefined);
	});

	it('gives the allowed values of the closed sets: endpoint type, visibility, schemaVersion', () => {
		assert.deepEqual(keyAt('component.yaml', COMPONENT_YAML, 'type: REST')!.values, ['REST', 'GraphQL', 'GRPC', 'TCP', 'UDP', 'WS']);
		assert.deepEqual(keyAt('component.yaml', COMPONENT_YAML, 'networkVisibilities')!.values, ['Public', 'Project', 'Organization']);
		assert.deepEqual(keyAt('component.yaml', COMPONENT_YAML, 'schemaVersion')!.values, ['1.0', '1.1', '1.2']);
		assert.equal(keyAt('component.yaml', COMPONENT_YAML, 'resourceRef')!.values, undefined);
	});

	it('says which schemaVersion introduced a key, and when this file\'s version does not have it', () => {
		assert.equal(keyAt('component.yaml', COMPONENT_YAML, 'connectionReferences')!.since, '1.1');
		assert.equal(keyAt('component.yaml', COMPONENT_YAML, 'connectionReferences')!.ignoredIn, undefined);
		assert.equal(keyAt('component.yaml', COMPONENT_YAML, 'endpoints:')!.since, '1.0');
		const old = COMPONENT_YAML.replace('schemaVersion: "1.2"', 'schemaVersion: 1.0');
		const h = keyAt('component.yaml', old, 'connectionReferences')!;
		assert.equal(h.ignoredIn, '1.0');
		const md = renderChoreoKeyHover(h);
		assert.ok(md.includes('This file has schemaVersion 1\\.0: the platform ignores this key there. Set schemaVersion to `1.1` or later.'), md);
		const form = 'schemaVersion: 1.1\nconfigurations:\n  env:\n    - name: A\n      valueFrom:\n        configForm:\n          displayName: A\n';
		assert.equal(keyAt('component.yaml', form, 'configForm')!.since, '1.2');
		assert.equal(keyAt('component.yaml', form, 'configForm')!.ignoredIn, '1.1');
		assert.equal(keyAt('component.yaml', form.replace('1.1', '"1.1"'), 'configForm')!.ignoredIn, '"1.1"');
		assert.equal(keyAt('component.yaml', form, 'displayName')!.path, 'configurations.env[].valueFrom.configForm.displayName');
	});

	it('reads the singular configuration, legacy serviceReferences, component-config.yaml and endpoints.yaml', () => {
		const singular = 'schemaVersion: 1.1\nconfiguration:\n  env:\n    - name: A\n      value: b\n';
		assert.equal(keyAt('component.yaml', singular, 'configuration')!.doc, 'configuration');
		assert.equal(keyAt('component.yaml', singular, 'value')!.path, 'configuration.env[].value');
		const legacy = 'schemaVersion: 1.0\ndependencies:\n  serviceReferences:\n    - name: choreo:///acme/shop/pay/api/v1/PUBLIC\n      connectionConfig: 0f8e\n      env:\n        - from: ServiceURL\n          to: PAY_URL\n';
		assert.equal(keyAt('component.yaml', legacy, 'connectionConfig')!.doc, 'serviceReference.connectionConfig');
		assert.equal(keyAt('component.yaml', legacy, 'to: PAY')!.path, 'dependencies.serviceReferences[].env[].to');
		const config = 'apiVersion: core.choreo.dev/v1beta1\nkind: ComponentConfig\nspec:\n  inbound:\n    - name: api\n      port: 8080\n      type: REST\n      networkVisibility: Public\n      context: /api\n  outbound:\n    serviceReferences:\n      - name: thirdparty:x/v1\n';
		assert.deepEqual(keyAt('component-config.yaml', config, 'apiVersion')!.values, ['core.choreo.dev/v1beta1']);
		assert.deepEqual(keyAt('component-config.yaml', config, 'kind')!.values, ['ComponentConfig']);
		assert.equal(keyAt('component-config.yaml', config, 'networkVisibility')!.path, 'spec.inbound[].networkVisibility');
		assert.deepEqual(keyAt('component-config.yaml', config, 'networkVisibility')!.values, ['Public', 'Project', 'Organization']);
		assert.equal(keyAt('component-config.yaml', config, 'context')!.doc, 'endpoint.context');
		assert.equal(keyAt('component-config.yaml', config, 'serviceReferences')!.doc, 'serviceReferences');
		assert.equal(keyAt('component-config.yaml', config, 'serviceReferences')!.since, undefined, 'schemaVersion is a component.yaml notion');
		const endpoints = 'version: 0.1\nendpoints:\n  - name: api\n    port: 9090\n    type: GRPC\n';
		assert.equal(keyAt('endpoints.yaml', endpoints, 'version')!.doc, 'version');
		assert.equal(keyAt('endpoints.yaml', endpoints, 'port')!.path, 'endpoints[].port');
		assert.equal(keyAt('endpoints.yaml', endpoints, 'type')!.values?.length, 6);
		// A key of one file is not a key of another.
		assert.equal(keyAt('endpoints.yaml', COMPONENT_YAML, 'schemaVersion'), undefined);
	});

	it('still answers in a file with a YAML error further down', () => {
		const broken = COMPONENT_YAML + 'oops: [\n';
		assert.equal(keyAt('component.yaml', broken, 'resourceRef')?.path, 'dependencies.connectionReferences[].resourceRef');
	});

	it('renders inert Markdown: the key path and file as code, the platform\'s text, allowed values and since', () => {
		const md = renderChoreoKeyHover(keyAt('component.yaml', COMPONENT_YAML, 'type: REST')!);
		assertInert(md);
		assert.ok(md.startsWith('**`endpoints[].type` · `.choreo/component.yaml`**'), md);
		assert.ok(md.includes('**Allowed values:** `REST`, `GraphQL`, `GRPC`, `TCP`, `UDP`, `WS`'), md);
		assert.ok(md.includes('**Since:** schemaVersion `1.0`'), md);
		const ref = rendered(renderChoreoKeyHover(keyAt('component.yaml', COMPONENT_YAML, 'resourceRef')!)).text;
		assert.ok(ref.includes('reachable only from its own project'), ref);
		// Through the localisation: every fixed text passes through `t`.
		const seen: string[] = [];
		renderChoreoKeyHover(keyAt('component.yaml', COMPONENT_YAML, 'type: REST')!, (s) => (seen.push(s), s));
		assert.ok(seen.includes(CHOREO_KEY_TEXT['endpoint.type']) && seen.includes('Allowed values'), seen.join('|'));
	});

	it('every key of every file: found at each offset of its name in a document that has it, rendered inert', () => {
		for (const file of CHOREO_FILES) {
			const paths = knownKeyPaths(file);
			assert.ok(paths.length > 5, file);
			for (const path of paths) {
				const { text, offset, key } = yamlFor(path);
				for (let d = 0; d <= key.length; d++) {
					const h = choreoKeyAt(file, text, offset + d);
					assert.equal(h?.path, path, `${file} ${path} +${d}\n${text}`);
					assert.equal(spanText(text, h), key);
				}
				assertInert(renderChoreoKeyHover(choreoKeyAt(file, text, offset)!));
			}
		}
	});

	it('a quoted key is hovered on its name; a key recovered from an unterminated quote is not hovered (found by the property below)', () => {
		const q = 'schemaVersion: "1.2"\n"configurations":\n  env: []\n';
		const h = choreoKeyAt('component.yaml', q, q.indexOf('configurations') + 2);
		assert.deepEqual(h && { key: h.key, text: spanText(q, h) }, { key: 'configurations', text: 'configurations' });
		assert.equal(choreoKeyAt('component.yaml', '? "configurations', 2), undefined);
	});

	it('never throws and answers only on a key, for any text and offset', () => {
		const yamlish = fc.array(fc.constantFrom('schemaVersion', 'endpoints', ':', ' ', '  ', '- ', '\n', 'name', 'type', '[', ']', '{', '}', '"', "'", '#', 'x', 'configurations', 'env', '&a', '*a', '!!str', '? '), { maxLength: 60 }).map((a) => a.join(''));
		fc.assert(fc.property(fc.constantFrom(...CHOREO_FILES), fc.oneof(yamlish, fc.string()), fc.nat(200), (file, text, n) => {
			const offset = text.length ? n % (text.length + 1) : 0;
			const h = choreoKeyAt(file, text, offset);
			if (h) {
				assert.equal(spanText(text, h), h.key);
				assert.ok(offset >= h.span.offset && offset <= h.span.offset + h.span.length);
			}
		}), { numRuns: 400 });
	});

	it('every hover text of the catalogue is used by some key', () => {
		const used = new Set(CHOREO_FILES.flatMap((f) => knownKeyPaths(f).map((p) => choreoKeyAt(f, yamlFor(p).text, yamlFor(p).offset)!.doc)));
		assert.deepEqual(Object.keys(CHOREO_KEY_TEXT).filter((k) => !used.has(k as never)), []);
	});

	it('hovers every key of the 40 real component.yaml files that the platform reads, without throwing', () => {
		let hovered = 0;
		for (const [name, text] of realChoreoFiles()) {
			for (const m of text.matchAll(/^\s*(?:- )?(schemaVersion|endpoints|dependencies|connectionReferences|resourceRef|configurations|valueFrom|connectionRef):/gm)) {
				const h = choreoKeyAt('component.yaml', text, m.index! + m[0].indexOf(m[1]));
				if (h) {
					hovered++;
					assert.equal(h.key, m[1], name);
				}
			}
		}
		assert.ok(hovered > 40, `${hovered} keys hovered`);
	});
});
