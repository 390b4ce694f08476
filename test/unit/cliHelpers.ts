// Helpers for tests of the command line: run it in-process, and lay out a temporary repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';

/** Runs `connections <args>` in `cwd`; returns the exit code and what it printed. */
export function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
	let stdout = '';
	let stderr = '';
	const code = main(args, (s) => { stdout += s + '\n'; }, (s) => { stderr += s + '\n'; }, cwd);
	return { code, stdout, stderr };
}

/** A new temporary folder holding `files` (repository-relative path → text). */
export function repo(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connections-cli-'));
	for (const [f, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
		fs.writeFileSync(path.join(dir, f), text);
	}
	return dir;
}
