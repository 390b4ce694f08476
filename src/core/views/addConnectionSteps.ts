// The Add Connection flow as data: which steps to ask given what the caller answered in
// advance (arguments, the tree item it was started from) and the answers so far, their order
// and step numbers, how each answer changes the others, each step's validation, and the
// answers the flow ends with. The editor layer only shows the step this module names.
import type { ScopeTarget } from '../edits/connectionEdits';
import { isValidConnectionId } from '../model/connectionId';
import { ACCESS_MODES, type AccessMode, type ConnectionKind, type Scope, type SecurityScheme } from '../model/model';
import { viewMessage, type ViewMessage } from '../findings/messages';
import { accessOf, offeredKeys, securityChoices, type NewConnectionAnswers, type ParameterInput } from './connectionForm';
import type { TreeNode } from './treeModel';

/** Answers given in advance (an argument object); what is given is not asked. */
export interface AddConnectionPresets extends Partial<NewConnectionAnswers> {
	readonly scope?: Scope;
	/** Components whose `uses` get the new ID (organization and project scope). */
	readonly addToUses?: readonly string[];
}

/** The answers so far; the steps change them as they are answered. */
export interface AddState {
	scope?: Scope;
	componentIndex?: number;
	kind?: ConnectionKind;
	id?: string;
	name?: string;
	description?: string;
	target?: string;
	access?: AccessMode;
	security?: SecurityScheme;
	oauthApp?: string;
	extraKeys: { key: string; secret: boolean }[];
	pickedKeys?: string[];
	values: Record<string, ParameterInput>;
	secretKeys: string[];
	addToUses?: string[];
}

/** A step of the flow: a question, or the value of one picked parameter (`value:<key>`). */
export type AddStep =
	| 'scope' | 'component' | 'kind' | 'id' | 'target' | 'access' | 'security' | 'oauthApp' | 'extraKeys' | 'keys' | 'uses'
	| `value:${string}`;

const PARAMETER_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_VALUE = 2000;

/** One run of the Add Connection flow: the presets, the answers so far, and the steps they leave to ask. */
export class AddConnectionFlow {
	readonly state: AddState;
	private readonly preset = new Set<string>();

	/**
	 * @param presets answers given in advance; with `argsMode` (an argument object was passed) only
	 * the steps for missing required answers are asked.
	 * @param place the scope (and component) the flow was started from, e.g. a tree node.
	 * @param componentCount components with an ID, which can own a connection or get it in `uses`.
	 */
	constructor(
		private readonly presets: AddConnectionPresets,
		private readonly argsMode: boolean,
		place: { scope?: Scope; componentIndex?: number },
		private readonly componentCount: number,
	) {
		const a = presets;
		this.state = {
			scope: place.scope ?? a.scope, componentIndex: place.componentIndex, kind: a.kind, id: a.id, name: a.name,
			description: a.description, target: a.target, access: a.access, security: a.security, oauthApp: a.oauthApp,
			extraKeys: [], values: { ...a.parameters }, secretKeys: [...(a.secretKeys ?? [])], addToUses: a.addToUses ? [...a.addToUses] : undefined,
			pickedKeys: a.parameters || a.secretKeys ? Object.keys(a.parameters ?? {}) : undefined,
		};
		const s = this.state;
		for (const [k, v] of Object.entries({ scope: s.scope, component: s.componentIndex, kind: s.kind, id: s.id, target: s.target })) {
			if (v !== undefined) {
				this.preset.add(k);
			}
		}
	}

	/** The steps to ask, in order, given the answers so far (the list changes with them). */
	steps(): AddStep[] {
		const s = this.state;
		const a = this.presets;
		const o: AddStep[] = [];
		const ask = (name: AddStep, when = true) => {
			if (when && !this.preset.has(name)) {
				o.push(name);
			}
		};
		ask('scope');
		ask('component', s.scope === 'component');
		ask('kind');
		ask('id');
		ask('target');
		if (!this.argsMode) {
			if (s.kind === 'service') {
				ask('access', a.access === undefined);
				ask('security', a.security === undefined);
				ask('oauthApp', s.security === 'oauth2' && a.oauthApp === undefined);
			}
			if (a.parameters === undefined && a.secretKeys === undefined) {
				ask('extraKeys', s.kind === 'third-party');
				ask('keys');
				// Before the keys are picked, count the ones preselected (every offered key): the total then only
				// shrinks when the user picks fewer, and the last step is never shown as "n/n" before its time.
				for (const key of s.pickedKeys ?? this.offeredKeys().map((k) => k.key)) {
					if (!this.isSecret(key)) {
						o.push(`value:${key}`);
					}
				}
			}
			ask('uses', s.scope !== 'component' && this.componentCount > 0 && a.addToUses === undefined);
		}
		return o;
	}

	/** The step counter of a step: its number (1-based; 0 when it is no longer asked) and the current total. */
	counter(step: AddStep): { step: number; total: number } {
		const o = this.steps();
		return { step: o.indexOf(step) + 1, total: o.length };
	}

	/** The step after `step` given the answers now, or undefined when the flow is done. */
	next(step: AddStep): AddStep | undefined {
		const o = this.steps();
		const i = o.indexOf(step);
		return i >= 0 && i + 1 < o.length ? o[i + 1] : undefined;
	}

	/** Whether a parameter is secret (a fixed secret key of the kind, or one marked with `*`). */
	isSecret(key: string): boolean {
		const s = this.state;
		return offeredKeys(s.kind ?? 'third-party').some((k) => k.key === key && k.secret) || s.extraKeys.some((k) => k.key === key && k.secret);
	}

