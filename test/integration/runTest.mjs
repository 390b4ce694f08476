#!/usr/bin/env node
// Runs the compiled integration suite (out/test/integration/suite) inside a real VS Code: code-server
// serves the workbench, headless Chromium opens it with a payload that sets extensionDevelopmentPath
// and extensionTestsPath, and the workbench reports the suite's end through codeAutomationExit.
//
// Usage: node test/integration/runTest.mjs [--grep PATTERN] [--timeout SECONDS] [--keep] [--suite NAME] [--no-fixtures] [--untrusted]
//   --suite NAME   run out/test/integration/NAME instead of .../suite (e.g. screenshots, see scripts/screenshots.mjs)
//   --no-fixtures  the workspace is examples/acme-shop alone, without test/fixtures/workspace
//   --example DIR  copy DIR instead of examples/acme-shop as the workspace (the adopt suite)
//   --untrusted    workspace trust on, so the folder opens in Restricted Mode (the restricted suite)
//   --multi-root DIR  open a multi-root workspace: the example's copy plus a copy of DIR as a second folder
// Env:   HARNESS_VERBOSE=1 also prints workbench chatter
// The last line is `N passed, N failed` (plus `, N skipped`); exit 0 only when tests ran and all passed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { launchChromium, missingHarnessParts, repoRoot, runPaletteCommand, startCodeServer, workbenchUrl } from '../../scripts/harness/codeServer.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
	const i = argv.indexOf(name);
	return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const grep = opt('--grep');
const timeoutMs = Number(opt('--timeout', '600')) * 1000;
let keep = argv.includes('--keep');
const verbose = !!process.env.HARNESS_VERBOSE;

const t0 = Date.now();
const stamp = () => `[runTest +${((Date.now() - t0) / 1000).toFixed(1)}s]`;
const suiteDir = path.join(repoRoot, 'out', 'test', 'integration', opt('--suite', 'suite'));

const example = path.resolve(repoRoot, opt('--example', path.join('examples', 'acme-shop')));
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'workspace');
// The suites test the example repository and the fixtures: without them they would run on an empty folder.
const missingFiles = [example, ...(argv.includes('--no-fixtures') ? [] : [fixtures])].filter((d) => !fs.existsSync(d));
if (missingFiles.length) {
	console.error(`${stamp()} missing ${missingFiles.map((d) => path.relative(repoRoot, d)).join(', ')}: the integration suites run on a copy of them; restore them from git`);
	console.log('0 passed, 1 failed');
	process.exit(2);
}
const missing = [...missingHarnessParts(), ...(fs.existsSync(path.join(suiteDir, 'index.js')) ? [] : [`compiled suite (${suiteDir}/index.js): run node esbuild.mjs --tests`])];
if (missing.length) {
	console.error(`${stamp()} missing ${missing.join(', ')}; install with bash scripts/harness/setup.sh`);
	console.log('0 passed, 1 failed');
	process.exit(2);
}

// Tests edit files: run on a copy, never on the repository's example.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'connections-it-'));
const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
fs.cpSync(example, workspace, { recursive: true });
if (!argv.includes('--no-fixtures')) fs.cpSync(fixtures, workspace, { recursive: true, force: true });
// Multi-root: a .code-workspace file naming the example's copy and a second folder.
const second = opt('--multi-root');
let workspaceFile;
if (second) {
	const secondCopy = path.join(tmp, path.basename(second));
	fs.cpSync(path.resolve(repoRoot, second), secondCopy, { recursive: true });
	workspaceFile = path.join(tmp, 'multi.code-workspace');
	fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: workspace }, { path: secondCopy }] }, null, 2));
}
const resultFile = path.join(tmp, 'results.json');
const uiDir = path.join(tmp, 'ui');
fs.mkdirSync(uiDir);

let server;
try {
	server = await startCodeServer({
		dir: path.join(tmp, 'server'),
		payload: true,
		workspaceTrust: argv.includes('--untrusted'),
		keep: true, // tmp as a whole is removed below
		env: { HARNESS_RESULT_FILE: resultFile, HARNESS_UI_DIR: uiDir, ...(grep ? { HARNESS_GREP: grep } : {}) },
	});
} catch (e) {
	console.error(`${stamp()} ${e.message}`);
	console.log('0 passed, 1 failed');
	fs.rmSync(tmp, { recursive: true, force: true });
	process.exit(2);
}
console.log(`${stamp()} code-server at ${server.url}`);
// code-server runs in its own process group, so Ctrl-C does not reach it.
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.once(sig, async () => {
		await server.stop();
		fs.rmSync(tmp, { recursive: true, force: true });
		process.exit(130);
	});
}

const browser = await launchChromium({ dir: tmp });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
page.setDefaultTimeout(10000);

let exited = false;
let resolveExit;
const exitCode = new Promise((r) => { resolveExit = r; });
// The workbench calls this with the suite's exit code once run() settles.
await page.exposeFunction('codeAutomationExit', (code) => { exited = true; resolveExit(Number(code)); });

