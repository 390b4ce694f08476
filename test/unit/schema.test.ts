// Promise T4 (docs/reliability.md): the schema is static and ours. Walks schemas/connections.schema.json
// and checks the rules every schema node must follow, then a few documents it must accept or refuse.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import safeRegex from 'safe-regex2';
import schemaJson from '../../schemas/connections.schema.json';
import { parseConnectionsText } from '../../src/core/json/parse';
import { validateSchema } from '../../src/core/json/schemaValidation';

type SchemaNode = Record<string, unknown>;
const schema = schemaJson as unknown as SchemaNode;

/** The annotation keywords scripts/generateSchema.mjs registers; nothing else is allowed beyond draft-07. */
const ANNOTATION_KEYWORDS = ['x-hint', 'x-completed-by-extension', 'defaultSnippets', 'markdownDescription', 'allowTrailingCommas', 'allowComments'];

function createAjv(): Ajv {
	const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
	for (const keyword of ANNOTATION_KEYWORDS) {
		ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'boolean', 'object'] });
	}
	return ajv;
}

/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties', 'dependencies']);
/** Keywords whose value is one schema. */
const SCHEMA_ONE = new Set(['items', 'additionalItems', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST = new Set(['anyOf', 'allOf', 'oneOf']);

interface Visit {
	readonly node: SchemaNode;
	/** JSON pointer of the node in the schema file. */
	readonly pointer: string;
	/** The keyword the node hangs under in its parent ('' for the root). */
	readonly via: string;
	readonly parent?: SchemaNode;
}

/** Every schema node (not annotation values such as examples or snippet bodies), with where it is. */
function schemaNodes(): Visit[] {
	const out: Visit[] = [];
	const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
	const walk = (node: unknown, pointer: string, via: string, parent?: SchemaNode) => {
		if (typeof node === 'boolean') {
			return;
		}
		assert.ok(node && typeof node === 'object' && !Array.isArray(node), `${pointer || '#'} is not a schema`);
		const n = node as SchemaNode;
		out.push({ node: n, pointer, via, parent });
		for (const [k, v] of Object.entries(n)) {
			if (SCHEMA_MAPS.has(k)) {
				for (const [name, sub] of Object.entries(v as SchemaNode)) {
					walk(sub, `${pointer}/${k}/${esc(name)}`, k, n);
				}
			} else if (SCHEMA_ONE.has(k)) {
				if (Array.isArray(v)) {
					v.forEach((sub, i) => walk(sub, `${pointer}/${k}/${i}`, k, n));
				} else {
					walk(v, `${pointer}/${k}`, k, n);
				}
			} else if (SCHEMA_LIST.has(k)) {
				(v as unknown[]).forEach((sub, i) => walk(sub, `${pointer}/${k}/${i}`, k, n));
			}
		}
	};
	walk(schema, '', '');
	return out;
}

/** Every key anywhere in a JSON value, with its path (for keywords that must not appear at all). */
function allKeys(value: unknown, at = ''): { key: string; at: string; value: unknown }[] {
	if (!value || typeof value !== 'object') {
		return [];
	}
	return Object.entries(value).flatMap(([k, v]) => [{ key: k, at, value: v }, ...allKeys(v, `${at}/${k}`)]);
}

let validate: ValidateFunction;
const nodes = schemaNodes();

describe('schema (T4): static, strict and safe', () => {
	it('compiles with ajv in strict mode, once, with only the registered annotation keywords', () => {
		const ajv = createAjv();
		validate = ajv.compile(schema);
		assert.equal(typeof validate, 'function');
		assert.equal(validate({ version: 1 }), true, ajv.errorsText(validate.errors));
		assert.equal(validate({ version: 1, extra: true }), false);
		assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
		assert.equal(schema.$id, 'https://connections-tools.dev/schemas/connections.schema.json');
	});

	it('has no $data, no uniqueItems, no format and no remote $ref', () => {
		for (const { key, at } of allKeys(schema)) {
			assert.notEqual(key, '$data', `$data at ${at}`);
			if (at.includes('/defaultSnippets') || at.includes('/examples')) {
				continue; // annotation values, not schema
			}
			assert.notEqual(key, 'uniqueItems', `uniqueItems at ${at}`);
			assert.notEqual(key, 'format', `format at ${at}`);
		}
		const defs = schema.definitions as SchemaNode;
		let refs = 0;
		for (const { node, pointer } of nodes) {
			if ('$ref' in node) {
				refs++;
				const ref = String(node.$ref);
				assert.match(ref, /^#\/definitions\/[A-Za-z]+$/, `${pointer}: $ref ${ref} is not a local definition`);
				assert.ok(Object.prototype.hasOwnProperty.call(defs, ref.slice('#/definitions/'.length)), `${pointer}: $ref ${ref} does not resolve`);
			}
		}
		assert.ok(refs > 5);
	});

	it('every pattern has a maxLength, an x-hint, compiles with the u flag and passes safe-regex2', () => {
		const patterns = nodes.filter((v) => 'pattern' in v.node);
		assert.ok(patterns.length >= 6, 'IDs, names, keys, variables and paths are patterned');
		for (const { node, pointer, via, parent } of patterns) {
			const pattern = String(node.pattern);
			const maxLength = node.maxLength ?? (via === 'propertyNames' ? parent?.maxLength : undefined);
			assert.equal(typeof maxLength, 'number', `${pointer}: pattern without maxLength`);
			assert.ok((maxLength as number) <= 1024, `${pointer}: maxLength ${maxLength} is too large to bound a pattern`);
			assert.equal(typeof node['x-hint'], 'string', `${pointer}: pattern without x-hint`);
			assert.doesNotThrow(() => new RegExp(pattern, 'u'), `${pointer}: pattern does not compile`);
			assert.ok(safeRegex(pattern), `${pointer}: pattern ${pattern} may backtrack catastrophically`);
			// safe-regex2 above is the proof; hostile near-matches at the maximum length still run here, so a
			// regression that backtracks shows as this test's timeout rather than as a timed assertion.
			const re = new RegExp(pattern, 'u');
			for (const evil of ['a'.repeat(maxLength as number) + '!', 'a-'.repeat((maxLength as number) / 2) + '--', '/'.repeat(maxLength as number)]) {
				assert.equal(typeof re.test(evil), 'boolean');
			}
		}
	});

	it('every anyOf says in an x-hint what is allowed, and its branches are inline (so one finding stands for all of them)', () => {
		const anyOfs = nodes.filter((v) => 'anyOf' in v.node);
		assert.ok(anyOfs.length >= 1);
		for (const { node, pointer } of anyOfs) {
			assert.equal(typeof node['x-hint'], 'string', `${pointer}: anyOf without x-hint`);
			for (const branch of nodes.filter((v) => v.pointer.startsWith(`${pointer}/anyOf/`))) {
				assert.ok(!('$ref' in branch.node), `${branch.pointer}: a $ref under anyOf reports its errors outside the anyOf`);
			}
		}
	});

	it('every string length bound that is not self-explanatory has an x-hint', () => {
		for (const { node, pointer } of nodes) {
			if (('maxLength' in node || 'minLength' in node) && !('pattern' in node)) {
				assert.equal(typeof node['x-hint'], 'string', `${pointer}: length bound without x-hint`);
			}
		}
	});

	it('every property and definition has a description (it is the hover text in the editor)', () => {
		let count = 0;
		for (const { node, pointer, via } of nodes) {
			if (via === 'properties' || via === 'definitions' || pointer === '') {
				count++;
				assert.equal(typeof node.description, 'string', `${pointer || '#'} has no description`);
				assert.ok(String(node.description).length >= 10, `${pointer} has a too short description`);
			}
		}
		assert.ok(count >= 40, `only ${count} properties and definitions`);
	});

	it('every object is closed (additionalProperties false, or a schema for its values)', () => {
		for (const { node, pointer } of nodes) {
			if (node.type === 'object') {
				assert.ok('additionalProperties' in node, `${pointer}: open object`);
			}
		}
	});

	it('every example is valid for its node, and the completion snippets give valid values', () => {
		const ajv = createAjv();
		ajv.addSchema(schema);
		const id = String(schema.$id);
		let checked = 0;
		for (const { node, pointer } of nodes) {
			const check = (value: unknown, what: string) => {
				const v = ajv.getSchema(`${id}#${pointer}`);
				assert.ok(v, `${pointer}: not addressable`);
				assert.ok(v(value), `${pointer}: ${what} ${JSON.stringify(value)} is invalid: ${ajv.errorsText(v.errors)}`);
				checked++;
			};
			for (const example of (node.examples as unknown[] | undefined) ?? []) {
				check(example, 'example');
			}
			for (const snippet of (node.defaultSnippets as { body: unknown }[] | undefined) ?? []) {
				check(expandSnippet(snippet.body), 'snippet');
			}
		}
		assert.ok(checked >= 15);
	});
});

/** What VS Code inserts for a defaultSnippets body with every placeholder at its default. */
function expandSnippet(body: unknown): unknown {
	const defaults = new Map<string, string>();
	const text = (s: string) => s
		.replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, d: string) => (defaults.set(n, d), d))
		.replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_, n: string, d: string) => (defaults.set(n, d), d))
		.replace(/\$(\d+)/g, (_, n: string) => defaults.get(n) ?? 'abc'); // an empty tab stop: the user types a value
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') {
			return v.startsWith('^') ? JSON.parse(text(v.slice(1))) : text(v);
		}
		if (Array.isArray(v)) {
			return v.map(walk);
		}
		if (v && typeof v === 'object') {
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
		}
		return v;
	};
	return walk(body);
}