	/** Where the new connection goes (project until a scope is chosen). */
	scopeTarget(): ScopeTarget {
		return { scope: this.state.scope ?? 'project', componentIndex: this.state.componentIndex };
	}

	/** A kind was chosen: another kind forgets the target (unless given) and the picked parameters. */
	answerKind(kind: ConnectionKind): void {
		if (kind !== this.state.kind) {
			this.state.target = this.preset.has('target') ? this.state.target : undefined;
			this.state.pickedKeys = undefined;
		}
		this.state.kind = kind;
	}

	/** An access mode was chosen: a security scheme it does not offer is forgotten. */
	answerAccess(access: AccessMode): void {
		this.state.access = access;
		if (!securityChoices(access).includes(this.state.security ?? 'none')) {
			this.state.security = undefined;
		}
	}

	/** The access mode the target implies (its last segment), if it is a valid service target. */
	impliedAccess(): AccessMode | undefined {
		return accessOf(this.state.target ?? '');
	}

	/** The access modes the access step offers: the one the target implies, or all. */
	accessChoices(): AccessMode[] {
		const implied = this.impliedAccess();
		return ACCESS_MODES.filter((a) => !implied || a === implied);
	}

	/** The security schemes the security step offers. */
	securityChoices(): SecurityScheme[] {
		return securityChoices(this.state.access ?? accessOf(this.state.target ?? ''));
	}

	/** The OAuth application step's answer: empty means none. */
	answerOAuthApp(text: string): void {
		this.state.oauthApp = text || undefined;
	}

	/** The extra third-party parameters as the step shows them: `AccountSid, AuthToken*`. */
	extraKeysText(): string {
		return this.state.extraKeys.map((k) => k.key + (k.secret ? '*' : '')).join(', ');
	}

	/** Extra parameters were given: the picked parameters are asked again. */
	answerExtraKeys(text: string): void {
		this.state.extraKeys = splitKeys(text);
		this.state.pickedKeys = undefined;
	}

	/** The parameters the keys step offers: the kind's, then the extra ones. */
	offeredKeys(): { key: string; secret: boolean }[] {
		return [...offeredKeys(this.state.kind ?? 'third-party'), ...this.state.extraKeys];
	}

	/** The text a value step starts with. */
	valueText(key: string): string {
		const current = this.state.values[key];
		return current === undefined || typeof current === 'object' ? '' : String(current);
	}

	/** A value was given: empty leaves the parameter out, a port number is written as a number. */
	answerValue(key: string, text: string): void {
		if (text === '') {
			delete this.state.values[key];
		} else {
			this.state.values[key] = key === 'Port' && /^\d{1,5}$/.test(text) ? Number(text) : text;
		}
	}

	/** The answers the flow ends with, or undefined when a required one is missing. */
	answers(): NewConnectionAnswers | undefined {
		const s = this.state;
		if (!s.kind || !s.id || !s.target || !s.scope) {
			return undefined;
		}
		const parameters: Record<string, ParameterInput> = {};
		for (const key of s.pickedKeys ?? []) {
			parameters[key] = this.isSecret(key) ? { secret: true } : s.values[key] ?? undefined as never;
			if (parameters[key] === undefined) {
				delete parameters[key];
			}
		}
		for (const [key, value] of Object.entries(s.values)) {
			if (!(key in parameters) && (this.argsMode || (s.pickedKeys ?? []).includes(key))) {
				parameters[key] = value;
			}
		}
		const secretKeys = [...s.secretKeys, ...s.extraKeys.filter((k) => k.secret && s.pickedKeys?.includes(k.key)).map((k) => k.key)];
		return {
			kind: s.kind, id: s.id, target: s.target, name: s.name, description: s.description,
			access: s.access, security: s.security, oauthApp: s.oauthApp,
			parameters: Object.keys(parameters).length ? parameters : undefined, secretKeys: secretKeys.length ? secretKeys : undefined,
		};
	}
}

/** The scope (and component) a tree node starts the flow in. */
export function placeOfNode(n: TreeNode): { scope?: Scope; componentIndex?: number } {
	if (n.kind === 'organization' || n.kind === 'project') {
		return { scope: n.kind };
	}
	if ((n.kind === 'component' || n.kind === 'connection') && n.component) {
		return { scope: 'component', componentIndex: n.component.index };
	}
	if (n.kind === 'connection' && n.scope) {
		return { scope: n.scope };
	}
	return {};
}

/** `AccountSid, AuthToken*` as keys; a trailing `*` marks a secret. */
export function splitKeys(text: string): { key: string; secret: boolean }[] {
	return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => ({ key: s.replace(/\*$/, '').trim(), secret: s.endsWith('*') }));
}

/** Why the extra-parameters text is not acceptable, or undefined. */
export function extraKeysError(text: string): ViewMessage | undefined {
	return splitKeys(text).find((k) => !PARAMETER_KEY.test(k.key)) ? viewMessage('parameter-key') : undefined;
}

/** Why an OAuth application name is not acceptable (empty is: it means none), or undefined. */
export function oauthAppError(name: string): ViewMessage | undefined {
	return name && !isValidConnectionId(name) ? viewMessage('oauth-app-name') : undefined;
}

/** Why a parameter value is not acceptable, or undefined. */
export function valueError(text: string, key?: string): ViewMessage | undefined {
	if (text.length > MAX_VALUE) {
		return viewMessage('too-long', { max: MAX_VALUE });
	}
	// Checked while typing: a database's Port is a whole number (empty leaves it out).
	if (key === 'Port' && text.trim() !== '' && !(/^\s*\d{1,5}\s*$/.test(text) && Number(text) >= 1 && Number(text) <= 65535)) {
		return viewMessage('not-a-port');
	}
	return undefined;
}
