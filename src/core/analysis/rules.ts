// Semantic rules over the model of one connections.json: everything the schema cannot say.
// Each rule is O(n) or O(n log n) in the number of connections and uses.
import { didYouMean, suggestionText } from '../text/didYouMean';
import type { Component, Connection, ConnectionsModel } from '../model/model';
import { normaliseName, variablePrefix } from '../model/naming';
import { refOf } from '../findings/intents';
import { problem, type Problem } from '../findings/problems';
import { accessOfTarget, isOtherProjectOnly, parseTarget, TARGET_GRAMMAR } from '../model/resourceRef';
import { buildIndex, FIXED_KEYS, keysOf, kindOf, visibleConnections, whyNotVisible, type ConnectionIndex } from '../model/scope';
import { pathText } from '../json/schemaValidation';
import { looksSecretName, SECRET_VALUE } from '../model/secretNames';
import { isValidConnectionId } from '../model/connectionId';

// Re-exported for src/core/ids, which still imports them from here.

/** Runs every connections.json rule; returns findings with offsets into the same text. */
export function checkModel(model: ConnectionsModel, index: ConnectionIndex = buildIndex(model)): Problem[] {
	const out: Problem[] = [];
	checkDuplicates(model, out);
	checkCollisions(model, out);
	for (const c of model.allConnections) {
		checkConnection(c, model, out);
	}
	checkOAuth(model, out);
	for (const comp of model.components) {
		checkUses(comp, index, out);
		checkEnv(comp, index, out);
	}
	return out;
}

function checkDuplicates(model: ConnectionsModel, out: Problem[]): void {
	const sharedSeen = new Map<string, Connection>();
	for (const c of [...(model.organization?.connections ?? []), ...(model.project?.connections ?? [])]) {
		if (!c.hasId) {
			continue;
		}
		const first = sharedSeen.get(c.id);
		if (first) {
			out.push(problem('duplicate-id', c.idSpan.offset, c.idSpan.length, { id: c.id, otherScope: first.scope, where: pathText(first.path) }));
		} else {
			sharedSeen.set(c.id, c);
		}
	}
	for (const comp of model.components) {
		const own = new Map<string, Connection>();
		for (const c of comp.connections) {
			if (!c.hasId) {
				continue;
			}
			const first = own.get(c.id) ?? sharedSeen.get(c.id);
			if (first) {
				out.push(problem('duplicate-id', c.idSpan.offset, c.idSpan.length, { id: c.id, otherScope: first.scope, where: pathText(first.path) }));
			} else {
				own.set(c.id, c);
			}
		}
	}
}

function checkCollisions(model: ConnectionsModel, out: Problem[]): void {
	// Two different IDs with the same normalised name inject the same variables.
	const collide = (c: Connection, tables: Map<string, Connection>[]) => {
		const name = normaliseName(c.id);
		const other = tables.map((t) => t.get(name)).find((o) => o !== undefined);
		if (other && other.id !== c.id) {
			out.push(problem('variable-collision', c.idSpan.offset, c.idSpan.length, { id: c.id, other: other.id, prefix: variablePrefix(c.id) }));
		} else if (!other) {
			tables[0].set(name, c);
		}
	};
	const shared = new Map<string, Connection>();
	for (const c of [...(model.organization?.connections ?? []), ...(model.project?.connections ?? [])]) {
		if (c.hasId) {
			collide(c, [shared]);
		}
	}
	for (const comp of model.components) {
		const own = new Map<string, Connection>();
		for (const c of comp.connections) {
			if (c.hasId) {
				collide(c, [own, shared]);
			}
		}
	}
}

