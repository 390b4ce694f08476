import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { applyTextEdits } from '../../src/core/text/textEdit';
import { parseConnectionsText } from '../../src/core/json/parse';
import { scanEnvReads } from '../../src/core/source/envReads';
import { maskNonCode, type LexStats } from '../../src/core/source/lexer';
import { buildIndex, visibleConnections } from '../../src/core/model/scope';
import { insertReferenceEdits } from '../../src/core/source/insertion';
import { contextAt, defaultInsertionPoint } from '../../src/core/source/layout';
import { renderSnippet, requiredImports } from '../../src/core/source/snippets/render';
import {
	SNIPPET_LANGUAGES, offersTokenFetch, snippetKeys, snippetSpec, type SnippetContext, type SnippetFormat, type SnippetLanguage, type SnippetSpec,
} from '../../src/core/source/snippets/spec';
import { db, doc, FIXTURES, svc } from './helpers';

const SNIPPETS = path.join(FIXTURES, 'snippets');
const TAB: SnippetFormat = { indent: '\t', eol: '\n' };
const FOUR: SnippetFormat = { indent: '    ', eol: '\n' };

const connectionsText = doc({
	org: [
		db('shared-postgres'),
		{ id: 'stripe', kind: 'third-party', target: 'thirdparty:stripe/v1', parameters: { ServiceURL: 'https://api.stripe.com/v1', ApiKey: { secret: true } } },
	],
	project: [
		svc('payments', { security: { scheme: 'oauth2', oauthApp: 'shop-app' } }),
		svc('catalog', { access: 'project', target: 'service:/shop/catalog/v1/api/PROJECT', security: { scheme: 'none' } }),
		svc('fx-rates', { security: { scheme: 'api-key' } }),
		svc('legacy'),
	],
	components: [
		{ id: 'orders-api', path: 'services/orders', uses: ['shared-postgres'], env: { PAYMENTS_URL: { connection: 'payments', key: 'ServiceURL' } } },
		{ id: 'inventory', path: 'services/inventory', connections: [db('stock-db')] },
		{ id: 'storefront', type: 'web-app', path: 'apps/storefront', uses: ['catalog', 'payments'] },
	],
});
const parsed = parseConnectionsText(connectionsText);
const index = buildIndex(parsed.model);

/** The snippet for a connection as a component sees it. */
function spec(connectionId: string, componentId = 'orders-api', tokenFetch = true): SnippetSpec {
	const component = index.componentsById.get(componentId)!;
	const c = visibleConnections(index, component).get(connectionId);
	assert.ok(c, `${connectionId} visible to ${componentId}`);
	return snippetSpec(c, component, tokenFetch);
}

function fixtureText(name: string): string {
	return fs.readFileSync(path.join(SNIPPETS, name), 'utf8');
}

/** Compares with a golden file; UPDATE_SNIPPETS=1 rewrites it instead (review the diff!). */
function golden(name: string, actual: string): void {
	const file = path.join(SNIPPETS, name);
	if (process.env.UPDATE_SNIPPETS) {
		fs.writeFileSync(file, actual);
		return;
	}
	assert.equal(actual, fs.readFileSync(file, 'utf8'), `differs from ${path.relative('.', file)} (UPDATE_SNIPPETS=1 rewrites it)`);
}

function insert(text: string, language: SnippetLanguage, s: SnippetSpec, format = TAB, at?: number): string {
	return applyTextEdits(text, insertReferenceEdits(text, language, s, { format, at }).edits);
}

const lines = (...l: string[]) => l.join('\n');

