import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { skipWithoutDrawnPage, ui } from './uiBridge';
import { waitFor } from './util';

/** The drawn tokens of the editor line holding `needle`: [text, color] (Monaco renders spaces as U+00A0). */
const TOKENS = (needle: string) => `[...document.querySelectorAll('.monaco-editor .view-line')]
	.filter((l) => l.textContent.includes(${JSON.stringify(needle)}))
	.flatMap((l) => [...l.querySelectorAll('span span')].map((s) => [s.textContent.replace(/\\u00a0/g, ' '), getComputedStyle(s).color]))`;

describe('connection reference grammar in the real editor', function () {
	this.timeout(60000);

	for (const rel of ['services/inventory/app.py', 'services/shipping/main.go']) {
		it(`colours CHOREO_ names inside strings apart from the string: ${rel}`, async function () {
			skipWithoutDrawnPage(this);
			const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...rel.split('/'));
			const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
			const line = editor.document.getText().split('\n').findIndex((l) => l.includes('"CHOREO_CATALOG_SERVICEURL"'));
			editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
			// Tokenization is asynchronous: wait until the name is a token of its own.
			const tokens = await waitFor(async () => {
				const t = (await ui('evaluate', { expression: TOKENS('CHOREO_CATALOG_SERVICEURL') })) as [string, string][];
				return t.some(([text]) => text === 'CHOREO_CATALOG_SERVICEURL') ? t : undefined;
			}, 'the line tokenized');
			const name = tokens.find(([text]) => text === 'CHOREO_CATALOG_SERVICEURL')!;
			const quote = tokens.find(([text]) => text === '"')!;
			assert.ok(quote, JSON.stringify(tokens));
			assert.notEqual(name[1], quote[1], `the name is not drawn in the string colour: ${JSON.stringify(tokens)}`);
		});
	}
});
