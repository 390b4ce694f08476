// Waiting helpers for integration tests: poll a condition against a deadline, never sleep blindly.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Ready<T> = Exclude<T, undefined | null | false>;

/** Polls probe until it returns something other than undefined, null or false. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, ms = 10000, intervalMs = 100): Promise<Ready<T>> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await probe();
		if (v !== undefined && v !== null && v !== false) return v as Ready<T>;
		if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

/**
 * Calls fn until it stops throwing (e.g. TreeView.reveal while the tree loads); rethrows the last error.
 * An attempt that has not settled after `attemptMs` counts as failed, so one call that never settles
 * (reveal on a loaded machine) is retried instead of eating the test's whole timeout.
 */
export async function retry<T>(fn: () => T | Promise<T>, what: string, ms = 10000, intervalMs = 200, attemptMs = 5000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		let timer: ReturnType<typeof setTimeout> | undefined;
		try {
			const hung = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${attemptMs} ms`)), attemptMs); });
			return await Promise.race([Promise.resolve(fn()), hung]);
		} catch (e) {
			if (Date.now() > end) throw new Error(`${what} still failing after ${ms} ms: ${e instanceof Error ? e.message : String(e)}`);
		} finally {
			clearTimeout(timer);
		}
		await sleep(intervalMs);
	}
}

/** A diagnostic's code as text, whether it is a string or a `{ value, target }` link. */
export function codeOf(d: { code?: string | number | { value: string | number } }): string {
	return String(typeof d.code === 'object' ? d.code.value : d.code);
}
