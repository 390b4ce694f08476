// Local runs: the one materialization of a component's environment (core/run), its renderings, the dotenv
// reader, and the command line's `env` and `run`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { isMaterializeError, materialize, type RunEnvironment, type SecretLookup } from '../../src/core/run/materialize';
import { renderDotenv, renderJson, renderShell } from '../../src/core/run/render';
import { parseDotenv } from '../../src/core/run/dotenv';
import { gitignoreAppend, gitignoreCovers } from '../../src/core/run/gitignore';
import { componentOfLaunchPath, launchConnections, mergedEnv } from '../../src/core/run/launch';
import { repo, run } from './cliHelpers';

const JSON_TEXT = JSON.stringify({
	version: 1,
	environments: ['development', 'production'],
	organization: { id: 'acme', connections: [{ id: 'shared-db', kind: 'database', target: 'database:main/shop', parameters: {
		HostName: { development: 'db.dev', production: 'db.prod' }, Port: 5432, Username: 'shop', Password: { secret: true }, DatabaseName: 'shop',
	} }] },
	project: {
		id: 'shop',
		connections: [
			{ id: 'payments', kind: 'service', target: 'service:/shop/payments/v1/api/ORGANIZATION', access: 'organization', security: { scheme: 'oauth2' },
				parameters: { ServiceURL: { development: 'https://pay.dev' }, TokenURL: 'https://sts/token', ConsumerKey: 'client', ConsumerSecret: { secret: true } } },
			{ id: 'catalog', kind: 'service', target: 'service:/shop/catalog/v1/api/PROJECT', access: 'project', security: { scheme: 'none' }, parameters: { ServiceURL: 'http://catalog' } },
		],
		components: [
			{ id: 'orders', path: 'orders', uses: ['shared-db', 'payments'], env: { PAY_URL: { connection: 'payments', key: 'ServiceURL' } } },
			{ id: 'web', type: 'web-app', path: 'web', uses: ['catalog'] },
		],
	},
}, null, 2);

function project(yaml?: string): ConnectionsProject {
	const p = new ConnectionsProject(JSON_TEXT);
	if (yaml !== undefined) {
		p.updateChoreoFile('orders/.choreo/component.yaml', yaml);
	}
	return p;
}

function env(p: ConnectionsProject, environment: string, secrets?: SecretLookup): RunEnvironment {
	const r = materialize(p, 'orders', environment, secrets);
	assert.ok(!isMaterializeError(r), JSON.stringify(r));
	return r;
}

const pairs = (e: RunEnvironment) => e.variables.map((v) => `${v.name}=${v.value}`);
const gaps = (e: RunEnvironment) => e.missing.map((v) => `${v.name}:${v.missing}`);

