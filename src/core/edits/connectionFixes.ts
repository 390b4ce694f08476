// Fixes inside connections.json that change one connection or one value: parameter keys and
// environments, access and security, OAuth applications, schema did-you-means, and moving a
// plain secret to secret storage.
import { findNodeAtLocation, type JSONPath } from 'jsonc-parser';
import { insertArrayItem, refuse, setValue } from './edits';
import { DEFAULT_ENVIRONMENTS, type Parameter } from '../model/model';
import { parseConnectionsText, type ParsedConnectionsFile } from '../json/parse';
import type { ConnectionRef } from '../findings/intents';
import { yamlKeyFixes } from './componentYamlFixes';
import {
	connectionField, didYouMeanFixes, envField, findConnection, fix, isResult, json, parameterPath, renameKey, sameSecretValues,
	type Fix, type FixEntries, type FixEntry, type SecretMove, type SecretValue,
} from './fixKit';

const moveSecret: FixEntry<'plain-secret'> = ({ code, connection: ref, key }, { project }) => {
	const parameterIn = (parsed: ParsedConnectionsFile): Parameter | undefined => {
		const conn = findConnection(parsed, ref);
		return isResult(conn) ? undefined : conn.parameters.find((x) => x.key === key);
	};
	const valuesOf = (param: Parameter | undefined): SecretValue[] | undefined => {
		if (param?.value.type === 'plain') {
			return [{ value: String(param.value.value) }];
		}
		if (param?.value.type === 'per-environment') {
			return [...param.value.values].map(([environment, v]) => ({ environment, value: String(v.value) }));
		}
		return undefined;
	};
	const secret: SecretMove = {
		connectionId: ref.id,
		key,
		valuesIn: (text) => {
			const parsed = parseConnectionsText(text);
			return parsed.editRefusal ? undefined : valuesOf(parameterIn(parsed));
		},
		replaceIf: (stored) => json((parsed, fmt) => {
			const param = parameterIn(parsed);
			const now = valuesOf(param);
			if (!param || !now || !sameSecretValues(now, stored)) {
				return refuse('not-found'); // the value changed since it was stored: write nothing
			}
			return setValue(parsed, param.path as JSONPath, { secret: true }, fmt);
		}),
	};
	const now = valuesOf(parameterIn(project.parsed));
	if (!now) {
		return [];
	}
	return [fix(code, 'moveSecret', { key, id: ref.id }, [secret.replaceIf(now)], { isPreferred: true, secret })];
};

const unknownEnvironment: FixEntry<'unknown-environment'> = ({ code, connection: ref, key, environment, candidates }) => {
	const out = didYouMeanFixes(code, 'renameEnvironment', candidates, (to) => renameKey((parsed) => {
		const conn = findConnection(parsed, ref);
		return isResult(conn) ? conn : [...conn.path, 'parameters', key] as JSONPath;
	}, environment, to));
	if (/^[a-z][a-z0-9-]{0,31}$/.test(environment) && environment !== 'secret') {
		out.push(fix(code, 'addEnvironment', { environment }, [json((parsed, fmt) => {
			if (parsed.model.environments.includes(environment)) {
				return { ok: true, edits: [] };
			}
			return parsed.model.environmentsDeclared
				? insertArrayItem(parsed, ['environments'], environment, fmt)
				: setValue(parsed, ['environments'], [...DEFAULT_ENVIRONMENTS, environment], fmt);
		})]));
	}
	return out;
};

/** A fix that sets (or, for undefined, removes) one field of the connection. */
function setField(code: Parameters<typeof fix>[0], title: Parameters<typeof fix>[1], args: Record<string, string>, ref: ConnectionRef, field: readonly string[], value: unknown): Fix[] {
	return [fix(code, title, args, [connectionField(ref, field, value)], { isPreferred: true })];
}

export const CONNECTION_FIXES: FixEntries<
	| 'plain-secret' | 'unknown-parameter' | 'unknown-environment' | 'schema-enum' | 'schema-unknown-property'
	| 'access-mismatch' | 'access-security-mismatch' | 'access-not-applicable' | 'security-not-applicable'
	| 'oauth-app-shared' | 'oauth-app-project-mismatch' | 'oauth-app-component-mismatch'
> = {
	'plain-secret': moveSecret,
	'unknown-parameter': ({ code, key: from, candidates, at }, { file, problem }) => {
		switch (at.in) {
			case 'parameters':
				return didYouMeanFixes(code, 'renameKey', candidates, (to) => renameKey(parameterPath(at.connection), from, to));
			case 'env':
				return didYouMeanFixes(code, 'changeTo', candidates, (to) => envField(at.componentId, at.variable, 'key', from, to));
			case 'component-yaml':
				return yamlKeyFixes(code, file, problem.offset, from, candidates);
		}
	},
	'unknown-environment': unknownEnvironment,
	'schema-enum': ({ code, path, value: from, candidates }) => didYouMeanFixes(code, 'changeTo', candidates, (to) => json((parsed, fmt) => {
		const now = findNodeAtLocation(parsed.root!, path as JSONPath);
		return now?.value === from ? setValue(parsed, path as JSONPath, to, fmt) : refuse('not-found');
	})),
	'schema-unknown-property': ({ code, objectPath, property, candidates }) =>
		didYouMeanFixes(code, 'renameKey', candidates, (to) => renameKey(() => objectPath as JSONPath, property, to)),
	'access-mismatch': ({ code, connection, access }) => setField(code, 'setAccess', { access }, connection, ['access'], access),
	'access-security-mismatch': ({ code, connection }) => setField(code, 'schemeNone', {}, connection, ['security', 'scheme'], 'none'),
	'access-not-applicable': ({ code, connection }) => setField(code, 'removeAccess', {}, connection, ['access'], undefined),
	'security-not-applicable': ({ code, connection }) => setField(code, 'removeSecurity', {}, connection, ['security'], undefined),
	'oauth-app-shared': ({ code, connection }) => setField(code, 'ownApp', { id: connection.id }, connection, ['security', 'oauthApp'], undefined),
	'oauth-app-project-mismatch': ({ code, connection, shareApp, explicitApp }) => shareApp !== undefined
		? setField(code, 'shareApp', { app: shareApp }, connection, ['security', 'oauthApp'], shareApp)
		// An absent oauthApp means the project's application.
		: explicitApp ? setField(code, 'projectApp', {}, connection, ['security', 'oauthApp'], undefined) : [],
	// For a component an absent oauthApp would be the connection's own: only sharing a named one helps.
	'oauth-app-component-mismatch': ({ code, connection, shareApp }) => shareApp !== undefined
		? setField(code, 'shareApp', { app: shareApp }, connection, ['security', 'oauthApp'], shareApp)
		: [],
};
