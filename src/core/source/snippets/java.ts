// Java: `System.getenv` constants in a class body (locals among statements) and a java.net.http token request.
import { camel, pascal, snake, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetContext, SnippetSpec } from './spec';

function javaLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const members = context !== 'statements';
	const vars = named(spec, (k) => (members ? snake(spec.connectionId, k).toUpperCase() : camel(spec.connectionId, k)));
	const out: Line[] = [[0, `// ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${members ? 'private static final ' : ''}String ${v.name} = System.getenv("${v.variable}");`]);
	}
	const t = tokenInputs(spec, vars);
	if (!t) {
		return out;
	}
	const id = spec.connectionId;
	const check: Line[] = [
		[0, `if (${t.url.name} == null || ${t.id.name} == null || ${t.secret.name} == null) {`],
		[1, `throw new IllegalStateException("${missingText(t)}");`],
		[0, '}'],
	];
	const p = members ? '' : camel(id);
	const v = (n: string) => (members ? n : p + n.charAt(0).toUpperCase() + n.slice(1));
	const body: Line[] = [
		[0, `String ${v('credentials')} = Base64.getEncoder().encodeToString((${t.id.name} + ":" + ${t.secret.name}).getBytes(StandardCharsets.UTF_8));`],
		[0, `HttpRequest ${v('tokenRequest')} = HttpRequest.newBuilder(URI.create(${t.url.name}))`],
		[2, `.header("Authorization", "Basic " + ${v('credentials')})`],
		[2, '.header("Content-Type", "application/x-www-form-urlencoded")'],
		[2, '.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))'],
		[2, '.build();'],
		[0, `HttpResponse<String> ${v('tokenResponse')} = HttpClient.newHttpClient().send(${v('tokenRequest')}, HttpResponse.BodyHandlers.ofString());`],
		[0, `if (${v('tokenResponse')}.statusCode() != 200) {`],
		[1, `throw new IOException("Token request failed: HTTP " + ${v('tokenResponse')}.statusCode());`],
		[0, '}'],
		[0, `Matcher ${v('tokenMatcher')} = Pattern.compile("\\"access_token\\"\\\\s*:\\\\s*\\"([^\\"]+)\\"").matcher(${v('tokenResponse')}.body());`],
		[0, `if (!${v('tokenMatcher')}.find()) {`],
		[1, 'throw new IOException("The token response has no access_token");'],
		[0, '}'],
	];
	out.push([0, '']);
	if (members) {
		out.push(
			[0, `/** Gets an OAuth2 access token for "${displayId(id)}" (client credentials grant). */`],
			[0, `private static String get${pascal(id)}Token() throws IOException, InterruptedException {`],
			...[...check, ...body, [0, `return ${v('tokenMatcher')}.group(1);`] as Line].map(([l, s]): Line => [l + 1, s]),
			[0, '}'],
		);
	} else {
		out.push(
			[0, `// OAuth2 access token for "${displayId(id)}" (client credentials grant); the method must throw IOException and InterruptedException.`],
			...check,
			...body,
			[0, `String ${p}AccessToken = ${v('tokenMatcher')}.group(1);`],
		);
	}
	return out;
}

export const java: SnippetTemplate = {
	lines: javaLines,
	imports: (token) => token
		? ['java.io.IOException', 'java.net.URI', 'java.net.http.HttpClient', 'java.net.http.HttpRequest', 'java.net.http.HttpResponse',
			'java.nio.charset.StandardCharsets', 'java.util.Base64', 'java.util.regex.Matcher', 'java.util.regex.Pattern']
		: [],
};
