// The outline (document symbols) of connections.json: organization, project and components with
// their connections. Imports the model only.
import type { Connection, ConnectionsModel, ScopeBlock, Span } from '../model/model';
import { kindOf } from '../model/scope';

export type OutlineKind = 'organization' | 'project' | 'component' | 'service' | 'third-party' | 'database' | 'connection';

export interface OutlineNode {
	readonly name: string;
	readonly detail: string;
	readonly kind: OutlineKind;
	/** The whole object. */
	readonly span: Span;
	/** The ID literal (inside `span`). */
	readonly selectionSpan: Span;
	readonly children: readonly OutlineNode[];
}

function connectionNode(c: Connection): OutlineNode {
	const kind = kindOf(c);
	return {
		name: c.hasId ? c.id : '(no id)',
		detail: [kind ?? c.kind?.value, c.name?.value].filter((s) => s !== undefined).join(' · '),
		kind: kind ?? 'connection',
		span: c.span,
		selectionSpan: c.hasId ? c.idSpan : { offset: c.span.offset, length: 0 },
		children: [],
	};
}

/** The organization's or the project's node. */
function scopeNode(kind: 'organization' | 'project', block: ScopeBlock, children: OutlineNode[]): OutlineNode {
	return {
		name: block.id?.value ?? kind,
		detail: kind,
		kind,
		span: block.span,
		selectionSpan: block.id?.span ?? { offset: block.span.offset, length: 0 },
		children,
	};
}

/** The outline of connections.json: Organization → connections; Project → connections and Components → their connections. */
export function outline(model: ConnectionsModel): OutlineNode[] {
	const out: OutlineNode[] = [];
	const org = model.organization;
	if (org) {
		out.push(scopeNode('organization', org, org.connections.map(connectionNode)));
	}
	const project = model.project;
	if (project) {
		out.push(scopeNode('project', project, [
			...project.connections.map(connectionNode),
			...project.components.map((comp): OutlineNode => ({
				name: comp.hasId ? comp.id : '(no id)',
				detail: ['component', comp.type?.value].filter((s) => s !== undefined).join(' · '),
				kind: 'component',
				span: comp.span,
				selectionSpan: comp.hasId ? comp.idSpan : { offset: comp.span.offset, length: 0 },
				children: comp.connections.map(connectionNode),
			})),
		]));
	}
	return out;
}