describe('snippets: the code per language', () => {
	it('reads every key of a database connection, exact text per language', () => {
		const s = spec('shared-postgres', 'orders-api', false);
		assert.equal(renderSnippet(s, 'typescript', 'declarations', TAB), lines(
			'// Choreo connection "shared-postgres" (database, organization scope)',
			'const sharedPostgresHostName = process.env.CHOREO_SHARED_POSTGRES_HOSTNAME;',
			'const sharedPostgresPort = process.env.CHOREO_SHARED_POSTGRES_PORT;',
			'const sharedPostgresUsername = process.env.CHOREO_SHARED_POSTGRES_USERNAME;',
			'const sharedPostgresPassword = process.env.CHOREO_SHARED_POSTGRES_PASSWORD;',
			'const sharedPostgresDatabaseName = process.env.CHOREO_SHARED_POSTGRES_DATABASENAME;',
		));
		assert.equal(renderSnippet(s, 'javascript', 'statements', TAB), renderSnippet(s, 'typescript', 'statements', TAB));
		assert.equal(renderSnippet(s, 'python', 'declarations', FOUR), lines(
			'# Choreo connection "shared-postgres" (database, organization scope)',
			'shared_postgres_host_name = os.environ.get("CHOREO_SHARED_POSTGRES_HOSTNAME")',
			'shared_postgres_port = os.environ.get("CHOREO_SHARED_POSTGRES_PORT")',
			'shared_postgres_username = os.environ.get("CHOREO_SHARED_POSTGRES_USERNAME")',
			'shared_postgres_password = os.environ.get("CHOREO_SHARED_POSTGRES_PASSWORD")',
			'shared_postgres_database_name = os.environ.get("CHOREO_SHARED_POSTGRES_DATABASENAME")',
		));
		assert.equal(renderSnippet(s, 'go', 'declarations', TAB), lines(
			'// Choreo connection "shared-postgres" (database, organization scope)',
			'var (',
			'\tsharedPostgresHostName     = os.Getenv("CHOREO_SHARED_POSTGRES_HOSTNAME")',
			'\tsharedPostgresPort         = os.Getenv("CHOREO_SHARED_POSTGRES_PORT")',
			'\tsharedPostgresUsername     = os.Getenv("CHOREO_SHARED_POSTGRES_USERNAME")',
			'\tsharedPostgresPassword     = os.Getenv("CHOREO_SHARED_POSTGRES_PASSWORD")',
			'\tsharedPostgresDatabaseName = os.Getenv("CHOREO_SHARED_POSTGRES_DATABASENAME")',
			')',
		));
		assert.equal(renderSnippet(s, 'java', 'members', FOUR), lines(
			'// Choreo connection "shared-postgres" (database, organization scope)',
			'private static final String SHARED_POSTGRES_HOST_NAME = System.getenv("CHOREO_SHARED_POSTGRES_HOSTNAME");',
			'private static final String SHARED_POSTGRES_PORT = System.getenv("CHOREO_SHARED_POSTGRES_PORT");',
			'private static final String SHARED_POSTGRES_USERNAME = System.getenv("CHOREO_SHARED_POSTGRES_USERNAME");',
			'private static final String SHARED_POSTGRES_PASSWORD = System.getenv("CHOREO_SHARED_POSTGRES_PASSWORD");',
			'private static final String SHARED_POSTGRES_DATABASE_NAME = System.getenv("CHOREO_SHARED_POSTGRES_DATABASENAME");',
		));
		assert.equal(renderSnippet(s, 'java', 'statements', FOUR).split('\n')[1], 'String sharedPostgresHostName = System.getenv("CHOREO_SHARED_POSTGRES_HOSTNAME");');
		assert.equal(renderSnippet(s, 'csharp', 'members', FOUR), lines(
			'// Choreo connection "shared-postgres" (database, organization scope)',
			'private static readonly string? SharedPostgresHostName = Environment.GetEnvironmentVariable("CHOREO_SHARED_POSTGRES_HOSTNAME");',
			'private static readonly string? SharedPostgresPort = Environment.GetEnvironmentVariable("CHOREO_SHARED_POSTGRES_PORT");',
			'private static readonly string? SharedPostgresUsername = Environment.GetEnvironmentVariable("CHOREO_SHARED_POSTGRES_USERNAME");',
			'private static readonly string? SharedPostgresPassword = Environment.GetEnvironmentVariable("CHOREO_SHARED_POSTGRES_PASSWORD");',
			'private static readonly string? SharedPostgresDatabaseName = Environment.GetEnvironmentVariable("CHOREO_SHARED_POSTGRES_DATABASENAME");',
		));
		assert.equal(renderSnippet(s, 'csharp', 'statements', FOUR).split('\n')[1], 'var sharedPostgresHostName = Environment.GetEnvironmentVariable("CHOREO_SHARED_POSTGRES_HOSTNAME");');
		assert.equal(renderSnippet(s, 'ballerina', 'declarations', FOUR), lines(
			'// Choreo connection "shared-postgres" (database, organization scope)',
			'final string sharedPostgresHostName = os:getEnv("CHOREO_SHARED_POSTGRES_HOSTNAME");',
			'final string sharedPostgresPort = os:getEnv("CHOREO_SHARED_POSTGRES_PORT");',
			'final string sharedPostgresUsername = os:getEnv("CHOREO_SHARED_POSTGRES_USERNAME");',
			'final string sharedPostgresPassword = os:getEnv("CHOREO_SHARED_POSTGRES_PASSWORD");',
			'final string sharedPostgresDatabaseName = os:getEnv("CHOREO_SHARED_POSTGRES_DATABASENAME");',
		));
		assert.equal(renderSnippet(s, 'ballerina', 'statements', FOUR).split('\n')[1], 'string sharedPostgresHostName = os:getEnv("CHOREO_SHARED_POSTGRES_HOSTNAME");');
		assert.equal(renderSnippet(s, 'php', 'statements', FOUR), lines(
			'// Choreo connection "shared-postgres" (database, organization scope)',
			"$sharedPostgresHostName = getenv('CHOREO_SHARED_POSTGRES_HOSTNAME');",
			"$sharedPostgresPort = getenv('CHOREO_SHARED_POSTGRES_PORT');",
			"$sharedPostgresUsername = getenv('CHOREO_SHARED_POSTGRES_USERNAME');",
			"$sharedPostgresPassword = getenv('CHOREO_SHARED_POSTGRES_PASSWORD');",
			"$sharedPostgresDatabaseName = getenv('CHOREO_SHARED_POSTGRES_DATABASENAME');",
		));
		assert.equal(renderSnippet(s, 'ruby', 'declarations', FOUR), lines(
			'# Choreo connection "shared-postgres" (database, organization scope)',
			"SHARED_POSTGRES_HOST_NAME = ENV['CHOREO_SHARED_POSTGRES_HOSTNAME']",
			"SHARED_POSTGRES_PORT = ENV['CHOREO_SHARED_POSTGRES_PORT']",
			"SHARED_POSTGRES_USERNAME = ENV['CHOREO_SHARED_POSTGRES_USERNAME']",
			"SHARED_POSTGRES_PASSWORD = ENV['CHOREO_SHARED_POSTGRES_PASSWORD']",
			"SHARED_POSTGRES_DATABASE_NAME = ENV['CHOREO_SHARED_POSTGRES_DATABASENAME']",
		));
		// Among statements (in a method) constants cannot be assigned: locals.
		assert.equal(renderSnippet(s, 'ruby', 'statements', FOUR).split('\n')[1], "shared_postgres_host_name = ENV['CHOREO_SHARED_POSTGRES_HOSTNAME']");
		assert.deepEqual(requiredImports(s, 'ballerina'), ['ballerina/os']);
		assert.deepEqual(requiredImports(s, 'php'), []);
		assert.deepEqual(requiredImports(s, 'ruby'), []);
		assert.deepEqual(requiredImports(spec('payments', 'inventory', true), 'ballerina'), ['ballerina/http', 'ballerina/os']);
		assert.deepEqual(requiredImports(spec('payments', 'inventory', true), 'ruby'), ['json', 'net/http']);
	});

	it('a web app (type web-app): JavaScript and TypeScript read window.configs as the platform\'s web-app guide does, and say what the mounted file must map', () => {
		const s = spec('catalog', 'storefront', false);
		assert.equal(s.browser, true);
		const comment = [
			'// Choreo connection "catalog" (service, project scope)',
			'// A web app gets no environment variables: mount a config file (e.g. config.js, loaded by a <script> in index.html)',
			'// that sets window.configs with this connection\'s values:',
			'// window.configs = {',
			"//     catalogServiceUrl: '<value of CHOREO_CATALOG_SERVICEURL>',",
			'// };',
		];
		assert.equal(renderSnippet(s, 'javascript', 'declarations', TAB), lines(...comment,
			'const catalogServiceUrl = window?.configs?.catalogServiceUrl ? window.configs.catalogServiceUrl : "/";'));
		assert.equal(renderSnippet(s, 'typescript', 'statements', TAB), lines(...comment,
			'const catalogServiceUrl = (window as Window & { configs?: Record<string, string | undefined> }).configs?.catalogServiceUrl ?? "/";'));
		// No client secret in browser code: the token fetch is not offered to a web app.
		const payments = spec('payments', 'storefront', true);
		assert.equal(payments.tokenFetch, false);
		const storefront = index.componentsById.get('storefront')!;
		assert.equal(offersTokenFetch(visibleConnections(index, storefront).get('payments')!, storefront), false);
		assert.equal(offersTokenFetch(visibleConnections(index, storefront).get('payments')!, index.componentsById.get('inventory')), true);
		assert.doesNotMatch(renderSnippet(payments, 'javascript', 'declarations', TAB), /process\.env|fetch\(|Buffer/);
		assert.match(renderSnippet(payments, 'javascript', 'declarations', TAB), /^const paymentsConsumerKey = window\?\.configs\?\.paymentsConsumerKey \? window\.configs\.paymentsConsumerKey : "";$/m);
		// Other components, and server-side languages, still read the environment.
		assert.equal(spec('catalog', 'inventory', false).browser, undefined);
		assert.match(renderSnippet(s, 'python', 'declarations', TAB), /os\.environ\.get\("CHOREO_CATALOG_SERVICEURL"\)/);
		// The whole file: after the imports, and it parses.
		const text = fixtureText('javascript-webapp.input.txt');
		const out = insert(text, 'javascript', s, { indent: '  ', eol: '\n' });
		golden('javascript-webapp.catalog.expected.txt', out);
		for (const [language, file] of [['javascript', 'x.jsx'], ['typescript', 'x.ts']] as const) {
			const sf = ts.createSourceFile(file, insert(text, language, payments, TAB), ts.ScriptTarget.Latest, true);
			assert.deepEqual((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => d.messageText), [], language);
		}
	});

	it('reads a renamed variable under its rename (the default name is not injected then)', () => {
		const s = spec('payments', 'orders-api', false);
		assert.deepEqual(s.variables.map((v) => v.variable), ['PAYMENTS_URL', 'CHOREO_PAYMENTS_CONSUMERKEY', 'CHOREO_PAYMENTS_CONSUMERSECRET', 'CHOREO_PAYMENTS_TOKENURL']);
		assert.equal(renderSnippet(s, 'typescript', 'declarations', TAB).split('\n')[1], 'const paymentsServiceUrl = process.env.PAYMENTS_URL;');
		// Another component has no rename: the injected name.
		assert.equal(spec('payments', 'inventory').variables[0].variable, 'CHOREO_PAYMENTS_SERVICEURL');
	});

	it('a rename that is not a valid variable name is ignored', () => {
		const text = doc({
			project: [svc('payments', { security: { scheme: 'none' } })],
			components: [{ id: 'a', path: 'a', env: { 'X"); evil(); //': { connection: 'payments', key: 'ServiceURL' } } }],
		});
		const i = buildIndex(parseConnectionsText(text).model);
		const comp = i.componentsById.get('a')!;
		const s = snippetSpec(visibleConnections(i, comp).get('payments')!, comp, false);
		assert.deepEqual(s.variables, [{ key: 'ServiceURL', variable: 'CHOREO_PAYMENTS_SERVICEURL' }]);
	});

	it('reads only the keys of the kind, and for services only what the security scheme injects', () => {
		const keys = (id: string) => snippetKeys(visibleConnections(index, index.componentsById.get('inventory')!).get(id)!);
		assert.deepEqual(keys('payments'), ['ServiceURL', 'ConsumerKey', 'ConsumerSecret', 'TokenURL']);
		assert.deepEqual(keys('fx-rates'), ['ServiceURL', 'ChoreoAPIKey']);
		assert.deepEqual(keys('catalog'), ['ServiceURL']);
		assert.deepEqual(keys('legacy'), ['ServiceURL', 'ConsumerKey', 'ConsumerSecret', 'TokenURL', 'ChoreoAPIKey']);
		assert.deepEqual(keys('shared-postgres'), ['HostName', 'Port', 'Username', 'Password', 'DatabaseName']);
		assert.deepEqual(keys('stripe'), ['ServiceURL', 'ApiKey']);
		assert.deepEqual(keys('stock-db'), ['HostName', 'Port', 'Username', 'Password', 'DatabaseName']);
	});

	it('secret keys are read from the environment like the others, never as literals', () => {
		const s = spec('stripe', 'inventory', false);
		assert.equal(renderSnippet(s, 'python', 'declarations', FOUR), lines(
			'# Choreo connection "stripe" (third-party service, organization scope)',
			'stripe_service_url = os.environ.get("CHOREO_STRIPE_SERVICEURL")',
			'stripe_api_key = os.environ.get("CHOREO_STRIPE_APIKEY")',
		));
	});

	it('the token fetch is only added for OAuth2 services, and only when asked', () => {
		assert.equal(spec('payments', 'inventory', true).tokenFetch, true);
		assert.equal(spec('payments', 'inventory', false).tokenFetch, false);
		assert.equal(spec('fx-rates', 'inventory', true).tokenFetch, false);
		assert.equal(spec('shared-postgres', 'inventory', true).tokenFetch, false);
		assert.doesNotMatch(renderSnippet(spec('payments', 'inventory', false), 'go', 'declarations', TAB), /func|http/);
		assert.deepEqual(requiredImports(spec('payments', 'inventory', false), 'python'), ['os']);
		assert.deepEqual(requiredImports(spec('payments', 'inventory', true), 'python'), ['base64', 'json', 'os', 'urllib.parse', 'urllib.request']);
	});

	const TOKEN_CASES: [SnippetLanguage, SnippetContext][] = [
		['typescript', 'declarations'], ['javascript', 'declarations'], ['python', 'declarations'],
		['go', 'declarations'], ['go', 'statements'], ['java', 'members'], ['java', 'statements'], ['csharp', 'members'], ['csharp', 'statements'],
		['ballerina', 'declarations'], ['ballerina', 'statements'], ['php', 'statements'], ['ruby', 'declarations'], ['ruby', 'statements'],
	];
	for (const [language, context] of TOKEN_CASES) {
		it(`OAuth2 client-credentials token fetch, exact text: ${language} (${context})`, () => {
			golden(`token.${language}.${context}.txt`, renderSnippet(spec('payments', 'orders-api', true), language, context, TAB) + '\n');
		});
	}

	it('indents with the file\'s unit: tabs or spaces, on top of the base indentation', () => {
		const s = spec('payments', 'inventory', true);
		const tabs = renderSnippet(s, 'java', 'members', TAB, '\t');
		const spaces = renderSnippet(s, 'java', 'members', { indent: '  ', eol: '\n' }, '  ');
		assert.equal(spaces, tabs.replace(/^\t+/gm, (m) => '  '.repeat(m.length)));
		assert.ok(tabs.split('\n').every((l) => l === '' || l.startsWith('\t')));
		assert.ok(tabs.split('\n').some((l) => l.startsWith('\t\t\t\t.header(')), 'continuation lines are two levels deeper');
		assert.ok(!/[ \t]$/m.test(tabs), 'no trailing white space, blank lines stay empty');
	});

	it('uses the file\'s line ends', () => {
		const s = spec('payments', 'inventory', true);
		const crlf = renderSnippet(s, 'csharp', 'members', { indent: '    ', eol: '\r\n' });
		assert.equal(crlf, renderSnippet(s, 'csharp', 'members', FOUR).replace(/\n/g, '\r\n'));
		assert.doesNotMatch(crlf, /[^\r]\n/);
	});

	it('a hostile connection ID cannot end a comment or a string', () => {
		const s: SnippetSpec = { connectionId: 'x\n*/ evil()\u2028"', kind: 'service', scope: 'project', tokenFetch: true, variables: [
			{ key: 'ServiceURL', variable: 'CHOREO_X_SERVICEURL' }, { key: 'ConsumerKey', variable: 'CHOREO_X_CONSUMERKEY' },
			{ key: 'ConsumerSecret', variable: 'CHOREO_X_CONSUMERSECRET' }, { key: 'TokenURL', variable: 'CHOREO_X_TOKENURL' }] };
		for (const language of SNIPPET_LANGUAGES) {
			const out = renderSnippet(s, language, language === 'java' || language === 'csharp' ? 'members' : 'declarations', TAB);
			assert.doesNotMatch(out, /evil\(\)|\u2028/, language);
			for (const l of out.split('\n').filter((x) => x.includes('"x?'))) {
				// Only in a line comment, or a doc comment whose only `*/` is its end.
				const t = l.trim();
				assert.ok(/^(\/\/|#|""")/.test(t) || (t.startsWith('/**') && t.indexOf('*/') === t.length - 2), `${language}: ${l}`);
			}
		}
	});

	it('identifiers are valid when the ID starts with a digit or has odd delimiters', () => {
		const text = doc({ project: [db('3d secure.db')], components: [{ id: 'a', path: 'a', uses: ['3d secure.db'] }] });
		const i = buildIndex(parseConnectionsText(text).model);
		const comp = i.componentsById.get('a')!;
		const s = snippetSpec(visibleConnections(i, comp).get('3d secure.db')!, comp, false);
		assert.equal(renderSnippet(s, 'typescript', 'declarations', TAB).split('\n')[1], 'const _3dSecureDbHostName = process.env.CHOREO_3D_SECURE_DB_HOSTNAME;');
		assert.equal(renderSnippet(s, 'python', 'declarations', TAB).split('\n')[1], '_3d_secure_db_host_name = os.environ.get("CHOREO_3D_SECURE_DB_HOSTNAME")');
	});
});

interface FileCase {
	readonly input: string;
	readonly language: SnippetLanguage;
	readonly connection: string;
	readonly component: string;
	readonly tokenFetch: boolean;
	readonly format: SnippetFormat;
	/** Insert at the start of the first line containing this text (the cursor), else the default point. */
	readonly at?: string;
	readonly name: string;
}

const FILE_CASES: FileCase[] = [
	{ name: 'typescript.payments', input: 'typescript', language: 'typescript', connection: 'payments', component: 'orders-api', tokenFetch: true, format: TAB },
	{ name: 'javascript.payments', input: 'javascript', language: 'javascript', connection: 'payments', component: 'orders-api', tokenFetch: true, format: { indent: '  ', eol: '\n' } },
	{ name: 'python.payments', input: 'python', language: 'python', connection: 'payments', component: 'inventory', tokenFetch: true, format: FOUR },
	{ name: 'python.stripe-cursor', input: 'python', language: 'python', connection: 'stripe', component: 'inventory', tokenFetch: false, format: FOUR, at: '    with connect() as conn:' },
	{ name: 'go.payments', input: 'go', language: 'go', connection: 'payments', component: 'inventory', tokenFetch: true, format: TAB },
	{ name: 'go.payments-cursor', input: 'go', language: 'go', connection: 'payments', component: 'inventory', tokenFetch: true, format: TAB, at: '\tcatalog := ' },
	{ name: 'java.payments', input: 'java', language: 'java', connection: 'payments', component: 'inventory', tokenFetch: true, format: FOUR },
	{ name: 'java.catalog-cursor', input: 'java', language: 'java', connection: 'catalog', component: 'inventory', tokenFetch: false, format: FOUR, at: '        HttpClient http = ' },
	{ name: 'csharp.payments', input: 'csharp', language: 'csharp', connection: 'payments', component: 'inventory', tokenFetch: true, format: FOUR },
	{ name: 'csharp-class.shared-postgres', input: 'csharp-class', language: 'csharp', connection: 'shared-postgres', component: 'inventory', tokenFetch: false, format: FOUR },
	{ name: 'csharp-class.payments-cursor', input: 'csharp-class', language: 'csharp', connection: 'payments', component: 'inventory', tokenFetch: true, format: FOUR, at: '            await Task.Delay' },
	{ name: 'ballerina.payments', input: 'ballerina', language: 'ballerina', connection: 'payments', component: 'inventory', tokenFetch: true, format: FOUR },
	{ name: 'ballerina.catalog-cursor', input: 'ballerina', language: 'ballerina', connection: 'catalog', component: 'inventory', tokenFetch: false, format: FOUR, at: '        log:printInfo' },
	{ name: 'php.payments', input: 'php', language: 'php', connection: 'payments', component: 'inventory', tokenFetch: true, format: FOUR },
	{ name: 'php.catalog-cursor', input: 'php', language: 'php', connection: 'catalog', component: 'inventory', tokenFetch: false, format: FOUR, at: '    $row = connect()' },
	{ name: 'ruby.payments', input: 'ruby', language: 'ruby', connection: 'payments', component: 'inventory', tokenFetch: true, format: { indent: '  ', eol: '\n' } },
	{ name: 'ruby.payments-cursor', input: 'ruby', language: 'ruby', connection: 'payments', component: 'inventory', tokenFetch: true, format: { indent: '  ', eol: '\n' }, at: '  row = connect' },
];

function caseOffset(text: string, c: FileCase): number | undefined {
	if (c.at === undefined) {
		return undefined;
	}
	const i = text.indexOf(c.at);
	assert.ok(i >= 0, `${c.at} in ${c.input}`);
	return i;
}

describe('snippets: where the code goes', () => {
	for (const c of FILE_CASES) {
		it(`${c.name}: exact file after the insertion (imports added, ${c.at ? 'at the cursor line' : 'default place'})`, () => {
			const text = fixtureText(`${c.input}.input.txt`);
			golden(`${c.name}.expected.txt`, insert(text, c.language, spec(c.connection, c.component, c.tokenFetch), c.format, caseOffset(text, c)));
		});
	}

	it('CRLF files get CRLF everywhere, imports included, and the same text otherwise', () => {
		for (const c of FILE_CASES) {
			const text = fixtureText(`${c.input}.input.txt`);
			const crlf = text.replace(/\n/g, '\r\n');
			const at = caseOffset(crlf, c);
			const out = insert(crlf, c.language, spec(c.connection, c.component, c.tokenFetch), { ...c.format, eol: '\r\n' }, at);
			assert.doesNotMatch(out, /[^\r]\n/, c.name);
			assert.equal(out, insert(text, c.language, spec(c.connection, c.component, c.tokenFetch), c.format, caseOffset(text, c)).replace(/\n/g, '\r\n'), c.name);
		}
	});

	it('the inserted reads are found by the reference scanner (they count as references)', () => {
		for (const c of FILE_CASES) {
			const text = fixtureText(`${c.input}.input.txt`);
			const s = spec(c.connection, c.component, c.tokenFetch);
			const before = scanEnvReads(text, c.language).map((r) => r.variable);
			const after = scanEnvReads(insert(text, c.language, s, c.format, caseOffset(text, c)), c.language).map((r) => r.variable);
			assert.deepEqual(after.filter((v) => !before.includes(v) || after.filter((x) => x === v).length > before.filter((x) => x === v).length).sort(),
				[...new Set(s.variables.map((v) => v.variable))].sort(), c.name);
		}
	});

	it('TypeScript and JavaScript results parse without errors', () => {
		for (const c of FILE_CASES.filter((x) => x.language === 'typescript' || x.language === 'javascript')) {
			const text = fixtureText(`${c.input}.input.txt`);
			const out = insert(text, c.language, spec(c.connection, c.component, c.tokenFetch), c.format);
			const sf = ts.createSourceFile(`x.${c.language === 'typescript' ? 'ts' : 'js'}`, out, ts.ScriptTarget.Latest, true);
			assert.deepEqual((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => d.messageText), [], c.name);
		}
	});

	it('default place per language: after imports, directives and docstrings; inside the first class for Java and C#', () => {
		const point = (text: string, language: SnippetLanguage) => {
			const p = defaultInsertionPoint(text, language, FOUR);
			return { before: text.slice(0, p.offset), context: p.context, indent: p.indent };
		};
		assert.deepEqual(point('', 'typescript'), { before: '', context: 'declarations', indent: '' });
		assert.deepEqual(point('const a = 1;\n', 'typescript').before, '');
		assert.deepEqual(point('#!/usr/bin/env node\nrun();\n', 'javascript').before, '#!/usr/bin/env node\n');
		assert.deepEqual(point('"use strict";\nimport a from "a" // x\nimport("b");\n', 'javascript').before, '"use strict";\nimport a from "a" // x\n');
		assert.deepEqual(point('import {\n  a,\n} from "./a";\n/* c */ import type { B } from "./b";\nexport * from "./c";\nconst x = 1;\n', 'typescript').before,
			'import {\n  a,\n} from "./a";\n/* c */ import type { B } from "./b";\nexport * from "./c";\n');
		assert.deepEqual(point('const fs = require("fs");\nconst { a } = require("./a");\nmain();\n', 'javascript').before, 'const fs = require("fs");\nconst { a } = require("./a");\n');
		assert.deepEqual(point('"""Doc\nstring."""\nx = 1\n', 'python').before, '"""Doc\nstring."""\n');
		assert.deepEqual(point('# -*- coding: utf-8 -*-\nfrom a import (\n    b,\n)\nimport c, \\\n    d\nx = 1\n', 'python').before, '# -*- coding: utf-8 -*-\nfrom a import (\n    b,\n)\nimport c, \\\n    d\n');
		assert.deepEqual(point('x = "import os"\n', 'python').before, '');
		assert.deepEqual(point('package main\n\nfunc main() {}\n', 'go').before, 'package main\n');
		assert.deepEqual(point('package main\n\nimport "fmt"\n\nfunc main() {}\n', 'go').before, 'package main\n\nimport "fmt"\n');
		assert.deepEqual(point('package a;\nimport b.C;\n\n@A({"x"})\npublic class D {\n    int e;\n}\n', 'java'), { before: 'package a;\nimport b.C;\n\n@A({"x"})\npublic class D {\n', context: 'members', indent: '    ' });
		assert.deepEqual(point('class A { int b; }\n', 'java'), { before: 'class A {', context: 'members', indent: '    ' });
		assert.deepEqual(point('using A;\nnamespace B;\n\n// class C {\npublic record D(int E)\n{\n\tint F;\n}\n', 'csharp'), { before: 'using A;\nnamespace B;\n\n// class C {\npublic record D(int E)\n{\n', context: 'members', indent: '\t' });
		assert.deepEqual(point('using A;\n\nConsole.WriteLine("class X {");\nclass Y { }\n', 'csharp'), { before: 'using A;\n', context: 'statements', indent: '' });
		assert.deepEqual(point('import ballerina/io;\nimport ballerina/os as o;\n\npublic function main() {}\n', 'ballerina'), { before: 'import ballerina/io;\nimport ballerina/os as o;\n', context: 'declarations', indent: '' });
		assert.deepEqual(point('// import ballerina/io;\nint x = 1;\n', 'ballerina').before, '');
		assert.deepEqual(point('<html><?php\nnamespace A;\nuse B\\C;\nclass D {}\n', 'php'), { before: '<html><?php\nnamespace A;\nuse B\\C;\n', context: 'statements', indent: '' });
		assert.deepEqual(point('<?php\necho 1;\n', 'php').before, '<?php\n');
		assert.deepEqual(point('<p>no code</p>\n', 'php').before, '');
		assert.deepEqual(point('#!/usr/bin/env ruby\n# frozen_string_literal: true\n\nputs 1\n', 'ruby').before, '#!/usr/bin/env ruby\n# frozen_string_literal: true\n\n');
		assert.deepEqual(point('# frozen_string_literal: true\nrequire "a"\nrequire_relative \'b\'\n\nputs 1\n', 'ruby').before, '# frozen_string_literal: true\nrequire "a"\nrequire_relative \'b\'\n');
	});

	it('at the cursor, the new languages: Ballerina in a body takes statements, PHP not in a class body or in HTML, Ruby anywhere', () => {
		const bal = 'import ballerina/os;\n\nfunction f() {\n    g();\n}\n';
		assert.equal(contextAt(bal, 'ballerina', bal.indexOf('    g()')), 'statements');
		assert.equal(contextAt(bal, 'ballerina', bal.indexOf('function')), 'declarations');
		const php = '<p>x</p>\n<?php\nclass A {\n    public function b() {\n        c();\n    }\n    private $d;\n}\n$e = 1;\n?>\n<p>y</p>\n';
		assert.equal(contextAt(php, 'php', 0), undefined);
		assert.equal(contextAt(php, 'php', php.indexOf('        c()')), 'statements');
		assert.equal(contextAt(php, 'php', php.indexOf('    private')), undefined);
		assert.equal(contextAt(php, 'php', php.indexOf('$e')), 'statements');
		assert.equal(contextAt(php, 'php', php.indexOf('<p>y')), undefined);
		assert.equal(contextAt('class A\n  def b\n    c\n  end\nend\n', 'ruby', 14), 'statements');
		// A PHP file of HTML only: the code is opened, and closed before the HTML again.
		assert.equal(insert('<p>x</p>\n', 'php', spec('catalog', 'inventory', false), FOUR, 0),
			"<?php\n\n// Choreo connection \"catalog\" (service, project scope)\n$catalogServiceUrl = getenv('CHOREO_CATALOG_SERVICEURL');\n\n?>\n<p>x</p>\n");
		assert.equal(insert('', 'php', spec('catalog', 'inventory', false), FOUR),
			"<?php\n\n// Choreo connection \"catalog\" (service, project scope)\n$catalogServiceUrl = getenv('CHOREO_CATALOG_SERVICEURL');\n");
	});

	it('at the cursor: the context of the line decides the form; Java outside a class falls back to the default place', () => {
		const java = 'import a.B;\n\nclass C {\n    void d() {\n        e();\n    }\n}\n';
		assert.equal(contextAt(java, 'java', java.indexOf('e();')), 'statements');
		assert.equal(contextAt(java, 'java', java.indexOf('    void')), 'members');
		assert.equal(contextAt(java, 'java', 0), undefined);
		const s = spec('catalog', 'inventory', false);
		const out = insert(java, 'java', s, FOUR, 0);
		assert.equal(out, insert(java, 'java', s, FOUR));
		const go = 'package main\n\nfunc main() {\n\tx()\n}\n';
		assert.equal(contextAt(go, 'go', go.indexOf('x()')), 'statements');
		assert.equal(contextAt(go, 'go', go.indexOf('func')), 'declarations');
		const cs = 'namespace A\n{\n    class B\n    {\n        void C() { }\n    }\n}\n';
		assert.equal(contextAt(cs, 'csharp', cs.indexOf('        void')), 'members');
		assert.equal(contextAt(cs, 'csharp', cs.indexOf('    class')), undefined);
		assert.equal(contextAt('var a = 1;\n', 'csharp', 0), 'statements');
	});

	it('at the cursor on a blank line: replaces its white space, indented like the code around it', () => {
		const text = 'function f() {\n\n}\n';
		const out = insert(text, 'typescript', spec('catalog', 'inventory', false), TAB, text.indexOf('\n') + 1);
		assert.equal(out, 'function f() {\n\t// Choreo connection "catalog" (service, project scope)\n\tconst catalogServiceUrl = process.env.CHOREO_CATALOG_SERVICEURL;\n}\n');
		const py = 'def f():\n    x = 1\n    \n';
		assert.equal(insert(py, 'python', spec('catalog', 'inventory', false), FOUR, py.lastIndexOf('    \n') + 2),
			'import os\n\ndef f():\n    x = 1\n    # Choreo connection "catalog" (service, project scope)\n    catalog_service_url = os.environ.get("CHOREO_CATALOG_SERVICEURL")\n');
		const end = 'x();\n';
		assert.equal(insert(end, 'javascript', spec('catalog', 'inventory', false), TAB, end.length),
			'x();\n// Choreo connection "catalog" (service, project scope)\nconst catalogServiceUrl = process.env.CHOREO_CATALOG_SERVICEURL;\n');
	});

	it('imports: added only when missing, in the file\'s existing style', () => {
		const token = spec('payments', 'inventory', true);
		const plain = spec('catalog', 'inventory', false);
		// Python: `import os.path` binds os; an aliased import does not count.
		assert.ok(insert('import os.path\n', 'python', plain, FOUR).startsWith('import os.path\n\n#'));
		assert.ok(insert('import os as o\n', 'python', plain, FOUR).startsWith('import os as o\nimport os\n\n#'));
		// Go: into the first group, sorted; a lone import becomes a block; none: after the package clause.
		assert.equal(insert('package main\n\nimport (\n\t"fmt"\n\t"zz"\n\n\t"x.io/y"\n)\n', 'go', plain, TAB).split('\n\n')[1], 'import (\n\t"fmt"\n\t"os"\n\t"zz"');
		assert.ok(insert('package main\n\nimport "fmt"\n', 'go', plain, TAB).startsWith('package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\n//'));
		assert.ok(insert('package main\n', 'go', plain, TAB).startsWith('package main\n\nimport "os"\n\n//'));
		assert.ok(insert('package main\n\nimport (\n\t"os"\n)\n', 'go', plain, TAB).startsWith('package main\n\nimport (\n\t"os"\n)\n\n//'));
		// Java: wildcard imports count.
		const java = insert('import java.net.http.*;\nimport java.util.*;\n\nclass A {\n}\n', 'java', token, FOUR);
		assert.ok(java.startsWith('import java.net.http.*;\nimport java.util.*;\nimport java.io.IOException;\nimport java.net.URI;\nimport java.nio.charset.StandardCharsets;\nimport java.util.regex.Matcher;\nimport java.util.regex.Pattern;\n\nclass A {'), java);
		// C#: implicit usings (no using at all, or System types used without `using System;`) are not repeated.
		assert.ok(insert('var a = Environment.GetEnvironmentVariable("A");\n', 'csharp', plain, FOUR).startsWith('// Choreo'));
		assert.ok(insert('using System.Linq;\nclass A\n{\n}\n', 'csharp', plain, FOUR).startsWith('using System.Linq;\nusing System;\nclass A'));
		// Ballerina: only the modules missing; none at all: at the top.
		assert.ok(insert('import ballerina/os;\n', 'ballerina', token, FOUR).startsWith('import ballerina/os;\nimport ballerina/http;\n\n//'));
		assert.ok(insert('public function main() {}\n', 'ballerina', plain, FOUR).startsWith('import ballerina/os;\n\n//'));
		// Ruby: require lines after the others (a require in a string does not count); the magic comment stays first.
		assert.ok(insert("require 'json'\nx = 'require \"net/http\"'\n", 'ruby', token, FOUR).startsWith("require 'json'\nrequire 'net/http'\n\n#"));
		assert.ok(insert('# frozen_string_literal: true\n\nputs 1\n', 'ruby', token, FOUR).startsWith("# frozen_string_literal: true\n\nrequire 'json'\nrequire 'net/http'\n\n# Choreo"));
		assert.ok(insert('puts 1\n', 'ruby', plain, FOUR).startsWith('# Choreo'));
	});
});

describe('snippets: properties', () => {
	const languages = fc.constantFrom(...SNIPPET_LANGUAGES);
	const specs = fc.constantFrom(spec('payments', 'inventory', true), spec('catalog', 'inventory', false), spec('shared-postgres', 'orders-api', false));
	const sourceish = fc.array(fc.constantFrom('import a from "b";', 'import (', ')', '"os"', 'package main', 'class A {', '}', '{', 'namespace N', 'using System;', '"""', '/*', '*/', '//', '#', "'", '`', 'def f():', '    x = 1', '\t', '', 'import os', 'x = "{"'), { maxLength: 30 })
		.map((l) => l.join('\n'));
	const texts = fc.oneof(fc.string({ maxLength: 200 }), sourceish);

	it('never throws; edits are sorted, disjoint, in range, and only ever replace white space (or a Go import they keep)', () => {
		fc.assert(fc.property(texts, languages, specs, fc.option(fc.nat(), { nil: undefined }), (text, language, s, at) => {
			const r = insertReferenceEdits(text, language, s, { format: TAB, at: at === undefined ? undefined : at % (text.length + 1) });
			let end = 0;
			for (const e of r.edits) {
				assert.ok(e.offset >= end && e.offset + e.length <= text.length);
				end = e.offset + e.length;
				const removed = text.slice(e.offset, e.offset + e.length);
				if (!/^[ \t]*$/.test(removed)) {
					assert.equal(language, 'go');
					const m = /"([^"]*)"/.exec(removed);
					assert.ok(m && e.newText.includes(`"${m[1]}"`), removed);
				}
			}
			assert.ok(applyTextEdits(text, r.edits).includes(s.variables[0].variable));
		}), { numRuns: 400 });
	});

	it('CRLF text stays CRLF-only', () => {
		fc.assert(fc.property(sourceish, languages, specs, fc.nat(), (text, language, s, at) => {
			const crlf = text.replace(/\n/g, '\r\n');
			const out = applyTextEdits(crlf, insertReferenceEdits(crlf, language, s, { format: { indent: '\t', eol: '\r\n' }, at: at % (crlf.length + 1) }).edits);
			assert.doesNotMatch(out, /[^\r]\n|^\n/);
		}), { numRuns: 300 });
	});

	it('masking keeps the length and every line break', () => {
		fc.assert(fc.property(texts, languages, (text, language) => {
			const m = maskNonCode(text, language);
			assert.equal(m.length, text.length);
			for (let i = 0; i < text.length; i++) {
				if (text[i] === '\n' || text[i] === '\r') {
					assert.equal(m[i], text[i]);
				}
			}
		}), { numRuns: 300 });
	});
});

describe('snippets: bounded work', () => {
	it('a 2 MB file with thousands of imports, comments and strings: the lexer\'s work grows linearly, and insertion still lands', () => {
		const chunk = 'import { a } from "./a"; // x\n/* c */ const s = "{ x }"; // y\n';
		for (const language of SNIPPET_LANGUAGES) {
			// PHP: code only inside the open tag.
			const sized = (bytes: number) => (language === 'php' ? '<?php\n' : '') + chunk.repeat(Math.ceil(bytes / chunk.length));
			const work = (text: string) => {
				const stats: LexStats = { tokens: 0, rescanned: 0 };
				maskNonCode(text, language, stats);
				return stats.tokens + stats.rescanned;
			};
			const small = work(sized(1_000_000));
			const large = work(sized(2_000_000));
			assert.ok(small > 0 && large <= small * 2.1, `${language}: lexer work ${small} at 1 MB, ${large} at 2 MB`);
			const big = sized(2_000_000);
			const r = insertReferenceEdits(big, language, spec('catalog', 'inventory', false), { format: TAB, at: big.length - 5 });
			assert.ok(r.edits.length > 0, `${language}: an insertion into the 2 MB file`);
			assert.ok(defaultInsertionPoint(big, language, TAB).offset <= big.length, language);
		}
	});
});