function checkConnection(c: Connection, model: ConnectionsModel, out: Problem[]): void {
	const kind = kindOf(c);
	if (!kind) {
		return; // the schema reports a missing or unknown kind
	}
	// Parameters: unknown keys, plain secrets, unknown environments.
	const envs = new Set(model.environments);
	for (const p of c.parameters) {
		if (kind !== 'third-party' && !FIXED_KEYS[kind].includes(p.key)) {
			const candidates = didYouMean(p.key, FIXED_KEYS[kind]);
			out.push(problem('unknown-parameter', p.keySpan.offset, p.keySpan.length,
				{ key: p.key, kind, suggestion: suggestionText(candidates), known: FIXED_KEYS[kind].join(', ') },
				{ key: p.key, candidates, at: { in: 'parameters', connection: refOf(c) } }));
		}
		const secretByName = looksSecretName(kind, p.key);
		const values = p.value.type === 'plain' ? [p.value.value] : p.value.type === 'per-environment' ? [...p.value.values.values()].map((v) => v.value) : [];
		const looksSecret = values.some((v) => typeof v === 'string' && v !== '' && (secretByName || SECRET_VALUE.test(v)));
		if (looksSecret) {
			out.push(problem('plain-secret', p.valueSpan.offset, p.valueSpan.length, { key: p.key }, { connection: refOf(c), key: p.key }));
		}
		if (p.value.type === 'per-environment') {
			for (const [env, v] of p.value.values) {
				if (!envs.has(env)) {
					const candidates = didYouMean(env, envs);
					out.push(problem('unknown-environment', v.keySpan.offset, v.keySpan.length,
						{ environment: env, known: [...envs].join(', ') }, { connection: refOf(c), key: p.key, environment: env, candidates }));
				}
			}
		}
	}
	// Target grammar and access mode.
	let targetAccess: string | undefined;
	if (c.target) {
		const parsed = parseTarget(kind, c.target.value);
		if (!parsed.ok) {
			out.push(problem('invalid-target', c.target.span.offset, c.target.span.length,
				{ target: c.target.value, kind, reason: parsed.reason, expected: TARGET_GRAMMAR[kind] }));
		} else {
			targetAccess = accessOfTarget(parsed.target);
			const project = model.project?.id?.value;
			if (parsed.target.kind === 'service' && project !== undefined && isOtherProjectOnly(parsed.target, project)) {
				out.push(problem('project-visibility-other-project', c.target.span.offset, c.target.span.length,
					{ target: c.target.value, targetProject: parsed.target.project, project }));
			}
		}
	}
	if (kind !== 'service') {
		if (c.access) {
			out.push(problem('access-not-applicable', c.access.span.offset, c.access.span.length, { kind }, { connection: refOf(c) }));
		}
		if (c.security) {
			out.push(problem('security-not-applicable', c.security.span.offset, c.security.span.length, { kind }, { connection: refOf(c) }));
		}
		return;
	}
	if (c.access && targetAccess && c.access.value !== targetAccess) {
		out.push(problem('access-mismatch', c.access.span.offset, c.access.span.length,
			{ access: c.access.value, targetAccess }, { connection: refOf(c), access: targetAccess }));
	}
	const access = c.access?.value ?? targetAccess;
	const scheme = c.security?.scheme;
	if (access === 'project' && scheme && scheme.value !== 'none') {
		out.push(problem('access-security-mismatch', scheme.span.offset, scheme.span.length, { scheme: scheme.value }, { connection: refOf(c) }));
	}
}

const isOAuth = (c: Connection) => kindOf(c) === 'service' && c.security?.scheme?.value === 'oauth2';

function checkOAuth(model: ConnectionsModel, out: Problem[]): void {
	// Organization: each connection has its own application.
	const orgApps = new Map<string, Connection>();
	for (const c of model.organization?.connections ?? []) {
		const app = c.security?.oauthApp;
		if (!isOAuth(c) || !app) {
			continue;
		}
		const other = orgApps.get(app.value);
		if (other) {
			out.push(problem('oauth-app-shared', app.span.offset, app.span.length, { id: c.id, other: other.id, app: app.value }, { connection: refOf(c) }));
		} else {
			orgApps.set(app.value, c);
		}
	}
	// Project: all share one application (an absent oauthApp means the project's own).
	const projectOAuth = (model.project?.connections ?? []).filter(isOAuth);
	flagDifferentApps(projectOAuth, 'oauth-app-project-mismatch', undefined, out, () => '(the project\'s application)');
	// Component: may share one.
	for (const comp of model.components) {
		flagDifferentApps(comp.connections.filter(isOAuth), 'oauth-app-component-mismatch', comp, out, (c) => `(the own application of "${c.id}")`);
	}
}

