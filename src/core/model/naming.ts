// The platform's variable naming, kept in one place: CHOREO_<NAME>_<KEY>.

/** Normalises a connection name or key the way the platform does: upper-cased, each run of non-alphanumerics turned into `_`. */
export function normaliseName(name: string): string {
	return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** The prefix of every variable injected for a connection, e.g. `hr-connection` → `CHOREO_HR_CONNECTION_`. */
export function variablePrefix(connectionId: string): string {
	return `CHOREO_${normaliseName(connectionId)}_`;
}

/** The injected variable for one key, e.g. (`hr-connection`, `ServiceURL`) → `CHOREO_HR_CONNECTION_SERVICEURL`. */
export function variableName(connectionId: string, key: string): string {
	return variablePrefix(connectionId) + normaliseName(key);
}

/** The platform's rule for an environment variable name (its validator's `^[a-zA-Z_][a-zA-Z0-9_]*$`). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a name can be an environment variable (the platform's rule, and at most 200 characters). */
export function isEnvName(name: string): boolean {
	return name.length <= 200 && ENV_NAME.test(name);
}
