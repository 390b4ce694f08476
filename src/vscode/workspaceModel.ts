// Keeps one ConnectionsProject per connections.json in the workspace, fed from open
// buffers (which win over the disk) and from the files on disk, and says when it changed.
import * as vscode from 'vscode';
import { CONNECTIONS_FILE, ConnectionsProject } from '../core/analysis/project';
import { CHOREO_GLOB, choreoFileOfPath } from '../core/platform/choreoFiles';
import { DEFAULT_LIMITS } from '../core/json/parse';
import { languageEntry, languageOfPath, SOURCE_GLOB } from '../core/source/languages';
import { decodeUtf8, EXCLUDED_FOLDERS, isExcludedPath, LineIndex } from '../core/text/text';
import { Disposable } from './dispose';

export const EXCLUDE_GLOB = `**/{${[...EXCLUDED_FOLDERS].join(',')}}/**`;
const DEBOUNCE_MS = 150;
/** Files read per batch while indexing, so the extension host is never blocked for long. */
const INDEX_BATCH = 64;

export class Repository {
	private current: ConnectionsProject;
	/** The analysis a reset fills while `current` keeps answering. */
	private next: ConnectionsProject | undefined;
	/** Line tables of the files that have findings or references, for ranges of closed files. */
	readonly lines = new Map<string, LineIndex>();
	indexed = false;

	/** What the platform's `schemaFilePath` rule asked about: exists, is missing, or is being looked up. */
	private readonly existence = new Map<string, boolean | 'pending'>();
	/** The answer the core's `schemaFilePath` rule gets for a repository-relative path. */
	readonly fileExists: (rel: string) => boolean;

	constructor(readonly folder: vscode.Uri, readonly workspaceFolder: vscode.WorkspaceFolder | undefined, maxSize: number, onExistenceLearned: (repo: Repository) => void) {
		this.current = new ConnectionsProject('', { ...DEFAULT_LIMITS, maxSize });
		// The core asks synchronously; a path not looked up yet counts as present (no false error) until
		// the file system answers, and then the analysis runs again.
		this.fileExists = (rel: string): boolean => {
			const known = this.existence.get(rel);
			if (known === undefined) {
				this.existence.set(rel, 'pending');
				void this.isRegularFile(rel).then((exists) => {
					this.existence.set(rel, exists);
					if (!exists) {
						this.each((p) => p.setFileExists(this.fileExists));
						onExistenceLearned(this);
					}
				});
				return true;
			}
			return known !== false;
		};
		this.project.setFileExists(this.fileExists);
	}

	/** The analysis of this repository's files. */
	get project(): ConnectionsProject {
		return this.current;
	}

	/**
	 * Starts over (Refresh, a changed setting) without a gap: a new analysis is filled while the current one
	 * keeps answering, and takes its place when indexing ends (finishIndexing). Every change meanwhile goes to
	 * both. This object stays: the tree, the API's callers and pending work hold on to it.
	 */
	reset(maxSize: number): void {
		this.next = new ConnectionsProject('', { ...DEFAULT_LIMITS, maxSize });
		this.next.setFileExists(this.fileExists);
		this.existence.clear();
	}

	/** Applies a change to the analysis (and to the one being filled by a reset). */
	each(change: (project: ConnectionsProject) => void): void {
		change(this.current);
		if (this.next) {
			change(this.next);
		}
	}

	/** Every file has been read: a reset's analysis takes over, and "declared but never read" can be known. */
	finishIndexing(): void {
		if (this.next) {
			this.current = this.next;
			this.next = undefined;
		}
		this.current.sourcesComplete = true;
		this.indexed = true;
	}

	private async isRegularFile(rel: string): Promise<boolean> {
		if (rel.includes('\0')) {
			return false; // outside the repository
		}
		try {
			return ((await vscode.workspace.fs.stat(this.uriOf(rel))).type & vscode.FileType.File) !== 0;
		} catch {
			return false;
		}
	}

