// TypeScript and JavaScript: `process.env` reads and a `fetch` token request (typed in TypeScript);
// in a web app, reads of the config file the platform mounts (`window.configs`), as its web-app guide writes them.
import { camel, pascal, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetSpec } from './spec';

/**
 * A web app: the platform injects no environment variables into browser code; it mounts a config
 * file (e.g. `config.js`, loaded by a script tag in index.html) that sets `window.configs`. The
 * reads follow the platform's guide (`window?.configs?.apiUrl ? window.configs.apiUrl : "/"`),
 * keyed by the variable names of the snippet, and the comment says what the file must map.
 */
function browserLines(spec: SnippetSpec, typed: boolean): Line[] {
	const vars = named(spec, (k) => camel(spec.connectionId, k));
	const configs = typed ? '(window as Window & { configs?: Record<string, string | undefined> }).configs' : 'window?.configs';
	const out: Line[] = [
		[0, `// ${headerComment(spec)}`],
		[0, '// A web app gets no environment variables: mount a config file (e.g. config.js, loaded by a <script> in index.html)'],
		[0, '// that sets window.configs with this connection\'s values:'],
		[0, '// window.configs = {'],
		...vars.map((v): Line => [0, `//     ${v.name}: '<value of ${v.variable}>',`]),
		[0, '// };'],
	];
	for (const v of vars) {
		const fallback = v.key === 'ServiceURL' ? '"/"' : '""';
		out.push([0, typed
			? `const ${v.name} = ${configs}?.${v.name} ?? ${fallback};`
			: `const ${v.name} = ${configs}?.${v.name} ? window.configs.${v.name} : ${fallback};`]);
	}
	return out;
}

function typescriptLines(spec: SnippetSpec, typed: boolean): Line[] {
	if (spec.browser) {
		return browserLines(spec, typed);
	}
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
