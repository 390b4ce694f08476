#!/usr/bin/env node
// `npm start`: serves VS Code (code-server) on 127.0.0.1:${PORT:-8080} with this extension installed
// and examples/acme-shop open, until Ctrl-C.
//
// Usage: node scripts/start.mjs [--workspace DIR] [--check [--screenshot FILE]]
//   --check  opens the workbench once in headless Chromium, reports whether the extension
//            activated, and exits (0 = activated). Uses a free port unless PORT is set.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureHarness, extensionId, launchChromium, repoRoot, startCodeServer, workbenchUrl } from './harness/codeServer.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
	const i = argv.indexOf(name);
	return i >= 0 ? argv[i + 1] : undefined;
};
const check = argv.includes('--check');
const screenshot = opt('--screenshot');
const folder = path.resolve(opt('--workspace') ?? path.join(repoRoot, 'examples', 'acme-shop'));
const port = process.env.PORT ? Number(process.env.PORT) : check ? 0 : 8080;
const log = (msg) => console.log(`[start] ${msg}`);

if (!fs.existsSync(folder)) {
	console.error(`[start] workspace folder ${folder} does not exist`);
	process.exit(2);
}
ensureHarness();
if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
	log('building the extension');
	const r = spawnSync(process.execPath, [path.join(repoRoot, 'esbuild.mjs')], { cwd: repoRoot, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

// Installed as a link named like a real install, so a plain URL loads it (no smoke-test payload)
// and edits plus a rebuild show up after a window reload.
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const server = await startCodeServer({
	port,
	folder,
	extensions: [{ name: `${extensionId}-${pkg.version}`, path: repoRoot }],
}).catch((e) => {
	console.error(`[start] ${e.message}`);
	process.exit(1);
});
const url = workbenchUrl(server.url, { folder });

let shuttingDown = false;
const shutdown = async (code) => {
	if (shuttingDown) return;
	shuttingDown = true;
	await server.stop();
	process.exit(code);
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(0));
server.exit.then((code) => {
	if (shuttingDown) return;
	console.error(`[start] code-server exited (${code}); log: ${server.logFile}`);
	shutdown(1);
});

if (!check) {
	console.log(`Open ${url} in a browser`);
	log('Ctrl-C stops the server');
} else {
	await shutdown(await selfCheck());
}

/** Opens the workbench like a user would and reports whether the extension activated. */
async function selfCheck() {
	log(`checking ${url}`);
	const browser = await launchChromium({ dir: server.dir });
	try {
		const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
		await page.goto(url);
		await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
		log('workbench loaded');
		const activation = await waitForActivation(60000);
		const container = page.locator('.activitybar .action-item [aria-label^="Connections"]').first();
		const inActivityBar = await container.waitFor({ timeout: 10000 }).then(() => true, () => false);
		log(`"Connections" view container in the activity bar: ${inActivityBar ? 'yes' : 'no'}`);
		if (screenshot) {
			await page.screenshot({ path: path.resolve(screenshot) });
			log(`screenshot written to ${path.resolve(screenshot)}`);
		}
		if (activation.ok) log(`${extensionId} activated: ${activation.line}`);
		else log(`${extensionId} NOT activated${activation.line ? `: ${activation.line}` : ' (nothing in the extension host log)'}`);
		return activation.ok && inActivityBar ? 0 : 1;
	} finally {
		await browser.close().catch(() => {});
	}
}

/** Polls the extension host's log for the activation (or its failure) of this extension. */
async function waitForActivation(ms) {
	const end = Date.now() + ms;
	const logsDir = path.join(server.userDataDir, 'logs');
	for (;;) {
		const files = fs.existsSync(logsDir) ? fs.readdirSync(logsDir, { recursive: true }).filter((f) => /exthost\d*[/\\]remoteexthost\.log$/.test(f)) : [];
		const lines = files.flatMap((f) => fs.readFileSync(path.join(logsDir, f), 'utf8').split('\n')).filter((l) => l.includes(extensionId));
		const failed = lines.find((l) => /\[error\]/.test(l));
		if (failed) return { ok: false, line: failed.trim() };
		const activated = lines.find((l) => l.includes('_doActivateExtension'));
		if (activated) return { ok: true, line: activated.replace(/^.*ExtensionService#_doActivateExtension /, '').trim() };
		if (Date.now() > end) return { ok: false, line: lines.at(-1)?.trim() };
		await new Promise((r) => setTimeout(r, 250));
	}
}
