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

/**
 * True when a service reference names PROJECT visibility and a project other than `project`: a PROJECT endpoint is
 * reachable only from components of its own project. A reference without a project segment means the referring
 * component's own project, and one without a visibility is not PROJECT-only; neither is reported.
 */
export function isOtherProjectOnly(ref: { readonly project?: string; readonly visibility?: string }, project: string): boolean {
	return ref.visibility === 'PROJECT' && ref.project !== undefined && ref.project !== project;
}

/** The endpoint access mode a service target implies (its last segment, lower-cased). */
export function accessOfTarget(target: ParsedTarget): AccessMode | undefined {
	return target.kind === 'service' ? (target.visibility.toLowerCase() as AccessMode) : undefined;
}

// ---- resourceRef as the platform's source-config validator reads it (component.yaml) ----------------

/** A resourceRef of component.yaml `dependencies.connectionReferences[]`, by the platform's grammar. */
export type PlatformResourceRef =
	| { readonly kind: 'service'; readonly project?: string; readonly component: string; readonly version: string; readonly endpoint?: string; readonly visibility?: 'PUBLIC' | 'PROJECT' | 'ORGANIZATION' }
	| { readonly kind: 'third-party'; readonly service: string; readonly version: string }
	| { readonly kind: 'database'; readonly server?: string; readonly database: string }
	| { readonly kind: 'storage'; readonly name: string };

export type PlatformRefResult = { readonly ok: true; readonly ref: PlatformResourceRef } | { readonly ok: false; readonly kind: PlatformResourceRef['kind']; readonly expected: string };

/** The platform's grammar per kind, as its validator's messages state it. */
export const PLATFORM_REF_GRAMMAR: Readonly<Record<PlatformResourceRef['kind'], string>> = {
	'service': '[service:][/<project>/]<component>/<version>[/<endpoint>][/<PUBLIC|PROJECT|ORGANIZATION>]',
	'third-party': 'thirdparty:<service>/<vN[.N…]>',
	'database': 'database:[<server>/]<database>',
	'storage': 'storage:<name>',
};

/** The longest resourceRef read; real ones are under 200 characters. */
export const MAX_RESOURCE_REF_LENGTH = 1024;
const PLATFORM_SEGMENT = /^[A-Za-z0-9_-]+$/;
const PLATFORM_NAME = /^[A-Za-z0-9\s_.-]+$/;
const PLATFORM_VERSION = /^[vV]?\d+(?:\.\d+)*$/;
const PLATFORM_TAGGED_VERSION = /^[vV]\d+(?:\.\d+)*$/;
const PLATFORM_VISIBILITIES = new Set(['PUBLIC', 'PROJECT', 'ORGANIZATION']);

/**
 * Parses a component.yaml resourceRef exactly as the platform's source-config validator accepts it:
 * optional `service:` prefix, project, endpoint and visibility; `v1`, `V1`, `1.1.0`; spaces and dots in
 * third-party and storage names; no dots in database names. Linear in the text; never throws.
 */
