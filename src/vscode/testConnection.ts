// Test Connection: for the active environment, reach a service's URL, fetch an OAuth2 client-credentials token
// when it has a token URL, or open a TCP connection to a database, each with a timeout and a result of its own
// (core/run/checks.ts plans them and reads the answers). Refused in code in Restricted Mode (T1). A stored secret
// goes only to the origin the user agreed to for it (S4): when connections.json moves a token URL elsewhere, we
// ask again. No message and no log line carries a value: targets are shown without user info or query.
import * as vscode from 'vscode';
import { CHECK_KEYS, checkOrigin, checkTarget, planChecks, readTokenResponse, tokenRequest, type Check, type CheckGap, type KeyValue } from '../core/run/checks';
import { parameterValue } from '../core/run/materialize';
import type { Connection } from '../core/model/model';
import { isSecretKey, keysOf, kindOf } from '../core/model/scope';
import { argsOf, resolveConnection, type ConnectionSelector } from './connectionActions';
import { CommandId } from './commandIds';
import { Disposable } from './dispose';
import { secretStorageFailure } from './secretStore';
import type { Services, TcpOutcome } from './services';
import type { Repository } from './workspaceModel';

/** Arguments of Test Connection (tests, other extensions); `sendSecrets: true` answers the S4 question in advance. */
export interface TestConnectionArgs extends ConnectionSelector {
	readonly environment?: string;
	readonly sendSecrets?: boolean;
}

export interface CheckResult {
	readonly check: Check['kind'];
	readonly target: string;
	readonly ok: boolean;
	readonly message: string;
}

/** What the command resolves to (for tests and other extensions): no value in it. */
export interface TestConnectionResult {
	readonly connectionId: string;
	readonly environment: string;
	readonly results: readonly CheckResult[];
	readonly gaps: readonly CheckGap[];
}

const ORIGINS_KEY = 'connections.secretOrigins';
/** The most of a token response that is read; the rest is never downloaded. */
const MAX_BODY = 64 * 1024;

function timeoutMs(): number {
	const s = vscode.workspace.getConfiguration('connections').get<number>('testConnection.timeout', 10);
	return Math.min(Math.max(Number.isFinite(s) ? s : 10, 1), 120) * 1000;
}

/** A network error as a few words: never the error's own text, which can quote the URL. */
function networkReason(e: unknown, ms: number): string {
	const name = e instanceof Error ? e.name : '';
	if (name === 'TimeoutError' || name === 'AbortError') {
		return vscode.l10n.t('no answer within {0} s', ms / 1000);
	}
	const code = (e as { cause?: { code?: unknown } })?.cause?.code;
	switch (code) {
		case 'ECONNREFUSED': return vscode.l10n.t('connection refused');
		case 'ENOTFOUND': case 'EAI_AGAIN': return vscode.l10n.t('host not found');
		case 'ECONNRESET': return vscode.l10n.t('connection reset');
		case 'CERT_HAS_EXPIRED': case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': case 'SELF_SIGNED_CERT_IN_CHAIN':
			return vscode.l10n.t('TLS certificate not trusted');
		default: return vscode.l10n.t('network error');
	}
}

function tcpReason(o: Exclude<TcpOutcome, { ok: true }>, ms: number): string {
	switch (o.reason) {
		case 'refused': return vscode.l10n.t('connection refused');
		case 'timeout': return vscode.l10n.t('no answer within {0} s', ms / 1000);
		case 'not-found': return vscode.l10n.t('host not found');
		default: return vscode.l10n.t('network error');
	}
}

/** Reads at most MAX_BODY bytes of a response body. */
async function cappedText(res: Response): Promise<string> {
	const reader = res.body?.getReader();
	if (!reader) {
		return '';
	}
	const chunks: Uint8Array[] = [];
	let size = 0;
	while (size < MAX_BODY) {
		const { done, value } = await reader.read();
		if (done) {
			break;
		}
		chunks.push(value);
		size += value.length;
	}
	void reader.cancel().catch(() => undefined);
	const all = new Uint8Array(Math.min(size, MAX_BODY));
	let at = 0;
	for (const c of chunks) {
		const part = c.subarray(0, all.length - at);
		all.set(part, at);
		at += part.length;
	}
	return new TextDecoder().decode(all);
}

