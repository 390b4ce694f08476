// Shared by the integration test runner, `npm start` and screenshot tools: paths of the harness
// installed by scripts/harness/setup.sh, starting code-server (VS Code server + web workbench) and
// launching headless Debian Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const extensionId = 'connections-tools.choreo-connections';

/** Where setup.sh installs Node 24, code-server and which Chromium to drive. */
export function harnessPaths() {
	const home = process.env.CONNECTIONS_HARNESS_HOME ?? path.join(os.homedir(), '.cache', 'connections-vscode-harness');
	return {
		home,
		node24: path.join(home, 'node24', 'node_modules', 'node', 'bin', 'node'),
		codeServer: path.join(home, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
		chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	};
}

/** Names of the harness parts that are missing (empty when ready). */
export function missingHarnessParts() {
	const p = harnessPaths();
	return [['Node 24', p.node24], ['code-server', p.codeServer], ['Chromium', p.chromium]]
		.filter(([, file]) => !fs.existsSync(file))
		.map(([what, file]) => `${what} (${file})`);
}

/** Runs setup.sh when something is missing; throws when it fails. */
export function ensureHarness() {
	if (missingHarnessParts().length === 0) return;
	const r = spawnSync('bash', [path.join(repoRoot, 'scripts', 'harness', 'setup.sh')], { stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`scripts/harness/setup.sh failed (exit ${r.status})`);
}

// Quiet, offline-friendly user settings: nothing in the workbench should wait on the network.
const offlineSettings = {
	'workbench.startupEditor': 'none',
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'chat.disableAIFeatures': true,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'git.enabled': false,
	'npm.fetchOnlinePackageInfo': false,
};

// Opens folders untrusted without prompts, as the harness README found.
const trustSettings = {
	'security.workspace.trust.enabled': true,
	'security.workspace.trust.startupPrompt': 'never',
	'security.workspace.trust.banner': 'never',
	'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Starts code-server on 127.0.0.1 with its own user data, extensions and XDG folders.
 * @param {object} o
 * @param {number} [o.port] 0 (default) picks a free port
 * @param {string} [o.dir] folder for server state; a fresh temp dir when omitted
 * @param {Record<string, unknown>} [o.settings] extra user settings
 * @param {boolean} [o.workspaceTrust] keep workspace trust on (folders open untrusted)
 * @param {boolean} [o.payload] the URL will carry a ?payload= (extension development / tests)
 * @param {{name: string, path: string}[]} [o.extensions] linked into --extensions-dir as <name>
 * @param {string} [o.folder] folder a plain URL opens
 * @param {Record<string, string>} [o.env] extra environment, inherited by the extension host
 * @param {boolean} [o.keep] keep dir after stop()
 * @param {(line: string) => void} [o.onOutput] every server output line
 */
export async function startCodeServer(o = {}) {
	const { node24, codeServer } = harnessPaths();
	const missing = missingHarnessParts();
	if (missing.length) throw new Error(`harness not installed, missing ${missing.join(', ')}: run bash scripts/harness/setup.sh`);

	const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'connections-cs-'));
	const d = (...p) => path.join(dir, ...p);
	for (const sub of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache']) fs.mkdirSync(d(sub), { recursive: true });
	fs.writeFileSync(d('config.yaml'), `bind-addr: 127.0.0.1:${o.port ?? 0}\nauth: none\ncert: false\n`);
	const settings = { ...offlineSettings, ...(o.workspaceTrust ? trustSettings : {}), ...o.settings };
	fs.writeFileSync(d('user-data', 'User', 'settings.json'), JSON.stringify(settings, null, '\t'));
	for (const ext of o.extensions ?? []) {
		const link = d('extensions', ext.name);
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(ext.path, link, 'dir');
	}

	const args = [codeServer,
		'--config', d('config.yaml'),
		'--bind-addr', `127.0.0.1:${o.port ?? 0}`,
		'--auth', 'none',
		'--user-data-dir', d('user-data'),
		'--extensions-dir', d('extensions'),
		'--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
		...(o.workspaceTrust ? [] : ['--disable-workspace-trust']),
		// Without it the workbench silently ignores ?payload= and a test run hangs.
		...(o.payload ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
		...(o.folder ? [o.folder] : []),
	];
	const env = {
		...process.env,
		XDG_CONFIG_HOME: d('xdg-config'),
		XDG_DATA_HOME: d('xdg-data'),
		XDG_CACHE_HOME: d('xdg-cache'), // VS Code writes its device id here
		...o.env,
	};
	delete env.PORT; // code-server lets $PORT override --bind-addr
	const log = fs.createWriteStream(d('code-server.log'));
	// Own process group so stop() also ends the extension host and pty host.
	const child = spawn(node24, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

	let exited = false;
	const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));
	const url = await new Promise((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${buf}`)), 60000);
		const onData = (chunk) => {
			log.write(chunk);
			const text = chunk.toString();
			buf += text;
			if (o.onOutput) for (const line of text.split('\n')) if (line.trim()) o.onOutput(line);
			const m = /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(buf);
			if (m) { clearTimeout(timer); resolve(m[1]); }
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		exit.then((code) => { clearTimeout(timer); reject(new Error(`code-server exited early (${code}):\n${buf}`)); });
	}).catch((e) => {
		killGroup(child.pid, 'SIGKILL');
		if (!o.keep && !o.dir) fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	});

	let stopping;
	const stop = () => (stopping ??= (async () => {
		if (!exited) {
			killGroup(child.pid, 'SIGTERM');
			const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
			await exit;
			clearTimeout(killer);
		}
		// The extension host may outlive the server briefly; make sure the group is gone.
		killGroup(child.pid, 'SIGKILL');
		log.end();
		if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
	})());
	return { url, port: Number(new URL(url).port), dir, logFile: d('code-server.log'), userDataDir: d('user-data'), exit, stop };
}

function killGroup(pid, signal) {
	try { process.kill(-pid, signal); } catch { /* already gone */ }
}

/**
 * The workbench URL for a folder, optionally with a smoke-test payload (the server needs
 * payload: true). Absolute paths in the payload become vscode-remote URIs.
 */
export function workbenchUrl(serverUrl, { folder, workspace, payload } = {}) {
	const u = new URL(serverUrl);
	const q = [];
	if (folder) q.push(`folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`); // readable when printed
	if (workspace) q.push(`workspace=${encodeURIComponent(workspace).replace(/%2F/g, '/')}`); // a .code-workspace file
	// code-server uses location.host as the remote authority.
	if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload.map(([k, v]) => [k, v.startsWith('/') ? `vscode-remote://${u.host}${v}` : v])))}`);
	return `${u.origin}/${q.length ? `?${q.join('&')}` : ''}`;
}

/** Headless Debian Chromium (runs as root too), with its profile and caches under dir. */
export async function launchChromium({ dir = os.tmpdir() } = {}) {
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: harnessPaths().chromium,
		headless: true,
		env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'xdg-cache'), XDG_CONFIG_HOME: path.join(dir, 'xdg-config') },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--no-zygote'],
	});
}

/**
 * Runs a command through the command palette. Retries the whole step: while the workbench
 * restores, focus moves close the quick input.
 */
export async function runPaletteCommand(page, title, timeoutMs = 15000) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		try {
			await page.keyboard.press('Escape');
			await page.keyboard.press('F1');
			const input = page.locator('.quick-input-widget input');
			await input.waitFor({ state: 'visible', timeout: 3000 });
			await input.fill(`>${title}`);
			const rows = page.locator('.quick-input-list .monaco-list-row');
			const row = rows.filter({ hasText: title }).first();
			await row.waitFor({ state: 'visible', timeout: 3000 });
			// Enter runs the focused row; click the match if fuzzy ranking put another row first.
			if ((await rows.first().innerText()).includes(title)) await page.keyboard.press('Enter');
			else await row.click();
			return;
		} catch (e) {
			if (Date.now() > end) throw new Error(`palette command "${title}" failed: ${e.message.split('\n')[0]}`);
		}
	}
}