	/** Forget every path found missing: a `.choreo` file changed, and its rules ask the disk again. */
	forgetMissing(): void {
		for (const [rel, known] of this.existence) {
			if (known === false) {
				this.existence.delete(rel);
			}
		}
	}

	/** Forget what the file system said about `rel` (it was created or deleted). */
	forgetExistence(rel: string): boolean {
		if (this.existence.has(rel) && this.existence.get(rel) !== 'pending') {
			this.existence.delete(rel);
			return true;
		}
		return false;
	}

	get connectionsUri(): vscode.Uri {
		return vscode.Uri.joinPath(this.folder, CONNECTIONS_FILE);
	}

	/** Repository-relative `/` path of a URI inside this repository, or undefined. */
	relativePath(uri: vscode.Uri): string | undefined {
		if (uri.scheme !== this.folder.scheme || uri.authority !== this.folder.authority) {
			return undefined;
		}
		const base = this.folder.path.endsWith('/') ? this.folder.path : this.folder.path + '/';
		return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
	}

	uriOf(rel: string): vscode.Uri {
		return vscode.Uri.joinPath(this.folder, ...rel.split('/'));
	}

	/** The range of an offset span in a file of this repository (open buffer first, then the last text read). */
	rangeOf(rel: string, offset: number, length: number): vscode.Range {
		const doc = openDocument(this.uriOf(rel));
		if (doc) {
			return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));
		}
		const lines = this.lines.get(rel);
		if (!lines) {
			return new vscode.Range(0, 0, 0, 0);
		}
		const s = lines.positionAt(offset);
		const e = lines.positionAt(offset + length);
		return new vscode.Range(s.line, s.character, e.line, e.character);
	}
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
	const key = uri.toString();
	return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

export class WorkspaceModel extends Disposable {
	private readonly repos = new Map<string, Repository>();
	private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
	private running: Promise<void> = Promise.resolve();
	private queued: Promise<void> | undefined;
	private queuedReset = false;
	private readonly _onDidUpdate = this._register(new vscode.EventEmitter<Repository>());
	/** Fires after a repository's files changed and its analysis is current. */
	readonly onDidUpdate = this._onDidUpdate.event;
	private readonly _onDidChangeRepositories = this._register(new vscode.EventEmitter<void>());
	readonly onDidChangeRepositories = this._onDidChangeRepositories.event;
	/** Resolves when the first discovery and indexing are done. */
	readonly ready: Promise<void>;

