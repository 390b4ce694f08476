// Python: `os.environ.get` reads and a urllib token request.
import { snake, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetSpec } from './spec';

function pythonLines(spec: SnippetSpec): Line[] {
	const vars = named(spec, (k) => snake(spec.connectionId, k));
	const out: Line[] = [[0, `# ${headerComment(spec)}`]];
	for (const v of vars) {
		out.push([0, `${v.name} = os.environ.get("${v.variable}")`]);
	}
	const t = tokenInputs(spec, vars);
	if (t) {
		out.push(
			[0, ''],
			[0, ''],
			[0, `def get_${snake(spec.connectionId)}_token() -> str:`],
			[1, `"""Gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant)."""`],
			[1, `if not (${t.url.name} and ${t.id.name} and ${t.secret.name}):`],
			[2, `raise RuntimeError("${missingText(t)}")`],
			[1, `credentials = base64.b64encode(f"{${t.id.name}}:{${t.secret.name}}".encode()).decode()`],
			[1, 'request = urllib.request.Request('],
			[2, `${t.url.name},`],
			[2, 'data=urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),'],
			[2, 'headers={'],
			[3, '"Authorization": f"Basic {credentials}",'],
			[3, '"Content-Type": "application/x-www-form-urlencoded",'],
			[2, '},'],
			[2, 'method="POST",'],
			[1, ')'],
			[1, 'with urllib.request.urlopen(request) as response:'],
			[2, 'return json.loads(response.read())["access_token"]'],
		);
	}
	return out;
}

export const python: SnippetTemplate = { lines: (spec) => pythonLines(spec), imports: (token) => token ? ['base64', 'json', 'os', 'urllib.parse', 'urllib.request'] : ['os'] };
