// The connection-name rule, in one place. The schema's `definitions.connectionId`, `componentId` and
// `oauthAppName` patterns are this pattern character for character (test/unit/connectionId.test.ts), and
// the add form, rename, quick fixes and OAuth application names all ask this module.

/**
 * 3–50 characters, first and last a letter or digit, inside letters, digits, space, `_`, `-`, `.`,
 * never two of those delimiters in a row. Only tested after the length check, so its look-ahead
 * never runs on long input.
 */
export const CONNECTION_ID_PATTERN = '^(?!.*[ ._-]{2})[A-Za-z0-9][A-Za-z0-9 ._-]+[A-Za-z0-9]$';
export const CONNECTION_ID_MIN = 3;
export const CONNECTION_ID_MAX = 50;
const ID_RE = new RegExp(CONNECTION_ID_PATTERN);

/** Why a text breaks the name rule, as a reason code, or undefined when it follows it. */
export type IdRuleViolation = 'too-short' | 'too-long' | 'edge' | 'character' | 'double-delimiter';

/** Which part of the name rule `id` breaks first, or undefined. */
export function idRuleViolation(id: string): IdRuleViolation | undefined {
	if (id.length < CONNECTION_ID_MIN) {
		return 'too-short';
	}
	if (id.length > CONNECTION_ID_MAX) {
		return 'too-long';
	}
	if (!/^[A-Za-z0-9]/.test(id) || !/[A-Za-z0-9]$/.test(id)) {
		return 'edge';
	}
	if (/[^A-Za-z0-9 _.-]/.test(id)) {
		return 'character';
	}
	return ID_RE.test(id) ? undefined : 'double-delimiter';
}

/** Whether `name` follows the connection-name rule (connection IDs, component IDs, OAuth application names). */
export function isValidConnectionId(name: string): boolean {
	return name.length >= CONNECTION_ID_MIN && name.length <= CONNECTION_ID_MAX && ID_RE.test(name);
}
