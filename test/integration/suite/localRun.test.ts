// Local runs in the real editor: a terminal opened for a component has its variables (renames applied, the
// renamed default absent) and starts in its folder, as a command run in it sees them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { connectionsApi, rootRepository } from './connectionsHelpers';
import { waitFor } from './util';

describe('local runs', () => {
	it('Open Terminal for Component: a command run in it sees the component\'s variables for the environment, in its folder', async function () {
		this.timeout(60_000);
		const repo = await rootRepository(await connectionsApi());
		const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'connections-terminal-')), 'env.json');
		const terminal = await vscode.commands.executeCommand<vscode.Terminal>('connections.openTerminal', { repository: repo.folder, componentId: 'orders-api', environment: 'development' });
		assert.ok(terminal, 'a terminal');
		try {
			assert.equal(terminal.name, 'orders-api (development)');
			const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ cwd: process.cwd(), env: process.env }))`;
			terminal.sendText(`${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}`);
			const seen = await waitFor(() => (fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) as { cwd: string; env: Record<string, string> } : undefined), 'the command in the terminal to write its environment', 40_000);
			assert.equal(fs.realpathSync(seen.cwd), fs.realpathSync(path.join(repo.folder.fsPath, 'services', 'orders')));
			// connections.json renames ServiceURL of payments to PAYMENTS_URL (and component.yaml agrees).
			assert.equal(seen.env.PAYMENTS_URL, 'https://payments.dev.acme.example/v1');
			assert.equal(seen.env.CHOREO_PAYMENTS_SERVICEURL, undefined, 'the renamed default is not injected');
			assert.equal(seen.env.CHOREO_CATALOG_SERVICEURL, 'http://localhost:8081/catalog');
			assert.equal(seen.env.CHOREO_SHARED_POSTGRES_HOSTNAME, 'pg-main.dev.acme.example');
			assert.equal(seen.env.CHOREO_SHARED_POSTGRES_PASSWORD, undefined, 'no secret stored: not set');
		} finally {
			terminal.dispose();
			fs.rmSync(path.dirname(out), { recursive: true, force: true });
		}
	});
});