/** The design example of the format, comments and all: one connection of each kind, a component with uses, own connections and env. */
const DESIGN_EXAMPLE = `{
  "version": 1,
  "environments": ["development", "production"],   // optional; these two when absent
  "organization": {
    "id": "acme",
    "connections": [
      {
        "id": "shared-postgres",                     // the ID rule of docs/connections-json.md
        "name": "Shared Postgres",                   // optional display name
        "description": "Orders database",            // optional
        "kind": "database",                          // "service" | "third-party" | "database"
        "target": "database:pg-main/orders",         // resourceRef, grammar by kind
        "parameters": {
          "HostName": { "development": "db.dev.acme.internal", "production": "db.acme.internal" },
          "Port": 5432,
          "Username": "orders",
          "Password": { "secret": true },            // value lives in secret storage, never here
          "DatabaseName": "orders"
        }
      }
    ]
  },
  "project": {
    "id": "shop",
    "connections": [
      {
        "id": "payments",
        "kind": "service",
        "target": "service:/shop/payments/v1/api/ORGANIZATION",
        "access": "organization",                    // service only; equals the target's last segment
        "security": { "scheme": "oauth2", "oauthApp": "shop-app" },   // "oauth2" | "api-key" | "none"
        "parameters": { "ServiceURL": "https://payments.dev.acme.io", "ConsumerSecret": { "secret": true } }
      }
    ],
    "components": [
      {
        "id": "orders-api",
        "type": "service",                           // service | web-app | scheduled-task | manual-task | api-proxy | webhook | event-handler
        "path": "services/orders",                   // source folder, relative to the repository root
        "uses": ["shared-postgres", "payments"],     // organization/project connections it consumes
        "connections": [                             // component-scope connections (implicitly used)
          { "id": "legacy-billing", "kind": "third-party", "target": "thirdparty:legacy-billing/v2",
            "parameters": { "ServiceURL": "http://billing.internal:8080", "AuthToken": { "secret": true } } }
        ],
        "env": {                                     // optional renames: the default variable is then not injected
          "PAYMENTS_URL": { "connection": "payments", "key": "ServiceURL" }
        }
      }
    ]
  }
}`;

