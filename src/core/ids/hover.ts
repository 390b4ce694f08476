// Hover on connection IDs: what a site resolves to (the connection with its variables, users and
// parameters, never a secret value; an unresolved reference with candidates; an OAuth application
// with the connections that share it) as data, and that data rendered as inert Markdown.
// Imports sites.ts, the model, the text helpers of text/markdown.ts and the fixed text in
// findings/messages.ts.
import { didYouMean } from '../text/didYouMean';
import { formatMessage, HOVER_TEXT, type HoverTextKey } from '../findings/messages';
import type { Component, Connection, Parameter, Scope } from '../model/model';
import { normaliseName, variableName, variablePrefix } from '../model/naming';
import type { ConnectionsProject } from '../analysis/project';
import { looksSecretName, SECRET_VALUE } from '../model/secretNames';
import { injectedKeys, isSecretKey, keysOf, kindOf, whyNotVisible } from '../model/scope';
import { bold, cell, codeOrText, inertMarkdown, list } from '../text/markdown';
import { NavigationIndex, type Site } from './sites';

/** One row of the parameter table: a display value per environment column (undefined = not set). */
export interface ParameterRow {
	readonly key: string;
	readonly secret: boolean;
	readonly values: readonly (string | undefined)[];
}

export interface ConnectionHover {
	readonly type: 'connection';
	readonly id: string;
	readonly name?: string;
	readonly description?: string;
	readonly scope: Scope;
	readonly owner?: string;
	readonly kind?: string;
	readonly target?: string;
	readonly access?: string;
	readonly scheme?: string;
	readonly oauthApp?: string;
	/** The application an OAuth connection gets when `oauthApp` is left out. */
	readonly impliedApp?: 'own' | 'project';
	/**
	 * Injected variables with their renames from `env`: seen from a component, only its own rename
	 * (the default is then not injected there); from the definition, every component's.
	 */
	readonly variables: readonly { readonly key: string; readonly variable: string; readonly renames: readonly { readonly variable: string; readonly component: string }[] }[];
	/** The variables are seen from one component (`renames` are its own). */
	readonly fromComponent: boolean;
	/** For a source or env hover: what is read there. */
	readonly read?: { readonly variable: string; readonly key?: string; readonly renamed: boolean; readonly defaultVariable?: string };
	readonly usedBy: readonly string[];
	/** 1-based line of the definition in connections.json. */
	readonly line: number;
	readonly environments: readonly string[];
	readonly parameters: readonly ParameterRow[];
}

export interface UnresolvedHover {
	readonly type: 'unresolved';
	/** The ID as written, or the variable read for a source reference. */
	readonly name: string;
	readonly isVariable: boolean;
	readonly component?: string;
	readonly candidates: readonly string[];
	/** Components that own a connection of that ID (not visible here). */
	readonly owners: readonly string[];
}

export interface OAuthAppHover {
	readonly type: 'oauth-app';
	readonly app: string;
	readonly scope: Scope;
	readonly component?: string;
	readonly connections: readonly string[];
}

export type HoverContent = ConnectionHover | UnresolvedHover | OAuthAppHover;

const MAX_ENV_COLUMNS = 6;
const MAX_PARAMETER_ROWS = 40;

function display(v: string | number | boolean): string {
	return typeof v === 'string' ? v : String(v);
}

function valuesOf(p: Parameter): (string | number | boolean)[] {
	return p.value.type === 'plain' ? [p.value.value] : p.value.type === 'per-environment' ? [...p.value.values.values()].map((v) => v.value) : [];
}

/** The word for a secret cell: whether a value is stored when that is known (never the value). */
function secretWord(set: boolean | undefined): 'secret' | 'secretSet' | 'secretNotSet' {
	return set === undefined ? 'secret' : set ? 'secretSet' : 'secretNotSet';
}

/** Parameter rows; a key that is secret (by kind, by marking, by its name or by a credential-looking value) shows no value. */
function parameterRows(c: Connection, environments: string[]): ParameterRow[] {
	const byKey = new Map<string, Parameter>();
	for (const p of c.parameters) {
		byKey.set(p.key, p);
	}
	const keys = injectedKeys(c);
	for (const p of c.parameters) {
		if (!keys.includes(p.key)) {
			keys.push(p.key);
		}
	}
	return keys.slice(0, MAX_PARAMETER_ROWS).map((key) => {
		const p = byKey.get(key);
		const secret = isSecretKey(c, key) || looksSecretName(kindOf(c), key) || (!!p && valuesOf(p).some((v) => typeof v === 'string' && SECRET_VALUE.test(v)));
		const values = environments.map((env): string | undefined => {
			if (!p) {
				return undefined;
			}
			switch (p.value.type) {
				case 'plain':
					return display(p.value.value);
				case 'per-environment': {
					const v = p.value.values.get(env);
					return v === undefined ? undefined : display(v.value);
				}
				default:
					return undefined;
			}
		});
		return { key, secret, values: secret ? environments.map(() => undefined) : values };
	});
}

