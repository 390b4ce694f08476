// The repository every test of the language features on connection IDs (src/core/ids) reads:
// connections.json, component source and one component.yaml, with helpers to find sites in them.
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { NavigationIndex, sourceSiteAt, type FileSpan, type Site } from '../../src/core/ids/sites';
import { ConnectionsProject } from '../../src/core/analysis/project';
import { scanEnvReads } from '../../src/core/source/envReads';
import type { SourceLanguage } from '../../src/core/source/languages';
import { fixture } from './helpers';

export const JSON_TEXT = fixture('navigation.json');

export const SOURCES: Record<string, string> = {
	'services/orders/src/index.ts': [
		'const token = process.env.CHOREO_PAYMENTS_TOKENURL;',
		'const url = process.env.PAYMENTS_URL;',
		'const cache = process.env.CHOREO_CACHE_HOSTNAME;',
		'const nope = process.env.CHOREO_PAYMNTS_SERVICEURL;',
		'const pg = process.env.CHOREO_SHARED_POSTGRES_PORT;',
		'',
	].join('\n'),
	'services/inventory/app.py': 'import os\nCACHE = os.environ["CHOREO_CACHE_SERVICEURL"]\nCATALOG = os.getenv("CHOREO_CATALOG_SERVICEURL")\n',
	'services/billing/main.go': 'package main\n\nimport "os"\n\nvar url = os.Getenv("CHOREO_STRIPE_SERVICEURL")\n',
};

export const YAML_FILE = 'services/orders/.choreo/component.yaml';
export const YAML = [
	'schemaVersion: "1.2"',
	'dependencies:',
	'  connectionReferences:',
	'    - name: payments',
	'      resourceRef: service:/shop/payments/v1/api/ORGANIZATION',
	'    - name: "cache"',
	'      resourceRef: database:cache/orders',
	'configurations:',
	'  env:',
	'    - name: PAYMENTS_URL',
	'      valueFrom:',
	'        connectionRef:',
	'          name: payments',
	'          key: ServiceURL',
	'',
].join('\n');

export function project(text = JSON_TEXT, sources = SOURCES, yaml: Record<string, string> = { [YAML_FILE]: YAML }): ConnectionsProject {
	const p = new ConnectionsProject(text);
	for (const [file, src] of Object.entries(sources)) {
		p.updateSource(file, src);
	}
	for (const [file, src] of Object.entries(yaml)) {
		p.updateChoreoFile(file, src);
	}
	p.sourcesComplete = true;
	return p;
}

/** Offset of the n-th occurrence of `needle` in `text`, plus `delta`. */
export function at(text: string, needle: string, delta = 1, nth = 0): number {
	let i = -1;
	for (let k = 0; k <= nth; k++) {
		i = text.indexOf(needle, i + 1);
		assert.ok(i >= 0, `"${needle}" #${nth} not in text`);
	}
	return i + delta;
}

/** The site at `needle` + `delta` (the n-th occurrence) in connections.json. */
export function jsonSite(p: ConnectionsProject, needle: string, delta = 2, nth = 0): Site {
	const site = NavigationIndex.of(p).siteAt(at(p.parsed.text, needle, delta, nth));
	assert.ok(site, `no site at ${needle}`);
	return site;
}

export function sourceSite(p: ConnectionsProject, file: string, needle: string, language: SourceLanguage): Site | undefined {
	const text = SOURCES[file];
	return sourceSiteAt(p, file, scanEnvReads(text, language), at(text, needle, 3));
}

export function textOf(file: string, p: ConnectionsProject): string {
	return file === 'connections.json' ? p.parsed.text : file === YAML_FILE ? YAML : SOURCES[file];
}

export function spans(p: ConnectionsProject, list: readonly FileSpan[]): string[] {
	return list.map((s) => `${s.file}:${textOf(s.file, p).slice(s.offset, s.offset + s.length)}`).sort();
}

/** Text content of Markdown as VS Code's renderer (marked) makes it, and the HTML itself. */
export function rendered(md: string): { html: string; text: string } {
	const html = marked.parse(md, { async: false });
	const text = html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
	return { html, text };
}

/** Asserts rendered HTML holds only the tags a hover uses: no links, images or raw HTML from the workspace. */
export function assertInert(md: string): void {
	const { html } = rendered(md);
	const tags = new Set([...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1].toLowerCase()));
	for (const tag of tags) {
		assert.ok(['p', 'strong', 'em', 'code', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's'].includes(tag), `unexpected <${tag}> in ${html}`);
	}
	assert.doesNotMatch(html, /<[^>]*\b(?:href|src|on\w+)=/i);
}
