// Ballerina: `os:getEnv` module-level variables (locals among statements) and an `http:Client`
// that gets and refreshes its OAuth2 token with the client credentials grant.
import { camel, displayId, headerComment, named, tokenInputs, type Line, type SnippetTemplate } from './template';
import type { SnippetContext, SnippetSpec } from './spec';

function ballerinaLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const vars = named(spec, (k) => camel(spec.connectionId, k));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	// `final` reads once: at module level when the module starts, in a function when it runs.
	const decl = context === 'statements' ? 'string' : 'final string';
	for (const v of vars) {
		out.push([0, `${decl} ${v.name} = os:getEnv("${v.variable}");`]);
	}
	const t = tokenInputs(spec, vars);
	const url = vars.find((v) => v.key === 'ServiceURL');
	if (!t || !url) {
		return out;
	}
	out.push(
		[0, ''],
		[0, `// A client for "${displayId(spec.connectionId)}" that gets (and refreshes) its OAuth2 access token with the client credentials grant.`],
		[0, `final http:Client ${camel(spec.connectionId)}Client = check new (${url.name}, auth = {`],
		[1, `tokenUrl: ${t.url.name},`],
		[1, `clientId: ${t.id.name},`],
		[1, `clientSecret: ${t.secret.name}`],
		[0, '});'],
	);
	return out;
}

export const ballerina: SnippetTemplate = {
	lines: ballerinaLines,
	imports: (token) => (token ? ['ballerina/http', 'ballerina/os'] : ['ballerina/os']),
};