describe('run: one materialization of a component\'s environment', () => {
	const secrets: SecretLookup = (q) => ({ 'shared-db/Password/development': 'pw-dev', 'payments/ConsumerSecret/development': 's3cret' } as Record<string, string>)[`${q.connectionId}/${q.key}/${q.environment}`];

	it('names every injected variable as connections.json renames it, with its value for the environment, and lists what is missing', () => {
		const e = env(project(), 'development', secrets);
		// Own connections first, then the project's, then the organization's.
		assert.deepEqual(pairs(e), [
			// Renamed: PAY_URL instead of CHOREO_PAYMENTS_SERVICEURL, which is then absent.
			'PAY_URL=https://pay.dev', 'CHOREO_PAYMENTS_CONSUMERKEY=client', 'CHOREO_PAYMENTS_CONSUMERSECRET=s3cret', 'CHOREO_PAYMENTS_TOKENURL=https://sts/token',
			'CHOREO_SHARED_DB_HOSTNAME=db.dev', 'CHOREO_SHARED_DB_PORT=5432', 'CHOREO_SHARED_DB_USERNAME=shop', 'CHOREO_SHARED_DB_PASSWORD=pw-dev', 'CHOREO_SHARED_DB_DATABASENAME=shop',
		]);
		assert.deepEqual(gaps(e), []);
		assert.equal(e.variables.find((v) => v.name === 'PAY_URL')?.renamed, true);
		assert.ok(!e.variables.some((v) => v.name === 'CHOREO_PAYMENTS_SERVICEURL'));
	});

	it('per-environment values: an environment without a value is missing, a secret not stored is missing, and other environments are refused', () => {
		const e = env(project(), 'production', secrets);
		assert.deepEqual(gaps(e), ['PAY_URL:no-value', 'CHOREO_PAYMENTS_CONSUMERSECRET:secret-not-set', 'CHOREO_SHARED_DB_PASSWORD:secret-not-set']);
		assert.ok(pairs(e).includes('CHOREO_SHARED_DB_HOSTNAME=db.prod'));
		const bad = materialize(project(), 'orders', 'staging');
		assert.ok(isMaterializeError(bad) && bad.error === 'unknown-environment' && bad.known.join() === 'development,production');
		const none = materialize(project(), 'nope', 'development');
		assert.ok(isMaterializeError(none) && none.error === 'no-component' && none.known.join() === 'orders,web');
	});

	it('the secret-free mode reads no secret and says so', () => {
		const e = env(project(), 'development');
		assert.deepEqual(gaps(e), ['CHOREO_PAYMENTS_CONSUMERSECRET:secrets-not-read', 'CHOREO_SHARED_DB_PASSWORD:secrets-not-read']);
		assert.ok(e.variables.every((v) => !v.secret));
	});

	it('with a component.yaml, what it declares and renames decides (a reference injects even without "uses"; its env renames)', () => {
		const yaml = 'schemaVersion: "1.2"\ndependencies:\n  connectionReferences:\n    - name: catalog\n      resourceRef: service:/shop/catalog/v1/api/PROJECT\n'
			+ 'configurations:\n  env:\n    - name: DB_HOST\n      valueFrom:\n        connectionRef:\n          name: shared-db\n          key: HostName\n';
		const e = env(project(yaml), 'development', secrets);
		assert.ok(pairs(e).includes('DB_HOST=db.dev'));
		assert.ok(!pairs(e).some((p) => p.startsWith('CHOREO_SHARED_DB_HOSTNAME=')));
		// component.yaml does not rename PAY_URL: the platform injects the default name.
		assert.ok(pairs(e).includes('CHOREO_PAYMENTS_SERVICEURL=https://pay.dev'));
		assert.ok(pairs(e).includes('CHOREO_CATALOG_SERVICEURL=http://catalog'));
	});

	it('a rename that is no variable name is missing as such, never emitted', () => {
		const yaml = 'schemaVersion: "1.2"\nconfigurations:\n  env:\n    - name: "BAD\\nNAME"\n      valueFrom:\n        connectionRef:\n          name: shared-db\n          key: HostName\n';
		const e = env(project(yaml), 'development', secrets);
		assert.deepEqual(gaps(e).filter((g) => g.endsWith(':invalid-name')), ['BAD\nNAME:invalid-name']);
		assert.ok(!renderDotenv(e, { source: 'connections.json', secrets: true }).split('\n').some((l) => l.startsWith('NAME')));
	});
});

describe('run: renderings and the dotenv reader', () => {
	const e = env(project(), 'development', (q) => (q.key === 'Password' ? `it's "quoted"\nand two lines $HOME` : undefined));

	it('dotenv: a header naming the source, values quoted, secrets only when asked, missing values as comments', () => {
		const text = renderDotenv(e, { source: 'connections.json', secrets: false });
		assert.equal(text, [
			'# Generated by Connections for VS Code from connections.json: component orders, environment development.',
			'# Regenerate it rather than editing it; keep it out of version control.',
			"PAY_URL='https://pay.dev'", "CHOREO_PAYMENTS_CONSUMERKEY='client'", "CHOREO_PAYMENTS_TOKENURL='https://sts/token'",
			"CHOREO_SHARED_DB_HOSTNAME='db.dev'", "CHOREO_SHARED_DB_PORT='5432'", "CHOREO_SHARED_DB_USERNAME='shop'",
			'# CHOREO_SHARED_DB_PASSWORD= (secret, not written)',
			"CHOREO_SHARED_DB_DATABASENAME='shop'",
			'# CHOREO_PAYMENTS_CONSUMERSECRET= (secret not set: payments ConsumerSecret)',
			'',
		].join('\n'));
		const withSecrets = renderDotenv(e, { source: 'connections.json', secrets: true });
		assert.ok(withSecrets.includes('CHOREO_SHARED_DB_PASSWORD="it\'s \\"quoted\\"\\nand two lines \\$HOME"'));
		assert.equal(parseDotenv(withSecrets).values.get('CHOREO_SHARED_DB_PASSWORD'), `it's "quoted"\nand two lines $HOME`);
	});

	it('shell and JSON carry the same values', () => {
		assert.ok(renderShell(e).includes(`export CHOREO_SHARED_DB_PASSWORD='it'\\''s "quoted"\nand two lines $HOME'`));
		assert.equal(JSON.parse(renderJson(e)).CHOREO_SHARED_DB_PASSWORD, `it's "quoted"\nand two lines $HOME`);
	});

	it('property: any values survive dotenv writing and reading, and no value adds a line', () => {
		fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (values) => {
			const vars = values.map((value, i) => ({ name: `V${i}`, connectionId: 'c', key: 'K', secret: false, renamed: false, value }));
			const text = renderDotenv({ componentId: 'x\ny', environment: 'dev', variables: vars, missing: [] }, { source: 'connections.json', secrets: true });
			assert.equal(text.split('\n').length, 2 + vars.length + 1);
			const read = parseDotenv(text);
			assert.deepEqual(read.badLines, []);
			assert.deepEqual(vars.map((v) => read.values.get(v.name)), values);
		}), { numRuns: 300 });
	});

	it('the reader takes export, comments and bare values, and counts lines it cannot read without keeping them', () => {
		const r = parseDotenv('# c\nexport A=1\nB = two words # note\nC="x\\ty"\nnot a line\n1X=3\n');
		assert.deepEqual([...r.values], [['A', '1'], ['B', 'two words'], ['C', 'x\ty']]);
		assert.deepEqual(r.badLines, [5, 6]);
	});
});

