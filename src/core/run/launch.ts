// Which component a debug launch configuration runs, and its environment merged into the configuration's:
// named by the `connections` attribute, or (when the user allows it) the one component whose folder holds
// the configuration's `cwd` or `program`. The configuration's own `env` wins. Plain data in and out.
import type { Component } from '../model/model';

/** The `connections` attribute of a launch configuration. */
export interface LaunchConnections {
	readonly component: string;
	readonly environment?: string;
}

/** The attribute when it is well formed, an error text when it is there but malformed, undefined when absent. */
export function launchConnections(config: Readonly<Record<string, unknown>>): LaunchConnections | string | undefined {
	const v = config.connections;
	if (v === undefined) {
		return undefined;
	}
	if (typeof v !== 'object' || v === null || typeof (v as { component?: unknown }).component !== 'string'
		|| ((v as { environment?: unknown }).environment !== undefined && typeof (v as { environment?: unknown }).environment !== 'string')) {
		return '"connections" must be { "component": "<component ID>", "environment": "<environment>" } (environment optional)';
	}
	const { component, environment } = v as { component: string; environment?: string };
	return environment === undefined ? { component } : { component, environment };
}

/** The repository-relative `/` path of an absolute path under `root`, or undefined. */
function relativeTo(root: string, p: string): string | undefined {
	const norm = (s: string) => s.replace(/\\/g, '/').replace(/\/+$/, '');
	const r = norm(root);
	const f = norm(p);
	return f === r ? '' : f.startsWith(r + '/') ? f.slice(r.length + 1) : undefined;
}

/**
 * The one component whose folder holds the configuration's `cwd` (else `program`), the deepest folder winning;
 * undefined when none or the path is outside `root`.
 */
export function componentOfLaunchPath(root: string, components: readonly Component[], config: Readonly<Record<string, unknown>>): Component | undefined {
	const p = typeof config.cwd === 'string' ? config.cwd : typeof config.program === 'string' ? config.program : undefined;
	const rel = p === undefined ? undefined : relativeTo(root, p);
	if (rel === undefined) {
		return undefined;
	}
	let best: Component | undefined;
	for (const c of components) {
		const folder = c.sourcePath?.value;
		if (c.hasId && folder !== undefined && (folder === '' || rel === folder || rel.startsWith(folder + '/')) && (!best || folder.length > best.sourcePath!.value.length)) {
			best = c;
		}
	}
	return best;
}

/** The configuration's `env` over the component's variables (its own values win); a malformed `env` is kept as is. */
export function mergedEnv(variables: Readonly<Record<string, string>>, env: unknown): Record<string, string | null> {
	const own = env && typeof env === 'object' ? (env as Record<string, string | null>) : {};
	return { ...variables, ...own };
}
