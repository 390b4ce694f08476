// Go: an `os.Getenv` var block and a net/http token request (a func literal among statements).
import { pascal, goCamel, displayId, headerComment, named, tokenInputs, missingText, type Line, type SnippetTemplate } from './template';
import type { SnippetContext, SnippetSpec } from './spec';

function goLines(spec: SnippetSpec, context: SnippetContext): Line[] {
	const vars = named(spec, (k) => goCamel(spec.connectionId, k));
	const width = Math.max(...vars.map((v) => v.name.length));
	const out: Line[] = [[0, `// ${headerComment(spec)}`], [0, 'var (']];
	for (const v of vars) {
		out.push([1, `${v.name.padEnd(width)} = os.Getenv("${v.variable}")`]);
	}
	out.push([0, ')']);
	const t = tokenInputs(spec, vars);
	if (t) {
		const fn = `get${pascal(spec.connectionId)}Token`;
		out.push(
			[0, ''],
			[0, `// ${fn} gets an OAuth2 access token for "${displayId(spec.connectionId)}" (client credentials grant).`],
			[0, context === 'statements' ? `${fn} := func() (string, error) {` : `func ${fn}() (string, error) {`],
			[1, `if ${t.url.name} == "" || ${t.id.name} == "" || ${t.secret.name} == "" {`],
			[2, `return "", fmt.Errorf("${missingText(t)}")`],
			[1, '}'],
			[1, 'form := url.Values{"grant_type": {"client_credentials"}}'],
			[1, `req, err := http.NewRequest(http.MethodPost, ${t.url.name}, strings.NewReader(form.Encode()))`],
			[1, 'if err != nil {'],
			[2, 'return "", err'],
			[1, '}'],
			[1, `req.SetBasicAuth(${t.id.name}, ${t.secret.name})`],
			[1, 'req.Header.Set("Content-Type", "application/x-www-form-urlencoded")'],
			[1, 'resp, err := http.DefaultClient.Do(req)'],
			[1, 'if err != nil {'],
			[2, 'return "", err'],
			[1, '}'],
			[1, 'defer resp.Body.Close()'],
			[1, 'if resp.StatusCode != http.StatusOK {'],
			[2, 'return "", fmt.Errorf("token request failed: %s", resp.Status)'],
			[1, '}'],
			[1, 'var token struct {'],
			[2, 'AccessToken string `json:"access_token"`'],
			[1, '}'],
			[1, 'if err := json.NewDecoder(resp.Body).Decode(&token); err != nil {'],
			[2, 'return "", err'],
			[1, '}'],
			[1, 'return token.AccessToken, nil'],
			[0, '}'],
		);
	}
	return out;
}

export const go: SnippetTemplate = { lines: goLines, imports: (token) => token ? ['encoding/json', 'fmt', 'net/http', 'net/url', 'os', 'strings'] : ['os'] };
