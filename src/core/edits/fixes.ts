// Quick fixes: for one finding, the changes that resolve it, from the fix intent its rule
// emitted (findings/intents.ts). One entry per fixable code; the families live beside this file:
// connectionFixes.ts (one connection's fields), referenceFixes.ts (references to connections),
// componentYamlFixes.ts (component.yaml), with the shared building blocks in fixKit.ts.
import { checkedResult, refuse } from './edits';
import { parseConnectionsText } from '../json/parse';
import type { FixableCode, FixIntent, IntentOf } from '../findings/intents';
import type { Problem } from '../findings/problems';
import { CONNECTIONS_FILE, type ConnectionsProject } from '../analysis/project';
import { minimalEdit } from '../text/textEdit';
import { COMPONENT_YAML_FIXES } from './componentYamlFixes';
import { CONNECTION_FIXES } from './connectionFixes';
import { REFERENCE_FIXES } from './referenceFixes';
import type { FileEdits, Fix, FixEntries, FixEntry, FixSite } from './fixKit';

export { sameSecretValues, type FileEdits, type Fix, type SecretMove, type SecretValue } from './fixKit';
export { guessKind, splitVariable } from './referenceFixes';

/** The fixes of every fixable code, by code. */
export const FIXES: FixEntries<FixableCode> = { ...CONNECTION_FIXES, ...REFERENCE_FIXES, ...COMPONENT_YAML_FIXES };

function fixesOf<C extends FixableCode>(intent: IntentOf<C>, site: FixSite): Fix[] {
	return (FIXES[intent.code] as FixEntry<C>)(intent, site);
}

/**
 * The quick fixes of one finding of `file` (repository-relative), best first. None while
 * connections.json may not be edited (docs/reliability.md E3). Nothing is computed until a fix is applied.
 */
export function fixesFor(project: ConnectionsProject, file: string, problem: Problem): Fix[] {
	const intent: FixIntent | undefined = problem.intent;
	if (project.parsed.editRefusal || !intent) {
		return [];
	}
	return fixesOf(intent, { project, file, problem });
}

/** Why Fix All leaves a finding of connections.json as it is. */
export type FixAllLeft = 'no-fix' | 'no-preferred-fix' | 'secret' | 'other-file';

export interface FixAllPlan {
	/** How many findings of connections.json have a preferred fix. */
	readonly count: number;
	/** One edit of connections.json that applies them one after another (those that still apply). */
	readonly edits: FileEdits;
	/** The fixes the last `edits.compute` applied (a fix whose target is gone by then is not among them). */
	readonly applied: readonly Fix[];
	/** The findings it leaves, each with why (no fix at all, several with none preferred, a secret to store, another file). */
	readonly left: readonly { readonly problem: Problem; readonly why: FixAllLeft }[];
}

/**
 * Every preferred fix of connections.json that changes only connections.json (not the ones that
 * store secrets), applied one after another to the evolving text and returned as one edit.
 */
export function fixAllPlan(project: ConnectionsProject): FixAllPlan {
	const fixes: Fix[] = [];
	const left: { problem: Problem; why: FixAllLeft }[] = [];
	const applied: Fix[] = [];
	for (const p of project.analyze().get(CONNECTIONS_FILE) ?? []) {
		const all = fixesFor(project, CONNECTIONS_FILE, p);
		const preferred = all.find((x) => x.isPreferred);
		if (preferred && !preferred.secret && preferred.edits.every((e) => e.file === CONNECTIONS_FILE)) {
			fixes.push(preferred);
		} else {
			left.push({ problem: p, why: !all.length ? 'no-fix' : !preferred ? 'no-preferred-fix' : preferred.secret ? 'secret' : 'other-file' });
		}
	}
	return {
		count: fixes.length,
		applied,
		left,
		edits: {
			file: CONNECTIONS_FILE,
			compute: (text, fmt) => {
				const refusal = parseConnectionsText(text).editRefusal;
				if (refusal) {
					return refuse(refusal);
				}
				let current = text;
				applied.length = 0;
				for (const x of fixes) {
					let changed = false;
					for (const e of x.edits) {
						const r = e.compute(current, fmt);
						const next = r.ok && r.edits.length ? checkedResult(current, r.edits) : undefined;
						if (next !== undefined) {
							current = next;
							changed = true;
						}
					}
					if (changed) {
						applied.push(x);
					}
				}
				return current === text ? refuse('not-found') : { ok: true, edits: [minimalEdit(text, current)] };
			},
		},
	};
}
