// The platform's files in a component's `.choreo/` folder and the precedence it reads them in.

/** Highest precedence first: the platform reads the first one present and ignores the others. */
export const CHOREO_FILES = ['component.yaml', 'component-config.yaml', 'endpoints.yaml'] as const;
export type ChoreoFileName = (typeof CHOREO_FILES)[number];

export interface ChoreoFile {
	/** The component's folder, repository-relative and '/'-separated ('' for the repository root). */
	readonly folder: string;
	readonly name: ChoreoFileName;
	readonly text: string;
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
