// The platform's files in a component's `.choreo/` folder and the precedence it reads them in.

/** Highest precedence first: the platform reads the first one present and ignores the others. */
export const CHOREO_FILES = ['component.yaml', 'component-config.yaml', 'endpoints.yaml'] as const;
export type ChoreoFileName = (typeof CHOREO_FILES)[number];

/** A glob of every `.choreo` file of a repository. */
export const CHOREO_GLOB = `**/.choreo/{${CHOREO_FILES.join(',')}}`;

export interface ChoreoFile {
	/** The component's folder, repository-relative and '/'-separated ('' for the repository root). */
	readonly folder: string;
	readonly name: ChoreoFileName;
	readonly text: string;
}

/**
 * The largest `.choreo` file read, in bytes: the YAML reader's own cap is 128 Ki characters, and a UTF-8
 * character takes at most three bytes. Anything larger is refused before it is read.
 */
export const MAX_CHOREO_FILE_BYTES = 3 * 128 * 1024;

/** The repository-relative path of a `.choreo` file ('/'-separated). */
export function choreoFilePath(f: { readonly folder: string; readonly name: ChoreoFileName }): string {
	return `${f.folder ? f.folder + '/' : ''}.choreo/${f.name}`;
}

/** The component folder and file name of a repository-relative path of a `.choreo` file, or undefined for any other path. */
export function choreoFileOfPath(path: string): { folder: string; name: ChoreoFileName } | undefined {
	const parts = path.split('/');
	const name = parts.pop() as ChoreoFileName;
	if (parts.pop() !== '.choreo' || !(CHOREO_FILES as readonly string[]).includes(name)) {
		return undefined;
	}
	return { folder: parts.join('/'), name };
}

/** The file of a folder the platform reads, of those present. */
export function readByPlatform(present: readonly ChoreoFileName[]): ChoreoFileName | undefined {
	return CHOREO_FILES.find((n) => present.includes(n));
}

/** The lower-precedence files of one folder that the platform does not read, and the file it reads instead. */
export function shadowedFiles(present: readonly ChoreoFileName[]): { file: ChoreoFileName; by: ChoreoFileName }[] {
	const top = readByPlatform(present);
	return top ? CHOREO_FILES.filter((n) => n !== top && present.includes(n)).map((file) => ({ file, by: top })) : [];
}
