// Lets a test act on the workbench page (palette, clicks, DOM queries, screenshots): it logs a
// `HARNESS_UI {json}` line, test/integration/runTest.mjs performs it with Playwright and answers
// in ${HARNESS_UI_DIR}/<id>.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './util';

let seq = 0;

/** True when running under test/integration/runTest.mjs (not e.g. @vscode/test-electron). */
export function uiAvailable(): boolean {
	return !!process.env.HARNESS_UI_DIR;
}

/**
 * Whether the checks on the drawn workbench page run. Without the UI bridge a run fails here, so that a
 * misconfigured CI cannot pass by skipping them; a run without a page (e.g. @vscode/test-electron on a
 * desktop) says so with CONNECTIONS_TEST_NO_UI=1 and then skips them.
 */
export function drawnPage(): boolean {
	if (uiAvailable()) {
		return true;
	}
	if (process.env.CONNECTIONS_TEST_NO_UI === '1') {
		return false;
	}
	throw new Error('this test checks the drawn workbench page, but the UI bridge is missing (HARNESS_UI_DIR is not set): run the suite with node test/integration/runTest.mjs, or set CONNECTIONS_TEST_NO_UI=1 to skip the checks on the page');
}

/**
 * The one place a test skips: a check of the drawn page, in a run that has declared it has no page
 * (CONNECTIONS_TEST_NO_UI=1, e.g. @vscode/test-electron on a desktop). Without the bridge and without that
 * declaration, drawnPage() throws and the test fails.
 */
export function skipWithoutDrawnPage(context: Mocha.Context): void {
	if (!drawnPage()) {
		context.skip();
	}
}

export async function ui(action: string, args: object = {}, timeoutMs = 30000): Promise<unknown> {
	const dir = process.env.HARNESS_UI_DIR;
	if (!dir) throw new Error('HARNESS_UI_DIR is not set: the UI bridge needs test/integration/runTest.mjs');
	const id = `${process.pid}-${Date.now()}-${++seq}`;
	const file = path.join(dir, `${id}.json`);
	console.log(`HARNESS_UI ${JSON.stringify({ ...args, id, action })}`);
	const answer = await waitFor(
		() => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { ok: boolean; result?: unknown; error?: string }) : undefined),
		`UI bridge answer to ${action}`,
		timeoutMs,
		50,
	);
	fs.rmSync(file, { force: true });
	if (!answer.ok) throw new Error(`UI ${action} failed: ${answer.error}`);
	return answer.result;
}

/** Opens the notification list and waits until its text includes `needle`; resolves to the whole list's text. */
export async function notificationText(needle: string, what: string): Promise<string> {
	await vscode.commands.executeCommand('notifications.showList');
	return waitFor(async () => {
		const text = ((await ui('text', { selector: '.notifications-center' })) as string[]).join('\n');
		return text.includes(needle) ? text : undefined;
	}, what, 15000);
}
