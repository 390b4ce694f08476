// PHP: `getenv` variables and a token request with the standard stream functions (a closure, so
// that it sees the variables wherever it is inserted).
import { camel, pascal, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetSpec } from './spec';

function phpLines(spec: SnippetSpec): Line[] {
	const vars = named(spec, (k) => camel(spec.connectionId, k));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `$${v.name} = getenv('${v.variable}');`]);
	}
	const t = tokenInputs(spec, vars);
	if (!t) {
		return out;
	}
	const [url, id, secret] = [`$${t.url.name}`, `$${t.id.name}`, `$${t.secret.name}`];
	out.push(
		[0, ''],
		[0, `// Gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant).`],
		[0, `$get${pascal(spec.connectionId)}Token = function () use (${url}, ${id}, ${secret}): string {`],
		[1, `if (!${url} || !${id} || !${secret}) {`],
		[2, `throw new \\RuntimeException('${missingText(t)}');`],
		[1, '}'],
		[1, `$response = file_get_contents(${url}, false, stream_context_create(['http' => [`],
		[2, `'method' => 'POST',`],
		[2, `'header' => "Content-Type: application/x-www-form-urlencoded\\r\\nAuthorization: Basic " . base64_encode(${id} . ':' . ${secret}),`],
		[2, `'content' => http_build_query(['grant_type' => 'client_credentials']),`],
		[1, ']]));'],
		[1, 'if ($response === false) {'],
		[2, `throw new \\RuntimeException('Token request failed');`],
		[1, '}'],
		[1, `return json_decode($response, true)['access_token'];`],
		[0, '};'],
	);
	return out;
}

export const php: SnippetTemplate = { lines: (spec) => phpLines(spec), imports: () => [] };
