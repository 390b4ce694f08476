// `connections import [folder] [--write] [--force]`: a connections.json built from the platform's
// `.choreo/` files, printed (default) or written beside them.
import fs from 'node:fs';
import path from 'node:path';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { importNoteText } from '../core/findings/messages';
import { importRepository } from '../core/platform/importRepository';
import { findChoreoFiles, UsageError } from './loadRepository';

export const IMPORT_USAGE = `Usage: connections import [folder] [--write] [--force]

Builds connections.json from every .choreo/component.yaml, component-config.yaml and endpoints.yaml
under the folder (default: .): one component per folder holding .choreo/.
  --write  create folder/connections.json instead of printing it
  --force  with --write: replace an existing connections.json
Exit status: 0 done, 2 bad usage, nothing to import, or a file that would be overwritten.`;

/** Runs `connections import`; returns the exit code. */
export function importCommand(args: readonly string[], out: (s: string) => void, err: (s: string) => void, cwd: string): number {
	const folders = args.filter((a) => !a.startsWith('-'));
	const unknown = args.find((a) => a.startsWith('-') && a !== '--write' && a !== '--force');
	if (unknown || folders.length > 1) {
		err(`connections: ${unknown ? `unknown option "${unknown}"` : 'import takes one folder'}\n${IMPORT_USAGE}`);
		return 2;
	}
	const root = path.resolve(cwd, folders[0] ?? '.');
	if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
		throw new UsageError(`no such folder: ${root}`);
	}
	const { files, refused } = findChoreoFiles(root);
	for (const r of refused) {
		err(`connections: not read: ${r.file}: ${r.error}`);
	}
	if (!files.length) {
		throw new UsageError(`no .choreo/component.yaml, component-config.yaml or endpoints.yaml under ${root}`);
	}
	const result = importRepository(files, path.basename(root));
	const target = path.join(root, CONNECTIONS_FILE);
	if (!args.includes('--write')) {
		out(result.text.replace(/\n$/, ''));
	} else if (fs.existsSync(target) && !args.includes('--force')) {
		throw new UsageError(`${target} exists; add --force to replace it`);
	} else {
		fs.writeFileSync(target, result.text);
		err(`connections: wrote ${target}: ${result.components} component(s), ${result.projectConnections} project and ${result.componentConnections} component connection(s)`);
	}
	for (const note of result.notes) {
		err(`connections: ${importNoteText(note)}`);
	}
	return 0;
}
