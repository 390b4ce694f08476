// `connections env <component>` prints a component's run environment; `connections run <component> -- cmd`
// runs a command with it. Both read connections.json and the .choreo files as the editor does (core/run);
// secret values come from --secrets-file or the process environment and go to stdout only in `env`'s output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { parseDotenv } from '../core/run/dotenv';
import { defaultEnvironment } from '../core/model/model';
import { isMaterializeError, materialize, type RunEnvironment, type SecretLookup } from '../core/run/materialize';
import { missingReason, renderDotenv, renderJson, renderShell, toRecord } from '../core/run/render';
import { printable } from '../core/text/text';
import { loadRepository, UsageError } from './loadRepository';

export const RUN_USAGE = `Usage: connections env <component> [--environment E] [--format dotenv|shell|json] [options]
       connections run <component> [--environment E] [options] -- <command> [args...]

Prints (env) or runs a command with (run) the variables the platform would inject into the component:
every connection it gets, named as component.yaml and connections.json rename them.
  --environment E      one of connections.json "environments" (default: the first)
  --format F           env only: dotenv (default), shell or json
  --folder DIR         the folder holding connections.json (default: .)
  --secrets-file F     a dotenv file of secret values by variable name; else the process environment
  --strict             a missing value is an error (exit 1; run does not start the command)
Missing values are listed on stderr (names and reasons, never values).
Exit status: env 0 (1 with --strict and missing values), run the command's own status; 2 bad usage.`;

interface RunArgs {
	readonly component: string;
	readonly environment?: string;
	readonly format: 'dotenv' | 'shell' | 'json';
	readonly folder: string;
	readonly secretsFile?: string;
	readonly strict: boolean;
	readonly command: readonly string[];
}

function parseArgs(verb: 'env' | 'run', argv: readonly string[]): RunArgs {
	const dash = argv.indexOf('--');
	const own = dash < 0 ? [...argv] : argv.slice(0, dash);
	const command = dash < 0 ? [] : argv.slice(dash + 1);
	const positional: string[] = [];
	const o: { environment?: string; format: string; folder: string; secretsFile?: string; strict: boolean } = { format: 'dotenv', folder: '.', strict: false };
	for (let i = 0; i < own.length; i++) {
		const a = own[i];
		const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => {
			const v = inline ?? own[++i];
			if (v === undefined || v === '') {
				throw new UsageError(`${flag} needs a value`);
			}
			return v;
		};
		switch (flag) {
			case '--environment': o.environment = value(); break;
			case '--format': o.format = value(); break;
			case '--folder': o.folder = value(); break;
			case '--secrets-file': o.secretsFile = value(); break;
			case '--strict': o.strict = true; break;
			default:
				if (a.startsWith('-')) {
					throw new UsageError(`unknown option "${printable(a)}"`);
				}
				positional.push(a);
		}
	}
	if (positional.length !== 1) {
		throw new UsageError(`${verb} takes one component ID`);
	}
	if (!['dotenv', 'shell', 'json'].includes(o.format) || (verb === 'run' && o.format !== 'dotenv')) {
		throw new UsageError(verb === 'run' ? '--format is for env only' : `--format must be dotenv, shell or json, not "${printable(o.format)}"`);
	}
	if (verb === 'run' && !command.length) {
		throw new UsageError('run needs a command after --');
	}
	if (verb === 'env' && command.length) {
		throw new UsageError('env takes no command; use run');
	}
	return { component: positional[0], ...o, format: o.format as RunArgs['format'], command };
}

/** Secret values by variable name: the secrets file when given, else the process environment. */
function secretLookup(args: RunArgs, cwd: string, env: NodeJS.ProcessEnv, err: (s: string) => void): SecretLookup {
	if (!args.secretsFile) {
		return (q) => env[q.variable];
	}
	const file = path.resolve(cwd, args.secretsFile);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		throw new UsageError(`cannot read the secrets file ${printable(file)}`);
	}
	const parsed = parseDotenv(text);
	if (parsed.badLines.length) {
		err(`connections: ${printable(args.secretsFile)}: line(s) ${parsed.badLines.join(', ')} are not NAME=value and were skipped`);
	}
	return (q) => parsed.values.get(q.variable);
}

function environmentFor(args: RunArgs, cwd: string, env: NodeJS.ProcessEnv, err: (s: string) => void): RunEnvironment {
	const connectionsFile = path.join(path.resolve(cwd, args.folder), CONNECTIONS_FILE);
	if (!fs.existsSync(connectionsFile)) {
		throw new UsageError(`no ${CONNECTIONS_FILE} in ${printable(path.dirname(connectionsFile))}`);
	}
	const repo = loadRepository(connectionsFile, true);
	if (repo.readProblems.has(CONNECTIONS_FILE) || repo.project.parsed.editRefusal) {
		throw new UsageError(`${printable(connectionsFile)} cannot be read as it is (run connections validate)`);
	}
	const environment = args.environment ?? defaultEnvironment(repo.project.index.model);
	const result = materialize(repo.project, args.component, environment, secretLookup(args, cwd, env, err));
	if (isMaterializeError(result)) {
		const what = result.error === 'no-component' ? `no component "${printable(args.component)}"` : `no environment "${printable(environment)}"`;
		throw new UsageError(`${what} in ${CONNECTIONS_FILE}; known: ${result.known.map((k) => printable(k)).join(', ') || 'none'}`);
	}
	for (const v of result.missing) {
		err(`connections: missing ${printable(v.name)} (${missingReason(v)}: ${printable(v.connectionId)} ${v.key})`);
	}
	return result;
}

/** `connections env` and `connections run`; returns the exit code. */
export function runCommand(verb: 'env' | 'run', argv: readonly string[], out: (s: string) => void, err: (s: string) => void, cwd: string, env: NodeJS.ProcessEnv = process.env): number {
	const args = parseArgs(verb, argv);
	const result = environmentFor(args, cwd, env, err);
	if (args.strict && result.missing.length) {
		err(`connections: ${result.missing.length} variable(s) missing (--strict)${verb === 'run' ? '; the command was not run' : ''}`);
		return 1;
	}
	if (verb === 'env') {
		const text = args.format === 'json' ? renderJson(result) : args.format === 'shell' ? renderShell(result) : renderDotenv(result, { source: CONNECTIONS_FILE, secrets: true });
		out(text.replace(/\n$/, ''));
		return 0;
	}
	const [command, ...rest] = args.command;
	const child = spawnSync(command, rest, { cwd, env: { ...env, ...toRecord(result) }, stdio: 'inherit' });
	if (child.error) {
		err(`connections: cannot run ${printable(command)}: ${(child.error as NodeJS.ErrnoException).code ?? child.error.message}`);
		return 127;
	}
	if (child.signal) {
		const signals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
		return 128 + (signals[child.signal] ?? 0);
	}
	return child.status ?? 1;
}
