// Fixes in a component's .choreo/component.yaml: a reference to an unknown connection, a
// resourceRef that disagrees with connections.json, a connection reference that is missing,
// a key that its connection does not have.
import { parseComponentYaml, renameInYamlEdits } from '../platform/componentYaml';
import { addConnectionReferenceEdit, addEnvConnectionRefEdit, newComponentYamlText, removeConnectionEverywhereEdit, removeConnectionReferenceEdit, removeEnvEntryEdit, schemaVersionBump } from '../platform/componentYamlEdits';
import { applyTextEdits, type TextEdit } from '../text/textEdit';
import type { ProblemCode } from '../findings/problems';
import type { ConnectionsProject } from '../analysis/project';
import { combine } from './connectionEdits';
import { refuse, removeValue, setValue } from './edits';
import { addUseEdit, didYouMeanFixes, findComponent, fix, isResult, json, nearest, newFile, removeUseEdit, replaceYamlScalar, yamlEdit, type FileEdits, type Fix, type FixEntries } from './fixKit';

/**
 * `edit` with the schemaVersion set to 1.2 when the file is 1.0 (which defines neither
 * `connectionReferences` nor `configurations`): only when the fix said so in its title (`bump`),
 * so a file whose version changed since is refused instead of bumped silently.
 */
function withVersion(text: string, bump: boolean, edit: TextEdit | undefined): TextEdit[] | undefined {
	const version = schemaVersionBump(text);
	if (!edit || version.needsBump !== bump) {
		return undefined;
	}
	if (!bump) {
		return [edit];
	}
	if (!version.edit) {
		return undefined;
	}
	const edits = [version.edit, edit].sort((a, b) => a.offset - b.offset);
	return edits[0].offset + edits[0].length <= edits[1].offset ? edits : undefined;
}

/**
 * What deleting connection `id` changes in the component.yaml files that name it: one edit per file, each
 * computed from the file's text when applied (a file with YAML errors, or no longer naming it, is left as it is).
 */
export function deleteFromComponentYamls(project: ConnectionsProject, id: string): FileEdits[] {
	const files = [...new Set(project.referencesTo(id).filter((r) => r.kind === 'component-yaml').map((r) => r.file))];
	return files.map((file) => ({
		file,
		compute: (text: string) => {
			const edit = removeConnectionEverywhereEdit(text, id);
			return { ok: true, edits: edit ? [edit] : [] };
		},
	}));
}

/** Adds `"<variable>": { "connection": …, "key": … }` to a component's `env` in connections.json. */
function addEnvRenameEdit(componentId: string, variable: string, connectionId: string, key: string): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		return comp.env.some((e) => e.variable === variable) ? refuse('not-found') : setValue(parsed, [...comp.path, 'env', variable], { connection: connectionId, key }, fmt);
	});
}

/** Removes a component's `env` entry (and `env` with it when it was the only one). */
function removeEnvRenameEdit(componentId: string, variable: string): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		if (!comp.env.some((e) => e.variable === variable)) {
			return refuse('not-found');
		}
		return removeValue(parsed, comp.env.length === 1 ? [...comp.path, 'env'] : [...comp.path, 'env', variable], fmt);
	});
}

/** Sets a component's `env` entry to read `key` of `connectionId`, changing only the values that differ. */
function setEnvRenameEdit(componentId: string, variable: string, connectionId: string, key: string): FileEdits {
	return json((parsed, fmt) => {
		const comp = findComponent(parsed, componentId);
		if (isResult(comp)) {
			return comp;
		}
		const e = comp.env.find((r) => r.variable === variable);
		if (!e) {
			return refuse('not-found');
		}
		const at = [...comp.path, 'env', variable];
		return combine([
			...(e.connection?.value !== connectionId ? [setValue(parsed, [...at, 'connection'], connectionId, fmt)] : []),
			...(e.key?.value !== key ? [setValue(parsed, [...at, 'key'], key, fmt)] : []),
		]);
	});
}

/** Renames the key of the `env` entry nearest to `offset` that reads `from`. */
export function yamlKeyFixes(code: ProblemCode, file: string, offset: number, from: string, candidates: readonly string[]): Fix[] {
	return didYouMeanFixes(code, 'renameKey', candidates, (to) => yamlEdit(file, (text) => {
		const refs = parseComponentYaml(text).envConnectionRefs.filter((r) => r.key === from && r.keySpan).map((r) => r.keySpan!);
		const at = nearest(refs, offset);
		const edit = at && replaceYamlScalar(text, at, to);
		return edit ? [edit] : undefined;
	}));
}

