// The environment a component gets when it runs: one variable per key of every connection injected into it,
// named as the platform injects it (renames applied, the default name then absent), with its value for one
// environment, and the list of what is missing. Plain data in, plain data out.
import type { ConnectionsProject } from '../analysis/project';
import { environmentsOf, type Component, type Connection } from '../model/model';
import { isEnvName, variableName } from '../model/naming';
import { injectedKeys, isSecretKey } from '../model/scope';

/** What a secret lookup is asked: the connection's key in an environment, and the variable it is injected as. */
export interface SecretQuery {
	readonly connectionId: string;
	readonly key: string;
	readonly environment: string;
	readonly variable: string;
}

/** Where secret values come from (secret storage, the process environment, a secrets file); undefined: not set. */
export type SecretLookup = (q: SecretQuery) => string | undefined;

export type MissingReason = 'no-value' | 'secret-not-set' | 'secrets-not-read' | 'invalid-name' | 'duplicate-name';

export interface RunVariable {
	readonly name: string;
	readonly connectionId: string;
	readonly key: string;
	readonly secret: boolean;
	/** Whether a rename gives the name (the default CHOREO_<ID>_<KEY> is then not injected). */
	readonly renamed: boolean;
	/** Undefined when missing. */
	readonly value?: string;
	readonly missing?: MissingReason;
}

export interface RunEnvironment {
	readonly componentId: string;
	readonly environment: string;
	/** Every injected variable with a value, in connection and key order. */
	readonly variables: readonly RunVariable[];
	/** What has no value (or no valid name), in the same order. */
	readonly missing: readonly RunVariable[];
}

export type MaterializeError = { readonly error: 'no-component' | 'unknown-environment'; readonly known: readonly string[] };


/** A parameter's value in the file for one environment (a plain value, or that environment's); undefined for a secret or none. */
export function parameterValue(c: Connection, key: string, environment: string): string | undefined {
	const p = c.parameters.find((x) => x.key === key);
	switch (p?.value.type) {
		case 'plain': return String(p.value.value);
		case 'per-environment': {
			const v = p.value.values.get(environment);
			return v === undefined ? undefined : String(v.value);
		}
		default: return undefined;
	}
}

/**
 * A component's run environment for `environment`. Secret keys (`{ "secret": true }`, or a key that is always
 * secret) are asked of `secrets`; without a lookup (the secret-free mode) they are listed as not read.
 */
export function materialize(project: ConnectionsProject, componentId: string, environment: string, secrets?: SecretLookup): RunEnvironment | MaterializeError {
	const component: Component | undefined = project.index.model.components.find((c) => c.hasId && c.id === componentId);
	if (!component) {
		return { error: 'no-component', known: project.index.model.components.filter((c) => c.hasId).map((c) => c.id) };
	}
	const environments = environmentsOf(project.index.model);
	if (!environments.includes(environment)) {
		return { error: 'unknown-environment', known: environments };
	}
	const renames = project.injectedRenames(component);
	const variables: RunVariable[] = [];
	const missing: RunVariable[] = [];
	const named = new Set<string>();
	for (const c of project.injectedConnections(component)) {
		for (const key of injectedKeys(c)) {
			const rename = renames.find((r) => r.connection === c.id && r.key === key);
			const name = rename ? rename.variable : variableName(c.id, key);
			const secret = isSecretKey(c, key) && parameterValue(c, key, environment) === undefined;
			const base = { name, connectionId: c.id, key, secret, renamed: !!rename };
			if (!isEnvName(name) || named.has(name)) {
				missing.push({ ...base, missing: isEnvName(name) ? 'duplicate-name' : 'invalid-name' });
				continue;
			}
			named.add(name);
			const value = secret ? secrets?.({ connectionId: c.id, key, environment, variable: name }) : parameterValue(c, key, environment);
			if (value !== undefined) {
				variables.push({ ...base, value });
			} else {
				missing.push({ ...base, missing: !secret ? 'no-value' : secrets ? 'secret-not-set' : 'secrets-not-read' });
			}
		}
	}
	return { componentId, environment, variables, missing };
}

export function isMaterializeError(x: RunEnvironment | MaterializeError): x is MaterializeError {
	return 'error' in x;
}
