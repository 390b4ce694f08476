// Ruby: `ENV[...]` constants and a method at the top level or in a class (locals and a lambda
// among statements, where constants cannot be assigned), and a Net::HTTP token request.
import { snake, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetContext, SnippetSpec } from './spec';

function rubyLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const local = context === 'statements';
	const vars = named(spec, (k) => (local ? snake(spec.connectionId, k) : snake(spec.connectionId, k).toUpperCase()));
	const out: Line[] = [[0, `# ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${v.name} = ENV['${v.variable}']`]);
	}
	const t = tokenInputs(spec, vars);
	if (!t) {
		return out;
	}
	const fn = `get_${snake(spec.connectionId)}_token`;
	const body: Line[] = [
		[0, `raise '${missingText(t)}' unless ${t.url.name} && ${t.id.name} && ${t.secret.name}`],
		[0, ''],
		[0, `uri = URI(${t.url.name})`],
		[0, 'request = Net::HTTP::Post.new(uri)'],
		[0, `request.basic_auth(${t.id.name}, ${t.secret.name})`],
		[0, `request.set_form_data('grant_type' => 'client_credentials')`],
		[0, `response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') { |http| http.request(request) }`],
		[0, `raise "Token request failed: #{response.code}" unless response.is_a?(Net::HTTPSuccess)`],
		[0, ''],
		[0, `JSON.parse(response.body)['access_token']`],
	];
	out.push(
		[0, ''],
		[0, `# Gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant).`],
		[0, local ? `${fn} = lambda do` : `def ${fn}`],
		...body.map(([l, s]): Line => [l + 1, s]),
		[0, 'end'],
	);
	return out;
}

export const ruby: SnippetTemplate = { lines: rubyLines, imports: (token) => (token ? ['json', 'net/http'] : []) };
