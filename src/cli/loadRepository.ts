// Node-side loading of a repository into the core analysis (the command line, tests, benchmarks).
import fs from 'node:fs';
import path from 'node:path';
import { CONNECTIONS_FILE, ConnectionsProject, yamlPathOf } from '../core/analysis/project';
import { problem, type Problem } from '../core/findings/problems';
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
	for (const comp of project.index.model.components) {
		const y = yamlPathOf(comp);
		if (y && fs.existsSync(path.join(root, y))) {
			const t = readText(path.join(root, y));
			if ('text' in t) {
				project.updateComponentYaml(y, t.text);
				texts.set(y, t.text);
			} else {
				readProblems.set(y, [problem('component-yaml-invalid', 0, 0, { error: t.error })]);
			}
		}
	}
	project.sourcesComplete = true;
	return { root, project, texts, readProblems };
}