function flagDifferentApps(list: Connection[], code: 'oauth-app-project-mismatch' | 'oauth-app-component-mismatch', comp: Component | undefined, out: Problem[], implicit: (c: Connection) => string): void {
	if (list.length < 2) {
		return;
	}
	const appOf = (c: Connection) => c.security?.oauthApp?.value ?? implicit(c);
	// The application most connections already use is the one to share; ties go to the first.
	const counts = new Map<string, number>();
	for (const c of list) {
		counts.set(appOf(c), (counts.get(appOf(c)) ?? 0) + 1);
	}
	let best = appOf(list[0]);
	for (const [app, n] of counts) {
		if (n > (counts.get(best) ?? 0)) {
			best = app;
		}
	}
	const bestOwner = list.find((c) => appOf(c) === best)!;
	const explicitBest = bestOwner.security?.oauthApp?.value;
	for (const c of list) {
		if (appOf(c) === best) {
			continue;
		}
		const span = c.security?.oauthApp?.span ?? c.security?.scheme?.span ?? c.idSpan;
		out.push(problem(code, span.offset, span.length,
			{ id: c.id, app: appOf(c), other: bestOwner.id, otherApp: best, component: comp?.id ?? '' },
			{ connection: refOf(c), shareApp: explicitBest, explicitApp: !!c.security?.oauthApp }));
	}
}

function checkUses(comp: Component, index: ConnectionIndex, out: Problem[]): void {
	const visible = visibleConnections(index, comp);
	const seen = new Set<string>();
	for (const u of comp.uses) {
		if (seen.has(u.id)) {
			out.push(problem('duplicate-use', u.span.offset, u.span.length, { id: u.id }, { connectionId: u.id, componentId: comp.id, index: u.index }));
			continue;
		}
		seen.add(u.id);
		const c = visible.get(u.id);
		if (c) {
			if (c.scope === 'component') {
				out.push(problem('redundant-use', u.span.offset, u.span.length, { id: u.id }, { connectionId: u.id, componentId: comp.id, index: u.index }));
			}
			continue;
		}
		if (!isValidConnectionId(u.id)) {
			continue; // not an ID at all: the schema's finding (schema-pattern) is the one finding of this mistake
		}
		const why = whyNotVisible(index, u.id);
		if (why.reason === 'other-component') {
			out.push(problem('out-of-scope-reference', u.span.offset, u.span.length,
				{ id: u.id, owner: why.owners[0].componentId ?? '', component: comp.id },
				{ connectionId: u.id, componentId: comp.id, listed: true }));
		} else {
			const candidates = didYouMean(u.id, [...visible.keys()].filter((id) => visible.get(id)!.scope !== 'component'));
			out.push(problem('unknown-connection', u.span.offset, u.span.length,
				{ id: u.id, component: comp.id, suggestion: suggestionText(candidates) },
				{ connectionId: u.id, componentId: comp.id, candidates, at: { in: 'uses', index: u.index } }));
		}
	}
}

function checkEnv(comp: Component, index: ConnectionIndex, out: Problem[]): void {
	const visible = visibleConnections(index, comp);
	for (const r of comp.env) {
		if (!r.connection || !isValidConnectionId(r.connection.value)) {
			continue; // the schema reports it (missing, or not an ID): one finding per mistake
		}
		const c = visible.get(r.connection.value);
		if (!c) {
			const why = whyNotVisible(index, r.connection.value);
			if (why.reason === 'other-component') {
				out.push(problem('out-of-scope-reference', r.connection.span.offset, r.connection.span.length,
					{ id: r.connection.value, owner: why.owners[0].componentId ?? '', component: comp.id },
					{ connectionId: r.connection.value, componentId: comp.id, listed: false }));
			} else {
				const candidates = didYouMean(r.connection.value, visible.keys());
				out.push(problem('unknown-connection', r.connection.span.offset, r.connection.span.length,
					{ id: r.connection.value, component: comp.id, suggestion: suggestionText(candidates) },
					{ connectionId: r.connection.value, componentId: comp.id, candidates, at: { in: 'env', variable: r.variable, key: r.key?.value } }));
			}
			continue;
		}
		if (r.key) {
			const keys = keysOf(c);
			if (!keys.includes(r.key.value)) {
				const candidates = didYouMean(r.key.value, keys);
				out.push(problem('unknown-parameter', r.key.span.offset, r.key.span.length,
					{ key: r.key.value, kind: kindOf(c) ?? 'unknown', suggestion: suggestionText(candidates), known: keys.join(', ') },
					{ key: r.key.value, candidates, at: { in: 'env', componentId: comp.id, variable: r.variable } }));
			}
		}
	}
}