function gapWords(g: CheckGap): string {
	switch (g.reason) {
		case 'secret-not-set': return vscode.l10n.t('{0} (secret not set)', g.key);
		case 'no-value': return vscode.l10n.t('{0} (no value)', g.key);
		case 'not-http-url': return vscode.l10n.t('{0} (not an http or https URL)', g.key);
		case 'not-a-port': return vscode.l10n.t('{0} (not a port number)', g.key);
	}
}

class TestConnection extends Disposable {
	constructor(private readonly services: Services, private readonly state: vscode.Memento) {
		super();
		this._register(vscode.commands.registerCommand(CommandId.TestConnection, (arg: unknown) => this.run(arg)));
	}

	/** Each key the checks read, with its value for the environment: the file's, else a stored secret (that environment's, then every environment's). */
	private async values(repo: Repository, c: Connection, environment: string): Promise<Map<string, KeyValue>> {
		const out = new Map<string, KeyValue>();
		for (const key of keysOf(c).filter((k) => CHECK_KEYS.has(k))) {
			const plain = parameterValue(c, key, environment);
			if (plain !== undefined) {
				out.set(key, { value: plain });
			} else if (isSecretKey(c, key)) {
				const address = { repository: repo.folder, connectionId: c.id, key };
				const value = (await this.services.secrets.get({ ...address, environment })) ?? (await this.services.secrets.get(address));
				out.set(key, value === undefined ? { missing: 'secret-not-set' } : { value });
			} else {
				out.set(key, { missing: 'no-value' });
			}
		}
		return out;
	}

	private originKey(repo: Repository, c: Connection, environment: string): string {
		return JSON.stringify([repo.folder.toString(), c.id, environment]);
	}

	/** S4: the stored secrets of a token check go to its origin only when the user agreed to that origin. */
	private async mayGiveSecrets(repo: Repository, c: Connection, environment: string, check: Check, answered: boolean | undefined): Promise<boolean> {
		const origins = { ...(this.state.get<Record<string, string>>(ORIGINS_KEY) ?? {}) };
		const key = this.originKey(repo, c, environment);
		const origin = checkOrigin(check);
		if (origins[key] === origin) {
			return true;
		}
		let yes = answered === true;
		if (answered === undefined) {
			const send = vscode.l10n.t('Send');
			const detail = origins[key] === undefined
				? vscode.l10n.t('The token URL comes from connections.json, which the repository controls.')
				: vscode.l10n.t('connections.json changed the token URL since you last agreed (it was {0}).', origins[key]);
			yes = (await vscode.window.showWarningMessage(vscode.l10n.t('Send the client credentials of "{0}" ({1}) to {2} to fetch a token?', c.id, environment, origin), { modal: true, detail }, send)) === send;
		}
		if (yes) {
			origins[key] = origin;
			await this.state.update(ORIGINS_KEY, origins);
		}
		return yes;
	}

