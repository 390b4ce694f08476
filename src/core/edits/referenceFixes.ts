// Fixes of references to connections: a `uses` entry, an `env` rename or a variable read in
// source that names no visible connection, one that is out of scope, listed twice or not at all;
// and the new connections (at component or project scope) that would make a reference resolve.
import { isValidConnectionId } from '../model/connectionId';
import { addConnection, addUse, combine, moveConnection, type NewConnection } from './connectionEdits';
import { removeValue, setValue } from './edits';
import type { ConnectionKind } from '../model/model';
import { normaliseName, variableName } from '../model/naming';
import { refOf } from '../findings/intents';
import type { ProblemCode } from '../findings/problems';
import type { ConnectionsProject } from '../analysis/project';
import { FIXED_KEYS } from '../model/scope';
import { looksSecretName } from '../model/secretNames';
import {
	addUseEdit, didYouMeanFixes, envField, findComponent, findConnection, fix, isResult, json, removeUseEdit, replaceVariable, useEntry,
	type Fix, type FixEntries, type FixEntry,
} from './fixKit';

const DATABASE_NAME = /(^|[-_. ])(db|database|postgres|postgresql|pg|mysql|mariadb|mongo|mongodb|redis|sql|sqlserver|oracle)([-_. ]|$)|db$/i;

/** The kind a new connection most likely has: from the key it is read with, then its name. */
export function guessKind(id: string, key?: string): ConnectionKind {
	const k = key === undefined ? undefined : normaliseName(key);
	if (k && FIXED_KEYS.database.some((x) => normaliseName(x) === k)) {
		return 'database';
	}
	if (k && FIXED_KEYS.service.some((x) => x !== 'ServiceURL' && normaliseName(x) === k)) {
		return 'service';
	}
	return DATABASE_NAME.test(id) ? 'database' : 'third-party';
}

/** A variable's connection ID and key, as a new connection would need them (`CHOREO_ORDERS_DB_HOSTNAME` → orders-db, HostName). */
export function splitVariable(variable: string): { id: string; key: string } | undefined {
	if (!variable.startsWith('CHOREO_')) {
		return undefined;
	}
	const rest = variable.slice(7);
	const known = [...FIXED_KEYS.service, ...FIXED_KEYS.database].sort((a, b) => b.length - a.length);
	const fixed = known.find((k) => rest.endsWith('_' + normaliseName(k)) && rest.length > k.length + 1);
	const cut = fixed ? rest.length - normaliseName(fixed).length - 1 : rest.lastIndexOf('_');
	if (cut <= 0) {
		return undefined;
	}
	const id = rest.slice(0, cut).toLowerCase().replace(/_/g, '-');
	const key = fixed ?? rest.slice(cut + 1);
	return isValidConnectionId(id) && key && variableName(id, key) === variable ? { id, key } : undefined;
}

function newConnection(id: string, key?: string): NewConnection {
	const kind = guessKind(id, key);
	if (kind === 'third-party' && key && normaliseName(key) !== 'SERVICEURL') {
		// A third-party connection has the keys it declares: declare the one that is read.
		return { id, kind, parameters: { [key]: looksSecretName(kind, key) ? { secret: true } : '' } };
	}
	return { id, kind };
}

/** "Create at component scope" and "create in the project and use it" for an ID no component can see. */
function createFixes(code: ProblemCode, project: ConnectionsProject, componentId: string, id: string, key: string | undefined, removeUseAt?: number): Fix[] {
	if (!isValidConnectionId(id) || project.index.byId.has(id)) {
		return [];
	}
	const c = newConnection(id, key);
	const args = { id, kind: c.kind, component: componentId };
	const inComponent = json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const results = [addConnection(parsed, { scope: 'component', componentIndex: comp.index }, c, fmt)];
		if (removeUseAt !== undefined) {
			// A component's own connection is used implicitly: its "uses" entry would be redundant.
			const at = useEntry(comp, id, removeUseAt, false);
			results.push(isResult(at) ? at : removeValue(parsed, [...comp.path, 'uses', at], fmt));
		}
		return combine(results);
	});
	const inProject = json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		return combine([addConnection(parsed, { scope: 'project' }, c, fmt), addUse(parsed, comp.index, id, fmt)]);
	});
	return [fix(code, 'createComponent', args, [inComponent]), fix(code, 'createProject', args, [inProject])];
}