	/** `log`: the "Connections" output channel, told what each indexing scanned and skipped, and why. */
	constructor(private readonly log?: vscode.LogOutputChannel) {
		super();
		this._register(vscode.workspace.onDidChangeTextDocument((e) => {
			if (e.contentChanges.length) {
				this.schedule(e.document.uri, () => this.updateFromText(e.document.uri, e.document.getText()));
			}
		}));
		this._register(vscode.workspace.onDidOpenTextDocument((d) => {
			// An opened connections.json the model does not know yet (its watcher event is late or was
			// dropped, as on a loaded machine) is looked for now.
			if (vscode.workspace.getWorkspaceFolder(d.uri) && this.isNewConnectionsFile(d.uri)) {
				void this.discover();
				return;
			}
			this.schedule(d.uri, () => this.updateFromText(d.uri, d.getText()));
		}));
		// A save is the buffer's text on disk now: no need to wait for the watcher (whose events can be late or lost).
		this._register(vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d.uri, () => this.updateFromText(d.uri, d.getText()))));
		// A closed buffer may have been discarded unsaved: the disk is the truth again.
		this._register(vscode.workspace.onDidCloseTextDocument((d) => this.schedule(d.uri, () => this.updateFromDisk(d.uri))));
		// One watcher per glob: a glob of globs would nest braces, which the watcher does not read as intended.
		for (const glob of [`**/${CONNECTIONS_FILE}`, CHOREO_GLOB, SOURCE_GLOB]) {
			const watcher = this._register(vscode.workspace.createFileSystemWatcher(glob));
			this._register(watcher.onDidCreate((uri) => this.onDiskChange(uri)));
			this._register(watcher.onDidChange((uri) => this.onDiskChange(uri)));
			this._register(watcher.onDidDelete((uri) => this.onDiskDelete(uri)));
		}
		// A deleted folder is reported as one event for the folder, which the globs above do not match.
		// Any file created or deleted may be a `schemaFilePath` the platform's rules asked about.
		const deletions = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
		this._register(deletions.onDidDelete((uri) => {
			this.onFolderDelete(uri);
			this.onExistenceChange(uri);
		}));
		this._register(deletions.onDidCreate((uri) => this.onExistenceChange(uri)));
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover()));
		this._register(vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('connections')) {
				void this.discover(true);
			}
		}));
		this._register({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
		this.ready = this.discover();
	}

	repositories(): Repository[] {
		return [...this.repos.values()];
	}

	/** The repository whose folder is the nearest one holding `uri`. */
	repositoryFor(uri: vscode.Uri): Repository | undefined {
		let best: Repository | undefined;
		for (const r of this.repos.values()) {
			if (r.relativePath(uri) !== undefined && (!best || r.folder.path.length > best.folder.path.length)) {
				best = r;
			}
		}
		return best;
	}

	/** Re-reads everything from scratch. */
	async refresh(): Promise<void> {
		await this.discover(true);
	}

	/**
	 * Discovery runs one at a time, and a request made while one runs queues exactly one more: two
	 * overlapping searches could otherwise finish out of order, and the older answer would drop a
	 * repository created in between.
	 */
	private discover(reset = false): Promise<void> {
		this.queuedReset ||= reset;
		if (!this.queued) {
			const run = this.running.then(() => {
				const r = this.queuedReset;
				this.queued = undefined;
				this.queuedReset = false;
				return this.discoverNow(r);
			});
			this.queued = run;
			this.running = run.catch(() => undefined);
		}
		return this.queued;
	}

	private async discoverNow(reset: boolean): Promise<void> {
		const files = await vscode.workspace.findFiles(`**/${CONNECTIONS_FILE}`, EXCLUDE_GLOB);
		const found = new Set(files.map((f) => vscode.Uri.joinPath(f, '..').toString()));
		let changed = false;
		for (const key of [...this.repos.keys()]) {
			if (!found.has(key)) {
				this.repos.delete(key);
				changed = true;
			}
		}
		const added: Repository[] = [];
		for (const f of files) {
			const folder = vscode.Uri.joinPath(f, '..');
			const maxSize = vscode.workspace.getConfiguration('connections', f).get<number>('validation.maxFileSize', DEFAULT_LIMITS.maxSize);
			const known = this.repos.get(folder.toString());
			if (known && reset) {
				known.reset(maxSize);
				added.push(known);
				changed = true;
			} else if (!known) {
				const repo = new Repository(folder, vscode.workspace.getWorkspaceFolder(f), maxSize, (r) => this._onDidUpdate.fire(r));
				this.repos.set(folder.toString(), repo);
				added.push(repo);
				changed = true;
			}
		}
		await vscode.commands.executeCommand('setContext', 'connections:hasFile', this.repos.size > 0);
		if (changed) {
			this._onDidChangeRepositories.fire();
		}
		for (const repo of added) {
			await this.index(repo);
		}
	}

	private languagesFor(uri: vscode.Uri): Set<string> {
		return new Set(vscode.workspace.getConfiguration('connections', uri).get<string[]>('languages', []));
	}

	/** Whether a repository file is one this model reads as component source. */
	private isTrackedSource(repo: Repository, rel: string): boolean {
		const lang = languageOfPath(rel);
		if (!lang || isExcludedPath(rel)) {
			return false;
		}
		const allowed = this.languagesFor(repo.folder);
		return languageEntry(lang).editorLanguages.some((e) => allowed.has(e.id));
	}

	private async index(repo: Repository): Promise<void> {
		const started = Date.now();
		await this.load(repo, CONNECTIONS_FILE);
		this._onDidUpdate.fire(repo);
		const userExcludes = vscode.workspace.getConfiguration('connections', repo.folder).get<string[]>('exclude', []);
		const exclude = userExcludes.length ? `{${EXCLUDE_GLOB},${userExcludes.join(',')}}` : EXCLUDE_GLOB;
		const sources = await vscode.workspace.findFiles(new vscode.RelativePattern(repo.folder, SOURCE_GLOB), exclude);
		const yamls = await vscode.workspace.findFiles(new vscode.RelativePattern(repo.folder, CHOREO_GLOB), exclude);
		// Open buffers too: a file written just before the search may not be found by it yet (and the buffer wins anyway).
		const open = vscode.workspace.textDocuments.map((d) => d.uri).filter((u) => {
			const rel = repo.relativePath(u);
			return rel !== undefined && rel !== CONNECTIONS_FILE && (choreoFileOfPath(rel) !== undefined || this.isTrackedSource(repo, rel));
		});
		const rels = [...new Set([...sources, ...yamls, ...open].map((u) => repo.relativePath(u)))].filter((r): r is string => r !== undefined && this.repositoryFor(repo.uriOf(r)) === repo);
		for (let i = 0; i < rels.length; i += INDEX_BATCH) {
			await Promise.all(rels.slice(i, i + INDEX_BATCH).map((rel) => this.load(repo, rel)));
		}
		repo.finishIndexing();
		const where = vscode.workspace.asRelativePath(repo.connectionsUri, true);
		const choreo = rels.filter((r) => choreoFileOfPath(r) !== undefined).length;
		this.log?.info(`Indexed ${where}: ${rels.length - choreo} source file(s) and ${choreo} .choreo file(s) in ${Date.now() - started} ms. Not scanned: ${exclude}, and files of languages not in connections.languages.`);
		this._onDidUpdate.fire(repo);
	}

	/** Reads one repository file (open buffer first) into the analysis; returns whether it was relevant. */
	private async load(repo: Repository, rel: string): Promise<boolean> {
		const uri = repo.uriOf(rel);
		const doc = openDocument(uri);
		if (doc) {
			return this.apply(repo, rel, doc.getText());
		}
		let text: string;
		try {
			const decoded = decodeUtf8(await vscode.workspace.fs.readFile(uri));
			if ('error' in decoded) {
				this.log?.warn(`Skipped ${vscode.workspace.asRelativePath(uri, true)}: ${decoded.error}.`);
				return rel === CONNECTIONS_FILE ? this.apply(repo, rel, '') : false;
			}
			text = decoded.text;
		} catch (e) {
			this.log?.debug(`Not read: ${vscode.workspace.asRelativePath(uri, true)} (${e instanceof vscode.FileSystemError ? e.code : 'unreadable'}).`);
			// Gone (or a folder). The watcher may not say so (a deleted folder is one event), so a file the
			// analysis knows is dropped here too; connections.json itself is discovery's business.
			if (rel === CONNECTIONS_FILE || !repo.project.hasFile(rel)) {
				return false;
			}
			repo.each((p) => p.removeSource(rel));
			repo.each((p) => p.removeChoreoFile(rel));
			repo.lines.delete(rel);
			return true;
		}
		// The file may have been opened while we read it: the buffer wins.
		const reopened = openDocument(uri);
		return this.apply(repo, rel, reopened ? reopened.getText() : text);
	}

	private apply(repo: Repository, rel: string, text: string): boolean {
		if (rel === CONNECTIONS_FILE) {
			repo.each((p) => p.updateConnections(text));
			repo.lines.set(rel, new LineIndex(text));
			return true;
		}
		if (choreoFileOfPath(rel)) {
			// The watcher's create event for a schema file can be missed: a change of the file asks the disk again.
			repo.forgetMissing();
			repo.each((p) => p.updateChoreoFile(rel, text));
			repo.lines.set(rel, new LineIndex(text));
			return true;
		}
		if (!this.isTrackedSource(repo, rel)) {
			return false;
		}
		repo.each((p) => p.updateSource(rel, text));
		// Keep a line table only where there is something to point at.
		if (text.includes('CHOREO_') || repo.project.readsOf(rel).length) {
			repo.lines.set(rel, new LineIndex(text));
		} else {
			repo.lines.delete(rel);
		}
		return true;
	}

	private schedule(uri: vscode.Uri, run: () => void | Promise<void>): void {
		const key = uri.toString();
		const t = this.pending.get(key);
		if (t) {
			clearTimeout(t);
		}
		this.pending.set(key, setTimeout(() => {
			this.pending.delete(key);
			void run();
		}, DEBOUNCE_MS));
	}

	private updateFromText(uri: vscode.Uri, text: string): void {
		const repo = this.repositoryFor(uri);
		const rel = repo?.relativePath(uri);
		if (repo && rel !== undefined && this.apply(repo, rel, text)) {
			this._onDidUpdate.fire(repo);
		}
	}

	private async updateFromDisk(uri: vscode.Uri): Promise<void> {
		const repo = this.repositoryFor(uri);
		const rel = repo?.relativePath(uri);
		if (repo && rel !== undefined && await this.load(repo, rel)) {
			this._onDidUpdate.fire(repo);
		}
	}

	private isNewConnectionsFile(uri: vscode.Uri): boolean {
		return uri.path.endsWith('/' + CONNECTIONS_FILE) && !this.repos.has(vscode.Uri.joinPath(uri, '..').toString());
	}

	private onDiskChange(uri: vscode.Uri): void {
		if (this.isNewConnectionsFile(uri)) {
			void this.discover();
			return;
		}
		if (!openDocument(uri)) {
			this.schedule(uri, () => this.updateFromDisk(uri));
		}
	}

	private onExistenceChange(uri: vscode.Uri): void {
		const repo = this.repositoryFor(uri);
		const rel = repo?.relativePath(uri);
		if (repo && rel !== undefined && repo.forgetExistence(rel)) {
			repo.each((p) => p.setFileExists(repo.fileExists));
			this._onDidUpdate.fire(repo);
		}
	}

	private onFolderDelete(uri: vscode.Uri): void {
		const prefix = uri.path.endsWith('/') ? uri.path : uri.path + '/';
		if ([...this.repos.values()].some((r) => (r.folder.path + '/').startsWith(prefix) && r.folder.scheme === uri.scheme)) {
			void this.discover();
			return;
		}
		// A folder inside a repository (a component's `.choreo`, a source folder): its files are gone with it,
		// and the watcher reports the folder alone.
		const repo = this.repositoryFor(uri);
		const rel = repo?.relativePath(uri);
		if (!repo || rel === undefined || rel === '') {
			return;
		}
		// Open buffers of those files go too, as for one deleted file (onDiskDelete): the platform reads the disk.
		const gone = repo.project.filesUnder(rel);
		for (const f of gone) {
			repo.each((p) => p.removeSource(f));
			repo.each((p) => p.removeChoreoFile(f));
			repo.lines.delete(f);
		}
		if (gone.length) {
			this._onDidUpdate.fire(repo);
		}
	}

	private onDiskDelete(uri: vscode.Uri): void {
		if (uri.path.endsWith('/' + CONNECTIONS_FILE) && this.repos.has(vscode.Uri.joinPath(uri, '..').toString())) {
			void this.discover();
			return;
		}
		const repo = this.repositoryFor(uri);
		const rel = repo?.relativePath(uri);
		if (!repo || rel === undefined) {
			return;
		}
		repo.each((p) => p.removeSource(rel));
		repo.each((p) => p.removeChoreoFile(rel));
		repo.lines.delete(rel);
		this._onDidUpdate.fire(repo);
	}
}
