// Schema findings: the build-time compiled ajv validator over the safe plain value, each
// error turned into one finding with the range of the node it is about.
import { findNodeAtLocation, findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import validate, { type AjvError } from './generated/schemaValidator';
import { didYouMean, suggestionText } from '../text/didYouMean';
import { problem, type IntentArg, type Problem, type ProblemCode } from '../findings/problems';

function decodePointer(pointer: string): (string | number)[] {
	if (!pointer) {
		return [];
	}
	return pointer.slice(1).split('/').map((s) => {
		const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
		return /^\d+$/.test(seg) ? Number(seg) : seg;
	});
}

/** `project.components[0].uses[1]`-style text for a JSON path; `the file` for the root. */
export function pathText(path: readonly (string | number)[]): string {
	if (!path.length) {
		return 'The file';
	}
	let out = '';
	for (const seg of path) {
		out += typeof seg === 'number' ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? (out ? '.' : '') + seg : `[${JSON.stringify(seg)}]`;
	}
	return out;
}

const ARTICLE: Record<string, string> = {
	string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null',
};

function keyNodeOf(root: Node, path: (string | number)[]): Node | undefined {
	const n = findNodeAtLocation(root, path);
	return n?.parent?.type === 'property' ? n.parent.children?.[0] : undefined;
}

function hintOf(e: AjvError): string {
	const hint = e.parentSchema?.['x-hint'];
	return typeof hint === 'string' ? hint : (e.message ?? 'invalid value');
}

/** Did-you-mean for a value (enum) or a property name (unknown property): the string literal at `offset`. */
function didYouMeanIntent(root: Node, code: ProblemCode, offset: number, candidates: readonly string[]): IntentArg<'schema-enum' | 'schema-unknown-property'> | undefined {
	const node = candidates.length ? findNodeAtOffset(root, offset, false) : undefined;
	if (!node || node.type !== 'string' || typeof node.value !== 'string') {
		return undefined;
	}
	if (code === 'schema-enum') {
		return { path: getNodePath(node), value: node.value, candidates };
	}
	const property = node.parent;
	if (code !== 'schema-unknown-property' || property?.type !== 'property' || property.children?.[0] !== node || !property.parent) {
		return undefined;
	}
	return { objectPath: getNodePath(property.parent), property: node.value, candidates };
}

/** Runs the schema over a parsed document's plain value; every finding has the range of the offending node. */
export function validateSchema(root: Node, value: unknown): Problem[] {
	if (validate(value)) {
		return [];
	}
	const errors = validate.errors ?? [];
	// An anyOf error stands for its branches: drop the branch errors so each violation is reported once.
	const anyOf = errors.filter((e) => e.keyword === 'anyOf');
	const kept = errors.filter((e) => e.keyword === 'propertyNames' ? false : !anyOf.some((a) => a !== e && e.schemaPath.startsWith(a.schemaPath.replace(/\/anyOf$/, '/anyOf/')) && e.instancePath.startsWith(a.instancePath)));
	const out: Problem[] = [];
	const seen = new Set<string>();
	for (const e of kept) {
		const path = decodePointer(e.instancePath);
		const node = findNodeAtLocation(root, path) ?? root;
		let code: ProblemCode = 'schema-value';
		let range: Node = node;
		const args: Record<string, string | number> = { path: pathText(path) };
		const propertyName = (e as AjvError & { propertyName?: string }).propertyName;
		let candidates: string[] = [];
		switch (e.keyword) {
			case 'type': {
				code = 'schema-type';
				const types = Array.isArray(e.params.type) ? (e.params.type as string[]) : String(e.params.type).split(',');
				args.expected = types.map((t) => ARTICLE[t] ?? t).join(' or ');
				break;
			}
			case 'required':
				code = 'schema-required';
				args.property = String(e.params.missingProperty);
				range = keyNodeOf(root, path) ?? { ...node, length: Math.min(node.length, 1) };
				break;
			case 'additionalProperties': {
				code = 'schema-unknown-property';
				const name = String(e.params.additionalProperty);
				args.property = name;
				const props = e.parentSchema?.properties;
				candidates = props && typeof props === 'object' ? didYouMean(name, Object.keys(props)) : [];
				args.hint = suggestionText(candidates);
				range = keyNodeOf(root, [...path, name]) ?? node;
				break;
			}
			case 'enum': {
				code = 'schema-enum';
				const allowed = (e.params.allowedValues as unknown[]) ?? [];
				args.allowed = allowed.map((v) => JSON.stringify(v)).join(', ');
				candidates = typeof node.value === 'string' ? didYouMean(node.value, allowed.filter((v): v is string => typeof v === 'string')) : [];
				break;
			}
			case 'pattern':
				code = 'schema-pattern';
				args.hint = hintOf(e);
				break;
			case 'minLength': case 'maxLength': case 'minItems': case 'maxItems':
				code = 'schema-length';
				args.hint = hintOf(e);
				break;
			default:
				args.hint = hintOf(e);
		}
		if (propertyName !== undefined) {
			// Errors inside propertyNames are about a key: point at the key.
			range = keyNodeOf(root, [...path, propertyName]) ?? node;
			args.path = `The key "${propertyName}"`;
		}
		const key = `${code}:${range.offset}:${range.length}`;
		if (!seen.has(key)) {
			seen.add(key);
			out.push(problem(code, range.offset, range.length, args, didYouMeanIntent(root, code, range.offset, candidates)));
		}
	}
	return out;
}
