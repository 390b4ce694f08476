// Grammar of a connection's target (the platform's resourceRef), by kind.
import type { AccessMode, ConnectionKind } from './model';

export type ParsedTarget =
	| { readonly kind: 'service'; readonly project: string; readonly component: string; readonly version: string; readonly endpoint: string; readonly visibility: 'PUBLIC' | 'PROJECT' | 'ORGANIZATION' }
	| { readonly kind: 'third-party'; readonly service: string; readonly version: string }
	| { readonly kind: 'database'; readonly server?: string; readonly database: string };

export type TargetResult = { readonly ok: true; readonly target: ParsedTarget } | { readonly ok: false; readonly reason: string };

export const TARGET_GRAMMAR: Readonly<Record<ConnectionKind, string>> = {
	'service': 'service:/<project>/<component>/<major-version>/<endpoint>/<PUBLIC|PROJECT|ORGANIZATION>',
	'third-party': 'thirdparty:<service>/<vN[.N…]>',
	'database': 'database:[<server>/]<database>',
};

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const MAJOR_VERSION = /^v\d{1,4}$/;
const SEMVER_LIKE = /^v\d{1,4}(?:\.\d{1,4}){0,2}$/;
const VISIBILITIES = new Set(['PUBLIC', 'PROJECT', 'ORGANIZATION']);
const PREFIX: Readonly<Record<ConnectionKind, string>> = { 'service': 'service:/', 'third-party': 'thirdparty:', 'database': 'database:' };

/** Parses a target for a connection kind; on failure says why in words. */
export function parseTarget(kind: ConnectionKind, target: string): TargetResult {
	const prefix = PREFIX[kind];
	if (!target.startsWith(prefix)) {
		const other = (Object.keys(PREFIX) as ConnectionKind[]).find((k) => target.startsWith(PREFIX[k]));
		return { ok: false, reason: other ? `it is a ${other} reference, but the connection's kind is ${kind}` : `it must start with "${prefix}"` };
	}
	const parts = target.slice(prefix.length).split('/');
	const bad = (what: string) => ({ ok: false as const, reason: what });
	switch (kind) {
		case 'service': {
			if (parts.length !== 5) {
				return bad(`it has ${parts.length} path segments after "service:/", not 5`);
			}
			const [project, component, version, endpoint, visibility] = parts;
			for (const [name, v] of [['project', project], ['component', component], ['endpoint', endpoint]] as const) {
				if (!SEGMENT.test(v)) {
					return bad(`the ${name} segment "${v}" is empty or has characters other than letters, digits, '.', '_' and '-'`);
				}
			}
			if (!MAJOR_VERSION.test(version)) {
				return bad(`the version segment "${version}" is not a major version like "v1"`);
			}
			if (!VISIBILITIES.has(visibility)) {
				return bad(`the last segment "${visibility}" is not PUBLIC, PROJECT or ORGANIZATION`);
			}
			return { ok: true, target: { kind, project, component, version, endpoint, visibility: visibility as 'PUBLIC' } };
		}
		case 'third-party': {
			if (parts.length !== 2 || !SEGMENT.test(parts[0])) {
				return bad('it must name a service and a version');
			}
			if (!SEMVER_LIKE.test(parts[1])) {
				return bad(`the version "${parts[1]}" is not like "v1" or "v2.1"`);
			}
			return { ok: true, target: { kind, service: parts[0], version: parts[1] } };
		}
		case 'database': {
			if (parts.length > 2 || parts.some((p) => !SEGMENT.test(p))) {
				return bad('it must be a database name, optionally after a server name and "/"');
			}
			return { ok: true, target: parts.length === 2 ? { kind, server: parts[0], database: parts[1] } : { kind, database: parts[0] } };
		}
	}
}

/** The endpoint access mode a service target implies (its last segment, lower-cased). */
export function accessOfTarget(target: ParsedTarget): AccessMode | undefined {
	return target.kind === 'service' ? (target.visibility.toLowerCase() as AccessMode) : undefined;
}