/** What a hover shows for a resolved connection, seen from `component` (for renames and the read). */
export function connectionHover(index: NavigationIndex, c: Connection, component?: Component, read?: ConnectionHover['read']): ConnectionHover {
	const environments = [...index.model.environments];
	for (const p of c.parameters) {
		if (p.value.type === 'per-environment') {
			for (const env of p.value.values.keys()) {
				if (!environments.includes(env)) {
					environments.push(env);
				}
			}
		}
	}
	const envs = environments.slice(0, MAX_ENV_COLUMNS);
	const scheme = c.security?.scheme?.value;
	const owner = index.ownerOf(c);
	const renames = index.renamesOf(c).filter((r) => !component || r.component === component);
	return {
		type: 'connection',
		id: c.id,
		name: c.name?.value,
		description: c.description?.value,
		scope: c.scope,
		owner: owner?.id,
		kind: c.kind?.value,
		target: c.target?.value,
		access: c.access?.value,
		scheme,
		oauthApp: c.security?.oauthApp?.value,
		impliedApp: scheme === 'oauth2' && !c.security?.oauthApp ? (c.scope === 'project' ? 'project' : 'own') : undefined,
		variables: injectedKeys(c).map((key) => ({
			key,
			variable: variableName(c.id, key),
			renames: renames.filter((r) => r.key === key).map((r) => ({ variable: r.variable, component: r.component.id })),
		})),
		fromComponent: !!component,
		read,
		usedBy: index.usersOf(c),
		line: index.lineOf(c.idSpan.offset),
		environments: envs,
		parameters: parameterRows(c, envs),
	};
}

/** Hover content for a site, or undefined where there is nothing to say. */
export function hoverFor(project: ConnectionsProject, site: Site): HoverContent | undefined {
	const index = NavigationIndex.of(project);
	if (site.kind === 'oauth-app' && site.app !== undefined && site.connection) {
		return {
			type: 'oauth-app',
			app: site.app,
			scope: site.connection.scope,
			component: site.component?.id,
			connections: index.oauthAppSites(site).map((s) => s.connection!.id),
		};
	}
	const c = site.connection;
	if (!c) {
		return unresolvedHover(index, site);
	}
	let read: ConnectionHover['read'];
	if (site.kind === 'source' && site.variable !== undefined) {
		read = { variable: site.variable, key: site.key, renamed: !!site.renamed, defaultVariable: site.renamed && site.key ? variableName(c.id, site.key) : undefined };
	} else if ((site.kind === 'env-key' || site.kind === 'env-connection' || site.kind === 'yaml-key' || site.kind === 'yaml-connection') && site.variable !== undefined) {
		// A rename: connections.json `env` or component.yaml `configurations.env[].valueFrom.connectionRef`.
		read = { variable: site.variable, key: site.key, renamed: true, defaultVariable: site.key ? variableName(c.id, site.key) : undefined };
	}
	return connectionHover(index, c, site.component, read);
}

function unresolvedHover(index: NavigationIndex, site: Site): UnresolvedHover {
	const visible = index.visible(site.component);
	if (site.kind === 'source') {
		const variable = site.variable ?? '';
		const rest = variable.slice(7);
		const head = rest.slice(0, Math.max(rest.lastIndexOf('_'), 0)) || rest;
		const byName = new Map(visible.map((c) => [normaliseName(c.id), c]));
		const tail = rest.slice(head.length + 1);
		const candidates = didYouMean(head, byName.keys()).map((n) => {
			const c = byName.get(n)!;
			const key = keysOf(c).find((k) => normaliseName(k) === tail) ?? keysOf(c)[0];
			return variableName(c.id, key);
		});
		const owners = index.model.components.filter((comp) => comp !== site.component && comp.connections.some((c) => c.hasId && variable.startsWith(variablePrefix(c.id)))).map((comp) => comp.id);
		return { type: 'unresolved', name: variable, isVariable: true, component: site.component?.id, candidates, owners };
	}
	const why = whyNotVisible(index.connections, site.id);
	const owners = why.reason === 'other-component' ? why.owners.map((c) => c.componentId ?? '') : [];
	return { type: 'unresolved', name: site.id, isVariable: false, component: site.component?.id, candidates: didYouMean(site.id, visible.map((c) => c.id)), owners };
}

/** Localises a fixed English text (vscode.l10n.t in the editor). */
export type Translate = (text: string) => string;

export const identity: Translate = (s) => s;
const MAX_DESCRIPTION = 500;

/**
 * The hover as Markdown: fixed text from HOVER_TEXT (through `t`), every piece of workspace text
 * escaped with inertMarkdown, no HTML, no links, no command URIs. `secretSet` says, per secret key and
 * environment column, whether a value is stored (undefined: not known, the cell says only "secret").
 */