/** Promote another component's connection to the project and let the component use it. */
const promote: FixEntry<'out-of-scope-reference'> = ({ code, connectionId: id, componentId, listed }, { project }) => {
	const owners = (project.index.byId.get(id) ?? []).filter((c) => c.scope === 'component');
	if (owners.length !== 1 || owners[0].componentId === undefined) {
		return []; // several components own one: which to promote is the user's call
	}
	const owner = refOf(owners[0]);
	const edit = json((parsed, fmt) => {
		const c = findConnection(parsed, owner);
		if (isResult(c)) {
			return c;
		}
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const results = [moveConnection(parsed, c, { scope: 'project' }, fmt)];
		if (!listed && !comp.uses.some((u) => u.id === id)) {
			results.push(addUse(parsed, comp.index, id, fmt));
		}
		return combine(results);
	});
	return [fix(code, 'promote', { id, owner: owner.componentId ?? '', component: componentId }, [edit], { isPreferred: true })];
};

const unknownConnection: FixEntry<'unknown-connection'> = ({ code, connectionId: id, componentId, candidates, at }, { project }) => {
	if (at.in === 'env') {
		return [
			...didYouMeanFixes(code, 'changeTo', candidates, (to) => envField(componentId, at.variable, 'connection', id, to)),
			...createFixes(code, project, componentId, id, at.key),
		];
	}
	const listed = new Set(project.index.componentsById.get(componentId)?.uses.map((u) => u.id));
	return [
		...didYouMeanFixes(code, 'changeTo', candidates.filter((to) => !listed.has(to)), (to) => json((parsed, fmt) => {
			const comp = findComponent(parsed, componentId);
			if (isResult(comp)) {
				return comp;
			}
			const entry = useEntry(comp, id, at.index, false);
			return isResult(entry) ? entry : setValue(parsed, [...comp.path, 'uses', entry], to, fmt);
		})),
		...createFixes(code, project, componentId, id, undefined, at.index),
	];
};

/** Removes the `uses` entry (for a duplicate, the second one); preferred unless the connection may still be needed. */
const removeUse: FixEntry<'duplicate-use' | 'redundant-use' | 'unused-connection'> = ({ code, connectionId: id, componentId, index }) =>
	[fix(code, 'removeUse', { id, component: componentId }, [removeUseEdit(componentId, id, index, code === 'duplicate-use')], { isPreferred: code !== 'unused-connection' })];

/** "Read … instead" for a variable read in source. */
const readInstead: FixEntry<'unknown-reference' | 'unknown-key-reference' | 'renamed-variable-reference'> = ({ code, variable, candidates }, { file, problem }) =>
	didYouMeanFixes(code, 'readInstead', candidates.filter((to) => to !== variable), (to) => replaceVariable(file, problem.offset, variable, to));

export const REFERENCE_FIXES: FixEntries<
	| 'unknown-connection' | 'out-of-scope-reference' | 'duplicate-use' | 'redundant-use' | 'unused-connection'
	| 'undeclared-reference' | 'unknown-reference' | 'unknown-key-reference' | 'renamed-variable-reference'
> = {
	'unknown-connection': unknownConnection,
	'out-of-scope-reference': promote,
	'duplicate-use': removeUse,
	'redundant-use': removeUse,
	'unused-connection': removeUse,
	'undeclared-reference': ({ code, connectionId: id, componentId }) =>
		[fix(code, 'addUse', { id, component: componentId }, [addUseEdit(componentId, id)], { isPreferred: true })],
	'unknown-reference': (intent, site) => {
		const parts = splitVariable(intent.variable);
		return [...readInstead(intent, site), ...(parts ? createFixes(intent.code, site.project, intent.componentId, parts.id, parts.key) : [])];
	},
	'unknown-key-reference': readInstead,
	'renamed-variable-reference': readInstead,
};