type Doc = Record<string, any>;

function designDoc(): Doc {
	return parseJsonc(DESIGN_EXAMPLE) as Doc;
}

/** ajv errors of a document as `instancePath keyword` strings. */
function errorsOf(doc: unknown): string[] {
	return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

describe('schema: documents', () => {
	before(() => {
		validate ??= createAjv().compile(schema);
	});

	it('accepts the design example', () => {
		assert.deepEqual(errorsOf(designDoc()), []);
	});

	it('accepts the complete example of docs/connections-json.md, and it gives no schema finding', () => {
		const doc = fs.readFileSync('docs/connections-json.md', 'utf8');
		const section = doc.slice(doc.indexOf('## A complete example'));
		const block = /```jsonc\n([\s\S]*?)\n```/.exec(section);
		assert.ok(block, 'docs/connections-json.md has a jsonc block under "A complete example"');
		const errors: ParseError[] = [];
		const value = parseJsonc(block[1], errors, { allowTrailingComma: true });
		assert.deepEqual(errors, []);
		assert.deepEqual(errorsOf(value), []);
		const parsed = parseConnectionsText(block[1]);
		assert.deepEqual(validateSchema(parsed.root!, parsed.value), []);
	});

	it('accepts a minimal file and every value form of a parameter', () => {
		assert.deepEqual(errorsOf({ version: 1 }), []);
		const doc = designDoc();
		doc.organization.connections[0].parameters = {
			HostName: 'db', Port: 5432, Ssl: true, Password: { secret: true }, Username: { development: 'dev', production: 'app' }, DatabaseName: { staging: 7 },
		};
		doc.project.components[0].path = '.';
		doc.project.components.push({ id: 'Book Listing 2.0', path: '' }, { id: 'web_app', type: 'web-app', path: './apps/web/' });
		assert.deepEqual(errorsOf(doc), []);
	});

	it('accepts the example repository examples/acme-shop/connections.json (its mistakes are semantic, not schema errors)', () => {
		const file = path.resolve('examples/acme-shop/connections.json');
		const errors: ParseError[] = [];
		const doc = parseJsonc(fs.readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
		assert.deepEqual(errors, []);
		assert.deepEqual(errorsOf(doc), []);
	});

	const invalid: [string, (doc: Doc) => void, string][] = [
		['a missing version', (d) => delete d.version, ' required'],
		['a version that is not an integer', (d) => (d.version = '1'), '/version type'],
		['an unknown root property', (d) => (d.connections = []), ' additionalProperties'],
		['an unknown connection property', (d) => (d.project.connections[0].visibility = 'public'), '/project/connections/0 additionalProperties'],
		['an unknown component property', (d) => (d.project.components[0].connection = []), '/project/components/0 additionalProperties'],
		['connections that are not an array', (d) => (d.organization.connections = {}), '/organization/connections type'],
		['an id that is null', (d) => (d.project.connections[0].id = null), '/project/connections/0/id type'],
		['a missing kind', (d) => delete d.project.connections[0].kind, '/project/connections/0 required'],
		['an unknown kind', (d) => (d.project.connections[0].kind = 'queue'), '/project/connections/0/kind enum'],
		['an unknown access mode', (d) => (d.project.connections[0].access = 'private'), '/project/connections/0/access enum'],
		['an unknown security scheme', (d) => (d.project.connections[0].security.scheme = 'basic'), '/project/connections/0/security/scheme enum'],
		['security without a scheme', (d) => (d.project.connections[0].security = { oauthApp: 'shop-app' }), '/project/connections/0/security required'],
		['an unknown component type', (d) => (d.project.components[0].type = 'cron'), '/project/components/0/type enum'],
		['a two-character ID', (d) => (d.project.connections[0].id = 'pa'), '/project/connections/0/id pattern'],
		['an ID with two delimiters in a row', (d) => (d.project.connections[0].id = 'pay--ments'), '/project/connections/0/id pattern'],
		['an ID ending in a delimiter', (d) => (d.project.connections[0].id = 'payments-'), '/project/connections/0/id pattern'],
		['an ID with other characters', (d) => (d.project.connections[0].id = 'pay/ments'), '/project/connections/0/id pattern'],
		['an ID of 51 characters', (d) => (d.project.connections[0].id = 'a'.repeat(51)), '/project/connections/0/id maxLength'],
		['a bad ID in uses', (d) => (d.project.components[0].uses = ['payments', 'x']), '/project/components/0/uses/1 pattern'],
		['a bad OAuth application name', (d) => (d.project.connections[0].security.oauthApp = '-app'), '/project/connections/0/security/oauthApp pattern'],
		['a bad component ID', (d) => (d.project.components[0].id = 'orders..api'), '/project/components/0/id pattern'],
		['{ "secret": false }', (d) => (d.organization.connections[0].parameters.Password = { secret: false }), '/organization/connections/0/parameters/Password anyOf'],
		['a secret marker with more keys', (d) => (d.organization.connections[0].parameters.Password = { secret: true, development: 'x' }), '/organization/connections/0/parameters/Password anyOf'],
		['an empty per-environment object', (d) => (d.organization.connections[0].parameters.Port = {}), '/organization/connections/0/parameters/Port anyOf'],
		['a per-environment value that is an object', (d) => (d.organization.connections[0].parameters.Port = { development: { port: 1 } }), '/organization/connections/0/parameters/Port anyOf'],
		['a parameter value that is an array', (d) => (d.organization.connections[0].parameters.Port = [5432]), '/organization/connections/0/parameters/Port anyOf'],
		['a parameter value that is null', (d) => (d.organization.connections[0].parameters.Port = null), '/organization/connections/0/parameters/Port anyOf'],
		['a parameter key with a space', (d) => (d.organization.connections[0].parameters['Host Name'] = 'x'), '/organization/connections/0/parameters pattern'],
		['an environment named secret', (d) => d.environments.push('secret'), '/environments/2 not'],
		['an environment with capitals', (d) => d.environments.push('Prod'), '/environments/2 pattern'],
		['a path with a leading /', (d) => (d.project.components[0].path = '/services/orders'), '/project/components/0/path pattern'],
		['a path with a .. folder', (d) => (d.project.components[0].path = 'services/../../etc'), '/project/components/0/path pattern'],
		['a path that is ..', (d) => (d.project.components[0].path = '..'), '/project/components/0/path pattern'],
		['a path with a backslash', (d) => (d.project.components[0].path = 'services\\orders'), '/project/components/0/path pattern'],
		['an env rename with a bad variable name', (d) => (d.project.components[0].env = { '1URL': { connection: 'payments', key: 'ServiceURL' } }), '/project/components/0/env pattern'],
		['an env rename without a key', (d) => (d.project.components[0].env.PAYMENTS_URL = { connection: 'payments' }), '/project/components/0/env/PAYMENTS_URL required'],
		['a target over 512 characters', (d) => (d.project.connections[0].target = 'service:/' + 'a'.repeat(510)), '/project/connections/0/target maxLength'],
	];
	for (const [what, change, expected] of invalid) {
		it(`refuses ${what}`, () => {
			const doc = designDoc();
			change(doc);
			const errors = errorsOf(doc);
			assert.ok(errors.includes(expected), `expected "${expected}", got ${JSON.stringify(errors)}`);
		});
	}

	it('a refused parameter value is one finding whose message says what is allowed', () => {
		const text = DESIGN_EXAMPLE.replace('"Password": { "secret": true }', '"Password": { "secret": false }');
		const parsed = parseConnectionsText(text);
		const problems = validateSchema(parsed.root!, parsed.value);
		assert.deepEqual(problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]), [['schema-value', '{ "secret": false }']]);
		assert.deepEqual(problems[0].args, {
			path: 'organization.connections[0].parameters.Password',
			hint: 'a parameter value is a string, number or boolean; exactly { "secret": true } for a secret; or an object whose keys are environment names (not "secret") and whose values are strings, numbers or booleans',
		});
	});

	it('a bad ID is one finding, whatever is wrong with it', () => {
		for (const id of ['x', 'pa', 'a..b', '-ab', 'a'.repeat(51)]) {
			const text = DESIGN_EXAMPLE.replace('"uses": ["shared-postgres", "payments"]', `"uses": ["shared-postgres", ${JSON.stringify(id)}]`);
			const parsed = parseConnectionsText(text);
			const problems = validateSchema(parsed.root!, parsed.value);
			assert.equal(problems.length, 1, `${id}: ${JSON.stringify(problems)}`);
			assert.equal(problems[0].code, id.length > 50 ? 'schema-length' : 'schema-pattern', id);
			assert.deepEqual(problems[0].args, {
				path: 'project.components[0].uses[1]',
				hint: 'a connection ID has 3–50 characters: letters, digits, spaces, \'_\', \'-\' and \'.\', starts and ends with a letter or digit, and never has two of \' _-.\' in a row',
			}, id);
		}
	});

	it('a pathological ID is refused quickly', () => {
		const doc = designDoc();
		doc.project.components[0].uses = ['a'.repeat(1_000_000) + '!', 'a-'.repeat(500_000) + '-'];
		assert.ok(!validate(doc));
		// Both IDs are refused for their length (and their pattern, which is safe: see the ReDoS test above).
		const keywords = (validate.errors ?? []).filter((e) => e.instancePath.startsWith('/project/components/0/uses')).map((e) => `${e.instancePath} ${e.keyword}`);
		assert.ok(keywords.includes('/project/components/0/uses/0 maxLength') && keywords.includes('/project/components/0/uses/1 maxLength'), keywords.join(', '));
	});
});
