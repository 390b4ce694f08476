// `connections import [folder] [--write] [--force]`: a connections.json built from the platform's
// `.choreo/` files, printed (default) or written beside them.
import fs from 'node:fs';
import path from 'node:path';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { importNoteText } from '../core/findings/messages';
import { CHOREO_FILES, MAX_CHOREO_FILE_BYTES, type ChoreoFile } from '../core/platform/choreoFiles';
import { importRepository } from '../core/platform/importRepository';
import { decodeUtf8, isExcludedPath } from '../core/text/text';
import { UsageError } from './loadRepository';

export const IMPORT_USAGE = `Usage: connections import [folder] [--write] [--force]

Builds connections.json from every .choreo/component.yaml, component-config.yaml and endpoints.yaml
under the folder (default: .): one component per folder holding .choreo/.
  --write  create folder/connections.json instead of printing it
  --force  with --write: replace an existing connections.json
Exit status: 0 done, 2 bad usage, nothing to import, or a file that would be overwritten.`;

/** Whether `file` is a regular file (a symlink is followed only while it stays inside `root`). */
export function isRegularFileInside(root: string, file: string): boolean {
	try {
		const real = fs.realpathSync(file);
		const base = fs.realpathSync(root);
		return (real === base || real.startsWith(base + path.sep)) && fs.statSync(real).isFile();
	} catch {
		return false;
	}
}

/** Every readable `.choreo` file under root (regular files only, no symlinks followed), and what was refused. */
export function findChoreoFiles(root: string): { files: ChoreoFile[]; refused: { file: string; error: string }[] } {
	const files: ChoreoFile[] = [];
	const refused: { file: string; error: string }[] = [];
	const visit = (rel: string) => {
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (!e.isDirectory()) {
				continue;
			}
			if (e.name === '.choreo') {
				for (const name of CHOREO_FILES) {
					const file = path.join(root, r, name);
					let st: fs.Stats;
					try {
						st = fs.lstatSync(file);
					} catch {
						continue;
					}
					if (!st.isFile() || st.size > MAX_CHOREO_FILE_BYTES) {
						refused.push({ file: `${r}/${name}`, error: st.isFile() ? `${st.size} bytes, more than ${MAX_CHOREO_FILE_BYTES}` : 'not a regular file' });
						continue;
					}
					const decoded = decodeUtf8(fs.readFileSync(file));
					if ('text' in decoded) {
						files.push({ folder: rel, name, text: decoded.text });
					} else {
						refused.push({ file: `${r}/${name}`, error: decoded.error });
					}
				}
			} else if (!isExcludedPath(`${r}/x`)) {
				visit(r);
			}
		}
	};
	visit('');
	return { files, refused };
}

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
