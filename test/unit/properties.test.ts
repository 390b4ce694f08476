import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { db, doc } from './helpers';

const ids = fc.constantFrom('payments', 'payment', 'shared-db', 'orders db', 'hr.conn', 'hr-conn', 'x', '__proto__', 'constructor', 'cache', 'a--b');
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant({ secret: true }), fc.dictionary(fc.constantFrom('development', 'production', 'prod'), fc.string()));
const connection = fc.record({
	id: ids,
	kind: fc.constantFrom('service', 'database', 'third-party', 'queue'),
	target: fc.constantFrom('service:/shop/payments/v1/api/ORGANIZATION', 'database:main/orders', 'thirdparty:stripe/v1', 'nonsense'),
	access: fc.constantFrom('project', 'organization', 'public', undefined),
	security: fc.option(fc.record({ scheme: fc.constantFrom('oauth2', 'none', 'api-key'), oauthApp: fc.constantFrom('app-a', 'app-b', undefined) }), { nil: undefined }),
	parameters: fc.dictionary(fc.constantFrom('HostName', 'Hostname', 'Password', 'ServiceURL', 'ConsumerSecret', 'Token', '__proto__'), anyValue),
}, { requiredKeys: ['id', 'kind'] });
const component = fc.record({
	id: ids,
	path: fc.constantFrom('svc/a', 'svc/b', ''),
	uses: fc.array(ids, { maxLength: 4 }),
	connections: fc.array(connection, { maxLength: 2 }),
});
const document = fc.record({
	org: fc.array(connection, { maxLength: 3 }),
	project: fc.array(connection, { maxLength: 3 }),
	components: fc.array(component, { maxLength: 3 }),
}).map((parts) => doc(parts));

function analyse(text: string) {
	const project = new ConnectionsProject(text);
	project.updateSource('svc/a/x.ts', 'process.env.CHOREO_PAYMENTS_SERVICEURL; process.env.CHOREO_HR_CONN_X');
	project.sourcesComplete = true;
	return project.analyze().get('connections.json')!;
}

function assertInside(text: string) {
	for (const p of analyse(text)) {
		assert.ok(p.offset >= 0 && p.length >= 0 && p.offset + p.length <= text.length, `${p.code} ${p.offset}+${p.length} outside ${text.length}`);
	}
}

describe('properties', () => {
	it('any text: analysis never throws and every range lies inside the text', () => {
		fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => assertInside(text)), { numRuns: 500 });
	});

	it('any JSON-ish token soup: never throws, ranges inside', () => {
		const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"id"', '"version"', '1', '"organization"', '"connections"', '"__proto__"', '// c\n', '/*', '*/', '"', ' ', '\n', 'null', 'true');
		fc.assert(fc.property(fc.array(token, { maxLength: 80 }), (tokens) => assertInside(tokens.join(''))), { numRuns: 500 });
	});

	it('mutations of valid documents (delete, insert, duplicate a slice): never throws, ranges inside', () => {
		fc.assert(fc.property(document, fc.nat(), fc.nat(), fc.constantFrom('delete', 'insert', 'duplicate'), (text, a, b, op) => {
			const i = a % (text.length + 1);
			const j = Math.min(text.length, i + (b % 40));
			const mutated = op === 'delete' ? text.slice(0, i) + text.slice(j) : op === 'insert' ? text.slice(0, i) + '{"x":[' + text.slice(i) : text.slice(0, j) + text.slice(i, j) + text.slice(j);
			assertInside(mutated);
		}), { numRuns: 300 });
	});

	it('findings do not depend on formatting: the same codes on the same tokens', () => {
		fc.assert(fc.property(document, fc.constantFrom(0, 1, 4, '\t'), (text, indent) => {
			const reformatted = JSON.stringify(JSON.parse(text), null, indent as string | number);
			const shape = (t: string) => analyse(t).map((p) => `${p.code}:${t.slice(p.offset, p.offset + p.length).replace(/\s+/g, '')}`);
			assert.deepEqual(shape(reformatted), shape(text));
		}), { numRuns: 200 });
	});

	it('no model object carries inherited or polluted properties', () => {
		const inherited = (o: object) => Object.keys(Object.getPrototypeOf(o) ?? {}).concat(Object.keys(o).filter((k) => !Object.prototype.hasOwnProperty.call(o, k)));
		fc.assert(fc.property(document, (text) => {
			const project = new ConnectionsProject(text);
			project.analyze();
			const { model } = project.index;
			for (const c of model.allConnections) {
				assert.deepEqual(inherited(c), [], c.id);
				for (const p of c.parameters) {
					assert.deepEqual(inherited(p), [], `${c.id}.${p.key}`);
					assert.equal(typeof p.key, 'string');
				}
			}
			for (const comp of model.components) {
				assert.deepEqual(inherited(comp), [], comp.id);
			}
			assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype is untouched');
			assert.equal(({} as Record<string, unknown>).polluted, undefined);
		}), { numRuns: 100 });
		// A __proto__ parameter is a finding and never reaches the model.
		const project = new ConnectionsProject(doc({ project: [db('cache', { Port: 1 })] }).replace('"Port"', '"__proto__": "x", "Port"'));
		assert.deepEqual(project.index.model.allConnections[0].parameters.map((p) => p.key), ['Port']);
		assert.deepEqual(project.analyze().get('connections.json')!.map((p) => p.code), ['forbidden-key']);
	});
});
