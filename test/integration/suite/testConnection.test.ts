// Issue #8 item 8 in the real editor: Test Connection reaches a service's URL, fetches an OAuth2 client-credentials
// token with the stored secret, and opens a TCP connection to a database, all on servers of this test on 127.0.0.1;
// a closed port, a refused token and a secret not set each give their own result; a token URL that
// connections.json moves to another origin gets no secret until the user agrees again (S4).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ConnectionsApi } from '../../../src/vscode/api';
import type { TestConnectionResult } from '../../../src/vscode/testConnection';
import * as fs from 'node:fs';
import { EXT_ID, editorStoreFiles } from './connectionsHelpers';
import { waitFor } from './util';

const FOLDER = 'test-connection-fixture';
const SECRET = 'canary-tc-8f21e6';

function listen(server: http.Server | net.Server): Promise<number> {
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

describe('Test Connection', () => {
	const folder = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, FOLDER);
	const file = () => vscode.Uri.joinPath(folder(), 'connections.json');
	const tokenRequests: { auth: string; body: string }[] = [];
	const serviceRequests: string[] = [];
	const service = http.createServer((req, res) => {
		serviceRequests.push(`${req.method} ${req.url}`);
		res.writeHead(req.url === '/broken' ? 503 : 200).end('ok');
	});
	const tokens = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d: Buffer) => { body += d.toString(); });
		req.on('end', () => {
			const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
			tokenRequests.push({ auth, body });
			const good = auth === `client-1:${SECRET}` && body === 'grant_type=client_credentials';
			res.writeHead(good ? 200 : 401, { 'content-type': 'application/json' })
				.end(JSON.stringify(good ? { access_token: 'tok', token_type: 'Bearer' } : { error: 'invalid_client', error_description: `bad ${auth}` }));
		});
	});
	const database = net.createServer((s) => s.end());
	let closedPort = 0;
	let api: ConnectionsApi;
	let repoKey: string;
	let ports: { service: number; tokens: number; database: number };

	const fixture = (tokenPort: number) => JSON.stringify({
		version: 1,
		project: {
			id: 'shop',
			connections: [
				{ id: 'payments', kind: 'service', target: 'service:/shop/payments/v1/api/ORGANIZATION', access: 'organization', security: { scheme: 'oauth2' },
					parameters: { ServiceURL: `http://user:pw@127.0.0.1:${ports.service}/v1?k=q`, TokenURL: `http://127.0.0.1:${tokenPort}/oauth2/token`, ConsumerKey: 'client-1', ConsumerSecret: { secret: true } } },
				{ id: 'ledger', kind: 'third-party', target: 'thirdparty:ledger/v1', parameters: { ServiceURL: `http://127.0.0.1:${ports.service}/broken` } },
				{ id: 'orders-db', kind: 'database', target: 'database:orders', parameters: { HostName: '127.0.0.1', Port: ports.database, Username: 'app', Password: { secret: true }, DatabaseName: 'orders' } },
				{ id: 'closed-db', kind: 'database', target: 'database:closed', parameters: { HostName: '127.0.0.1', Port: closedPort, Username: 'app', Password: { secret: true }, DatabaseName: 'x' } },
			],
			components: [],
		},
	}, null, 2);

	const test = (connectionId: string, extra: object = {}) =>
		vscode.commands.executeCommand<TestConnectionResult | undefined>('connections.testConnection', { repository: repoKey, connectionId, environment: 'development', ...extra });

	before(async function () {
		this.timeout(60_000);
		ports = { service: await listen(service), tokens: await listen(tokens), database: await listen(database) };
		const spare = net.createServer();
		closedPort = await listen(spare);
		await new Promise((r) => spare.close(r));
		api = await vscode.extensions.getExtension<ConnectionsApi>(EXT_ID)!.activate();
		await api.model.ready;
		await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(fixture(ports.tokens)));
		await vscode.workspace.openTextDocument(file());
		const repo = await waitFor(() => {
			const r = api.model.repositoryFor(file());
			return r?.folder.path.endsWith(`/${FOLDER}`) && r.project.index.model.allConnections.length === 4 ? r : undefined;
		}, 'the fixture repository', 40_000);
		repoKey = repo.folder.toString();
	});

	after(async () => {
		await vscode.commands.executeCommand('connections.clearStoredSecrets', { repository: repoKey, confirmed: true });
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await vscode.workspace.fs.delete(folder(), { recursive: true });
		for (const s of [service, tokens, database]) {
			s.close();
		}
	});

	it('a service: its URL answers, and with the secret set the token endpoint issues a token for the client credentials', async function () {
		this.timeout(30_000);
		const before = await test('payments', { sendSecrets: false });
		assert.deepEqual(before?.results.map((r) => [r.check, r.ok]), [['http', true]]);
		assert.deepEqual(before?.gaps, [{ key: 'ConsumerSecret', reason: 'secret-not-set' }], 'a secret not set is named');
		assert.match(before!.results[0].message, new RegExp(`^http://127\\.0\\.0\\.1:${ports.service}/v1 answered HTTP 200 in \\d+ ms$`), 'no user info or query shown');
		assert.deepEqual(serviceRequests, ['GET /v1?k=q']);
		assert.equal(tokenRequests.length, 0);

		assert.equal(await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'payments', key: 'ConsumerSecret', value: SECRET }), true);
		const after = await test('payments', { sendSecrets: true });
		assert.deepEqual(after?.results.map((r) => [r.check, r.ok]), [['http', true], ['token', true]], JSON.stringify(after));
		assert.deepEqual(after?.gaps, []);
		assert.match(after!.results[1].message, new RegExp(`^http://127\\.0\\.0\\.1:${ports.tokens}/oauth2/token issued a token in \\d+ ms$`));
		assert.deepEqual(tokenRequests, [{ auth: `client-1:${SECRET}`, body: 'grant_type=client_credentials' }]);
		assert.ok(!JSON.stringify(after).includes(SECRET), 'no secret in the result');
	});

	it('a token URL moved to another origin gets no secret without a new yes; a refused token shows the OAuth error only', async function () {
		this.timeout(40_000);
		await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'payments', key: 'ConsumerSecret', value: SECRET });
		assert.equal((await test('payments', { sendSecrets: true }))?.results[1]?.ok, true, 'agreed for the first origin');
		const other = http.createServer((_req, res) => { tokenRequests.push({ auth: 'other', body: '' }); res.end('{}'); });
		const otherPort = await listen(other);
		try {
			await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(fixture(otherPort)));
			const repo = api.model.repositoryFor(file())!;
			await waitFor(() => repo.project.parsed.text.includes(`:${otherPort}/oauth2`) || undefined, 'the moved token URL read', 20_000);
			const count = tokenRequests.length;
			const refused = await test('payments', { sendSecrets: false });
			assert.equal(tokenRequests.length, count, 'the new origin received nothing');
			assert.deepEqual(refused?.results.map((r) => [r.check, r.ok]), [['http', true], ['token', false]]);
			assert.match(refused!.results[1].message, /not asked for a token/);
		} finally {
			other.close();
			await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(fixture(ports.tokens)));
			const repo = api.model.repositoryFor(file())!;
			await waitFor(() => repo.project.parsed.text.includes(`:${ports.tokens}/oauth2`) || undefined, 'the token URL restored', 20_000);
		}
		await vscode.commands.executeCommand('connections.setSecretValue', { repository: repoKey, connectionId: 'payments', key: 'ConsumerSecret', value: 'wrong-secret' });
		const wrong = await test('payments', { sendSecrets: true });
		assert.equal(wrong?.results[1].message, `http://127.0.0.1:${ports.tokens}/oauth2/token gave no token (HTTP 401, invalid_client)`, 'the error code, not the description that echoes the credentials');
		const leaks = (await editorStoreFiles()).filter((f) => fs.readFileSync(f).includes(SECRET) || fs.readFileSync(f).includes('wrong-secret'));
		assert.deepEqual(leaks, [], 'no log (the output channel has a line per check), state or settings file holds a secret');
	});

	it('a database: an open port accepts a TCP connection, a closed one is refused; a 5xx service is a failure', async function () {
		this.timeout(30_000);
		const open = await test('orders-db');
		assert.deepEqual(open?.results.map((r) => [r.check, r.ok]), [['tcp', true]]);
		assert.match(open!.results[0].message, new RegExp(`^127\\.0\\.0\\.1:${ports.database} accepted a TCP connection in \\d+ ms$`));
		const closed = await test('closed-db');
		assert.deepEqual(closed?.results.map((r) => r.message), [`127.0.0.1:${closedPort}: connection refused`]);
		const broken = await test('ledger');
		assert.deepEqual(broken?.results.map((r) => r.ok), [false]);
		assert.match(broken!.results[0].message, /answered HTTP 503 \(a server error\)/);
	});
});
