// TypeScript and JavaScript: `process.env` reads and a `fetch` token request (typed in TypeScript).
import { camel, pascal, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetSpec } from './spec';

function typescriptLines(spec: SnippetSpec, typed: boolean): Line[] {
	const vars = named(spec, (k) => camel(spec.connectionId, k));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `const ${v.name} = process.env.${v.variable};`]);
	}
	const t = tokenInputs(spec, vars);
	if (t) {
		const fn = `get${pascal(spec.connectionId)}Token`;
		out.push(
			[0, ''],
			[0, `/** Gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant). */`],
			[0, `async function ${fn}()${typed ? ': Promise<string>' : ''} {`],
			[1, `if (!${t.url.name} || !${t.id.name} || !${t.secret.name}) {`],
			[2, `throw new Error('${missingText(t)}');`],
			[1, '}'],
			[1, `const response = await fetch(${t.url.name}, {`],
			[2, `method: 'POST',`],
			[2, 'headers: {'],
			[3, `'Authorization': \`Basic \${Buffer.from(\`\${${t.id.name}}:\${${t.secret.name}}\`).toString('base64')}\`,`],
			[3, `'Content-Type': 'application/x-www-form-urlencoded',`],
			[2, '},'],
			[2, `body: new URLSearchParams({ grant_type: 'client_credentials' }),`],
			[1, '});'],
			[1, 'if (!response.ok) {'],
			[2, `throw new Error(\`Token request failed: \${response.status} \${response.statusText}\`);`],
			[1, '}'],
			[1, `const body = ${typed ? '(await response.json()) as { access_token: string }' : 'await response.json()'};`],
			[1, 'return body.access_token;'],
			[0, '}'],
		);
	}
	return out;
}

export const typescript: SnippetTemplate = { lines: (spec) => typescriptLines(spec, true), imports: () => [] };

export const javascript: SnippetTemplate = { lines: (spec) => typescriptLines(spec, false), imports: () => [] };
