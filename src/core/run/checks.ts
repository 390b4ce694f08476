// "Test Connection": which checks a connection's values allow for one environment (reach a service's URL,
// fetch an OAuth2 client-credentials token, open a TCP connection to a database), the token request, and
// how a response is read. Plain data in, plain data out: the caller runs the requests, with a timeout.
// Secret values go only into the token request; nothing here puts one in a target, a result or a message.
import type { Connection } from '../model/model';
import { printable } from '../text/text';
import { kindOf } from '../model/scope';

export type Check =
	| { readonly kind: 'http'; readonly url: string }
	| { readonly kind: 'token'; readonly tokenUrl: string; readonly clientId: string; readonly clientSecret: string }
	| { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** Why a check could not be planned: a key with no value, a secret not set, or a value that is not usable. */
export interface CheckGap {
	readonly key: string;
	readonly reason: 'no-value' | 'secret-not-set' | 'not-http-url' | 'not-a-port';
}

export interface CheckPlan {
	readonly checks: readonly Check[];
	readonly gaps: readonly CheckGap[];
}

/** The only keys the checks read: a caller fetches no other value (a database's Password is never read). */
export const CHECK_KEYS: ReadonlySet<string> = new Set(['ServiceURL', 'TokenURL', 'ConsumerKey', 'ConsumerSecret', 'HostName', 'Port']);

/** A key's value for the environment: a string, or why there is none. */
export type KeyValue = { readonly value: string } | { readonly missing: 'no-value' | 'secret-not-set' };

/** A URL the checks may request: http or https with a host. Undefined for anything else (file:, data:, …). */
function httpUrl(text: string): URL | undefined {
	try {
		const url = new URL(text.trim());
		// Credentials in a URL are never sent (fetch refuses them, and they do not belong in the file: a finding says so).
		url.username = '';
		url.password = '';
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The checks a connection allows: a service (or third-party) with a ServiceURL is reached with a GET; one with a
 * TokenURL gets a client-credentials token with its ConsumerKey and ConsumerSecret; a database gets a TCP
 * connection to HostName:Port. `valueOf` gives each key's value for the environment (secrets included).
 */
export function planChecks(c: Connection, valueOf: (key: string) => KeyValue): CheckPlan {
	const checks: Check[] = [];
	const gaps: CheckGap[] = [];
	const has = (key: string) => c.parameters.some((p) => p.key === key);
	const need = (key: string): string | undefined => {
		const v = valueOf(key);
		if ('missing' in v) {
			gaps.push({ key, reason: v.missing });
			return undefined;
		}
		return v.value;
	};
	const kind = kindOf(c);
	if (kind === 'database') {
		const host = need('HostName');
		const port = need('Port');
		const n = port === undefined ? NaN : Number(port.trim());
		if (port !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 65535 && /^\s*\d+\s*$/.test(port))) {
			gaps.push({ key: 'Port', reason: 'not-a-port' });
		} else if (host !== undefined && port !== undefined) {
			checks.push({ kind: 'tcp', host: host.trim(), port: n });
		}
		return { checks, gaps };
	}
	if (kind === undefined) {
		return { checks, gaps };
	}
	const service = need('ServiceURL');
	if (service !== undefined) {
		const url = httpUrl(service);
		if (url) {
			checks.push({ kind: 'http', url: url.href });
		} else {
			gaps.push({ key: 'ServiceURL', reason: 'not-http-url' });
		}
	}
	const oauth = c.security?.scheme?.value;
	if (has('TokenURL') || (kind === 'service' && oauth === 'oauth2')) {
		const tokenUrl = need('TokenURL');
		const clientId = need('ConsumerKey');
		const clientSecret = need('ConsumerSecret');
		const url = tokenUrl === undefined ? undefined : httpUrl(tokenUrl);
		if (tokenUrl !== undefined && !url) {
			gaps.push({ key: 'TokenURL', reason: 'not-http-url' });
		}
		if (url && clientId !== undefined && clientSecret !== undefined) {
			checks.push({ kind: 'token', tokenUrl: url.href, clientId, clientSecret });
		}
	}
	return { checks, gaps };
}

/** Where a check goes, for display: scheme, host, port and path of a URL (no user info, query or fragment), or host:port. */
export function checkTarget(check: Check): string {
	if (check.kind === 'tcp') {
		return printable(check.host.includes(':') ? `[${check.host}]:${check.port}` : `${check.host}:${check.port}`);
	}
	return shownUrl(check.kind === 'http' ? check.url : check.tokenUrl);
}

/** A URL as it may be shown: without user info, query or fragment (where credentials hide), escaped for display. */
export function shownUrl(text: string): string {
	const url = httpUrl(text);
	return url ? printable(`${url.protocol}//${url.host}${url.pathname}`) : '';
}

/** The origin a check sends to (what a stored secret is bound to, docs/reliability.md S4). */
export function checkOrigin(check: Check): string {
	return check.kind === 'tcp' ? checkTarget(check) : new URL(check.kind === 'http' ? check.url : check.tokenUrl).origin;
}

function base64(text: string): string {
	let binary = '';
	for (const b of new TextEncoder().encode(text)) {
		binary += String.fromCharCode(b);
	}
	return btoa(binary);
}

/** The client-credentials token request of RFC 6749 section 4.4, the client authenticated with HTTP Basic (2.3.1). */
export function tokenRequest(check: Extract<Check, { kind: 'token' }>): { url: string; headers: Record<string, string>; body: string } {
	const form = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
	return {
		url: check.tokenUrl,
		headers: {
			authorization: `Basic ${base64(`${form(check.clientId)}:${form(check.clientSecret)}`)}`,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
		},
		body: 'grant_type=client_credentials',
	};
}

export type TokenReading = { readonly ok: true } | { readonly ok: false; readonly error?: string };

/**
 * What a token endpoint's answer says: a 2xx with an `access_token` string is a token (never kept or shown);
 * otherwise the OAuth `error` code when it is a short plain word (RFC 6749 5.2), escaped; nothing else of the body.
 */
export function readTokenResponse(status: number, body: string): TokenReading {
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	const field = (name: string): unknown => (json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined);
	if (status >= 200 && status < 300 && typeof field('access_token') === 'string' && field('access_token') !== '') {
		return { ok: true };
	}
	const error = field('error');
	return typeof error === 'string' && /^[\x20-\x21\x23-\x5B\x5D-\x7E]{1,64}$/.test(error) ? { ok: false, error } : { ok: false };
}