export function renderHover(h: HoverContent, t: Translate = identity, secretSet?: (key: string, environment: string) => boolean | undefined): string {
	const fill = (key: HoverTextKey, args: Record<string, string | number>) => formatMessage(t(HOVER_TEXT[key]), args);
	const more = (count: number) => fill('more', { count });
	if (h.type === 'oauth-app') {
		const ids = list(h.connections, more, bold);
		return [
			fill('oauthAppTitle', { app: bold(h.app) }),
			h.scope === 'component' && h.component !== undefined
				? fill('oauthAppSharedComponent', { ids, component: bold(h.component) })
				: fill('oauthAppShared', { scope: inertMarkdown(h.scope), ids }),
		].join('\n\n');
	}
	if (h.type === 'unresolved') {
		const out = [`**${inertMarkdown(t(HOVER_TEXT.unresolvedTitle))}**`];
		if (h.isVariable) {
			out.push(fill('unresolvedVariable', { variable: codeOrText(h.name), component: bold(h.component ?? '') }));
		} else if (h.component !== undefined) {
			out.push(fill('unresolvedId', { id: bold(h.name), component: bold(h.component) }));
		} else {
			out.push(fill('unresolvedIdNoComponent', { id: bold(h.name) }));
		}
		if (h.owners.length) {
			out.push(fill('ownedBy', { owners: list(h.owners, more, bold) }));
		}
		if (h.candidates.length) {
			out.push(fill('didYouMean', { candidates: list(h.candidates, more, h.isVariable ? codeOrText : bold) }));
		}
		return out.join('\n\n');
	}
	const out: string[] = [];
	out.push(h.name ? `${bold(h.id)} — ${inertMarkdown(h.name)}` : bold(h.id));
	if (h.read) {
		const key = h.read.key !== undefined ? bold(h.read.key) : '';
		if (h.read.renamed && h.read.defaultVariable) {
			out.push(fill('readsRenamed', { key, id: bold(h.id), variable: codeOrText(h.read.variable), default: codeOrText(h.read.defaultVariable) }));
		} else if (h.read.key !== undefined) {
			out.push(fill('reads', { key, id: bold(h.id), variable: codeOrText(h.read.variable) }));
		} else {
			out.push(fill('readsVariable', { variable: codeOrText(h.read.variable), id: bold(h.id) }));
		}
	}
	if (h.description) {
		out.push('*' + inertMarkdown(h.description.trim(), MAX_DESCRIPTION) + '*');
	}
	const line = (label: HoverTextKey, value: string) => `**${inertMarkdown(t(HOVER_TEXT[label]))}:** ${value}`;
	const facts: string[] = [];
	facts.push(line('scope', h.scope === 'component' && h.owner !== undefined ? fill('componentScope', { component: inertMarkdown(h.owner) }) : inertMarkdown(h.scope)));
	if (h.kind !== undefined) {
		facts.push(line('kind', inertMarkdown(h.kind)));
	}
	if (h.target !== undefined) {
		facts.push(line('target', inertMarkdown(h.target)));
	}
	if (h.access !== undefined) {
		facts.push(line('access', inertMarkdown(h.access)));
	}
	if (h.scheme !== undefined) {
		let security = inertMarkdown(h.scheme);
		if (h.oauthApp !== undefined) {
			security += ` · ${inertMarkdown(t(HOVER_TEXT.oauthApp))}: ${inertMarkdown(h.oauthApp)}`;
		} else if (h.impliedApp) {
			security += ` · ${inertMarkdown(t(HOVER_TEXT.oauthApp))}: ${inertMarkdown(t(h.impliedApp === 'own' ? HOVER_TEXT.ownApp : HOVER_TEXT.projectApp))}`;
		}
		facts.push(line('security', security));
	}
	if (h.variables.length) {
		facts.push(line('variables', h.variables.map((v) => {
			if (!v.renames.length) {
				return `\`${v.variable}\``;
			}
			if (h.fromComponent) {
				return `~~\`${v.variable}\`~~ ${fill('renamedTo', { variable: codeOrText(v.renames[0].variable) })}`;
			}
			return `\`${v.variable}\` (${v.renames.map((r) => fill('renamedIn', { variable: codeOrText(r.variable), component: bold(r.component) })).join('; ')})`;
		}).join(', ')));
	}
	facts.push(line('usedBy', h.usedBy.length ? list(h.usedBy, more) : inertMarkdown(t(HOVER_TEXT.nobody))));
	out.push(facts.join('  \n'));
	if (h.parameters.length) {
		const columns = h.environments.length ? h.environments : [t(HOVER_TEXT.value)];
		const rows = [
			`| ${inertMarkdown(t(HOVER_TEXT.parameter))} | ${columns.map(cell).join(' | ')} |`,
			`|---|${columns.map(() => '---').join('|')}|`,
			...h.parameters.map((p) => `| ${cell(p.key)} | ${columns.map((_, i) => p.secret
				? `*${inertMarkdown(t(HOVER_TEXT[secretWord(secretSet?.(p.key, h.environments[i] ?? ''))]))}*`
				: p.values[i] === undefined ? inertMarkdown(t(HOVER_TEXT.notSet)) : cell(p.values[i]!)).join(' | ')} |`),
		];
		out.push(rows.join('\n'));
	}
	out.push(fill('definedAt', { line: h.line }));
	return out.join('\n\n');
}
