// The component types have one home: the schema's `type` enum. Everything else that names them
// (the docs' table, the completion snippet) derives from it or is checked against it here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseConnectionsText } from '../../src/core/json/parse';
import { validateSchema } from '../../src/core/json/schemaValidation';

const schema = JSON.parse(fs.readFileSync('schemas/connections.schema.json', 'utf8'));
const TYPES: string[] = schema.definitions.component.properties.type.enum;

function fileWithType(type: string): string {
	return JSON.stringify({ version: 1, project: { id: 'shop', components: [{ id: 'orders-api', type }] } });
}

describe('component types', () => {
	it('include the platform\'s current types: test runner, MCP server and the integration types', () => {
		for (const t of ['test-runner', 'mcp-server', 'integration-as-api', 'event-integration', 'file-integration', 'automation', 'ai-agent']) {
			assert.ok(TYPES.includes(t), t);
		}
		assert.equal(new Set(TYPES).size, TYPES.length);
	});

	it('docs/connections-json.md lists exactly the schema\'s types, in its order', () => {
		const doc = fs.readFileSync('docs/connections-json.md', 'utf8');
		const section = doc.slice(doc.indexOf('### Component types'));
		const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| `type` |')));
		const listed = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).filter((t) => t !== 'type');
		assert.deepEqual(listed, TYPES);
	});

	it('no other list of them: the snippet offers the enum through completion, src/ names none', () => {
		const snippet = JSON.stringify(schema.definitions.component.defaultSnippets);
		assert.ok(!snippet.includes('web-app'), snippet);
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
				const p = `${dir}/${e.name}`;
				if (e.isDirectory()) {
					if (e.name !== 'generated') {
						walk(p);
					}
				} else if (p.endsWith('.ts') && /'scheduled-task'|"scheduled-task"/.test(fs.readFileSync(p, 'utf8'))) {
					offenders.push(p);
				}
			}
		};
		walk('src');
		assert.deepEqual(offenders, []);
	});

	it('every type is accepted by the schema validator, and a near miss is not', () => {
		for (const t of TYPES) {
			const parsed = parseConnectionsText(fileWithType(t));
			assert.deepEqual(validateSchema(parsed.root!, parsed.value).map((p) => p.code), [], t);
		}
		const parsed = parseConnectionsText(fileWithType('testRunner'));
		assert.deepEqual(validateSchema(parsed.root!, parsed.value).map((p) => p.code), ['schema-enum']);
	});
});
