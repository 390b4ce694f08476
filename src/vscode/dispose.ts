import * as vscode from 'vscode';

/** Disposes every item, collecting nothing and throwing nothing. */
export function disposeAll(items: Iterable<vscode.Disposable>): void {
	for (const d of items) {
		try {
			d.dispose();
		} catch {
			// One failing disposal must not keep the others alive.
		}
	}
}

/** Base for classes that own listeners: everything `_register`ed is disposed with the object. */
export abstract class Disposable implements vscode.Disposable {
	private readonly _disposables: vscode.Disposable[] = [];
	private _isDisposed = false;

	dispose(): void {
		if (!this._isDisposed) {
			this._isDisposed = true;
			disposeAll(this._disposables.splice(0));
		}
	}

	protected get isDisposed(): boolean {
		return this._isDisposed;
	}

	protected _register<T extends vscode.Disposable>(d: T): T {
		if (this._isDisposed) {
			d.dispose();
		} else {
			this._disposables.push(d);
		}
		return d;
	}
}

/**
 * Resolves to `probe()`'s first value that is not undefined: now, or after one of `event`'s firings; undefined
 * after `ms` (the listener is removed either way).
 */
export function whenDefined<T, E>(event: vscode.Event<E>, probe: (e?: E) => T | undefined, ms: number): Promise<T | undefined> {
	const now = probe();
	if (now !== undefined) {
		return Promise.resolve(now);
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => { sub.dispose(); resolve(undefined); }, ms);
		const sub = event((e) => {
			const v = probe(e);
			if (v !== undefined) {
				clearTimeout(timer);
				sub.dispose();
				resolve(v);
			}
		});
	});
}
