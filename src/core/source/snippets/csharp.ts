// C#: `Environment.GetEnvironmentVariable` fields in a type (locals among statements) and an HttpClient token request.
import { camel, pascal, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetContext, SnippetSpec } from './spec';

function csharpLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const members = context !== 'statements';
	const vars = named(spec, (k) => (members ? pascal(spec.connectionId, k) : camel(spec.connectionId, k)));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${members ? 'private static readonly string? ' : 'var '}${v.name} = Environment.GetEnvironmentVariable("${v.variable}");`]);
	}
	const t = tokenInputs(spec, vars);
	if (!t) {
		return out;
	}
	const id = spec.connectionId;
	out.push(
		[0, ''],
		members
			? [0, `/// <summary>Gets an OAuth2 access token for "${displayId(id)}" (client credentials grant).</summary>`]
			: [0, `// Gets an OAuth2 access token for "${displayId(id)}" (client credentials grant).`],
		[0, `${members ? 'private static ' : ''}async Task<string> Get${pascal(id)}TokenAsync()`],
		[0, '{'],
		[1, `if (string.IsNullOrEmpty(${t.url.name}) || string.IsNullOrEmpty(${t.id.name}) || string.IsNullOrEmpty(${t.secret.name}))`],
		[1, '{'],
		[2, `throw new InvalidOperationException("${missingText(t)}");`],
		[1, '}'],
		[1, 'using var client = new HttpClient();'],
		[1, `using var request = new HttpRequestMessage(HttpMethod.Post, ${t.url.name})`],
		[1, '{'],
		[2, 'Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),'],
		[1, '};'],
		[1, `request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{${t.id.name}}:{${t.secret.name}}")));`],
		[1, 'using var response = await client.SendAsync(request);'],
		[1, 'response.EnsureSuccessStatusCode();'],
		[1, 'using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());'],
		[1, 'return json.RootElement.GetProperty("access_token").GetString()!;'],
		[0, '}'],
	);
	return out;
}

export const csharp: SnippetTemplate = {
	lines: csharpLines,
	imports: (token) => token
		? ['System', 'System.Collections.Generic', 'System.Net.Http', 'System.Net.Http.Headers', 'System.Text', 'System.Text.Json', 'System.Threading.Tasks']
		: ['System'],
};
