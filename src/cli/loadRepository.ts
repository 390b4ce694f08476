// Node-side loading of a repository into the core analysis (the command line, tests, benchmarks).
import fs from 'node:fs';
import path from 'node:path';
import { CONNECTIONS_FILE, ConnectionsProject } from '../core/analysis/project';
import { problem, type Problem } from '../core/findings/problems';
import { CHOREO_FILES, choreoFilePath, MAX_CHOREO_FILE_BYTES, type ChoreoFile } from '../core/platform/choreoFiles';
import { decodeUtf8, isExcludedPath } from '../core/text/text';

export interface LoadedRepository {
	/** Absolute folder of the repository (where connections.json is). */
	readonly root: string;
	readonly project: ConnectionsProject;
	/** Texts of the files analysed, by repository-relative path (for line numbers). */
	readonly texts: Map<string, string>;
	/** Findings about files that could not be read as text, by repository-relative path. */
	readonly readProblems: Map<string, Problem[]>;
}

export class UsageError extends Error {}

function readText(file: string): { text: string } | { error: string } {
	let bytes: Buffer;
	try {
		const st = fs.statSync(file);
		if (st.isDirectory()) {
			return { error: 'it is a directory' };
		}
		bytes = fs.readFileSync(file);
	} catch (e) {
		return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message };
	}
	return decodeUtf8(bytes);
}

function walk(root: string, rel: string, out: string[]): void {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
	} catch {
		return;
	}
	for (const e of entries) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) {
			if (!isExcludedPath(`${r}/x`)) {
				walk(root, r, out);
			}
		} else if (e.isFile()) {
			out.push(r);
		}
	}
}

/**
 * Loads connections.json and, when `withSources` is set, every component's source and
 * component.yaml. Throws UsageError when connections.json itself cannot be opened.
 */
export function loadRepository(connectionsFile: string, withSources: boolean): LoadedRepository {
	const root = path.dirname(path.resolve(connectionsFile));
	const texts = new Map<string, string>();
	const readProblems = new Map<string, Problem[]>();
	const json = readText(connectionsFile);
	if ('error' in json) {
		if (json.error === 'no such file' || json.error === 'it is a directory') {
			throw new UsageError(`cannot read ${connectionsFile}: ${json.error}`);
		}
		readProblems.set(CONNECTIONS_FILE, [problem('unreadable-file', 0, 0, { error: json.error })]);
		return { root, project: new ConnectionsProject(''), texts, readProblems };
	}
	texts.set(CONNECTIONS_FILE, json.text);
	const project = new ConnectionsProject(json.text);
	if (!withSources) {
		return { root, project, texts, readProblems };
	}
	const files: string[] = [];
	walk(root, '', files);
	const folders = project.index.model.components.map((c) => c.sourcePath?.value).filter((f): f is string => f !== undefined);
	const inComponent = (f: string) => folders.some((d) => d === '' || f.startsWith(d + '/'));
	for (const f of files) {
		if (!inComponent(f) || !ConnectionsProject.isSourcePath(f)) {
			continue;
		}
		const t = readText(path.join(root, f));
		if ('text' in t) {
			project.updateSource(f, t.text);
			texts.set(f, t.text);
		}
	}
	// Every .choreo file of the repository, as the editor reads them: the platform's rules apply to each.
	const choreo = findChoreoFiles(root);
	for (const f of choreo.files) {
		project.updateChoreoFile(choreoFilePath(f), f.text);
		texts.set(choreoFilePath(f), f.text);
	}
	for (const r of choreo.refused) {
		readProblems.set(r.file, [problem('unreadable-file', 0, 0, { error: r.error })]);
	}
	project.setFileExists((p) => isRegularFileInside(root, path.join(root, p)));
	project.sourcesComplete = true;
	return { root, project, texts, readProblems };
}

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
