// `connections validate [path...]`: the editor's validator on the command line, for CI.
import fs from 'node:fs';
import path from 'node:path';
import { messageFor } from '../core/findings/messages';
import { CONNECTIONS_FILE } from '../core/analysis/project';
import { PROBLEM_CODES, ruleHelpUri, type Problem, type ProblemCode, type Severity } from '../core/findings/problems';
import { LineIndex } from '../core/text/text';
import { problem } from '../core/findings/problems';
import { choreoFilePath } from '../core/platform/choreoFiles';
import { checkChoreoFiles } from '../core/platform/sourceConfig';
import { IMPORT_USAGE, importCommand } from './importCommand';
import { RUN_USAGE, runCommand } from './runCommands';
import { findChoreoFiles, isRegularFileInside, loadRepository, UsageError } from './loadRepository';

declare const CLI_VERSION: string | undefined;

export interface Finding {
	readonly file: string;
	readonly line: number;
	readonly column: number;
	readonly endLine: number;
	readonly endColumn: number;
	readonly offset: number;
	readonly length: number;
	readonly severity: Severity;
	readonly code: ProblemCode;
	readonly message: string;
}

const USAGE = `Usage: connections validate [path...] [--format text|json|sarif]

Checks connections.json files with the same rules as the editor.
  path     a folder (its connections.json and the component source under it)
           or a connections.json file (that file alone); default: .
  --format text (default), json or sarif
Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

function toFindings(file: string, text: string, problems: readonly Problem[]): Finding[] {
	const lines = new LineIndex(text);
	return problems.map((p) => {
		const start = lines.positionAt(p.offset);
		const end = lines.positionAt(p.offset + p.length);
		return {
			file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
			offset: p.offset, length: p.length, severity: p.severity, code: p.code, message: messageFor(p.code, p.args),
		};
	});
}

/** A folder with `.choreo` files and no connections.json: the platform's rules on those files, and one note. */
function validateChoreoOnly(folder: string, cwd: string): Finding[] {
	const { files, refused } = findChoreoFiles(folder);
	if (!files.length) {
		throw new UsageError(`no ${CONNECTIONS_FILE} in ${folder}, and no .choreo files under it`);
	}
	const rel = (f: string) => path.relative(cwd, path.join(folder, f)).split(path.sep).join('/') || f;
	const findings: Finding[] = [];
	for (const r of refused) {
		findings.push(...toFindings(rel(r.file), '', [problem('unreadable-file', 0, 0, { error: r.error })]));
	}
	const texts = new Map(files.map((f) => [choreoFilePath(f), f.text]));
	const exists = (component: string, p: string) => isRegularFileInside(folder, path.join(folder, component, p));
	for (const [file, problems] of checkChoreoFiles(files, exists)) {
		findings.push(...toFindings(rel(file), texts.get(file) ?? '', problems));
	}
	findings.push(...toFindings(rel(CONNECTIONS_FILE), '', [problem('no-connections-file', 0, 0, { folder: rel('.') })]));
	return findings;
}

/** Validates one path (folder or connections.json) and returns its findings, file paths relative to `cwd`. */
export function validatePath(target: string, cwd: string): Finding[] {
	let connectionsFile = target;
	let withSources = false;
	let stat: fs.Stats | undefined;
	try {
		stat = fs.statSync(target);
	} catch {
		throw new UsageError(`no such file or folder: ${target}`);
	}
	if (stat.isDirectory()) {
		connectionsFile = path.join(target, CONNECTIONS_FILE);
		withSources = true;
		if (!fs.existsSync(connectionsFile)) {
			return validateChoreoOnly(target, cwd);
		}
	}
	const repo = loadRepository(connectionsFile, withSources);
	const rel = (f: string) => path.relative(cwd, path.join(repo.root, f)).split(path.sep).join('/') || f;
	const findings: Finding[] = [];
	for (const [file, problems] of repo.readProblems) {
		findings.push(...toFindings(rel(file), '', problems));
	}
	if (!repo.readProblems.has(CONNECTIONS_FILE)) {
		for (const [file, problems] of repo.project.analyze()) {
			if (problems.length) {
				findings.push(...toFindings(rel(file), repo.texts.get(file) ?? '', problems));
			}
		}
	}
	return findings;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function sarif(findings: Finding[], version: string): unknown {
	const codes = [...new Set(findings.map((f) => f.code))].sort();
	return {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: {
				driver: {
					name: 'connections', version, informationUri: 'https://github.com/connections-tools/choreo-connections',
					rules: codes.map((id) => ({
						id, defaultConfiguration: { level: SARIF_LEVEL[PROBLEM_CODES[id]] },
						helpUri: ruleHelpUri(id),
					})),
				},
			},
			results: findings.map((f) => ({
				ruleId: f.code,
				level: SARIF_LEVEL[f.severity],
				message: { text: f.message },
				locations: [{
					physicalLocation: {
						artifactLocation: { uri: f.file },
						region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, charOffset: f.offset, charLength: f.length },
					},
				}],
			})),
		}],
	};
}

function text(findings: Finding[]): string {
	const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.code}] ${f.message}`);
	const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
	lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info') + count('hint')} hint(s)`);
	return lines.join('\n');
}

/** Runs the command line; returns the exit code. Output goes through the given writers. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
	const version = typeof CLI_VERSION === 'string' ? CLI_VERSION : '0.0.0';
	const args = [...argv];
	const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
	if (own.includes('--help') || own.includes('-h')) {
		out(args[0] === 'import' ? IMPORT_USAGE : args[0] === 'env' || args[0] === 'run' ? RUN_USAGE : `${USAGE}\n\n${IMPORT_USAGE}\n\n${RUN_USAGE}`);
		return 0;
	}
	if (own.includes('--version')) {
		out(version);
		return 0;
	}
	const command = args.shift();
	if (command === 'import') {
		try {
			return importCommand(args, out, err, cwd);
		} catch (e) {
			err(`connections: ${e instanceof UsageError ? e.message : `unexpected failure: ${(e as Error).message}`}`);
			return 2;
		}
	}
	if (command === 'env' || command === 'run') {
		try {
			return runCommand(command, args, out, err, cwd);
		} catch (e) {
			err(`connections: ${e instanceof UsageError ? e.message : `unexpected failure: ${(e as Error).message}`}\n${e instanceof UsageError ? RUN_USAGE : ''}`.trimEnd());
			return 2;
		}
	}
	if (command !== 'validate') {
		err(command ? `connections: unknown command "${command}"\n${USAGE}` : USAGE);
		return 2;
	}
	let format = 'text';
	const paths: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--format' || a.startsWith('--format=')) {
			format = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i] ?? '';
			if (!['text', 'json', 'sarif'].includes(format)) {
				err(`connections: --format must be text, json or sarif, not "${format}"`);
				return 2;
			}
		} else if (a.startsWith('-')) {
			err(`connections: unknown option "${a}"\n${USAGE}`);
			return 2;
		} else {
			paths.push(a);
		}
	}
	const findings: Finding[] = [];
	try {
		for (const p of paths.length ? paths : ['.']) {
			findings.push(...validatePath(path.resolve(cwd, p), cwd));
		}
	} catch (e) {
		err(`connections: ${e instanceof UsageError ? e.message : `unexpected failure: ${(e as Error).message}`}`);
		return 2;
	}
	if (format === 'json') {
		out(JSON.stringify(findings, null, 2));
	} else if (format === 'sarif') {
		out(JSON.stringify(sarif(findings, version), null, 2));
	} else {
		out(text(findings));
	}
	return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
	process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
}