	private async runCheck(check: Check, ms: number, cancel: AbortSignal): Promise<CheckResult> {
		const target = checkTarget(check);
		const started = performance.now();
		const elapsed = () => Math.round(performance.now() - started);
		const signal = AbortSignal.any([AbortSignal.timeout(ms), cancel]);
		if (check.kind === 'tcp') {
			if (!this.services.tcp) {
				return { check: check.kind, target, ok: false, message: vscode.l10n.t('{0}: a TCP check needs a desktop or remote editor (the browser cannot open one)', target) };
			}
			const o = await this.services.tcp(check.host, check.port, ms, cancel);
			return o.ok
				? { check: check.kind, target, ok: true, message: vscode.l10n.t('{0} accepted a TCP connection in {1} ms', target, elapsed()) }
				: { check: check.kind, target, ok: false, message: vscode.l10n.t('{0}: {1}', target, tcpReason(o, ms)) };
		}
		try {
			if (check.kind === 'http') {
				const res = await fetch(check.url, { method: 'GET', redirect: 'manual', signal });
				void res.body?.cancel().catch(() => undefined);
				return res.status >= 500
					? { check: check.kind, target, ok: false, message: vscode.l10n.t('{0} answered HTTP {1} (a server error) in {2} ms', target, res.status, elapsed()) }
					: { check: check.kind, target, ok: true, message: vscode.l10n.t('{0} answered HTTP {1} in {2} ms', target, res.status, elapsed()) };
			}
			const req = tokenRequest(check);
			const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal });
			const reading = readTokenResponse(res.status, await cappedText(res));
			if (reading.ok) {
				return { check: check.kind, target, ok: true, message: vscode.l10n.t('{0} issued a token in {1} ms', target, elapsed()) };
			}
			return { check: check.kind, target, ok: false, message: reading.error
				? vscode.l10n.t('{0} gave no token (HTTP {1}, {2})', target, res.status, reading.error)
				: vscode.l10n.t('{0} gave no token (HTTP {1})', target, res.status) };
		} catch (e) {
			return { check: check.kind, target, ok: false, message: vscode.l10n.t('{0}: {1}', target, networkReason(e, ms)) };
		}
	}

	private async run(arg: unknown): Promise<TestConnectionResult | undefined> {
		if (!vscode.workspace.isTrusted) {
			void vscode.window.showWarningMessage(vscode.l10n.t('Test Connection reaches the network with the connection\'s values: trust the workspace first. Nothing was sent.'));
			return undefined;
		}
		const args = argsOf<TestConnectionArgs>(arg);
		const resolved = await resolveConnection(this.services.model, arg, (c) => kindOf(c) !== undefined);
		if (!resolved) {
			return undefined;
		}
		const { repo, connection: c } = resolved;
		const environment = args?.environment ?? this.services.environments.activeOf(repo);
		let values: Map<string, KeyValue>;
		try {
			values = await this.values(repo, c, environment);
		} catch (e) {
			void vscode.window.showErrorMessage(secretStorageFailure(e));
			return undefined;
		}
		const plan = planChecks(c, (key) => values.get(key) ?? { missing: 'no-value' });
		const log = this.services.log;
		log.info(`Test Connection "${c.id}" (${environment}): ${plan.checks.length} check(s)${plan.gaps.length ? `, not checked: ${plan.gaps.map((g) => `${g.key} ${g.reason}`).join(', ')}` : ''}`);
		const ms = timeoutMs();
		const results: CheckResult[] = [];
		await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing "{0}" ({1})…', c.id, environment), cancellable: true }, async (progress, token) => {
			const cancel = new AbortController();
			token.onCancellationRequested(() => cancel.abort());
			for (const check of plan.checks) {
				if (check.kind === 'token' && !(await this.mayGiveSecrets(repo, c, environment, check, args?.sendSecrets))) {
					results.push({ check: check.kind, target: checkTarget(check), ok: false, message: vscode.l10n.t('{0}: not asked for a token (you did not agree to send the client credentials there)', checkTarget(check)) });
					continue;
				}
				progress.report({ message: checkTarget(check) });
				const r = await this.runCheck(check, ms, cancel.signal);
				(r.ok ? log.info : log.warn).call(log, `  ${r.ok ? 'ok' : 'failed'}: ${r.message}`);
				results.push(r);
			}
		});
		this.report(repo, c, environment, results, plan.gaps);
		return { connectionId: c.id, environment, results, gaps: plan.gaps };
	}

	private report(repo: Repository, c: Connection, environment: string, results: readonly CheckResult[], gaps: readonly CheckGap[]): void {
		const passed = results.filter((r) => r.ok).length;
		const parts = results.map((r) => `${r.ok ? '✓' : '✗'} ${r.message}`);
		if (gaps.length) {
			parts.push(vscode.l10n.t('not checked: {0}', gaps.map(gapWords).join(', ')));
		}
		const head = results.length
			? vscode.l10n.t('"{0}" ({1}): {2} of {3} check(s) passed.', c.id, environment, passed, results.length)
			: vscode.l10n.t('"{0}" ({1}): nothing could be checked.', c.id, environment);
		const text = `${head} ${parts.join('; ')}`;
		const unset = gaps.find((g) => g.reason === 'secret-not-set');
		const setSecret = vscode.l10n.t('Set Secret Value...');
		const showLog = vscode.l10n.t('Show Log');
		const buttons = unset ? [setSecret, showLog] : [showLog];
		const shown = passed === results.length && results.length && !gaps.length
			? vscode.window.showInformationMessage(text, showLog)
			: vscode.window.showWarningMessage(text, ...buttons);
		void shown.then((b) => {
			if (b === showLog) {
				this.services.log.show(true);
			} else if (b === setSecret && unset) {
				void vscode.commands.executeCommand(CommandId.SetSecretValue, { repository: repo.folder, connectionId: c.id, scope: c.scope, componentId: c.componentId, key: unset.key, environment });
			}
		});
	}
}

export function registerTestConnection(services: Services, state: vscode.Memento): vscode.Disposable {
	return new TestConnection(services, state);
}