export const COMPONENT_YAML_FIXES: FixEntries<'component-yaml-unknown-connection' | 'component-yaml-target-mismatch' | 'component-yaml-missing-reference'
	| 'component-yaml-missing-file' | 'component-yaml-unlisted-reference' | 'component-yaml-missing-rename' | 'component-yaml-unlisted-rename' | 'component-yaml-rename-mismatch'> = {
	'component-yaml-unknown-connection': ({ code, name, candidates }, { file }) =>
		didYouMeanFixes(code, 'changeTo', candidates, (to) => yamlEdit(file, (text) => renameInYamlEdits(text, name, to))),
	'component-yaml-target-mismatch': ({ code, name, target }, { file, problem }) => [fix(code, 'setResourceRef', { target }, [yamlEdit(file, (text) => {
		const refs = parseComponentYaml(text).connectionReferences.filter((r) => r.name === name && r.resourceRefSpan && r.resourceRef !== target).map((r) => r.resourceRefSpan!);
		const at = nearest(refs, problem.offset);
		const edit = at && replaceYamlScalar(text, at, target);
		if (!edit) {
			return undefined;
		}
		const after = parseComponentYaml(applyTextEdits(text, [edit]));
		return !after.errors.length && after.connectionReferences.some((r) => r.name === name && r.resourceRef === target) ? [edit] : undefined;
	})], { isPreferred: true })],
	'component-yaml-missing-reference': ({ code, connectionId: id, componentId, target, inUses, bump }, { file }) => {
		const fixes: Fix[] = [];
		if (target) {
			fixes.push(fix(code, bump ? 'addYamlReferenceBump' : 'addYamlReference', { id }, [yamlEdit(file, (text) => withVersion(text, bump, addConnectionReferenceEdit(text, id, target)))], { isPreferred: true }));
		}
		if (inUses) {
			fixes.push(fix(code, 'removeUse', { id, component: componentId }, [removeUseEdit(componentId, id, undefined)]));
		}
		return fixes;
	},
	'component-yaml-missing-file': ({ code, componentId, file, canCreate }, { project }) => canCreate
		? [fix(code, 'createComponentYaml', { file }, [newFile(file, () => {
			const spec = project.newComponentYaml(componentId);
			return spec && newComponentYamlText(spec);
		})], { isPreferred: true })]
		: [],
	'component-yaml-unlisted-reference': ({ code, connectionId: id, componentId }, { file }) => [
		fix(code, 'addUse', { id, component: componentId }, [addUseEdit(componentId, id)], { isPreferred: true }),
		fix(code, 'removeYamlReference', { id }, [yamlEdit(file, (text) => {
			const edit = removeConnectionReferenceEdit(text, id);
			return edit ? [edit] : undefined;
		})]),
	],
	'component-yaml-missing-rename': ({ code, componentId, variable, connectionId, key, bump }, { file }) => [
		fix(code, bump ? 'addYamlRenameBump' : 'addYamlRename', { variable }, [yamlEdit(file, (text) => withVersion(text, bump, addEnvConnectionRefEdit(text, variable, connectionId, key)))], { isPreferred: true }),
		fix(code, 'removeEnvRename', { variable, component: componentId }, [removeEnvRenameEdit(componentId, variable)]),
	],
	'component-yaml-unlisted-rename': ({ code, componentId, variable, connectionId, key }, { file }) => [
		fix(code, 'addEnvRename', { variable, component: componentId }, [addEnvRenameEdit(componentId, variable, connectionId, key)], { isPreferred: true }),
		fix(code, 'removeYamlRename', { variable }, [yamlEdit(file, (text) => {
			const edit = removeEnvEntryEdit(text, variable);
			return edit ? [edit] : undefined;
		})]),
	],
	'component-yaml-rename-mismatch': ({ code, componentId, variable, connectionId, key, yamlConnectionId, yamlKey }, { file }) => {
		const fixes: Fix[] = [fix(code, 'setYamlRename', { variable, key, id: connectionId }, [yamlEdit(file, (text) => {
			const entry = parseComponentYaml(text).envConnectionRefs.find((r) => r.envName === variable);
			if (!entry) {
				return undefined;
			}
			const edits: TextEdit[] = [];
			if (entry.connection !== connectionId) {
				const e = replaceYamlScalar(text, entry.connectionSpan, connectionId);
				if (!e) {
					return undefined;
				}
				edits.push(e);
			}
			if (entry.key !== undefined && entry.key !== key) {
				const e = entry.keySpan && replaceYamlScalar(text, entry.keySpan, key);
				if (!e) {
					return undefined;
				}
				edits.push(e);
			}
			return edits.sort((a, b) => a.offset - b.offset);
		})], { isPreferred: true })];
		if (yamlKey !== undefined) {
			fixes.push(fix(code, 'setEnvRename', { variable, key: yamlKey, id: yamlConnectionId }, [setEnvRenameEdit(componentId, variable, yamlConnectionId, yamlKey)]));
		}
		return fixes;
	},
};
