// Shared helpers for unit tests: small documents and finding summaries.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConnectionsProject } from '../../src/core/analysis/project';
import type { Problem } from '../../src/core/findings/problems';

export const FIXTURES = path.resolve('test/unit/fixtures');

/** Where the shared corpus of 40 real `.choreo/*.yaml` files lies: `../shared/data/component-yaml` beside the clone (as CI has it). */
export const CORPUS = path.resolve('../shared/data/component-yaml');

/** The corpus, file name to text, sorted by name; fails loudly when it is missing (never skips). */
export function realChoreoFiles(): Map<string, string> {
	assert.ok(fs.existsSync(CORPUS) && fs.statSync(CORPUS).isDirectory(), `${CORPUS} is missing: the tests read the real .choreo files there (../shared/data/component-yaml beside the clone)`);
	const names = fs.readdirSync(CORPUS).filter((n) => n.endsWith('.yaml')).sort();
	assert.equal(names.length, 40, 'the corpus has 40 files');
	return new Map(names.map((n) => [n, fs.readFileSync(path.join(CORPUS, n), 'utf8')]));
}

export function fixture(name: string): string {
	return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** A minimal valid document with the given organization, project connections and components. */
export function doc(parts: { org?: unknown[]; project?: unknown[]; components?: unknown[]; extra?: Record<string, unknown> } = {}): string {
	return JSON.stringify({
		version: 1,
		...parts.extra,
		organization: { id: 'acme', connections: parts.org ?? [] },
		project: { id: 'shop', connections: parts.project ?? [], components: parts.components ?? [] },
	}, null, 2);
}

/** `code@text` for each finding of connections.json: the code and the exact text of its range. */
export function findings(text: string, sources: Record<string, string> = {}, complete = false): string[] {
	return findingsOf(text, sources, complete).get('connections.json')!;
}

export function findingsOf(text: string, sources: Record<string, string> = {}, complete = false): Map<string, string[]> {
	const project = new ConnectionsProject(text);
	const texts = new Map<string, string>([['connections.json', text]]);
	for (const [file, src] of Object.entries(sources)) {
		texts.set(file, src);
		if (!project.updateChoreoFile(file, src)) {
			project.updateSource(file, src);
		}
	}
	project.sourcesComplete = complete;
	const out = new Map<string, string[]>();
	for (const [file, problems] of project.analyze()) {
		out.set(file, problems.map((p) => `${p.code}@${texts.get(file)!.slice(p.offset, p.offset + p.length)}`));
	}
	return out;
}

export function problemsOf(text: string): Problem[] {
	return new ConnectionsProject(text).analyze().get('connections.json')!;
}

export const db = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'database', target: `database:main/${id}`, parameters: params });
export const svc = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'service', target: `service:/shop/${id}/v1/api/ORGANIZATION`, access: 'organization', ...extra });
