// Types of the standalone validator that scripts/generateSchema.mjs writes at build time.
export interface AjvError {
	instancePath: string;
	schemaPath: string;
	keyword: string;
	params: Record<string, unknown>;
	message?: string;
	parentSchema?: Record<string, unknown>;
}
declare const validate: ((data: unknown) => boolean) & { errors?: AjvError[] | null };
export default validate;