describe('command line: env and run', () => {
	const dir = () => repo({ 'connections.json': JSON_TEXT, 'secrets.env': "CHOREO_SHARED_DB_PASSWORD='pw-from-file'\nCHOREO_PAYMENTS_CONSUMERSECRET=s3cret\n" });

	it('env prints dotenv (default), shell or json for the first environment, secrets from --secrets-file', () => {
		const d = dir();
		const r = run(['env', 'orders', '--secrets-file', 'secrets.env'], d);
		assert.equal(r.code, 0, r.stderr);
		assert.ok(r.stdout.includes("CHOREO_SHARED_DB_PASSWORD='pw-from-file'\n"));
		assert.ok(r.stdout.includes("PAY_URL='https://pay.dev'\n"));
		assert.equal(r.stderr, '');
		const json = JSON.parse(run(['env', 'orders', '--format', 'json', '--secrets-file', 'secrets.env'], d).stdout);
		assert.equal(json.CHOREO_PAYMENTS_CONSUMERSECRET, 's3cret');
		assert.ok(run(['env', 'orders', '--format=shell', '--secrets-file', 'secrets.env'], d).stdout.includes("export PAY_URL='https://pay.dev'\n"));
	});

	it('missing values are listed on stderr without values; --strict makes them an error', () => {
		const d = dir();
		const r = run(['env', 'orders', '--environment', 'production', '--secrets-file', 'secrets.env'], d);
		assert.equal(r.code, 0);
		assert.equal(r.stderr, 'connections: missing PAY_URL (no value for this environment in connections.json: payments ServiceURL)\n');
		const strict = run(['env', 'orders', '--environment', 'production', '--strict', '--secrets-file', 'secrets.env'], d);
		assert.equal(strict.code, 1);
		assert.equal(strict.stdout, '');
		// Secrets from the process environment when no file is given; none of them on stderr.
		process.env.CHOREO_SHARED_DB_PASSWORD = 'pw-from-env';
		try {
			const fromEnv = run(['env', 'orders'], d);
			assert.ok(fromEnv.stdout.includes("CHOREO_SHARED_DB_PASSWORD='pw-from-env'"));
			assert.equal(fromEnv.stderr, 'connections: missing CHOREO_PAYMENTS_CONSUMERSECRET (secret not set: payments ConsumerSecret)\n');
			assert.ok(!fromEnv.stderr.includes('pw-from'));
		} finally {
			delete process.env.CHOREO_SHARED_DB_PASSWORD;
		}
	});

	it('run passes the variables to the command and its exit status back; --strict does not start it', () => {
		const d = dir();
		const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'connections-run-')), 'env.json');
		const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.env)); process.exit(7)`;
		const r = run(['run', 'orders', '--secrets-file', 'secrets.env', '--', process.execPath, '-e', script], d);
		assert.equal(r.code, 7);
		const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, string>;
		assert.equal(seen.PAY_URL, 'https://pay.dev');
		assert.equal(seen.CHOREO_SHARED_DB_PASSWORD, 'pw-from-file');
		assert.equal(seen.CHOREO_PAYMENTS_SERVICEURL, undefined, 'the renamed default is not injected');
		fs.rmSync(out);
		const strict = run(['run', 'orders', '--environment', 'production', '--strict', '--', process.execPath, '-e', script], d);
		assert.equal(strict.code, 1);
		assert.ok(!fs.existsSync(out), 'the command did not run');
	});

	it('bad usage exits 2 with one line and the usage', () => {
		const d = dir();
		for (const args of [['env'], ['env', 'orders', '--format', 'xml'], ['run', 'orders'], ['env', 'nope'], ['env', 'orders', '--environment', 'staging'], ['run', 'orders', '--', 'definitely-not-a-command-xyz']]) {
			const r = run(args, d);
			assert.equal(r.code, args[args.length - 1] === 'definitely-not-a-command-xyz' ? 127 : 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, /^connections: /);
		}
	});
});

describe('run: does .gitignore keep a generated .env out of git', () => {
	it('names anywhere, rooted and nested paths, globs, negation and comments', () => {
		assert.equal(gitignoreCovers('.env\n', 'services/orders/.env'), true);
		assert.equal(gitignoreCovers('# .env\n', 'services/orders/.env'), false);
		assert.equal(gitignoreCovers('*.env\n', 'a/.env'), true);
		assert.equal(gitignoreCovers('/services/orders/.env\n', 'services/orders/.env'), true);
		assert.equal(gitignoreCovers('/services/orders/.env\n', 'services/billing/.env'), false);
		assert.equal(gitignoreCovers('services/**/.env\n', 'services/orders/.env'), true);
		assert.equal(gitignoreCovers('**/.env\n', '.env'), true);
		assert.equal(gitignoreCovers('.env\n!services/orders/.env\n', 'services/orders/.env'), false, 'negated later: not ignored');
		assert.equal(gitignoreCovers('.env/\n', 'a/.env'), false, 'a folder pattern');
		assert.equal(gitignoreCovers('.env.*\n', 'a/.env'), false);
		assert.equal(gitignoreCovers('', '.env'), false);
	});

	it('appends a line on its own line, in the file\'s line ends', () => {
		assert.deepEqual(gitignoreAppend('', '/a/.env'), { offset: 0, length: 0, newText: '/a/.env\n' });
		assert.deepEqual(gitignoreAppend('node_modules', '/a/.env'), { offset: 12, length: 0, newText: '\n/a/.env\n' });
		assert.deepEqual(gitignoreAppend('x\r\n', '/a/.env'), { offset: 3, length: 0, newText: '/a/.env\r\n' });
	});
});

describe('run: the component a launch configuration runs', () => {
	const p = new ConnectionsProject(JSON_TEXT);
	const components = p.index.model.components;

	it('reads the "connections" attribute, and says what is wrong with a malformed one', () => {
		assert.equal(launchConnections({ type: 'node' }), undefined);
		assert.deepEqual(launchConnections({ connections: { component: 'orders', environment: 'production' } }), { component: 'orders', environment: 'production' });
		assert.deepEqual(launchConnections({ connections: { component: 'orders' } }), { component: 'orders' });
		for (const bad of ['orders', { environment: 'x' }, { component: 3 }, { component: 'orders', environment: 1 }, null]) {
			assert.equal(typeof launchConnections({ connections: bad }), 'string', JSON.stringify(bad));
		}
	});

	it('by path: the deepest component folder holding cwd, else program; nothing outside the root', () => {
		assert.equal(componentOfLaunchPath('/repo', components, { cwd: '/repo/orders' })?.id, 'orders');
		assert.equal(componentOfLaunchPath('/repo/', components, { program: '/repo/web/src/main.js' })?.id, 'web');
		assert.equal(componentOfLaunchPath('C:\\repo', components, { program: 'C:\\repo\\orders\\x.js' })?.id, 'orders');
		assert.equal(componentOfLaunchPath('/repo', components, { cwd: '/repo/ordersx' }), undefined);
		assert.equal(componentOfLaunchPath('/repo', components, { cwd: '/elsewhere/orders' }), undefined);
		assert.equal(componentOfLaunchPath('/repo', components, {}), undefined);
	});

	it('the configuration\'s own env wins over the component\'s variables', () => {
		assert.deepEqual(mergedEnv({ A: '1', B: '2' }, { B: 'mine', C: null }), { A: '1', B: 'mine', C: null });
		assert.deepEqual(mergedEnv({ A: '1' }, undefined), { A: '1' });
	});
});