export function parsePlatformResourceRef(ref: string): PlatformRefResult {
	const fail = (kind: PlatformResourceRef['kind']): PlatformRefResult => ({ ok: false, kind, expected: PLATFORM_REF_GRAMMAR[kind] });
	if (ref.startsWith('thirdparty:')) {
		const rest = ref.slice('thirdparty:'.length);
		const cut = rest.lastIndexOf('/');
		const service = rest.slice(0, cut);
		const version = rest.slice(cut + 1);
		return ref.length <= MAX_RESOURCE_REF_LENGTH && cut > 0 && PLATFORM_NAME.test(service) && PLATFORM_TAGGED_VERSION.test(version)
			? { ok: true, ref: { kind: 'third-party', service, version } } : fail('third-party');
	}
	if (ref.startsWith('database:')) {
		const parts = ref.slice('database:'.length).split('/');
		return ref.length <= MAX_RESOURCE_REF_LENGTH && parts.length <= 2 && parts.every((p) => PLATFORM_SEGMENT.test(p))
			? { ok: true, ref: parts.length === 2 ? { kind: 'database', server: parts[0], database: parts[1] } : { kind: 'database', database: parts[0] } }
			: fail('database');
	}
	if (ref.startsWith('storage:')) {
		const name = ref.slice('storage:'.length);
		return ref.length <= MAX_RESOURCE_REF_LENGTH && PLATFORM_NAME.test(name) ? { ok: true, ref: { kind: 'storage', name } } : fail('storage');
	}
	if (ref.length > MAX_RESOURCE_REF_LENGTH) {
		return fail('service');
	}
	const body = ref.startsWith('service:') ? ref.slice('service:'.length) : ref;
	const parts = body.split('/');
	let project: string | undefined;
	if (parts[0] === '') {
		// "/<project>/<component>/…": the leading slash introduces the project.
		parts.shift();
		project = parts.shift();
		if (project === undefined || !PLATFORM_SEGMENT.test(project)) {
			return fail('service');
		}
	}
	const [component, version, ...tail] = parts;
	if (component === undefined || version === undefined || !PLATFORM_SEGMENT.test(component) || !PLATFORM_VERSION.test(version) || tail.length > 2) {
		return fail('service');
	}
	let endpoint: string | undefined;
	let visibility: string | undefined;
	if (tail.length === 2) {
		[endpoint, visibility] = tail;
	} else if (tail.length === 1) {
		if (PLATFORM_VISIBILITIES.has(tail[0])) {
			visibility = tail[0];
		} else {
			endpoint = tail[0];
		}
	}
	if ((endpoint !== undefined && !PLATFORM_SEGMENT.test(endpoint)) || (visibility !== undefined && !PLATFORM_VISIBILITIES.has(visibility))) {
		return fail('service');
	}
	return {
		ok: true,
		ref: {
			kind: 'service', component, version,
			...(project !== undefined ? { project } : {}),
			...(endpoint !== undefined ? { endpoint } : {}),
			...(visibility !== undefined ? { visibility: visibility as 'PUBLIC' } : {}),
		},
	};
}

/** The legacy `serviceReferences[].name` grammars (schema 1.0, component-config.yaml). */
const LEGACY_CHOREO = /^choreo:\/\/\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/(v\d+(?:\.\d+)?)\/(PUBLIC|PROJECT|ORGANIZATION)$/;

export type LegacyServiceName =
	| { readonly kind: 'service'; readonly org: string; readonly project: string; readonly component: string; readonly endpoint: string; readonly version: string; readonly visibility: 'PUBLIC' | 'PROJECT' | 'ORGANIZATION' }
	| Extract<PlatformResourceRef, { kind: 'third-party' | 'database' }>;

/** Parses a legacy service reference name (`choreo:///<org>/<project>/<component>/<endpoint>/<vN>/<VISIBILITY>`, `thirdparty:`, `database:`). */
export function parseLegacyServiceName(name: string): LegacyServiceName | undefined {
	if (name.length > MAX_RESOURCE_REF_LENGTH) {
		return undefined;
	}
	const m = LEGACY_CHOREO.exec(name);
	if (m) {
		return { kind: 'service', org: m[1], project: m[2], component: m[3], endpoint: m[4], version: m[5], visibility: m[6] as 'PUBLIC' };
	}
	if (name.startsWith('thirdparty:') || name.startsWith('database:')) {
		const r = parsePlatformResourceRef(name);
		return r.ok && (r.ref.kind === 'third-party' || r.ref.kind === 'database') ? r.ref : undefined;
	}
	return undefined;
}

/**
 * The service target a legacy `choreo:///<org>/<project>/<component>/<endpoint>/<version>/<visibility>` name means,
 * in the service grammar's order: `service:/<project>/<component>/<version>/<endpoint>/<visibility>`.
 */
export function legacyServiceTarget(legacy: Extract<LegacyServiceName, { kind: 'service' }>): string {
	return `service:/${legacy.project}/${legacy.component}/${legacy.version}/${legacy.endpoint}/${legacy.visibility}`;
}
