// The Connections view's element: what the tree provider, the commands and the reference
// lens receive when the user acts on a tree item.
import type { TreeNode, TreeRole } from '../core/views/treeModel';

/**
 * The tree's view-model element: one core node (or a repository root, or the stale-state item)
 * of one repository. The same object stands for the same ID across rebuilds (its node, parent and
 * children are updated in place), which is what VS Code's tree expects of elements with IDs.
 */
export class TreeElement {
	children: TreeElement[] = [];

	constructor(
		readonly repoKey: string,
		/** Unique in the whole tree and stable across edits (repository + scope + component + connection ID). */
		readonly id: string,
		readonly type: 'repository' | 'stale' | 'node',
		public node: TreeNode | undefined,
		public parent: TreeElement | undefined,
	) {}

	/** What the element stands for: its node's role, or `repository` / `stale`. */
	get role(): TreeRole {
		return this.type === 'node' ? this.node!.role : this.type;
	}
}

export function isTreeElement(arg: unknown): arg is TreeElement {
	return arg instanceof TreeElement;
}