// Workbench chatter that means nothing offline (AI features, gallery, connection setup).
const noise = /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AgentHostChannel|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|open-vsx\.org|No signed-in session|^Timed out waiting for authentication provider|^Creation of workbench contribution/;
let uiQueue = Promise.resolve();
await page.exposeFunction('codeAutomationLog', (type, args) => {
	const line = Array.isArray(args) ? util.format(...args) : String(args);
	// After the exit code the extension host is torn down and logs harmless "Canceled" errors.
	if (exited) return;
	const at = line.indexOf('HARNESS_UI {');
	if (at >= 0) {
		const request = line.slice(at + 'HARNESS_UI '.length);
		// One action at a time: palette steps and clicks must not interleave.
		uiQueue = uiQueue.then(() => answerUi(request));
		return;
	}
	if (verbose) return type === 'error' ? console.error(line) : console.log(line);
	if (noise.test(line)) return;
	// A workbench error's minified stack says nothing to a test author: keep its first line.
	const shown = /\/static\/out\/vs\//.test(line) ? line.split('\n')[0] : line;
	if (type === 'error') console.error(shown);
	else console.log(shown);
});
page.on('pageerror', (e) => console.error(`${stamp()} page error: ${e.message}`));

async function answerUi(request) {
	let req;
	try {
		req = JSON.parse(request);
	} catch (e) {
		console.error(`${stamp()} unreadable HARNESS_UI request: ${e.message}`);
		return;
	}
	let answer;
	try {
		answer = { ok: true, result: (await uiAction(req)) ?? null };
	} catch (e) {
		// Playwright's call log (after the first line) says why, e.g. which element intercepted a click.
		answer = { ok: false, error: e.message.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s*\n\s*/g, ' | ').slice(0, 600) };
	}
	if (verbose || !answer.ok) console.log(`${stamp()} ui ${req.action} ${answer.ok ? 'ok' : `failed: ${answer.error}`}`);
	const file = path.join(uiDir, `${req.id}.json`);
	// Renamed into place so the test never reads half a file.
	fs.writeFileSync(`${file}.tmp`, JSON.stringify(answer));
	fs.renameSync(`${file}.tmp`, file);
}

async function uiAction(req) {
	const first = () => page.locator(req.selector).first();
	switch (req.action) {
		case 'screenshot': {
			fs.mkdirSync(path.dirname(req.path), { recursive: true });
			if (req.selector) await first().screenshot({ path: req.path });
			else await page.screenshot({ path: req.path, ...(req.clip ? { clip: req.clip } : {}) });
			return { path: req.path };
		}
		case 'palette': return runPaletteCommand(page, req.title);
		case 'hover': return first().hover();
		case 'click': return first().click();
		case 'drag': return first().dragTo(page.locator(req.target).first());
		case 'press': return page.keyboard.press(req.key);
		case 'waitFor': return first().waitFor({ state: 'visible', timeout: req.timeoutMs ?? 10000 });
		case 'text': return page.locator(req.selector).allInnerTexts();
		case 'evaluate': return page.evaluate(req.expression);
		default: throw new Error(`unknown UI action ${JSON.stringify(req.action)}`);
	}
}

const url = workbenchUrl(server.url, {
	...(workspaceFile ? { workspace: workspaceFile } : { folder: workspace }),
	payload: [['extensionDevelopmentPath', repoRoot], ['extensionTestsPath', suiteDir]],
});
await page.goto(url);
console.log(`${stamp()} workbench loading${grep ? ` (grep ${JSON.stringify(grep)})` : ''}`);

let code = await Promise.race([exitCode, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
if (code === 'timeout') {
	console.error(`${stamp()} timed out after ${timeoutMs / 1000} s waiting for the suite`);
	await page.screenshot({ path: path.join(tmp, 'timeout.png') }).catch(() => {});
	keep = true;
	code = 3;
}
await uiQueue;

let r;
try {
	r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
} catch {
	r = undefined;
}
let failed = r?.failures ?? 0;
if (!r) {
	console.error(`${stamp()} no result file from the extension host (see the code-server log)`);
	keep = true;
	failed += 1;
	if (code === 0) code = 1;
} else if (!r.done) {
	failed += 1; // the test that was running when the suite stopped
} else if (r.tests === 0) {
	console.error(`${stamp()} no tests ran${grep ? ` for --grep ${JSON.stringify(grep)}` : ''}`);
	if (code === 0) code = 1;
} else if (r.failures > 0 && code === 0) {
	code = 1;
}

await browser.close().catch(() => {});
await server.stop();
if (keep) console.log(`${stamp()} kept ${tmp} (code-server.log, user data${code === 3 ? ', timeout.png' : ''})`);
else fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${stamp()} exit code ${code}`);
console.log(`${r?.passes ?? 0} passed, ${failed} failed${r?.pending ? `, ${r.pending} skipped` : ''}`);
process.exit(code);
