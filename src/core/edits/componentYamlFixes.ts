// Fixes in a component's .choreo/component.yaml: a reference to an unknown connection, a
// resourceRef that disagrees with connections.json, a connection reference that is missing,
// a key that its connection does not have.
import { parseComponentYaml, renameInYamlEdits } from '../platform/componentYaml';
import { addConnectionReferenceEdit } from '../platform/componentYamlEdits';
import { applyTextEdits } from '../text/textEdit';
import type { ProblemCode } from '../findings/problems';
import { didYouMeanFixes, fix, nearest, replaceYamlScalar, yamlEdit, type Fix, type FixEntries } from './fixKit';

/** Renames the key of the `env` entry nearest to `offset` that reads `from`. */
export function yamlKeyFixes(code: ProblemCode, file: string, offset: number, from: string, candidates: readonly string[]): Fix[] {
	return didYouMeanFixes(code, 'renameKey', candidates, (to) => yamlEdit(file, (text) => {
		const refs = parseComponentYaml(text).envConnectionRefs.filter((r) => r.key === from && r.keySpan).map((r) => r.keySpan!);
		const at = nearest(refs, offset);
		const edit = at && replaceYamlScalar(text, at, to);
		return edit ? [edit] : undefined;
	}));
}

export const COMPONENT_YAML_FIXES: FixEntries<'component-yaml-unknown-connection' | 'component-yaml-target-mismatch' | 'component-yaml-missing-reference'> = {
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
	'component-yaml-missing-reference': ({ code, connectionId: id, target }, { file }) => {
		if (!target) {
			return [];
		}
		return [fix(code, 'addYamlReference', { id }, [yamlEdit(file, (text) => {
			const edit = addConnectionReferenceEdit(text, id, target);
			return edit ? [edit] : undefined;
		})], { isPreferred: true })];
	},
};
