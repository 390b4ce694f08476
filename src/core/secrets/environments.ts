// Which environment a repository's local features (secrets, terminals, debuggers, .env) work in: the
// environments its connections.json declares, the default, and a remembered choice checked against them.
import { environmentsOf, type ConnectionsModel } from '../model/model';
import type { SecretAddress } from './secretVault';

// The environment list itself is the model's (one home, also for core/run and the command line).
export { defaultEnvironment, environmentsOf } from '../model/model';

/** Why the active environment is what it is: chosen and still declared, the default, or a remembered one that is gone. */
export type ActiveEnvironmentReason = 'remembered' | 'default' | 'remembered-missing';

/**
 * The active environment of a repository: the remembered choice while connections.json still offers it,
 * else the default (with `stale` naming the remembered one that no longer exists).
 */
export function resolveActiveEnvironment(model: Pick<ConnectionsModel, 'environments'>, remembered: string | undefined): { readonly environment: string; readonly reason: ActiveEnvironmentReason; readonly stale?: string } {
	const offered = environmentsOf(model);
	if (remembered !== undefined && offered.includes(remembered)) {
		return { environment: remembered, reason: 'remembered' };
	}
	return remembered === undefined
		? { environment: offered[0], reason: 'default' }
		: { environment: offered[0], reason: 'remembered-missing', stale: remembered };
}

/** The environments in the order a picker offers them: the active one first, then the others in file order. */
export function environmentChoices(model: Pick<ConnectionsModel, 'environments'>, active: string | undefined): readonly string[] {
	const offered = environmentsOf(model);
	return active !== undefined && offered.includes(active) ? [active, ...offered.filter((e) => e !== active)] : offered;
}

/** Whether a secret is stored for one environment, from the addresses stored for its connection (an address without an environment counts for every one). */
export function secretSetFor(stored: readonly Pick<SecretAddress, 'key' | 'environment'>[], key: string, environment: string | undefined): boolean {
	return stored.some((a) => a.key === key && (a.environment === undefined || a.environment === environment));
}

/**
 * Set / not set of one secret key per environment, for tooltips and hovers (never a value): one entry per
 * declared environment when the repository declares `environments`, else one entry without an environment.
 */
export function secretStatesOf(model: Pick<ConnectionsModel, 'environments' | 'environmentsDeclared'>, stored: readonly Pick<SecretAddress, 'key' | 'environment'>[], key: string): readonly { readonly environment?: string; readonly set: boolean }[] {
	if (!model.environmentsDeclared) {
		return [{ set: stored.some((a) => a.key === key) }];
	}
	return environmentsOf(model).map((environment) => ({ environment, set: secretSetFor(stored, key, environment) }));
}
