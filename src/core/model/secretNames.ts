// The one rule for "this looks secret": by the platform's fixed secret keys, by a third-party
// key's name, or by a value that looks like a credential. The plain-secret finding, the add
// form, new connections from quick fixes and the ID hover all ask here.
import type { ConnectionKind } from './model';

/** Keys whose values are secret by the platform's definition. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['ConsumerSecret', 'ChoreoAPIKey', 'Password']);

/** Key names that suggest a secret in a third-party connection. */
export const SECRET_NAME = /secret|passw(?:or)?d|passwd|token|api[-_]?key|private[-_]?key|credential/i;

/** Values that look like credentials wherever they appear. */
export const SECRET_VALUE = /^(?:Bearer|Basic)\s+\S{8,}|^[a-z][a-z0-9+.-]{1,20}:\/\/[^/\s:@]{1,256}:[^/\s@]{1,256}@/i;

/** Whether a parameter key of a connection of `kind` names a secret: a fixed secret key, or a secret-sounding third-party key. */
export function looksSecretName(kind: ConnectionKind | undefined, key: string): boolean {
	return SECRET_KEYS.has(key) || (kind === 'third-party' && SECRET_NAME.test(key));
}
